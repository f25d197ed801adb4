package dev.dendrite.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Im2col (its whole-plane copies for stride 1 with Wout = W, and the clipped row copies and strided
 * gathers otherwise) and the image-by-image convolution against plain double-precision loops.
 */
class ConvImagesTest {
  /**
   * c, h, w, kh, kw, sh, sw, top, left, dh, dw, ho, wo: "same" 3×3, strided, dilated, asymmetric,
   * 1×1, wider than the image; the last has K = 36 ≥ TRANSPOSED_K, the weight gradient's transposed
   * product.
   */
  private static final int[][] GEOMETRIES = {
    {1, 28, 28, 3, 3, 1, 1, 1, 1, 1, 1, 28, 28},
    {3, 14, 14, 3, 3, 1, 1, 1, 1, 1, 1, 14, 14},
    {2, 7, 9, 3, 3, 2, 2, 1, 1, 1, 1, 4, 5},
    {2, 9, 8, 3, 2, 1, 1, 2, 1, 2, 2, 9, 8},
    {2, 6, 5, 2, 2, 1, 1, 0, 0, 1, 1, 6, 5},
    {3, 5, 5, 1, 1, 1, 1, 0, 0, 1, 1, 5, 5},
    {1, 4, 4, 5, 5, 1, 1, 2, 2, 1, 1, 4, 4},
    {2, 5, 6, 3, 3, 1, 2, 0, 1, 1, 1, 3, 3},
    {1, 3, 3, 5, 5, 1, 1, 3, 3, 1, 1, 5, 5},
    {4, 6, 7, 3, 3, 1, 1, 1, 1, 1, 1, 6, 7},
    // Strided, through StridedWindows: the DCGAN's two, rows and columns never read, and a grid
    // that runs past the bottom and right edges (a transposed convolution's output padding).
    {3, 14, 14, 4, 4, 2, 2, 1, 1, 1, 1, 7, 7},
    {1, 28, 28, 4, 4, 2, 2, 1, 1, 1, 1, 14, 14},
    {2, 11, 10, 3, 2, 3, 2, 0, 1, 2, 1, 2, 3},
    {2, 5, 5, 3, 3, 2, 2, 1, 1, 1, 1, 4, 4},
    // Stride 2 both ways, folded in one pass per pixel: odd kernels, no padding, wide padding,
    // a kernel wider than it is tall, and a grid that leaves the last rows and columns unread.
    {2, 8, 8, 2, 2, 2, 2, 0, 0, 1, 1, 4, 4},
    {3, 9, 7, 5, 3, 2, 2, 2, 1, 1, 1, 5, 4},
    {1, 6, 6, 4, 6, 2, 2, 0, 2, 1, 1, 2, 3},
    {2, 13, 12, 4, 4, 2, 2, 1, 1, 1, 1, 6, 5}
  };

  private static ConvImages.Geometry geometry(int[] a) {
    return new ConvImages.Geometry(
        a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12]);
  }

  private static float[] random(SplittableRandom r, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) a[i] = (float) r.nextGaussian();
    return a;
  }

  /**
   * The input element under window offset (i, j) at output position (oh, ow) of channel ch, or 0 in
   * the padding.
   */
  private static double at(
      float[] img, int off, ConvImages.Geometry g, int ch, int i, int j, int oh, int ow) {
    int y = oh * g.sh() - g.top() + i * g.dh(), x = ow * g.sw() - g.left() + j * g.dw();
    return y < 0 || y >= g.h() || x < 0 || x >= g.w() ? 0 : img[off + (ch * g.h() + y) * g.w() + x];
  }

  @Test
  void im2colAndCol2imMatchPlainLoops() {
    SplittableRandom r = new SplittableRandom(5);
    for (int[] a : GEOMETRIES) {
      ConvImages.Geometry g = geometry(a);
      int c = g.c(), k = c * g.kh() * g.kw(), l = g.l(), off = 3, ld = l + 7;
      float[] img = random(r, off + c * g.h() * g.w());
      float[] cols =
          random(
              r, 2 + k * ld); // garbage to be overwritten; padding columns between rows untouched
      float[] before = cols.clone();
      Im2col.im2col(
          cols, 2, ld, img, off, c, g.h(), g.w(), g.kh(), g.kw(), g.sh(), g.sw(), g.top(), g.left(),
          g.dh(), g.dw(), g.ho(), g.wo());
      float[] grad = random(r, 2 + k * ld);
      float[] plain = new float[c * g.h() * g.w()], scratch = new float[c * g.h() * g.w()];
      double[] want = new double[plain.length];
      for (int ch = 0; ch < c; ch++) {
        for (int i = 0; i < g.kh(); i++) {
          for (int j = 0; j < g.kw(); j++) {
            int row = 2 + ((ch * g.kh() + i) * g.kw() + j) * ld;
            for (int p = 0; p < l; p++) {
              int oh = p / g.wo(), ow = p % g.wo();
              assertThat(cols[row + p])
                  .as("%s row %d position %d", java.util.Arrays.toString(a), row, p)
                  .isEqualTo((float) at(img, off, g, ch, i, j, oh, ow));
              int y = oh * g.sh() - g.top() + i * g.dh(), x = ow * g.sw() - g.left() + j * g.dw();
              if (y >= 0 && y < g.h() && x >= 0 && x < g.w())
                want[(ch * g.h() + y) * g.w() + x] += grad[row + p];
            }
            for (int p = l; p < ld && row + p < cols.length; p++)
              assertThat(cols[row + p]).isEqualTo(before[row + p]);
          }
        }
      }
      Im2col.col2im(
          plain, 0, grad, 2, ld, c, g.h(), g.w(), g.kh(), g.kw(), g.sh(), g.sw(), g.top(), g.left(),
          g.dh(), g.dw(), g.ho(), g.wo());
      Im2col.col2imScratch(
          scratch,
          0,
          grad.clone(),
          2,
          ld,
          c,
          g.h(),
          g.w(),
          g.kh(),
          g.kw(),
          g.sh(),
          g.sw(),
          g.top(),
          g.left(),
          g.dh(),
          g.dw(),
          g.ho(),
          g.wo());
      for (int e = 0; e < want.length; e++) {
        assertThat((double) plain[e])
            .as("col2im %s element %d", java.util.Arrays.toString(a), e)
            .isCloseTo(want[e], within(1e-5));
        assertThat((double) scratch[e])
            .as("col2imScratch %s element %d", java.util.Arrays.toString(a), e)
            .isCloseTo(want[e], within(1e-5));
      }
    }
  }

  /**
   * col2im adds each pixel's taps in the plain loop's order (channel, kernel row, kernel column),
   * onto what the image held: the same bits, whichever path folds the geometry.
   */
  @Test
  void col2imHasThePlainLoopsBits() {
    SplittableRandom r = new SplittableRandom(8);
    for (int[] a : GEOMETRIES) {
      ConvImages.Geometry g = geometry(a);
      int c = g.c(), k = c * g.kh() * g.kw(), l = g.l(), ld = l + 3;
      float[] grad = random(r, 1 + k * ld), start = random(r, 2 + c * g.h() * g.w());
      float[] want = start.clone(), got = start.clone();
      for (int ch = 0; ch < c; ch++)
        for (int i = 0; i < g.kh(); i++)
          for (int j = 0; j < g.kw(); j++)
            for (int p = 0; p < l; p++) {
              int y = (p / g.wo()) * g.sh() - g.top() + i * g.dh();
              int x = (p % g.wo()) * g.sw() - g.left() + j * g.dw();
              if (y >= 0 && y < g.h() && x >= 0 && x < g.w())
                want[2 + (ch * g.h() + y) * g.w() + x] +=
                    grad[1 + ((ch * g.kh() + i) * g.kw() + j) * ld + p];
            }
      Im2col.col2im(
          got, 2, grad, 1, ld, c, g.h(), g.w(), g.kh(), g.kw(), g.sh(), g.sw(), g.top(), g.left(),
          g.dh(), g.dw(), g.ho(), g.wo());
      for (int e = 0; e < want.length; e++)
        assertThat(Float.floatToRawIntBits(got[e]))
            .as("%s element %d: %s, want %s", java.util.Arrays.toString(a), e, got[e], want[e])
            .isEqualTo(Float.floatToRawIntBits(want[e]));
    }
  }

  @Test
  void convolutionAndItsGradientsMatchPlainLoops() {
    SplittableRandom r = new SplittableRandom(7);
    for (int[] a : GEOMETRIES) {
      for (int groups : new int[] {1, a[0]}) {
        for (int n :
            new int[] {
              1, 3, 11
            }) { // fewer, as many, and more images than there are gradient chunks of one
          check(r, geometry(a), n, 2 * groups, groups, n % 2 == 1);
        }
      }
    }
  }

  private static void check(
      SplittableRandom r, ConvImages.Geometry g, int n, int out, int groups, boolean withBias) {
    int c = g.c(),
        cg = c / groups,
        og = out / groups,
        k = cg * g.kh() * g.kw(),
        l = g.l(),
        plane = g.h() * g.w(),
        off = 4;
    float[] x = random(r, off + n * c * plane),
        w = random(r, off + out * k),
        bias = withBias ? random(r, off + out) : null;
    float[] gy = random(r, off + n * out * l);
    float[] y = random(r, n * out * l);
    ConvImages.forward(y, 0, x, off, w, off, bias, off, n, out, groups, g);
    float[] dx = new float[n * c * plane],
        dw = random(r, out * k),
        db = withBias ? random(r, out) : null;
    ConvImages.backward(dx, dw, db, gy, off, x, off, w, off, n, out, groups, g);
    double[] wantDx = new double[dx.length],
        wantDw = new double[dw.length],
        wantDb = new double[out];
    String at = g + " n=" + n + " groups=" + groups;
    for (int b = 0; b < n; b++) {
      for (int o = 0; o < out; o++) {
        int grp = o / og;
        for (int p = 0; p < l; p++) {
          int oh = p / g.wo(), ow = p % g.wo();
          double sum = withBias ? bias[off + o] : 0, gv = gy[off + (b * out + o) * l + p];
          wantDb[o] += gv;
          for (int ci = 0; ci < cg; ci++) {
            for (int i = 0; i < g.kh(); i++) {
              for (int j = 0; j < g.kw(); j++) {
                int wi = o * k + (ci * g.kh() + i) * g.kw() + j, ch = grp * cg + ci;
                double v = at(x, off + b * c * plane, g, ch, i, j, oh, ow);
                sum += w[off + wi] * v;
                wantDw[wi] += gv * v;
                int yy = oh * g.sh() - g.top() + i * g.dh(),
                    xx = ow * g.sw() - g.left() + j * g.dw();
                if (yy >= 0 && yy < g.h() && xx >= 0 && xx < g.w())
                  wantDx[(b * c + ch) * plane + yy * g.w() + xx] += gv * w[off + wi];
              }
            }
          }
          assertThat((double) y[(b * out + o) * l + p])
              .as(at + " y")
              .isCloseTo(sum, within(1e-4 * (1 + Math.abs(sum))));
        }
      }
    }
    for (int e = 0; e < dx.length; e++)
      assertThat((double) dx[e])
          .as(at + " dx")
          .isCloseTo(wantDx[e], within(1e-4 * (1 + Math.abs(wantDx[e]))));
    for (int e = 0; e < dw.length; e++)
      assertThat((double) dw[e])
          .as(at + " dw")
          .isCloseTo(wantDw[e], within(1e-4 * (1 + Math.abs(wantDw[e]))));
    if (!withBias) return;
    float[] dbAlone =
        random(r, out); // the bias gradient alone (a frozen weight) takes its own path
    ConvImages.backward(null, null, dbAlone, gy, off, x, off, w, off, n, out, groups, g);
    for (int o = 0; o < out; o++) {
      assertThat((double) db[o])
          .as(at + " db")
          .isCloseTo(wantDb[o], within(1e-4 * (1 + Math.abs(wantDb[o]))));
      assertThat((double) dbAlone[o])
          .as(at + " db alone")
          .isCloseTo(wantDb[o], within(1e-4 * (1 + Math.abs(wantDb[o]))));
    }
  }
}
