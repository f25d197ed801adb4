package dev.dendrite.rl.agent.deep;

import static dev.dendrite.rl.agent.deep.HyperParameters.bool;
import static dev.dendrite.rl.agent.deep.HyperParameters.integer;
import static dev.dendrite.rl.agent.deep.HyperParameters.positive;
import static dev.dendrite.rl.agent.deep.HyperParameters.real;

import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Proximal policy optimisation (Schulman et al. 2017) as Stable-Baselines3's {@code PPO}: {@code
 * n_envs} copies run {@code n_steps} steps each, GAE(λ) gives advantages and value targets, then
 * {@code n_epochs} passes over the rollout in shuffled minibatches of {@code batch_size} minimise
 * the clipped surrogate ({@link PpoLoss}) plus {@code vf_coef} times the value loss minus {@code
 * ent_coef} times the entropy, with Adam (eps 1e-5) and gradients clipped to {@code max_grad_norm}.
 * Advantages are normalised per minibatch; {@code clip_range_vf} > 0 clips the value change; {@code
 * linear_schedule} decays the learning rate and the clip range linearly to 0 over the run (rl-zoo's
 * {@code lin_}).
 *
 * <p>The defaults are rl-baselines3-zoo's tuned settings for CartPole-v1.
 */
public final class Ppo extends PolicyGradientAgent {
  /** The hyper-parameters with their defaults and ranges. */
  public static HyperParameters defaults() {
    double inf = Double.POSITIVE_INFINITY;
    return new HyperParameters(
        "ppo",
        List.of(
            positive("learning_rate", 1e-3, "Adam's step size (at the start)"),
            bool("linear_schedule", true, "decay learning_rate and clip_range to 0"),
            integer("n_envs", 8, 1, 1024, "parallel environment copies"),
            integer("n_steps", 32, 1, 1_000_000, "steps per copy per rollout"),
            integer("batch_size", 256, 1, 10_000_000, "minibatch size"),
            integer("n_epochs", 20, 1, 1000, "passes over each rollout"),
            real("gamma", 0.98, 0, 1, "discount factor"),
            real("gae_lambda", 0.8, 0, 1, "GAE's lambda"),
            positive("clip_range", 0.2, "policy ratio clip epsilon (at the start)"),
            real("clip_range_vf", 0, 0, inf, "value clip (0: none)"),
            bool("normalize_advantage", true, "normalise advantages per minibatch"),
            real("ent_coef", 0.0, 0, inf, "entropy bonus weight"),
            real("vf_coef", 0.5, 0, inf, "value loss weight"),
            positive("max_grad_norm", 0.5, "gradient norm clip"),
            integer("net_layers", 2, 0, 16, "hidden layers of each network"),
            integer("net_width", 64, 1, 65536, "units per hidden layer")));
  }

  public Ppo(String envId, HyperParameters hp, long seed) {
    super(envId, hp, seed);
  }

  @Override
  public String name() {
    return "ppo";
  }

  @Override
  public void learn(long steps, long seed, LearnListener listener) {
    checkSteps(steps);
    int n = hp.getInt("n_envs");
    int nSteps = hp.getInt("n_steps");
    int batchSize = hp.getInt("batch_size");
    int epochs = hp.getInt("n_epochs");
    double gamma = hp.get("gamma");
    double lambda = hp.get("gae_lambda");
    double lr0 = hp.get("learning_rate");
    double clip0 = hp.get("clip_range");
    double clipVf = hp.get("clip_range_vf");
    boolean linear = hp.getBool("linear_schedule");
    boolean normalize = hp.getBool("normalize_advantage");
    double entCoef = hp.get("ent_coef");
    double vfCoef = hp.get("vf_coef");
    double maxNorm = hp.get("max_grad_norm");

    Rng rng = learnRng(seed);
    EnvPool env = new EnvPool(envId, n, seed);
    EpisodeStats stats = new EpisodeStats(n, listener);
    Rollout ro = new Rollout(nSteps, n, obsSize, actions);
    Optimizer opt = new Adam(lr0).withEps(1e-5).create(net.parameters());
    int size = nSteps * n;
    int[] rows = new int[size];
    long start = System.nanoTime();
    long t = 0;
    while (t < steps) {
      ro.collect(net, env, rng, gamma, stats, t);
      t += size;
      double remaining = linear ? Math.max(0, 1 - (double) t / steps) : 1;
      opt.setLr(lr0 * remaining);
      double clip = Math.max(clip0 * remaining, 1e-8);
      float[] adv = Returns.gae(ro.rewards, ro.values, ro.done, ro.lastValues, gamma, lambda, n);
      float[] ret = new float[size];
      for (int k = 0; k < size; k++) ret[k] = adv[k] + ro.values[k];
      double pgSum = 0, vSum = 0, entSum = 0;
      int updates = 0;
      for (int e = 0; e < epochs; e++) {
        for (int k = 0; k < size; k++) rows[k] = k;
        rng.shuffle(rows);
        for (int from = 0; from < size; from += batchSize) {
          int count = Math.min(batchSize, size - from);
          Tensor x = ro.observations(rows, from, count);
          Tensor a = ro.actions(rows, from, count);
          Tensor oldLogp = Rollout.pick(ro.logProbs, rows, from, count);
          Tensor oldV = Rollout.pick(ro.values, rows, from, count);
          Tensor target = Rollout.pick(ret, rows, from, count);
          Tensor advT = advantages(adv, rows, from, count, normalize);
          Categorical dist = new Categorical(net.forward(x));
          Tensor pg = PpoLoss.clipped(dist.logProb(a), oldLogp, advT, clip);
          Tensor vLoss =
              PpoLoss.value(net.value(x), oldV, target, clipVf > 0 ? clipVf : Double.NaN);
          Tensor ent = dist.entropy().mean();
          update(opt, pg, vLoss, ent, vfCoef, entCoef, maxNorm);
          pgSum += pg.item();
          vSum += vLoss.item();
          entSum += ent.item();
          updates++;
        }
      }
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("policy_loss", pgSum / updates);
      m.put("value_loss", vSum / updates);
      m.put("entropy", entSum / updates);
      m.put("learning_rate", opt.lr());
      listener.progress(progress(Math.min(t, steps), steps, stats, m, start));
    }
  }

  /** The minibatch's advantages, normalised to mean 0 and (unbiased) std 1 when asked. */
  static Tensor advantages(float[] adv, int[] rows, int from, int count, boolean normalize) {
    float[] x = new float[count];
    for (int j = 0; j < count; j++) x[j] = adv[rows[from + j]];
    if (normalize && count > 1) {
      double mean = 0, var = 0;
      for (float v : x) mean += v;
      mean /= count;
      for (float v : x) var += (v - mean) * (v - mean);
      double std = Math.sqrt(var / (count - 1));
      for (int j = 0; j < count; j++) x[j] = (float) ((x[j] - mean) / (std + 1e-8));
    }
    return Tensor.wrap(x, count);
  }
}
