package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CompareParamsCommandTest {
  private static String n(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  private static long linear(int in, int out) {
    return (long) in * out + out;
  }

  private static long conv(int in, int out, int k) {
    return (long) out * in * k * k + out;
  }

  @Test
  void countsFollowTheFormulasAndWeightSharingIsExplained() {
    CliRun r =
        CliRun.of(
            "compare-params",
            "--dense",
            "../examples/specs/mlp-fashion.json",
            "--cnn",
            "../examples/specs/cnn-small-fashion.json");
    assertThat(r.code()).as(r.err()).isZero();
    String out = r.out();
    assertThat(out)
        .contains(n(linear(784, 256)) + "  = 256·784 + 256")
        .contains(n(linear(256, 128)) + "  = 128·256 + 128")
        .contains(n(linear(128, 10)) + "  = 10·128 + 10");
    assertThat(out)
        .contains("   " + n(conv(1, 16, 3)) + "  = 16·1·3·3 + 16")
        .contains(n(conv(16, 32, 3)) + "  = 32·16·3·3 + 32")
        .contains(n(conv(32, 32, 3)) + "  = 32·32·3·3 + 32")
        .contains(n(linear(288, 10)) + "  = 10·288 + 10");
    long dense = linear(784, 256) + linear(256, 128) + linear(128, 10);
    long cnn = conv(1, 16, 3) + conv(16, 32, 3) + conv(32, 32, 3) + linear(288, 10);
    assertThat(out)
        .contains("total " + n(dense) + " parameters")
        .contains("total " + n(cnn) + " parameters")
        .contains(
            String.format(
                Locale.ROOT,
                "The CNN has %.1f times fewer parameters than the dense network.",
                (double) dense / cnn));
    // The first convolution: 16 maps of 28 × 28 from 784 inputs; a dense layer doing the same needs
    // 784 weights per feature and a bias.
    assertThat(out)
        .contains("weight sharing")
        .contains("16 feature maps of 28 × 28 = 12,544 features with 160 parameters")
        .contains("slid over all 784 positions")
        .contains(
            "784·12,544 + 12,544 = "
                + n(linear(784, 16 * 28 * 28))
                + " parameters, 785 per feature");
    assertThat(out).doesNotContain("accuracy");
    assertThat(out.lines())
        .as("fits a 100-column terminal, give or take a word")
        .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(102));
  }

  @Test
  void trainingBothGivesTheirAccuracies() {
    assumeTrue(
        dev.dendrite.data.FashionMnist.find() != null, "dataset-fashion-mnist is not installed");
    CliRun r =
        CliRun.of(
            "compare-params",
            "--dense",
            "../examples/specs/mlp-fashion.json",
            "--cnn",
            "../examples/specs/cnn-small-fashion.json",
            "--train-epochs",
            "2",
            "--limit",
            "1500");
    assertThat(r.code()).as(r.err()).isZero();
    Matcher m =
        Pattern.compile("(dense|CNN) +test accuracy ([0-9.]+)% on 1,500 images").matcher(r.out());
    int found = 0;
    while (m.find()) {
      assertThat(Double.parseDouble(m.group(2)))
          .as(m.group())
          .isGreaterThan(40.0); // 10 classes: chance is 10 %
      found++;
    }
    assertThat(found).as(r.out()).isEqualTo(2);
  }
}
