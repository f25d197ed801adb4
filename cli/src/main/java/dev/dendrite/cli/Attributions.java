package dev.dendrite.cli;

import dev.dendrite.explain.attribution.Attribution;
import dev.dendrite.explain.attribution.IntegratedGradients;
import dev.dendrite.explain.attribution.LimeExplanation;
import dev.dendrite.explain.attribution.LimeImage;
import dev.dendrite.explain.attribution.Occlusion;
import dev.dendrite.explain.attribution.Saliency;
import dev.dendrite.explain.attribution.ScoreFunction;
import dev.dendrite.explain.attribution.Slic;
import dev.dendrite.explain.attribution.SmoothGrad;
import picocli.CommandLine.Option;

/**
 * The attribution methods of {@code explain predict} and {@code explain deletion}, with their
 * options, for image inputs (C, H, W) and flat feature vectors alike.
 */
final class Attributions {
  enum Method {
    lime,
    ig,
    smoothgrad,
    saliency,
    occlusion
  }

  @Option(
      names = "--steps",
      defaultValue = "50",
      description = "Integrated Gradients: path steps, trapezoid rule (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(
      names = "--samples",
      description = "LIME: perturbed samples (default 1000 for images, 5000 for tables, as lime).")
  Integer samples;

  @Option(
      names = "--copies",
      defaultValue = "50",
      description = "SmoothGrad: noisy copies of the input (default: ${DEFAULT-VALUE}).")
  int copies;

  @Option(
      names = "--noise",
      defaultValue = "0.15",
      description = "SmoothGrad: noise σ as a fraction of the input's range (default: 0.15).")
  double noise;

  @Option(
      names = "--window",
      description = "Occlusion: window size in pixels (default 4 for images, 1 for tables).")
  Integer window;

  @Option(
      names = "--stride",
      description = "Occlusion: window stride (default 2 for images, 1 for tables).")
  Integer stride;

  @Option(
      names = "--segments",
      defaultValue = "50",
      description = "LIME on images: SLIC superpixels wanted (default: ${DEFAULT-VALUE}).")
  int segments;

  @Option(
      names = "--compactness",
      defaultValue = "0.1",
      description =
          "LIME on images: SLIC compactness, in the input's units (default: ${DEFAULT-VALUE}).")
  double compactness;

  /**
   * The attribution of {@code f} at {@code x}: an image when {@code shape} is (C, H, W), else a
   * feature vector; {@code fill} is the value that stands for "absent" (IG's baseline, the
   * occlusion window's content).
   */
  Attribution of(Method m, ScoreFunction f, float[] x, int[] shape, float fill, long seed) {
    boolean image = shape != null;
    return switch (m) {
      case saliency -> Saliency.of(f, x);
      case smoothgrad -> SmoothGrad.of(f, x, copies, noise, seed);
      case ig -> {
        float[] base = new float[x.length];
        java.util.Arrays.fill(base, fill);
        yield IntegratedGradients.of(f, x, base, steps, IntegratedGradients.Rule.TRAPEZOID)
            .attribution();
      }
      case occlusion -> {
        int w = window != null ? window : image ? 4 : 1, s = stride != null ? stride : w / 2;
        s = Math.max(1, s);
        int[] win = image ? new int[] {w, w} : new int[] {1, w};
        int[] st = image ? new int[] {s, s} : new int[] {1, s};
        yield Occlusion.of(f, x, shape, win, st, fill);
      }
      case lime -> {
        if (!image) throw new IllegalStateException("tabular LIME is run by the caller");
        int[] seg = Slic.segment(x, shape, segments, compactness, 10);
        LimeExplanation e =
            LimeImage.explain(
                f,
                x,
                shape,
                seg,
                samples == null ? 1000 : samples,
                Slic.count(seg),
                Float.NaN,
                seed);
        yield LimeImage.toAttribution(e, seg, shape[0]);
      }
    };
  }

  /**
   * The image shape (C, H, W) of a flat input of {@code d} values: a square gray image of at least
   * 8 × 8, or a square RGB one; null for a table.
   */
  static int[] imageShape(int[] featureShape) {
    if (featureShape.length == 4)
      return new int[] {featureShape[1], featureShape[2], featureShape[3]};
    int d = featureShape[featureShape.length - 1];
    int side = (int) Math.round(Math.sqrt(d));
    if (side >= 8 && side * side == d) return new int[] {1, side, side};
    int rgb = (int) Math.round(Math.sqrt(d / 3.0));
    if (rgb >= 8 && 3 * rgb * rgb == d) return new int[] {3, rgb, rgb};
    return null;
  }
}
