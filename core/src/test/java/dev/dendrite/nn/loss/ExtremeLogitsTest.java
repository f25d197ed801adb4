package dev.dendrite.nn.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.nn.activation.LogSoftmax;
import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Losses stay finite, with finite gradients equal to their closed forms, at logits of ±1e4 and for
 * targets at 0 and 1.
 */
class ExtremeLogitsTest {
  private static final float BIG = 1e4f;

  @Test
  void crossEntropy() {
    Tensor x = Tensor.of(new float[] {BIG, -BIG, 0, -BIG, BIG, 0}, 2, 3).requiresGrad(true);
    Tensor loss = new CrossEntropyLoss().apply(x, Tensor.of(0, 0));
    // Row 0 is sure and right (loss 0), row 1 sure and wrong by 2e4: the mean is 1e4.
    assertThat(loss.item()).isCloseTo(1e4f, within(1e-2f));
    loss.backward();
    // d/dx of the mean: (softmax − one-hot) / 2.
    assertThat(x.grad().toArray()).containsExactly(0, 0, 0, -0.5f, 0.5f, 0);
  }

  @Test
  void nllOfLogSoftmax() {
    Tensor x = Tensor.of(new float[] {-BIG, BIG, BIG, -BIG}, 2, 2).requiresGrad(true);
    Tensor loss = new NLLLoss().apply(new LogSoftmax(1).forward(x), Tensor.of(0, 0));
    // Row 0 wrong by 2e4, row 1 right: the mean is 1e4.
    assertThat(loss.item()).isCloseTo(1e4f, within(1e-2f));
    loss.backward();
    assertThat(x.grad().toArray()).containsExactly(-0.5f, 0.5f, 0, 0);
  }

  @Test
  void bceWithLogitsAtTargetsZeroAndOne() {
    float[] logits = {BIG, -BIG, BIG, -BIG};
    float[] targets = {1, 0, 0, 1};
    Tensor x = Tensor.of(logits).requiresGrad(true);
    Tensor loss = new BCEWithLogitsLoss().apply(x, Tensor.of(targets));
    // Two sure and right (0), two sure and wrong (1e4 each).
    assertThat(loss.item()).isCloseTo(5e3f, within(1e-2f));
    loss.backward();
    // (σ(x) − y) / 4.
    assertThat(x.grad().toArray()).containsExactly(0, 0, 0.25f, -0.25f);
  }
}
