package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files and inputs that used to train "successfully", answer NaN, or fail only after training: each
 * is now a one-line error naming what is at fault, before any epoch runs.
 */
class BadFilesCommandsTest {
  private static void assertOneLineError(CliRun r, String... parts) {
    assertThat(r.code()).as(r.out()).isNotZero();
    assertThat(r.err()).contains(parts).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(r.out()).doesNotContain("epoch");
  }

  @Test
  void anOutputOrCheckpointInAMissingFolderFailsBeforeTraining(@TempDir Path dir) {
    Path missing = dir.resolve("no/such/folder/iris.dnd");
    assertOneLineError(
        CliRun.of("train", "--epochs", "1", "--output", missing.toString()),
        "--output " + missing,
        "does not exist");
    Path ckpt = dir.resolve("gone/run.ckpt");
    assertOneLineError(
        CliRun.of("train", "--epochs", "1", "--checkpoint", ckpt.toString()),
        "--checkpoint " + ckpt,
        "does not exist");
    assertOneLineError(
        CliRun.of("train", "--epochs", "1", "--output", dir.toString()), "is a directory");
  }

  @Test
  void anOutputInAFolderThatTakesNoFilesFailsBeforeTraining() {
    // /proc refuses new files even for root, as a read-only mount would.
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
    assertOneLineError(
        CliRun.of("train", "--epochs", "1", "--output", "/proc/iris.dnd"),
        "--output /proc/iris.dnd: cannot write in /proc");
  }

  @Test
  void anOutputLayerWiderThanTheClassCountIsRefused(@TempDir Path dir) throws Exception {
    Path spec =
        Files.writeString(
            dir.resolve("wide.json"),
            "{\"type\": \"Sequential\", \"layers\": [{\"type\": \"Linear\", \"in\": 4, \"out\": 8},"
                + " {\"type\": \"ReLU\"}, {\"type\": \"Linear\", \"in\": 8, \"out\": 5}]}");
    assertOneLineError(
        CliRun.of("train", "--model", spec.toString(), "--epochs", "1"),
        "wide.json: the model's output layer has 5 units, the data has 3 classes");
  }

  @Test
  void predictRefusesNonFiniteInputAndEvalNamesBothWidths(@TempDir Path dir) {
    Path moons = dir.resolve("moons.dnd");
    CliRun t =
        CliRun.of(
            "train",
            "--csv",
            "../examples/data/moons.csv",
            "--label",
            "label",
            "--epochs",
            "2",
            "--output",
            moons.toString());
    assertThat(t.code()).as(t.err()).isZero();
    CliRun p = CliRun.of("predict", "--model", moons.toString(), "--input", "0.5,NaN");
    assertOneLineError(p, "value 2 (NaN) is not a finite number");
    assertThat(p.out()).doesNotContain("probability");
    assertOneLineError(
        CliRun.of("predict", "--model", moons.toString(), "--input", "Infinity,0"),
        "is not a finite number");
    assertOneLineError(
        CliRun.of("eval", "--model", moons.toString(), "--data", "iris"),
        "the model takes 2 features, the data has 4");
  }

  @Test
  void aCsvThatIsAFolderOrHasANaNCellIsOneLine(@TempDir Path dir) throws Exception {
    assertOneLineError(
        CliRun.of("train", "--csv", dir.toString(), "--label", "label"),
        dir + ": is a directory, not a CSV file");
    Path nan = Files.writeString(dir.resolve("nan.csv"), "a,label\n1,x\n2,y\nNaN,x\n");
    assertOneLineError(
        CliRun.of("train", "--csv", nan.toString(), "--label", "label"),
        "nan.csv:4: column 1 (a): \"NaN\" is not a finite number");
  }

  @Test
  void aResumeWithAnotherOptimizerIsRefused(@TempDir Path dir) {
    String ckpt = dir.resolve("run.ckpt").toString();
    CliRun first = CliRun.of("train", "--epochs", "1", "--checkpoint", ckpt);
    assertThat(first.code()).as(first.err()).isZero();
    CliRun other =
        CliRun.of(
            "train", "--epochs", "2", "--checkpoint", ckpt, "--resume", "--optimizer", "adam");
    assertThat(other.code()).isNotZero();
    assertThat(other.err())
        .contains("the checkpoint was written with other settings: optimizer SGD[")
        .contains("in the checkpoint, Adam[")
        .doesNotContain("\tat ");
  }
}
