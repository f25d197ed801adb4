package dev.dendrite.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** WGAN-GP's penalty on tiny critics: a linear one in closed form, a LeakyReLU one numerically. */
class GradientPenaltyTest {
  @Test
  void linearCriticPenaltyAndItsGradientInClosedForm() {
    // D(x) = w·x + b has ∇ₓD = w everywhere: penalty (‖w‖ − 1)², gradient 2(‖w‖ − 1)·w/‖w‖.
    float[] wv = {0.6f, -1.2f, 2.0f};
    Tensor w = Tensor.of(wv, 3, 1).requiresGrad(true);
    Tensor b = Tensor.of(new float[] {0.3f}, 1).requiresGrad(true);
    Rng rng = new Rng(5);
    Tensor real = Tensor.randn(rng, 6, 3), fake = Tensor.randn(rng, 6, 3);
    Tensor p = GradientPenalty.of(x -> x.matmul(w).add(b), real, fake, rng);
    double norm = Math.sqrt(0.36 + 1.44 + 4.0);
    assertThat((double) p.item()).isCloseTo((norm - 1) * (norm - 1), within(1e-5));
    p.backward();
    float[] g = w.grad().toArray();
    for (int i = 0; i < 3; i++)
      assertThat((double) g[i]).isCloseTo(2 * (norm - 1) * wv[i] / norm, within(1e-5));
  }

  @Test
  void leakyReluCriticPenaltyGradientMatchesFiniteDifferences() {
    Rng rng = new Rng(9);
    Tensor x = Tensor.randn(rng, 5, 4);
    Tensor w1 = Tensor.randn(rng, 4, 6).mul(0.7f), b1 = Tensor.randn(rng, 6).mul(0.5f);
    Tensor w2 = Tensor.randn(rng, 6, 1).mul(0.7f);
    var act = new dev.dendrite.nn.activation.LeakyReLU(0.2f);
    // ∇ₓD = W₁ᵀ·diag(LeakyReLU′)·W₂ does not depend on b₁ (LeakyReLU″ = 0), so b₁ stays fixed.
    Tensor[] w = {w1.requiresGrad(true), w2.requiresGrad(true)};
    java.util.function.Supplier<Tensor> penalty =
        () -> GradientPenalty.at(in -> act.forward(in.matmul(w[0]).add(b1)).matmul(w[1]), x);
    penalty.get().backward(); // through ∇ₓD: a gradient of a gradient
    int checked = 0;
    float h = 1e-3f;
    for (Tensor t : w) {
      float[] g = t.grad().toArray();
      for (int i = 0; i < t.numel(); i++) {
        float[] v = t.toArray();
        float keep = v[i];
        double up, down;
        try (var off = dev.dendrite.autograd.Grad.disabled()) {
          v[i] = keep + h;
          t.copyFrom(Tensor.of(v, t.shape()));
        }
        up = penalty.get().item();
        try (var off = dev.dendrite.autograd.Grad.disabled()) {
          v[i] = keep - h;
          t.copyFrom(Tensor.of(v, t.shape()));
        }
        down = penalty.get().item();
        try (var off = dev.dendrite.autograd.Grad.disabled()) {
          v[i] = keep;
          t.copyFrom(Tensor.of(v, t.shape()));
        }
        double fd = (up - down) / (2 * h);
        assertThat((double) g[i]).isCloseTo(fd, within(1e-2 + 1e-2 * Math.abs(fd)));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(24 + 6);
  }
}
