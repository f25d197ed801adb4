package dev.dendrite.cli;

import dev.dendrite.io.AtomicFiles;
import dev.dendrite.rl.Env;
import dev.dendrite.rl.Envs;
import dev.dendrite.rl.agent.Plan;
import dev.dendrite.rl.agent.QLearning;
import dev.dendrite.rl.agent.Rollouts;
import dev.dendrite.rl.agent.TdSettings;
import dev.dendrite.rl.agent.ValueIteration;
import dev.dendrite.rl.env.FrozenLake;
import dev.dendrite.rl.env.GridPicture;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite rl demo frozenlake}: Q-learning's greedy policy against value iteration's optimal
 * one, as arrows on the lake, and both success rates measured by running them.
 */
@Command(
    name = "frozenlake",
    mixinStandardHelpOptions = true,
    description = {
      "Q-learning on FrozenLake against value iteration's optimal policy: both policies as arrows",
      "on the lake (PNG) and their success rates over evaluation episodes."
    })
final class RlDemoFrozenLakeCommand implements Callable<Integer> {
  @Option(
      names = "--map",
      defaultValue = "4x4",
      description =
          "4x4 (FrozenLake-v1, 100-step limit) or 8x8 (FrozenLake8x8-v1, 200)"
              + " (default: ${DEFAULT-VALUE}).")
  String map;

  @Option(
      names = "--slippery",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Slippery ice (default: ${DEFAULT-VALUE}; --no-slippery for solid ice).")
  boolean slippery;

  @Option(
      names = "--episodes",
      description = "Q-learning episodes (default: 20000 on 4x4, 100000 on 8x8).")
  Integer episodes;

  @Option(
      names = "--eval",
      defaultValue = "10000",
      description = "Evaluation episodes per policy (default: ${DEFAULT-VALUE}).")
  int eval;

  @Option(
      names = "--gamma",
      defaultValue = "0.999",
      description =
          "Discount of both Q-learning and value iteration, in [0, 1); close to 1, the optimal"
              + " policy is the one that most often reaches the goal (default: ${DEFAULT-VALUE}).")
  double gamma;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      defaultValue = "frozenlake-policies.png",
      description = "PNG file for the two policies (default: ${DEFAULT-VALUE}).")
  Path file;

  @Mixin Options.Seed seed;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (!map.equals("4x4") && !map.equals("8x8"))
      throw Shared.usage(spec, "--map must be 4x4 or 8x8, got " + map);
    int n = episodes != null ? episodes : map.equals("4x4") ? 20_000 : 100_000;
    if (n < 1 || eval < 1) throw Shared.usage(spec, "--episodes and --eval must be >= 1");
    TdSettings settings;
    try {
      // Both rates decay linearly over all the episodes: explore first, then settle.
      settings = new TdSettings(0.1, 0.01, gamma, 1.0, 0.05, n);
    } catch (IllegalArgumentException e) {
      throw Shared.usage(spec, e.getMessage().replace("TdSettings: ", ""));
    }
    String id = map.equals("4x4") ? "FrozenLake-v1" : "FrozenLake8x8-v1";
    Env<Integer, Integer> env = Envs.make(id, Map.of("is_slippery", slippery));
    FrozenLake lake = (FrozenLake) env.unwrapped();
    long t0 = System.nanoTime();
    // gamma = 1 would make every policy that never falls in a hole optimal, even one that walks
    // into a wall forever; a discount just below 1 also prefers reaching the goal soon.
    if (!(gamma < 1)) throw Shared.usage(spec, "--gamma must be below 1, got " + gamma);
    Plan vi = ValueIteration.solve(lake, gamma, 1e-10);
    QLearning q = new QLearning(lake.numStates(), 4, settings, seed.seed);
    q.train(env, n);
    double seconds = (System.nanoTime() - t0) / 1e9;
    int[] learned = q.greedyPolicy();
    double optimum = Rollouts.meanReturn(env, vi.policy(), eval, seed.seed + 1);
    double rate = Rollouts.meanReturn(env, learned, eval, seed.seed + 1);
    int differ = 0, cells = 0;
    for (int s = 0; s < learned.length; s++) {
      char c = lake.cell(s / lake.cols(), s % lake.cols());
      if (c == 'H' || c == 'G') continue;
      cells++;
      if (learned[s] != vi.policy()[s]) differ++;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "%s %s%s: Q-learning, %d episodes (gamma %s, alpha 0.1 -> 0.01, epsilon 1 -> 0.05),"
            + " %.1f s%n",
        id,
        map,
        slippery ? " slippery" : "",
        n,
        gamma,
        seconds);
    out.printf(
        Locale.ROOT,
        "success rate over %d episodes: value iteration %.4f, Q-learning %.4f (difference"
            + " %+.4f)%n",
        eval,
        optimum,
        rate,
        rate - optimum);
    out.printf(
        Locale.ROOT,
        "value iteration's value of the start (discounted success probability): %.4f%n",
        vi.values()[0]);
    out.printf("greedy actions that differ: %d of %d cells%n", differ, cells);
    out.println("Q-learning        value iteration");
    String[] a = arrows(lake, learned).split("\n"), b = arrows(lake, vi.policy()).split("\n");
    for (int r = 0; r < a.length; r++) out.printf("%-18s%s%n", a[r], b[r]);
    draw(file, lake, learned, vi.policy());
    out.println("picture written to " + file);
    return 0;
  }

  private static final char[] ARROW = {'<', 'v', '>', '^'};
  private static final int[][] DIR = {{0, -1}, {1, 0}, {0, 1}, {-1, 0}};

  private static String arrows(FrozenLake lake, int[] policy) {
    StringBuilder b = new StringBuilder();
    for (int r = 0; r < lake.rows(); r++) {
      for (int c = 0; c < lake.cols(); c++) {
        char cell = lake.cell(r, c);
        b.append(cell == 'H' || cell == 'G' ? cell : ARROW[policy[r * lake.cols() + c]]);
        b.append(' ');
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static void draw(Path file, FrozenLake lake, int[] learned, int[] optimal)
      throws IOException {
    int gap = GridPicture.CELL, top = 24;
    int w = lake.cols() * GridPicture.CELL;
    BufferedImage left = grid(lake, learned, new Color(210, 60, 40));
    BufferedImage right = grid(lake, optimal, new Color(30, 110, 200));
    BufferedImage img =
        new BufferedImage(2 * w + gap, left.getHeight() + top, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.drawImage(left, 0, top, null);
    g.drawImage(right, w + gap, top, null);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.drawString("Q-learning (greedy)", 4, 17);
    g.drawString("value iteration (optimal)", w + gap + 4, 17);
    g.dispose();
    AtomicFiles.write(
        file,
        out -> {
          if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer in this JDK");
        });
  }

  private static BufferedImage grid(FrozenLake lake, int[] policy, Color colour) {
    BufferedImage img = lake.mapPicture();
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    for (int r = 0; r < lake.rows(); r++)
      for (int c = 0; c < lake.cols(); c++) {
        char cell = lake.cell(r, c);
        if (cell == 'H' || cell == 'G') continue;
        int a = policy[r * lake.cols() + c];
        GridPicture.arrow(g, r, c, DIR[a][0], DIR[a][1], colour);
      }
    g.dispose();
    return img;
  }
}
