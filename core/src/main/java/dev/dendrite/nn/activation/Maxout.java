package dev.dendrite.nn.activation;

import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Parameter;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maxout (Goodfellow et al. 2013): {@code pieces} affine maps per output unit, of which the unit
 * takes the largest: {@code y_j = max_k (W_{jk}·x + b_{jk})}. Parameters {@code weight}
 * (out·pieces, in) and {@code bias} (out·pieces), unit j's pieces adjacent, initialised as {@link
 * Linear}. Shape: (N, in) → (N, out).
 */
public final class Maxout extends Module {
  private final int in, out, pieces;
  private final Linear linear;

  public Maxout(int in, int out, int pieces, Rng rng) {
    if (pieces < 2)
      throw new IllegalArgumentException("Maxout: needs at least 2 pieces, got " + pieces);
    this.in = in;
    this.out = out;
    this.pieces = pieces;
    this.linear = new Linear(in, out * pieces, rng);
  }

  @Override
  public Tensor forward(Tensor x) {
    Tensor z = linear.forward(x);
    int[] s = z.shape();
    int[] grouped = java.util.Arrays.copyOf(s, s.length + 1);
    grouped[s.length - 1] = out;
    grouped[s.length] = pieces;
    return z.reshape(grouped).max(-1, false);
  }

  @Override
  protected Map<String, Parameter> localParameters() {
    Map<String, Parameter> m = new LinkedHashMap<>();
    m.put("weight", linear.weight());
    m.put("bias", linear.bias());
    return m;
  }

  @Override
  public int[] outputShape(int[] s) {
    if (s.length == 0 || s[s.length - 1] != in) {
      throw new IllegalArgumentException(
          "Maxout(in=" + in + ") needs an input ending in " + in + ", got " + Shape.str(s));
    }
    int[] o = s.clone();
    o[o.length - 1] = out;
    return o;
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader(
          "Maxout",
          (f, rng) -> new Maxout(f.integer("in"), f.integer("out"), f.integer("pieces"), rng));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "Maxout");
    m.put("in", in);
    m.put("out", out);
    m.put("pieces", pieces);
    return m;
  }

  @Override
  public String toString() {
    return "Maxout(in=" + in + ", out=" + out + ", pieces=" + pieces + ")";
  }
}
