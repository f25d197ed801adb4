package dev.dendrite.nn.conv;

import dev.dendrite.nn.Module;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.ops.Pooling;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The mean of each channel over its whole plane: {@code AdaptiveAvgPool2d(1)}, by default followed
 * by flattening, as Keras's GlobalAveragePooling2D (the usual head of a convolutional classifier).
 *
 * <p>Shapes: (N, C, H, W) → (N, C) with {@code flatten}, else (N, C, 1, 1).
 */
public final class GlobalAvgPool extends Module {
  private final boolean flatten;

  public GlobalAvgPool() {
    this(true);
  }

  public GlobalAvgPool(boolean flatten) {
    this.flatten = flatten;
  }

  @Override
  public Tensor forward(Tensor x) {
    outputShape(x.shape());
    Tensor y = Pooling.adaptiveAvgPool2d(x, 1, 1);
    return flatten ? y.reshape(x.size(0), x.size(1)) : y;
  }

  @Override
  public int[] outputShape(int[] s) {
    AdaptiveAvgPool2d.checkInput(this, s);
    return flatten ? new int[] {s[0], s[1]} : new int[] {s[0], s[1], 1, 1};
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader("GlobalAvgPool", (f, rng) -> new GlobalAvgPool(f.bool("flatten", true)));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "GlobalAvgPool");
    m.put("flatten", flatten);
    return m;
  }

  @Override
  public String toString() {
    return "GlobalAvgPool(flatten=" + flatten + ")";
  }
}
