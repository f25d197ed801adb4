package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes a user makes, one per row: each gives a non-zero exit and an error on stderr whose first
 * line names the file, line, layer, shape or option at fault, no stack trace (unless {@code
 * --debug}), and leaves every file that existed before as it was.
 */
class UserMistakesTest {
  @TempDir static Path dir;

  /**
   * A row: what the user typed ({@code @} stands for the folder of the test's files), and what the
   * error's first line must contain.
   */
  record Mistake(String name, String args, String... expect) {}

  static final List<Mistake> MISTAKES =
      List.of(
          new Mistake("missing CSV", "train --csv @/nope.csv", "@/nope.csv", "no such file"),
          new Mistake("missing spec", "train --model @/nope.json", "@/nope.json", "no such file"),
          new Mistake("missing archive", "predict --model @/nope.dnd --input 1,2", "@/nope.dnd"),
          new Mistake("spec is a folder", "train --model @/folder", "@/folder"),
          new Mistake("archive is a folder", "eval --model @/folder", "@/folder"),
          new Mistake("missing label column", "train --csv @/ok.csv --label kind", "kind"),
          new Mistake("spec that is not JSON", "train --model @/notjson.json", "notjson.json"),
          new Mistake(
              "spec whose shapes do not fit",
              "train --model @/wide.json --epochs 1",
              "layer 0",
              "in=5",
              "(16, 4)"),
          new Mistake(
              "archive that is not one",
              "predict --model @/garbage.dnd --input 1,2",
              "garbage.dnd"),
          new Mistake(
              "archive from a newer format version",
              "predict --model @/future.dnd --input 1,2,3,4",
              "future.dnd",
              "version"),
          new Mistake(
              "predict with too few features",
              "predict --model @/iris.dnd --input 5.1,3.5",
              "2 features",
              "trained on 4"),
          new Mistake(
              "predict with a word for a number",
              "predict --model @/iris.dnd --input 5.1,abc,1.4,0.2",
              "abc"),
          new Mistake("negative learning rate", "train --lr -1", "--lr", "-1"),
          new Mistake("zero learning rate", "train --lr 0", "--lr"),
          new Mistake("batch size 0", "train --batch-size 0", "--batch-size"),
          new Mistake("epochs 0", "train --epochs 0", "--epochs"),
          new Mistake("unknown optimizer", "train --optimizer adamax", "adamax"),
          new Mistake("2000 threads", "train --threads 2000", "--threads", "2000"),
          new Mistake("0 threads", "train --threads 0", "--threads"),
          new Mistake("validation split of 1.5", "train --val-split 1.5", "--val-split"),
          new Mistake(
              "early stopping without validation",
              "train --early-stopping 3 --val-split 0",
              "--early-stopping"),
          new Mistake("resume without a checkpoint", "train --resume", "--resume"),
          new Mistake(
              "checkpoint-every without a checkpoint",
              "train --checkpoint-every 5",
              "--checkpoint-every"),
          new Mistake(
              "negative checkpoint-every",
              "train --checkpoint @/c.ckpt --checkpoint-every -2",
              "--checkpoint-every"),
          new Mistake(
              "a corrupt checkpoint to resume from",
              "train --checkpoint @/corrupt.ckpt --resume --epochs 1",
              "corrupt.ckpt"),
          new Mistake(
              "class weights of the wrong count",
              "train --class-weights 1,2",
              "2 weights",
              "3 classes"),
          new Mistake("augment tabular data", "train --augment flip", "--augment"),
          new Mistake("unknown schedule", "train --schedule wobble", "--schedule"),
          new Mistake("unknown data set", "train --data cifar", "cifar"),
          new Mistake("CSV and images at once", "train --csv @/ok.csv --images @/folder", "--csv"),
          new Mistake("negative gradient clipping", "train --clip-norm -1", "clip"),
          new Mistake("unknown option", "train --epoch 3", "--epoch"),
          new Mistake("unknown command", "trian", "trian"),
          new Mistake(
              "full disk while writing the metrics log",
              "train --epochs 1 --metrics-log /dev/full",
              "/dev/full",
              "No space left"),
          new Mistake("missing image folder", "train --images @/nope", "@/nope"),
          new Mistake(
              "one-class image folder", "train --images @/oneclass", "@/oneclass", "one class"),
          new Mistake("unreadable image", "train --images @/badimage --epochs 1", "broken.png"));

  /** Cases whose fix is in a reader another branch owns; enabled when it merges. */
  static final List<Mistake> READER_MISTAKES =
      List.of(
          new Mistake("CSV is a folder", "train --csv @/folder", "@/folder"),
          new Mistake(
              "CSV with a word in a number column",
              "train --csv @/word.csv",
              "word.csv:3:",
              "column 2"),
          new Mistake("ragged CSV rows", "train --csv @/ragged.csv", "ragged.csv:4:", "fields"));

  @BeforeAll
  static void files() throws IOException {
    Files.createDirectories(dir.resolve("folder"));
    String header = "a,b,c,d,label\n";
    StringBuilder ok = new StringBuilder(header);
    for (int i = 0; i < 30; i++)
      ok.append(i % 7).append(",1,2,").append(i % 3).append(',').append(i % 2).append('\n');
    Files.writeString(dir.resolve("ok.csv"), ok);
    Files.writeString(dir.resolve("word.csv"), header + "1,2,3,4,0\n1,abc,3,4,1\n1,2,3,4,0\n");
    Files.writeString(dir.resolve("ragged.csv"), header + "1,2,3,4,0\n1,2,3,4,1\n1,2,3,0\n");
    Files.writeString(dir.resolve("notjson.json"), "{\"model\": [1, 2,");
    Files.writeString(
        dir.resolve("wide.json"),
        "{\"model\": {\"type\": \"Sequential\", \"layers\": [{\"type\": \"Linear\", \"in\": 5,"
            + " \"out\": 8}, {\"type\": \"ReLU\"}, {\"type\": \"Linear\", \"in\": 8, \"out\":"
            + " 3}]}}");
    Files.write(dir.resolve("garbage.dnd"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
    Files.write(dir.resolve("corrupt.ckpt"), new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9});
    CliRun r = CliRun.of("train", "--epochs", "2", "--output", dir.resolve("iris.dnd").toString());
    assertThat(r.code()).as(r.err()).isZero();
    Files.write(
        dir.resolve("future.dnd"), futureArchive(Files.readAllBytes(dir.resolve("iris.dnd"))));
    Path one = Files.createDirectories(dir.resolve("oneclass/cat"));
    Path two = Files.createDirectories(dir.resolve("badimage/a"));
    Files.createDirectories(dir.resolve("badimage/b"));
    for (int i = 0; i < 3; i++) {
      byte[] png = png(i);
      Files.write(one.resolve(i + ".png"), png);
      Files.write(two.resolve(i + ".png"), png);
      Files.write(dir.resolve("badimage/b/" + i + ".png"), png);
    }
    Files.writeString(dir.resolve("badimage/b/broken.png"), "not a picture");
  }

  private static byte[] png(int shade) throws IOException {
    var img = new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
    img.getRaster().setSample(1, 1, 0, 40 * shade);
    var out = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  /** The archive with its format version raised past any this build reads. */
  private static byte[] futureArchive(byte[] archive) {
    String text = new String(archive, java.nio.charset.StandardCharsets.ISO_8859_1);
    String now = "dendrite-model-1", later = "dendrite-model-9";
    assertThat(text).contains(now);
    return text.replace(now, later).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  @TestFactory
  Stream<DynamicTest> eachMistakeIsOneClearLine() {
    assertThat(MISTAKES.size() + READER_MISTAKES.size()).isGreaterThanOrEqualTo(30);
    return MISTAKES.stream().map(m -> DynamicTest.dynamicTest(m.name(), () -> check(m)));
  }

  @Test
  void readerMistakes() throws IOException {
    for (Mistake m : READER_MISTAKES) check(m);
  }

  @Test
  void debugShowsTheStackTrace() {
    String garbage = dir.resolve("garbage.dnd").toString();
    CliRun r = CliRun.of("--debug", "predict", "--model", garbage, "--input", "1,2");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("garbage.dnd").contains("\tat dev.dendrite.");
  }

  private static void check(Mistake m) throws IOException {
    Function<String, String> at = s -> s.replace("@", dir.toString());
    Map<Path, byte[]> before = snapshot();
    CliRun r = CliRun.of(at.apply(m.args()).split(" "));
    String err = r.err().strip();
    assertThat(r.code()).as("%s: exit code; stderr %s", m.name(), err).isNotZero();
    String first = err.lines().findFirst().orElse("");
    for (String e : m.expect())
      assertThat(first).as("%s: the error's first line", m.name()).contains(at.apply(e));
    assertThat(err)
        .as("%s: no stack trace", m.name())
        .doesNotContain("\tat ")
        .doesNotContain("Exception")
        .doesNotContain("internal error");
    // After the error, a usage mistake may suggest options and point to --help.
    List<String> lines = err.lines().toList();
    assertThat(lines.subList(1, lines.size()))
        .as("%s: one line (and where to read more) in %s", m.name(), err)
        .allMatch(
            l ->
                l.startsWith("see '")
                    || l.startsWith("Possible solutions")
                    || l.startsWith("Did you mean"));
    Map<Path, byte[]> after = snapshot();
    for (var e : before.entrySet())
      assertThat(after.get(e.getKey()))
          .as("%s left %s", m.name(), e.getKey())
          .isEqualTo(e.getValue());
  }

  private static Map<Path, byte[]> snapshot() throws IOException {
    Map<Path, byte[]> m = new TreeMap<>();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile).forEach(files::add);
    }
    for (Path f : files) m.put(f, Files.readAllBytes(f));
    return m;
  }
}
