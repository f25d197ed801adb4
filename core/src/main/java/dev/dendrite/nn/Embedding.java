package dev.dendrite.nn;

import dev.dendrite.ops.Lookup;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A lookup table of learned vectors, as PyTorch's {@code nn.Embedding}: row i of {@code weight}
 * (numEmbeddings, dim), initialised N(0, 1), for each index i.
 *
 * <p>Shapes: indices (*) holding integer values as floats (the project's index tensors) → output
 * (*, dim). The row {@code paddingIdx} (if any; a negative value counts from the end, as PyTorch)
 * starts at zero and never receives a gradient, so it stays whatever it is set to. Backward adds
 * each output row's gradient into its table row (repeated indices sum); rows not looked up get
 * zero.
 */
public final class Embedding extends Module {
  private final int num, dim;
  private final int paddingIdx; // -1 for none, else in [0, num)
  private final Parameter weight;

  public Embedding(int numEmbeddings, int dim, Rng rng) {
    this(numEmbeddings, dim, null, rng);
  }

  /** {@code paddingIdx} may be null (no padding row). */
  public Embedding(int numEmbeddings, int dim, Integer paddingIdx, Rng rng) {
    if (numEmbeddings < 1 || dim < 1) {
      throw new IllegalArgumentException(
          "Embedding: sizes must be >= 1, got numEmbeddings=" + numEmbeddings + ", dim=" + dim);
    }
    if (paddingIdx != null && (paddingIdx < -numEmbeddings || paddingIdx >= numEmbeddings)) {
      throw new IllegalArgumentException(
          "Embedding("
              + numEmbeddings
              + ", "
              + dim
              + "): paddingIdx "
              + paddingIdx
              + " outside ["
              + -numEmbeddings
              + ", "
              + numEmbeddings
              + ")");
    }
    this.num = numEmbeddings;
    this.dim = dim;
    this.paddingIdx =
        paddingIdx == null ? -1 : paddingIdx < 0 ? paddingIdx + numEmbeddings : paddingIdx;
    Tensor w = Tensor.randn(rng, numEmbeddings, dim);
    float[] d = w.toArray();
    if (this.paddingIdx >= 0)
      Arrays.fill(d, this.paddingIdx * dim, (this.paddingIdx + 1) * dim, 0f);
    this.weight = new Parameter(Tensor.wrap(d, numEmbeddings, dim));
  }

  public Parameter weight() {
    return weight;
  }

  /** The padding row, or null. */
  public Integer paddingIdx() {
    return paddingIdx < 0 ? null : paddingIdx;
  }

  @Override
  public Tensor forward(Tensor indices) {
    return Lookup.embedding(this, indices, weight, paddingIdx);
  }

  @Override
  protected Map<String, Parameter> localParameters() {
    return weightAndBias(weight, null);
  }

  @Override
  public int[] outputShape(int[] s) {
    int[] o = Arrays.copyOf(s, s.length + 1);
    o[s.length] = dim;
    return o;
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader(
          "Embedding",
          (f, rng) ->
              new Embedding(
                  f.integer("numEmbeddings"),
                  f.integer("embeddingDim"),
                  f.map().containsKey("paddingIdx") ? f.integer("paddingIdx") : null,
                  rng));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "Embedding");
    m.put("numEmbeddings", num);
    m.put("embeddingDim", dim);
    if (paddingIdx >= 0) m.put("paddingIdx", paddingIdx);
    return m;
  }

  @Override
  public String toString() {
    return "Embedding("
        + num
        + ", "
        + dim
        + (paddingIdx >= 0 ? ", paddingIdx=" + paddingIdx : "")
        + ")";
  }
}
