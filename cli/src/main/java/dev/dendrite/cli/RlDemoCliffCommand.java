package dev.dendrite.cli;

import dev.dendrite.io.AtomicFiles;
import dev.dendrite.rl.Env;
import dev.dendrite.rl.Envs;
import dev.dendrite.rl.agent.ExpectedSarsa;
import dev.dendrite.rl.agent.QLearning;
import dev.dendrite.rl.agent.Rollouts;
import dev.dendrite.rl.agent.Sarsa;
import dev.dendrite.rl.agent.TdSettings;
import dev.dendrite.rl.agent.TemporalDifference;
import dev.dendrite.rl.env.CliffWalking;
import dev.dendrite.rl.env.GridPicture;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite rl demo cliff}: Sutton and Barto's Example 6.6. SARSA learns the safe path
 * because it values the exploring policy; Q-learning learns the optimal path along the edge and
 * falls off it while exploring, so its online returns are lower.
 */
@Command(
    name = "cliff",
    mixinStandardHelpOptions = true,
    description = {
      "SARSA against Q-learning on CliffWalking-v0 (Sutton and Barto, Example 6.6): both greedy",
      "paths on the grid, and the online return of every episode, averaged over runs, as a plot."
    })
final class RlDemoCliffCommand implements Callable<Integer> {
  @Option(
      names = "--episodes",
      defaultValue = "500",
      description = "Episodes per run (default: ${DEFAULT-VALUE}).")
  int episodes;

  @Option(
      names = "--runs",
      defaultValue = "20",
      description = "Independent runs the returns are averaged over (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--alpha",
      defaultValue = "0.5",
      description = "Learning rate, in (0, 1] (default: ${DEFAULT-VALUE}).")
  double alpha;

  @Option(
      names = "--epsilon",
      defaultValue = "0.1",
      description = "Exploration rate, in [0, 1] (default: ${DEFAULT-VALUE}).")
  double epsilon;

  @Option(
      names = "--gamma",
      defaultValue = "1.0",
      description = "Discount, in [0, 1] (default: ${DEFAULT-VALUE}).")
  double gamma;

  @Option(
      names = "--smooth",
      defaultValue = "10",
      description =
          "Episodes in the plot's moving average, 1 for none (default: ${DEFAULT-VALUE}).")
  int smooth;

  @Option(
      names = "--paths",
      paramLabel = "FILE",
      defaultValue = "cliff-paths.png",
      description = "PNG file for the greedy paths (default: ${DEFAULT-VALUE}).")
  Path paths;

  @Option(
      names = "--plot",
      paramLabel = "FILE",
      defaultValue = "cliff-returns.png",
      description = "PNG file for the returns per episode (default: ${DEFAULT-VALUE}).")
  Path plot;

  @Mixin Options.Seed seed;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (episodes < 1 || runs < 1 || smooth < 1)
      throw Shared.usage(spec, "--episodes, --runs and --smooth must be >= 1");
    TdSettings settings;
    try {
      settings = TdSettings.constant(alpha, gamma, epsilon);
    } catch (IllegalArgumentException e) {
      throw Shared.usage(spec, e.getMessage().replace("TdSettings: ", ""));
    }
    Env<Integer, Integer> env = Envs.make("CliffWalking-v0");
    double[] sarsa = new double[episodes], q = new double[episodes], exp = new double[episodes];
    int[] sarsaPath = null, qPath = null;
    for (int run = 0; run < runs; run++) {
      long s = seed.seed * 1000 + run;
      TemporalDifference a = new Sarsa(48, 4, settings, s);
      TemporalDifference b = new QLearning(48, 4, settings, s);
      TemporalDifference c = new ExpectedSarsa(48, 4, settings, s);
      add(sarsa, a.train(env, episodes));
      add(q, b.train(env, episodes));
      add(exp, c.train(env, episodes));
      if (run == 0) {
        sarsaPath = Rollouts.path(env, a.greedyPolicy(), 100);
        qPath = Rollouts.path(env, b.greedyPolicy(), 100);
      }
    }
    for (double[] r : List.of(sarsa, q, exp)) for (int e = 0; e < episodes; e++) r[e] /= runs;
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "CliffWalking-v0, alpha %s, epsilon %s, gamma %s, %d episodes x %d runs%n",
        alpha,
        epsilon,
        gamma,
        episodes,
        runs);
    out.println("greedy paths of run 1 (S: SARSA, Q: Q-learning, *: both, C: cliff):");
    out.print(grid(sarsaPath, qPath));
    out.printf(Locale.ROOT, "  SARSA      %s%n", describe(sarsaPath));
    out.printf(Locale.ROOT, "  Q-learning %s%n", describe(qPath));
    int from = Math.min(episodes - 1, episodes / 5);
    out.printf(
        Locale.ROOT,
        "mean online return per episode, episodes %d-%d:%n  SARSA %.1f   Q-learning %.1f"
            + "   Expected SARSA %.1f%n",
        from + 1,
        episodes,
        mean(sarsa, from),
        mean(q, from),
        mean(exp, from));
    drawPaths(paths, sarsaPath, qPath);
    LinePlot.write(
        plot,
        String.format(
            Locale.ROOT,
            "CliffWalking-v0: online return per episode, mean of %d runs, moving average of %d",
            runs,
            smooth),
        "episode",
        "sum of rewards during episode",
        List.of(
            new LinePlot.Curve("SARSA", smoothed(sarsa), new Color(30, 110, 200)),
            new LinePlot.Curve("Q-learning", smoothed(q), new Color(210, 60, 40)),
            new LinePlot.Curve("Expected SARSA", smoothed(exp), new Color(40, 150, 60))),
        -100);
    out.println("paths written to " + paths);
    out.println("plot written to " + plot);
    return 0;
  }

  /** The mean of each episode and the {@code smooth - 1} before it (fewer at the start). */
  private double[] smoothed(double[] r) {
    double[] out = new double[r.length];
    double sum = 0;
    for (int i = 0; i < r.length; i++) {
      sum += r[i];
      if (i >= smooth) sum -= r[i - smooth];
      out[i] = sum / Math.min(i + 1, smooth);
    }
    return out;
  }

  private static void add(double[] sum, double[] x) {
    for (int i = 0; i < sum.length; i++) sum[i] += x[i];
  }

  private static double mean(double[] r, int from) {
    return Arrays.stream(r, from, r.length).average().orElse(Double.NaN);
  }

  /** The 4x12 grid with the cells of both paths marked. */
  static String grid(int[] sarsa, int[] q) {
    StringBuilder b = new StringBuilder();
    for (int r = 0; r < CliffWalking.ROWS; r++) {
      b.append("  ");
      for (int c = 0; c < CliffWalking.COLS; c++) {
        int s = r * CliffWalking.COLS + c;
        boolean inS = contains(sarsa, s), inQ = contains(q, s);
        char ch = inS && inQ ? '*' : inS ? 'S' : inQ ? 'Q' : CliffWalking.isCliff(r, c) ? 'C' : '.';
        b.append(ch).append(c < CliffWalking.COLS - 1 ? " " : "\n");
      }
    }
    return b.toString();
  }

  private static boolean contains(int[] path, int s) {
    for (int x : path) if (x == s) return true;
    return false;
  }

  private static String describe(int[] path) {
    int last = path[path.length - 1];
    return last == CliffWalking.GOAL
        ? (path.length - 1) + " steps to the goal, return " + (-(path.length - 1))
        : "does not reach the goal (stops repeating state " + last + ")";
  }

  private static void drawPaths(Path file, int[] sarsa, int[] q) throws IOException {
    CliffWalking cliff = new CliffWalking();
    cliff.reset(0);
    BufferedImage img = cliff.frame();
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    line(g, sarsa, new Color(30, 110, 200), -5);
    line(g, q, new Color(210, 60, 40), 5);
    g.setColor(Color.BLACK);
    g.drawString("blue: SARSA   red: Q-learning", 6, 14);
    g.dispose();
    AtomicFiles.write(
        file,
        out -> {
          if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer in this JDK");
        });
  }

  /** The path as a polyline through cell centres, shifted so two paths stay apart. */
  private static void line(Graphics2D g, int[] path, Color colour, int shift) {
    g.setColor(colour);
    g.setStroke(new BasicStroke(4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    for (int i = 1; i < path.length; i++) {
      int[] a =
          GridPicture.centre(path[i - 1] / CliffWalking.COLS, path[i - 1] % CliffWalking.COLS);
      int[] b = GridPicture.centre(path[i] / CliffWalking.COLS, path[i] % CliffWalking.COLS);
      g.drawLine(a[0] + shift, a[1] + shift, b[0] + shift, b[1] + shift);
    }
  }
}
