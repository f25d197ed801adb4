package dev.dendrite.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.Golden;
import dev.dendrite.autograd.Grad;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.nn.loss.MSELoss;
import dev.dendrite.nn.recurrent.GRU;
import dev.dendrite.nn.recurrent.LSTM;
import dev.dendrite.nn.recurrent.Recurrent;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TruncatedBpttTest {
  /** Keeps every step's gradients and changes nothing, so each chunk can be recomputed alone. */
  static final class Recording implements Optimizer {
    final List<Tensor> params;
    final List<float[][]> steps = new ArrayList<>();

    Recording(List<? extends Tensor> params) {
      this.params = List.copyOf(params);
    }

    @Override
    public void step() {
      float[][] g = new float[params.size()][];
      for (int i = 0; i < g.length; i++)
        g[i] = params.get(i).grad() == null ? null : params.get(i).grad().toArray();
      steps.add(g);
    }

    @Override
    public void zeroGrad() {
      for (Tensor p : params) p.zeroGrad();
    }

    @Override
    public double lr() {
      return 0;
    }

    @Override
    public void setLr(double lr) {}

    @Override
    public List<Tensor> params() {
      return params;
    }

    @Override
    public Map<String, Tensor> stateDict() {
      return Map.of();
    }

    @Override
    public void loadStateDict(Map<String, Tensor> state) {}
  }

  @Test
  void eachChunksGradientsAreThoseOfTheChunkAloneFromTheCarriedState() {
    Rng rng = new Rng(1);
    LSTM lstm = new LSTM(Recurrent.Config.of(2, 3).withLayers(2).withBatchFirst(true), rng);
    Linear head = new Linear(3, 1, rng);
    Module both = new Sequential(lstm, head);
    int n = 2, t = 12, k = 5;
    Tensor x = Tensor.randn(rng, n, t, 2), target = Tensor.randn(rng, n, t, 1);
    Recording opt = new Recording(both.parameters());
    var r =
        new TruncatedBptt(k, opt)
            .run(t, List.of(), TruncatedBptt.recurrent(lstm, head, new MSELoss(), x, target));
    assertThat(r.losses()).hasSize(3);
    assertThat(opt.steps).hasSize(3);
    for (int c = 0; c < 3; c++) {
      int from = c * k, to = Math.min(t, from + k);
      Tensor h0 = null, c0 = null;
      if (from
          > 0) { // the carried state is the state of one unbroken forward over the steps before the
        // chunk
        try (var off = Grad.disabled()) {
          Recurrent.Output before = lstm.forwardWithState(x.slice(1, 0, from));
          h0 = before.h();
          c0 = before.c();
        }
      }
      both.zeroGrad();
      Recurrent.Output o = lstm.forwardWithState(x.slice(1, from, to), h0, c0);
      Tensor y = head.forward(o.output().reshape(n * (to - from), 3));
      Tensor loss = new MSELoss().apply(y, target.slice(1, from, to).reshape(n * (to - from), 1));
      assertThat(r.losses()[c])
          .as("chunk " + c + " loss")
          .isCloseTo(loss.item(), org.assertj.core.data.Offset.offset(1e-6));
      loss.backward();
      List<dev.dendrite.nn.Parameter> ps = both.parameters();
      for (int i = 0; i < ps.size(); i++) {
        Golden.assertClose(
            "chunk " + c + " " + both.namedParameters().keySet().toArray()[i],
            Tensor.of(opt.steps.get(c)[i], ps.get(i).shape()),
            ps.get(i).grad(),
            1e-5);
      }
    }
    Recurrent.Output whole = lstm.forwardWithState(x);
    Golden.assertClose("final state", r.state().get(0), whole.h(), 1e-5);
    // Truncation is real: back-propagating the last chunk's loss through the whole stream gives
    // other gradients.
    both.zeroGrad();
    Tensor yAll = head.forward(whole.output().slice(1, 10, 12).reshape(n * 2, 3));
    new MSELoss().apply(yAll, target.slice(1, 10, 12).reshape(n * 2, 1)).backward();
    assertThat(lstm.namedParameters().get("weight_ih_l0").grad().toArray())
        .isNotEqualTo(opt.steps.get(2)[0]);
  }

  @Test
  void learnsToEchoAStreamThreeStepsLaterAcrossChunkBoundaries() {
    Rng rng = new Rng(7);
    GRU gru = new GRU(1, 16, rng);
    Linear head = new Linear(16, 2, rng);
    Optimizer opt = new Adam(0.02).create(new Sequential(gru, head).parameters());
    int n = 16, t = 300, k = 4, delay = 3;
    TruncatedBptt tbptt = new TruncatedBptt(k, opt);
    double first = 0, last = 0;
    for (int epoch = 0; epoch < 3; epoch++) {
      Tensor[] xy = echo(rng, t, n, delay);
      var r =
          tbptt.run(
              t,
              List.of(),
              TruncatedBptt.recurrent(gru, head, new CrossEntropyLoss(), xy[0], xy[1]));
      if (epoch == 0) first = r.losses()[0];
      last = r.losses()[r.losses().length - 1];
    }
    assertThat(last).isLessThan(first);
    // With k = 4 and a delay of 3, three of every four targets lie in the previous chunk: only the
    // carried state holds them.
    Tensor[] test = echo(new Rng(99), 300, 8, delay);
    try (var off = Grad.disabled()) {
      float[]
          pred = head.forward(gru.forward(test[0]).reshape(300 * 8, 16)).argmax(1, false).toArray(),
          want = test[1].toArray();
      int right = 0, total = 0;
      for (int i = delay * 8; i < pred.length; i++, total++) if (pred[i] == want[i]) right++;
      assertThat(right / (double) total).isGreaterThan(0.97);
    }
  }

  /**
   * A stream of random bits (T, N, 1) as ±1 and the target (T, N): the bit {@code delay} steps
   * earlier (0 before the start).
   */
  static Tensor[] echo(Rng rng, int t, int n, int delay) {
    float[] bits = new float[t * n], x = new float[t * n], y = new float[t * n];
    for (int i = 0; i < bits.length; i++) bits[i] = rng.nextInt(2);
    for (int s = 0; s < t; s++) {
      for (int b = 0; b < n; b++) {
        x[s * n + b] = 2 * bits[s * n + b] - 1;
        y[s * n + b] = s >= delay ? bits[(s - delay) * n + b] : 0;
      }
    }
    return new Tensor[] {Tensor.wrap(x, t, n, 1), Tensor.wrap(y, t, n)};
  }

  @Test
  void badArgumentsAreNamed() {
    Rng rng = new Rng(2);
    GRU gru = new GRU(1, 2, rng);
    Optimizer opt = new Adam(0.01).create(gru.parameters());
    assertThatThrownBy(() -> new TruncatedBptt(0, opt)).hasMessageContaining("k must be >= 1");
    assertThatThrownBy(
            () ->
                TruncatedBptt.recurrent(
                    gru,
                    new Linear(2, 2, rng),
                    new CrossEntropyLoss(),
                    Tensor.zeros(5, 2, 1),
                    Tensor.zeros(4, 2)))
        .hasMessageContaining("(5, 2, 1)")
        .hasMessageContaining("(4, 2)");
    assertThatThrownBy(
            () ->
                new TruncatedBptt(3, opt)
                    .run(
                        6,
                        List.of(),
                        (from, to, s) ->
                            new TruncatedBptt.Step(Tensor.scalar(Float.NaN), List.of())))
        .isInstanceOf(Trainer.Diverged.class)
        .hasMessageContaining("chunk 0");
  }
}
