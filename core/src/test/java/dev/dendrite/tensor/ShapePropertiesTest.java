package dev.dendrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Property tests of the broadcasting and shape rules. */
class ShapePropertiesTest {
  record Pair(int[] a, int[] b) {}

  @Provide
  Arbitrary<int[]> shapes() {
    return Arbitraries.integers()
        .between(1, 4)
        .list()
        .ofMinSize(0)
        .ofMaxSize(4)
        .map(l -> l.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * Two shapes that broadcast: the second is derived from the first by dropping leading dims and
   * setting some to 1.
   */
  @Provide
  Arbitrary<Pair> broadcastable() {
    return Combinators.combine(
            shapes(),
            Arbitraries.integers().between(0, 4),
            Arbitraries.integers().between(0, 15),
            Arbitraries.of(true, false))
        .as(
            (s, drop, ones, swap) -> {
              int keep = Math.max(0, s.length - drop);
              int[] t = java.util.Arrays.copyOfRange(s, s.length - keep, s.length);
              for (int i = 0; i < t.length; i++) if ((ones >> i & 1) == 1) t[i] = 1;
              return swap ? new Pair(t, s) : new Pair(s, t);
            });
  }

  @Property
  void broadcastIsSymmetricAndCoversBothShapes(@ForAll("broadcastable") Pair p) {
    int[] out = Shape.broadcast("add", p.a(), p.b());
    assertThat(out).containsExactly(Shape.broadcast("add", p.b(), p.a()));
    assertThat(out.length).isEqualTo(Math.max(p.a().length, p.b().length));
    for (int[] s : List.of(p.a(), p.b())) {
      for (int i = 0; i < s.length; i++) {
        int o = out[out.length - s.length + i];
        assertThat(s[i] == o || s[i] == 1).isTrue();
      }
    }
  }

  @Property
  void broadcastAddMatchesTheExpandedSumAndItsGradientSumsBack(@ForAll("broadcastable") Pair p) {
    Rng rng = new Rng(p.a().length * 31L + p.b().length);
    Tensor a = Tensor.randn(rng, p.a()).requiresGrad(true),
        b = Tensor.randn(rng, p.b()).requiresGrad(true);
    Tensor y = a.add(b);
    int[] out = Shape.broadcast("add", p.a(), p.b());
    assertThat(y.shape()).containsExactly(out);
    assertThat(y.toArray())
        .containsExactly(
            a.detach().expand(out).contiguous().add(b.detach().expand(out).contiguous()).toArray());
    y.sum().backward();
    assertThat(a.grad().shape()).containsExactly(p.a());
    assertThat(b.grad().shape()).containsExactly(p.b());
    // Each input element receives one unit per output element it was broadcast to.
    assertThat(a.grad().sum().item()).isEqualTo((float) Shape.numel(out));
    assertThat(b.grad().sum().item()).isEqualTo((float) Shape.numel(out));
  }

  @Property
  void incompatibleShapesAreRejectedWithBothNamed(@ForAll("shapes") int[] s) {
    if (s.length == 0 || s[s.length - 1] == 1) return;
    int[] t = s.clone();
    t[t.length - 1] = s[s.length - 1] + 1;
    assertThatThrownBy(() -> Tensor.zeros(s).mul(Tensor.zeros(t)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mul")
        .hasMessageContaining(Shape.str(s))
        .hasMessageContaining(Shape.str(t));
  }

  @Property
  void permuteThenInversePermuteIsTheIdentity(@ForAll("shapes") int[] s, @ForAll long seed) {
    Tensor x = Tensor.randn(new Rng(seed), s);
    int[] order = new int[s.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Rng r = new Rng(seed);
    r.shuffle(order);
    int[] inverse = new int[order.length];
    for (int i = 0; i < order.length; i++) inverse[order[i]] = i;
    Tensor y = x.permute(order);
    for (int i = 0; i < order.length; i++) assertThat(y.size(i)).isEqualTo(s[order[i]]);
    assertThat(y.contiguous().permute(inverse).toArray()).containsExactly(x.toArray());
  }

  @Property
  void reshapeKeepsElementsInRowMajorOrder(@ForAll("shapes") int[] s, @ForAll long seed) {
    Tensor x = Tensor.randn(new Rng(seed), s);
    assertThat(x.reshape(-1).toArray()).containsExactly(x.toArray());
    assertThat(x.reshape(-1).reshape(s).shape()).containsExactly(s);
    assertThat(x.unsqueeze(0).squeeze(0).shape()).containsExactly(s);
  }

  @Property
  void reductionsDropExactlyTheReducedDimensions(
      @ForAll("shapes") int[] s, @ForAll boolean keepDim) {
    if (s.length == 0) return;
    Tensor x = Tensor.ones(s);
    for (int d = 0; d < s.length; d++) {
      Tensor y = x.sum(d, keepDim);
      assertThat(y.dim()).isEqualTo(keepDim ? s.length : s.length - 1);
      assertThat(y.toArray()).containsOnly((float) s[d]);
    }
  }
}
