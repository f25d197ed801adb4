package dev.dendrite.autograd;

import dev.dendrite.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.Locale;

/**
 * Anomaly detection, as PyTorch's {@code torch.autograd.detect_anomaly}: while on, the first op
 * whose forward result or backward gradient holds a NaN or an infinity stops the run with {@link
 * Detected}, naming the op, the layer (its name in the state dict, such as {@code 2} for the third
 * layer of a Sequential, {@code 1.0} for one nested deeper) and a sample of what went in.
 *
 * <p>Off by default. When off each recorded op pays one read of a volatile flag; when on, each
 * recorded op's result and each gradient is scanned once (training then runs at a fraction of its
 * speed: a debugging mode). Only ops recorded for backward (some input requires a gradient) are
 * checked.
 */
public final class Anomaly {
  private static volatile boolean on;
  private static final ThreadLocal<ArrayDeque<String>> PATH =
      ThreadLocal.withInitial(ArrayDeque::new);

  private Anomaly() {}

  /** The first NaN or infinity, where it appeared. */
  public static final class Detected extends IllegalStateException {
    public Detected(String message) {
      super(message);
    }
  }

  /** Turns detection on or off for every thread. */
  public static void enable(boolean enabled) {
    on = enabled;
  }

  public static boolean enabled() {
    return on;
  }

  /** Enters the layer {@code name} of the current module (a container calls it per child). */
  public static void enter(String name) {
    PATH.get().addLast(name);
  }

  public static void exit() {
    PATH.get().pollLast();
  }

  /** The state-dict name of the layer being run, or null outside any container. */
  public static String layer() {
    ArrayDeque<String> p = PATH.get();
    return p.isEmpty() ? null : String.join(".", p);
  }

  /** Throws {@link Detected} when {@code out}, the forward result of {@code op}, is not finite. */
  public static void checkForward(String op, Tensor out, Tensor[] inputs) {
    float[] v = out.toArray();
    int bad = firstNonFinite(v);
    if (bad < 0) return;
    StringBuilder s = new StringBuilder();
    s.append(op)
        .append(where(layer()))
        .append(" returned ")
        .append(v[bad])
        .append(" at element ")
        .append(bad)
        .append(" of ")
        .append(java.util.Arrays.toString(out.shape()))
        .append(" in the forward pass");
    for (int i = 0; i < inputs.length; i++)
      s.append("; input ").append(i).append(' ').append(sample(inputs[i]));
    throw new Detected(s.toString());
  }

  /**
   * Throws {@link Detected} when a gradient that the backward of {@code op} (recorded in {@code
   * layer}) computed for its inputs is not finite, while the gradient it received was.
   */
  public static void checkBackward(String op, String layer, Tensor[] upstream, Tensor[] result) {
    for (int i = 0; i < result.length; i++) {
      if (result[i] == null) continue;
      float[] v = result[i].toArray();
      int bad = firstNonFinite(v);
      if (bad < 0) continue;
      StringBuilder s = new StringBuilder();
      s.append("the backward of ")
          .append(op)
          .append(where(layer))
          .append(" returned ")
          .append(v[bad])
          .append(" in the gradient of input ")
          .append(i)
          .append(" at element ")
          .append(bad);
      for (Tensor u : upstream) if (u != null) s.append("; gradient received ").append(sample(u));
      throw new Detected(s.toString());
    }
  }

  private static String where(String layer) {
    return layer == null ? "" : " in layer " + layer;
  }

  private static int firstNonFinite(float[] v) {
    for (int i = 0; i < v.length; i++) if (!Float.isFinite(v[i])) return i;
    return -1;
  }

  /** The shape, the first values, and the first non-finite one if any. */
  static String sample(Tensor t) {
    float[] v = t.toArray();
    StringBuilder s = new StringBuilder(java.util.Arrays.toString(t.shape())).append(" [");
    for (int i = 0; i < Math.min(4, v.length); i++)
      s.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.4g", v[i]));
    s.append(v.length > 4 ? ", ...]" : "]");
    int bad = firstNonFinite(v);
    if (bad >= 0) s.append(" holding ").append(v[bad]).append(" at element ").append(bad);
    return s.toString();
  }
}
