package dev.dendrite.data.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.kernels.Parallel;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class AugmentationTest {
  private static final float[] NINE = {1, 2, 3, 4, 5, 6, 7, 8, 9}; // a 3×3 image, row-major

  @Test
  void flipMirrorsEveryRowOfEveryChannel() {
    float[] img = {1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60}; // 2 channels of 2×3
    Flip.mirror(img, 0, 2, 2, 3);
    assertThat(img).containsExactly(3, 2, 1, 6, 5, 4, 30, 20, 10, 60, 50, 40);
    float[] always = NINE.clone(), never = NINE.clone();
    new Flip(1).apply(always, 0, 1, 3, 3, new float[9], new Rng(1));
    new Flip(0).apply(never, 0, 1, 3, 3, new float[9], new Rng(1));
    assertThat(always).containsExactly(3, 2, 1, 6, 5, 4, 9, 8, 7);
    assertThat(never).containsExactly(NINE);
  }

  @Test
  void cropCutsTheWindowAtTheGivenOffsetsOfThePaddedImage() {
    // Padding 1 makes a 5×5 image; the window at top 0, left 2 holds padded rows 0–2, columns 2–4.
    float[] img = NINE.clone();
    Crop.at(img, 0, 1, 3, 3, new float[9], 1, 0, 2);
    assertThat(img).containsExactly(0, 0, 0, 2, 3, 0, 5, 6, 0);
    float[] centre = NINE.clone();
    Crop.at(centre, 0, 1, 3, 3, new float[9], 1, 1, 1);
    assertThat(centre).containsExactly(NINE);
    float[] corner = NINE.clone();
    Crop.at(corner, 0, 1, 3, 3, new float[9], 2, 4, 4); // the bottom-right window: in(y + 2, x + 2)
    assertThat(corner).containsExactly(9, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  @Test
  void translationByWholePixelsMovesPixelsExactly() {
    float[] img = NINE.clone();
    Translate.by(img, 0, 1, 3, 3, new float[9], 1, -1); // right 1, up 1
    assertThat(img).containsExactly(0, 4, 5, 0, 7, 8, 0, 0, 0);
    // The bilinear warp with a whole-pixel shift equals the crop's copy, on a random image.
    float[] a = Tensor.rand(new Rng(3), 2 * 7 * 6).toArray(), b = a.clone();
    Translate.by(a, 0, 2, 7, 6, new float[84], -2, 3);
    Crop.at(b, 0, 2, 7, 6, new float[84], 3, 0, 5); // shift (dy, dx) = (3 − 0, 3 − 5) = (3, −2)
    assertThat(a).containsExactly(b);
    // Half a pixel to the right blends each pixel with its left neighbour equally.
    float[] half = NINE.clone();
    Translate.by(half, 0, 1, 3, 3, new float[9], 0.5, 0);
    assertThat(half).containsExactly(0.5f, 1.5f, 2.5f, 2f, 4.5f, 5.5f, 3.5f, 7.5f, 8.5f);
  }

  @Test
  void rotationBy90DegreesIsRot90AndASmallRotationIsExactOnALinearImage() {
    int n = 5;
    float[] img = Tensor.rand(new Rng(4), n * n).toArray(), rot = img.clone();
    Rotate.by(rot, 0, 1, n, n, new float[n * n], 90);
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++)
        assertThat(rot[y * n + x])
            .as("(%d, %d)", y, x)
            .isCloseTo(img[x * n + n - 1 - y], within(1e-5f)); // numpy.rot90
    }
    // Bilinear interpolation reproduces a linear function exactly, so a rotated ramp f = 2x + 3y +
    // 1
    // must read f at the rotated coordinates wherever all four neighbours lie inside the image.
    int w = 9, h = 7;
    float[] ramp = new float[h * w];
    for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) ramp[y * w + x] = 2 * x + 3 * y + 1;
    Rotate.by(ramp, 0, 1, h, w, new float[h * w], 10);
    double t = Math.toRadians(10), cx = 4, cy = 3;
    int checked = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double sx = cx + (x - cx) * Math.cos(t) - (y - cy) * Math.sin(t),
            sy = cy + (x - cx) * Math.sin(t) + (y - cy) * Math.cos(t);
        if (sx < 0 || sx > w - 1 || sy < 0 || sy > h - 1) continue;
        if (Math.floor(sx) == w - 1 || Math.floor(sy) == h - 1)
          continue; // the last row/column's right neighbour is outside
        assertThat(ramp[y * w + x]).isCloseTo((float) (2 * sx + 3 * sy + 1), within(1e-4f));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(30);
    // The top-left corner reads the source at (0.58, −0.65): row −1 is outside and counts as 0, so
    // only
    // row 0 contributes, with weight 1 − 0.65 = 0.35.
    double sx = cx - 4 * Math.cos(t) + 3 * Math.sin(t), sy = cy - 4 * Math.sin(t) - 3 * Math.cos(t);
    assertThat(sy).isBetween(-1.0, 0.0);
    assertThat(ramp[0]).isCloseTo((float) ((sy + 1) * (2 * sx + 1)), within(1e-5f));
  }

  @Test
  void cutoutZeroesAClippedSquareInEveryChannel() {
    float[] img = new float[2 * 4 * 4];
    java.util.Arrays.fill(img, 1);
    Cutout.at(img, 0, 2, 4, 4, -1, 2, 3); // rows −1..1 → 0..1, columns 2..4 → 2..3
    float[] plane = {1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1};
    for (int c = 0; c < 2; c++)
      assertThat(java.util.Arrays.copyOfRange(img, 16 * c, 16 * c + 16)).containsExactly(plane);
  }

  @Test
  void noiseHasTheRequestedSpread() {
    int n = 200_000;
    float[] img = new float[n];
    new Noise(0.05).apply(img, 0, 1, 400, 500, new float[n], new Rng(5));
    double s = 0, s2 = 0;
    for (float v : img) {
      s += v;
      s2 += v * v;
    }
    double mean = s / n, std = Math.sqrt(s2 / n - mean * mean);
    assertThat(mean).isCloseTo(0, within(0.0005)); // 4 standard errors of 0.05/√n
    assertThat(std).isCloseTo(0.05, within(0.0005));
  }

  @Test
  void oneSeedGivesOneResultAtAnyThreadCountOnFlatOrImageBatches() {
    Augmenter aug =
        Augmenter.parse("flip,crop:4,rotate:10,translate:2,noise:0.05,cutout:8", 1, 28, 28);
    assertThat(aug.steps())
        .containsExactly(
            new Flip(0.5),
            new Crop(4),
            new Rotate(10),
            new Translate(2),
            new Noise(0.05),
            new Cutout(8));
    Tensor batch = Tensor.rand(new Rng(6), 32, 784);
    int threads = Parallel.threads();
    float[] one, two;
    try {
      Parallel.setThreads(1);
      one = aug.apply(batch, 11).toArray();
      Parallel.setThreads(2);
      two = aug.apply(batch, 11).toArray();
    } finally {
      Parallel.setThreads(threads);
    }
    assertThat(two).containsExactly(one);
    assertThat(aug.apply(batch.reshape(32, 1, 28, 28), 11).toArray()).containsExactly(one);
    assertThat(aug.apply(batch, 12).toArray()).isNotEqualTo(one);
    assertThat(batch.toArray()).isNotEqualTo(one);
    assertThat(aug.apply(batch, 11).shape()).containsExactly(32, 784);
    // Images of one batch get different draws: the same picture twice comes out two ways.
    Tensor twin = Tensor.cat(0, batch.slice(0, 0, 1), batch.slice(0, 0, 1));
    float[] t = aug.apply(twin, 3).toArray();
    assertThat(java.util.Arrays.copyOfRange(t, 0, 784))
        .isNotEqualTo(java.util.Arrays.copyOfRange(t, 784, 1568));
  }

  @Test
  void badNamesAndShapesGiveOneClearMessage() {
    assertThatThrownBy(() -> Augmenter.parse("flip,blur:2", 1, 28, 28))
        .hasMessage("unknown augmentation \"blur:2\" (known: " + Augmentation.KNOWN + ")");
    assertThatThrownBy(() -> Augmentation.parse("crop"))
        .hasMessage("augmentation crop needs a value, e.g. crop:4");
    assertThatThrownBy(() -> Augmentation.parse("rotate:ten"))
        .hasMessageContaining("ten is not a number");
    assertThatThrownBy(() -> Augmentation.parse("crop:1.5")).hasMessageContaining("whole number");
    assertThatThrownBy(
            () -> new Augmenter(List.of(new Flip(1)), 1, 28, 28).apply(Tensor.zeros(2, 100), 1))
        .hasMessageContaining("(2, 100)")
        .hasMessageContaining("(B, 784)");
  }
}
