package dev.dendrite.ops.sequence;

import dev.dendrite.kernels.Elementwise;
import dev.dendrite.tensor.Tensor;
import java.util.Arrays;

/**
 * The time steps of a (T, N, G) tensor as separate differentiable tensors whose gradients are
 * gathered in one buffer: slicing each step out of the graph would give every step a full-size
 * gradient in backward, O(T²) work for a sequence. Here the steps' backward passes add into the
 * buffer and a single anchor node hands it to the source once, after all of them (the engine runs a
 * node only after all its consumers).
 *
 * <p>With {@code lengths}, the steps are those of each sequence reversed within its own length (the
 * reverse direction of a padded batch, see {@link Sequences#reverseRows}).
 */
public final class TimeSteps {
  private final float[] values, grad;
  private final int len, n, g;
  private final Tensor anchor;

  public TimeSteps(Tensor x) {
    this(x, null);
  }

  public TimeSteps(Tensor x, int[] reversedLengths) {
    int t = x.size(0);
    this.n = x.size(1);
    this.g = x.size(2);
    this.len = n * g;
    float[] v = x.toArray();
    if (reversedLengths != null) {
      float[] r = new float[v.length];
      Sequences.reverseRows(v, r, t, n, g, reversedLengths, false);
      v = r;
    }
    this.values = v;
    this.grad = new float[values.length];
    int[] shape = x.shape();
    this.anchor =
        Tensor.custom(
            "timeSteps",
            Tensor.scalar(0f),
            new Tensor[] {x},
            new Tensor[0],
            up -> {
              float[] full = grad.clone();
              if (reversedLengths != null)
                Sequences.reverseRows(grad, full, t, n, g, reversedLengths, false);
              Arrays.fill(grad, 0f); // ready for a retained graph's next backward
              return new Tensor[] {Tensor.wrap(full, shape)};
            });
  }

  /** Time step t (N, G). */
  public Tensor step(int t) {
    Tensor v = Tensor.wrap(Arrays.copyOfRange(values, t * len, (t + 1) * len), n, g);
    if (!anchor.requiresGrad()) return v;
    return Tensor.custom(
        "timeStep",
        v,
        new Tensor[] {anchor},
        new Tensor[0],
        up -> {
          float[] u = up.toArray();
          Elementwise.axpy(grad, t * len, 1f, u, 0, len);
          return new Tensor[] {Tensor.scalar(0f)};
        });
  }
}
