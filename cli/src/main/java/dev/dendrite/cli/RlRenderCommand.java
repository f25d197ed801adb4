package dev.dendrite.cli;

import dev.dendrite.rl.Env;
import dev.dendrite.rl.Envs;
import dev.dendrite.rl.Step;
import dev.dendrite.rl.agent.deep.Agent;
import dev.dendrite.rl.agent.deep.AgentArchive;
import dev.dendrite.rl.env.CartPole;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dendrite rl render}: one episode of a saved agent as an animated GIF. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = "Play one episode of a saved agent and write it as an animated GIF.")
final class RlRenderCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "FILE", description = "Agent (.dnd).")
  Path model;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "GIF to write.")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = "1000000",
      description = "The episode starts from reset(seed) (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--max-frames",
      defaultValue = "500",
      description = "Stop after this many steps (default: ${DEFAULT-VALUE}).")
  int maxFrames;

  @Option(
      names = "--every",
      defaultValue = "1",
      description = "Keep every N-th frame, for a smaller file (default: ${DEFAULT-VALUE}).")
  int every;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (maxFrames < 1) throw Shared.usage(spec, "--max-frames must be >= 1, got " + maxFrames);
    if (every < 1) throw Shared.usage(spec, "--every must be >= 1, got " + every);
    Agent a = AgentArchive.load(model);
    Env<Object, Integer> env = Envs.make(a.envId());
    List<BufferedImage> frames = new ArrayList<>();
    Object obs = env.reset(seed).observation();
    frames.add(frame(env));
    double ret = 0;
    int steps = 0;
    while (steps < maxFrames) {
      Step<Object> s = env.step(a.act(obs));
      ret += s.reward();
      steps++;
      if (steps % every == 0 || s.done()) frames.add(frame(env));
      if (s.done()) break;
      obs = s.observation();
    }
    Gif.write(out, frames, 20 * every); // CartPole's tau: 0.02 s per step
    PrintWriter w = spec.commandLine().getOut();
    w.printf(
        Locale.ROOT,
        "%s on %s: %d steps, return %.1f; wrote %s (%d frames)%n",
        a.name(),
        a.envId(),
        steps,
        ret,
        out,
        frames.size());
    w.flush();
    return 0;
  }

  /** The environment's own image if it draws one, else a sketch of a cart-pole. */
  private static BufferedImage frame(Env<?, ?> env) {
    try {
      return env.frame();
    } catch (UnsupportedOperationException e) {
      if (env.unwrapped() instanceof CartPole c) return CartPoleSketch.draw(c.state());
      throw new IllegalArgumentException(env.id() + ": no image rendering to make a GIF from");
    }
  }
}
