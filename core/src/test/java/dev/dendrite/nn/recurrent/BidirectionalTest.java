package dev.dendrite.nn.recurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.Golden;
import dev.dendrite.autograd.Grad;
import dev.dendrite.autograd.GradCheck;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Parameter;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The Bidirectional wrapper and cell-driven layers, against the built-in bidirectional layers with
 * the same weights.
 */
class BidirectionalTest {
  /** The wrapper's name for a built-in layer's parameter: weight_ih_l0_reverse → reverse.…. */
  static void load(Module wrapper, Recurrent builtIn, Function<String, String> inner) {
    try (var off = Grad.disabled()) {
      for (var e : builtIn.namedParameters().entrySet()) {
        String k = e.getKey(), dir = k.endsWith("_reverse") ? "reverse." : "forward.";
        String name = dir + inner.apply(k.replace("_reverse", ""));
        Parameter p = wrapper.namedParameters().get(name);
        assertThat(p).as(name).isNotNull();
        p.copyFrom(e.getValue());
      }
    }
  }

  static void assertSameOutputAndGradients(
      String what, Module wrapper, Recurrent builtIn, Tensor x, int[] lengths) {
    Tensor x1 = Tensor.of(x.toArray(), x.shape()).requiresGrad(true),
        x2 = Tensor.of(x.toArray(), x.shape()).requiresGrad(true);
    Tensor a = lengths == null ? builtIn.forward(x1) : builtIn.forward(x1, lengths);
    Tensor b =
        lengths == null ? wrapper.forward(x2) : ((VariableLength) wrapper).forward(x2, lengths);
    Golden.assertClose(what + " output", b, a, 1e-6);
    Tensor u = Tensor.randn(new Rng(3), a.shape());
    a.mul(u).sum().backward();
    b.mul(u).sum().backward();
    Golden.assertClose(what + " grad x", x2.grad(), x1.grad(), 1e-5);
    Map<String, Parameter> wp = wrapper.namedParameters();
    for (var e : builtIn.namedParameters().entrySet()) {
      String k = e.getKey();
      String base = k.replace("_reverse", "");
      Parameter p =
          wp.containsKey((k.endsWith("_reverse") ? "reverse." : "forward.") + base)
              ? wp.get((k.endsWith("_reverse") ? "reverse." : "forward.") + base)
              : wp.get(
                  (k.endsWith("_reverse") ? "reverse.cell." : "forward.cell.")
                      + base.replace("_l0", ""));
      Golden.assertClose(what + " grad " + k, p.grad(), e.getValue().grad(), 1e-5);
    }
  }

  @Test
  void wrappingTwoLayersEqualsTheBuiltInBidirectional() {
    Rng rng = new Rng(1);
    for (boolean bf : new boolean[] {false, true}) {
      var cfg = Recurrent.Config.of(3, 4).withBatchFirst(bf);
      LSTM builtIn = new LSTM(cfg.withBidirectional(true), rng);
      Bidirectional wrapped = new Bidirectional(new LSTM(cfg, rng), new LSTM(cfg, rng));
      load(wrapped, builtIn, k -> k);
      Tensor x = Tensor.randn(rng, bf ? new int[] {3, 5, 3} : new int[] {5, 3, 3});
      assertSameOutputAndGradients("LSTM batchFirst=" + bf, wrapped, builtIn, x, null);
      assertSameOutputAndGradients(
          "LSTM padded batchFirst=" + bf, wrapped, builtIn, x, new int[] {2, 5, 4});
      GRU gru = new GRU(cfg.withBidirectional(true), rng);
      Bidirectional wrappedGru = new Bidirectional(new GRU(cfg, rng), new GRU(cfg, rng));
      load(wrappedGru, gru, k -> k);
      assertSameOutputAndGradients(
          "GRU padded batchFirst=" + bf, wrappedGru, gru, x, new int[] {5, 1, 3});
      assertThat(wrapped.outputShape(x.shape())).containsExactly(builtIn.outputShape(x.shape()));
    }
  }

  @Test
  void cellDrivenLayersWrappedEqualTheBuiltInBidirectional() {
    Rng rng = new Rng(2);
    for (boolean lstm : new boolean[] {true, false}) {
      Recurrent builtIn =
          lstm
              ? new LSTM(Recurrent.Config.of(3, 4).withBidirectional(true), rng)
              : new RNN(Recurrent.Config.of(3, 4).withBidirectional(true), false, rng);
      Bidirectional wrapped =
          lstm
              ? new Bidirectional(
                  new Unrolled(new LSTMCell(3, 4, rng), false),
                  new Unrolled(new LSTMCell(3, 4, rng), false))
              : new Bidirectional(
                  new Unrolled(new RNNCell(3, 4, rng), false),
                  new Unrolled(new RNNCell(3, 4, rng), false));
      assertThat(wrapped.namedParameters().keySet())
          .contains("forward.cell.weight_ih", "reverse.cell.bias_hh");
      load(wrapped, builtIn, k -> "cell." + k.replace("_l0", ""));
      Tensor x = Tensor.randn(rng, 6, 3, 3);
      assertSameOutputAndGradients(builtIn + " cells", wrapped, builtIn, x, null);
      assertSameOutputAndGradients(
          builtIn + " cells padded", wrapped, builtIn, x, new int[] {6, 2, 4});
    }
  }

  @Test
  void unrolledCellEqualsTheLayerWithStatesAndPassesGradCheck() {
    Rng rng = new Rng(4);
    GRU layer = new GRU(Recurrent.Config.of(2, 3).withBatchFirst(true), rng);
    Unrolled u = new Unrolled(new GRUCell(2, 3, rng), true);
    try (var off = Grad.disabled()) {
      for (var p : u.namedParameters().entrySet())
        p.getValue().copyFrom(layer.namedParameters().get(p.getKey().substring(5) + "_l0"));
    }
    Tensor x = Tensor.randn(rng, 3, 5, 2), h0 = Tensor.randn(rng, 1, 3, 3);
    int[] lengths = {5, 2, 4};
    Recurrent.Output a = layer.forwardWithState(x, lengths, h0, null);
    Unrolled.Output b =
        u.forwardWithState(x, lengths, new RecurrentCell.State(h0.select(0, 0), null));
    Golden.assertClose("output", b.output(), a.output(), 1e-6);
    Golden.assertClose("h_n", b.state().h(), a.h().select(0, 0), 1e-6);
    Tensor xg = Tensor.randn(rng, 3, 4, 2).requiresGrad(true);
    Bidirectional bi = new Bidirectional(u, new Unrolled(new GRUCell(2, 3, rng), true));
    var r = GradCheck.check(in -> bi.forward(in[0], new int[] {4, 1, 3}), xg);
    assertThat(r.passed()).as(r.failure()).isTrue();
  }

  @Test
  void misuseIsNamed() {
    Rng rng = new Rng(5);
    LSTM a = new LSTM(3, 4, rng);
    assertThatThrownBy(() -> new Bidirectional(a, a)).hasMessageContaining("second copy");
    assertThatThrownBy(
            () ->
                new Bidirectional(a, new LSTM(Recurrent.Config.of(3, 4).withBatchFirst(true), rng)))
        .hasMessageContaining("disagree on batchFirst");
    assertThatThrownBy(
            () ->
                new Bidirectional(new Linear(3, 4, rng), new Linear(3, 4, rng), false)
                    .forward(Tensor.zeros(2, 2, 3), new int[] {1, 2}))
        .hasMessageContaining("VariableLength");
    assertThatThrownBy(() -> new Bidirectional(a, new LSTM(3, 4, rng)).forward(Tensor.zeros(2, 3)))
        .hasMessageContaining("(2, 3)");
  }
}
