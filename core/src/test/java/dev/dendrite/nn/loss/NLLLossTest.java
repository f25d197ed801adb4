package dev.dendrite.nn.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** NLLLoss on (N, C, d…) inputs with (N, d…) indices, as PyTorch's nll_loss takes them. */
class NLLLossTest {
  @Test
  void spatialInputIsOnePredictionPerPosition() {
    Tensor x = Tensor.randn(new Rng(3), 2, 3, 4);
    Tensor t = Tensor.of(new float[] {0, 1, 2, 1, 2, 2, 1, 0}, 2, 4);
    Tensor logp = x.logSoftmax(1);
    // CrossEntropyLoss already reads (N, C, d…); NLL of log-softmax must agree with it.
    for (Reduction r : Reduction.values()) {
      Tensor nll = new NLLLoss().withIgnoreIndex(1).withReduction(r).apply(logp, t);
      Tensor ce = new CrossEntropyLoss().withIgnoreIndex(1).withReduction(r).apply(x, t);
      assertThat(nll.shape()).containsExactly(ce.shape());
      assertThat(nll.toArray()).containsExactly(ce.toArray(), within(1e-6f));
    }
    assertThat(new NLLLoss().withReduction(Reduction.NONE).apply(logp, t).shape())
        .containsExactly(2, 4);
  }

  @Test
  void indicesOfTheWrongShapeAreNamed() {
    Tensor logp = Tensor.randn(new Rng(4), 2, 3, 4).logSoftmax(1);
    assertThatThrownBy(() -> new NLLLoss().apply(logp, Tensor.zeros(2, 5)))
        .hasMessageContaining("NLLLoss: input (2, 3, 4) needs class indices of shape (2, 4)");
  }
}
