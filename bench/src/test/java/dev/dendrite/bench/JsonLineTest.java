package dev.dendrite.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.kernels.CpuInfo;
import org.junit.jupiter.api.Test;

class JsonLineTest {
  @Test
  void parsesWhatThePeersPrint() {
    String python =
        "{\"bench\": \"mlp\", \"impl\": \"pytorch-1.13.0a0\", \"batch\": 64, \"threads\": 1,"
            + " \"train_samples_per_s\": 14774.9, \"train_steady_samples_per_s\": null,"
            + " \"test_loss\": 0.04166032406687736, \"pseudo_likelihood\": -301.2912,"
            + " \"big\": 1.5e+05, \"ok\": true, \"cpu\": \"Intel(R) Xeon(R) \\\"X\\\" \\u00e9\"}";
    JsonLine l = JsonLine.parse(python);
    assertThat(l.get("bench")).isEqualTo("mlp");
    assertThat(l.get("batch")).isEqualTo(64L);
    assertThat(l.number("train_samples_per_s")).isEqualTo(14774.9);
    assertThat(l.has("train_steady_samples_per_s")).isFalse();
    assertThat(l.number("train_steady_samples_per_s")).isNaN();
    assertThat(l.number("pseudo_likelihood")).isEqualTo(-301.2912);
    assertThat(l.number("big")).isEqualTo(150_000.0);
    assertThat(l.get("ok")).isEqualTo(true);
    assertThat(l.number("absent")).isNaN();
    assertThat(l.number("bench")).isNaN();
    assertThat(l.text("cpu")).isEqualTo("Intel(R) Xeon(R) \"X\" é");
  }

  @Test
  void printsOneLineThatParsesBack() {
    JsonLine l =
        new JsonLine()
            .put("bench", "cnn")
            .put("batch", 64)
            .put("rate", 2345.678)
            .put("big", 181_734.5)
            .put("small", 0.0427049)
            .put("steady", Double.NaN)
            .put("name", "a \"b\" \\ c")
            .put("cpu", "Some CPU");
    String text = l.toString();
    assertThat(text)
        .isEqualTo(
            "{\"bench\": \"cnn\", \"batch\": 64, \"rate\": 2346, \"big\": 181700,"
                + " \"small\": 0.04270, \"steady\": null,"
                + " \"name\": \"a \\\"b\\\" \\\\ c\", \"cpu\": \"Some CPU\"}");
    JsonLine back = JsonLine.parse(text);
    assertThat(back.text("name")).isEqualTo("a \"b\" \\ c");
    assertThat(back.number("rate")).isEqualTo(2346.0);
    assertThat(back.has("steady")).isFalse();
  }

  @Test
  void aLineWithoutACpuNamesThisMachinesCpu() {
    String text = new JsonLine().put("bench", "mlp").toString();
    assertThat(JsonLine.parse(text).text("cpu")).isEqualTo(CpuInfo.current().model());
  }

  @Test
  void emptyAndMalformedObjects() {
    assertThat(JsonLine.parse(" {} ").has("x")).isFalse();
    assertThatThrownBy(() -> JsonLine.parse("{\"a\": 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a flat JSON object");
    assertThatThrownBy(() -> JsonLine.parse("{\"a\": 1} trailing"))
        .hasMessageContaining("text after the object");
    assertThatThrownBy(() -> JsonLine.parse("Traceback (most recent call last):"))
        .hasMessageContaining("Traceback");
    assertThatThrownBy(() -> JsonLine.parse("{\"a\": [1, 2]}")).hasMessageContaining("no value");
  }
}
