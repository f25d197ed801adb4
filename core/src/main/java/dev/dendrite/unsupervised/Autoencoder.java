package dev.dendrite.unsupervised;

import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Parameter;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.activation.Sigmoid;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A dense autoencoder: an encoder of {@link Linear} layers down to the code and a decoder back up,
 * with sigmoid or ReLU hidden activations and a sigmoid output, for data in [0, 1].
 *
 * <p>The sizes list the whole network, e.g. {@code 16, 8, 16} or {@code 784, 256, 64, 256, 784}: an
 * odd count whose middle entry is the code and whose ends are equal. The children are {@code
 * encoder} and {@code decoder}, each laid out as PyTorch's {@code nn.Sequential(Linear, act, ...)},
 * so the state dict reads {@code encoder.0.weight}, {@code encoder.2.bias}, {@code
 * decoder.0.weight}, ... The code layer keeps the hidden activation.
 *
 * <p>With tied weights (the sizes must then be a palindrome) decoder layer k uses the transpose of
 * encoder layer L−1−k's weight as a view of the same {@link Parameter}, so both uses add to one
 * gradient; the decoder then owns only its biases, and the state dict holds each weight once.
 */
public final class Autoencoder extends Module {
  /** The hidden activation. */
  public enum Hidden {
    SIGMOID,
    RELU
  }

  private final int[] sizes;
  private final Hidden hidden;
  private final boolean tied;
  private final Sequential encoder, decoder;

  /** Layers initialised as {@link Linear} initialises them, from {@code rng}. */
  public Autoencoder(int[] sizes, Hidden hidden, boolean tied, Rng rng) {
    if (sizes.length < 3 || sizes.length % 2 == 0 || sizes[0] != sizes[sizes.length - 1])
      throw new IllegalArgumentException(
          "Autoencoder: sizes must be an odd count >= 3 with equal ends, got "
              + Arrays.toString(sizes));
    for (int s : sizes)
      if (s < 1)
        throw new IllegalArgumentException(
            "Autoencoder: sizes must be >= 1, got " + Arrays.toString(sizes));
    if (tied)
      for (int i = 0; i < sizes.length / 2; i++)
        if (sizes[i] != sizes[sizes.length - 1 - i])
          throw new IllegalArgumentException(
              "Autoencoder: tied weights need mirrored sizes, got " + Arrays.toString(sizes));
    this.sizes = sizes.clone();
    this.hidden = hidden;
    this.tied = tied;
    int half = sizes.length / 2;
    List<Module> enc = new ArrayList<>();
    List<Linear> encLinears = new ArrayList<>();
    for (int i = 0; i < half; i++) {
      Linear l = new Linear(sizes[i], sizes[i + 1], rng);
      encLinears.add(l);
      enc.add(l);
      enc.add(activation());
    }
    List<Module> dec = new ArrayList<>();
    for (int i = half; i < sizes.length - 1; i++) {
      if (tied) dec.add(new TiedLinear(encLinears.get(sizes.length - 2 - i), rng));
      else dec.add(new Linear(sizes[i], sizes[i + 1], rng));
      dec.add(i == sizes.length - 2 ? new Sigmoid() : activation());
    }
    this.encoder = new Sequential(enc);
    this.decoder = new Sequential(dec);
  }

  private Module activation() {
    return hidden == Hidden.SIGMOID ? new Sigmoid() : new ReLU();
  }

  /** The code of {@code x}: (N, sizes[0]) → (N, code size). */
  public Tensor encode(Tensor x) {
    return encoder.forward(x);
  }

  /** The reconstruction from code {@code z}: (N, code size) → (N, sizes[0]), in (0, 1). */
  public Tensor decode(Tensor z) {
    return decoder.forward(z);
  }

  /** The reconstruction of {@code x}. */
  @Override
  public Tensor forward(Tensor x) {
    return decode(encode(x));
  }

  public int[] sizes() {
    return sizes.clone();
  }

  public boolean tied() {
    return tied;
  }

  public Hidden hidden() {
    return hidden;
  }

  public Sequential encoder() {
    return encoder;
  }

  public Sequential decoder() {
    return decoder;
  }

  /** Encoder layer {@code k}'s weight, (out, in) as PyTorch lays it out. */
  public Parameter encoderWeight(int k) {
    return ((Linear) encoder.layers().get(2 * k)).weight();
  }

  /**
   * Decoder layer {@code k}'s weight, (out, in): with tied weights a transposed view of an encoder
   * weight, not a copy.
   */
  public Tensor decoderWeight(int k) {
    Module m = decoder.layers().get(2 * k);
    return m instanceof TiedLinear t ? t.weight() : ((Linear) m).weight();
  }

  @Override
  public Map<String, Module> children() {
    Map<String, Module> m = new LinkedHashMap<>();
    m.put("encoder", encoder);
    m.put("decoder", decoder);
    return m;
  }

  /** Rebuilds an autoencoder from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader(
          "Autoencoder",
          (f, rng) ->
              new Autoencoder(
                  f.ints("sizes"),
                  hiddenOf(f.string("hidden", "sigmoid"), f.where()),
                  f.bool("tied", false),
                  rng));

  static Hidden hiddenOf(String name, String where) {
    try {
      return Hidden.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          where + ": \"hidden\" must be sigmoid or relu, got " + name);
    }
  }

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "Autoencoder");
    m.put("sizes", sizes.clone());
    m.put("hidden", hidden.name().toLowerCase(Locale.ROOT));
    m.put("tied", tied);
    return m;
  }

  @Override
  public String toString() {
    return "Autoencoder(sizes="
        + Arrays.toString(sizes)
        + ", hidden="
        + hidden.name().toLowerCase(Locale.ROOT)
        + (tied ? ", tied" : "")
        + ")";
  }

  /**
   * {@code y = x·W + b} with {@code W} the (out', in') weight of an encoder layer: the layer maps
   * that layer's output size back to its input size. It owns only its bias.
   */
  static final class TiedLinear extends Module {
    private final Parameter shared; // the encoder's (h, v)
    private final Parameter bias; // (v)

    TiedLinear(Linear encoder, Rng rng) {
      this.shared = encoder.weight();
      int in = encoder.outFeatures(), out = encoder.inFeatures();
      float bound = (float) (1 / Math.sqrt(in));
      this.bias = new Parameter(Tensor.uniform(rng, -bound, bound, out));
    }

    /** The weight this layer applies, (v, h): a view of the encoder's. */
    Tensor weight() {
      return shared.t();
    }

    @Override
    public Tensor forward(Tensor x) {
      if (x.dim() == 0 || x.size(-1) != shared.size(0))
        throw new IllegalArgumentException(
            "tied layer: input of shape "
                + Arrays.toString(x.shape())
                + " does not end in "
                + shared.size(0));
      return x.matmul(shared).add(bias);
    }

    @Override
    protected Map<String, Parameter> localParameters() {
      return Map.of("bias", bias);
    }

    @Override
    public int[] outputShape(int[] s) {
      int[] o = s.clone();
      o[o.length - 1] = shared.size(1);
      return o;
    }

    @Override
    public String toString() {
      return "TiedLinear(in=" + shared.size(0) + ", out=" + shared.size(1) + ")";
    }
  }
}
