package dev.dendrite.gan;

import dev.dendrite.nn.Embedding;
import dev.dendrite.nn.Init;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The projection discriminator of a conditional GAN (Miyato and Koyama, "cGANs with Projection
 * Discriminator", ICLR 2018): {@code D(x, y) = ψ(φ(x)) + ⟨V_y, φ(x)⟩}, with φ the {@code body}
 * (image to features), ψ the {@code head} (features to one score) and V a learned embedding of the
 * class, one row of feature size per class.
 *
 * <p>Why: concatenating a class code to 784 pixels ({@link ClassConcat}) leaves the class as a few
 * inputs among many, which the first layer can learn to down-weight; the inner product makes the
 * score's class-dependent part a direct function of every feature, so the discriminator can only
 * reward a sample for looking like its class. The input is the one of {@link ClassConcat}: (N, d +
 * 1), the class index last. V starts Xavier-uniform (as the authors' code), not N(0, 1): with 256
 * features an N(0, 1) row would make the projection dominate the score at the start.
 */
public final class ProjectionDiscriminator extends Module {
  private final Module body, head;
  private final Embedding embed;
  private final int classes, inputs;
  private final boolean bodySeesClass;

  /**
   * @param inputs d, the width of a flattened image
   * @param body image (N, d) to features (N, f)
   * @param head features (N, f) to scores (N, 1)
   * @param classes number of classes
   */
  public ProjectionDiscriminator(int inputs, Module body, Module head, int classes, Rng rng) {
    this(inputs, body, head, classes, false, rng);
  }

  /**
   * As above; with {@code bodySeesClass} the body takes the whole input, the class index last, as
   * {@link ClassConcat} does, so that φ can condition on the class too (a class channel beside the
   * image, say) and the projection adds a second, direct route for it.
   */
  public ProjectionDiscriminator(
      int inputs, Module body, Module head, int classes, boolean bodySeesClass, Rng rng) {
    if (classes < 2)
      throw new IllegalArgumentException("ProjectionDiscriminator: classes must be >= 2");
    if (inputs < 1)
      throw new IllegalArgumentException("ProjectionDiscriminator: inputs must be >= 1");
    this.inputs = inputs;
    this.body = body;
    this.head = head;
    this.classes = classes;
    this.bodySeesClass = bodySeesClass;
    int bodyIn = bodySeesClass ? inputs + 1 : inputs;
    int[] f = body.outputShape(new int[] {2, bodyIn});
    if (f.length != 2)
      throw new IllegalArgumentException(
          "ProjectionDiscriminator: the body must map (N, "
              + bodyIn
              + ") to (N, features), got "
              + Shape.str(f));
    int[] h = head.outputShape(f);
    if (h.length != 2 || h[1] != 1)
      throw new IllegalArgumentException(
          "ProjectionDiscriminator: the head must map "
              + Shape.str(f)
              + " to one score (N, 1), got "
              + Shape.str(h));
    this.embed = new Embedding(classes, f[1], rng);
    Init.xavierUniform(embed.weight(), 1.0, rng);
  }

  public int inputs() {
    return inputs;
  }

  public Module body() {
    return body;
  }

  public Module head() {
    return head;
  }

  public int classes() {
    return classes;
  }

  public boolean bodySeesClass() {
    return bodySeesClass;
  }

  @Override
  public Tensor forward(Tensor x) {
    outputShape(x.shape());
    int d = x.size(1) - 1;
    Tensor label = x.select(1, d).detach();
    for (float v : label.toArray())
      if (v < 0 || v >= classes || v != Math.rint(v))
        throw new IllegalArgumentException(
            "ProjectionDiscriminator("
                + classes
                + "): class index "
                + v
                + " is not in 0.."
                + (classes - 1));
    Tensor features = body.forward(bodySeesClass ? x : x.slice(1, 0, d));
    Tensor projection = embed.forward(label.contiguous()).mul(features).sum(1, true);
    return head.forward(features).add(projection);
  }

  @Override
  public int[] outputShape(int[] in) {
    if (in.length != 2 || in[1] != inputs + 1)
      throw new IllegalArgumentException(
          "ProjectionDiscriminator("
              + classes
              + ") needs (N, "
              + (inputs + 1)
              + "): "
              + inputs
              + " inputs, then the class index; got "
              + Shape.str(in));
    int[] f = body.outputShape(new int[] {in[0], bodySeesClass ? in[1] : in[1] - 1});
    return head.outputShape(f);
  }

  @Override
  public Map<String, Module> children() {
    Map<String, Module> m = new LinkedHashMap<>();
    m.put("body", body);
    m.put("head", head);
    m.put("embed", embed);
    return m;
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader(
          "ProjectionDiscriminator",
          (f, rng) ->
              new ProjectionDiscriminator(
                  f.integer("inputs"),
                  f.module("body"),
                  f.module("head"),
                  f.integer("classes"),
                  f.bool("bodySeesClass", false),
                  rng));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "ProjectionDiscriminator");
    m.put("inputs", inputs);
    m.put("classes", classes);
    if (bodySeesClass) m.put("bodySeesClass", true);
    m.put("body", body.spec());
    m.put("head", head.spec());
    return m;
  }

  @Override
  public String toString() {
    return "ProjectionDiscriminator(classes=" + classes + ", body=" + body + ", head=" + head + ")";
  }
}
