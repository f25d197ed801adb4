package dev.dendrite.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AutogradTest {
  @Test
  void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
    Tensor x = Tensor.of(1f, 2f, 3f).requiresGrad(true);
    x.mul(x).sum().backward();
    x.mul(3f).sum().backward();
    assertThat(x.grad().toArray()).containsExactly(5f, 7f, 9f); // 2x + 3
    x.zeroGrad();
    assertThat(x.grad()).isNull();
    x.sum().backward();
    assertThat(x.grad().toArray()).containsExactly(1f, 1f, 1f);
  }

  @Test
  void aTensorUsedTwiceGetsBothContributions() {
    Tensor x = Tensor.of(2f).requiresGrad(true);
    Tensor y = x.mul(x).add(x.exp()).sum(); // dy/dx = 2x + e^x
    y.backward();
    assertThat(x.grad().item()).isCloseTo((float) (4 + Math.exp(2)), within(1e-4f));
  }

  @Test
  void backwardFromAGivenUpstreamGradient() {
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
    Tensor y = x.mul(2f);
    y.backward(Tensor.of(new float[] {1, 0, 0, 5}, 2, 2));
    assertThat(x.grad().toArray()).containsExactly(2f, 0f, 0f, 10f);
  }

  @Test
  void backwardFromANonScalarWithoutUpstreamIsRefused() {
    Tensor x = Tensor.ones(2, 2).requiresGrad(true);
    assertThatThrownBy(() -> x.mul(2f).backward())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("(2, 2)");
  }

  @Test
  void noGraphIsRecordedInsideADisabledScope() {
    Tensor w = Tensor.ones(3).requiresGrad(true);
    Tensor y;
    try (var off = Grad.disabled()) {
      y = w.mul(2f).sum();
      assertThat(Grad.isEnabled()).isFalse();
    }
    assertThat(Grad.isEnabled()).isTrue();
    assertThat(y.requiresGrad()).isFalse();
    assertThat(y.isLeaf()).isTrue();
    assertThatThrownBy(y::backward)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not require grad");
  }

  @Test
  void detachCutsTheGraphButSharesValues() {
    Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
    Tensor d = x.mul(3f).detach();
    assertThat(d.requiresGrad()).isFalse();
    Tensor y = x.mul(d).sum(); // d is a constant here: dy/dx = d
    y.backward();
    assertThat(x.grad().toArray()).containsExactly(3f, 6f);
  }

  @Test
  void aLongChainDoesNotOverflowTheStack() {
    Tensor x = Tensor.of(1f).requiresGrad(true);
    Tensor y = x;
    for (int i = 0; i < 10_000; i++) y = y.mul(1.0001f).add(0.0001f);
    y.sum().backward();
    assertThat(x.grad().item()).isCloseTo((float) Math.pow(1.0001, 10_000), within(1e-2f));
  }

  @Test
  void anInPlaceChangeOfASavedTensorIsCaught() {
    Tensor w = Tensor.of(1f, 2f).requiresGrad(true);
    Tensor x = Tensor.of(3f, 4f);
    Tensor y = w.mul(x).sum(); // saves x for dy/dw
    x.mulInPlace(10f);
    assertThatThrownBy(y::backward)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("modified in place")
        .hasMessageContaining("mul");
  }

  @Test
  void anInPlaceChangeThroughAViewIsCaughtToo() {
    Tensor w = Tensor.of(1f, 2f).requiresGrad(true);
    Tensor x = Tensor.of(3f, 4f, 5f);
    Tensor y = w.exp().mul(x.slice(0, 0, 2)).sum();
    x.slice(0, 2, 3).fill(0f); // a different view, same storage: conservatively refused
    assertThatThrownBy(y::backward)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("modified in place");
  }

  @Test
  void inPlaceOnAParameterIsRefusedWhileRecording() {
    Tensor w = Tensor.ones(2).requiresGrad(true);
    assertThatThrownBy(() -> w.addInPlace(Tensor.ones(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Grad.disabled");
    try (var off = Grad.disabled()) {
      w.addInPlace(-0.5f, Tensor.ones(2));
    }
    assertThat(w.toArray()).containsExactly(0.5f, 0.5f);
  }

  @Test
  void aSecondBackwardThroughAFreedGraphIsAClearError() {
    Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
    Tensor y = x.exp().sum();
    y.backward();
    assertThatThrownBy(y::backward)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("second time");
  }

  @Test
  void retainGraphAllowsASecondBackward() {
    Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
    Tensor y = x.square().sum();
    y.backward(Tensor.scalar(1f), true);
    y.backward(Tensor.scalar(1f), false);
    assertThat(x.grad().toArray()).containsExactly(4f, 8f);
  }

  @Test
  void retainGradKeepsANonLeafGradient() {
    Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
    Tensor h = x.mul(3f).retainGrad();
    h.square().sum().backward();
    assertThat(h.grad().toArray()).containsExactly(6f, 12f);
    assertThat(x.grad().toArray()).containsExactly(18f, 36f);
  }

  @Test
  void leafGradientsDoNotAliasEachOther() {
    Tensor a = Tensor.of(1f, 2f).requiresGrad(true);
    Tensor b = Tensor.of(3f, 4f).requiresGrad(true);
    a.add(b).sum().backward(); // add passes the same gradient tensor to both inputs
    try (var off = Grad.disabled()) {
      a.grad().mulInPlace(10f);
    }
    assertThat(b.grad().toArray()).containsExactly(1f, 1f);
  }

  /** The graph is freed after each backward: 10,000 training steps must not grow the heap. */
  @Test
  void memoryStaysFlatOverTenThousandTrainingSteps() {
    Rng rng = new Rng(7);
    Tensor w = Tensor.randn(rng, 16, 8).mul(0.1f).requiresGrad(true);
    Tensor x = Tensor.randn(rng, 32, 16), target = Tensor.randn(rng, 32, 8);
    long[] used = new long[2];
    for (int step = 0; step < 10_000; step++) {
      Tensor loss = x.matmul(w).tanh().sub(target).square().mean();
      loss.backward();
      try (var off = Grad.disabled()) {
        w.addInPlace(-0.01f, w.grad());
      }
      w.zeroGrad();
      if (step == 1_000 || step == 9_999) used[step == 1_000 ? 0 : 1] = usedAfterGc();
    }
    assertThat(used[1] - used[0])
        .as("heap growth between step 1,000 and 10,000")
        .isLessThan(4L << 20);
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      best = Math.min(best, rt.totalMemory() - rt.freeMemory());
    }
    return best;
  }

  @Test
  void gradCheckReportsAWrongGradient() {
    // sign() has no recorded gradient; pretend it is the identity to show the check failing.
    Tensor x = Tensor.of(0.5f, -1.5f).requiresGrad(true);
    GradCheck.Result ok = GradCheck.check(in -> in[0].tanh(), x);
    assertThat(ok.passed()).isTrue();
    GradCheck.Result bad = GradCheck.check(in -> in[0].detach().tanh().add(in[0].mul(0f)), x);
    assertThat(bad.passed()).isFalse();
    assertThat(bad.failure()).contains("analytic").contains("numeric");
  }
}
