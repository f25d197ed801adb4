package dev.dendrite.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes a sequence of frames as an animated GIF that loops forever, with the JDK's own GIF writer
 * (javax.imageio), atomically.
 */
public final class Gif {
  private Gif() {}

  /**
   * Writes {@code frames} to {@code file}, each shown for {@code delayMs} milliseconds (GIF counts
   * in hundredths of a second, so the delay is rounded to 10 ms, at least 20 ms).
   */
  public static void write(Path file, List<BufferedImage> frames, int delayMs) throws IOException {
    if (frames.isEmpty()) throw new IllegalArgumentException(file + ": no frames to write");
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    int hundredths = Math.max(2, Math.round(delayMs / 10f));
    AtomicFiles.write(
        file,
        out -> {
          try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < frames.size(); i++) {
              BufferedImage f = frames.get(i);
              ImageWriteParam param = writer.getDefaultWriteParam();
              IIOMetadata meta =
                  writer.getDefaultImageMetadata(
                      ImageTypeSpecifier.createFromRenderedImage(f), param);
              configure(meta, hundredths, i == 0);
              writer.writeToSequence(new IIOImage(f, null, meta), param);
            }
            writer.endWriteSequence();
          } finally {
            writer.dispose();
          }
        });
  }

  private static void configure(IIOMetadata meta, int hundredths, boolean first)
      throws IOException {
    String format = meta.getNativeMetadataFormatName();
    IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
    IIOMetadataNode gce = child(root, "GraphicControlExtension");
    gce.setAttribute("disposalMethod", "none");
    gce.setAttribute("userInputFlag", "FALSE");
    gce.setAttribute("transparentColorFlag", "FALSE");
    gce.setAttribute("delayTime", Integer.toString(hundredths));
    gce.setAttribute("transparentColorIndex", "0");
    if (first) {
      // The NETSCAPE2.0 extension with a loop count of 0: repeat forever.
      IIOMetadataNode apps = child(root, "ApplicationExtensions");
      IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
      app.setAttribute("applicationID", "NETSCAPE");
      app.setAttribute("authenticationCode", "2.0");
      app.setUserObject(new byte[] {1, 0, 0});
      apps.appendChild(app);
    }
    meta.setFromTree(format, root);
  }

  private static IIOMetadataNode child(IIOMetadataNode root, String name) {
    for (int i = 0; i < root.getLength(); i++)
      if (root.item(i).getNodeName().equalsIgnoreCase(name)) return (IIOMetadataNode) root.item(i);
    IIOMetadataNode node = new IIOMetadataNode(name);
    root.appendChild(node);
    return node;
  }
}
