package dev.dendrite.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The class-histogram entropy and the warning below the threshold. */
class ModeCollapseWatchTest {
  @Test
  void entropyInBits() {
    assertThat(ModeCollapseWatch.entropy(new int[] {5, 5, 5, 5})).isCloseTo(2, within(1e-12));
    assertThat(ModeCollapseWatch.entropy(new int[] {0, 9, 0})).isEqualTo(0);
    // p = (3/4, 1/4): −(¾·log₂¾ + ¼·log₂¼) = 0.811278...
    assertThat(ModeCollapseWatch.entropy(new int[] {3, 1})).isCloseTo(0.8112781245, within(1e-9));
  }

  @Test
  void warnsWhenTheSamplesCollapseOntoFewClasses() {
    Gan gan = Architectures.mlp(8, new Rng(1));
    List<String> warnings = new ArrayList<>();
    // Labels by the sign of the first pixel's deviation: a healthy spread of two classes...
    Function<Tensor, int[]> twoWay =
        x -> {
          float[] v = x.toArray();
          int n = x.size(0), d = x.size(1);
          int[] c = new int[n];
          for (int i = 0; i < n; i++) c[i] = i % 2; // every other sample
          return c;
        };
    var ok = new ModeCollapseWatch(gan, twoWay, 10, 40, 0.5, 1, warnings::add);
    assertThat(ok.value()).isCloseTo(1, within(1e-12));
    assertThat(warnings).isEmpty();
    // ...and a classifier that sees one class only: entropy 0, one warning with the counts.
    var bad = new ModeCollapseWatch(gan, x -> new int[x.size(0)], 10, 40, 0.5, 1, warnings::add);
    assertThat(bad.value()).isEqualTo(0);
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains("possible mode collapse", "entropy 0.00 bits", "[40, 0, 0, 0, 0, 0, 0, 0, 0, 0]");
    assertThat(bad.lastCounts()).containsExactly(40, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }
}
