package dev.dendrite.kernels;

/**
 * One round of {@link WarmUp} for the convolutional kernels: forward and backward (plain, fused
 * with ReLU, fused with ReLU and max pooling), pooling and batch norm's passes, on a batch of two
 * 6×6 images. Two window geometries: 3×3 over 4 channels, stride 1 and padding 1 (a window depth of
 * 36, from which the weight gradient is computed transposed), and 4×4 over 1 channel, stride 2 (a
 * DCGAN layer's, depth 16).
 */
final class ConvWarmUp {
  private static final int N = 2, C = 4, H = 6, W = 6, OUT = 3;
  private final ConvImages.Geometry same =
      new ConvImages.Geometry(C, H, W, 3, 3, 1, 1, 1, 1, 1, 1, H, W);
  private final ConvImages.Geometry strided =
      new ConvImages.Geometry(1, H, W, 4, 4, 2, 2, 1, 1, 1, 1, 3, 3);
  private final float[] x = new float[N * C * H * W], dx = new float[N * C * H * W];
  private final float[] weight = new float[OUT * C * 9], dWeight = new float[OUT * C * 9];
  private final float[] bias = {0.1f, -0.1f, 0f}, dBias = new float[OUT];
  private final float[] y = new float[N * OUT * H * W], gy = new float[N * OUT * H * W];
  private final float[] pooled = new float[N * OUT * 9], gp = new float[N * OUT * 9];
  private final int[] arg = new int[N * OUT * 9];
  private final float[] mean = new float[OUT], var = new float[OUT], scale = {1f, 0.5f, 2f};
  private final float[] shift = {0f, 0.1f, -0.1f}, k1 = new float[OUT], k2 = new float[OUT];

  ConvWarmUp() {
    for (int i = 0; i < x.length; i++) x[i] = (i % 7 - 3) * 0.1f;
    for (int i = 0; i < weight.length; i++) weight[i] = (i % 5 - 2) * 0.1f;
    for (int i = 0; i < gy.length; i++) gy[i] = (i % 3 - 1) * 0.1f;
    java.util.Arrays.fill(gp, 0.1f);
  }

  void round(int call) {
    boolean odd = call % 2 == 1;
    ConvImages.forward(y, 0, x, 0, weight, 0, odd ? bias : null, 0, N, OUT, 1, same, odd);
    ConvImages.forward(y, 0, x, 0, weight, 0, bias, 0, N, OUT, 1, strided, false);
    ConvImages.forwardReluMaxPool(
        pooled, arg, x, 0, weight, 0, bias, 0, N, OUT, 1, same, 2, 2, 0, 3, 3);
    ConvImages.backward(
        odd ? dx : null, dWeight, odd ? dBias : null, gy, 0, x, 0, weight, 0, N, OUT, 1, same);
    ConvImages.backward(dx, dWeight, dBias, gy, 0, x, 0, weight, 0, N, OUT, 1, strided);
    ConvImages.backwardRelu(dx, dWeight, dBias, gy, 0, y, 0, x, 0, weight, 0, N, OUT, 1, same);
    ConvImages.backward(
        dx,
        dWeight,
        dBias,
        ConvImages.reluMaxPoolGradient(gp, 0, pooled, arg, OUT, same, 9),
        x,
        0,
        weight,
        0,
        N,
        OUT,
        1,
        same);
    MaxPool.forward(pooled, arg, y, 0, N * OUT, H, W, 2, 2, 0, 3, 3);
    MaxPool.backward(gy, arg, gp, 0, N * OUT, H, W, 3, 3);
    AdaptivePool.avg(pooled, 0, y, 0, N * OUT, H, W, 3, 3);
    AdaptivePool.avgBackward(gy, 0, gp, 0, N * OUT, H, W, 3, 3);
    int s = H * W;
    ChannelNorm.meanVar(mean, var, y, 0, N, OUT, s);
    ChannelNorm.affine(y, 0, y, 0, N, OUT, s, scale, shift);
    ChannelNorm.affineRelu(gy, 0, y, 0, N, OUT, s, scale, shift);
    ChannelNorm.affineReluMaxPool(pooled, arg, y, 0, N, OUT, H, W, scale, shift, 2, 2, 0, 3, 3);
    ChannelNorm.maxPoolReluGradient(dx, gp, 0, pooled, arg, N * OUT, s, 9);
    ChannelNorm.reluGradient(dx, gy, 0, y, N * OUT * s);
    ChannelNorm.gradSums(k1, k2, gy, 0, y, 0, N, OUT, s, mean);
    ChannelNorm.combine(dx, 0, gy, 0, y, 0, N, OUT, s, scale, k1, k2);
  }
}
