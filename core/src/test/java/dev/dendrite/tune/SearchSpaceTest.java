package dev.dendrite.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {
  @Test
  void readsEachKindOfRange() {
    SearchSpace s =
        SearchSpace.parse(
            List.of(
                "lr=loguniform(1e-4, 1e-1)",
                "dropout=uniform(0,0.5)",
                "layers.0.out=int(8,64)",
                "optimizer=choice(sgd,adam,'rms prop')",
                "bias=choice(true,false)"));
    assertThat(s.params())
        .containsExactly(
            Map.entry("lr", new Param.LogUniform(1e-4, 1e-1)),
            Map.entry("dropout", new Param.Uniform(0, 0.5)),
            Map.entry("layers.0.out", new Param.IntRange(8, 64)),
            Map.entry("optimizer", new Param.Choice(List.of("sgd", "adam", "rms prop"))),
            Map.entry("bias", new Param.Choice(List.of(true, false))));
    assertThat(s.params().get("lr").expr()).isEqualTo("loguniform(0.0001,0.1)");
    assertThat(new Param.Choice(List.of(1L, 2.5)).expr()).isEqualTo("choice(1,2.5)");
  }

  /** The message names the column, and a caret stands under it below the quoted text. */
  @Test
  void aMalformedExpressionShowsWhere() {
    assertThatThrownBy(() -> SearchSpace.parse(List.of("lr=loguniform(1e-4,)")))
        .hasMessage(
            "'lr=loguniform(1e-4,)' at column 20: expected a number\n"
                + "  lr=loguniform(1e-4,)\n"
                + "                     ^");
    assertThatThrownBy(() -> SearchSpace.parse(List.of("lr=logunifrom(1e-4,1)")))
        .hasMessageStartingWith(
            "'lr=logunifrom(1e-4,1)' at column 4: unknown range \"logunifrom\"");
    assertThatThrownBy(() -> SearchSpace.parse(List.of("lr=loguniform(0,1)")))
        .hasMessageContaining("column 15: loguniform needs lo > 0");
    assertThatThrownBy(() -> SearchSpace.parse(List.of("n=int(1.5,4)")))
        .hasMessageContaining("column 7: int(lo,hi) takes integers");
    assertThatThrownBy(() -> SearchSpace.parse(List.of("p=uniform(0.5,0.1)")))
        .hasMessageContaining("column 15: uniform(lo,hi) needs lo < hi");
    assertThatThrownBy(() -> SearchSpace.parse(List.of("p=uniform(0,1")))
        .hasMessageContaining("column 14: expected ')'");
    assertThatThrownBy(() -> SearchSpace.parse(List.of("p=uniform(0,1) x")))
        .hasMessageContaining("column 16: unexpected text");
    assertThatThrownBy(() -> SearchSpace.parse(List.of("lr")))
        .hasMessageContaining("expected name=expr");
    assertThatThrownBy(() -> SearchSpace.parse(List.of("lr=uniform(0,1)", "lr=uniform(0,2)")))
        .hasMessage("parameter lr is given twice");
  }

  @Test
  void theGridIsEveryCombinationLastParameterFastest() {
    SearchSpace s =
        SearchSpace.parse(
            List.of("lr=loguniform(1e-4,1e-2)", "act=choice(relu,tanh)", "w=int(1,10)"));
    List<Map<String, Object>> g = s.grid(3);
    assertThat(g).hasSize(3 * 2 * 3);
    assertThat(g.get(0))
        .containsExactly(Map.entry("lr", 1e-4), Map.entry("act", "relu"), Map.entry("w", 1L));
    assertThat(g.get(1).get("w")).isEqualTo(6L); // round(1 + 9/2)
    assertThat(g.get(2).get("w")).isEqualTo(10L);
    assertThat(g.get(3).get("act")).isEqualTo("tanh");
    assertThat(g.get(6).get("lr")).isEqualTo(1e-3);
    assertThat(g.get(17).get("lr")).isEqualTo(1e-2);
    assertThat(new Param.Uniform(0, 0.5).grid(6)).containsExactly(0.0, 0.1, 0.2, 0.3, 0.4, 0.5);
    assertThat(new Param.LogUniform(1e-4, 1e-1).grid(4)).containsExactly(1e-4, 1e-3, 1e-2, 1e-1);
    assertThat(new Param.IntRange(2, 4).grid(5)).containsExactly(2L, 3L, 4L);
  }

  @Test
  void samplesAreAFunctionOfSeedAndTrialAndFillTheirRange() {
    SearchSpace s = SearchSpace.parse(List.of("lr=loguniform(1e-4,1e-0)", "n=int(1,4)"));
    assertThat(s.sample(7, 3)).isEqualTo(s.sample(7, 3));
    assertThat(s.sample(7, 3)).isNotEqualTo(s.sample(7, 4));
    assertThat(s.sample(7, 3)).isNotEqualTo(s.sample(8, 3));
    double sumLog = 0;
    int[] counts = new int[5];
    int n = 4000;
    for (int t = 0; t < n; t++) {
      Map<String, Object> c = s.sample(1, t);
      double lr = (double) c.get("lr");
      assertThat(lr).isBetween(1e-4, 1.0);
      sumLog += Math.log10(lr);
      counts[(int) (long) (Long) c.get("n")]++;
    }
    // log10 uniform on [-4, 0]: mean -2, standard error 4/sqrt(12 n) = 0.018
    assertThat(sumLog / n).isCloseTo(-2, within(0.08));
    for (int v = 1; v <= 4; v++) assertThat(counts[v]).isBetween(900, 1100);
  }

  @Test
  void closeNamesComeNearestFirst() {
    List<String> known = List.of("lr", "batch-size", "dropout", "layers.0.out", "momentum");
    assertThat(SearchSpace.closest("dropuot", known)).containsExactly("dropout");
    assertThat(SearchSpace.closest("batch", known)).containsExactly("batch-size");
    assertThat(SearchSpace.closest("layers.0.in", known)).containsExactly("layers.0.out");
    assertThat(SearchSpace.closest("zzzzzz", known)).isEmpty();
  }
}
