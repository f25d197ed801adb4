package dev.dendrite.train;

import dev.dendrite.nn.Module;
import dev.dendrite.nn.RandomLayer;
import dev.dendrite.tensor.Rng;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The generators of a model's random layers (dropout, noise) as checkpoint state: without them a
 * resumed run would drop other units than the uninterrupted run from the first step on.
 */
final class LayerGenerators implements Stateful {
  private final Map<String, Rng> rngs = new LinkedHashMap<>();

  LayerGenerators(Module model) {
    collect("", model);
  }

  private void collect(String name, Module m) {
    if (m instanceof RandomLayer r) rngs.put(name.isEmpty() ? "model" : name, r.rng());
    for (var c : m.children().entrySet())
      collect(name.isEmpty() ? c.getKey() : name + "." + c.getKey(), c.getValue());
  }

  boolean isEmpty() {
    return rngs.isEmpty();
  }

  @Override
  public String key() {
    return "layer_rng";
  }

  @Override
  public Map<String, Double> state() {
    Map<String, Double> m = new LinkedHashMap<>();
    rngs.forEach((n, r) -> Stateful.rngState(r).forEach((k, v) -> m.put(n + "." + k, v)));
    return m;
  }

  @Override
  public void restore(Map<String, Double> state) {
    rngs.forEach(
        (n, r) -> {
          Map<String, Double> own = new LinkedHashMap<>();
          state.forEach(
              (k, v) -> {
                if (k.startsWith(n + ".")) own.put(k.substring(n.length() + 1), v);
              });
          Stateful.restoreRng(r, own);
        });
  }
}
