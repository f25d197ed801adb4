package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dendrite.io.Json;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dendrite tune} killed with SIGKILL again and again, each time resumed from its study file,
 * ends with the trial records and best configuration of an uninterrupted search.
 */
class TuneKillResumeTest {
  private static final int KILLS = 10;

  /** 16 learning rates by 3 widths: 48 trials, one at a time, so their order is fixed too. */
  private static final int TRIALS = 48;

  private static final List<String> ARGS =
      List.of(
          "tune",
          "--search",
          "grid",
          "--grid-points",
          "16",
          "--max-epochs",
          "3",
          "--threads",
          "1",
          "--parallel",
          "1",
          "--param",
          "lr=loguniform(1e-2,0.3)",
          "--param",
          "layers.0.out=choice(4,8,16)",
          "--study",
          "study.jsonl");

  @Test
  void aStudyKilledAtRandomMomentsResumesToTheSameTrials(@TempDir Path tmp) throws Exception {
    Path whole = Files.createDirectories(tmp.resolve("whole"));
    Path killed = Files.createDirectories(tmp.resolve("killed"));
    Process w = start(whole);
    assertThat(w.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(w.exitValue()).as(log(whole)).isZero();

    Random random = new Random(7);
    int torn = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      Process p = start(killed);
      // A life is killed after 1 or 2 more finished trials, at a random moment of the next one.
      // Counting records, not seconds, spreads the kills over the study on any machine: 10 lives
      // never finish its 48 trials on a fast one, nor do nothing on a slow one.
      int target = records(killed) + 1 + random.nextInt(2);
      while (p.isAlive() && records(killed) < target) Thread.sleep(1);
      Thread.sleep(random.nextInt(25));
      assertThat(p.isAlive()).as("the study ended before kill %d; %s", kill, log(killed)).isTrue();
      p.destroyForcibly().waitFor();
      if (tornLine(killed)) torn++;
    }
    assertThat(records(killed)).as("trials before the last life").isBetween(KILLS, TRIALS - 1);
    Process last = start(killed);
    assertThat(last.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(last.exitValue()).as(log(killed)).isZero();

    List<Map<String, Object>> a = untimed(whole.resolve("study.jsonl")),
        b = untimed(killed.resolve("study.jsonl"));
    assertThat(a).hasSize(TRIALS + 1);
    assertThat(b).as("torn lines seen after kills: %d", torn).isEqualTo(a);
    for (int t = 0; t < TRIALS; t++) assertThat(b.get(t + 1)).containsEntry("trial", (long) t);
    String best = best(whole);
    assertThat(best).startsWith("best: trial ");
    assertThat(best(killed)).isEqualTo(best);
  }

  private static Process start(Path dir) throws IOException {
    return CliProcess.start(dir, List.of(), ARGS);
  }

  /** Finished trials in the study file (complete lines after the header). */
  private static int records(Path dir) throws IOException {
    Path f = dir.resolve("study.jsonl");
    if (!Files.exists(f)) return 0;
    int lines = 0;
    for (byte c : Files.readAllBytes(f)) if (c == '\n') lines++;
    return Math.max(0, lines - 1);
  }

  /** Whether the kill left a line without its end. */
  private static boolean tornLine(Path dir) throws IOException {
    Path f = dir.resolve("study.jsonl");
    if (!Files.exists(f)) return false;
    byte[] b = Files.readAllBytes(f);
    return b.length > 0 && b[b.length - 1] != '\n';
  }

  /** The study's records, parsed, without their wall-clock field. */
  private static List<Map<String, Object>> untimed(Path study) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String line : Files.readAllLines(study)) {
      Map<String, Object> r = new LinkedHashMap<>();
      ((Map<?, ?>) Json.parse(line)).forEach((k, v) -> r.put((String) k, v));
      r.remove("seconds");
      out.add(r);
    }
    return out;
  }

  /** The last "best: ..." line the command printed. */
  private static String best(Path dir) throws IOException {
    List<String> best =
        Files.readAllLines(dir.resolve("out.txt")).stream()
            .filter(l -> l.startsWith("best: "))
            .toList();
    assertThat(best).as(log(dir)).isNotEmpty();
    return best.getLast();
  }

  private static String log(Path dir) throws IOException {
    File err = dir.resolve("err.txt").toFile();
    return err.exists() ? Files.readString(err.toPath()) : "";
  }
}
