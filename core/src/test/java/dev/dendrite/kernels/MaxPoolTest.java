package dev.dendrite.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * MaxPool's 2×2 stride-2 path (vector gathers over whole planes, scalar tail), its unpadded and
 * padded loops, and the scatter backward against a plain loop, with ties and NaN.
 */
class MaxPoolTest {
  @Test
  void maximaArgumentsAndScatterMatchAPlainLoop() {
    SplittableRandom r = new SplittableRandom(11);
    int[][] cases = {
      {2, 2, 0, 28, 28},
      {2, 2, 0, 7, 9},
      {3, 2, 0, 9, 8},
      {3, 1, 1, 6, 5},
      {2, 2, 1, 5, 7},
      {3, 3, 0, 10, 10}
    };
    for (int[] cs : cases) {
      int k = cs[0], s = cs[1], pad = cs[2], h = cs[3], w = cs[4], planes = 37, off = 3;
      int ho = (h + 2 * pad - k) / s + 1, wo = (w + 2 * pad - k) / s + 1;
      float[] in = new float[off + planes * h * w];
      for (int i = off; i < in.length; i++) {
        in[i] = (float) Math.floor(r.nextDouble() * 4); // few values: many ties
        if (r.nextInt(60) == 0) in[i] = Float.NaN;
      }
      float[] out = new float[planes * ho * wo],
          gd = new float[planes * ho * wo],
          gi = new float[planes * h * w];
      int[] arg = new int[out.length];
      for (int i = 0; i < gd.length; i++) gd[i] = (float) r.nextGaussian();
      MaxPool.forward(out, arg, in, off, planes, h, w, k, s, pad, ho, wo);
      MaxPool.backward(gi, arg, gd, 0, planes, h, w, ho, wo);
      double[] want = new double[gi.length];
      for (int p = 0; p < planes; p++) {
        for (int oy = 0; oy < ho; oy++) {
          for (int ox = 0; ox < wo; ox++) {
            float best = Float.NEGATIVE_INFINITY;
            int at = -1;
            for (int i = 0; i < k; i++) {
              for (int j = 0; j < k; j++) {
                int y = oy * s - pad + i, x = ox * s - pad + j;
                if (y < 0 || y >= h || x < 0 || x >= w) continue;
                float v = in[off + (p * h + y) * w + x];
                boolean nanFirst = Float.isNaN(v) && !Float.isNaN(best);
                if (at < 0 || v > best || nanFirst) {
                  best = v;
                  at = y * w + x;
                }
              }
            }
            int o = (p * ho + oy) * wo + ox;
            String where =
                java.util.Arrays.toString(cs) + " plane " + p + " (" + oy + ", " + ox + ")";
            assertThat(Float.floatToIntBits(out[o]))
                .as(where)
                .isEqualTo(Float.floatToIntBits(best));
            assertThat(arg[o]).as(where).isEqualTo(at);
            want[p * h * w + at] += gd[o];
          }
        }
      }
      for (int i = 0; i < gi.length; i++)
        assertThat((double) gi[i]).isCloseTo(want[i], org.assertj.core.api.Assertions.within(1e-5));
    }
  }
}
