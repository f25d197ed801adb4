package dev.dendrite.rl;

import java.util.Map;

/**
 * What {@link Env#reset} returns: the first observation of an episode and extra values.
 *
 * @param observation the first observation
 * @param info extra, environment-specific values (never null)
 */
public record Reset<O>(O observation, Map<String, Object> info) {
  public Reset {
    info = info == null ? Map.of() : info;
  }
}
