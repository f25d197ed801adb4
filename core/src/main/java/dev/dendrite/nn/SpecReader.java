package dev.dendrite.nn;

import dev.dendrite.tensor.Rng;
import java.util.function.BiFunction;

/**
 * How a layer is rebuilt from the JSON its {@link Module#spec()} writes: the spec's {@code type}
 * and a function of the spec's fields, fresh parameters drawn from the given {@code Rng}. Each
 * layer declares its reader beside its {@code spec()}, so the two are changed together.
 */
public record SpecReader(String type, BiFunction<SpecFields, Rng, Module> read) {
  /**
   * The same reader under another type name (a name that specs were written with before a rename).
   */
  public SpecReader as(String oldType) {
    return new SpecReader(oldType, read);
  }
}
