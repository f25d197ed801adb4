package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RlCommandTest {
  @TempDir Path dir;

  @Test
  void cliffDemoDrawsBothPathsAndPlotsReturns() throws Exception {
    Path paths = dir.resolve("paths.png"), plot = dir.resolve("returns.png");
    CliRun r =
        CliRun.of(
            "rl",
            "demo",
            "cliff",
            "--episodes",
            "300",
            "--runs",
            "3",
            "--paths",
            paths.toString(),
            "--plot",
            plot.toString());
    assertThat(r.code()).as(r.err()).isZero();
    // Q-learning's greedy path runs along the cliff's edge: 13 steps.
    assertThat(r.out())
        .contains("Q-learning 13 steps to the goal, return -13")
        .contains("Q Q Q Q Q Q Q Q Q Q")
        .contains("C C C C C C C C C C");
    String means = r.out().substring(r.out().indexOf("mean online return"));
    double sarsa = Double.parseDouble(means.split("SARSA ")[1].trim().split("\\s+")[0]);
    double q = Double.parseDouble(means.split("Q-learning ")[1].trim().split("\\s+")[0]);
    assertThat(sarsa).isGreaterThan(q);
    assertThat(ImageIO.read(paths.toFile()).getWidth()).isEqualTo(12 * 48);
    assertThat(ImageIO.read(plot.toFile()).getWidth()).isEqualTo(800);
  }

  @Test
  void frozenLakeDemoComparesWithValueIteration() throws Exception {
    Path png = dir.resolve("lake.png");
    CliRun r =
        CliRun.of(
            "rl",
            "demo",
            "frozenlake",
            "--no-slippery",
            "--episodes",
            "2000",
            "--eval",
            "100",
            "--out",
            png.toString());
    assertThat(r.code()).as(r.err()).isZero();
    // On solid ice both policies always reach the goal.
    assertThat(r.out())
        .contains("FrozenLake-v1 4x4: Q-learning, 2000 episodes")
        .contains("value iteration 1.0000, Q-learning 1.0000");
    assertThat(Files.size(png)).isGreaterThan(1000);
  }

  @Test
  void badSettingsAreUsageErrors() {
    CliRun r = CliRun.of("rl", "demo", "frozenlake", "--map", "5x5");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--map must be 4x4 or 8x8, got 5x5").doesNotContain("at dev.");
    CliRun g = CliRun.of("rl", "demo", "cliff", "--gamma", "1.5");
    assertThat(g.code()).isEqualTo(2);
    assertThat(g.err()).contains("discount gamma must be in [0, 1], got 1.5");
    CliRun a = CliRun.of("rl", "demo", "cliff", "--alpha", "-0.5");
    assertThat(a.err()).contains("learning rate alpha must be in (0, 1], got -0.5");
  }
}
