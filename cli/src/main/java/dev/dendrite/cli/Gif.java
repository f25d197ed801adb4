package dev.dendrite.cli;

import dev.dendrite.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/** Animated GIFs through javax.imageio's GIF writer: a frame delay and endless looping. */
final class Gif {
  private Gif() {}

  /** Writes the frames atomically, each shown for {@code delayMs} (rounded to 10 ms). */
  static void write(Path file, List<BufferedImage> frames, int delayMs) throws IOException {
    if (frames.isEmpty()) throw new IllegalArgumentException(file + ": no frames to write");
    AtomicFiles.write(
        file,
        os -> {
          ImageWriter w = ImageIO.getImageWritersByFormatName("gif").next();
          try (ImageOutputStream ios = ImageIO.createImageOutputStream(os)) {
            w.setOutput(ios);
            w.prepareWriteSequence(null);
            for (BufferedImage f : frames) {
              IIOMetadata meta =
                  w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(f), null);
              String format = meta.getNativeMetadataFormatName();
              IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
              IIOMetadataNode gce = child(root, "GraphicControlExtension");
              gce.setAttribute("disposalMethod", "none");
              gce.setAttribute("userInputFlag", "FALSE");
              gce.setAttribute("transparentColorFlag", "FALSE");
              gce.setAttribute("delayTime", Integer.toString(Math.max(1, delayMs / 10)));
              gce.setAttribute("transparentColorIndex", "0");
              IIOMetadataNode apps = child(root, "ApplicationExtensions");
              IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
              app.setAttribute("applicationID", "NETSCAPE");
              app.setAttribute("authenticationCode", "2.0");
              app.setUserObject(new byte[] {1, 0, 0}); // loop forever
              apps.appendChild(app);
              meta.setFromTree(format, root);
              w.writeToSequence(new IIOImage(f, null, meta), null);
            }
            w.endWriteSequence();
          } finally {
            w.dispose();
          }
        });
  }

  private static IIOMetadataNode child(IIOMetadataNode root, String name) {
    for (int i = 0; i < root.getLength(); i++)
      if (root.item(i).getNodeName().equalsIgnoreCase(name)) return (IIOMetadataNode) root.item(i);
    IIOMetadataNode n = new IIOMetadataNode(name);
    root.appendChild(n);
    return n;
  }
}
