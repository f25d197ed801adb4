package dev.dendrite.nn.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** KLDivLoss's reductions: PyTorch's default 'mean' over every element, and 'batchmean'. */
class KLDivLossTest {
  @Test
  void defaultIsTheMeanOverEveryElementAsInPyTorch() {
    Tensor logp = Tensor.of(new float[] {-1f, -0.5f, -2f, -0.1f}, 2, 2);
    Tensor p = Tensor.of(new float[] {0.5f, 0.5f, 0f, 1f}, 2, 2);
    double sum =
        0.5 * (Math.log(0.5) + 1) + 0.5 * (Math.log(0.5) + 0.5) + 0 + 1 * (Math.log(1) + 0.1);
    assertThat(new KLDivLoss().apply(logp, p).item()).isCloseTo((float) (sum / 4), within(1e-6f));
    assertThat(KLDivLoss.batchmean().apply(logp, p).item())
        .isCloseTo((float) (sum / 2), within(1e-6f));
  }
}
