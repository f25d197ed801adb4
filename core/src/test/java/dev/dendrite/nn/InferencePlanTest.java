package dev.dendrite.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.autograd.Grad;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.nn.conv.Conv2d;
import dev.dendrite.nn.conv.MaxPool2d;
import dev.dendrite.nn.norm.BatchNorm1d;
import dev.dendrite.nn.recurrent.GRU;
import dev.dendrite.nn.recurrent.LSTM;
import dev.dendrite.nn.recurrent.LastStep;
import dev.dendrite.nn.regularization.Dropout;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A compiled plan gives the outputs of the plain forward under no-grad, bit for bit, for MLPs, CNNs
 * and RNNs, at growing and shrinking batch sizes, and reuses its buffers.
 */
class InferencePlanTest {
  @Test
  void mlpMatchesThePlainForwardBitForBitAndReusesItsBuffers() {
    Rng rng = new Rng(1);
    BatchNorm1d bn = new BatchNorm1d(16);
    Sequential mlp =
        new Sequential(
            new Linear(20, 32, rng),
            new ReLU(),
            new Dropout(0.5f, rng),
            new Linear(32, 16, rng),
            bn,
            new Tanh(),
            new Sequential(new Linear(16, 8, rng), new ReLU()),
            new Linear(8, 3, rng));
    mlp.eval();
    InferencePlan plan = InferencePlan.compile(mlp);
    assertThat(plan.steps())
        .containsExactly(
            "Linear(in=20, out=32)+ReLU fused",
            "Dropout(p=0.5)",
            "Linear(in=32, out=16) fused",
            bn.toString(),
            "Tanh()",
            "Linear(in=16, out=8)+ReLU fused",
            "Linear(in=8, out=3) fused");
    check(mlp, plan, rng, 20);
    Tensor a = plan.run(Tensor.randn(rng, 5, 20));
    Tensor b = plan.run(Tensor.randn(rng, 5, 20));
    assertThat(b).as("the same buffer, not a new tensor").isSameAs(a);
  }

  @Test
  void cnnMatchesThePlainForwardBitForBit() {
    Rng rng = new Rng(2);
    Sequential cnn =
        new Sequential(
            new Unflatten(1, 6, 6),
            new Conv2d(1, 4, 3, 1, 1, rng),
            new ReLU(),
            new MaxPool2d(2),
            new Flatten(),
            new Linear(36, 10, rng),
            new ReLU(),
            new Linear(10, 5, rng));
    cnn.eval();
    InferencePlan plan = InferencePlan.compile(cnn);
    assertThat(plan.steps()).hasSize(5).contains("Linear(in=36, out=10)+ReLU fused");
    check(cnn, plan, rng, 36);
  }

  @Test
  void rnnMatchesThePlainForwardBitForBit() {
    Rng rng = new Rng(3);
    Sequential rnn =
        new Sequential(
            new Unflatten(6, 6),
            new LSTM(6, 12, 1, true, false, rng),
            new GRU(12, 12, 1, true, false, rng),
            new LastStep(true),
            new Linear(12, 5, rng));
    rnn.eval();
    check(rnn, InferencePlan.compile(rnn), rng, 36);
    // A model that is not a Sequential runs as one step, its own forward.
    LSTM lstm = new LSTM(6, 4, 1, true, false, rng);
    lstm.eval();
    Tensor x = Tensor.randn(rng, 3, 5, 6);
    try (var off = Grad.disabled()) {
      assertThat(InferencePlan.compile(lstm).run(x).toArray())
          .containsExactly(lstm.forward(x).toArray());
    }
  }

  @Test
  void followsTheWeightsAndRecordsNoGraph() {
    Rng rng = new Rng(4);
    Linear lin = new Linear(4, 3, rng);
    lin.eval();
    InferencePlan plan = InferencePlan.compile(lin);
    Tensor x = Tensor.randn(rng, 2, 4).requiresGrad(true);
    Tensor before = plan.run(x).copy();
    assertThat(plan.run(x).requiresGrad()).isFalse();
    try (var off = Grad.disabled()) {
      lin.weight().copyFrom(lin.weight().mul(2f));
      assertClose(plan.run(x).toArray(), lin.forward(x).toArray(), "new weights");
    }
    assertThat(plan.run(x).toArray()).isNotEqualTo(before.toArray());
  }

  @Test
  void aModelInTrainingModeIsRefusedByName() {
    Sequential m = new Sequential(new Linear(2, 2, new Rng(5)));
    assertThatThrownBy(() -> InferencePlan.compile(m))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("InferencePlan: Sequential is in training mode; call eval() on it first");
    m.eval();
    InferencePlan plan = InferencePlan.compile(m);
    m.train();
    assertThatThrownBy(() -> plan.run(Tensor.zeros(1, 2)))
        .hasMessageContaining("is in training mode");
  }

  @Test
  void aRowGetsTheSameBitsInAnyBatchAndAtAnyThreadCount() {
    Rng rng = new Rng(6);
    Sequential mlp =
        new Sequential(new Linear(300, 260, rng), new ReLU(), new Linear(260, 40, rng));
    mlp.eval();
    InferencePlan plan = InferencePlan.compile(mlp);
    Tensor x = Tensor.randn(rng, 150, 300);
    float[] whole = plan.run(x).toArray();
    int before = dev.dendrite.tensor.Threads.get();
    try {
      dev.dendrite.tensor.Threads.set(1);
      assertThat(plan.run(x).toArray()).containsExactly(whole);
    } finally {
      dev.dendrite.tensor.Threads.set(before);
    }
    float[] rows = plan.run(x.slice(0, 13, 20)).toArray();
    assertThat(rows).containsExactly(java.util.Arrays.copyOfRange(whole, 13 * 40, 20 * 40));
    for (int r : new int[] {0, 77, 149}) // one row alone takes its own path (acting)
    assertThat(plan.run(x.slice(0, r, r + 1)).toArray())
          .containsExactly(java.util.Arrays.copyOfRange(whole, r * 40, (r + 1) * 40));
  }

  /** Equal up to the rounding of a differently ordered sum. */
  private static void assertClose(float[] got, float[] expected, String what) {
    assertThat(got).as(what).hasSameSizeAs(expected);
    for (int i = 0; i < got.length; i++)
      assertThat(got[i])
          .as("%s, value %d", what, i)
          .isCloseTo(
              expected[i],
              org.assertj.core.data.Offset.offset(2e-6f * (1 + Math.abs(expected[i]))));
  }

  /** Batches of 7, 64, 3, 64 and 130 rows: buffers grow, are reused, and serve fewer rows. */
  private static void check(Module model, InferencePlan plan, Rng rng, int features) {
    for (int n : new int[] {7, 64, 3, 64, 130}) {
      Tensor x = Tensor.randn(rng, n, features);
      float[] expected;
      try (var off = Grad.disabled()) {
        expected = model.forward(x).toArray();
      }
      float[] got = plan.run(x).toArray();
      assertThat(got).as("batch of " + n).hasSameSizeAs(expected);
      for (int i = 0; i < got.length; i++)
        assertThat(got[i])
            .as("batch of %d, value %d", n, i)
            .isCloseTo(
                expected[i],
                org.assertj.core.data.Offset.offset(2e-6f * (1 + Math.abs(expected[i]))));
    }
  }
}
