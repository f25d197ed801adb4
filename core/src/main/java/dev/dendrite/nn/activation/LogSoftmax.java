package dev.dendrite.nn.activation;

import dev.dendrite.nn.Module;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Log-softmax along {@code dim}, computed stably. Shape: any, unchanged. */
public final class LogSoftmax extends Module {
  private final int dim;

  /** With the defaults: dim = -1. */
  public LogSoftmax() {
    this(-1);
  }

  public LogSoftmax(int dim) {
    this.dim = dim;
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.logSoftmax(dim);
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader("LogSoftmax", (f, rng) -> new LogSoftmax(f.integer("dim", -1)));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "LogSoftmax");
    m.put("dim", dim);
    return m;
  }

  @Override
  public String toString() {
    return "LogSoftmax(dim=" + dim + ")";
  }
}
