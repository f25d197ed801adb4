package dev.dendrite.nn;

import java.util.List;

/**
 * What {@link StateDictLoader#load} found, as PyTorch's {@code _IncompatibleKeys}: model names the
 * checkpoint did not have ({@code missingKeys}) and checkpoint names the model does not have
 * ({@code unexpectedKeys}), after the name map. {@code loaded} lists what was copied.
 */
public record LoadResult(
    List<String> missingKeys, List<String> unexpectedKeys, List<String> loaded) {
  public LoadResult {
    missingKeys = List.copyOf(missingKeys);
    unexpectedKeys = List.copyOf(unexpectedKeys);
    loaded = List.copyOf(loaded);
  }

  /** True when every model tensor was loaded and nothing was left over. */
  public boolean isExact() {
    return missingKeys.isEmpty() && unexpectedKeys.isEmpty();
  }
}
