package dev.dendrite.rl.wrapper;

import dev.dendrite.rl.Env;
import dev.dendrite.rl.Reset;
import dev.dendrite.rl.Step;
import dev.dendrite.rl.space.Box;
import dev.dendrite.rl.space.Space;

/**
 * Centres and scales vector observations by their running mean and variance, as Gymnasium's {@code
 * NormalizeObservation}: every observation (of {@code reset} and {@code step}) first updates the
 * statistics, then is returned as {@code (x - mean) / sqrt(var + epsilon)} rounded to float32. The
 * observation space becomes the unbounded box. {@link #setUpdating(boolean) setUpdating(false)}
 * freezes the statistics for evaluation.
 */
public final class NormalizeObservation<A> extends Wrapper<double[], A> {
  private final double epsilon;
  private final RunningMeanStd rms;
  private final Box space;
  private boolean updating = true;

  /** With Gymnasium's {@code epsilon = 1e-8}. */
  public NormalizeObservation(Env<double[], A> env) {
    this(env, 1e-8);
  }

  public NormalizeObservation(Env<double[], A> env, double epsilon) {
    super(env);
    if (!(epsilon > 0))
      throw new IllegalArgumentException(
          "NormalizeObservation: epsilon must be > 0, got " + epsilon);
    if (!(env.observationSpace() instanceof Box box))
      throw new IllegalArgumentException(
          "NormalizeObservation: "
              + env.id()
              + " observes "
              + env.observationSpace()
              + ", not a Box");
    this.epsilon = epsilon;
    this.rms = new RunningMeanStd(box.size());
    this.space = Box.uniform(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, box.size());
  }

  @Override
  public Space<double[]> observationSpace() {
    return space;
  }

  /** The running statistics. */
  public RunningMeanStd statistics() {
    return rms;
  }

  /** Whether observations still update the statistics. */
  public boolean updating() {
    return updating;
  }

  /** Continues or freezes the statistics. */
  public void setUpdating(boolean updating) {
    this.updating = updating;
  }

  @Override
  public Reset<double[]> reset(long seed) {
    Reset<double[]> r = env.reset(seed);
    return new Reset<>(normalise(r.observation()), r.info());
  }

  @Override
  public Reset<double[]> reset() {
    Reset<double[]> r = env.reset();
    return new Reset<>(normalise(r.observation()), r.info());
  }

  @Override
  public Step<double[]> step(A action) {
    Step<double[]> s = env.step(action);
    return new Step<>(
        normalise(s.observation()), s.reward(), s.terminated(), s.truncated(), s.info());
  }

  private double[] normalise(double[] x) {
    if (updating) rms.update(x);
    double[] mean = rms.mean();
    double[] var = rms.var();
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++)
      y[i] = (float) ((x[i] - mean[i]) / Math.sqrt(var[i] + epsilon));
    return y;
  }
}
