package dev.dendrite.nn.recurrent;

import dev.dendrite.nn.Module;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.ops.sequence.Sequences;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Two sequence layers, one reading the sequence forwards and one backwards, their outputs joined as
 * [forward ‖ reverse] along the features: the construction of Schuster & Paliwal (1997) around any
 * layer, the same as a built-in layer's {@code bidirectional} when both are one-layer
 * unidirectional copies (the reverse layer's output is flipped back into time order).
 *
 * <p>Shapes: input (T, N, I), or (N, T, I) with {@code batchFirst} → (T, N, H_f + H_r). With
 * lengths, each sequence is reversed within its own length (the padding stays at the end), as a
 * packed sequence is; the layers then must take lengths ({@link VariableLength}).
 */
public final class Bidirectional extends Module implements VariableLength {
  private final Module forward, reverse;
  private final boolean batchFirst;

  /** Any two sequence layers of the given layout; usually two fresh copies of one layer. */
  public Bidirectional(Module forward, Module reverse, boolean batchFirst) {
    if (forward == reverse)
      throw new IllegalArgumentException(
          "Bidirectional: the reverse layer must be a second copy, not the same layer");
    this.forward = forward;
    this.reverse = reverse;
    this.batchFirst = batchFirst;
  }

  /** Two layers that know their layout, which must agree. */
  public <M extends Module & VariableLength> Bidirectional(M forward, M reverse) {
    this(forward, reverse, forward.batchFirst());
    if (forward.batchFirst() != reverse.batchFirst()) {
      throw new IllegalArgumentException(
          "Bidirectional: " + forward + " and " + reverse + " disagree on batchFirst");
    }
  }

  @Override
  public boolean batchFirst() {
    return batchFirst;
  }

  @Override
  public Map<String, Module> children() {
    Map<String, Module> m = new LinkedHashMap<>();
    m.put("forward", forward);
    m.put("reverse", reverse);
    return m;
  }

  private void check(Tensor x) {
    if (x.dim() != 3) {
      throw new IllegalArgumentException(
          this
              + " needs a sequence ("
              + (batchFirst ? "N, T" : "T, N")
              + ", I), got "
              + Shape.str(x.shape()));
    }
  }

  @Override
  public Tensor forward(Tensor x) {
    check(x);
    Tensor back =
        Sequences.reverse(
            reverse.forward(Sequences.reverse(x, null, batchFirst)), null, batchFirst);
    return Tensor.cat(2, forward.forward(x), back);
  }

  @Override
  public Tensor forward(Tensor x, int[] lengths) {
    check(x);
    if (lengths == null) throw new IllegalArgumentException(this + ": lengths must not be null");
    if (!(forward instanceof VariableLength f) || !(reverse instanceof VariableLength r)) {
      throw new IllegalArgumentException(
          this + ": lengths need layers that take them (VariableLength)");
    }
    int n = x.size(batchFirst ? 0 : 1), t = x.size(batchFirst ? 1 : 0);
    lengths = Sequences.check(this, lengths, n, t);
    // The padding keeps its place at the end of each reversed sequence, so the reverse layer masks
    // it as usual.
    Tensor back =
        Sequences.reverse(
            r.forward(Sequences.reverse(x, lengths, batchFirst), lengths), lengths, batchFirst);
    return Tensor.cat(2, f.forward(x, lengths), back);
  }

  @Override
  public int[] outputShape(int[] s) {
    int[] a = forward.outputShape(s), b = reverse.outputShape(s);
    int[] o = a.clone();
    o[o.length - 1] += b[b.length - 1];
    return o;
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader(
          "Bidirectional",
          (f, rng) ->
              new Bidirectional(
                  f.module("forward"), f.module("reverse"), f.bool("batchFirst", false)));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "Bidirectional");
    m.put("forward", forward.spec());
    m.put("reverse", reverse.spec());
    m.put("batchFirst", batchFirst);
    return m;
  }

  @Override
  public String toString() {
    return "Bidirectional(" + forward + ", " + reverse + ")";
  }
}
