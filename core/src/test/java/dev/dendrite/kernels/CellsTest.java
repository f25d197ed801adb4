package dev.dendrite.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fused LSTM step against the textbook formulas element by element, at a hidden size with two
 * vector blocks and a scalar tail: the vector loop and the tail must give the same bits.
 */
class CellsTest {
  static final int N = 3, H = 37;

  static float sig(float x) {
    return 1f / (1f + Vmath.exp(-x));
  }

  static float tanh(float x) {
    float e = Vmath.exp(-2f * Math.abs(x));
    float t = (1f - e) / (1f + e);
    return x < 0 ? -t : t;
  }

  static float[] rnd(SplittableRandom r, int n, double scale) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) a[i] = (float) (r.nextDouble(-1, 1) * scale);
    return a;
  }

  @Test
  void vectorBlocksAndTailGiveTheFormulasBitForBit() {
    SplittableRandom r = new SplittableRandom(3);
    float[] gates = rnd(r, N * 4 * H, 4),
        c = rnd(r, N * H, 2),
        hc = new float[N * 2 * H],
        act = new float[N * 4 * H];
    Gates.lstmForward(gates, c, N, H, hc, act);
    float[] dhc = rnd(r, N * 2 * H, 1), dGates = new float[N * 4 * H], dc = new float[N * H];
    Gates.lstmBackward(dhc, act, c, hc, N, H, dGates, dc);
    for (int b = 0; b < N; b++) {
      for (int j = 0; j < H; j++) {
        int g0 = b * 4 * H, s0 = b * H, o0 = b * 2 * H;
        float i = sig(gates[g0 + j]),
            f = sig(gates[g0 + H + j]),
            g = tanh(gates[g0 + 2 * H + j]),
            o = sig(gates[g0 + 3 * H + j]);
        float cn = f * c[s0 + j] + i * g;
        String at = "row " + b + " unit " + j;
        assertThat(hc[o0 + H + j]).as("c' " + at).isEqualTo(cn);
        assertThat(hc[o0 + j]).as("h' " + at).isEqualTo(o * tanh(cn));
        assertThat(act[g0 + 3 * H + j]).as("o " + at).isEqualTo(o);
        float tc = tanh(cn), dh = dhc[o0 + j];
        float dct = dhc[o0 + H + j] + dh * o * (1 - tc * tc);
        assertThat(dGates[g0 + j]).as("di " + at).isEqualTo(dct * g * i * (1 - i));
        assertThat(dGates[g0 + H + j]).as("df " + at).isEqualTo(dct * c[s0 + j] * f * (1 - f));
        assertThat(dGates[g0 + 2 * H + j]).as("dg " + at).isEqualTo(dct * i * (1 - g * g));
        assertThat(dGates[g0 + 3 * H + j]).as("do " + at).isEqualTo(dh * tc * o * (1 - o));
        assertThat(dc[s0 + j]).as("dc " + at).isEqualTo(dct * f);
      }
    }
    // And the values are the real functions, to float accuracy.
    assertThat((double) act[0])
        .isCloseTo(1 / (1 + Math.exp(-gates[0])), org.assertj.core.data.Offset.offset(1e-6));
    assertThat((double) act[2 * H])
        .isCloseTo(Math.tanh(gates[2 * H]), org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void gruBlocksAndTailGiveTheFormulasBitForBit() {
    SplittableRandom r = new SplittableRandom(4);
    float[] gx = rnd(r, N * 3 * H, 3),
        gh = rnd(r, N * 3 * H, 3),
        hp = rnd(r, N * H, 1),
        hNew = new float[N * H],
        act = new float[N * 3 * H];
    Gates.gruForward(gx, gh, hp, N, H, hNew, act);
    float[] dh = rnd(r, N * H, 1),
        dgx = new float[N * 3 * H],
        dgh = new float[N * 3 * H],
        dhDirect = new float[N * H];
    Gates.gruBackward(dh, act, gh, hp, N, H, dgx, dgh, dhDirect);
    for (int b = 0; b < N; b++) {
      for (int j = 0; j < H; j++) {
        int g0 = b * 3 * H, s0 = b * H;
        String at = "row " + b + " unit " + j;
        float rr = sig(gx[g0 + j] + gh[g0 + j]), z = sig(gx[g0 + H + j] + gh[g0 + H + j]);
        float nn = tanh(gx[g0 + 2 * H + j] + rr * gh[g0 + 2 * H + j]);
        assertThat(hNew[s0 + j]).as("h' " + at).isEqualTo((1f - z) * nn + z * hp[s0 + j]);
        float d = dh[s0 + j], dnPre = d * (1 - z) * (1 - nn * nn);
        float drPre = dnPre * gh[g0 + 2 * H + j] * rr * (1 - rr),
            dzPre = d * (hp[s0 + j] - nn) * z * (1 - z);
        assertThat(dgx[g0 + j]).as("dr " + at).isEqualTo(drPre);
        assertThat(dgh[g0 + H + j]).as("dz " + at).isEqualTo(dzPre);
        assertThat(dgx[g0 + 2 * H + j]).as("dn x " + at).isEqualTo(dnPre);
        assertThat(dgh[g0 + 2 * H + j]).as("dn h " + at).isEqualTo(dnPre * rr);
        assertThat(dhDirect[s0 + j]).as("dh direct " + at).isEqualTo(d * z);
      }
    }
  }
}
