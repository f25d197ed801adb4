package dev.dendrite.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dendrite.nn.Module;
import dev.dendrite.nn.activation.Heaviside;
import dev.dendrite.nn.conv.AvgPool2d;
import dev.dendrite.nn.conv.MaxPool2d;
import dev.dendrite.tensor.Rng;
import org.junit.jupiter.api.Test;

/** Specs written before a layer was renamed still build it. */
class SpecTypeNamesTest {
  @Test
  void theHeavisideStepReadsItsOldName() {
    Module m = ModelSpec.parse("{\"type\": \"Step\"}", new Rng(0));
    assertThat(m).isInstanceOf(Heaviside.class);
    assertThat(ModelSpec.build(m.spec(), new Rng(0))).isInstanceOf(Heaviside.class);
  }

  @Test
  void poolsKeepTheirTypeNames() {
    Module max = ModelSpec.parse("{\"type\": \"MaxPool2d\", \"kernel\": 2}", new Rng(0));
    Module avg =
        ModelSpec.parse(
            "{\"type\": \"AvgPool2d\", \"kernel\": 3, \"stride\": 1, \"padding\": 1}", new Rng(0));
    assertThat(max).isInstanceOf(MaxPool2d.class);
    assertThat(avg).isInstanceOf(AvgPool2d.class);
    assertThat(avg.spec())
        .containsEntry("type", "AvgPool2d")
        .containsEntry("kernel", 3)
        .containsEntry("padding", 1);
  }
}
