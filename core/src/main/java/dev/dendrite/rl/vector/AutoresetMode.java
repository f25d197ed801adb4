package dev.dendrite.rl.vector;

/**
 * When a vector environment resets a copy whose episode ended, as Gymnasium's {@code
 * AutoresetMode}.
 */
public enum AutoresetMode {
  /**
   * Gymnasium's default: the step that ends an episode returns its last observation; the next
   * {@code step} ignores that copy's action, resets it and returns the first observation of the new
   * episode with reward 0 and both flags false.
   */
  NEXT_STEP,
  /**
   * The copy is reset within the step that ends its episode: that step returns the first
   * observation of the new episode, and its info holds the last one as {@code "final_obs"} and the
   * ended episode's info as {@code "final_info"}.
   */
  SAME_STEP,
  /** No automatic reset: stepping a copy whose episode ended is an error. */
  DISABLED
}
