package dev.dendrite.nn.recurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dendrite.Golden;
import dev.dendrite.autograd.Grad;
import dev.dendrite.autograd.GradCheck;
import dev.dendrite.nn.NormAndInitTest;
import dev.dendrite.nn.Parameter;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Padded batches of different lengths against PyTorch's packed sequences (golden/packed.json from
 * gen_packed_golden.py), and the padding's values changing nothing.
 */
class PaddedSequencesTest {
  static Tensor t(JsonNode n) {
    return NormAndInitTest.t(n);
  }

  static int[] ints(JsonNode a) {
    int[] v = new int[a.size()];
    for (int i = 0; i < v.length; i++) v[i] = a.get(i).asInt();
    return v;
  }

  @Test
  void matchesPackPaddedSequenceWithEveryGradient() throws IOException {
    JsonNode root;
    try (InputStream in = getClass().getResourceAsStream("/golden/packed.json")) {
      root = new ObjectMapper().readTree(in);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      var e = it.next();
      String name = e.getKey();
      JsonNode g = e.getValue(), c = g.get("config");
      var cfg =
          new Recurrent.Config(
              c.get(1).asInt(),
              c.get(2).asInt(),
              c.get(3).asInt(),
              c.get(4).asBoolean(),
              c.get(5).asBoolean(),
              0f);
      Recurrent m =
          switch (c.get(0).asText()) {
            case "LSTM" -> new LSTM(cfg, new Rng(0));
            case "GRU" -> new GRU(cfg, new Rng(0));
            default -> new RNN(cfg, false, new Rng(0));
          };
      try (var off = Grad.disabled()) {
        for (var p : m.namedParameters().entrySet())
          p.getValue().copyFrom(t(g.get("params").get(p.getKey())));
      }
      Tensor x = t(g.get("x")).requiresGrad(true);
      Tensor h0 = g.get("h0").isNull() ? null : t(g.get("h0")).requiresGrad(true);
      Tensor c0 = g.get("c0").isNull() ? null : t(g.get("c0")).requiresGrad(true);
      Recurrent.Output o = m.forwardWithState(x, ints(g.get("lengths")), h0, c0);
      Golden.assertClose(name + " output", o.output(), t(g.get("y")), 1e-5);
      Golden.assertClose(name + " h_n", o.h(), t(g.get("hn")), 1e-5);
      Tensor loss = o.output().mul(t(g.get("uy"))).sum().add(o.h().mul(t(g.get("uh"))).sum());
      if (o.c() != null) {
        Golden.assertClose(name + " c_n", o.c(), t(g.get("cn")), 1e-5);
        loss = loss.add(o.c().mul(t(g.get("uc"))).sum());
      }
      loss.backward();
      Golden.assertClose(name + " grad x", x.grad(), t(g.get("grad_x")), 1e-4);
      if (h0 != null) Golden.assertClose(name + " grad h0", h0.grad(), t(g.get("grad_h0")), 1e-4);
      if (c0 != null) Golden.assertClose(name + " grad c0", c0.grad(), t(g.get("grad_c0")), 1e-4);
      for (var p : m.namedParameters().entrySet()) {
        Golden.assertClose(
            name + " grad " + p.getKey(),
            p.getValue().grad(),
            t(g.get("grad_params").get(p.getKey())),
            1e-4);
      }
    }
  }

  /** Outputs, final states and every gradient of a padded batch, flattened for exact comparison. */
  static float[][] everything(
      Recurrent m, float[] xv, int[] shape, int[] lengths, Tensor h0, Tensor c0, Tensor uy) {
    m.zeroGrad();
    Tensor x = Tensor.of(xv, shape).requiresGrad(true);
    Recurrent.Output o = m.forwardWithState(x, lengths, h0, c0);
    Tensor loss = o.output().mul(uy).sum().add(o.h().square().sum());
    if (o.c() != null) loss = loss.add(o.c().sum());
    loss.backward();
    java.util.List<float[]> all =
        new java.util.ArrayList<>(
            java.util.List.of(o.output().toArray(), o.h().toArray(), x.grad().toArray()));
    if (o.c() != null) all.add(o.c().toArray());
    for (Parameter p : m.parameters()) all.add(p.grad().toArray());
    return all.toArray(float[][]::new);
  }

  @Test
  void valuesInThePaddingChangeNothing() {
    Rng rng = new Rng(11);
    int n = 3, t = 6;
    int[] lengths = {4, 6, 2};
    for (Recurrent m :
        new Recurrent[] {
          new LSTM(
              Recurrent.Config.of(3, 4).withLayers(2).withBatchFirst(true).withBidirectional(true),
              rng),
          new GRU(Recurrent.Config.of(3, 4).withBidirectional(true), rng)
        }) {
      boolean bf = m.batchFirst();
      int[] shape = bf ? new int[] {n, t, 3} : new int[] {t, n, 3};
      float[] x = Tensor.randn(rng, shape).toArray(), noisy = x.clone();
      for (int b = 0; b < n; b++) {
        for (int k = lengths[b]; k < t; k++) {
          for (int f = 0; f < 3; f++)
            noisy[((bf ? b * t + k : k * n + b)) * 3 + f] =
                (k + f) % 3 == 0 ? Float.NaN : 1e6f * (f - 1);
        }
      }
      Tensor h0 = Tensor.randn(rng, m.layers * 2, n, 4),
          c0 = m instanceof LSTM ? Tensor.randn(rng, m.layers * 2, n, 4) : null;
      Tensor uy = Tensor.randn(rng, bf ? n : t, bf ? t : n, 8);
      float[][] clean = everything(m, x, shape, lengths, h0, c0, uy),
          dirty = everything(m, noisy, shape, lengths, h0, c0, uy);
      for (int i = 0; i < clean.length; i++)
        assertThat(dirty[i]).as(m + " part " + i).containsExactly(clean[i]);
      float[] out = clean[0], gx = clean[2];
      for (int b = 0; b < n; b++) {
        for (int k = 0; k < t; k++) {
          int row = bf ? b * t + k : k * n + b;
          for (int f = 0; f < 8; f++) {
            if (k >= lengths[b]) assertThat(out[row * 8 + f]).as(m + " padded output").isZero();
            else assertThat(out[row * 8 + f]).as(m + " real output").isNotZero();
          }
          for (int f = 0; f < 3; f++)
            if (k >= lengths[b]) assertThat(gx[row * 3 + f]).as(m + " padded grad").isZero();
        }
      }
    }
  }

  @Test
  void eachSequenceAloneGivesTheSameAsItsRowOfThePaddedBatch() {
    Rng rng = new Rng(12);
    LSTM m = new LSTM(Recurrent.Config.of(2, 3).withBidirectional(true), rng);
    int[] lengths = {2, 5, 3};
    Tensor x = Tensor.randn(rng, 5, 3, 2);
    Recurrent.Output o = m.forwardWithState(x, lengths, null, null);
    for (int b = 0; b < 3; b++) {
      Tensor alone = x.slice(1, b, b + 1).slice(0, 0, lengths[b]);
      Recurrent.Output a = m.forwardWithState(alone);
      Golden.assertClose(
          "sequence " + b + " output",
          o.output().slice(1, b, b + 1).slice(0, 0, lengths[b]),
          a.output(),
          1e-6);
      Golden.assertClose("sequence " + b + " h_n", o.h().slice(1, b, b + 1), a.h(), 1e-6);
      Golden.assertClose("sequence " + b + " c_n", o.c().slice(1, b, b + 1), a.c(), 1e-6);
    }
  }

  @Test
  void fullLengthsAreThePlainPathAndGradCheckPasses() {
    Rng rng = new Rng(13);
    GRU m = new GRU(Recurrent.Config.of(2, 3).withBidirectional(true).withBatchFirst(true), rng);
    Tensor x = Tensor.randn(rng, 2, 4, 2);
    assertThat(m.forward(x, new int[] {4, 4}).toArray()).containsExactly(m.forward(x).toArray());
    Tensor xg = Tensor.randn(rng, 3, 4, 2).requiresGrad(true);
    Tensor h0 = Tensor.randn(rng, 2, 3, 3).requiresGrad(true);
    var r =
        GradCheck.check(
            in -> {
              Recurrent.Output o = m.forwardWithState(in[0], new int[] {3, 1, 4}, in[1], null);
              return Tensor.cat(0, o.output().flatten(), o.h().flatten());
            },
            xg,
            h0);
    assertThat(r.passed()).as(r.failure()).isTrue();
  }

  @Test
  void badLengthsAreNamed() {
    LSTM m = new LSTM(2, 3, new Rng(1));
    Tensor x = Tensor.zeros(4, 2, 2);
    assertThatThrownBy(() -> m.forward(x, new int[] {4}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LSTM(2, 3): 1 lengths for a batch of 2 sequences");
    assertThatThrownBy(() -> m.forward(x, new int[] {0, 4}))
        .hasMessageContaining("length 0 of sequence 0 outside [1, 4]");
    assertThatThrownBy(() -> m.forward(x, new int[] {2, 5}))
        .hasMessageContaining("length 5 of sequence 1");
  }
}
