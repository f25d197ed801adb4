package dev.dendrite.rl.agent.deep;

import dev.dendrite.autograd.Grad;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** The hidden layers of a policy or value network, as Stable-Baselines3's {@code create_mlp}. */
final class Mlp {
  private Mlp() {}

  /**
   * Linear layers of the given widths, each followed by the activation ({@code relu} or {@code
   * tanh}). With a finite {@code orthogonalGain}, weights start orthogonal with that gain and
   * biases at zero; otherwise PyTorch's default initialisation is kept.
   */
  static Sequential hidden(int in, int[] widths, boolean tanh, double orthogonalGain, Rng rng) {
    List<Module> layers = new ArrayList<>();
    int width = in;
    for (int w : widths) {
      layers.add(linear(width, w, orthogonalGain, rng));
      layers.add(tanh ? new Tanh() : new ReLU());
      width = w;
    }
    return new Sequential(layers);
  }

  static Linear linear(int in, int out, double orthogonalGain, Rng rng) {
    Linear l = new Linear(in, out, rng);
    if (Double.isFinite(orthogonalGain)) {
      Orthogonal.init(l.weight(), orthogonalGain, rng);
      try (var off = Grad.disabled()) {
        l.bias().copyFrom(Tensor.zeros(out));
      }
    }
    return l;
  }

  /** The widths of {@code net_arch} given as one width repeated {@code layers} times. */
  static int[] widths(int layers, int width) {
    int[] w = new int[layers];
    java.util.Arrays.fill(w, width);
    return w;
  }
}
