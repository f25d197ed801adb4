package dev.dendrite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Fused recurrent cells over a batch: one pass computes all gate nonlinearities and the new state
 * from the pre-activations, one pass the gradients back. Arrays are row-major (N, ·). Each row runs
 * a vector loop over the hidden units and a scalar tail that gives the same bits (the scalar
 * functions are one lane of {@link Vmath}'s, and neither loop fuses a multiply-add).
 */
public final class Cells {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private Cells() {}

  private static float sigmoid(float x) {
    return 1f / (1f + Vmath.exp(-x));
  }

  private static float tanh(float x) {
    float e = Vmath.exp(-2f * Math.abs(x));
    float t = (1f - e) / (1f + e);
    return x < 0 ? -t : t;
  }

  /**
   * LSTM step, gate order i, f, g, o in {@code gates} (N, 4H): writes {@code hc} (N, 2H) = [h' ‖ c']
   * and keeps the activated gates in {@code act} (N, 4H) for the backward pass.
   */
  public static void lstmForward(float[] gates, float[] c, int n, int h, float[] hc, float[] act) {
    Parallel.forRange(n, 8, (from, to) -> {
      int bound = S.loopBound(h);
      for (int b = from; b < to; b++) {
        int g0 = b * 4 * h, s0 = b * h, o0 = b * 2 * h;
        int j = 0;
        for (; j < bound; j += L) {
          FloatVector i = Vmath.sigmoid(FloatVector.fromArray(S, gates, g0 + j));
          FloatVector f = Vmath.sigmoid(FloatVector.fromArray(S, gates, g0 + h + j));
          FloatVector g = Vmath.tanh(FloatVector.fromArray(S, gates, g0 + 2 * h + j));
          FloatVector o = Vmath.sigmoid(FloatVector.fromArray(S, gates, g0 + 3 * h + j));
          FloatVector cn = f.mul(FloatVector.fromArray(S, c, s0 + j)).add(i.mul(g));
          i.intoArray(act, g0 + j);
          f.intoArray(act, g0 + h + j);
          g.intoArray(act, g0 + 2 * h + j);
          o.intoArray(act, g0 + 3 * h + j);
          cn.intoArray(hc, o0 + h + j);
          o.mul(Vmath.tanh(cn)).intoArray(hc, o0 + j);
        }
        for (; j < h; j++) {
          float i = sigmoid(gates[g0 + j]), f = sigmoid(gates[g0 + h + j]);
          float g = tanh(gates[g0 + 2 * h + j]), o = sigmoid(gates[g0 + 3 * h + j]);
          float cn = f * c[s0 + j] + i * g;
          act[g0 + j] = i;
          act[g0 + h + j] = f;
          act[g0 + 2 * h + j] = g;
          act[g0 + 3 * h + j] = o;
          hc[o0 + h + j] = cn;
          hc[o0 + j] = o * tanh(cn);
        }
      }
    });
  }

  /**
   * The LSTM step's backward: from {@code dhc} = [dh' ‖ dc'] (N, 2H), the saved activations and
   * states, writes {@code dGates} (N, 4H) (w.r.t. the pre-activations) and {@code dc} (N, H).
   */
  public static void lstmBackward(float[] dhc, float[] act, float[] c, float[] hc, int n, int h, float[] dGates, float[] dc) {
    Parallel.forRange(n, 8, (from, to) -> {
      int bound = S.loopBound(h);
      FloatVector one = FloatVector.broadcast(S, 1f);
      for (int b = from; b < to; b++) {
        int g0 = b * 4 * h, s0 = b * h, o0 = b * 2 * h;
        int j = 0;
        for (; j < bound; j += L) {
          FloatVector i = FloatVector.fromArray(S, act, g0 + j), f = FloatVector.fromArray(S, act, g0 + h + j);
          FloatVector g = FloatVector.fromArray(S, act, g0 + 2 * h + j), o = FloatVector.fromArray(S, act, g0 + 3 * h + j);
          FloatVector tc = Vmath.tanh(FloatVector.fromArray(S, hc, o0 + h + j));
          FloatVector dh = FloatVector.fromArray(S, dhc, o0 + j);
          FloatVector dct = FloatVector.fromArray(S, dhc, o0 + h + j).add(dh.mul(o).mul(one.sub(tc.mul(tc))));
          dct.mul(g).mul(i).mul(one.sub(i)).intoArray(dGates, g0 + j);
          dct.mul(FloatVector.fromArray(S, c, s0 + j)).mul(f).mul(one.sub(f)).intoArray(dGates, g0 + h + j);
          dct.mul(i).mul(one.sub(g.mul(g))).intoArray(dGates, g0 + 2 * h + j);
          dh.mul(tc).mul(o).mul(one.sub(o)).intoArray(dGates, g0 + 3 * h + j);
          dct.mul(f).intoArray(dc, s0 + j);
        }
        for (; j < h; j++) {
          float i = act[g0 + j], f = act[g0 + h + j], g = act[g0 + 2 * h + j], o = act[g0 + 3 * h + j];
          float tc = tanh(hc[o0 + h + j]);
          float dh = dhc[o0 + j];
          float dct = dhc[o0 + h + j] + dh * o * (1 - tc * tc);
          dGates[g0 + j] = dct * g * i * (1 - i);
          dGates[g0 + h + j] = dct * c[s0 + j] * f * (1 - f);
          dGates[g0 + 2 * h + j] = dct * i * (1 - g * g);
          dGates[g0 + 3 * h + j] = dh * tc * o * (1 - o);
          dc[s0 + j] = dct * f;
        }
      }
    });
  }
}
