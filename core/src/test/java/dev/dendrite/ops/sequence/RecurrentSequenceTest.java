package dev.dendrite.ops.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dendrite.autograd.GradCheck;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Threads;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fused LSTM, GRU and RNN sequence ops on padded batches: against the step-by-step strategy, by
 * finite differences, and bit for bit against themselves where padding must change nothing.
 */
class RecurrentSequenceTest {
  static final int T = 7, N = 19, I = 3, H = 20;
  static final int[] LENGTHS = {7, 3, 1, 5, 7, 2, 6, 4, 7, 1, 3, 3, 5, 2, 7, 6, 4, 1, 2};
  private final int threads = Threads.get();

  /** Parts of 8 rows: these small batches then split in two or more, as large ones do. */
  @BeforeEach
  void smallParts() {
    SequenceInput.partRows = 8;
  }

  @AfterEach
  void restoreThreads() {
    Threads.set(threads);
    SequenceInput.partRows = 32;
  }

  /** Weights, input and upstream gradients of one case; x is (T, N, I) time-major. */
  record Case(
      CellKind kind,
      float[] x,
      Tensor h0,
      Tensor c0,
      Tensor wih,
      Tensor whh,
      Tensor bih,
      Tensor bhh,
      Tensor uy,
      Tensor uh,
      Tensor uc) {
    static Case of(CellKind kind, long seed) {
      Rng rng = new Rng(seed);
      int g = kind.gates * H;
      return new Case(
          kind,
          Tensor.randn(rng, T, N, I).toArray(),
          Tensor.randn(rng, N, H),
          kind == CellKind.LSTM ? Tensor.randn(rng, N, H) : null,
          Tensor.uniform(rng, -0.4f, 0.4f, g, I),
          Tensor.uniform(rng, -0.4f, 0.4f, g, H),
          Tensor.uniform(rng, -0.4f, 0.4f, g),
          Tensor.uniform(rng, -0.4f, 0.4f, g),
          Tensor.randn(rng, T, N, H),
          Tensor.randn(rng, N, H),
          Tensor.randn(rng, N, H));
    }

    /**
     * Outputs, final states and the gradient of every input, in that order, of a loss that reads
     * all three results.
     */
    List<float[]> everything(RecurrentSequence s, float[] xv, int[] lengths, boolean reverse) {
      Tensor xt = Tensor.of(xv, T, N, I).requiresGrad(true);
      Tensor[] leaves = {xt, fresh(h0), fresh(c0), fresh(wih), fresh(whh), fresh(bih), fresh(bhh)};
      RecurrentSequence.Result r =
          s.run(
              xt, leaves[1], leaves[2], leaves[3], leaves[4], leaves[5], leaves[6], lengths,
              reverse);
      Tensor loss = r.output().mul(uy).sum().add(r.h().mul(uh).sum());
      if (r.c() != null) loss = loss.add(r.c().mul(uc).sum());
      loss.backward();
      List<float[]> all = new ArrayList<>(List.of(r.output().toArray(), r.h().toArray()));
      if (r.c() != null) all.add(r.c().toArray());
      for (Tensor leaf : leaves) if (leaf != null) all.add(leaf.grad().toArray());
      return all;
    }

    static Tensor fresh(Tensor t) {
      return t == null ? null : Tensor.of(t.toArray(), t.shape()).requiresGrad(true);
    }
  }

  static final String[] PARTS = {
    "output",
    "h_n",
    "c_n",
    "grad x",
    "grad h0",
    "grad c0",
    "grad W_ih",
    "grad W_hh",
    "grad b_ih",
    "grad b_hh"
  };

  /** The name of result i of {@link Case#everything}: a GRU has no c_n and no c0. */
  static String part(CellKind kind, int i) {
    if (kind == CellKind.LSTM) return PARTS[i];
    return PARTS[i < 2 ? i : i < 4 ? i + 1 : i + 2];
  }

  /** x with inf, NaN and huge values in every padded step. */
  static float[] dirty(float[] x, int[] lengths) {
    float[] d = x.clone();
    for (int b = 0; b < N; b++) {
      for (int k = lengths[b]; k < T; k++) {
        for (int f = 0; f < I; f++)
          d[(k * N + b) * I + f] =
              switch ((k + f) % 3) {
                case 0 -> Float.NaN;
                case 1 -> Float.POSITIVE_INFINITY;
                default -> -1e30f;
              };
      }
    }
    return d;
  }

  /**
   * Both strategies compute the same formulas; only the order of float sums differs (the fused op
   * adds h·W_hhᵀ onto the projected input inside one product and sums the weight gradients over all
   * steps in one product, the step path adds one product per step), a few ulps per step that
   * compound through the recurrence. Measured worst relative errors over these cases: 2.4e-7 for
   * outputs and states, 3.2e-6 for gradients (both from the tanh RNN); the tolerances leave 3-4x
   * room.
   */
  @Test
  void fusedPaddedMatchesStepByStep() {
    for (int th : new int[] {1, 2}) { // N = 19 rows in two parts, on one thread or two
      Threads.set(th);
      for (CellKind kind : CellKind.values()) {
        Case c = Case.of(kind, 21);
        for (boolean reverse : new boolean[] {false, true}) {
          List<float[]> fused = c.everything(RecurrentSequence.of(kind), c.x(), LENGTHS, reverse);
          List<float[]> steps = c.everything(new StepSequence(kind), c.x(), LENGTHS, reverse);
          assertThat(fused).hasSameSizeAs(steps);
          for (int i = 0; i < fused.size(); i++) {
            float[] a = fused.get(i), e = steps.get(i);
            String what =
                kind + (reverse ? " reverse " : " forward ") + th + " threads: " + part(kind, i);
            double tol = part(kind, i).startsWith("grad") ? 1e-5 : 1e-6;
            for (int j = 0; j < a.length; j++) {
              assertThat((double) a[j])
                  .as(what + " element " + j)
                  .isCloseTo(e[j], org.assertj.core.data.Offset.offset(tol * (1 + Math.abs(e[j]))));
            }
          }
        }
      }
    }
  }

  @Test
  void paddingIsNeverReadAndGetsExactZeros() {
    for (CellKind kind : CellKind.values()) {
      Case c = Case.of(kind, 22);
      for (boolean reverse : new boolean[] {false, true}) {
        RecurrentSequence s = RecurrentSequence.of(kind);
        List<float[]> clean = c.everything(s, c.x(), LENGTHS, reverse),
            noisy = c.everything(s, dirty(c.x(), LENGTHS), LENGTHS, reverse);
        for (int i = 0; i < clean.size(); i++)
          assertThat(noisy.get(i)).as(kind + " " + part(kind, i)).containsExactly(clean.get(i));
        float[] out = clean.get(0), gx = clean.get(kind == CellKind.LSTM ? 3 : 2);
        for (int b = 0; b < N; b++) {
          for (int k = LENGTHS[b]; k < T; k++) {
            for (int f = 0; f < H; f++)
              assertThat(Float.floatToRawIntBits(out[(k * N + b) * H + f]))
                  .as(kind + " padded output")
                  .isZero();
            for (int f = 0; f < I; f++)
              assertThat(Float.floatToRawIntBits(gx[(k * N + b) * I + f]))
                  .as(kind + " padded grad x")
                  .isZero();
          }
        }
      }
    }
  }

  @Test
  void lengthsAllTGiveTheBitsOfTheUnpaddedOp() {
    int[] full = new int[N];
    java.util.Arrays.fill(full, T);
    for (int th : new int[] {1, 2}) {
      Threads.set(th);
      for (CellKind kind : CellKind.values()) {
        Case c = Case.of(kind, 23);
        for (boolean reverse : new boolean[] {false, true}) {
          RecurrentSequence s = RecurrentSequence.of(kind);
          List<float[]> plain = c.everything(s, c.x(), null, reverse),
              padded = c.everything(s, c.x(), full, reverse);
          for (int i = 0; i < plain.size(); i++)
            assertThat(padded.get(i)).as(kind + " " + part(kind, i)).containsExactly(plain.get(i));
        }
      }
    }
  }

  /**
   * Finite differences through every input of the fused ops on a padded batch split in two parts.
   */
  @Test
  void gradCheckOfThePaddedFusedOps() {
    Threads.set(2);
    int t = 4, n = 17, in = 2, h = 3; // n ≥ 16: two parts
    int[] lengths = new int[n];
    for (int b = 0; b < n; b++) lengths[b] = 1 + (b * 7) % t;
    for (CellKind kind : CellKind.values()) {
      for (boolean reverse : new boolean[] {false, true}) {
        Rng rng = new Rng(reverse ? 31 : 32);
        int g = kind.gates * h;
        Tensor x = Tensor.randn(rng, t, n, in).requiresGrad(true),
            h0 = Tensor.randn(rng, n, h).requiresGrad(true);
        Tensor wih = Tensor.uniform(rng, -0.6f, 0.6f, g, in).requiresGrad(true),
            whh = Tensor.uniform(rng, -0.6f, 0.6f, g, h).requiresGrad(true);
        Tensor bih = Tensor.uniform(rng, -0.6f, 0.6f, g).requiresGrad(true),
            bhh = Tensor.uniform(rng, -0.6f, 0.6f, g).requiresGrad(true);
        GradCheck.Result r;
        if (kind == CellKind.LSTM) {
          Tensor c0 = Tensor.randn(rng, n, h).requiresGrad(true);
          r =
              GradCheck.check(
                  v -> {
                    Tensor[] o =
                        LSTMSequence.run(v[0], v[1], v[2], v[3], v[4], v[5], lengths, reverse);
                    return Tensor.cat(0, o[0].flatten(), o[1].flatten(), o[2].flatten());
                  },
                  x,
                  h0,
                  c0,
                  wih,
                  whh,
                  bih);
        } else if (kind == CellKind.GRU) {
          r =
              GradCheck.check(
                  v -> {
                    Tensor[] o =
                        GRUSequence.run(v[0], v[1], v[2], v[3], v[4], v[5], lengths, reverse);
                    return Tensor.cat(0, o[0].flatten(), o[1].flatten());
                  },
                  x,
                  h0,
                  wih,
                  bih,
                  whh,
                  bhh);
        } else {
          boolean relu = kind == CellKind.RNN_RELU;
          r =
              GradCheck.check(
                  v -> {
                    Tensor[] o =
                        RNNSequence.run(v[0], v[1], v[2], v[3], v[4], lengths, reverse, relu);
                    return Tensor.cat(0, o[0].flatten(), o[1].flatten());
                  },
                  x,
                  h0,
                  wih,
                  whh,
                  bih);
        }
        assertThat(r.passed())
            .as(kind + (reverse ? " reverse: " : " forward: ") + r.failure())
            .isTrue();
      }
    }
  }

  @Test
  void partsBalanceTheRealStepsAndCutEqualLengthsEvenly() {
    for (int th : new int[] {2, 3}) {
      Threads.set(th);
      for (int n : new int[] {16, 30, 41}) {
        int[] same = new int[n], sorted = new int[n];
        java.util.Arrays.fill(same, 9);
        for (int b = 0; b < n; b++) sorted[b] = n - b;
        assertThat(SequenceInput.rowParts(n, same))
            .containsExactly(SequenceInput.rowParts(n, null));
        int[] from = SequenceInput.rowParts(n, sorted);
        int parts = from.length - 1, total = n * (n + 1) / 2;
        assertThat(from[0]).isZero();
        assertThat(from[parts]).isEqualTo(n);
        for (int p = 0; p < parts; p++) {
          int steps = 0;
          for (int b = from[p]; b < from[p + 1]; b++) steps += sorted[b];
          assertThat(from[p + 1])
              .as("part %d of %s", p, java.util.Arrays.toString(from))
              .isGreaterThan(from[p]);
          assertThat(Math.abs(steps - (double) total / parts))
              .as("part %d of %s", p, java.util.Arrays.toString(from))
              .isLessThanOrEqualTo(n);
        }
      }
    }
  }
}
