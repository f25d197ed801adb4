/**
 * The differentiable ops on raw arrays that the layers of {@code nn} call, as {@code torch.nn}
 * calls {@code torch.nn.functional}: convolution, pooling, batch norm, table lookup; the recurrent
 * cell step and sequence ops are in {@code ops.sequence}. Each op records its own backward. Not
 * exported: the public face of these ops is the layers. Of {@code nn} and {@code ops}, only these
 * packages read tensors' arrays through {@code internal.Access}.
 */
package dev.dendrite.ops;
