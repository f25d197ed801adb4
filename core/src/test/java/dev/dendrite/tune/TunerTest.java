package dev.dendrite.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.tensor.Threads;
import dev.dendrite.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search loop on a fake objective: a curve that rises towards a peak at lr = 0.01. */
class TunerTest {
  @TempDir Path dir;

  private static final SearchSpace SPACE =
      SearchSpace.parse(List.of("lr=loguniform(1e-4,1)", "w=choice(1,2)"));

  /** Score after epoch e: 1 − |log10(lr) + 2| / 4, approached as 1 − 1/(e + 1) of the way. */
  private static double score(Map<String, Object> c, int epoch) {
    double lr = ((Number) c.get("lr")).doubleValue();
    return (1 - Math.abs(Math.log10(lr) + 2) / 4) * (1 - 1.0 / (epoch + 1));
  }

  /** Records each job; fails with {@code killAfter} jobs (a crash) when that is ≥ 0. */
  private static final class Fake implements Objective {
    final List<String> jobs = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger threadsSeen = new AtomicInteger();
    int killAfter = -1;

    @Override
    public double[] run(Run r) throws IOException {
      if (killAfter >= 0 && jobs.size() >= killAfter) throw new IOException("killed");
      jobs.add(r.trial() + ":" + r.from() + "-" + r.to());
      threadsSeen.set(Threads.get());
      if (r.from() > 0) assertThat(r.resume()).isNotNull();
      double[] s = new double[r.to() - r.from()];
      for (int e = r.from(); e < r.to(); e++) s[e - r.from()] = score(r.config(), e + 1);
      return s;
    }
  }

  private static Tuner.Settings hyperband(int trials, int parallel) {
    return new Tuner.Settings(Tuner.Search.hyperband, trials, 9, 1, 3, 1, 3, 5, parallel, 1);
  }

  private List<Trial> run(Path study, Tuner.Settings s, Objective o) throws Exception {
    Tuner t = new Tuner(SPACE, s, o);
    try (Study st = Study.open(study, t.header(Map.of()))) {
      return t.run(st);
    }
  }

  @Test
  void gridRunsEveryPointToTheEnd() throws Exception {
    Fake f = new Fake();
    Tuner.Settings s = new Tuner.Settings(Tuner.Search.grid, 1000, 4, 1, 3, 1, 3, 1, 2, 1);
    List<Trial> trials = run(dir.resolve("grid.jsonl"), s, f);
    assertThat(trials).hasSize(6);
    assertThat(f.jobs).hasSize(6).allMatch(j -> j.endsWith(":0-4"));
    Trial best = Report.best(trials, 4);
    assertThat(best.config().get("lr")).isEqualTo(0.01);
    assertThat(best.curve()).hasSize(4);
    assertThat(best.score()).isEqualTo(0.8);
  }

  @Test
  void aStudyKilledPartWayResumesWithoutRunningFinishedJobsAgain() throws Exception {
    Fake whole = new Fake();
    List<Trial> uninterrupted = run(dir.resolve("whole.jsonl"), hyperband(12, 1), whole);

    Path study = dir.resolve("resumed.jsonl");
    Fake first = new Fake();
    first.killAfter = 7;
    assertThatThrownBy(() -> run(study, hyperband(12, 1), first)).hasMessage("killed");
    Fake second = new Fake();
    List<Trial> resumed = run(study, hyperband(12, 1), second);
    assertThat(first.jobs).hasSize(7);
    assertThat(second.jobs).hasSize(whole.jobs.size() - 7);
    assertThat(second.jobs).isEqualTo(whole.jobs.subList(7, whole.jobs.size()));
    assertThat(resumed).hasSize(uninterrupted.size());
    for (int i = 0; i < resumed.size(); i++) {
      assertThat(resumed.get(i).config()).isEqualTo(uninterrupted.get(i).config());
      assertThat(resumed.get(i).curve()).containsExactly(uninterrupted.get(i).curve());
    }
    // a third run finds nothing to do
    Fake third = new Fake();
    run(study, hyperband(12, 1), third);
    assertThat(third.jobs).isEmpty();
  }

  @Test
  void aLargerTrialBudgetExtendsAStudy() throws Exception {
    Path study = dir.resolve("s.jsonl");
    Fake a = new Fake(), b = new Fake();
    run(study, hyperband(4, 1), a);
    List<Trial> all = run(study, hyperband(9, 1), b);
    assertThat(all).hasSize(9);
    assertThat(b.jobs).doesNotContainAnyElementsOf(a.jobs);
  }

  @Test
  void parallelTrialsShareTheCoresAndASearchSpendsAThirdOfItsEpochsOrLess() throws Exception {
    Fake f = new Fake();
    Tuner.Settings s = new Tuner.Settings(Tuner.Search.hyperband, 27, 9, 1, 3, 1, 3, 5, 2, 1);
    List<Trial> trials = run(dir.resolve("p.jsonl"), s, f);
    assertThat(trials).hasSize(27);
    assertThat(f.threadsSeen.get()).isEqualTo(1);
    int epochs = trials.stream().mapToInt(Trial::epochs).sum();
    assertThat(epochs).isLessThanOrEqualTo(27 * 9 / 3);
    assertThat(trials.stream().filter(t -> t.epochs() == 9)).isNotEmpty();
  }

  @Test
  void aDivergedTrialFailsAndTheSearchGoesOn() throws Exception {
    Objective o =
        r -> {
          if (r.trial() == 1) throw new Trainer.Diverged("loss is NaN");
          return new double[] {0.5, 0.6};
        };
    Tuner.Settings s = new Tuner.Settings(Tuner.Search.random, 3, 2, 1, 3, 1, 3, 1, 1, 1);
    Path study = dir.resolve("d.jsonl");
    List<Trial> trials = run(study, s, o);
    assertThat(trials.get(1).error()).isEqualTo("loss is NaN");
    assertThat(Report.ranked(trials, 2).getLast().id()).isEqualTo(1);
    assertThat(Files.readString(study)).contains("\"error\":\"loss is NaN\"");
    assertThat(Report.table(trials, 2, 10)).contains("failed");
  }

  @Test
  void aTimeoutStopsStartingJobsAndALaterRunFinishes() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Objective slow =
        r -> {
          calls.incrementAndGet();
          Thread.sleep(60);
          return new double[] {0.5};
        };
    Tuner.Settings s = new Tuner.Settings(Tuner.Search.random, 10, 1, 1, 3, 1, 3, 1, 1, 1);
    Path study = dir.resolve("t.jsonl");
    Tuner t = new Tuner(SPACE, s, slow).timeout(0.1);
    try (Study st = Study.open(study, t.header(Map.of()))) {
      assertThat(t.run(st)).hasSizeBetween(1, 4);
    }
    assertThat(t.timedOut()).isTrue();
    int first = calls.get();
    assertThat(run(study, s, slow)).hasSize(10);
    assertThat(calls.get()).isEqualTo(10);
    assertThat(first).isLessThan(10);
  }
}
