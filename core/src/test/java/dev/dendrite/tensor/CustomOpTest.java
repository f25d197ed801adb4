package dev.dendrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A custom op with two results gets one gradient per result, null for a result nothing used. */
class CustomOpTest {
  /** y = (2x, 3x) as one op; its backward records which gradients arrived. */
  private static Tensor[] twoResults(Tensor x, Tensor[][] seen) {
    Tensor a = Tensor.of(new float[] {2 * x.item()}, 1),
        b = Tensor.of(new float[] {3 * x.item()}, 1);
    return Tensor.custom(
        "two",
        new Tensor[] {a, b},
        new Tensor[] {x},
        new Tensor[0],
        g -> {
          seen[0] = g;
          float d = (g[0] == null ? 0 : 2 * g[0].item()) + (g[1] == null ? 0 : 3 * g[1].item());
          return new Tensor[] {Tensor.of(new float[] {d}, 1)};
        });
  }

  @Test
  void eachResultHasItsOwnGradient() {
    Tensor x = Tensor.of(new float[] {1f}, 1).requiresGrad(true);
    Tensor[][] seen = new Tensor[1][];
    Tensor[] y = twoResults(x, seen);
    y[0].mul(5f).add(y[1].mul(7f)).sum().backward();
    assertThat(seen[0][0].item()).isEqualTo(5f);
    assertThat(seen[0][1].item()).isEqualTo(7f);
    assertThat(x.grad().item()).isEqualTo(2 * 5f + 3 * 7f);
  }

  @Test
  void aResultNothingReadGetsNull() {
    Tensor x = Tensor.of(new float[] {1f}, 1).requiresGrad(true);
    Tensor[][] seen = new Tensor[1][];
    Tensor[] y = twoResults(x, seen);
    y[1].retainGrad().sum().backward();
    assertThat(seen[0][0]).isNull();
    assertThat(seen[0][1].item()).isEqualTo(1f);
    assertThat(y[1].grad().item()).isEqualTo(1f);
    assertThat(x.grad().item()).isEqualTo(3f);
  }
}
