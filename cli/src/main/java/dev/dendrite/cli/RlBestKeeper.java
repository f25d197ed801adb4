package dev.dendrite.cli;

import dev.dendrite.autograd.Grad;
import dev.dendrite.rl.agent.deep.Agent;
import dev.dendrite.rl.agent.deep.Evaluation;
import dev.dendrite.rl.agent.deep.LearnListener;
import dev.dendrite.rl.agent.deep.Progress;
import dev.dendrite.tensor.Tensor;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code rl train --eval-freq}: evaluates the agent's deterministic policy every so many
 * environment steps while it learns and keeps the weights of the best evaluation, as
 * rl-baselines3-zoo's {@code EvalCallback} keeps {@code best_model}. Evaluation episodes are extra
 * episodes on a separate environment; they are not counted as training steps.
 */
final class RlBestKeeper implements LearnListener {
  private final Agent agent;
  private final LearnListener inner;
  private final long every;
  private final int episodes;
  private final PrintWriter out;
  private long next;
  private double best = Double.NEGATIVE_INFINITY;
  private long bestStep;
  private Map<String, Tensor> bestWeights;

  RlBestKeeper(Agent agent, LearnListener inner, long every, int episodes, PrintWriter out) {
    this.agent = agent;
    this.inner = inner;
    this.every = every;
    this.episodes = episodes;
    this.out = out;
    this.next = every;
  }

  @Override
  public void episode(long envStep, double ret, int length) {
    inner.episode(envStep, ret, length);
  }

  @Override
  public void progress(Progress p) {
    inner.progress(p);
    if (p.envSteps() < next && p.envSteps() < p.totalSteps()) return;
    while (next <= p.envSteps()) next += every;
    check(p.envSteps());
  }

  private void check(long step) {
    double mean = Evaluation.run(agent, episodes, RlEvalCommand.EVAL_SEED + 7_919).mean();
    out.printf(
        Locale.ROOT,
        "evaluation at %d steps: mean return %.2f over %d episodes%n",
        step,
        mean,
        episodes);
    out.flush();
    if (mean > best) {
      best = mean;
      bestStep = step;
      bestWeights = new LinkedHashMap<>();
      for (var e : agent.network().stateDict().entrySet())
        bestWeights.put(e.getKey(), e.getValue().detach().copy());
    }
  }

  /** Puts the best evaluation's weights back into the agent; returns a line saying which. */
  String restoreBest() {
    if (bestWeights == null) return "no evaluation ran";
    try (var off = Grad.disabled()) {
      for (var e : agent.network().stateDict().entrySet())
        e.getValue().copyFrom(bestWeights.get(e.getKey()));
    }
    return String.format(
        Locale.ROOT, "kept the weights of step %d (evaluation mean %.2f)", bestStep, best);
  }
}
