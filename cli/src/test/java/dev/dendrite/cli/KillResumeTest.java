package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.Checkpoint;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dendrite train} killed with SIGKILL again and again, each time resumed, ends with the
 * weights, optimizer state, saved model and metrics log of an uninterrupted run, bit for bit.
 */
class KillResumeTest {
  private static final int KILLS = 12;

  /** Inside an epoch every 3 steps, and at each epoch's end. */
  private static final List<String> ARGS =
      List.of(
          "train",
          "--epochs",
          // Long enough that 12 lives never finish it, however fast the machine: each of its ~190
          // checkpoints pauses 60 ms inside the write, so the run takes 11 s or more.
          "40",
          "--batch-size",
          "8",
          "--seed",
          "11",
          "--threads",
          "1",
          "--checkpoint",
          "ck.dnd",
          "--checkpoint-every",
          "3",
          "--resume",
          "--metrics-log",
          "log.jsonl",
          "--log-every",
          "2",
          "--output",
          "model.dnd");

  @Test
  void aRunKilledAtRandomMomentsResumesToTheSameBits(@TempDir Path tmp) throws Exception {
    Path whole = Files.createDirectories(tmp.resolve("whole"));
    Path killed = Files.createDirectories(tmp.resolve("killed"));
    assertThat(start(whole).waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.exists(whole.resolve("model.dnd"))).as(log(whole)).isTrue();

    Random random = new Random(5);
    int inWrite = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      // A kill before the first checkpoint starts the run over, so its partial log goes too.
      if (!Files.exists(killed.resolve("ck.dnd")))
        Files.deleteIfExists(killed.resolve("log.jsonl"));
      Process p = start(killed);
      boolean midWrite = kill % 2 == 1;
      if (midWrite) {
        // After the checkpoint has been replaced once (so each life moves on), the next write.
        Object first = key(killed.resolve("ck.dnd"));
        while (p.isAlive() && java.util.Objects.equals(first, key(killed.resolve("ck.dnd"))))
          Thread.sleep(1);
        while (p.isAlive() && !writing(killed)) Thread.sleep(1);
      } else {
        p.waitFor(300 + random.nextInt(1500), TimeUnit.MILLISECONDS);
      }
      assertThat(p.isAlive()).as("the run ended before kill %d; %s", kill, log(killed)).isTrue();
      boolean wasWriting = writing(killed);
      p.destroyForcibly().waitFor();
      if (midWrite && wasWriting) inWrite++;
    }
    // Most of the six aimed kills must land inside a write; one whose poll saw the temporary file
    // late in the write's 60 ms may find the rename done (5 of 6 on a loaded 2-core machine).
    assertThat(inWrite).as("kills inside a checkpoint write").isGreaterThanOrEqualTo(KILLS / 2 - 2);
    if (!Files.exists(killed.resolve("ck.dnd"))) Files.deleteIfExists(killed.resolve("log.jsonl"));
    Process last = start(killed);
    assertThat(last.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(last.exitValue()).as(log(killed)).isZero();

    Checkpoint a = Checkpoint.load(whole.resolve("ck.dnd")),
        b = Checkpoint.load(killed.resolve("ck.dnd"));
    assertThat(b.step()).isEqualTo(a.step());
    assertSameBits(a.model(), b.model());
    assertSameBits(a.optimizer(), b.optimizer());
    assertThat(a.optimizer()).isNotEmpty();
    assertThat(Files.readAllBytes(killed.resolve("model.dnd")))
        .isEqualTo(Files.readAllBytes(whole.resolve("model.dnd")));
    assertThat(untimed(killed.resolve("log.jsonl")))
        .isEqualTo(untimed(whole.resolve("log.jsonl")))
        .anyMatch(l -> l.contains("\"event\":\"checkpoint\""))
        .anyMatch(l -> l.contains("\"event\":\"end\""));
  }

  private static Process start(Path dir) throws IOException {
    return CliProcess.start(dir, List.of("-Ddendrite.atomicFiles.pauseMillis=60"), ARGS);
  }

  /** Whether a temporary file of a write is there. */
  private static boolean writing(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(f -> f.getFileName().toString().endsWith(".tmp"));
    }
  }

  /** Which file the path names now (a rename over it changes it). */
  private static Object key(Path f) {
    try {
      return Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  private static void assertSameBits(Map<String, Tensor> a, Map<String, Tensor> b) {
    assertThat(b.keySet()).isEqualTo(a.keySet());
    for (String k : a.keySet()) {
      float[] x = a.get(k).toArray(), y = b.get(k).toArray();
      int[] xi = new int[x.length], yi = new int[y.length];
      for (int i = 0; i < x.length; i++) xi[i] = Float.floatToRawIntBits(x[i]);
      for (int i = 0; i < y.length; i++) yi[i] = Float.floatToRawIntBits(y[i]);
      assertThat(yi).as(k).isEqualTo(xi);
    }
  }

  /** The log's lines without their wall-clock field. */
  private static List<String> untimed(Path log) throws IOException {
    return Files.readAllLines(log).stream()
        .map(l -> l.replaceAll(",\"seconds\":[-0-9.Ee]+", ""))
        .toList();
  }

  private static String log(Path dir) throws IOException {
    File err = dir.resolve("err.txt").toFile();
    return err.exists() ? Files.readString(err.toPath()) : "";
  }
}
