package dev.dendrite.nn.recurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dendrite.Golden;
import dev.dendrite.autograd.Grad;
import dev.dendrite.autograd.GradCheck;
import dev.dendrite.nn.NormAndInitTest;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RNNCell, LSTMCell and GRUCell against PyTorch (golden/cells.json from gen_cell_golden.py) and
 * finite differences.
 */
class RecurrentCellsTest {
  static Tensor t(JsonNode n) {
    return NormAndInitTest.t(n);
  }

  static RecurrentCell make(JsonNode c, Rng rng) {
    int in = c.get(1).asInt(), h = c.get(2).asInt();
    boolean bias = c.get(3).asBoolean();
    return switch (c.get(0).asText()) {
      case "LSTMCell" -> new LSTMCell(in, h, bias, rng);
      case "GRUCell" -> new GRUCell(in, h, bias, rng);
      default -> new RNNCell(in, h, bias, c.get(4).asText().equals("relu"), rng);
    };
  }

  @Test
  void twoStepsMatchPyTorchWithEveryGradient() throws IOException {
    JsonNode root;
    try (InputStream in = getClass().getResourceAsStream("/golden/cells.json")) {
      root = new ObjectMapper().readTree(in);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      var e = it.next();
      String name = e.getKey();
      JsonNode g = e.getValue();
      RecurrentCell m = make(g.get("config"), new Rng(0));
      assertThat(m.namedParameters().keySet())
          .as(name)
          .containsExactlyElementsOf(() -> g.get("params").fieldNames());
      try (var off = Grad.disabled()) {
        for (var p : m.namedParameters().entrySet())
          p.getValue().copyFrom(t(g.get("params").get(p.getKey())));
      }
      Tensor x1 = t(g.get("x1")).requiresGrad(true),
          x2 = t(g.get("x2")).requiresGrad(true),
          h0 = t(g.get("h0")).requiresGrad(true);
      boolean lstm = m instanceof LSTMCell;
      Tensor c0 = lstm ? t(g.get("c0")).requiresGrad(true) : null;
      RecurrentCell.State s1 = m.step(x1, new RecurrentCell.State(h0, c0)), s2 = m.step(x2, s1);
      Golden.assertClose(name + " h1", s1.h(), t(g.get("h1")), 1e-5);
      Golden.assertClose(name + " h2", s2.h(), t(g.get("h2")), 1e-5);
      Tensor loss = s1.h().mul(t(g.get("uh1"))).sum().add(s2.h().mul(t(g.get("uh2"))).sum());
      if (lstm) {
        Golden.assertClose(name + " c1", s1.c(), t(g.get("c1")), 1e-5);
        Golden.assertClose(name + " c2", s2.c(), t(g.get("c2")), 1e-5);
        loss = loss.add(s2.c().mul(t(g.get("uc"))).sum());
      } else {
        assertThat(s2.c()).isNull();
      }
      loss.backward();
      Golden.assertClose(name + " grad x1", x1.grad(), t(g.get("grad_x1")), 1e-4);
      Golden.assertClose(name + " grad x2", x2.grad(), t(g.get("grad_x2")), 1e-4);
      Golden.assertClose(name + " grad h0", h0.grad(), t(g.get("grad_h0")), 1e-4);
      if (lstm) Golden.assertClose(name + " grad c0", c0.grad(), t(g.get("grad_c0")), 1e-4);
      for (var p : m.namedParameters().entrySet()) {
        Golden.assertClose(
            name + " grad " + p.getKey(),
            p.getValue().grad(),
            t(g.get("grad_params").get(p.getKey())),
            1e-4);
      }
    }
  }

  @Test
  void cellsPassGradCheckForInputStateAndWeights() {
    Rng rng = new Rng(5);
    for (RecurrentCell cell :
        new RecurrentCell[] {
          new RNNCell(3, 4, rng), new LSTMCell(3, 4, rng), new GRUCell(3, 4, false, rng)
        }) {
      boolean lstm = cell instanceof LSTMCell;
      Tensor x = Tensor.randn(rng, 2, 3).requiresGrad(true),
          h = Tensor.randn(rng, 2, 4).requiresGrad(true);
      Tensor c = Tensor.randn(rng, 2, 4).requiresGrad(true);
      Tensor wih = cell.namedParameters().get("weight_ih"),
          whh = cell.namedParameters().get("weight_hh");
      var r =
          GradCheck.check(
              in -> {
                RecurrentCell.State s =
                    cell.step(in[0], new RecurrentCell.State(in[1], lstm ? in[2] : null));
                return lstm ? Tensor.cat(1, s.h(), s.c()) : s.h();
              },
              x,
              h,
              c,
              wih,
              whh);
      assertThat(r.passed()).as(cell + ": " + r.failure()).isTrue();
    }
  }

  @Test
  void stepsOfALstmCellEqualTheLstmLayer() {
    Rng rng = new Rng(7);
    LSTM layer = new LSTM(3, 4, rng);
    LSTMCell cell = new LSTMCell(3, 4, rng);
    try (var off = Grad.disabled()) {
      for (var p : cell.namedParameters().entrySet())
        p.getValue().copyFrom(layer.namedParameters().get(p.getKey() + "_l0"));
    }
    Tensor x = Tensor.randn(rng, 5, 2, 3);
    Recurrent.Output o = layer.forwardWithState(x);
    RecurrentCell.State s = null;
    for (int k = 0; k < 5; k++) {
      s = cell.step(x.select(0, k), s);
      assertThat(s.h().toArray())
          .as("step " + k)
          .containsExactly(o.output().select(0, k).toArray());
    }
    assertThat(s.c().toArray()).containsExactly(o.c().select(0, 0).toArray());
  }

  /**
   * The LSTM and GRU sequence ops split a batch of 20 into two parts on two threads, read a
   * batch-first input in place and project it inside the op; the output, the final states and every
   * gradient must equal those of the cells run step by step through autograd, both directions.
   */
  @Test
  void sequenceOpsOnTwoThreadsEqualTheCellsStepByStep() {
    int before = dev.dendrite.tensor.Threads.get();
    dev.dendrite.tensor.Threads.set(2);
    try {
      for (boolean lstm : new boolean[] {true, false}) {
        Rng rng = new Rng(lstm ? 11 : 12);
        int n = 20, t = 6, in = 5, h = 8;
        Recurrent layer =
            lstm ? new LSTM(in, h, 1, true, true, rng) : new GRU(in, h, 1, true, true, rng);
        Tensor x = Tensor.randn(rng, n, t, in).requiresGrad(true);
        Tensor h0 = Tensor.randn(rng, 2, n, h).requiresGrad(true),
            c0 = lstm ? Tensor.randn(rng, 2, n, h).requiresGrad(true) : null;
        Tensor r = Tensor.randn(rng, n, t, 2 * h), rh = Tensor.randn(rng, 2, n, h);
        Recurrent.Output o = layer.forwardWithState(x, h0, c0);
        o.output().mul(r).sum().add(o.h().mul(rh).sum()).backward();

        Tensor x2 = x.detach().requiresGrad(true),
            h02 = h0.detach().requiresGrad(true),
            c02 = lstm ? c0.detach().requiresGrad(true) : null;
        Tensor[] outs = new Tensor[2], last = new Tensor[2];
        RecurrentCell[] cells = new RecurrentCell[2];
        for (int d = 0; d < 2; d++) {
          String sfx = d == 0 ? "_l0" : "_l0_reverse";
          RecurrentCell cell = lstm ? new LSTMCell(in, h, rng) : new GRUCell(in, h, rng);
          try (var off = Grad.disabled()) {
            for (var p : cell.namedParameters().entrySet())
              p.getValue().copyFrom(layer.namedParameters().get(p.getKey() + sfx));
          }
          cells[d] = cell;
          RecurrentCell.State s =
              new RecurrentCell.State(h02.select(0, d), lstm ? c02.select(0, d) : null);
          Tensor[] steps = new Tensor[t];
          for (int k = 0; k < t; k++) {
            int step = d == 0 ? k : t - 1 - k;
            s = cell.step(x2.select(1, step), s);
            steps[step] = s.h();
          }
          outs[d] = Tensor.stack(1, steps);
          last[d] = s.h();
        }
        Tensor out2 = Tensor.cat(2, outs[0], outs[1]), hn2 = Tensor.stack(0, last[0], last[1]);
        out2.mul(r).sum().add(hn2.mul(rh).sum()).backward();
        String what = lstm ? "LSTM" : "GRU";
        Golden.assertClose(what + " output", o.output(), out2, 1e-6);
        Golden.assertClose(what + " h_n", o.h(), hn2, 1e-6);
        Golden.assertClose(what + " grad x", x.grad(), x2.grad(), 1e-5);
        Golden.assertClose(what + " grad h0", h0.grad(), h02.grad(), 1e-5);
        if (lstm) Golden.assertClose(what + " grad c0", c0.grad(), c02.grad(), 1e-5);
        for (int d = 0; d < 2; d++) {
          for (var p : cells[d].namedParameters().entrySet()) {
            String name = p.getKey() + (d == 0 ? "_l0" : "_l0_reverse");
            Golden.assertClose(
                what + " grad " + name,
                layer.namedParameters().get(name).grad(),
                p.getValue().grad(),
                1e-5);
          }
        }
      }
    } finally {
      dev.dendrite.tensor.Threads.set(before);
    }
  }

  @Test
  void unbatchedInputsShapesAndErrors() {
    Rng rng = new Rng(3);
    GRUCell gru = new GRUCell(3, 2, rng);
    Tensor x = Tensor.randn(rng, 3);
    Tensor h = gru.step(x, (Tensor) null);
    assertThat(h.shape()).containsExactly(2);
    assertThat(h.toArray())
        .containsExactly(gru.step(x.unsqueeze(0), (Tensor) null).squeeze(0).toArray());
    assertThat(gru.outputShape(new int[] {5, 3})).containsExactly(5, 2);
    assertThat(gru.forward(Tensor.zeros(5, 3)).shape()).containsExactly(5, 2);
    assertThat(new RNNCell(3, 2, false, true, rng).toString())
        .isEqualTo("RNNCell(3, 2, bias=false, nonlinearity=relu)");
    assertThat(new RNNCell(3, 2, false, true, rng).namedParameters().keySet())
        .containsExactly("weight_ih", "weight_hh");
    assertThat(new LSTMCell(3, 2, rng).namedParameters().get("weight_ih").shape())
        .containsExactly(8, 3);
    assertThatThrownBy(() -> gru.step(Tensor.zeros(4, 5), (Tensor) null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GRUCell(3, 2)")
        .hasMessageContaining("(4, 5)");
    assertThatThrownBy(() -> gru.step(Tensor.zeros(4, 3), Tensor.zeros(3, 2)))
        .hasMessageContaining("h must be (4, 2), got (3, 2)");
  }
}
