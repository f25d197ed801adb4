package dev.dendrite.train;

import java.util.Map;

/**
 * What a run measures on held-out data after each epoch, under the names it reports (for example
 * {@code val_loss}, {@code val_accuracy}, {@code val_bits_per_char}). It runs the model in
 * evaluation mode and without the gradient tape, and leaves the mode as it found it.
 */
@FunctionalInterface
public interface Validation {
  Map<String, Double> measure();
}
