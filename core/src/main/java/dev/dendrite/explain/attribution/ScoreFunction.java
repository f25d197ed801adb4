package dev.dendrite.explain.attribution;

import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Tensor;

/**
 * The output an attribution explains: a batch of flat inputs (N, D) in, one score per row (N) out.
 * It must be differentiable (built from tensor operations) for the gradient methods.
 */
@FunctionalInterface
public interface ScoreFunction {
  /** Rows processed per forward pass by the methods that evaluate many inputs. */
  int BATCH = 128;

  Tensor scores(Tensor batch);

  /** The softmax probability of class {@code cls} of a classifier that returns logits (N, C). */
  static ScoreFunction probability(Module model, int cls) {
    return x -> model.forward(x).softmax(1).select(1, cls);
  }

  /** The logit of class {@code cls}. */
  static ScoreFunction logit(Module model, int cls) {
    return x -> model.forward(x).select(1, cls);
  }

  /** Scores of many rows, {@link #BATCH} at a time, without recording a graph. */
  default float[] evaluate(float[] rows, int d) {
    int n = rows.length / d;
    float[] out = new float[n];
    try (var off = dev.dendrite.autograd.Grad.disabled()) {
      for (int s = 0; s < n; s += BATCH) {
        int e = Math.min(n, s + BATCH);
        float[] chunk = java.util.Arrays.copyOfRange(rows, s * d, e * d);
        float[] sc = scores(Tensor.wrap(chunk, e - s, d)).toArray();
        System.arraycopy(sc, 0, out, s, e - s);
      }
    }
    return out;
  }

  /** The score of one input. */
  default double at(float[] x) {
    return evaluate(x, x.length)[0];
  }

  /**
   * Gradients of the scores of many rows with respect to each row (rows are independent, so the
   * gradient of their sum is each row's own gradient), {@link #BATCH} rows per pass.
   */
  default float[] gradients(float[] rows, int d) {
    int n = rows.length / d;
    float[] out = new float[rows.length];
    for (int s = 0; s < n; s += BATCH) {
      int e = Math.min(n, s + BATCH);
      Tensor x = Tensor.of(java.util.Arrays.copyOfRange(rows, s * d, e * d), e - s, d);
      x.requiresGrad(true);
      Tensor g = dev.dendrite.autograd.Grad.grad(scores(x).sum(), x, false);
      System.arraycopy(g.toArray(), 0, out, s * d, (e - s) * d);
    }
    return out;
  }
}
