package dev.dendrite.rl.agent.deep;

import static dev.dendrite.rl.agent.deep.HyperParameters.bool;
import static dev.dendrite.rl.agent.deep.HyperParameters.integer;
import static dev.dendrite.rl.agent.deep.HyperParameters.positive;
import static dev.dendrite.rl.agent.deep.HyperParameters.real;

import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.RMSprop;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Advantage actor-critic (Mnih et al. 2016, synchronous) as Stable-Baselines3's {@code A2C}: {@code
 * n_envs} copies run {@code n_steps} steps, the n-step returns bootstrapped from the last value
 * (GAE when {@code gae_lambda} < 1) give advantages {@code R − V(s)}, and one RMSprop step (alpha
 * 0.99, eps {@code rms_prop_eps}) on the whole rollout minimises {@code −mean(A log π(a|s)) +
 * vf_coef·MSE(R, V) − ent_coef·entropy}, gradients clipped to {@code max_grad_norm}.
 *
 * <p>The defaults are Stable-Baselines3's, with rl-baselines3-zoo's {@code n_envs: 8} for
 * CartPole-v1.
 */
public final class A2c extends PolicyGradientAgent {
  /** The hyper-parameters with their defaults and ranges. */
  public static HyperParameters defaults() {
    double inf = Double.POSITIVE_INFINITY;
    return new HyperParameters(
        "a2c",
        List.of(
            positive("learning_rate", 7e-4, "RMSprop's step size"),
            integer("n_envs", 8, 1, 1024, "parallel environment copies"),
            integer("n_steps", 5, 1, 1_000_000, "steps per copy per update (the n of n-step)"),
            real("gamma", 0.99, 0, 1, "discount factor"),
            real("gae_lambda", 1.0, 0, 1, "GAE's lambda (1: n-step returns)"),
            real("ent_coef", 0.0, 0, inf, "entropy bonus weight"),
            real("vf_coef", 0.5, 0, inf, "value loss weight"),
            positive("max_grad_norm", 0.5, "gradient norm clip"),
            positive("rms_prop_eps", 1e-5, "RMSprop's epsilon"),
            bool("normalize_advantage", false, "normalise advantages per update"),
            integer("net_layers", 2, 0, 16, "hidden layers of each network"),
            integer("net_width", 64, 1, 65536, "units per hidden layer")));
  }

  public A2c(String envId, HyperParameters hp, long seed) {
    super(envId, hp, seed);
  }

  @Override
  public String name() {
    return "a2c";
  }

  @Override
  public void learn(long steps, long seed, LearnListener listener) {
    checkSteps(steps);
    int n = hp.getInt("n_envs");
    int nSteps = hp.getInt("n_steps");
    double gamma = hp.get("gamma");
    double lambda = hp.get("gae_lambda");
    double entCoef = hp.get("ent_coef");
    double vfCoef = hp.get("vf_coef");
    double maxNorm = hp.get("max_grad_norm");
    boolean normalize = hp.getBool("normalize_advantage");
    Rng rng = learnRng(seed);
    EnvPool env = new EnvPool(envId, n, seed);
    EpisodeStats stats = new EpisodeStats(n, listener);
    Rollout ro = new Rollout(nSteps, n, obsSize, actions);
    Optimizer opt =
        new RMSprop(hp.get("learning_rate"), 0.99, hp.get("rms_prop_eps"), 0, 0, false)
            .create(net.parameters());
    int size = nSteps * n;
    int[] rows = identity(size);
    long logEvery = Math.max(size, Math.min(1000, steps / 100));
    long start = System.nanoTime(), nextLog = logEvery;
    double pgSum = 0, vSum = 0, entSum = 0;
    int updates = 0;
    long t = 0;
    while (t < steps) {
      ro.collect(net, env, rng, gamma, stats, t);
      t += size;
      float[] ret, adv;
      if (lambda == 1) {
        ret = Returns.nStep(ro.rewards, ro.done, ro.lastValues, gamma, n);
        adv = new float[size];
        for (int k = 0; k < size; k++) adv[k] = ret[k] - ro.values[k];
      } else {
        adv = Returns.gae(ro.rewards, ro.values, ro.done, ro.lastValues, gamma, lambda, n);
        ret = new float[size];
        for (int k = 0; k < size; k++) ret[k] = adv[k] + ro.values[k];
      }
      Tensor x = ro.observations(rows, 0, size);
      Categorical dist = new Categorical(net.forward(x));
      Tensor advT = Ppo.advantages(adv, rows, 0, size, normalize);
      Tensor pg = dist.logProb(ro.actions(rows, 0, size)).mul(advT).mean().neg();
      Tensor vLoss = net.value(x).sub(Tensor.wrap(ret, size)).square().mean();
      Tensor ent = dist.entropy().mean();
      update(opt, pg, vLoss, ent, vfCoef, entCoef, maxNorm);
      pgSum += pg.item();
      vSum += vLoss.item();
      entSum += ent.item();
      updates++;
      if (t >= nextLog || t >= steps) {
        nextLog += logEvery;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("policy_loss", pgSum / updates);
        m.put("value_loss", vSum / updates);
        m.put("entropy", entSum / updates);
        pgSum = vSum = entSum = 0;
        updates = 0;
        listener.progress(progress(Math.min(t, steps), steps, stats, m, start));
      }
    }
  }
}
