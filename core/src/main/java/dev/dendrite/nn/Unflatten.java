package dev.dendrite.nn;

import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reshapes each example to {@code shape}, keeping the batch dimension: e.g. (N, 784) → (N, 1, 28,
 * 28).
 */
public final class Unflatten extends Module {
  private final int[] shape;

  public Unflatten(int... shape) {
    if (shape.length == 0)
      throw new IllegalArgumentException("Unflatten: give the shape of one example");
    this.shape = shape.clone();
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.reshape(outputShape(x.shape()));
  }

  @Override
  public int[] outputShape(int[] in) {
    int per = 1;
    for (int i = 1; i < in.length; i++) per *= in[i];
    if (in.length < 1 || per != Shape.numel(shape)) {
      throw new IllegalArgumentException(
          "Unflatten"
              + Shape.str(shape)
              + ": an example of shape "
              + Shape.str(Arrays.copyOfRange(in, Math.min(1, in.length), in.length))
              + " has "
              + per
              + " elements, not "
              + Shape.numel(shape));
    }
    int[] out = new int[shape.length + 1];
    out[0] = in[0];
    System.arraycopy(shape, 0, out, 1, shape.length);
    return out;
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader("Unflatten", (f, rng) -> new Unflatten(f.ints("shape")));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "Unflatten");
    m.put("shape", Arrays.stream(shape).boxed().toList());
    return m;
  }

  @Override
  public String toString() {
    return "Unflatten" + Shape.str(shape);
  }
}
