package dev.dendrite.data;

import dev.dendrite.tensor.Rng;

/**
 * Random oversampling of minority classes (imbalanced-learn's {@code RandomOverSampler} with the
 * default {@code 'not majority'} strategy), redrawn each pass: every example once, plus, for each
 * class with fewer examples than the largest, copies of its examples drawn at random with
 * replacement until it has as many; the whole shuffled. A pass is {@code classes × majority}
 * examples long.
 */
public final class Oversampler implements Sampler {
  private final int[][] byClass;
  private final int target, length;

  public Oversampler(int[] labels, int classes) {
    int[] count = new int[classes];
    for (int l : labels) {
      if (l < 0 || l >= classes)
        throw new IllegalArgumentException(
            "Oversampler: label " + l + " outside [0, " + classes + ")");
      count[l]++;
    }
    byClass = new int[classes][];
    int max = 0, present = 0;
    for (int c = 0; c < classes; c++) {
      byClass[c] = new int[count[c]];
      max = Math.max(max, count[c]);
      if (count[c] > 0) present++;
    }
    int[] fill = new int[classes];
    for (int i = 0; i < labels.length; i++) byClass[labels[i]][fill[labels[i]]++] = i;
    target = max;
    length = present * max; // a class with no examples cannot be oversampled
  }

  @Override
  public int[] indices(Rng rng) {
    int[] out = new int[length];
    int k = 0;
    for (int[] members : byClass) {
      if (members.length == 0) continue;
      for (int i : members) out[k++] = i;
      for (int extra = members.length; extra < target; extra++)
        out[k++] = members[rng.nextInt(members.length)];
    }
    rng.shuffle(out);
    return out;
  }

  @Override
  public int length() {
    return length;
  }
}
