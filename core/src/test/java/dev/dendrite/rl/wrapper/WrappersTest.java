package dev.dendrite.rl.wrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.rl.Env;
import dev.dendrite.rl.Envs;
import dev.dendrite.rl.Step;
import dev.dendrite.rl.env.CartPole;
import dev.dendrite.rl.env.FrozenLake;
import dev.dendrite.tensor.Rng;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WrappersTest {
  @TempDir Path dir;

  @Test
  void episodeStatisticsReportReturnAndLength() {
    var env = new RecordEpisodeStatistics<>(Envs.<double[], Integer>make("CartPole-v1"), 3);
    for (int ep = 0; ep < 5; ep++) {
      env.reset(ep);
      Step<double[]> s;
      int n = 0;
      do {
        s = env.step(1);
        n++;
      } while (!s.done());
      @SuppressWarnings("unchecked")
      Map<String, Object> stats = (Map<String, Object>) s.info().get("episode");
      assertThat(stats.get("l")).isEqualTo(n);
      assertThat(stats.get("r")).isEqualTo((double) n); // reward 1 per step
      assertThat((double) stats.get("t")).isGreaterThanOrEqualTo(0);
    }
    assertThat(env.episodeCount()).isEqualTo(5);
    assertThat(env.returnQueue()).hasSize(3);
    assertThat(env.lengthQueue().get(2)).isEqualTo(env.returnQueue().get(2).intValue());
  }

  @Test
  void runningStatisticsFollowGymnasiumsFormula() {
    RunningMeanStd rms = new RunningMeanStd(1);
    rms.update(new double[] {2.0});
    // count 1e-4 + 1; mean 2 / 1.0001; var (1e-4 + 4 * 1e-4 / 1.0001) / 1.0001
    assertThat(rms.count()).isEqualTo(1.0001, within(1e-15));
    assertThat(rms.mean()[0]).isEqualTo(2 / 1.0001, within(1e-15));
    assertThat(rms.var()[0]).isEqualTo((1e-4 + 4 * 1e-4 / 1.0001) / 1.0001, within(1e-15));
    // Many observations: the sample mean and population variance, up to the 1e-4 prior.
    Rng rng = new Rng(3);
    RunningMeanStd big = new RunningMeanStd(2);
    double s0 = 0, ss0 = 0;
    int n = 5000;
    double[][] batch = new double[n][];
    for (int i = 0; i < n; i++) {
      batch[i] = new double[] {3 + 2 * rng.nextGaussian(), rng.nextDouble()};
      s0 += batch[i][0];
      ss0 += batch[i][0] * batch[i][0];
      if (i % 2 == 0) big.update(batch[i]);
    }
    RunningMeanStd halves = new RunningMeanStd(2);
    halves.update(java.util.Arrays.copyOfRange(batch, 0, n / 2));
    halves.update(java.util.Arrays.copyOfRange(batch, n / 2, n));
    double mean = s0 / n;
    assertThat(halves.mean()[0]).isCloseTo(mean, within(1e-6));
    assertThat(halves.var()[0]).isCloseTo(ss0 / n - mean * mean, within(1e-3));
    assertThat(big.var()[0]).isCloseTo(4, within(0.3));
  }

  @Test
  void normalisedObservationsUseTheUpdatedStatistics() {
    var env = new NormalizeObservation<>(Envs.<double[], Integer>make("CartPole-v1"));
    double[] first = env.reset(0).observation();
    // After one observation x: mean = x / 1.0001, so (x - mean) / sqrt(var + eps) is tiny.
    for (double v : first) assertThat(Math.abs(v)).isLessThan(0.02);
    for (int t = 0; t < 200; t++) if (env.step(t % 2).done()) env.reset();
    double[] mean = env.statistics().mean();
    double[] var = env.statistics().var();
    env.setUpdating(false);
    double[] raw = ((CartPole) env.unwrapped()).state();
    double[] o = env.step(0).observation();
    double[] after = ((CartPole) env.unwrapped()).state();
    assertThat(env.statistics().mean()).containsExactly(mean);
    for (int i = 0; i < 4; i++)
      assertThat(o[i])
          .isEqualTo((double) (float) (((float) after[i] - mean[i]) / Math.sqrt(var[i] + 1e-8)));
    assertThat(raw).isNotEqualTo(after);
    assertThat(env.observationSpace().contains(new double[] {1e9, -1e9, 0, 0})).isTrue();
    Env<Integer, Integer> lake = Envs.make("FrozenLake-v1");
    assertThatThrownBy(() -> new NormalizeObservation<>((Env<double[], Integer>) (Env<?, ?>) lake))
        .hasMessage("NormalizeObservation: FrozenLake-v1 observes Discrete(16), not a Box");
  }

  @Test
  void recordsFramesAsPngsAndAnAnimatedGif() throws Exception {
    var env = new RecordFrames<>(new FrozenLake("4x4", false), 50);
    env.reset(0);
    for (int a : new int[] {2, 2, 1, 1, 1, 2}) env.step(a);
    assertThat(env.frames()).hasSize(7);
    var pngs = env.writePngs(dir, "lake");
    assertThat(pngs).hasSize(7);
    BufferedImage back = ImageIO.read(pngs.get(6).toFile());
    assertThat(back.getRGB(3 * 48 + 24, 3 * 48 + 24))
        .isEqualTo(env.frames().get(6).getRGB(3 * 48 + 24, 3 * 48 + 24));
    Path gif = dir.resolve("lake.gif");
    env.writeGif(gif, 200);
    try (ImageInputStream in = ImageIO.createImageInputStream(Files.newInputStream(gif))) {
      ImageReader r = ImageIO.getImageReaders(in).next();
      r.setInput(in);
      assertThat(r.getNumImages(true)).isEqualTo(7);
    }
    var cart = new RecordFrames<>(Envs.<double[], Integer>make("CartPole-v1"), 3);
    cart.reset(0);
    for (int t = 0; t < 5; t++) cart.step(1);
    assertThat(cart.frames()).hasSize(3);
    assertThat(cart.frames().get(0).getWidth()).isEqualTo(600);
    cart.writeGif(dir.resolve("cart.gif"), 20);
    assertThat(ImageIO.read(dir.resolve("cart.gif").toFile()).getHeight()).isEqualTo(400);
    assertThat(cart.writePngs(dir, "cart")).hasSize(3);
  }

  @Test
  void classicControlFramesDraw() {
    for (String id : new String[] {"MountainCar-v0", "Acrobot-v1"}) {
      Env<double[], Integer> env = Envs.make(id);
      env.reset(0);
      BufferedImage img = env.frame();
      // Something besides the white background was drawn.
      int dark = 0;
      for (int y = 0; y < img.getHeight(); y += 2)
        for (int x = 0; x < img.getWidth(); x += 2) if ((img.getRGB(x, y) & 0xff) < 128) dark++;
      assertThat(dark).as(id).isGreaterThan(100);
    }
  }
}
