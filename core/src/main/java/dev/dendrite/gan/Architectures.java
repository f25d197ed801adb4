package dev.dendrite.gan;

import dev.dendrite.autograd.Grad;
import dev.dendrite.nn.Flatten;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Parameter;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.Unflatten;
import dev.dendrite.nn.activation.LeakyReLU;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.nn.conv.Conv2d;
import dev.dendrite.nn.conv.ConvTranspose2d;
import dev.dendrite.nn.norm.BatchNorm2d;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.Map;

/**
 * The GANs of {@code dendrite gan train}, for 28×28 one-channel images scaled to [−1, 1] (the
 * generators end in tanh). The same networks are in {@code examples/specs/gan-*.json}.
 */
public final class Architectures {
  private Architectures() {}

  /** The architectures by their command-line names. */
  public enum Arch {
    MLP,
    DCGAN,
    CGAN,
    CGAN_PROJECTION,
    CDCGAN,
    CDCGAN_PROJECTION,
    WGAN_GP;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static Arch parse(String s) {
      for (Arch a : values()) if (a.label().equals(s)) return a;
      throw new IllegalArgumentException(
          "unknown GAN architecture \""
              + s
              + "\" (known: mlp, dcgan, cgan, cgan-projection, cdcgan, cdcgan-projection,"
              + " wgan-gp)");
    }

    public Gan build(int latent, Rng rng) {
      return switch (this) {
        case MLP -> mlp(latent, rng);
        case DCGAN -> dcgan(latent, rng);
        case CGAN -> conditional(latent, 10, rng);
        case CGAN_PROJECTION -> projection(latent, 10, rng);
        case CDCGAN -> conditionalDcgan(latent, 10, rng);
        case CDCGAN_PROJECTION -> conditionalDcganProjection(latent, 10, rng);
        case WGAN_GP -> wganGp(latent, rng);
      };
    }
  }

  /**
   * Goodfellow et al.'s fully connected GAN: G latent-256-512-784 with LeakyReLU(0.2) and tanh, D
   * 784-512-256-1 with LeakyReLU(0.2); samples (784).
   */
  public static Gan mlp(int latent, Rng rng) {
    return new Gan(mlpGenerator(latent, rng), mlpDiscriminator(784, rng), latent, 0);
  }

  /** The size of the learned class embedding of {@link #conditional}. */
  public static final int CLASS_EMBEDDING = 50;

  /**
   * The conditional GAN: the MLP GAN with a learned embedding of the class ({@link
   * #CLASS_EMBEDDING} numbers) concatenated to the input of both networks ({@link ClassConcat}).
   */
  public static Gan conditional(int latent, int classes, Rng rng) {
    int e = CLASS_EMBEDDING;
    Sequential g = mlpGenerator(latent + e, rng), d = mlpDiscriminator(784 + e, rng);
    return new Gan(
        prepend(new ClassConcat(classes, e, rng), g),
        prepend(new ClassConcat(classes, e, rng), d),
        latent,
        classes);
  }

  /**
   * The conditional GAN with a projection discriminator ({@link ProjectionDiscriminator}): the
   * generator of {@link #conditional}; the discriminator's 784-512-256 body gives 256 features,
   * scored by a Linear(256→1) head plus their inner product with the class's learned row.
   */
  public static Gan projection(int latent, int classes, Rng rng) {
    int e = CLASS_EMBEDDING;
    Sequential g = mlpGenerator(latent + e, rng);
    Sequential body =
        new Sequential(
            new Linear(784, 512, rng),
            new LeakyReLU(0.2f),
            new Linear(512, 256, rng),
            new LeakyReLU(0.2f));
    return new Gan(
        prepend(new ClassConcat(classes, e, rng), g),
        new ProjectionDiscriminator(784, body, new Linear(256, 1, rng), classes, rng),
        latent,
        classes);
  }

  private static Sequential mlpGenerator(int in, Rng rng) {
    return new Sequential(
        new Linear(in, 256, rng),
        new LeakyReLU(0.2f),
        new Linear(256, 512, rng),
        new LeakyReLU(0.2f),
        new Linear(512, 784, rng),
        new Tanh());
  }

  private static Sequential mlpDiscriminator(int in, Rng rng) {
    return new Sequential(
        new Linear(in, 512, rng),
        new LeakyReLU(0.2f),
        new Linear(512, 256, rng),
        new LeakyReLU(0.2f),
        new Linear(256, 1, rng));
  }

  private static Sequential prepend(Module first, Sequential rest) {
    java.util.List<Module> l = new java.util.ArrayList<>();
    l.add(first);
    l.addAll(rest.layers());
    return new Sequential(l);
  }

  /**
   * DCGAN (Radford et al. 2016) at 28×28 in the common 7→14→28 layout: G projects the noise to
   * 128×7×7 (Linear, batch norm, ReLU), then ConvTranspose2d(128→64, 4, stride 2, padding 1) to
   * 14×14 with batch norm and ReLU, and ConvTranspose2d(64→1) to 28×28 with tanh; D mirrors it with
   * Conv2d(1→64, 4, 2, 1), LeakyReLU(0.2), Conv2d(64→128, 4, 2, 1), batch norm, LeakyReLU(0.2), and
   * Linear(6272→1). No batch norm at G's output or D's input, as the paper says; weights N(0,
   * 0.02), batch-norm scales N(1, 0.02). Samples (1, 28, 28).
   */
  public static Gan dcgan(int latent, Rng rng) {
    Gan g = new Gan(dcganGenerator(latent, rng), dcganCritic(1, true, rng), latent, 0);
    dcganInit(g, rng);
    return g;
  }

  /**
   * WGAN-GP (Gulrajani et al. 2017): the DCGAN generator and the DCGAN discriminator without batch
   * norm (the penalty is per example; batch norm would mix the examples), N(0, 0.02) init.
   */
  public static Gan wganGp(int latent, Rng rng) {
    Gan g = new Gan(dcganGenerator(latent, rng), dcganCritic(1, false, rng), latent, 0);
    dcganInit(g, rng);
    return g;
  }

  /**
   * The conditional DCGAN: the DCGAN generator on the noise with a learned class embedding ({@link
   * #CLASS_EMBEDDING} numbers) concatenated, as {@link #conditional}; the DCGAN discriminator on
   * two channels, the image and a learned 28×28 map of its class ({@link ClassConcat} with a
   * 784-number embedding, then {@link Unflatten}), the usual way to condition a convolutional
   * discriminator. Radford et al.'s initialisation for the convolutions, batch norms and Linears;
   * the embeddings keep N(0, 1), as {@code nn.Embedding}.
   */
  public static Gan conditionalDcgan(int latent, int classes, Rng rng) {
    return conditionalDcgan(latent, classes, false, rng);
  }

  /**
   * The conditional DCGAN with a projection added to its discriminator ({@link
   * ProjectionDiscriminator}): the same generator and class channel as {@link #conditionalDcgan},
   * and D(x, y) = ψ(φ(x, y)) + ⟨V_y, φ(x, y)⟩ over the 6272 features before the last Linear. Why:
   * the class channel lets the first filters weigh the class; the projection makes the score's
   * class part a direct function of every deep feature, where pullover, coat and shirt differ.
   */
  public static Gan conditionalDcganProjection(int latent, int classes, Rng rng) {
    return conditionalDcgan(latent, classes, true, rng);
  }

  private static Gan conditionalDcgan(int latent, int classes, boolean projection, Rng rng) {
    int e = CLASS_EMBEDDING;
    Sequential g = dcganGenerator(latent + e, rng);
    Sequential d = dcganCritic(2, true, rng);
    dcganInit(g, rng);
    dcganInit(d, rng);
    java.util.List<Module> critic = d.layers(), dl = new java.util.ArrayList<>();
    dl.add(new ClassConcat(classes, 28 * 28, rng));
    dl.add(new Unflatten(2, 28, 28));
    dl.addAll(projection ? critic.subList(0, critic.size() - 1) : critic);
    Module generator = prepend(new ClassConcat(classes, e, rng), g);
    Module discriminator =
        projection
            ? new ProjectionDiscriminator(
                28 * 28, new Sequential(dl), critic.get(critic.size() - 1), classes, true, rng)
            : new Sequential(dl);
    return new Gan(generator, discriminator, latent, classes);
  }

  static Sequential dcganGenerator(int latent, Rng rng) {
    return new Sequential(
        new Linear(latent, 128 * 7 * 7, false, rng),
        new Unflatten(128, 7, 7),
        new BatchNorm2d(128),
        new ReLU(),
        new ConvTranspose2d(128, 64, 4, 4, 2, 1, 0, 1, 1, false, rng),
        new BatchNorm2d(64),
        new ReLU(),
        new ConvTranspose2d(64, 1, 4, 2, 1, rng),
        new Tanh());
  }

  static Sequential dcganCritic(int channels, boolean batchNorm, Rng rng) {
    java.util.List<Module> l = new java.util.ArrayList<>();
    l.add(new Conv2d(channels, 64, 4, 2, 1, rng));
    l.add(new LeakyReLU(0.2f));
    l.add(new Conv2d(64, 128, 4, 4, 2, 1, 1, 1, !batchNorm, rng));
    if (batchNorm) l.add(new BatchNorm2d(128));
    l.add(new LeakyReLU(0.2f));
    l.add(new Flatten());
    l.add(new Linear(128 * 7 * 7, 1, rng));
    return new Sequential(l);
  }

  /**
   * Radford et al.'s initialisation: every weight of a Linear, Conv2d and ConvTranspose2d from N(0,
   * 0.02), biases 0; batch-norm scales from N(1, 0.02), shifts 0.
   */
  public static void dcganInit(Module m, Rng rng) {
    try (var off = Grad.disabled()) {
      init(m, rng);
    }
  }

  private static void init(Module m, Rng rng) {
    boolean norm = m instanceof BatchNorm2d;
    boolean weighted = m instanceof Linear || m instanceof Conv2d || m instanceof ConvTranspose2d;
    if (norm || weighted) {
      Map<String, Parameter> p = m.namedParameters();
      Parameter w = p.get("weight"), b = p.get("bias");
      if (w != null) {
        Tensor r = Tensor.randn(rng, w.shape()).mul(0.02f);
        w.copyFrom(norm ? r.add(1f) : r);
      }
      if (b != null) b.copyFrom(Tensor.zeros(b.shape()));
    }
    for (Module c : m.children().values()) init(c, rng);
  }
}
