package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dendrite.tensor.Rng;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainImagesTest {
  /** Two classes of noisy 8×8 pictures: bright on the left, or bright on the right. */
  static Path pictures(Path dir) throws IOException {
    Rng rng = new Rng(5);
    for (String side : new String[] {"left", "right"}) {
      Files.createDirectories(dir.resolve(side));
      for (int k = 0; k < 30; k++) {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 8; y++) {
          for (int x = 0; x < 8; x++) {
            boolean bright = side.equals("left") == (x < 4);
            img.getRaster().setSample(x, y, 0, (bright ? 160 : 20) + rng.nextInt(60));
          }
        }
        ImageIO.write(img, "png", dir.resolve(side + "/" + k + ".png").toFile());
      }
    }
    return dir;
  }

  @Test
  void aFolderOfPngsTrainsWithAugmentation(@TempDir Path dir) throws IOException {
    CliRun r =
        CliRun.of(
            "train",
            "--images",
            pictures(dir).toString(),
            "--augment",
            "crop:1,noise:0.05",
            "--epochs",
            "15",
            "--batch-size",
            "8",
            "--lr",
            "0.05",
            "--val-split",
            "0");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("48 training, 0 validation and 12 test examples, 64 features, 2 classes")
        .contains(
            "augmenting the training batches (not validation or test): [Crop[padding=1],"
                + " Noise[std=0.05]]");
    Matcher m = Pattern.compile("final test accuracy ([0-9.]+)%").matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    assertThat(Double.parseDouble(m.group(1))).isGreaterThanOrEqualTo(90.0);
  }

  @Test
  void anUnknownAugmentationOrOneWithoutImagesIsOneLine(@TempDir Path dir) throws IOException {
    CliRun r =
        CliRun.of(
            "train",
            "--images",
            pictures(dir).toString(),
            "--augment",
            "flip,blur:3",
            "--epochs",
            "1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines())
        .containsExactly(
            "dendrite train: --augment: unknown augmentation \"blur:3\" (known: flip[:P], crop:PAD,"
                + " rotate:DEG, translate:PIX, noise:STD, cutout:SIZE)",
            "see 'dendrite train --help'");
    r = CliRun.of("train", "--augment", "flip");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines())
        .containsExactly(
            "dendrite train: --augment needs image data (--data fashion_mnist or --images DIR)",
            "see 'dendrite train --help'");
    Files.write(dir.resolve("left/broken.png"), new byte[] {1, 2, 3});
    r = CliRun.of("train", "--images", dir.toString());
    assertThat(r.code())
        .as("a file that cannot be read is a failure while running, not a usage error")
        .isEqualTo(1);
    assertThat(r.err().strip())
        .startsWith("dendrite train: ")
        .contains("broken.png")
        .doesNotContain("\n");
  }
}
