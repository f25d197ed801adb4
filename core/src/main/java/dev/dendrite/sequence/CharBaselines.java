package dev.dendrite.sequence;

/**
 * What a character model must beat, in bits per character. The unigram figure is the entropy of the
 * evaluated text's own character frequencies — the best any model that ignores context could do on
 * it, even one fitted to that very text. The bigram model is fitted on the training text with
 * add-one (Laplace) smoothing, {@code p(b | a) = (count(a b) + 1) / (count(a) + V)}, and scored on
 * the evaluated text.
 */
public final class CharBaselines {
  private CharBaselines() {}

  /** −Σ p log₂ p over the character frequencies of {@code text}. */
  public static double unigramEntropy(int[] text, int classes) {
    long[] count = new long[classes];
    for (int c : text) count[c]++;
    double h = 0;
    for (long k : count) {
      if (k == 0) continue;
      double p = (double) k / text.length;
      h -= p * Math.log(p);
    }
    return h / Math.log(2);
  }

  /**
   * Cross-entropy of {@code eval}'s characters 1.. given the one before, under the add-one bigram
   * model of {@code train}.
   */
  public static double bigramBits(int[] train, int[] eval, int classes) {
    long[] pair = new long[classes * classes], first = new long[classes];
    for (int i = 0; i + 1 < train.length; i++) {
      pair[train[i] * classes + train[i + 1]]++;
      first[train[i]]++;
    }
    double nats = 0;
    for (int i = 0; i + 1 < eval.length; i++) {
      nats -= Math.log((pair[eval[i] * classes + eval[i + 1]] + 1.0) / (first[eval[i]] + classes));
    }
    return nats / (eval.length - 1) / Math.log(2);
  }
}
