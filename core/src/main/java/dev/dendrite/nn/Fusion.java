package dev.dendrite.nn;

/**
 * A module that runs a layer of a {@link Sequential} and the {@code absorbed} layers after it as
 * one, computing the same outputs and gradients bit for bit with fewer passes over memory. It uses
 * the original layers' parameters, so the state dict does not change. See {@link Module#fuse}.
 */
public record Fusion(Module module, int absorbed) {
  public Fusion {
    if (module == null || absorbed < 1)
      throw new IllegalArgumentException(
          "a fusion needs a module and absorbs at least one layer, got " + absorbed);
  }
}
