package dev.dendrite.explain.attribution;

/**
 * A LIME surrogate: a weighted ridge fit of the model's score on the interpretable features of the
 * perturbed samples.
 *
 * @param features the K selected interpretable features, by |weight|, largest first
 * @param weights their surrogate coefficients, in the same order
 * @param intercept the surrogate's intercept
 * @param score the surrogate's weighted R² on the samples (lime's {@code score})
 * @param localPrediction the surrogate's prediction for the explained input
 * @param modelScore the model's score for the explained input
 * @param names a description of each selected feature, e.g. "petal length > 5.10"
 */
public record LimeExplanation(
    int[] features,
    double[] weights,
    double intercept,
    double score,
    double localPrediction,
    double modelScore,
    String[] names) {}
