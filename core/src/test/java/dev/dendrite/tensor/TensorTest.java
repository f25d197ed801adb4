package dev.dendrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TensorTest {
  @Test
  void viewsShareStorageWithoutCopying() {
    Tensor x = Tensor.arange(12).reshape(3, 4);
    Tensor t = x.t();
    assertThat(t.shape()).containsExactly(4, 3);
    assertThat(t.isContiguous()).isFalse();
    assertThat(t.get(1, 2)).isEqualTo(9f);
    x.slice(1, 1, 2).fill(-1f); // column 1
    assertThat(t.get(1, 2)).isEqualTo(-1f);
    assertThat(x.permute(1, 0).strides()).containsExactly(1, 4);
    assertThat(x.unsqueeze(0).expand(5, 3, 4).strides()).containsExactly(0, 4, 1);
    assertThat(x.slice(0, 1, 3).storage).isSameAs(x.storage);
    assertThat(x.reshape(2, -1).storage).isSameAs(x.storage);
    assertThat(t.reshape(12).storage).isNotSameAs(x.storage); // not contiguous: copied
    assertThat(t.contiguous().toArray()).containsExactly(0, 4, 8, -1, -1, -1, 2, 6, 10, 3, 7, 11);
  }

  @Test
  void creation() {
    assertThat(Tensor.zeros(2, 3).toArray()).containsOnly(0f).hasSize(6);
    assertThat(Tensor.full(7f, 2).toArray()).containsExactly(7f, 7f);
    assertThat(Tensor.arange(1, 2, 0.25).toArray()).containsExactly(1f, 1.25f, 1.5f, 1.75f);
    assertThat(Tensor.eye(2).toArray()).containsExactly(1f, 0f, 0f, 1f);
    assertThat(Tensor.scalar(3f).dim()).isZero();
    assertThat(Tensor.of(new float[][] {{1, 2}, {3, 4}}).get(1, 0)).isEqualTo(3f);
  }

  @Test
  void theSameSeedGivesTheSameNumbers() {
    assertThat(Tensor.randn(new Rng(5), 100).toArray())
        .containsExactly(Tensor.randn(new Rng(5), 100).toArray());
    assertThat(Tensor.rand(new Rng(5), 100).toArray())
        .isNotEqualTo(Tensor.rand(new Rng(6), 100).toArray());
    float[] u = Tensor.rand(new Rng(1), 100_000).toArray();
    double mean = 0;
    for (float v : u) mean += v;
    assertThat(mean / u.length).isBetween(0.49, 0.51);
    float[] n = Tensor.randn(new Rng(1), 100_000).toArray();
    double m = 0, s = 0;
    for (float v : n) {
      m += v;
      s += v * v;
    }
    assertThat(m / n.length).isBetween(-0.02, 0.02);
    assertThat(s / n.length).isBetween(0.98, 1.02);
    float[] b = Tensor.bernoulli(new Rng(1), 0.3, 100_000).toArray();
    double ones = 0;
    for (float v : b) ones += v;
    assertThat(ones / b.length).isBetween(0.29, 0.31);
  }

  @Test
  void shapeErrorsNameTheOpAndBothShapes() {
    assertThatThrownBy(() -> Tensor.zeros(64, 784).matmul(Tensor.zeros(512, 256)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("matmul: (64, 784) @ (512, 256): inner dimensions 784 and 512 differ");
    assertThatThrownBy(() -> Tensor.zeros(2, 3).add(Tensor.zeros(4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("add")
        .hasMessageContaining("(2, 3)")
        .hasMessageContaining("(4)");
    assertThatThrownBy(() -> Tensor.zeros(2, 3).reshape(4, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(2, 3)")
        .hasMessageContaining("(4, 2)");
    assertThatThrownBy(() -> Tensor.cat(0, Tensor.zeros(2, 3), Tensor.zeros(2, 4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cat");
  }

  @Test
  void nonFiniteValuesPropagate() {
    Tensor x = Tensor.of(Float.NaN, 1f, Float.POSITIVE_INFINITY);
    assertThat(x.add(1f).toArray()[0]).isNaN();
    assertThat(x.relu().toArray()[0]).isNaN();
    assertThat(x.maximum(Tensor.zeros(3)).toArray()[0]).isNaN();
    assertThat(x.max().item()).isNaN();
    assertThat(x.sum().item()).isNaN();
    assertThat(x.clamp(0, 1).toArray()[0]).isNaN();
    assertThat(Tensor.of(1f, Float.POSITIVE_INFINITY).softmax(0).toArray()[0])
        .isNaN(); // inf − inf, as PyTorch
    assertThat(Tensor.of(1000f, 0f).softmax(0).toArray())
        .containsExactly(1f, 0f); // stable: no overflow
  }

  @Test
  void reductionsKeepOrDropDimensions() {
    Tensor x = Tensor.arange(24).reshape(2, 3, 4);
    assertThat(x.sum(1, true).shape()).containsExactly(2, 1, 4);
    assertThat(x.sum(new int[] {0, 2}, false).toArray()).containsExactly(60f, 92f, 124f);
    assertThat(x.argmax(2, false).toArray()).containsOnly(3f);
    assertThat(x.max(0, false).shape()).containsExactly(3, 4);
    assertThat(x.mean().item()).isEqualTo(11.5f);
    assertThat(Tensor.of(1f, 2f, 3f, 4f).var().item())
        .isCloseTo(5f / 3f, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(Tensor.of(3f, 1f, 3f).argmax().item()).isEqualTo(0f); // first maximum wins
  }

  @Test
  void joiningAndIndexing() {
    Tensor a = Tensor.arange(6).reshape(2, 3);
    assertThat(Tensor.stack(0, a, a).shape()).containsExactly(2, 2, 3);
    List<Tensor> parts = Tensor.arange(10).split(4, 0);
    assertThat(parts).extracting(t -> t.numel()).containsExactly(4, 4, 2);
    assertThat(Tensor.arange(10).chunk(3, 0)).extracting(t -> t.numel()).containsExactly(4, 4, 2);
    assertThat(a.gather(1, Tensor.of(new float[] {2, 0}, 2, 1)).toArray()).containsExactly(2f, 3f);
    assertThat(a.indexSelect(1, Tensor.of(2f, 2f)).toArray()).containsExactly(2f, 2f, 5f, 5f);
    assertThat(Tensor.oneHot(Tensor.of(1f, 0f), 3).toArray())
        .containsExactly(0f, 1f, 0f, 1f, 0f, 0f);
    assertThat(Tensor.where(a.gt(2f), a, Tensor.scalar(-1f)).toArray())
        .containsExactly(-1f, -1f, -1f, 3f, 4f, 5f);
    assertThatThrownBy(() -> a.gather(1, Tensor.of(new float[] {3, 0}, 2, 1)))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> Tensor.oneHot(Tensor.of(1.5f), 3))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void matmulHandlesTransposedAndBatchedOperandsWithoutCopies() {
    Rng rng = new Rng(3);
    Tensor a = Tensor.randn(rng, 3, 5, 7), b = Tensor.randn(rng, 7, 4);
    Tensor y = a.matmul(b);
    Tensor yt = a.contiguous().matmul(b.t().contiguous().t()); // b as a transposed view
    assertThat(y.toArray())
        .containsExactly(
            yt.toArray(),
            org.assertj.core.data.Offset.offset(1e-5f)); // another kernel, another summation order
    float[] ad = a.toArray(), bd = b.toArray(), yd = y.toArray();
    for (int i = 0; i < 3 * 5; i++) {
      for (int j = 0; j < 4; j++) {
        double s = 0;
        for (int p = 0; p < 7; p++) s += ad[i * 7 + p] * bd[p * 4 + j];
        assertThat((double) yd[i * 4 + j]).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-4));
      }
    }
  }

  @Test
  void printsLikePyTorch() {
    assertThat(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).toString())
        .isEqualTo("tensor([[1.0000, 2.0000],\n        [3.0000, 4.0000]], shape=(2, 2))");
    assertThat(Tensor.scalar(2f).requiresGrad(true).mul(2f).toString())
        .isEqualTo("tensor(4.0000, grad_fn=mul)");
  }
}
