package dev.dendrite.cli;

import dev.dendrite.rl.agent.deep.Agent;
import dev.dendrite.rl.agent.deep.AgentArchive;
import dev.dendrite.rl.agent.deep.Evaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dendrite rl eval}: the mean and spread of a saved agent's return. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description =
        "Run a saved agent's deterministic policy for whole episodes; report the mean and standard"
            + " deviation of the return.")
final class RlEvalCommand implements Callable<Integer> {
  /** Evaluation episodes start from reset(EVAL_SEED + k), apart from any training seed. */
  static final long EVAL_SEED = 1_000_000;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "Agent (.dnd).")
  Path model;

  @Option(
      names = "--episodes",
      defaultValue = "100",
      description = "Episodes (default: ${DEFAULT-VALUE}).")
  int episodes;

  @Option(
      names = "--seed",
      defaultValue = "1000000",
      description = "Episode k starts from reset(seed + k) (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin Options.ThreadCount threads;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    threads.apply();
    if (episodes < 1) throw Shared.usage(spec, "--episodes must be >= 1, got " + episodes);
    Agent a = AgentArchive.load(model);
    Evaluation ev = Evaluation.run(a, episodes, seed);
    double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
    for (double r : ev.returns()) {
      min = Math.min(min, r);
      max = Math.max(max, r);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "%s on %s: mean return %.2f ± %.2f over %d episodes (min %.1f, max %.1f)%n",
        a.name(),
        a.envId(),
        ev.mean(),
        ev.std(),
        episodes,
        min,
        max);
    out.flush();
    return 0;
  }
}
