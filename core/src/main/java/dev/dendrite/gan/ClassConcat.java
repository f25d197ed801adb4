package dev.dendrite.gan;

import dev.dendrite.nn.Embedding;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Parameter;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The conditioning of a conditional GAN (Mirza and Osindero 2014): the input's last column holds a
 * class index, which is replaced by the class's code, so (N, d + 1) → (N, d + code size). Both
 * networks begin with it: the generator sees noise and class, the discriminator image and class.
 *
 * <p>The code is the one-hot vector ({@code new ClassConcat(classes)}, code size = classes) or a
 * learned embedding of {@code dim} numbers per class ({@code new ClassConcat(classes, dim, rng)},
 * N(0, 1) initialisation as {@code nn.Embedding}). The embedding is what working cGANs use: one
 * active one-hot input among 100 unit-variance noise inputs is a signal the first layer can ignore
 * (a trained generator did: 10.6 % of its samples were of the requested class), while 50 learned
 * numbers per class are half the generator's input and grow where the discriminator rewards them.
 */
public final class ClassConcat extends Module {
  private final int classes;
  private final Embedding embedding; // null: one-hot

  /** The one-hot code. */
  public ClassConcat(int classes) {
    if (classes < 2) throw new IllegalArgumentException("ClassConcat: classes must be >= 2");
    this.classes = classes;
    this.embedding = null;
  }

  /** A learned embedding of {@code dim} numbers per class. */
  public ClassConcat(int classes, int dim, Rng rng) {
    if (classes < 2) throw new IllegalArgumentException("ClassConcat: classes must be >= 2");
    if (dim < 1)
      throw new IllegalArgumentException(
          "ClassConcat(" + classes + "): embedding size must be >= 1, got " + dim);
    this.classes = classes;
    this.embedding = new Embedding(classes, dim, rng);
  }

  public int classes() {
    return classes;
  }

  /** The size of the class code: the embedding size, or the number of classes for one-hot. */
  public int codeSize() {
    return embedding != null ? embedding.weight().shape()[1] : classes;
  }

  @Override
  public Tensor forward(Tensor x) {
    outputShape(x.shape());
    int d = x.size(1) - 1;
    Tensor label = x.select(1, d).detach();
    float[] l = label.toArray();
    for (float v : l)
      if (v < 0 || v >= classes || v != Math.rint(v))
        throw new IllegalArgumentException(
            "ClassConcat(" + classes + "): class index " + v + " is not in 0.." + (classes - 1));
    Tensor code =
        embedding != null ? embedding.forward(label.contiguous()) : Tensor.oneHot(label, classes);
    return Tensor.cat(1, x.slice(1, 0, d), code);
  }

  @Override
  protected Map<String, Parameter> localParameters() {
    return embedding != null ? weightAndBias(embedding.weight(), null) : Map.of();
  }

  @Override
  public int[] outputShape(int[] in) {
    if (in.length != 2 || in[1] < 1)
      throw new IllegalArgumentException(
          "ClassConcat("
              + classes
              + ") needs (N, d + 1) with the class index last, got "
              + Shape.str(in));
    return new int[] {in[0], in[1] - 1 + codeSize()};
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader(
          "ClassConcat",
          (f, rng) ->
              f.map().containsKey("embedding")
                  ? new ClassConcat(f.integer("classes"), f.integer("embedding"), rng)
                  : new ClassConcat(f.integer("classes")));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "ClassConcat");
    m.put("classes", classes);
    if (embedding != null) m.put("embedding", codeSize());
    return m;
  }

  @Override
  public String toString() {
    return "ClassConcat(classes="
        + classes
        + (embedding != null ? ", embedding=" + codeSize() : "")
        + ")";
  }
}
