package dev.dendrite.rl.agent.deep;

import static dev.dendrite.rl.agent.deep.HyperParameters.bool;
import static dev.dendrite.rl.agent.deep.HyperParameters.integer;
import static dev.dendrite.rl.agent.deep.HyperParameters.positive;
import static dev.dendrite.rl.agent.deep.HyperParameters.real;

import dev.dendrite.autograd.Grad;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Parameter;
import dev.dendrite.nn.loss.HuberLoss;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Clip;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep Q-learning (Mnih et al. 2015) as Stable-Baselines3's {@code DQN}: ε-greedy acting with ε
 * falling linearly from {@code exploration_initial_eps} to {@code exploration_final_eps} over the
 * first {@code exploration_fraction} of the run, uniformly random actions before {@code
 * learning_starts}, a replay buffer, every {@code train_freq} steps {@code gradient_steps} Adam
 * updates of the Huber loss between {@code Q(s, a)} and the target (gradients clipped to norm
 * {@code max_grad_norm}), and a target network moved toward the online one every {@code
 * target_update_interval} steps by Polyak averaging with {@code tau} (1: a hard copy). Options:
 * Double DQN targets ({@code double_q}) and a dueling head ({@code dueling}).
 *
 * <p>The defaults are rl-baselines3-zoo's tuned settings for CartPole-v1.
 */
public final class Dqn extends Agent {
  /** The hyper-parameters with their defaults and ranges. */
  public static HyperParameters defaults() {
    double inf = Double.POSITIVE_INFINITY;
    return new HyperParameters(
        "dqn",
        List.of(
            positive("learning_rate", 2.3e-3, "Adam's step size"),
            integer("buffer_size", 100_000, 1, 100_000_000, "replay buffer capacity"),
            integer("learning_starts", 1000, 0, inf, "random steps before learning"),
            integer("batch_size", 64, 1, 1_000_000, "transitions per update"),
            new HyperParameters.Def(
                "tau", HyperParameters.Kind.REAL, 1.0, 0, true, 1, false, "Polyak coefficient"),
            real("gamma", 0.99, 0, 1, "discount factor"),
            integer("train_freq", 256, 1, inf, "env steps between training phases"),
            integer("gradient_steps", 128, 1, inf, "updates per training phase"),
            integer("target_update_interval", 10, 1, inf, "env steps between target updates"),
            real("exploration_fraction", 0.16, 0, 1, "share of the run over which eps falls"),
            real("exploration_initial_eps", 1.0, 0, 1, "eps at the start"),
            real("exploration_final_eps", 0.04, 0, 1, "eps at the end"),
            positive("max_grad_norm", 10, "gradient norm clip"),
            integer("net_layers", 2, 0, 16, "hidden layers"),
            integer("net_width", 256, 1, 65536, "units per hidden layer"),
            bool("double_q", false, "Double DQN targets"),
            bool("dueling", false, "dueling value/advantage head")));
  }

  private final QNetwork q;
  private final QNetwork target;

  /** A fresh agent for {@code envId}, weights drawn from {@code seed}. */
  public Dqn(String envId, HyperParameters hp, long seed) {
    super(envId, hp);
    int[] hidden = Mlp.widths(hp.getInt("net_layers"), hp.getInt("net_width"));
    boolean dueling = hp.getBool("dueling");
    this.q = new QNetwork(obsSize, hidden, actions, dueling, new Rng(seed));
    this.target = new QNetwork(obsSize, hidden, actions, dueling, new Rng(seed));
    copyInto(target, q, 1.0);
  }

  @Override
  public String name() {
    return "dqn";
  }

  @Override
  public Module network() {
    return q;
  }

  /** ε after {@code done} of {@code total} steps, as Stable-Baselines3's {@code get_linear_fn}. */
  static double epsilon(double start, double end, double fraction, long done, long total) {
    double progress = (double) done / total;
    if (progress > fraction || fraction == 0) return end;
    return start + progress * (end - start) / fraction;
  }

  @Override
  public void learn(long steps, long seed, LearnListener listener) {
    checkSteps(steps);
    int batchSize = hp.getInt("batch_size");
    int trainFreq = hp.getInt("train_freq");
    int gradientSteps = hp.getInt("gradient_steps");
    int targetEvery = hp.getInt("target_update_interval");
    int learningStarts = hp.getInt("learning_starts");
    double tau = hp.get("tau");
    double gamma = hp.get("gamma");
    double maxNorm = hp.get("max_grad_norm");
    boolean doubleQ = hp.getBool("double_q");
    double eps0 = hp.get("exploration_initial_eps");
    double eps1 = hp.get("exploration_final_eps");
    double fraction = hp.get("exploration_fraction");
    long logEvery = Math.max(1, Math.min(1000, steps / 100));

    Rng rng = new Rng(seed ^ 0x5DEECE66DL);
    EnvPool env = new EnvPool(envId, 1, seed);
    EpisodeStats stats = new EpisodeStats(1, listener);
    ReplayBuffer buffer = new ReplayBuffer(hp.getInt("buffer_size"), obsSize);
    Updater up =
        new Updater(batchSize, gradientSteps, gamma, maxNorm, doubleQ, hp.get("learning_rate"));
    int[] action = new int[1];
    float[] obs = env.obs;
    double eps = eps0;
    double lossSum = 0;
    int lossCount = 0;
    long updates = 0;
    long start = System.nanoTime();
    for (long t = 1; t <= steps; t++) {
      if (t - 1 < learningStarts || rng.nextDouble() < eps) action[0] = rng.nextInt(actions);
      else action[0] = up.greedy(obs);
      float[] before = up.previous;
      System.arraycopy(obs, 0, before, 0, obsSize);
      env.step(action);
      buffer.add(before, 0, action[0], env.rewards[0], env.finalObs, 0, env.terminated[0]);
      stats.add(0, env.rewards[0], env.done(0), t);
      eps = epsilon(eps0, eps1, fraction, t, steps);
      if (t % targetEvery == 0) copyInto(target, q, tau);
      if (t % trainFreq == 0 && t > learningStarts) {
        lossSum += up.phase(buffer, rng, gradientSteps);
        lossCount += gradientSteps;
        updates += gradientSteps;
      }
      if (t % logEvery == 0 || t == steps) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("exploration_rate", eps);
        m.put("updates", (double) updates);
        if (lossCount > 0) m.put("loss", lossSum / lossCount);
        lossSum = 0;
        lossCount = 0;
        listener.progress(progress(t, steps, stats, m, start));
      }
    }
  }

  /** {@code dst ← tau·src + (1 − tau)·dst}, parameter by parameter. */
  static void copyInto(Module dst, Module src, double tau) {
    List<Parameter> d = dst.parameters(), s = src.parameters();
    try (var off = Grad.disabled()) {
      for (int i = 0; i < d.size(); i++) {
        if (tau == 1.0) d.get(i).copyFrom(s.get(i));
        else d.get(i).mulInPlace((float) (1 - tau)).addInPlace((float) tau, s.get(i));
      }
    }
  }

  /** A training phase's buffers, allocated once. */
  private final class Updater {
    final int b;
    final ReplayBuffer.Batch[] batches;
    final float[] allNext;
    final Tensor allNextIn, obsIn, nextIn, actionIdx, targetT;
    final float[] obsBuf, nextBuf, actionF, targetY;
    final float[] previous = new float[obsSize];
    final float[] single = new float[obsSize];
    final Tensor singleIn = Tensor.wrap(single, 1, obsSize);
    final double gamma, maxNorm;
    final boolean doubleQ;
    final Optimizer opt;
    final HuberLoss huber = new HuberLoss(1.0);
    final QNetwork.Plan acting, targets;

    Updater(int b, int steps, double gamma, double maxNorm, boolean doubleQ, double lr) {
      this.b = b;
      batches = new ReplayBuffer.Batch[steps];
      for (int g = 0; g < steps; g++) batches[g] = new ReplayBuffer.Batch(b, obsSize);
      allNext = new float[steps * b * obsSize];
      allNextIn = Tensor.wrap(allNext, steps * b, obsSize);
      obsBuf = new float[b * obsSize];
      nextBuf = new float[b * obsSize];
      obsIn = Tensor.wrap(obsBuf, b, obsSize);
      nextIn = Tensor.wrap(nextBuf, b, obsSize);
      actionF = new float[b];
      actionIdx = Tensor.wrap(actionF, b, 1);
      targetY = new float[b];
      targetT = Tensor.wrap(targetY, b);
      this.gamma = gamma;
      this.maxNorm = maxNorm;
      this.doubleQ = doubleQ;
      this.opt = new Adam(lr).create(q.parameters());
      this.acting = q.plan();
      this.targets = target.plan();
    }

    int greedy(float[] obs) {
      System.arraycopy(obs, 0, single, 0, obsSize);
      return Categorical.argmax(acting.run(singleIn), 0, actions);
    }

    /**
     * {@code steps} updates. The target network does not change during a phase, so every batch is
     * drawn first (the same draws, in the same order, as one at a time) and their next states go
     * through it in one forward pass: one large product instead of many small ones.
     */
    double phase(ReplayBuffer buffer, Rng rng, int steps) {
      int rows = b * obsSize;
      for (int g = 0; g < steps; g++) {
        buffer.sample(rng, batches[g]);
        System.arraycopy(batches[g].next, 0, allNext, g * rows, rows);
      }
      float[] nextT = targets.run(allNextIn);
      double loss = 0;
      for (int g = 0; g < steps; g++) {
        float[] rowsT = java.util.Arrays.copyOfRange(nextT, g * b * actions, (g + 1) * b * actions);
        loss += update(batches[g], rowsT);
      }
      return loss;
    }

    double update(ReplayBuffer.Batch batch, float[] nextT) {
      System.arraycopy(batch.obs, 0, obsBuf, 0, obsBuf.length);
      float[] nextO = null;
      if (doubleQ) {
        System.arraycopy(batch.next, 0, nextBuf, 0, nextBuf.length);
        try (var off = Grad.disabled()) {
          nextO = q.forward(nextIn).toArray();
        }
      }
      float[] y = DqnTargets.compute(batch.rewards, batch.terminated, nextT, nextO, actions, gamma);
      System.arraycopy(y, 0, targetY, 0, y.length);
      for (int k = 0; k < actionF.length; k++) actionF[k] = batch.actions[k];
      Tensor qa = q.forward(obsIn).gather(1, actionIdx);
      Tensor loss = huber.apply(qa.reshape(actionF.length), targetT);
      opt.zeroGrad();
      loss.backward();
      Clip.gradNorm(opt.params(), maxNorm, 2);
      opt.step();
      return loss.item();
    }
  }
}
