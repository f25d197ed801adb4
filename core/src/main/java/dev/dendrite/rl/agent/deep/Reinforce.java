package dev.dendrite.rl.agent.deep;

import static dev.dendrite.rl.agent.deep.HyperParameters.bool;
import static dev.dendrite.rl.agent.deep.HyperParameters.integer;
import static dev.dendrite.rl.agent.deep.HyperParameters.positive;
import static dev.dendrite.rl.agent.deep.HyperParameters.real;

import dev.dendrite.autograd.Grad;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * REINFORCE (Williams 1992) with a learned baseline: whole episodes are played with the current
 * policy; every {@code episodes_per_update} episodes one Adam step minimises {@code −mean((G_t −
 * V(s_t)) log π(a_t|s_t)) + vf_coef·MSE(G_t, V(s_t)) − ent_coef·entropy}, where {@code G_t} is the
 * discounted Monte-Carlo return from step {@code t}. The baseline lowers the variance of the
 * gradient without biasing it, since it does not depend on the action.
 */
public final class Reinforce extends PolicyGradientAgent {
  /** The hyper-parameters with their defaults and ranges. */
  public static HyperParameters defaults() {
    double inf = Double.POSITIVE_INFINITY;
    return new HyperParameters(
        "reinforce",
        List.of(
            positive("learning_rate", 1e-3, "Adam's step size"),
            real("gamma", 0.99, 0, 1, "discount factor"),
            integer("episodes_per_update", 4, 1, 100_000, "episodes per gradient step"),
            real("ent_coef", 0.0, 0, inf, "entropy bonus weight"),
            real("vf_coef", 0.5, 0, inf, "baseline loss weight"),
            positive("max_grad_norm", 0.5, "gradient norm clip"),
            bool("normalize_advantage", true, "normalise G - V per update"),
            integer("net_layers", 2, 0, 16, "hidden layers of each network"),
            integer("net_width", 64, 1, 65536, "units per hidden layer")));
  }

  public Reinforce(String envId, HyperParameters hp, long seed) {
    super(envId, hp, seed);
  }

  @Override
  public String name() {
    return "reinforce";
  }

  @Override
  public void learn(long steps, long seed, LearnListener listener) {
    checkSteps(steps);
    double gamma = hp.get("gamma");
    int perUpdate = hp.getInt("episodes_per_update");
    double entCoef = hp.get("ent_coef");
    double vfCoef = hp.get("vf_coef");
    double maxNorm = hp.get("max_grad_norm");
    boolean normalize = hp.getBool("normalize_advantage");
    Rng rng = learnRng(seed);
    EnvPool env = new EnvPool(envId, 1, seed);
    EpisodeStats stats = new EpisodeStats(1, listener);
    Optimizer opt = new Adam(hp.get("learning_rate")).create(net.parameters());
    Tensor in = Tensor.wrap(env.obs, 1, obsSize);
    int[] act = new int[1];
    FloatList obs = new FloatList(), rewards = new FloatList(), actionsTaken = new FloatList();
    FloatList returns = new FloatList();
    int episodeStart = 0, episodes = 0;
    long logEvery = Math.max(1, Math.min(1000, steps / 100)), start = System.nanoTime();
    double pgSum = 0, vSum = 0;
    int updates = 0;
    for (long t = 1; t <= steps; t++) {
      obs.addAll(env.obs);
      float[] logits;
      try (var off = Grad.disabled()) {
        logits = net.forward(in).toArray();
      }
      Categorical.sample(logits, 1, actions, rng, act);
      env.step(act);
      actionsTaken.add(act[0]);
      // A time limit cut is treated as the episode's end: Monte-Carlo returns have no bootstrap.
      rewards.add((float) env.rewards[0]);
      stats.add(0, env.rewards[0], env.done(0), t);
      if (env.done(0)) {
        float[] g = Returns.discounted(rewards.slice(episodeStart, rewards.size()), gamma);
        returns.addAll(g);
        episodeStart = rewards.size();
        episodes++;
        if (episodes == perUpdate) {
          int size = rewards.size();
          Tensor x = Tensor.wrap(obs.slice(0, size * obsSize), size, obsSize);
          Tensor gT = Tensor.wrap(returns.slice(0, size), size);
          Tensor v = net.value(x);
          float[] adv = v.detach().toArray();
          float[] gr = returns.slice(0, size);
          for (int k = 0; k < size; k++) adv[k] = gr[k] - adv[k];
          int[] rows = identity(size);
          Tensor advT = Ppo.advantages(adv, rows, 0, size, normalize);
          Categorical dist = new Categorical(net.forward(x));
          Tensor a = Tensor.wrap(actionsTaken.slice(0, size), size);
          Tensor pg = dist.logProb(a).mul(advT).mean().neg();
          Tensor vLoss = v.sub(gT).square().mean();
          update(opt, pg, vLoss, dist.entropy().mean(), vfCoef, entCoef, maxNorm);
          pgSum += pg.item();
          vSum += vLoss.item();
          updates++;
          obs.clear();
          rewards.clear();
          actionsTaken.clear();
          returns.clear();
          episodeStart = 0;
          episodes = 0;
        }
      }
      if (t % logEvery == 0 || t == steps) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (updates > 0) {
          m.put("policy_loss", pgSum / updates);
          m.put("value_loss", vSum / updates);
        }
        pgSum = vSum = 0;
        updates = 0;
        listener.progress(progress(t, steps, stats, m, start));
      }
    }
  }

  /** A growable float array. */
  private static final class FloatList {
    private float[] a = new float[1024];
    private int n;

    void add(float v) {
      if (n == a.length) a = java.util.Arrays.copyOf(a, 2 * n);
      a[n++] = v;
    }

    void addAll(float[] v) {
      for (float x : v) add(x);
    }

    int size() {
      return n;
    }

    float[] slice(int from, int to) {
      return java.util.Arrays.copyOfRange(a, from, to);
    }

    void clear() {
      n = 0;
    }
  }
}
