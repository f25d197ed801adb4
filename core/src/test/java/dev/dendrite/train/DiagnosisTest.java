package dev.dendrite.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiagnosisTest {
  /** Synthetic curves: epoch e (1-based) of each figure. */
  interface Curve {
    double at(int e);
  }

  static List<Map<String, Double>> curves(int n, Curve loss, Curve acc, Curve vloss, Curve vacc) {
    List<Map<String, Double>> h = new ArrayList<>();
    for (int e = 1; e <= n; e++)
      h.add(
          Map.of(
              "loss",
              loss.at(e),
              "accuracy",
              acc.at(e),
              "val_loss",
              vloss.at(e),
              "val_accuracy",
              vacc.at(e)));
    return h;
  }

  @Test
  void aWideningGapWithARisingValidationLossIsOverfitting() {
    // Train loss falls to ~0; val loss bottoms at epoch 8 then climbs (0.3 + 0.01·(e−8)²).
    var h =
        curves(
            20,
            e -> Math.exp(-0.3 * e),
            e -> Math.min(1.0, 0.6 + 0.03 * e),
            e -> 0.3 + 0.01 * (e - 8) * (e - 8),
            e -> 0.88);
    Diagnosis d = Diagnosis.of(h, 10);
    assertThat(d.verdict()).isEqualTo(Diagnosis.Verdict.OVERFITTING);
    assertThat(d.figures().accuracyGap()).isCloseTo(0.12, within(1e-9));
    assertThat(d.figures().bestEpoch()).isEqualTo(8);
    assertThat(d.figures().valLossRise()).isCloseTo(1.44 / 0.3, within(1e-9));
    // slope over epochs 16..20 of 0.3+0.01(e-8)^2: d/de = 0.02(e−8), mean 0.02·10 = 0.2 per epoch
    double mean = 0;
    for (int e = 16; e <= 20; e++) mean += (0.3 + 0.01 * (e - 8) * (e - 8)) / 5;
    assertThat(d.figures().valLossSlope()).isCloseTo(0.2 / mean, within(1e-9));
    assertThat(d.remedies()).anyMatch(r -> r.contains("dropout"));
    assertThat(d.remedies()).anyMatch(r -> r.contains("early stopping"));
    assertThat(d.report()).contains("overfitting").contains("12.0 points");
  }

  @Test
  void aSmallGapNeedsTheValidationLossToRise() {
    // gap 6 points, val loss flat: not overfitting (below largeGap 10, no rise)
    var flat = curves(10, e -> 0.2, e -> 0.96, e -> 0.3, e -> 0.90);
    assertThat(Diagnosis.of(flat, 3).verdict()).isEqualTo(Diagnosis.Verdict.NEITHER);
    // same gap, val loss 10% above its minimum at the end: overfitting
    var rising = curves(10, e -> 0.2, e -> 0.96, e -> e < 6 ? 0.3 : 0.33, e -> 0.90);
    assertThat(Diagnosis.of(rising, 3).verdict()).isEqualTo(Diagnosis.Verdict.OVERFITTING);
    // a 4% rise is below the 5% threshold
    var small = curves(10, e -> 0.2, e -> 0.96, e -> e < 6 ? 0.3 : 0.312, e -> 0.90);
    assertThat(Diagnosis.of(small, 3).verdict()).isEqualTo(Diagnosis.Verdict.NEITHER);
  }

  @Test
  void lowTrainingAccuracyIsUnderfittingAndSuggestsALongerRunWhileLossFalls() {
    // 10 classes, chance 10%; train acc 55% → skill 0.5 < 0.8; train and val close
    var h = curves(6, e -> 2.0 - 0.1 * e, e -> 0.55, e -> 2.05 - 0.1 * e, e -> 0.54);
    Diagnosis d = Diagnosis.of(h, 10);
    assertThat(d.verdict()).isEqualTo(Diagnosis.Verdict.UNDERFITTING);
    assertThat(d.figures().skill()).isCloseTo(0.5, within(1e-9));
    assertThat(d.remedies()).anyMatch(r -> r.contains("more capacity"));
    assertThat(d.remedies()).anyMatch(r -> r.contains("learning rate"));
    assertThat(d.remedies()).anyMatch(r -> r.contains("longer run (train loss still falls"));
    // 85% on 2 classes: skill 0.7, underfitting; 92%: skill 0.84, not
    assertThat(Diagnosis.of(curves(3, e -> 0.3, e -> 0.85, e -> 0.3, e -> 0.85), 2).verdict())
        .isEqualTo(Diagnosis.Verdict.UNDERFITTING);
    assertThat(Diagnosis.of(curves(3, e -> 0.3, e -> 0.92, e -> 0.3, e -> 0.92), 2).verdict())
        .isEqualTo(Diagnosis.Verdict.NEITHER);
  }

  @Test
  void withoutValidationOnlyUnderfittingCanBeJudgedAndItSaysSo() {
    List<Map<String, Double>> h = List.of(Map.of("loss", 0.1, "accuracy", 0.99));
    Diagnosis d = Diagnosis.of(h, 3);
    assertThat(d.verdict()).isEqualTo(Diagnosis.Verdict.NEITHER);
    assertThat(d.reasons()).anyMatch(r -> r.contains("overfitting cannot be judged"));
    assertThat(Diagnosis.of(List.of(), 3).verdict()).isEqualTo(Diagnosis.Verdict.UNKNOWN);
  }

  @Test
  void relativeSlopeIsTheLeastSquaresSlopeOverTheMean() {
    double[] y = {9, 1, 2, 3, 4, 5};
    assertThat(Diagnosis.relativeSlope(y, 5)).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(Diagnosis.relativeSlope(y, 1)).isNaN();
  }
}
