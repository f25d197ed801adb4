package dev.dendrite.explain;

import dev.dendrite.autograd.Grad;
import dev.dendrite.nn.Parameter;
import dev.dendrite.nn.recurrent.LSTM;
import dev.dendrite.nn.recurrent.RNN;
import dev.dendrite.nn.recurrent.Recurrent;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.List;

/**
 * How far back a loss at the last step reaches: for a random input sequence x (T, N, I) and the
 * loss L = Σ h_{T−1} (the last step's output summed), the norm ‖∂L/∂x_t‖ for every t.
 *
 * <p>In a tanh RNN the gradient reaching step t is a product of T − 1 − t Jacobians diag(1 −
 * h²)·W_hh; with PyTorch's initialisation U(−1/√H, 1/√H) the spectral radius of W_hh is about 1/√3,
 * so the product shrinks geometrically and underflows float32 long before t = 0. An LSTM's cell
 * state is carried by c_t = f_t ⊙ c_{t−1} + …, whose Jacobian is the forget gate itself: the
 * gradient decays like Π f_t. With PyTorch's zero-mean bias f ≈ σ(0) = 0.5 and that still vanishes;
 * with the forget-gate bias at 1 (Gers et al. 2000; Jozefowicz et al. 2015, the default of Keras
 * and TensorFlow) f ≈ σ(1) ≈ 0.73 and the gradient at t = 0 stays many orders of magnitude larger.
 * Both are measured here, at initialisation, with no training.
 */
public final class VanishingGradients {
  /** Norms ‖∂L/∂x_t‖ for t = 0 … T − 1, per model. */
  public record Flow(String model, double[] norms) {}

  private VanishingGradients() {}

  /**
   * The three models measured: a tanh RNN, an LSTM as PyTorch initialises it, and the LSTM with
   * forget-gate bias 1.
   */
  public static List<Flow> compare(int steps, int input, int hidden, int batch, long seed) {
    Rng rng = new Rng(seed);
    Tensor x = Tensor.randn(rng.split(), steps, batch, input);
    RNN rnn = new RNN(input, hidden, rng.split());
    LSTM lstm = new LSTM(input, hidden, rng.split());
    LSTM biased = new LSTM(input, hidden, rng.split());
    addForgetBias(biased, 1f);
    return List.of(
        new Flow("RNN (tanh)", norms(rnn, x)),
        new Flow("LSTM (PyTorch init)", norms(lstm, x)),
        new Flow("LSTM, forget bias 1", norms(biased, x)));
  }

  /** ‖∂L/∂x_t‖ (Frobenius over batch and features) for L = Σ h_{T−1}. */
  public static double[] norms(Recurrent layer, Tensor x) {
    Tensor in = x.detach().copy().requiresGrad(true);
    Tensor out = layer.forward(in);
    out.select(0, out.size(0) - 1).sum().backward();
    float[] g = in.grad().contiguous().toArray();
    int t = x.size(0), per = x.size(1) * x.size(2);
    double[] n = new double[t];
    for (int s = 0; s < t; s++) {
      double sq = 0;
      for (int i = 0; i < per; i++) sq += (double) g[s * per + i] * g[s * per + i];
      n[s] = Math.sqrt(sq);
    }
    layer.zeroGrad();
    return n;
  }

  /**
   * Adds {@code b} to the forget-gate part (rows H … 2H of gate order i, f, g, o) of every {@code
   * bias_ih}.
   */
  public static void addForgetBias(LSTM lstm, float b) {
    try (var off = Grad.disabled()) {
      for (var e : lstm.namedParameters().entrySet()) {
        if (!e.getKey().startsWith("bias_ih")) continue;
        Parameter p = e.getValue();
        float[] v = p.toArray();
        int h = v.length / 4;
        for (int i = h; i < 2 * h; i++) v[i] += b;
        p.copyFrom(Tensor.of(v, v.length));
      }
    }
  }
}
