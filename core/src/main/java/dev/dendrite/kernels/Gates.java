package dev.dendrite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Fused recurrent cells over a batch: one pass computes all gate nonlinearities and the new state
 * from the pre-activations, one pass the gradients back. Arrays are row-major (N, ·). Each row runs
 * a vector loop over the hidden units and a scalar tail that gives the same bits (the scalar
 * functions are one lane of {@link Vmath}'s, and neither loop fuses a multiply-add).
 */
public final class Gates {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private Gates() {}

  private static float sigmoid(float x) {
    return 1f / (1f + Vmath.exp(-x));
  }

  private static float tanh(float x) {
    float e = Vmath.exp(-2f * Math.abs(x));
    float t = (1f - e) / (1f + e);
    return x < 0 ? -t : t;
  }

  /**
   * LSTM step, gate order i, f, g, o in {@code gates} (N, 4H): writes {@code hc} (N, 2H) = [h' ‖
   * c'] and keeps the activated gates in {@code act} (N, 4H) for the backward pass.
   */
  public static void lstmForward(float[] gates, float[] c, int n, int h, float[] hc, float[] act) {
    lstmForward(gates, 0, c, 0, h, n, h, hc, 0, act, 0);
  }

  /**
   * The same on blocks of larger arrays: row b of the gates at {@code gOff + b·4H}, of c at {@code
   * cOff + b·cStride}, of hc at {@code hcOff + b·2H} and of act at {@code actOff + b·4H}; {@code
   * gates} and {@code act} may be the same block (each gate is read before it is overwritten).
   */
  public static void lstmForward(
      float[] gates,
      int gOff,
      float[] c,
      int cOff,
      int cStride,
      int n,
      int h,
      float[] hc,
      int hcOff,
      float[] act,
      int actOff) {
    Parallel.forRange(
        n,
        8,
        (from, to) -> {
          int bound = S.loopBound(h);
          for (int b = from; b < to; b++) {
            int g0 = gOff + b * 4 * h,
                a0 = actOff + b * 4 * h,
                s0 = cOff + b * cStride,
                o0 = hcOff + b * 2 * h;
            // One nonlinearity per loop: C2 does not inline five of them into one loop body (node
            // limit), and a call that is not inlined boxes its vectors, which ran the step 2×
            // slower.
            sigmoids(gates, g0, act, a0, 2 * h); // i, f
            tanhs(gates, g0 + 2 * h, act, a0 + 2 * h, h); // g
            sigmoids(gates, g0 + 3 * h, act, a0 + 3 * h, h); // o
            int j = 0;
            for (; j < bound; j += L) { // c' = f ⊙ c + i ⊙ g
              FloatVector i = FloatVector.fromArray(S, act, a0 + j),
                  f = FloatVector.fromArray(S, act, a0 + h + j);
              FloatVector g = FloatVector.fromArray(S, act, a0 + 2 * h + j);
              f.mul(FloatVector.fromArray(S, c, s0 + j)).add(i.mul(g)).intoArray(hc, o0 + h + j);
            }
            for (; j < h; j++)
              hc[o0 + h + j] = act[a0 + h + j] * c[s0 + j] + act[a0 + j] * act[a0 + 2 * h + j];
            tanhs(hc, o0 + h, hc, o0, h); // h' = o ⊙ tanh(c')
            for (j = 0; j < bound; j += L) {
              FloatVector.fromArray(S, hc, o0 + j)
                  .mul(FloatVector.fromArray(S, act, a0 + 3 * h + j))
                  .intoArray(hc, o0 + j);
            }
            for (; j < h; j++) hc[o0 + j] = hc[o0 + j] * act[a0 + 3 * h + j];
          }
        });
  }

  /** {@code dst[dOff + j] = σ(src[so + j])} for j < n. */
  private static void sigmoids(float[] src, int so, float[] dst, int dOff, int n) {
    int j = 0, bound = S.loopBound(n);
    for (; j < bound; j += L)
      Vmath.sigmoid(FloatVector.fromArray(S, src, so + j)).intoArray(dst, dOff + j);
    for (; j < n; j++) dst[dOff + j] = sigmoid(src[so + j]);
  }

  /** {@code dst[dOff + j] = σ(a[ao + j] + b[bo + j])} for j < n. */
  private static void sigmoidsOfSums(
      float[] a, int ao, float[] b, int bo, float[] dst, int dOff, int n) {
    int j = 0, bound = S.loopBound(n);
    for (; j < bound; j += L) {
      Vmath.sigmoid(FloatVector.fromArray(S, a, ao + j).add(FloatVector.fromArray(S, b, bo + j)))
          .intoArray(dst, dOff + j);
    }
    for (; j < n; j++) dst[dOff + j] = sigmoid(a[ao + j] + b[bo + j]);
  }

  /** {@code dst[dOff + j] = tanh(src[so + j])} for j < n. */
  private static void tanhs(float[] src, int so, float[] dst, int dOff, int n) {
    int j = 0, bound = S.loopBound(n);
    for (; j < bound; j += L)
      Vmath.tanh(FloatVector.fromArray(S, src, so + j)).intoArray(dst, dOff + j);
    for (; j < n; j++) dst[dOff + j] = tanh(src[so + j]);
  }

  /**
   * The LSTM step's backward: from {@code dhc} = [dh' ‖ dc'] (N, 2H), the saved activations and
   * states, writes {@code dGates} (N, 4H) (w.r.t. the pre-activations) and {@code dc} (N, H).
   */
  public static void lstmBackward(
      float[] dhc, float[] act, float[] c, float[] hc, int n, int h, float[] dGates, float[] dc) {
    lstmBackward(dhc, act, 0, c, 0, h, hc, 0, n, h, dGates, 0, dc);
  }

  /**
   * The same on blocks of larger arrays: row b of act at {@code actOff + b·4H}, of c at {@code cOff
   * + b·cStride}, of hc at {@code hcOff + b·2H} and of dGates at {@code dgOff + b·4H}; dhc (N, 2H)
   * and dc (N, H) from 0.
   */
  public static void lstmBackward(
      float[] dhc,
      float[] act,
      int actOff,
      float[] c,
      int cOff,
      int cStride,
      float[] hc,
      int hcOff,
      int n,
      int h,
      float[] dGates,
      int dgOff,
      float[] dc) {
    Parallel.forRange(
        n,
        8,
        (from, to) -> {
          int bound = S.loopBound(h);
          FloatVector one = FloatVector.broadcast(S, 1f);
          float[] tcs = new float[h];
          for (int b = from; b < to; b++) {
            int a0 = actOff + b * 4 * h,
                d0 = dgOff + b * 4 * h,
                s0 = cOff + b * cStride,
                o0 = b * 2 * h,
                h0 = hcOff + b * 2 * h,
                e0 = b * h;
            tanhs(hc, h0 + h, tcs, 0, h); // tanh(c'), in a loop of its own (see lstmForward)
            int j = 0;
            for (; j < bound; j += L) {
              FloatVector i = FloatVector.fromArray(S, act, a0 + j),
                  f = FloatVector.fromArray(S, act, a0 + h + j);
              FloatVector g = FloatVector.fromArray(S, act, a0 + 2 * h + j),
                  o = FloatVector.fromArray(S, act, a0 + 3 * h + j);
              FloatVector tc = FloatVector.fromArray(S, tcs, j);
              FloatVector dh = FloatVector.fromArray(S, dhc, o0 + j);
              FloatVector dct =
                  FloatVector.fromArray(S, dhc, o0 + h + j).add(dh.mul(o).mul(one.sub(tc.mul(tc))));
              dct.mul(g).mul(i).mul(one.sub(i)).intoArray(dGates, d0 + j);
              dct.mul(FloatVector.fromArray(S, c, s0 + j))
                  .mul(f)
                  .mul(one.sub(f))
                  .intoArray(dGates, d0 + h + j);
              dct.mul(i).mul(one.sub(g.mul(g))).intoArray(dGates, d0 + 2 * h + j);
              dh.mul(tc).mul(o).mul(one.sub(o)).intoArray(dGates, d0 + 3 * h + j);
              dct.mul(f).intoArray(dc, e0 + j);
            }
            for (; j < h; j++) {
              float i = act[a0 + j],
                  f = act[a0 + h + j],
                  g = act[a0 + 2 * h + j],
                  o = act[a0 + 3 * h + j];
              float tc = tcs[j];
              float dh = dhc[o0 + j];
              float dct = dhc[o0 + h + j] + dh * o * (1 - tc * tc);
              dGates[d0 + j] = dct * g * i * (1 - i);
              dGates[d0 + h + j] = dct * c[s0 + j] * f * (1 - f);
              dGates[d0 + 2 * h + j] = dct * i * (1 - g * g);
              dGates[d0 + 3 * h + j] = dh * tc * o * (1 - o);
              dc[e0 + j] = dct * f;
            }
          }
        });
  }

  /**
   * GRU step, gate order r, z, n: from the input part {@code gx} (N, 3H) and the hidden part {@code
   * gh} (N, 3H) = h·W_hhᵀ + b_hh, r = σ(gx_r + gh_r), z = σ(gx_z + gh_z), n = tanh(gx_n + r ⊙
   * gh_n), h' = (1 − z) ⊙ n + z ⊙ h. Writes {@code hNew} (N, H) and keeps [r ‖ z ‖ n] in {@code
   * act} (N, 3H).
   */
  public static void gruForward(
      float[] gx, float[] gh, float[] hPrev, int n, int h, float[] hNew, float[] act) {
    Parallel.forRange(
        n,
        8,
        (from, to) -> {
          int bound = S.loopBound(h);
          FloatVector one = FloatVector.broadcast(S, 1f);
          for (int b = from; b < to; b++) {
            int g0 = b * 3 * h, s0 = b * h;
            sigmoidsOfSums(
                gx, g0, gh, g0, act, g0,
                2 * h); // r, z: one nonlinearity per loop (see lstmForward)
            int j = 0, n0 = g0 + 2 * h;
            for (; j < bound; j += L) { // the pre-activation of n, then n = tanh of it in place
              FloatVector r = FloatVector.fromArray(S, act, g0 + j);
              FloatVector.fromArray(S, gx, n0 + j)
                  .add(r.mul(FloatVector.fromArray(S, gh, n0 + j)))
                  .intoArray(act, n0 + j);
            }
            for (; j < h; j++) act[n0 + j] = gx[n0 + j] + act[g0 + j] * gh[n0 + j];
            tanhs(act, n0, act, n0, h);
            for (j = 0; j < bound; j += L) {
              FloatVector z = FloatVector.fromArray(S, act, g0 + h + j),
                  nn = FloatVector.fromArray(S, act, n0 + j);
              one.sub(z)
                  .mul(nn)
                  .add(z.mul(FloatVector.fromArray(S, hPrev, s0 + j)))
                  .intoArray(hNew, s0 + j);
            }
            for (; j < h; j++) {
              float z = act[g0 + h + j], nn = act[n0 + j];
              hNew[s0 + j] = (1f - z) * nn + z * hPrev[s0 + j];
            }
          }
        });
  }

  /**
   * The GRU step's backward: from {@code dh} (N, H) w.r.t. h', the saved [r ‖ z ‖ n], gh and the
   * old state, writes the gradients of the pre-activations {@code dgx} (N, 3H) and {@code dgh} (N,
   * 3H) (they differ in the n part, r ⊙ dn against dn) and the direct part of dh (N, H), z ⊙ dh'.
   */
  public static void gruBackward(
      float[] dh,
      float[] act,
      float[] gh,
      float[] hPrev,
      int n,
      int h,
      float[] dgx,
      float[] dgh,
      float[] dhDirect) {
    Parallel.forRange(
        n,
        8,
        (from, to) -> {
          int bound = S.loopBound(h);
          FloatVector one = FloatVector.broadcast(S, 1f);
          for (int b = from; b < to; b++) {
            int g0 = b * 3 * h, s0 = b * h;
            int j = 0;
            for (; j < bound; j += L) {
              FloatVector r = FloatVector.fromArray(S, act, g0 + j),
                  z = FloatVector.fromArray(S, act, g0 + h + j);
              FloatVector nn = FloatVector.fromArray(S, act, g0 + 2 * h + j),
                  d = FloatVector.fromArray(S, dh, s0 + j);
              FloatVector hp = FloatVector.fromArray(S, hPrev, s0 + j);
              FloatVector dnPre = d.mul(one.sub(z)).mul(one.sub(nn.mul(nn)));
              FloatVector drPre =
                  dnPre.mul(FloatVector.fromArray(S, gh, g0 + 2 * h + j)).mul(r).mul(one.sub(r));
              FloatVector dzPre = d.mul(hp.sub(nn)).mul(z).mul(one.sub(z));
              drPre.intoArray(dgx, g0 + j);
              drPre.intoArray(dgh, g0 + j);
              dzPre.intoArray(dgx, g0 + h + j);
              dzPre.intoArray(dgh, g0 + h + j);
              dnPre.intoArray(dgx, g0 + 2 * h + j);
              dnPre.mul(r).intoArray(dgh, g0 + 2 * h + j);
              d.mul(z).intoArray(dhDirect, s0 + j);
            }
            for (; j < h; j++) {
              float r = act[g0 + j],
                  z = act[g0 + h + j],
                  nn = act[g0 + 2 * h + j],
                  d = dh[s0 + j],
                  hp = hPrev[s0 + j];
              float dnPre = d * (1 - z) * (1 - nn * nn);
              float drPre = dnPre * gh[g0 + 2 * h + j] * r * (1 - r);
              float dzPre = d * (hp - nn) * z * (1 - z);
              dgx[g0 + j] = drPre;
              dgh[g0 + j] = drPre;
              dgx[g0 + h + j] = dzPre;
              dgh[g0 + h + j] = dzPre;
              dgx[g0 + 2 * h + j] = dnPre;
              dgh[g0 + 2 * h + j] = dnPre * r;
              dhDirect[s0 + j] = d * z;
            }
          }
        });
  }

  /**
   * The plain RNN step's nonlinearity, in place: {@code x[off, off + len)} becomes tanh(x), or
   * max(x, 0) when {@code relu}.
   */
  public static void rnnForward(float[] x, int off, int len, boolean relu) {
    if (relu) Elementwise.unary(Elementwise.Unary.RELU, x, off, x, off, len);
    else tanhs(x, off, x, off, len);
  }

  /**
   * The plain RNN step's backward from the step's output {@code h}: {@code dPre = dh ⊙ (1 − h²)}
   * for tanh, {@code dh} where h &gt; 0 and 0 elsewhere for ReLU, over {@code len} elements.
   */
  public static void rnnBackward(
      float[] dh, int dhOff, float[] h, int hOff, int len, boolean relu, float[] dPre, int dOff) {
    if (relu) {
      Elementwise.reluBackward(dPre, dOff, dh, dhOff, h, hOff, len);
      return;
    }
    int j = 0, bound = S.loopBound(len);
    FloatVector one = FloatVector.broadcast(S, 1f);
    for (; j < bound; j += L) {
      FloatVector y = FloatVector.fromArray(S, h, hOff + j);
      FloatVector.fromArray(S, dh, dhOff + j).mul(one.sub(y.mul(y))).intoArray(dPre, dOff + j);
    }
    for (; j < len; j++) dPre[dOff + j] = dh[dhOff + j] * (1 - h[hOff + j] * h[hOff + j]);
  }
}
