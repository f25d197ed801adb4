package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.io.Json;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import} of PyTorch weights into a spec, and {@code train --init --freeze}. */
class ImportCommandTest {
  static final Path WEIGHTS = Path.of("../core/src/test/resources/golden/mlp.safetensors");

  static Path spec(Path dir, int hidden) throws Exception {
    Path s = dir.resolve("mlp" + hidden + ".json");
    Files.writeString(
        s,
        "{\"model\": {\"type\": \"Sequential\", \"layers\": [{\"type\": \"Linear\", \"in\": 4,"
            + " \"out\": "
            + hidden
            + "}, {\"type\": \"ReLU\"}, {\"type\": \"Linear\", \"in\": "
            + hidden
            + ", \"out\": 2}]}}");
    return s;
  }

  @Test
  void importsATorchMlpAndReproducesItsOutput(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("m.dnd");
    CliRun r =
        CliRun.of(
            "import",
            "--weights",
            WEIGHTS.toString(),
            "--spec",
            spec(dir, 3).toString(),
            "--output",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("loaded 4 tensors")
        .contains("unexpected keys (ignored): extra.double, extra.steps, extra.half");
    var io =
        (java.util.Map<?, ?>)
            Json.parse(Files.readString(Path.of("../core/src/test/resources/golden/mlp_io.json")));
    var xs = (java.util.List<?>) io.get("x");
    var ys = (java.util.List<?>) io.get("y");
    float[] x = new float[20];
    for (int i = 0; i < 20; i++) x[i] = ((Number) xs.get(i)).floatValue();
    Module m = ModelArchive.load(out);
    float[] y = m.forward(Tensor.of(x, 5, 4)).toArray();
    for (int i = 0; i < 10; i++)
      assertThat(y[i]).isCloseTo(((Number) ys.get(i)).floatValue(), within(1e-5f));
  }

  @Test
  void strictFailsOnExtraKeysUnlessMappedAway(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("m.dnd");
    String s = spec(dir, 3).toString();
    CliRun r =
        CliRun.of(
            "import",
            "--weights",
            WEIGHTS.toString(),
            "--spec",
            s,
            "--output",
            out.toString(),
            "--strict");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("unexpected keys: extra.double").doesNotContain("\tat ");
    assertThat(out).doesNotExist();
    CliRun ok =
        CliRun.of(
            "import",
            "--weights",
            WEIGHTS.toString(),
            "--spec",
            s,
            "--output",
            out.toString(),
            "--strict",
            "--map",
            "^extra\\..*=");
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(out).exists();
  }

  @Test
  void shapeMismatchNamesEveryKeyAndWritesNothing(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("m.dnd");
    CliRun r =
        CliRun.of(
            "import",
            "--weights",
            WEIGHTS.toString(),
            "--spec",
            spec(dir, 5).toString(),
            "--output",
            out.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains("size mismatch for 0.weight: checkpoint has (3, 4), model has (5, 4)")
        .contains("size mismatch for 0.bias")
        .contains("size mismatch for 2.weight");
    assertThat(out).doesNotExist();
    CliRun bad =
        CliRun.of(
            "import",
            "--weights",
            WEIGHTS.toString(),
            "--spec",
            spec(dir, 3).toString(),
            "--output",
            out.toString(),
            "--map",
            "(=x");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("bad regex");
  }

  @Test
  void trainFromImportedWeightsWithAFrozenFirstLayer(@TempDir Path dir) throws Exception {
    // Iris has 4 features and 3 classes: the imported 4-3 layer is kept frozen, the head is new.
    Path init = dir.resolve("m.dnd"), out = dir.resolve("t.dnd");
    Path s = spec(dir, 3);
    assertThat(
            CliRun.of(
                    "import",
                    "--weights",
                    WEIGHTS.toString(),
                    "--spec",
                    s.toString(),
                    "--output",
                    init.toString())
                .code())
        .isZero();
    Path spec3 = dir.resolve("iris.json");
    Files.writeString(spec3, Files.readString(s).replace("\"out\": 2", "\"out\": 3"));
    CliRun t =
        CliRun.of(
            "train",
            "--model",
            spec3.toString(),
            "--init",
            init.toString(),
            "--init-map",
            "^2\\..*=",
            "--freeze",
            "0.*",
            "--epochs",
            "3",
            "--output",
            out.toString());
    assertThat(t.code()).as(t.err()).isZero();
    assertThat(t.out()).contains("2 tensors loaded; left as initialised: 2.weight, 2.bias");
    assertThat(t.out()).contains("frozen: 0.weight, 0.bias");
    Module before = ModelArchive.load(init), after = ModelArchive.load(out);
    assertThat(after.stateDict().get("0.weight").toArray())
        .containsExactly(before.stateDict().get("0.weight").toArray());
    CliRun noMatch =
        CliRun.of("train", "--model", spec3.toString(), "--freeze", "features.*", "--epochs", "1");
    assertThat(noMatch.code()).isEqualTo(2);
    assertThat(noMatch.err()).contains("matches no parameter");
  }
}
