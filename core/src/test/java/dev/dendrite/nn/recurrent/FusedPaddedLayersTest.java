package dev.dendrite.nn.recurrent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dendrite.ops.sequence.RecurrentSequence;
import dev.dendrite.ops.sequence.StepSequence;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Multi-layer, bidirectional LSTM, GRU and RNN layers on padded batches: their fused sequence ops
 * against the same layers run step by step ({@link StepSequence}), outputs, final states and every
 * gradient. Tolerances as in {@code ops.RecurrentSequenceTest} (only the order of float sums
 * differs), looser by 2x for gradients as a second layer adds another recurrence to go through.
 */
class FusedPaddedLayersTest {
  /** Outputs, final states and every gradient, with the names of the parts. */
  static List<float[]> everything(
      Recurrent m,
      RecurrentSequence how,
      Tensor xv,
      int[] lengths,
      Tensor h0,
      Tensor c0,
      Tensor uy,
      List<String> names) {
    m.zeroGrad();
    Tensor x = Tensor.of(xv.toArray(), xv.shape()).requiresGrad(true);
    Tensor h = Tensor.of(h0.toArray(), h0.shape()).requiresGrad(true),
        c = c0 == null ? null : Tensor.of(c0.toArray(), c0.shape()).requiresGrad(true);
    Recurrent.Output o = m.run(x, lengths, h, c, how);
    Tensor loss = o.output().mul(uy).sum().add(o.h().square().sum());
    if (o.c() != null) loss = loss.add(o.c().mul(o.c()).mul(0.5f).sum());
    loss.backward();
    names.clear();
    List<float[]> all = new ArrayList<>();
    names.add("output");
    all.add(o.output().toArray());
    names.add("h_n");
    all.add(o.h().toArray());
    if (o.c() != null) {
      names.add("c_n");
      all.add(o.c().toArray());
      names.add("grad c0");
      all.add(c.grad().toArray());
    }
    names.add("grad x");
    all.add(x.grad().toArray());
    names.add("grad h0");
    all.add(h.grad().toArray());
    for (var p : m.namedParameters().entrySet()) {
      names.add("grad " + p.getKey());
      all.add(p.getValue().grad().toArray());
    }
    return all;
  }

  @Test
  void fusedPaddedLayersMatchTheStepByStepLayers() {
    Rng rng = new Rng(41);
    int t = 6, n = 18, in = 3, hd = 9;
    int[] lengths = new int[n];
    for (int b = 0; b < n; b++) lengths[b] = 1 + (b * 5 + 2) % t;
    for (boolean bf : new boolean[] {false, true}) {
      var cfg =
          Recurrent.Config.of(in, hd).withLayers(2).withBidirectional(true).withBatchFirst(bf);
      for (Recurrent m :
          new Recurrent[] {
            new LSTM(cfg, rng), new GRU(cfg, rng), new RNN(cfg, false, rng), new RNN(cfg, true, rng)
          }) {
        Tensor x = Tensor.randn(rng, bf ? n : t, bf ? t : n, in);
        Tensor h0 = Tensor.randn(rng, 4, n, hd),
            c0 = m instanceof LSTM ? Tensor.randn(rng, 4, n, hd) : null;
        Tensor uy = Tensor.randn(rng, bf ? n : t, bf ? t : n, 2 * hd);
        List<String> names = new ArrayList<>(), stepNames = new ArrayList<>();
        List<float[]> fused =
            everything(m, RecurrentSequence.of(m.kind), x, lengths, h0, c0, uy, names);
        List<float[]> steps =
            everything(m, new StepSequence(m.kind), x, lengths, h0, c0, uy, stepNames);
        assertThat(names).isEqualTo(stepNames);
        for (int i = 0; i < fused.size(); i++) {
          float[] a = fused.get(i), e = steps.get(i);
          double tol = names.get(i).startsWith("grad") ? 2e-5 : 1e-6;
          for (int j = 0; j < a.length; j++) {
            assertThat((double) a[j])
                .as(m + " " + names.get(i) + " element " + j)
                .isCloseTo(e[j], org.assertj.core.data.Offset.offset(tol * (1 + Math.abs(e[j]))));
          }
        }
        // The padding of the output is exactly zero, in both directions.
        float[] out = fused.get(0);
        for (int b = 0; b < n; b++) {
          for (int k = lengths[b]; k < t; k++) {
            int row = bf ? b * t + k : k * n + b;
            for (int f = 0; f < 2 * hd; f++)
              assertThat(Float.floatToRawIntBits(out[row * 2 * hd + f]))
                  .as(m + " padded output")
                  .isZero();
          }
        }
      }
    }
  }

  @Test
  void unpaddedFusedLayersMatchTheStepByStepLayers() {
    Rng rng = new Rng(42);
    var cfg = Recurrent.Config.of(3, 9).withLayers(2).withBidirectional(true);
    for (Recurrent m :
        new Recurrent[] {
          new LSTM(cfg, rng), new GRU(cfg, rng), new RNN(cfg, false, rng), new RNN(cfg, true, rng)
        }) {
      Tensor x = Tensor.randn(rng, 5, 17, 3),
          h0 = Tensor.randn(rng, 4, 17, 9),
          c0 = m instanceof LSTM ? Tensor.randn(rng, 4, 17, 9) : null;
      Tensor uy = Tensor.randn(rng, 5, 17, 18);
      List<String> names = new ArrayList<>();
      List<float[]> fused = everything(m, RecurrentSequence.of(m.kind), x, null, h0, c0, uy, names);
      List<float[]> steps =
          everything(m, new StepSequence(m.kind), x, null, h0, c0, uy, new ArrayList<>());
      for (int i = 0; i < fused.size(); i++) {
        float[] a = fused.get(i), e = steps.get(i);
        double tol = names.get(i).startsWith("grad") ? 2e-5 : 1e-6;
        for (int j = 0; j < a.length; j++) {
          assertThat((double) a[j])
              .as(m + " " + names.get(i) + " element " + j)
              .isCloseTo(e[j], org.assertj.core.data.Offset.offset(tol * (1 + Math.abs(e[j]))));
        }
      }
    }
  }
}
