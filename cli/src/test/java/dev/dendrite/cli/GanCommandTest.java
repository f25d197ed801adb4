package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dendrite.data.FashionMnist;
import dev.dendrite.gan.Gan;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gan train on a slice of Fashion-MNIST, its pictures, gan sample, and the usage errors. */
class GanCommandTest {
  @Test
  void trainWritesArchiveAndPicturesThenSamples(@TempDir Path dir) throws Exception {
    assumeTrue(FashionMnist.find() != null, "Fashion-MNIST is not installed");
    Path model = dir.resolve("g.dnd"), log = dir.resolve("m.jsonl");
    CliRun r =
        CliRun.of(
            "gan",
            "train",
            "--arch",
            "mlp",
            "--epochs",
            "2",
            "--limit",
            "128",
            "--no-watch",
            "--output",
            model.toString(),
            "--metrics-log",
            log.toString(),
            "--label-smoothing",
            "0.1",
            "--d-steps",
            "2");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("real label 0.9", "2 D step(s) per G step");
    assertThat(Gan.load(model).sampleShape()).containsExactly(784);
    Path pics = dir.resolve("g-pictures");
    for (String f :
        new String[] {"epoch-001.png", "epoch-002.png", "interpolation.png", "losses.png"})
      assertThat(pics.resolve(f)).exists();
    try (ImageInputStream in =
        ImageIO.createImageInputStream(pics.resolve("samples.gif").toFile())) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      reader.setInput(in);
      assertThat(reader.getNumImages(true)).isEqualTo(2);
    }
    String epochs = Files.readString(log);
    assertThat(epochs).contains("\"d_loss\"", "\"g_loss\"", "\"D(x)\"", "\"D(G(z))\"");

    Path png = dir.resolve("grid.png");
    CliRun s =
        CliRun.of(
            "gan", "sample", "--model", model.toString(), "--n", "16", "--out", png.toString());
    assertThat(s.code()).as(s.err()).isZero();
    BufferedImage img = ImageIO.read(png.toFile());
    // 4 × 4 tiles of 56 pixels, gaps of 4, margins of 8, a 24-pixel title band.
    assertThat(img.getWidth()).isEqualTo(2 * 8 + 4 * 56 + 3 * 4);
    CliRun bad =
        CliRun.of(
            "gan", "sample", "--model", model.toString(), "--class", "3", "--out", png.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("is not a conditional GAN");
  }

  /** cdcgan-projection's recipe smooths the real labels unless told otherwise; no other does. */
  @Test
  void labelSmoothingDefaultsByArchitecture(@TempDir Path dir) throws Exception {
    assumeTrue(FashionMnist.find() != null, "Fashion-MNIST is not installed");
    for (String[] c :
        new String[][] {{"cdcgan-projection"}, {"cdcgan"}, {"cdcgan-projection", "0"}}) {
      java.util.List<String> args =
          new java.util.ArrayList<>(
              java.util.List.of(
                  "gan", "train", "--arch", c[0], "--epochs", "1", "--limit", "64", "--no-watch"));
      if (c.length > 1) args.addAll(java.util.List.of("--label-smoothing", c[1]));
      args.addAll(java.util.List.of("--output", dir.resolve(c[0] + c.length + ".dnd").toString()));
      CliRun r = CliRun.of(args.toArray(String[]::new));
      assertThat(r.code()).as(r.err()).isZero();
      if (c.length == 1 && c[0].equals("cdcgan-projection"))
        assertThat(r.out()).contains("real label 0.9");
      else assertThat(r.out()).doesNotContain("real label");
    }
  }

  @Test
  void usageErrorsAreOneLine() {
    CliRun r = CliRun.of("gan", "train", "--arch", "vae", "--output", "x.dnd");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown GAN architecture \"vae\"").doesNotContain("\tat ");
    CliRun s = CliRun.of("gan", "score");
    assertThat(s.code()).isEqualTo(2);
    assertThat(s.err()).contains("give one of --model FILE and --samples FILE.npy");
  }
}
