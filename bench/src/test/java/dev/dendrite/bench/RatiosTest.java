package dev.dendrite.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RatiosTest {
  private static JsonLine peer(
      String config, double train, double steady, double infer, double rss) {
    return new JsonLine()
        .put("bench", "mlp")
        .put("impl", "pytorch-1.13")
        .put("peer", "pytorch")
        .put("config", config)
        .put("train_samples_per_s", train)
        .put("train_steady_samples_per_s", steady)
        .put("infer_samples_per_s", infer)
        .put("peak_rss_mb", rss);
  }

  private final List<JsonLine> peers =
      List.of(
          peer("torch=2,openblas=2", 9_000, Double.NaN, 201_000, 470),
          peer("torch=2,openblas=1", 30_000, 31_000, 150_000, 460),
          peer("torch=1,openblas=1", 37_000, 38_000, 90_000, 458));

  @Test
  void eachMeasureTakesThePeersBestSettingForIt() {
    assertThat(Ratios.best(peers, Ratios.TRAINING.get(0)).text("config"))
        .isEqualTo("torch=1,openblas=1");
    assertThat(Ratios.best(peers, Ratios.TRAINING.get(2)).text("config"))
        .isEqualTo("torch=2,openblas=2");
    // memory: the smallest is the best
    assertThat(Ratios.best(peers, Ratios.TRAINING.get(4)).text("config"))
        .isEqualTo("torch=1,openblas=1");
    // a setting without the figure (null steady state) is passed over, not counted as 0
    assertThat(Ratios.best(peers, Ratios.TRAINING.get(1)).number("train_steady_samples_per_s"))
        .isEqualTo(38_000);
    // no setting has inference at batch 1,000
    assertThat(Ratios.best(peers, Ratios.TRAINING.get(3))).isNull();
  }

  @Test
  void theRatioLineIsAgainstTheBestOfEachMeasure() {
    JsonLine own =
        new JsonLine()
            .put("bench", "mlp")
            .put("impl", "dendrite")
            .put("batch", 64)
            .put("threads", 2)
            .put("train_samples_per_s", 55_500.0)
            .put("train_steady_samples_per_s", 76_000.0)
            .put("infer_samples_per_s", 301_500.0)
            .put("infer_b1000_samples_per_s", 400_000.0)
            .put("peak_rss_mb", 366.4);
    JsonLine r = Ratios.line(own, "pytorch", peers, Ratios.TRAINING);
    assertThat(r.get("impl")).isEqualTo("ratio");
    assertThat(r.get("peer")).isEqualTo("pytorch");
    assertThat(r.get("batch")).isEqualTo(64);
    assertThat(r.number("train_ratio")).isEqualTo(1.5);
    assertThat(r.text("train_config")).isEqualTo("torch=1,openblas=1");
    assertThat(r.number("train_steady_ratio")).isEqualTo(2.0);
    assertThat(r.number("infer_ratio")).isEqualTo(1.5);
    assertThat(r.number("infer_peer")).isEqualTo(201_000);
    assertThat(r.text("infer_config")).isEqualTo("torch=2,openblas=2");
    assertThat(r.number("peak_rss_ratio")).isCloseTo(0.8, within(1e-12));
    assertThat(r.has("infer_b1000_ratio")).isFalse();
  }
}
