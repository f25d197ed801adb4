package dev.dendrite.nn.conv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.autograd.GradCheck;
import dev.dendrite.io.Json;
import dev.dendrite.io.ModelSpec;
import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PyTorch's tuple options — per-axis kernel, stride, padding and dilation — for Conv2d, MaxPool2d
 * and AvgPool2d, and AvgPool2d's count_include_pad=False: values against direct loops here,
 * gradients against finite differences, specs written and read back. (PyTorch's own numbers for
 * them are in the conformance suite.)
 */
class PerAxisOptionsTest {
  static Module build(String json) {
    return ModelSpec.build(Json.parse(json), new Rng(5));
  }

  /** Max or mean over each window, by definition, for x (1, 1, H, W). */
  static float[] reference(
      float[] x, int h, int w, int[] k, int[] s, int[] p, int[] d, boolean max, boolean incl) {
    int ho = (h + 2 * p[0] - d[0] * (k[0] - 1) - 1) / s[0] + 1;
    int wo = (w + 2 * p[1] - d[1] * (k[1] - 1) - 1) / s[1] + 1;
    float[] out = new float[ho * wo];
    for (int oy = 0; oy < ho; oy++)
      for (int ox = 0; ox < wo; ox++) {
        double acc = max ? Double.NEGATIVE_INFINITY : 0;
        int n = 0;
        for (int i = 0; i < k[0]; i++)
          for (int j = 0; j < k[1]; j++) {
            int y = oy * s[0] - p[0] + i * d[0], xx = ox * s[1] - p[1] + j * d[1];
            if (y < 0 || y >= h || xx < 0 || xx >= w) continue;
            acc = max ? Math.max(acc, x[y * w + xx]) : acc + x[y * w + xx];
            n++;
          }
        out[oy * wo + ox] = (float) (max ? acc : acc / (incl ? k[0] * k[1] : n));
      }
    return out;
  }

  @Test
  void maxPoolWithPerAxisWindowsAndDilation() {
    Tensor x = Tensor.randn(new Rng(1), 1, 1, 7, 8);
    Module m =
        build(
            "{\"type\": \"MaxPool2d\", \"kernel\": [2, 3], \"stride\": [2, 1], \"padding\": [1, 1],"
                + " \"dilation\": [2, 1]}");
    float[] want =
        reference(
            x.toArray(),
            7,
            8,
            new int[] {2, 3},
            new int[] {2, 1},
            new int[] {1, 1},
            new int[] {2, 1},
            true,
            true);
    assertThat(m.forward(x).toArray()).containsExactly(want);
    assertThat(m.spec())
        .containsEntry("kernel", List.of(2, 3))
        .containsEntry("dilation", List.of(2, 1));
    assertThat(build(Json.write(m.spec())).forward(x).toArray()).containsExactly(want);
  }

  @Test
  void avgPoolWithPerAxisWindowsWithAndWithoutThePaddingInTheDivisor() {
    Tensor x = Tensor.randn(new Rng(2), 1, 1, 6, 9);
    int[] k = {2, 4}, s = {1, 3}, p = {1, 2}, one = {1, 1};
    for (boolean incl : new boolean[] {true, false}) {
      AvgPool2d m = new AvgPool2d(k, s, p, incl);
      float[] want = reference(x.toArray(), 6, 9, k, s, p, one, false, incl);
      assertThat(m.forward(x).toArray()).containsExactly(want, within(1e-6f));
      Module back = build(Json.write(m.spec()));
      assertThat(back.forward(x).toArray()).containsExactly(want, within(1e-6f));
      GradCheck.Result r = GradCheck.check(t -> m.forward(t[0]), x.requiresGrad(true));
      assertThat(r.passed()).as(r.failure()).isTrue();
    }
  }

  @Test
  void conv2dWithPerAxisStridePaddingAndDilation() {
    Conv2d c =
        new Conv2d(
            2,
            3,
            new int[] {2, 3},
            new int[] {1, 2},
            new int[] {2, 1},
            new int[] {2, 1},
            1,
            true,
            new Rng(3));
    Tensor x = Tensor.randn(new Rng(4), 2, 2, 5, 7);
    // H: (5 + 4 − 2 − 1)/1 + 1 = 7; W: (7 + 2 − 2 − 1)/2 + 1 = 4
    assertThat(c.forward(x).shape()).containsExactly(2, 3, 7, 4);
    assertThat(c.spec())
        .containsEntry("kernel", List.of(2, 3))
        .containsEntry("stride", List.of(1, 2))
        .containsEntry("padding", List.of(2, 1))
        .containsEntry("dilation", List.of(2, 1));
    Module back = build(Json.write(c.spec()));
    assertThat(back.outputShape(new int[] {2, 2, 5, 7})).containsExactly(2, 3, 7, 4);
    GradCheck.Result r =
        GradCheck.check(
            GradCheck.Options.defaults().withTolerance(2e-2, 2e-2),
            t -> c.forward(t[0]),
            x.requiresGrad(true),
            c.weight());
    assertThat(r.passed()).as(r.failure()).isTrue();
  }

  @Test
  void squareOptionsAreStillWrittenAsIntegers() {
    assertThat(new MaxPool2d(2).spec()).containsEntry("kernel", 2).doesNotContainKey("dilation");
    assertThat(new Conv2d(1, 1, 3, 1, 1, new Rng(1)).spec()).containsEntry("stride", 1);
  }

  @Test
  void paddingModesFillThePaddingFromTheInput() {
    // A 1×1 kernel of weight 1 and no bias shows the padded input itself.
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 1, 2, 3);
    float[][] want = {
      {2, 1, 2, 3, 2, 5, 4, 5, 6, 5}, // reflect, padding (0, 1)
      {1, 1, 2, 3, 3, 4, 4, 5, 6, 6}, // replicate
      {3, 1, 2, 3, 1, 6, 4, 5, 6, 4} // circular
    };
    PaddingMode[] modes = {PaddingMode.REFLECT, PaddingMode.REPLICATE, PaddingMode.CIRCULAR};
    for (int m = 0; m < modes.length; m++) {
      Conv2d c =
          new Conv2d(
              1,
              1,
              new int[] {1, 1},
              new int[] {1, 1},
              new int[] {0, 1},
              new int[] {1, 1},
              1,
              false,
              modes[m],
              new Rng(1));
      try (var off = dev.dendrite.autograd.Grad.disabled()) {
        c.weight().fill(1f);
      }
      assertThat(c.forward(x).toArray()).as(modes[m].specName()).containsExactly(want[m]);
      assertThat(build(Json.write(c.spec())).toString()).contains(modes[m].specName());
    }
    assertThatThrownBy(
            () ->
                build(
                    "{\"type\": \"Conv2d\", \"in\": 1, \"out\": 1, \"kernel\": 3,"
                        + " \"paddingMode\": \"mirror\"}"))
        .hasMessageContaining("model (Conv2d): unknown padding mode \"mirror\"");
    assertThatThrownBy(
            () ->
                build(
                    "{\"type\": \"Conv1d\", \"in\": 1, \"out\": 1, \"kernel\": 3,"
                        + " \"padding\": \"same\", \"paddingMode\": \"reflect\"}"))
        .hasMessageContaining(
            "model (Conv1d): \"padding\": \"same\" takes padding mode zeros only");
  }
}
