package dev.dendrite.explain.attribution;

/**
 * Vanilla gradient saliency (Simonyan, Vedaldi and Zisserman, 2014): |∂f/∂x_i|, how much a small
 * change of each feature moves the score.
 */
public final class Saliency {
  private Saliency() {}

  /** The signed gradient ∂f/∂x at {@code x}, by one backward pass. */
  public static float[] gradient(ScoreFunction f, float[] x) {
    return f.gradients(x, x.length);
  }

  /** The saliency map |∂f/∂x|. */
  public static Attribution of(ScoreFunction f, float[] x) {
    float[] g = gradient(f, x);
    for (int i = 0; i < g.length; i++) g[i] = Math.abs(g[i]);
    return new Attribution("saliency", g, f.at(x));
  }
}
