package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RlCommandsTest {
  @TempDir Path dir;

  @Test
  void trainSavesLogsAndPlotsThenEvalAndRenderReadTheArchive() throws Exception {
    Path model = dir.resolve("a2c.dnd"), log = dir.resolve("run.jsonl");
    Path curve = dir.resolve("curve.png"), gif = dir.resolve("cartpole.gif");
    CliRun t =
        CliRun.of(
            "rl",
            "train",
            "--agent",
            "a2c",
            "--steps",
            "2000",
            "--seed",
            "3",
            "--hp",
            "net_width=16",
            "--output",
            model.toString(),
            "--metrics-log",
            log.toString(),
            "--curve",
            curve.toString(),
            "--eval-episodes",
            "2");
    assertThat(t.code()).as(t.err()).isZero();
    assertThat(t.out())
        .contains("a2c on CartPole-v1, 2000 steps, seed 3")
        .contains("net_width=16")
        .contains("2000/2000 steps")
        .contains("evaluation over 2 episodes: mean return");
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).anyMatch(l -> l.startsWith("{\"event\":\"episode\""));
    assertThat(lines).anyMatch(l -> l.startsWith("{\"event\":\"progress\""));
    assertThat(lines.getLast()).startsWith("{\"event\":\"eval\",\"episodes\":2");
    assertThat(ImageIO.read(curve.toFile()).getWidth()).isEqualTo(800);

    CliRun e = CliRun.of("rl", "eval", "--model", model.toString(), "--episodes", "3");
    assertThat(e.code()).as(e.err()).isZero();
    assertThat(e.out()).startsWith("a2c on CartPole-v1: mean return ").contains("over 3 episodes");

    CliRun r =
        CliRun.of(
            "rl",
            "render",
            "--model",
            model.toString(),
            "--out",
            gif.toString(),
            "--max-frames",
            "12");
    assertThat(r.code()).as(r.err()).isZero();
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      reader.setInput(in);
      int frames = reader.getNumImages(true);
      assertThat(frames).isBetween(2, 13);
      BufferedImage first = reader.read(0);
      assertThat(first.getWidth()).isEqualTo(600);
      assertThat(first.getHeight()).isEqualTo(400);
    }

    CliRun c =
        CliRun.of("rl", "curve", "--log", log.toString(), "--out", dir.resolve("c.png").toString());
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(c.out()).contains("episodes)");
  }

  @Test
  void badNamesAndRangesAreOneLineUsageErrors() {
    CliRun env = CliRun.of("rl", "train", "--env", "Pong-v5", "--steps", "10");
    assertThat(env.code()).isEqualTo(2);
    assertThat(env.err()).contains("--env: unknown environment 'Pong-v5'; known: CartPole-v1");
    CliRun agent = CliRun.of("rl", "train", "--agent", "sac", "--steps", "10");
    assertThat(agent.code()).isEqualTo(2);
    assertThat(agent.err()).contains("unknown agent 'sac'; known: dqn, reinforce, a2c, ppo");
    CliRun gamma = CliRun.of("rl", "train", "--agent", "dqn", "--hp", "gamma=1.5");
    assertThat(gamma.code()).isEqualTo(2);
    assertThat(gamma.err()).contains("--hp: dqn: gamma must be a number in [0, 1], got 1.5");
    CliRun lr = CliRun.of("rl", "train", "--agent", "ppo", "--hp", "learning_rate=-1");
    assertThat(lr.err()).contains("learning_rate must be a number in (0, inf), got -1");
    assertThat(lr.err()).doesNotContain("Exception");
    CliRun missing = CliRun.of("rl", "eval", "--model", dir.resolve("none.dnd").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("none.dnd: no such file");
  }

  @Test
  void listHpShowsDefaultsAndRanges() {
    CliRun r = CliRun.of("rl", "train", "--agent", "ppo", "--list-hp");
    assertThat(r.code()).isZero();
    assertThat(r.out()).containsPattern("gae_lambda\\s+0.8\\s+\\[0, 1\\]");
  }
}
