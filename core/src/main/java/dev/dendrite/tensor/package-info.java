/** Tensors: float32 storage, shapes, views and eager math that records the autograd graph. */
package dev.dendrite.tensor;
