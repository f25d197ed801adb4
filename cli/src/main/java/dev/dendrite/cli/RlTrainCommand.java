package dev.dendrite.cli;

import dev.dendrite.rl.Envs;
import dev.dendrite.rl.agent.deep.Agent;
import dev.dendrite.rl.agent.deep.Agents;
import dev.dendrite.rl.agent.deep.Evaluation;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dendrite rl train}: trains a deep agent on an environment and saves it. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train a deep agent (dqn, reinforce, a2c, ppo) on an environment, with a progress bar of the"
          + " running mean return.",
      "Defaults are rl-baselines3-zoo's tuned CartPole-v1 settings; --hp NAME=VALUE changes one"
          + " (--list-hp shows them)."
    })
final class RlTrainCommand implements Callable<Integer> {
  @Option(
      names = "--env",
      defaultValue = "CartPole-v1",
      description = "Environment (default: ${DEFAULT-VALUE}).")
  String env;

  @Option(
      names = "--agent",
      defaultValue = "dqn",
      description = "Agent: dqn, reinforce, a2c or ppo (default: ${DEFAULT-VALUE}).")
  String agent;

  @Option(
      names = "--steps",
      defaultValue = "100000",
      description = "Environment steps to learn for (default: ${DEFAULT-VALUE}).")
  long steps;

  @Option(
      names = "--hp",
      paramLabel = "NAME=VALUE",
      description = "Set a hyper-parameter (repeatable), e.g. --hp gamma=0.98 --hp double_q=true.")
  Map<String, String> hp = new LinkedHashMap<>();

  @Option(names = "--list-hp", description = "List the agent's hyper-parameters and exit.")
  boolean listHp;

  @Option(names = "--output", paramLabel = "FILE", description = "Save the agent (.dnd).")
  Path output;

  @Option(
      names = "--metrics-log",
      paramLabel = "FILE",
      description = "Append JSON lines: progress reports and every episode's return.")
  Path metricsLog;

  @Option(
      names = "--curve",
      paramLabel = "FILE",
      description = "Write the learning curve (return against environment steps) as PNG.")
  Path curve;

  @Option(
      names = "--eval-episodes",
      defaultValue = "10",
      description =
          "Evaluate the trained agent's deterministic policy over N episodes (0: skip; default:"
              + " ${DEFAULT-VALUE}).")
  int evalEpisodes;

  @Option(
      names = "--eval-freq",
      paramLabel = "STEPS",
      defaultValue = "0",
      description =
          "Every STEPS env steps, evaluate over --eval-episodes episodes and keep the best weights"
              + " (rl-zoo's EvalCallback; 0: keep the last; default: ${DEFAULT-VALUE}).")
  long evalFreq;

  @Mixin Options.Seed seed;
  @Mixin Options.ThreadCount threads;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    threads.apply();
    PrintWriter out = spec.commandLine().getOut();
    if (listHp) {
      try {
        Agents.defaults(agent).describe().forEach(out::println);
      } catch (IllegalArgumentException e) {
        throw Shared.usage(spec, "--agent: " + e.getMessage());
      }
      out.flush();
      return 0;
    }
    if (steps < 1) throw Shared.usage(spec, "--steps must be >= 1, got " + steps);
    if (evalFreq < 0) throw Shared.usage(spec, "--eval-freq must be >= 0, got " + evalFreq);
    if (evalFreq > 0 && evalEpisodes < 1)
      throw Shared.usage(spec, "--eval-freq needs --eval-episodes >= 1");
    if (evalEpisodes < 0)
      throw Shared.usage(spec, "--eval-episodes must be >= 0, got " + evalEpisodes);
    Agent a;
    try {
      Envs.spec(env);
    } catch (IllegalArgumentException e) {
      throw Shared.usage(spec, "--env: " + e.getMessage());
    }
    try {
      a = Agents.create(agent, env, hp, seed.seed);
    } catch (IllegalArgumentException e) {
      throw Shared.usage(
          spec, (Agents.names().contains(agent) ? "--hp: " : "--agent: ") + e.getMessage());
    }
    out.printf(Locale.ROOT, "%s on %s, %d steps, seed %d%n", agent, env, steps, seed.seed);
    out.println("hyper-parameters: " + a.hyperParameters().asText());
    Writer log = null;
    if (metricsLog != null) {
      Path dir = metricsLog.toAbsolutePath().getParent();
      if (dir != null) Files.createDirectories(dir);
      log =
          Files.newBufferedWriter(
              metricsLog,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND);
    }
    try {
      RlProgress progress = new RlProgress(out, Shared.terminal(), log);
      long start = System.nanoTime();
      RlBestKeeper keeper =
          evalFreq > 0 ? new RlBestKeeper(a, progress, evalFreq, evalEpisodes, out) : null;
      a.learn(steps, seed.seed, keeper != null ? keeper : progress);
      double seconds = (System.nanoTime() - start) / 1e9;
      out.printf(Locale.ROOT, "learned in %.1f s (%.0f env steps/s)%n", seconds, steps / seconds);
      if (keeper != null) out.println(keeper.restoreBest());
      if (output != null) {
        a.save(output);
        out.println("saved " + output);
      }
      if (curve != null) {
        RlCurve.write(curve, agent + " on " + env + ", seed " + seed.seed, progress.points);
        out.println("wrote " + curve);
      }
      if (evalEpisodes > 0) {
        Evaluation ev = Evaluation.run(a, evalEpisodes, RlEvalCommand.EVAL_SEED);
        out.printf(
            Locale.ROOT,
            "evaluation over %d episodes: mean return %.2f ± %.2f%n",
            evalEpisodes,
            ev.mean(),
            ev.std());
        if (log != null)
          log.write(
              String.format(
                  Locale.ROOT,
                  "{\"event\":\"eval\",\"episodes\":%d,\"mean_return\":%s,\"std_return\":%s}%n",
                  evalEpisodes,
                  ev.mean(),
                  ev.std()));
      }
    } finally {
      if (log != null) log.close();
    }
    out.flush();
    return 0;
  }
}
