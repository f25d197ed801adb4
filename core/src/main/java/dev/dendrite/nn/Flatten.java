package dev.dendrite.nn;

import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Merges dimensions {@code startDim..endDim} into one; PyTorch's defaults 1 and −1 keep the batch
 * dimension.
 */
public final class Flatten extends Module {
  private final int startDim, endDim;

  public Flatten() {
    this(1, -1);
  }

  public Flatten(int startDim, int endDim) {
    this.startDim = startDim;
    this.endDim = endDim;
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.flatten(startDim, endDim);
  }

  @Override
  public int[] outputShape(int[] in) {
    int r = in.length;
    int s = Shape.dim("Flatten", startDim, r), e = Shape.dim("Flatten", endDim, r);
    if (s > e)
      throw new IllegalArgumentException(
          "Flatten: start dimension " + startDim + " after end dimension " + endDim);
    int[] out = new int[r - (e - s)];
    int k = 0, m = 1;
    for (int d = 0; d < s; d++) out[k++] = in[d];
    for (int d = s; d <= e; d++) m *= in[d];
    out[k++] = m;
    for (int d = e + 1; d < r; d++) out[k++] = in[d];
    return out;
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader(
          "Flatten", (f, rng) -> new Flatten(f.integer("startDim", 1), f.integer("endDim", -1)));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "Flatten");
    m.put("startDim", startDim);
    m.put("endDim", endDim);
    return m;
  }

  @Override
  public String toString() {
    return "Flatten(startDim=" + startDim + ", endDim=" + endDim + ")";
  }
}
