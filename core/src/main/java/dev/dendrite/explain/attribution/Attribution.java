package dev.dendrite.explain.attribution;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * One attribution: a value per input feature (the flat layout the model takes), the method that
 * made it, and the score of the explained input.
 *
 * @param method the method's name, e.g. "integrated gradients"
 * @param values one value per input feature; larger means more evidence for the score
 * @param score the score f(x) of the explained input
 */
public record Attribution(String method, float[] values, double score) {
  public Attribution {
    values = values.clone();
  }

  @Override
  public float[] values() {
    return values.clone();
  }

  /** Sum of the values. */
  public double sum() {
    double s = 0;
    for (float v : values) s += v;
    return s;
  }

  /** Feature indices from the largest value to the smallest (ties by index). */
  public int[] ranking() {
    return IntStream.range(0, values.length)
        .boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -values[i]).thenComparing(i -> i))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /** Feature indices by |value|, largest first. */
  public int[] rankingByMagnitude() {
    return IntStream.range(0, values.length)
        .boxed()
        .sorted(
            Comparator.comparingDouble((Integer i) -> -Math.abs(values[i])).thenComparing(i -> i))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /** Per pixel for an image (C, H, W): the sum over channels; otherwise the values. */
  public float[] perPixel(int channels) {
    if (channels <= 1) return values.clone();
    int hw = values.length / channels;
    float[] p = new float[hw];
    for (int c = 0; c < channels; c++) for (int i = 0; i < hw; i++) p[i] += values[c * hw + i];
    return p;
  }

  @Override
  public String toString() {
    return method + " " + Arrays.toString(values);
  }
}
