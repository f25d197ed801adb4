package dev.dendrite.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void parsesEveryKindOfValue() {
    Object v =
        Json.parse(
            " {\"a\": [1, -2.5e1, true, false, null], \"s\": \"q\\\"\\n\\u00e9\", \"o\": {}} ");
    assertThat(v)
        .isEqualTo(
            new LinkedHashMap<>(
                Map.of(
                    "a",
                    java.util.Arrays.asList(1L, -25.0, true, false, null),
                    "s",
                    "q\"\né",
                    "o",
                    Map.of())));
  }

  @Test
  void writesWhatItReads() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("layers", List.of(Map.of("type", "Linear", "in", 784L), Map.of("type", "ReLU")));
    m.put("lr", 0.1);
    m.put("name", "a \"b\"\t");
    assertThat(Json.parse(Json.write(m))).isEqualTo(m);
    assertThat(Json.parse(Json.pretty(m))).isEqualTo(m);
  }

  @Test
  void malformedTextNamesTheOffset() {
    assertThatThrownBy(() -> Json.parse("{\"a\": [1, 2}")).hasMessageContaining("offset 11");
    assertThatThrownBy(() -> Json.parse("{\"a\": 1, \"a\": 2}")).hasMessageContaining("duplicate");
    assertThatThrownBy(() -> Json.parse("[".repeat(10_000))).hasMessageContaining("nesting");
    assertThatThrownBy(() -> Json.parse("1 2")).hasMessageContaining("after the value");
  }
}
