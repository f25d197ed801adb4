package dev.dendrite.rl.agent.deep;

import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;

/** A batch of categorical distributions given by logits (batch, actions). */
final class Categorical {
  private final Tensor logProbs;

  Categorical(Tensor logits) {
    this.logProbs = logits.logSoftmax(1);
  }

  /** The log-probability of each row's action, (batch). */
  Tensor logProb(Tensor actions) {
    Tensor idx = actions.reshape(actions.size(0), 1);
    Tensor lp = logProbs.gather(1, idx);
    return lp.reshape(lp.size(0));
  }

  /** Each row's entropy, (batch). */
  Tensor entropy() {
    return logProbs.exp().mul(logProbs).sum(1).neg();
  }

  /** Draws one action per row from logits given as a plain row-major array. */
  static void sample(float[] logits, int rows, int actions, Rng rng, int[] out) {
    for (int r = 0; r < rows; r++) {
      int row = r * actions;
      double max = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < actions; a++) max = Math.max(max, logits[row + a]);
      double sum = 0;
      for (int a = 0; a < actions; a++) sum += Math.exp(logits[row + a] - max);
      double u = rng.nextDouble() * sum;
      int pick = actions - 1;
      for (int a = 0; a < actions; a++) {
        u -= Math.exp(logits[row + a] - max);
        if (u < 0) {
          pick = a;
          break;
        }
      }
      out[r] = pick;
    }
  }

  /** The log-probability of {@code action} under a row of logits. */
  static float logProb(float[] logits, int row, int actions, int action) {
    double max = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < actions; a++) max = Math.max(max, logits[row * actions + a]);
    double sum = 0;
    for (int a = 0; a < actions; a++) sum += Math.exp(logits[row * actions + a] - max);
    return (float) (logits[row * actions + action] - max - Math.log(sum));
  }

  /** The index of the largest value in a row. */
  static int argmax(float[] values, int row, int actions) {
    int best = 0;
    for (int a = 1; a < actions; a++)
      if (values[row * actions + a] > values[row * actions + best]) best = a;
    return best;
  }
}
