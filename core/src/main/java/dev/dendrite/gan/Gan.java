package dev.dendrite.gan;

import dev.dendrite.io.ModelArchive;
import dev.dendrite.io.ModelSpec;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generator and a discriminator (or critic) as one module, so that one archive, one checkpoint
 * and one state dict ({@code generator.*}, {@code discriminator.*}) hold both. {@link #forward} is
 * the generator: noise (N, latent) to samples, or with {@code classes > 0} noise and class index
 * (N, latent + 1) to samples of that class.
 *
 * <p>The two must fit each other, and that is checked when the GAN is built: the generator's
 * output, flattened and given the class column when conditional, must be an input the discriminator
 * takes, and the discriminator must give one score per example.
 */
public final class Gan extends Module {
  private final Module generator, discriminator;
  private final int latent, classes;
  private final int[] sampleShape;

  /**
   * @param latent the noise dimension
   * @param classes the number of classes of a conditional GAN, 0 for an unconditional one
   */
  public Gan(Module generator, Module discriminator, int latent, int classes) {
    if (latent < 1) throw new IllegalArgumentException("GAN: latent size must be >= 1");
    if (classes < 0) throw new IllegalArgumentException("GAN: classes must be >= 0");
    this.generator = generator;
    this.discriminator = discriminator;
    this.latent = latent;
    this.classes = classes;
    int[] zIn = {2, latent + (classes > 0 ? 1 : 0)};
    int[] g;
    try {
      g = generator.outputShape(zIn);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "GAN: the generator does not take noise of shape "
              + Shape.str(zIn)
              + ": "
              + e.getMessage(),
          e);
    }
    this.sampleShape = Arrays.copyOfRange(g, 1, g.length);
    int[] dIn = classes > 0 ? new int[] {2, Shape.numel(sampleShape) + 1} : g;
    int[] d;
    try {
      d = discriminator.outputShape(dIn);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "GAN: the generator's output "
              + Shape.str(g)
              + (classes > 0 ? " (with its class column " + Shape.str(dIn) + ")" : "")
              + " does not fit the discriminator's input: "
              + e.getMessage(),
          e);
    }
    if (d.length != 2 || d[1] != 1)
      throw new IllegalArgumentException(
          "GAN: the discriminator must give one score per example, (N, 1), but maps the"
              + " generator's output "
              + Shape.str(g)
              + " to "
              + Shape.str(d));
  }

  public Module generator() {
    return generator;
  }

  public Module discriminator() {
    return discriminator;
  }

  public int latent() {
    return latent;
  }

  /** 0 for an unconditional GAN. */
  public int classes() {
    return classes;
  }

  /** The shape of one sample, e.g. [1, 28, 28] or [784]. */
  public int[] sampleShape() {
    return sampleShape.clone();
  }

  /** Standard normal noise (n, latent). */
  public Tensor noise(Rng rng, int n) {
    return Tensor.randn(rng, n, latent);
  }

  /** Samples from {@code z} (n, latent); {@code labels} (n) when conditional, else null. */
  public Tensor generate(Tensor z, Tensor labels) {
    return generator.forward(withLabels(z, labels));
  }

  /** The discriminator's logits (n, 1) for samples {@code x}; {@code labels} as for generate. */
  public Tensor discriminate(Tensor x, Tensor labels) {
    if (classes == 0) return discriminator.forward(x);
    return discriminator.forward(withLabels(x.reshape(x.size(0), -1), labels));
  }

  private Tensor withLabels(Tensor x, Tensor labels) {
    if (classes == 0) {
      if (labels != null)
        throw new IllegalArgumentException("GAN: class labels given to an unconditional GAN");
      return x;
    }
    if (labels == null)
      throw new IllegalArgumentException("GAN: a conditional GAN needs a class per example");
    return Tensor.cat(1, x, labels.reshape(labels.numel(), 1));
  }

  @Override
  public Tensor forward(Tensor x) {
    return generator.forward(x);
  }

  @Override
  public int[] outputShape(int[] in) {
    return generator.outputShape(in);
  }

  @Override
  public Map<String, Module> children() {
    Map<String, Module> m = new LinkedHashMap<>();
    m.put("generator", generator);
    m.put("discriminator", discriminator);
    return m;
  }

  /** Rebuilds a GAN from what {@link #spec()} writes; {@code "init": "dcgan"} re-initialises. */
  public static final SpecReader SPEC =
      new SpecReader(
          "GAN",
          (f, rng) -> {
            Gan g =
                new Gan(
                    f.module("generator"),
                    f.module("discriminator"),
                    f.integer("latent"),
                    f.integer("classes", 0));
            String init = f.string("init", "default");
            switch (init) {
              case "default" -> {}
              case "dcgan" -> Architectures.dcganInit(g, rng);
              default ->
                  throw new IllegalArgumentException(
                      f.where() + ": unknown init \"" + init + "\" (known: default, dcgan)");
            }
            return g;
          });

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "GAN");
    m.put("latent", latent);
    m.put("classes", classes);
    m.put("generator", generator.spec());
    m.put("discriminator", discriminator.spec());
    return m;
  }

  /**
   * Makes {@code GAN}, {@code ClassConcat} and {@code ProjectionDiscriminator} known to {@link
   * ModelSpec}; idempotent.
   */
  public static void registerSpecs() {
    ModelSpec.register(SPEC);
    ModelSpec.register(ClassConcat.SPEC);
    ModelSpec.register(ProjectionDiscriminator.SPEC);
  }

  /**
   * Reads a GAN archive written by {@link ModelArchive#save}; a file of another model is an error.
   */
  public static Gan load(Path file) throws IOException {
    registerSpecs();
    Module m = ModelArchive.load(file);
    if (!(m instanceof Gan g))
      throw new IOException(file + ": not a GAN archive (it holds " + m + ")");
    return g;
  }

  /** Builds a GAN from JSON spec text (a file's contents). */
  public static Gan parse(String json, Rng rng) {
    registerSpecs();
    Module m = ModelSpec.parse(json, rng);
    if (!(m instanceof Gan g))
      throw new IllegalArgumentException("the spec describes " + m + ", not a GAN");
    return g;
  }

  @Override
  public String toString() {
    return "GAN(latent="
        + latent
        + (classes > 0 ? ", classes=" + classes : "")
        + ", sample="
        + Shape.str(sampleShape)
        + ")";
  }
}
