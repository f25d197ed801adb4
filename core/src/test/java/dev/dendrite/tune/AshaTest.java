package dev.dendrite.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AshaTest {
  @Test
  void rungsGrowByEtaUpToTheMaximum() {
    Asha a = new Asha(1, 9, 3, 3, 10);
    assertThat(a.brackets()).isEqualTo(3);
    assertThat(a.rungs(0)).containsExactly(1, 3, 9);
    assertThat(a.rungs(1)).containsExactly(3, 9);
    assertThat(a.rungs(2)).containsExactly(9);
    assertThat(new Asha(1, 10, 3, 1, 1).rungs(0)).containsExactly(1, 3, 9, 10);
    assertThat(new Asha(2, 8, 2, 9, 1).brackets()).isEqualTo(3); // 2-4-8, 4-8, 8
  }

  /** One worker; trial t scores t/10 + epochs/100, so later trials are better. */
  @Test
  void promotesTheTopThirdOfARungAsSoonAsItHasOne() {
    Asha a = new Asha(1, 9, 3, 1, 9);
    List<String> jobs = run(a, false);
    // worked by hand: a rung of n results promotes its best floor(n/3) that were not promoted yet,
    // higher rungs first; otherwise a new trial starts
    assertThat(jobs.subList(0, 16))
        .containsExactly(
            "0:0-1", "1:0-1", "2:0-1", "2:1-3", "3:0-1", "3:1-3", "4:0-1", "4:1-3", "4:3-9",
            "5:0-1", "5:1-3", "5:3-9", "6:0-1", "6:1-3", "6:3-9", "7:0-1");
    assertThat(jobs.subList(16, jobs.size()))
        .containsExactly("7:1-3", "7:3-9", "8:0-1", "8:1-3", "8:3-9");
    assertThat(a.next()).isNull();
  }

  /** Trial 0 is best: it climbs once its rung has 3 results; the others stay at the bottom. */
  @Test
  void aGoodEarlyTrialClimbsAndBadOnesStop() {
    Asha a = new Asha(1, 9, 3, 1, 9);
    List<String> jobs = run(a, true);
    assertThat(jobs)
        .containsExactly(
            "0:0-1", "1:0-1", "2:0-1", "0:1-3", "3:0-1", "4:0-1", "5:0-1", "1:1-3", "6:0-1",
            "7:0-1", "8:0-1", "2:1-3", "0:3-9");
    int epochs = 0;
    for (String j : jobs) {
      String[] r = j.split("[:-]");
      epochs += Integer.parseInt(r[2]) - Integer.parseInt(r[1]);
    }
    assertThat(epochs).isEqualTo(9 + 3 * 2 + 6); // 9 trials × 1, three promoted to 3, one to 9
  }

  @Test
  void aFailedTrialIsNeverPromoted() {
    Asha a = new Asha(1, 3, 3, 1, 3);
    for (int i = 0; i < 3; i++) {
      Scheduler.Job j = a.next();
      a.report(j, i == 0 ? Double.NaN : 0.5);
    }
    Scheduler.Job j = a.next();
    assertThat(j.trial()).isEqualTo(1); // ties go to the lower number; NaN ranks last
    assertThat(j.to()).isEqualTo(3);
  }

  @Test
  void restoredResultsAreNotRunAgain() {
    Asha a = new Asha(1, 9, 3, 1, 4);
    a.restore(0, 1, 0.1);
    a.restore(2, 1, 0.3);
    a.restore(1, 1, 0.2);
    a.restore(2, 3, 0.35);
    Scheduler.Job j = a.next();
    assertThat(j).isEqualTo(new Scheduler.Job(3, 0, 0, 1)); // trial 2 was promoted already
  }

  private static List<String> run(Asha a, boolean firstBest) {
    List<String> jobs = new ArrayList<>();
    for (Scheduler.Job j; (j = a.next()) != null; ) {
      jobs.add(j.trial() + ":" + j.from() + "-" + j.to());
      double q = firstBest ? -j.trial() : j.trial();
      a.report(j, q / 10 + j.to() / 100.0);
    }
    return jobs;
  }
}
