package dev.dendrite.tensor;

import dev.dendrite.kernels.Parallel;

/**
 * The size of the one shared thread pool that every kernel uses (the calling thread included).
 * Defaults to the number of cores, or {@code -Ddendrite.threads=N}.
 */
public final class Threads {
  private static final java.util.concurrent.atomic.AtomicBoolean WARMING =
      new java.util.concurrent.atomic.AtomicBoolean();

  private Threads() {}

  public static int get() {
    return Parallel.threads();
  }

  public static void set(int n) {
    Parallel.setThreads(n);
  }

  /**
   * Runs {@code body} on the calling thread with {@code n} threads of its own for the kernels it
   * calls (itself and n − 1 workers that end with the call) instead of the shared pool; {@link
   * #get} reports n inside. Parallel searches give each trial its share of the cores this way.
   */
  public static void runWith(int n, Runnable body) {
    Parallel.runWith(n, body);
  }

  /**
   * Starts getting the kernels compiled on a background daemon thread and returns at once. Until C2
   * compiles a Vector API kernel, the kernel runs a boxed Java fallback about a hundred times
   * slower, so a run that calls this before loading its data (the other core is idle then) starts
   * near full speed. The thread calls each kernel on tiny problems ({@link
   * dev.dendrite.kernels.WarmUp}), then runs a hundred forward and backward passes of a tiny MLP
   * for the tensor layer, and ends; it touches no caller-visible state. Only the first call in a
   * JVM starts it.
   */
  public static void warmUp() {
    if (!WARMING.compareAndSet(false, true)) return;
    Thread t =
        new Thread(
            () -> {
              dev.dendrite.kernels.WarmUp.kernels();
              Rng rng = new Rng(0);
              Tensor x = Tensor.randn(rng, 3, 20);
              Tensor w1 = Tensor.randn(rng, 16, 20).mul(0.2f).requiresGrad(true),
                  w2 = Tensor.randn(rng, 4, 16).mul(0.2f).requiresGrad(true);
              Tensor b1 = Tensor.zeros(16).requiresGrad(true);
              Tensor target = Tensor.oneHot(Tensor.zeros(3), 4);
              for (int pass = 0; pass < 100; pass++) {
                Tensor logits = x.matmul(w1.t()).add(b1).relu().matmul(w2.t());
                logits.logSoftmax(1).mul(target).sum().neg().div(3f).backward();
                w1.zeroGrad();
                w2.zeroGrad();
                b1.zeroGrad();
              }
            },
            "dendrite-warm-up");
    t.setDaemon(true);
    t.start();
  }
}
