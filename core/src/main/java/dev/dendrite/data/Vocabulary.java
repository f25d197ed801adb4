package dev.dendrite.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The characters of a text as class indices: index 0 is the unknown symbol (U+FFFD), indices 1..n
 * the text's distinct code points in ascending order. A character outside the vocabulary encodes to
 * {@link #UNKNOWN}, so text from elsewhere can still be fed to a model; code points, not Java
 * chars, so a character outside the BMP is one symbol. Saved as the list of its code points ({@link
 * #codePoints()}), which a model archive stores in its JSON metadata.
 */
public final class Vocabulary {
  public static final int UNKNOWN = 0;

  /** The symbol that stands for every character outside the vocabulary. */
  public static final int UNKNOWN_CODE_POINT = 0xFFFD;

  private final int[] symbols; // ascending code points; index i + 1 is symbols[i]

  private Vocabulary(int[] symbols) {
    this.symbols = symbols;
  }

  /**
   * The distinct code points of {@code text} (U+FFFD, if present, is the unknown symbol itself).
   */
  public static Vocabulary of(CharSequence text) {
    java.util.BitSet seen =
        new java.util.BitSet(); // one bit per code point: no sort of the whole text
    text.codePoints().forEach(seen::set);
    seen.clear(UNKNOWN_CODE_POINT);
    int[] cps = seen.stream().toArray();
    if (cps.length == 0)
      throw new IllegalArgumentException("Vocabulary: the text has no characters");
    return new Vocabulary(cps);
  }

  /**
   * Rebuilds a vocabulary from {@link #codePoints()}; they must be ascending, distinct, valid code
   * points.
   */
  public static Vocabulary ofCodePoints(List<? extends Number> codePoints) {
    int[] cps = new int[codePoints.size()];
    for (int i = 0; i < cps.length; i++) {
      Number n = codePoints.get(i);
      double d = n.doubleValue();
      if (d != Math.rint(d)
          || !Character.isValidCodePoint((int) d)
          || (int) d == UNKNOWN_CODE_POINT) {
        throw new IllegalArgumentException(
            "Vocabulary: entry " + i + " (" + n + ") is not a code point");
      }
      cps[i] = (int) d;
      if (i > 0 && cps[i] <= cps[i - 1])
        throw new IllegalArgumentException(
            "Vocabulary: code points must be ascending and distinct, entry " + i + " is not");
    }
    if (cps.length == 0) throw new IllegalArgumentException("Vocabulary: no code points");
    return new Vocabulary(cps);
  }

  /** Number of classes, the unknown symbol included. */
  public int size() {
    return symbols.length + 1;
  }

  /** The known code points in index order (index 1 first), for saving. */
  public List<Integer> codePoints() {
    List<Integer> l = new ArrayList<>(symbols.length);
    for (int c : symbols) l.add(c);
    return l;
  }

  /** The index of {@code codePoint}, or {@link #UNKNOWN}. */
  public int index(int codePoint) {
    int i = Arrays.binarySearch(symbols, codePoint);
    return i < 0 ? UNKNOWN : i + 1;
  }

  public boolean contains(int codePoint) {
    return Arrays.binarySearch(symbols, codePoint) >= 0;
  }

  /** The code point of class {@code index}; U+FFFD for {@link #UNKNOWN}. */
  public int codePoint(int index) {
    if (index < 0 || index >= size())
      throw new IllegalArgumentException(
          "Vocabulary: index " + index + " outside [0, " + size() + ")");
    return index == UNKNOWN ? UNKNOWN_CODE_POINT : symbols[index - 1];
  }

  /** One index per code point of {@code text}. */
  public int[] encode(CharSequence text) {
    return text.codePoints().map(this::index).toArray();
  }

  public String decode(int[] indices) {
    StringBuilder sb = new StringBuilder(indices.length);
    for (int i : indices) sb.appendCodePoint(codePoint(i));
    return sb.toString();
  }

  /**
   * The distinct characters of {@code text} that this vocabulary does not hold, in order of
   * appearance.
   */
  public String missing(CharSequence text) {
    StringBuilder sb = new StringBuilder();
    text.codePoints().filter(c -> !contains(c)).distinct().forEach(sb::appendCodePoint);
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Vocabulary v && Arrays.equals(symbols, v.symbols);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(symbols);
  }

  @Override
  public String toString() {
    return "Vocabulary(" + size() + " symbols)";
  }
}
