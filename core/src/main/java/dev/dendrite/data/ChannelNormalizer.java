package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;

/**
 * Per-channel normalisation of images, {@code (x − mean[c]) / std[c]}, as torchvision's {@code
 * Normalize}: fitted on the training images only ({@link #fit}) or given (e.g. ImageNet's mean
 * 0.485, 0.456, 0.406 and std 0.229, 0.224, 0.225), then applied unchanged to every split.
 *
 * @param mean one value per channel
 * @param std one value per channel, each > 0
 */
public record ChannelNormalizer(float[] mean, float[] std) {
  public ChannelNormalizer {
    if (mean.length != std.length || mean.length == 0) {
      throw new IllegalArgumentException(
          "channel normaliser: "
              + mean.length
              + " means but "
              + std.length
              + " standard deviations");
    }
    for (float s : std)
      if (!(s > 0))
        throw new IllegalArgumentException("channel normaliser: std must be > 0, got " + s);
    mean = mean.clone();
    std = std.clone();
  }

  @Override
  public float[] mean() {
    return mean.clone();
  }

  @Override
  public float[] std() {
    return std.clone();
  }

  /**
   * Mean and (biased) standard deviation of each channel over all images and pixels of (N, C, H, W)
   * features; a constant channel gets std 1.
   */
  public static ChannelNormalizer fit(Labeled train) {
    Tensor x = train.features();
    if (x.dim() != 4)
      throw new IllegalArgumentException(
          "channel normaliser: needs (N, C, H, W) images, got "
              + dev.dendrite.tensor.Shape.str(x.shape()));
    int[] dims = {0, 2, 3};
    float[] m = x.mean(dims, false).toArray(), s = x.var(dims, 0, false).sqrt().toArray();
    for (int i = 0; i < s.length; i++) if (!(s[i] > 0)) s[i] = 1;
    return new ChannelNormalizer(m, s);
  }

  public Tensor apply(Tensor images) {
    int c = mean.length;
    if (images.dim() != 4 || images.size(1) != c) {
      throw new IllegalArgumentException(
          "channel normaliser for "
              + c
              + " channels got "
              + dev.dendrite.tensor.Shape.str(images.shape()));
    }
    return images.sub(Tensor.of(mean).reshape(1, c, 1, 1)).div(Tensor.of(std).reshape(1, c, 1, 1));
  }

  public Labeled apply(Labeled d) {
    return new Labeled(apply(d.features()), d.labels(), d.classes());
  }

  /**
   * The same statistics repeated per pixel, for flattened (N, C·H·W) features (what {@link
   * Standardizer} holds).
   */
  public Standardizer perFeature(int height, int width) {
    int c = mean.length, plane = height * width;
    float[] m = new float[c * plane], s = new float[c * plane];
    for (int ch = 0; ch < c; ch++) {
      java.util.Arrays.fill(m, ch * plane, (ch + 1) * plane, mean[ch]);
      java.util.Arrays.fill(s, ch * plane, (ch + 1) * plane, std[ch]);
    }
    return new Standardizer(Tensor.of(m), Tensor.of(s));
  }
}
