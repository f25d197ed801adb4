package dev.dendrite.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * ChannelNorm and AdaptivePool against plain double-precision loops, at lengths that exercise
 * vector bodies and scalar tails.
 */
class ChannelNormAndAdaptivePoolTest {
  private static float[] random(SplittableRandom r, int n, double shift) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) a[i] = (float) (r.nextGaussian() * 2 + shift);
    return a;
  }

  @Test
  void channelStatisticsAndMapsMatchScalarLoops() {
    SplittableRandom r = new SplittableRandom(3);
    int[][] sizes = {
      {1, 1, 2}, {2, 3, 1}, {3, 2, 7}, {2, 5, 16}, {4, 3, 33}, {2, 2, 100}, {8, 16, 300}
    };
    for (int[] sz : sizes) {
      int n = sz[0], c = sz[1], s = sz[2], off = 5;
      float[] x = new float[off + n * c * s], g = new float[off + n * c * s];
      System.arraycopy(
          random(r, n * c * s, 10),
          0,
          x,
          off,
          n * c * s); // a large mean: the two-pass variance must hold
      System.arraycopy(random(r, n * c * s, 0), 0, g, off, n * c * s);
      float[] mean = new float[c], var = new float[c], sumG = new float[c], sumGX = new float[c];
      ChannelNorm.meanVar(mean, var, x, off, n, c, s);
      ChannelNorm.gradSums(sumG, sumGX, g, off, x, off, n, c, s, mean);
      float[] scale = random(r, c, 0), shift = random(r, c, 0), k0 = random(r, c, 0);
      float[] y = new float[n * c * s], z = new float[n * c * s];
      ChannelNorm.affine(y, 0, x, off, n, c, s, scale, shift);
      ChannelNorm.combine(z, 0, g, off, x, off, n, c, s, scale, shift, k0);
      for (int ch = 0; ch < c; ch++) {
        double sum = 0, sq = 0, sg = 0, sgx = 0;
        for (int b = 0; b < n; b++)
          for (int i = 0; i < s; i++) sum += x[off + (b * c + ch) * s + i];
        double mu = sum / (n * s);
        for (int b = 0; b < n; b++) {
          for (int i = 0; i < s; i++) {
            int at = (b * c + ch) * s + i;
            double d = x[off + at] - mu;
            sq += d * d;
            sg += g[off + at];
            sgx += g[off + at] * (x[off + at] - mean[ch]);
            assertThat(y[at])
                .isCloseTo((float) (x[off + at] * (double) scale[ch] + shift[ch]), within(1e-4f));
            assertThat(z[at])
                .isCloseTo(
                    (float)
                        (scale[ch] * (double) g[off + at]
                            + shift[ch] * (double) x[off + at]
                            + k0[ch]),
                    within(1e-4f));
          }
        }
        String at = "(" + n + ", " + c + ", " + s + ") channel " + ch;
        assertThat((double) mean[ch])
            .as(at + " mean")
            .isCloseTo(mu, within(1e-5 * (1 + Math.abs(mu))));
        assertThat((double) var[ch])
            .as(at + " var")
            .isCloseTo(sq / (n * s), within(1e-4 * (1 + sq / (n * s))));
        assertThat((double) sumG[ch])
            .as(at + " Σg")
            .isCloseTo(sg, within(1e-4 * (1 + Math.abs(sg))));
        assertThat((double) sumGX[ch])
            .as(at + " Σg(x−μ)")
            .isCloseTo(sgx, within(1e-4 * (1 + Math.abs(sgx))));
      }
    }
  }

  @Test
  void adaptiveAverageWindowsMatchScalarLoops() {
    SplittableRandom r = new SplittableRandom(4);
    int[][] sizes = {
      {7, 7, 3, 3},
      {5, 5, 2, 2},
      {9, 20, 4, 1},
      {3, 4, 5, 6},
      {17, 33, 1, 1},
      {6, 6, 6, 6},
      {10, 3, 3, 10}
    };
    for (int[] sz : sizes) {
      int h = sz[0], w = sz[1], oh = sz[2], ow = sz[3], planes = 3, off = 2;
      float[] in = new float[off + planes * h * w];
      System.arraycopy(random(r, planes * h * w, 1), 0, in, off, planes * h * w);
      float[] gout = random(r, planes * oh * ow, 0);
      float[] out = new float[planes * oh * ow], gin = new float[planes * h * w];
      AdaptivePool.avg(out, 0, in, off, planes, h, w, oh, ow);
      AdaptivePool.avgBackward(gin, 0, gout, 0, planes, h, w, oh, ow);
      double[] expectGin = new double[planes * h * w];
      for (int p = 0; p < planes; p++) {
        for (int i = 0; i < oh; i++) {
          for (int j = 0; j < ow; j++) {
            int y0 = (int) Math.floor((double) i * h / oh),
                y1 = (int) Math.ceil((double) (i + 1) * h / oh);
            int x0 = (int) Math.floor((double) j * w / ow),
                x1 = (int) Math.ceil((double) (j + 1) * w / ow);
            double s = 0;
            for (int y = y0; y < y1; y++)
              for (int x = x0; x < x1; x++) s += in[off + (p * h + y) * w + x];
            int area = (y1 - y0) * (x1 - x0);
            assertThat((double) out[(p * oh + i) * ow + j])
                .as(h + "x" + w + " → " + oh + "x" + ow)
                .isCloseTo(s / area, within(1e-5));
            for (int y = y0; y < y1; y++)
              for (int x = x0; x < x1; x++)
                expectGin[(p * h + y) * w + x] += gout[(p * oh + i) * ow + j] / area;
          }
        }
      }
      for (int i = 0; i < gin.length; i++)
        assertThat((double) gin[i]).as("grad " + i).isCloseTo(expectGin[i], within(1e-5));
    }
  }
}
