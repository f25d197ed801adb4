package dev.dendrite.nn.recurrent;

import dev.dendrite.nn.Module;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last time step of a sequence, (N, T, F) → (N, F) (or (T, N, F) → (N, F) when not
 * batch-first): a classifier's input.
 */
public final class LastStep extends Module {
  private final boolean batchFirst;

  public LastStep(boolean batchFirst) {
    this.batchFirst = batchFirst;
  }

  @Override
  public Tensor forward(Tensor x) {
    outputShape(x.shape());
    return x.select(batchFirst ? 1 : 0, -1);
  }

  @Override
  public int[] outputShape(int[] s) {
    if (s.length != 3)
      throw new IllegalArgumentException(
          "LastStep needs a sequence ("
              + (batchFirst ? "N, T" : "T, N")
              + ", F), got "
              + Shape.str(s));
    return new int[] {batchFirst ? s[0] : s[1], s[2]};
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader("LastStep", (f, rng) -> new LastStep(f.bool("batchFirst", true)));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "LastStep");
    m.put("batchFirst", batchFirst);
    return m;
  }

  @Override
  public String toString() {
    return "LastStep(batchFirst=" + batchFirst + ")";
  }
}
