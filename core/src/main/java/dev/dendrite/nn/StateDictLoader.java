package dev.dendrite.nn;

import dev.dendrite.autograd.Grad;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Loads a state dict (e.g. PyTorch weights read by {@code io.Safetensors}) into a module by name,
 * with PyTorch's {@code load_state_dict} rules: a shape mismatch is always an error; missing and
 * unexpected keys are errors in strict mode and are returned in non-strict mode.
 *
 * <p>Every key is checked before any value is copied, so a failed load leaves the module as it was.
 */
public final class StateDictLoader {
  private StateDictLoader() {}

  /** {@link #load(Module, Map, boolean, UnaryOperator)} with keys as they are. */
  public static LoadResult load(Module model, Map<String, Tensor> state, boolean strict) {
    return load(model, state, strict, NameMap.identity());
  }

  /**
   * Copies {@code state}'s tensors, renamed by {@code nameMap}, into {@code model}'s parameters and
   * buffers.
   *
   * @throws IllegalArgumentException listing every problem key by key; nothing was copied
   */
  public static LoadResult load(
      Module model, Map<String, Tensor> state, boolean strict, UnaryOperator<String> nameMap) {
    Map<String, Tensor> target = model.stateDict();
    Map<String, Tensor> renamed = new LinkedHashMap<>();
    Map<String, String> source = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (var e : state.entrySet()) {
      String to = nameMap.apply(e.getKey());
      if (to == null) continue;
      String before = source.putIfAbsent(to, e.getKey());
      if (before != null) {
        problems.add("keys " + before + " and " + e.getKey() + " both map to " + to);
        continue;
      }
      renamed.put(to, e.getValue());
    }
    List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>();
    List<String> loaded = new ArrayList<>();
    for (var e : target.entrySet()) {
      Tensor v = renamed.get(e.getKey());
      if (v == null) {
        missing.add(e.getKey());
      } else if (!Arrays.equals(v.shape(), e.getValue().shape())) {
        problems.add(
            "size mismatch for "
                + e.getKey()
                + named(source.get(e.getKey()), e.getKey())
                + ": checkpoint has "
                + Shape.str(v.shape())
                + ", model has "
                + Shape.str(e.getValue().shape()));
      } else {
        loaded.add(e.getKey());
      }
    }
    for (String k : renamed.keySet())
      if (!target.containsKey(k)) unexpected.add(k + named(source.get(k), k));
    if (strict) {
      if (!missing.isEmpty()) problems.add("missing keys: " + String.join(", ", missing));
      if (!unexpected.isEmpty()) problems.add("unexpected keys: " + String.join(", ", unexpected));
    }
    if (!problems.isEmpty())
      throw new IllegalArgumentException(
          "state dict does not fit "
              + model.getClass().getSimpleName()
              + " (nothing loaded): "
              + String.join("; ", problems));
    try (var off = Grad.disabled()) {
      for (String k : loaded) target.get(k).copyFrom(renamed.get(k));
    }
    return new LoadResult(missing, unexpected.stream().map(StateDictLoader::bare).toList(), loaded);
  }

  private static String named(String from, String to) {
    return from == null || from.equals(to) ? "" : " (from " + from + ")";
  }

  private static String bare(String k) {
    int p = k.indexOf(" (from ");
    return p < 0 ? k : k.substring(0, p);
  }
}
