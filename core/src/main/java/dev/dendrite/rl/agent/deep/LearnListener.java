package dev.dendrite.rl.agent.deep;

/** Follows a learning run: periodic progress and every finished training episode. */
public interface LearnListener {
  /** A listener that ignores everything. */
  LearnListener NONE = new LearnListener() {};

  /** Called every {@code log_interval} environment steps and once at the end. */
  default void progress(Progress p) {}

  /** A training episode finished at environment step {@code envStep} with return {@code ret}. */
  default void episode(long envStep, double ret, int length) {}
}
