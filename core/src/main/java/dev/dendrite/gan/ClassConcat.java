package dev.dendrite.gan;

import dev.dendrite.nn.Module;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The conditioning of a conditional GAN (Mirza and Osindero 2014): the input's last column holds a
 * class index, which is replaced by its one-hot code, so (N, d + 1) → (N, d + classes). Both
 * networks begin with it: the generator sees noise and class, the discriminator image and class.
 */
public final class ClassConcat extends Module {
  private final int classes;

  public ClassConcat(int classes) {
    if (classes < 2) throw new IllegalArgumentException("ClassConcat: classes must be >= 2");
    this.classes = classes;
  }

  public int classes() {
    return classes;
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
    return Tensor.cat(1, x.slice(1, 0, d), Tensor.oneHot(label, classes));
  }

  @Override
  public int[] outputShape(int[] in) {
    if (in.length != 2 || in[1] < 1)
      throw new IllegalArgumentException(
          "ClassConcat("
              + classes
              + ") needs (N, d + 1) with the class index last, got "
              + Shape.str(in));
    return new int[] {in[0], in[1] - 1 + classes};
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader("ClassConcat", (f, rng) -> new ClassConcat(f.integer("classes")));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "ClassConcat");
    m.put("classes", classes);
    return m;
  }

  @Override
  public String toString() {
    return "ClassConcat(classes=" + classes + ")";
  }
}
