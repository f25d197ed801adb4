package dev.dendrite.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTableTest {
  private static final String OWN =
      "{\"bench\": \"mlp\", \"impl\": \"dendrite\", \"config\": \"threads=2\", \"batch\": 64,"
          + " \"train_samples_per_s\": 30700, \"train_steady_samples_per_s\": 34200,"
          + " \"infer_samples_per_s\": 75000, \"infer_b1000_samples_per_s\": 120000,"
          + " \"peak_rss_mb\": 1309, \"cpu\": \"Xeon\"}";

  private static String peer(String config, double train, double infer, double rss) {
    return "{\"bench\": \"mlp\", \"impl\": \"pytorch-1.13.0a0\", \"train_samples_per_s\": "
        + train
        + ", \"train_steady_samples_per_s\": null, \"infer_samples_per_s\": "
        + infer
        + ", \"infer_b1000_samples_per_s\": 250000.0, \"peak_rss_mb\": "
        + rss
        + ", \"peer\": \"pytorch\", \"config\": \""
        + config
        + "\"}";
  }

  @Test
  void oneWorkloadGivesDendriteThePeersBestAndTheRatios() {
    List<JsonLine> lines =
        List.of(
            JsonLine.parse(OWN),
            JsonLine.parse(peer("torch=2,openblas=2", 10000, 201000, 470)),
            JsonLine.parse(peer("torch=1,openblas=1", 37200, 90000, 458)),
            JsonLine.parse(
                "{\"bench\": \"mlp\", \"impl\": \"ratio\", \"peer\": \"pytorch\","
                    + " \"train_ratio\": 0.825}"));
    MarkdownTable t = new MarkdownTable();
    t.add("mlp, 1 epoch", lines);
    t.add("cnn, 1 epoch", List.of());
    assertThat(t.render(64))
        .isEqualTo(
            MarkdownTable.header(64)
                + "\n| mlp, 1 epoch | Dendrite (threads=2) | 30.7 k/s | 34.2 k/s | 75.0 k/s"
                + " | 120.0 k/s | 1,309 MB |\n"
                + "| | pytorch-1.13.0a0, best setting | 37.2 k/s (torch=1,openblas=1) | —"
                + " | 201.0 k/s (torch=2,openblas=2) | 250.0 k/s (torch=2,openblas=2)"
                + " | 458 MB (torch=1,openblas=1) |\n"
                + "| | Dendrite / pytorch-1.13.0a0 | **0.83** | — | **0.37** | **0.48**"
                + " | **2.86** |\n"
                + "| cnn, 1 epoch | (no result) | — | — | — | — | — |\n");
  }

  @Test
  void headerNamesTheTrainingBatch() {
    assertThat(MarkdownTable.header(32)).contains("inference, batch 32 |");
  }

  @Test
  void valuesAreRatesOrMegabytes() {
    Ratios.Measure rate = Ratios.TRAINING.get(0), rss = Ratios.TRAINING.get(4);
    assertThat(MarkdownTable.value(rate, 812.4)).isEqualTo("812 /s");
    assertThat(MarkdownTable.value(rate, 2345.6)).isEqualTo("2.3 k/s");
    assertThat(MarkdownTable.value(rss, 457.2)).isEqualTo("457 MB");
    assertThat(MarkdownTable.value(rate, Double.NaN)).isEqualTo("—");
  }
}
