package dev.dendrite.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
  private static final int[] GRAY = {0, 51, 102, 153, 204, 255}; // a 2×3 grayscale picture
  private static final int[] RGB = {0xFF0000, 0x00FF00, 0x0000FF, 0xFFFFFF, 0x000000, 0x336699};

  private static void gray(Path file, int h, int w, int[] v) throws IOException {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    img.getRaster().setSamples(0, 0, w, h, 0, v);
    ImageIO.write(img, "png", file.toFile());
  }

  private static void rgb(Path file, int h, int w, int[] v) throws IOException {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, w, h, v, 0, w);
    ImageIO.write(img, "png", file.toFile());
  }

  private static Path folder(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("cat"));
    Files.createDirectories(dir.resolve("dog"));
    gray(dir.resolve("cat/a.png"), 2, 3, GRAY);
    gray(dir.resolve("cat/b.png"), 2, 3, new int[] {255, 255, 255, 0, 0, 0});
    rgb(dir.resolve("dog/x.png"), 2, 3, RGB);
    Files.writeString(dir.resolve("dog/notes.txt"), "not an image: ignored");
    return dir;
  }

  @Test
  void grayscaleFolderGivesExactPixelsLabelsAndClasses(@TempDir Path dir) throws IOException {
    Labeled d = ImageFolder.read(folder(dir), false);
    assertThat(d.classes()).containsExactly("cat", "dog");
    assertThat(d.labels()).containsExactly(0, 0, 1);
    assertThat(d.features().shape()).containsExactly(3, 1, 2, 3);
    float[] x = d.features().toArray();
    for (int i = 0; i < 6; i++)
      assertThat(x[i]).isEqualTo(GRAY[i] / 255f); // stored samples, not brightened through sRGB
    assertThat(x[6]).isEqualTo(1f);
    // The colour picture as luma 0.299 R + 0.587 G + 0.114 B.
    assertThat(x[12]).isCloseTo(0.299f, within(1e-6f));
    assertThat(x[13]).isCloseTo(0.587f, within(1e-6f));
    assertThat(x[14]).isCloseTo(0.114f, within(1e-6f));
    assertThat(x[15]).isCloseTo(1f, within(1e-6f));
    assertThat(x[17])
        .isCloseTo((0.299f * 0x33 + 0.587f * 0x66 + 0.114f * 0x99) / 255, within(1e-6f));
  }

  @Test
  void rgbFolderGivesThreePlanesAndGrayImagesAreRepeated(@TempDir Path dir) throws IOException {
    Labeled d = ImageFolder.read(folder(dir), true);
    assertThat(d.features().shape()).containsExactly(3, 3, 2, 3);
    Tensor dog = d.features().select(0, 2);
    assertThat(dog.select(0, 0).toArray()).containsExactly(1, 0, 0, 1, 0, 0x33 / 255f);
    assertThat(dog.select(0, 1).toArray()).containsExactly(0, 1, 0, 1, 0, 0x66 / 255f);
    assertThat(dog.select(0, 2).toArray()).containsExactly(0, 0, 1, 1, 0, 0x99 / 255f);
    Tensor cat = d.features().select(0, 0);
    for (int c = 0; c < 3; c++)
      assertThat(cat.select(0, c).toArray()).containsExactly(cat.select(0, 0).toArray());
  }

  @Test
  void resizeIsPyTorchsBilinearWithoutAlignedCorners() {
    float[] src = new float[12];
    for (int i = 0; i < 12; i++) src[i] = i * i / 10f;
    float[] down = new float[10], wide = new float[14];
    ImageFolder.resize(src, 1, 3, 4, down, 0, 5, 2);
    ImageFolder.resize(src, 1, 3, 4, wide, 0, 2, 7);
    // torch.nn.functional.interpolate(x, size=..., mode='bilinear', align_corners=False), PyTorch
    // 1.13
    float[] torchDown = {
      0.05f, 0.65f, 0.85f, 2.09f, 2.05f, 4.25f, 5.170001f, 8.330001f, 7.25f, 11.05f
    };
    float[] torchWide = {
      0.4f,
      0.507143f,
      0.678571f,
      0.95f,
      1.25f,
      1.65f,
      1.9f,
      5.2f,
      5.735714f,
      6.592857f,
      7.55f,
      8.535715f,
      9.621429f,
      10.300001f
    };
    for (int i = 0; i < 10; i++) assertThat(down[i]).isCloseTo(torchDown[i], within(2e-5f));
    for (int i = 0; i < 14; i++) assertThat(wide[i]).isCloseTo(torchWide[i], within(2e-5f));
  }

  @Test
  void imagesOfAnotherSizeAreResized(@TempDir Path dir) throws IOException {
    folder(dir);
    gray(dir.resolve("dog/big.png"), 4, 6, new int[24]);
    Labeled d = ImageFolder.read(dir, false, 5, 2);
    assertThat(d.features().shape()).containsExactly(4, 1, 5, 2);
    assertThat(d.features().select(0, 2).toArray())
        .containsOnly(0f); // dog/big.png sorts before dog/x.png
  }

  @Test
  void aBrokenFileIsNamedAndAnAbsurdHeaderIsRejectedBeforeDecoding(@TempDir Path dir)
      throws IOException {
    folder(dir);
    Files.write(
        dir.resolve("cat/broken.png"),
        new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H'});
    assertThatThrownBy(() -> ImageFolder.read(dir, false))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("broken.png");
    Files.delete(dir.resolve("cat/broken.png"));
    Files.write(dir.resolve("cat/text.jpg"), "hello".getBytes());
    assertThatThrownBy(() -> ImageFolder.read(dir, false))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("text.jpg: not a PNG or JPEG image");
    Files.delete(dir.resolve("cat/text.jpg"));
    Files.write(
        dir.resolve("cat/bomb.png"),
        pngHeader(100_000, 100_000)); // 10¹⁰ pixels declared in 57 bytes
    assertThatThrownBy(() -> ImageFolder.read(dir, false))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("bomb.png: declares 100000×100000 pixels");
  }

  @Test
  void emptyOrFlatFoldersAreRefused(@TempDir Path dir) throws IOException {
    assertThatThrownBy(() -> ImageFolder.read(dir, false))
        .hasMessageContaining("no class sub-folders");
    Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> ImageFolder.read(dir, false))
        .hasMessageContaining("empty: no .png, .jpg or .jpeg files");
  }

  @Test
  void channelNormalizerCentresEachChannelOnTheTrainingImages(@TempDir Path dir)
      throws IOException {
    Labeled d = ImageFolder.read(folder(dir), true);
    ChannelNormalizer n = ChannelNormalizer.fit(d);
    Tensor z = n.apply(d).features();
    float[] m = z.mean(new int[] {0, 2, 3}, false).toArray(),
        s = z.var(new int[] {0, 2, 3}, 0, false).toArray();
    for (int c = 0; c < 3; c++) {
      assertThat(m[c]).isCloseTo(0f, within(1e-6f));
      assertThat(s[c]).isCloseTo(1f, within(1e-5f));
    }
    float[] flat = n.perFeature(2, 3).apply(d.features().reshape(3, 18)).toArray();
    assertThat(flat).containsExactly(z.toArray());
    assertThatThrownBy(() -> new ChannelNormalizer(new float[] {0}, new float[] {0}))
        .hasMessageContaining("std must be > 0");
  }

  /** A PNG signature and an IHDR chunk (8-bit gray) with a valid CRC, and nothing else. */
  private static byte[] pngHeader(int w, int h) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(buf);
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    ByteArrayOutputStream chunk = new ByteArrayOutputStream();
    DataOutputStream c = new DataOutputStream(chunk);
    c.writeBytes("IHDR");
    c.writeInt(w);
    c.writeInt(h);
    c.write(new byte[] {8, 0, 0, 0, 0});
    byte[] body = chunk.toByteArray();
    CRC32 crc = new CRC32();
    crc.update(body);
    out.writeInt(13);
    out.write(body);
    out.writeInt((int) crc.getValue());
    return buf.toByteArray();
  }
}
