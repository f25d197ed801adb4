package dev.dendrite.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dendrite.Golden;
import dev.dendrite.autograd.Grad;
import dev.dendrite.autograd.GradCheck;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RNN, LSTM and GRU against PyTorch (golden/rnn.json from gen_rnn_golden.py): outputs, states, every gradient. */
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
      Recurrent m = switch (kind) {
        case "LSTM" -> new LSTM(in, h, layers, bf, bi, new Rng(0));
        case "GRU" -> new GRU(in, h, layers, bf, bi, new Rng(0));
        default -> new RNN(in, h, layers, bf, bi, false, new Rng(0));
      };
      assertThat(m.namedParameters().keySet()).as(e.getKey()).containsExactlyElementsOf(() -> g.get("params").fieldNames());
      try (var off = Grad.disabled()) {
        for (var p : m.namedParameters().entrySet()) p.getValue().copyFrom(t(g.get("params").get(p.getKey())));
      }
      Tensor x = t(g.get("x")).requiresGrad(true);
      Tensor h0 = g.get("h0").isNull() ? null : t(g.get("h0")), c0 = g.get("c0").isNull() ? null : t(g.get("c0"));
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
        Golden.assertClose(e.getKey() + " grad " + p.getKey(), p.getValue().grad(), t(g.get("grad_params").get(p.getKey())), 1e-4);
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
    assertThat(gru.outputShape(new int[] {2, 4, 3})).containsExactly(2, 4, 4);
    assertThatThrownBy(() -> lstm.forward(Tensor.zeros(4, 2, 5))).hasMessageContaining("LSTM(3, 2)").hasMessageContaining("(4, 2, 5)");
    Tensor seq = Tensor.arange(24).reshape(2, 3, 4);
    assertThat(new LastStep(true).forward(seq).toArray()).containsExactly(8f, 9f, 10f, 11f, 20f, 21f, 22f, 23f);
    assertThat(new LastStep(false).forward(seq).toArray()).containsExactly(12f, 13f, 14f, 15f, 16f, 17f, 18f, 19f, 20f, 21f, 22f, 23f);
  }
}
