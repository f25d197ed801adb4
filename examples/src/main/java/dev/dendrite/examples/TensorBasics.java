package dev.dendrite.examples;

import dev.dendrite.autograd.Grad;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;

/**
 * The engine underneath the layers: a tensor that requires its gradient, a few ops recorded as they
 * run, {@code backward()}, and one hand-written gradient step outside the graph.
 *
 * <p>Run: {@code ./dendrite example TensorBasics}.
 */
public final class TensorBasics {
  private TensorBasics() {}

  public static void main(String[] args) {
    Rng rng = new Rng(1);
    Tensor w = Tensor.randn(rng, 3, 2).requiresGrad(true);
    Tensor loss = Tensor.of(new float[][] {{1, 2, 3}}).matmul(w).tanh().square().mean();
    loss.backward(); // w.grad() = d loss / d w
    try (var off = Grad.disabled()) {
      w.addInPlace(-0.1f, w.grad());
    }
    System.out.println(
        "loss " + loss.item() + "\ngradient " + w.grad() + "\nw after one step " + w);
  }
}
