package dev.dendrite.tensor;

import dev.dendrite.kernels.Gemm;
import dev.dendrite.kernels.Parallel;

/** Matrix products on the GEMM kernel. */
final class Linalg {
  private Linalg() {}

  static Tensor matmul(Tensor a, Tensor b) {
    if (a.dim() == 0 || b.dim() == 0) {
      throw new IllegalArgumentException(
          "matmul: both operands need at least 1 dimension, got "
              + Shape.str(a.shape)
              + " @ "
              + Shape.str(b.shape));
    }
    // 1-D operands: promote as torch.matmul does, then drop the added dimension.
    if (a.dim() == 1 && b.dim() == 1) {
      check(a.shape, b.shape, a.shape[0], b.shape[0]);
      return matmul(a.unsqueeze(0), b.unsqueeze(1)).reshape();
    }
    if (a.dim() == 1) return matmulNd(a.unsqueeze(0), b, a.shape, b.shape).squeeze(-2);
    if (b.dim() == 1) return matmulNd(a, b.unsqueeze(1), a.shape, b.shape).squeeze(-1);
    return matmulNd(a, b, a.shape, b.shape);
  }

  private static void check(int[] sa, int[] sb, int ka, int kb) {
    if (ka != kb) {
      throw new IllegalArgumentException(
          "matmul: "
              + Shape.str(sa)
              + " @ "
              + Shape.str(sb)
              + ": inner dimensions "
              + ka
              + " and "
              + kb
              + " differ");
    }
  }

  /** How one operand's matrices are laid out for GEMM. */
  private record Layout(boolean trans, int ld) {}

  private static Layout layout(Tensor x) {
    int r = x.dim();
    int rows = x.shape[r - 2], cols = x.shape[r - 1];
    int sr = x.strides[r - 2], sc = x.strides[r - 1];
    if ((sc == 1 || cols == 1) && (sr >= Math.max(cols, 1) || rows == 1))
      return new Layout(false, Math.max(rows == 1 ? cols : sr, 1));
    if ((sr == 1 || rows == 1) && (sc >= Math.max(rows, 1) || cols == 1))
      return new Layout(true, Math.max(cols == 1 ? rows : sc, 1));
    return null;
  }

  private static Tensor matmulNd(Tensor a, Tensor b, int[] userA, int[] userB) {
    int ra = a.dim(), rb = b.dim();
    int n = a.shape[ra - 2], k = a.shape[ra - 1], kb = b.shape[rb - 2], m = b.shape[rb - 1];
    check(userA, userB, k, kb);
    int[] batchA = java.util.Arrays.copyOf(a.shape, ra - 2),
        batchB = java.util.Arrays.copyOf(b.shape, rb - 2);
    int[] batch = Shape.broadcast("matmul", batchA, batchB);
    int[] fullA = concat(batch, n, k), fullB = concat(batch, k, m);
    Tensor ea = Shape.same(a.shape, fullA) ? a.detach() : a.detach().expand(fullA);
    Tensor eb = Shape.same(b.shape, fullB) ? b.detach() : b.detach().expand(fullB);
    Layout la = layout(ea), lb = layout(eb);
    if (la == null) {
      ea = ea.copy();
      la = layout(ea);
    }
    if (lb == null) {
      eb = eb.copy();
      lb = layout(eb);
    }
    int batches = Shape.numel(batch);
    float[] out = new float[batches * n * m];
    int[] offA = batchOffsets(ea, batch), offB = batchOffsets(eb, batch);
    float[] ad = ea.storage.data, bd = eb.storage.data;
    Layout fa = la, fb = lb;
    if (batches == 1) {
      Gemm.sgemm(
          fa.trans, fb.trans, n, m, k, 1f, ad, offA[0], fa.ld, bd, offB[0], fb.ld, 0f, out, 0, m);
    } else {
      // Many small products: one per task. Large ones parallelise inside GEMM instead.
      long flops = (long) n * m * k;
      if (flops < (1L << 21)) {
        Parallel.forEach(
            batches,
            i ->
                Gemm.sgemm(
                    fa.trans, fb.trans, n, m, k, 1f, ad, offA[i], fa.ld, bd, offB[i], fb.ld, 0f,
                    out, i * n * m, m));
      } else {
        for (int i = 0; i < batches; i++)
          Gemm.sgemm(
              fa.trans, fb.trans, n, m, k, 1f, ad, offA[i], fa.ld, bd, offB[i], fb.ld, 0f, out,
              i * n * m, m);
      }
    }
    Tensor y = Tensor.wrap(out, concat(batch, n, m));
    int[] sa = a.shape, sb = b.shape;
    // When B is a transposed view (x·Wᵀ of a Linear layer), compute dB as (Gᵀ·A)ᵀ: the same values,
    // laid out so that the view's backward hands W a contiguous gradient instead of a strided copy.
    boolean bTransposed = lb.trans() && b.dim() == 2 && a.dim() == 2;
    return Tensor.record(
        y,
        "matmul",
        new Tensor[] {a, b},
        new Tensor[] {a, b},
        g ->
            new Tensor[] {
              a.requiresGrad() ? g.matmul(b.transpose(-1, -2)).sumTo(sa) : null, // dA = G·Bᵀ
              b.requiresGrad()
                  ? (bTransposed ? g.t().matmul(a).t() : a.transpose(-1, -2).matmul(g).sumTo(sb))
                  : null
            }); // dB = Aᵀ·G
  }

  private static int[] concat(int[] batch, int r, int c) {
    int[] s = java.util.Arrays.copyOf(batch, batch.length + 2);
    s[batch.length] = r;
    s[batch.length + 1] = c;
    return s;
  }

  /** Storage offset of each batch matrix, in row-major batch order. */
  private static int[] batchOffsets(Tensor x, int[] batch) {
    int count = Shape.numel(batch);
    int[] offs = new int[count];
    int[] idx = new int[batch.length];
    for (int i = 0; i < count; i++) {
      int o = x.offset;
      for (int d = 0; d < batch.length; d++) o += idx[d] * x.strides[d];
      offs[i] = o;
      for (int d = batch.length - 1; d >= 0; d--) {
        if (++idx[d] < batch[d]) break;
        idx[d] = 0;
      }
    }
    return offs;
  }
}
