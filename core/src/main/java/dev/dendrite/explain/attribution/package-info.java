/**
 * Attribution: which input features a model's output depends on. Gradient methods (saliency,
 * SmoothGrad, Integrated Gradients), occlusion, LIME for tables and images (with SLIC superpixels),
 * and the deletion curve that measures how faithful an attribution is.
 *
 * <p>Every method sees the model through a {@link dev.dendrite.explain.attribution.ScoreFunction}:
 * a batch of flat inputs (N, D) in, one score per row out. Forward passes are batched.
 */
package dev.dendrite.explain.attribution;
