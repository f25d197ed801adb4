package dev.dendrite.nn.loss;

import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.Arrays;

/** Shape checks shared by the losses, with messages that name the loss and both shapes. */
final class Checks {
  private Checks() {}

  static void sameShape(String loss, Tensor input, Tensor target) {
    if (!Arrays.equals(input.shape(), target.shape())) {
      throw new IllegalArgumentException(
          loss
              + ": input of shape "
              + Shape.str(input.shape())
              + " and target of shape "
              + Shape.str(target.shape())
              + " must have the same shape");
    }
  }
}
