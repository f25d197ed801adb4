package dev.dendrite.nn.recurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dendrite.Golden;
import dev.dendrite.autograd.Grad;
import dev.dendrite.autograd.GradCheck;
import dev.dendrite.nn.Functional;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.NormAndInitTest;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RNN, LSTM and GRU against PyTorch (golden/rnn.json from gen_rnn_golden.py): outputs, states,
 * every gradient; dropout between layers.
 */
class RecurrentGoldenTest {
  static JsonNode golden() throws IOException {
    try (InputStream in = RecurrentGoldenTest.class.getResourceAsStream("/golden/rnn.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  static Tensor t(JsonNode n) {
    return NormAndInitTest.t(n);
  }

  @Test
  void matchesPyTorchForEveryConfiguration() throws IOException {
    for (Iterator<Map.Entry<String, JsonNode>> it = golden().fields(); it.hasNext(); ) {
      var e = it.next();
      JsonNode g = e.getValue(), c = g.get("config");
      String kind = c.get(0).asText();
      int in = c.get(1).asInt(), h = c.get(2).asInt(), layers = c.get(3).asInt();
      boolean bf = c.get(4).asBoolean(), bi = c.get(5).asBoolean();
      boolean relu = c.get(7).asText().equals("relu");
      float dropout = (float) c.get(8).asDouble();
      var cfg = new Recurrent.Config(in, h, layers, bf, bi, dropout);
      Recurrent m =
          switch (kind) {
            case "LSTM" -> new LSTM(cfg, new Rng(0));
            case "GRU" -> new GRU(cfg, new Rng(0));
            default -> new RNN(cfg, relu, new Rng(0));
          };
      if (dropout > 0) m.eval(); // PyTorch's numbers are from eval mode, where dropout does nothing
      assertThat(m.namedParameters().keySet())
          .as(e.getKey())
          .containsExactlyElementsOf(() -> g.get("params").fieldNames());
      try (var off = Grad.disabled()) {
        for (var p : m.namedParameters().entrySet())
          p.getValue().copyFrom(t(g.get("params").get(p.getKey())));
      }
      Tensor x = t(g.get("x")).requiresGrad(true);
      Tensor h0 = g.get("h0").isNull() ? null : t(g.get("h0")),
          c0 = g.get("c0").isNull() ? null : t(g.get("c0"));
      Recurrent.Output o = h0 == null ? m.forwardWithState(x) : m.forwardWithState(x, h0, c0);
      Golden.assertClose(e.getKey() + " output", o.output(), t(g.get("y")), 1e-5);
      Golden.assertClose(e.getKey() + " h_n", o.h(), t(g.get("hn")), 1e-5);
      Tensor loss = o.output().mul(t(g.get("uy"))).sum().add(o.h().mul(t(g.get("uh"))).sum());
      if (o.c() != null) {
        Golden.assertClose(e.getKey() + " c_n", o.c(), t(g.get("cn")), 1e-5);
        loss = loss.add(o.c().mul(t(g.get("uc"))).sum());
      }
      loss.backward();
      Golden.assertClose(e.getKey() + " grad x", x.grad(), t(g.get("grad_x")), 1e-4);
      for (var p : m.namedParameters().entrySet()) {
        Golden.assertClose(
            e.getKey() + " grad " + p.getKey(),
            p.getValue().grad(),
            t(g.get("grad_params").get(p.getKey())),
            1e-4);
      }
    }
  }

  @Test
  void cellsPassGradCheckAndShapesAreChecked() {
    Rng rng = new Rng(2);
    LSTM lstm = new LSTM(3, 2, rng);
    Tensor x = Tensor.randn(rng, 4, 2, 3).requiresGrad(true);
    assertThat(GradCheck.check(in -> lstm.forward(in[0]), x).passed()).isTrue();
    GRU gru = new GRU(3, 2, 1, true, true, rng);
    Tensor xb = Tensor.randn(rng, 2, 4, 3).requiresGrad(true);
    assertThat(GradCheck.check(in -> gru.forward(in[0]), xb).passed()).isTrue();
    // The LSTM's final cell state alone (its own op on top of the outputs'), both directions.
    LSTM bi = new LSTM(new Recurrent.Config(3, 2, 1, false, true, 0f), rng);
    assertThat(GradCheck.check(in -> bi.forwardWithState(in[0]).c(), x).passed()).isTrue();
    // A graph kept for a second pass gives the same gradient again, c_T's part included.
    Tensor u = Tensor.randn(rng, 2, 2, 2);
    x.zeroGrad();
    Recurrent.Output o = bi.forwardWithState(x);
    Tensor loss = o.c().mul(u).sum().add(o.output().sum());
    loss.backward(Tensor.scalar(1f), true);
    float[] once = x.grad().toArray();
    loss.backward(Tensor.scalar(1f), false);
    float[] twice = x.grad().toArray();
    for (int i = 0; i < once.length; i++)
      assertThat(twice[i]).isCloseTo(2 * once[i], org.assertj.core.data.Offset.offset(1e-5f));
    assertThat(gru.outputShape(new int[] {2, 4, 3})).containsExactly(2, 4, 4);
    assertThatThrownBy(() -> lstm.forward(Tensor.zeros(4, 2, 5)))
        .hasMessageContaining("LSTM(3, 2)")
        .hasMessageContaining("(4, 2, 5)");
    Tensor seq = Tensor.arange(24).reshape(2, 3, 4);
    assertThat(new LastStep(true).forward(seq).toArray())
        .containsExactly(8f, 9f, 10f, 11f, 20f, 21f, 22f, 23f);
    assertThat(new LastStep(false).forward(seq).toArray())
        .containsExactly(12f, 13f, 14f, 15f, 16f, 17f, 18f, 19f, 20f, 21f, 22f, 23f);
  }

  static void copyWeights(Module from, Module to) {
    try (var off = Grad.disabled()) {
      for (var p : to.namedParameters().entrySet())
        p.getValue().copyFrom(from.namedParameters().get(p.getKey()));
    }
  }

  @Test
  void goldenCasesCoverTwoLayerBidirectionalWithInitialStatesForEveryKind() throws IOException {
    java.util.Set<String> covered = new java.util.HashSet<>();
    for (JsonNode g : golden()) {
      JsonNode c = g.get("config");
      if (c.get(3).asInt() >= 2 && c.get(5).asBoolean() && c.get(6).asBoolean())
        covered.add(c.get(0).asText() + "/" + c.get(7).asText());
    }
    assertThat(covered).contains("LSTM/tanh", "GRU/tanh", "RNN/tanh", "RNN/relu");
  }

  @Test
  void dropoutInEvalModeEqualsNoDropoutAndDiffersInTraining() {
    Rng rng = new Rng(4);
    var cfg = Recurrent.Config.of(3, 5).withLayers(3).withBidirectional(true);
    LSTM plain = new LSTM(cfg, rng), dropped = new LSTM(cfg.withDropout(0.5f), rng);
    copyWeights(plain, dropped);
    Tensor x = Tensor.randn(rng, 4, 2, 3);
    Tensor h0 = Tensor.randn(rng, 6, 2, 5), c0 = Tensor.randn(rng, 6, 2, 5);
    Tensor u = Tensor.randn(rng, 4, 2, 10);
    dropped.eval();
    Recurrent.Output a = plain.forwardWithState(x, h0, c0), b = dropped.forwardWithState(x, h0, c0);
    assertThat(b.output().toArray()).containsExactly(a.output().toArray());
    assertThat(b.h().toArray()).containsExactly(a.h().toArray());
    assertThat(b.c().toArray()).containsExactly(a.c().toArray());
    a.output().mul(u).sum().backward();
    b.output().mul(u).sum().backward();
    for (var p : plain.namedParameters().entrySet()) {
      assertThat(dropped.namedParameters().get(p.getKey()).grad().toArray())
          .as(p.getKey())
          .containsExactly(p.getValue().grad().toArray());
    }
    dropped.train();
    float[] t1 = dropped.forward(x).toArray(), t2 = dropped.forward(x).toArray();
    assertThat(t1).isNotEqualTo(a.output().toArray());
    assertThat(t1).isNotEqualTo(t2); // a fresh mask each call
    // One layer has no layer to drop between: dropout changes nothing, as in PyTorch.
    GRU one = new GRU(Recurrent.Config.of(3, 4), new Rng(9)),
        oneDropped = new GRU(Recurrent.Config.of(3, 4).withDropout(0.5f), new Rng(9));
    assertThat(oneDropped.forward(x).toArray()).containsExactly(one.forward(x).toArray());
    assertThat(oneDropped.toString()).isEqualTo("GRU(3, 4, dropout=0.5)");
  }

  @Test
  void dropoutInTrainingIsTheStackOfSingleLayersWithDropoutBetween() {
    var cfg =
        Recurrent.Config.of(3, 4)
            .withLayers(2)
            .withBatchFirst(true)
            .withBidirectional(true)
            .withDropout(0.3f);
    GRU two = new GRU(cfg, new Rng(6));
    Rng replay = new Rng(6);
    new GRU(
        cfg.withDropout(0f),
        replay); // draws the same weights and no dropout stream: the next split is the layer's
    Rng dropRng = replay.split();
    var single = Recurrent.Config.of(3, 4).withBatchFirst(true).withBidirectional(true);
    GRU first = new GRU(single, new Rng(0)),
        second =
            new GRU(
                Recurrent.Config.of(8, 4).withBatchFirst(true).withBidirectional(true), new Rng(0));
    try (var off = Grad.disabled()) {
      for (var p : first.namedParameters().entrySet())
        p.getValue().copyFrom(two.namedParameters().get(p.getKey()));
      for (var p : second.namedParameters().entrySet())
        p.getValue().copyFrom(two.namedParameters().get(p.getKey().replace("_l0", "_l1")));
    }
    Rng rng = new Rng(8);
    Tensor x = Tensor.randn(rng, 2, 5, 3).requiresGrad(true),
        x2 = Tensor.of(x.toArray(), x.shape()).requiresGrad(true);
    Tensor u = Tensor.randn(rng, 2, 5, 8);
    Tensor y = two.forward(x);
    // The layer drops from its time-major (T, N, Functional) sequence: draw the mask in that order.
    Tensor mid =
        Functional.dropout(first.forward(x2).transpose(0, 1), 0.3f, true, dropRng).transpose(0, 1);
    Tensor y2 = second.forward(mid);
    Golden.assertClose("output", y, y2, 1e-6);
    assertThat(mid.toArray()).contains(0f);
    y.mul(u).sum().backward();
    y2.mul(u).sum().backward();
    Golden.assertClose("grad x", x.grad(), x2.grad(), 1e-6);
    Golden.assertClose(
        "grad weight_ih_l1",
        two.namedParameters().get("weight_ih_l1").grad(),
        second.namedParameters().get("weight_ih_l0").grad(),
        1e-6);
    Golden.assertClose(
        "grad weight_hh_l0_reverse",
        two.namedParameters().get("weight_hh_l0_reverse").grad(),
        first.namedParameters().get("weight_hh_l0_reverse").grad(),
        1e-6);
  }
}
