package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;

/**
 * Class weights for imbalanced data, to pass to a loss (e.g. {@code CrossEntropyLoss.withWeight}).
 */
public final class ClassWeights {
  private ClassWeights() {}

  /**
   * scikit-learn's {@code 'balanced'}: {@code n / (classes · count_c)}, so every class contributes
   * the same total weight; a class with no examples gets 0.
   */
  public static Tensor balanced(int[] labels, int classes) {
    int[] count = new int[classes];
    for (int l : labels) {
      if (l < 0 || l >= classes)
        throw new IllegalArgumentException(
            "class weights: label " + l + " outside [0, " + classes + ")");
      count[l]++;
    }
    float[] w = new float[classes];
    for (int c = 0; c < classes; c++)
      w[c] = count[c] == 0 ? 0f : (float) labels.length / (classes * count[c]);
    return Tensor.of(w);
  }
}
