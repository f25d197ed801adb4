package dev.dendrite.tensor;

import dev.dendrite.kernels.Parallel;

/**
 * The size of the one shared thread pool that every kernel uses (the calling thread included).
 * Defaults to the number of cores, or {@code -Ddendrite.threads=N}.
 */
public final class Threads {
  private Threads() {}

  public static int get() {
    return Parallel.threads();
  }

  public static void set(int n) {
    Parallel.setThreads(n);
  }

  /**
   * Starts compiling the kernels on a background daemon thread and returns at once: it runs a few
   * hundred forward and backward passes of a small MLP on random numbers. Until C2 compiles a Vector
   * API kernel, the kernel runs a boxed Java fallback that is about a hundred times slower, so a run
   * that calls this before loading its data (the other core is idle then) starts at full speed. The
   * warm-up touches no caller-visible state; it stops after {@code millis} milliseconds.
   */
  public static void warmUp(long millis) {
    Thread t = new Thread(() -> {
      long end = System.nanoTime() + millis * 1_000_000L;
      Rng rng = new Rng(0);
      Tensor x = Tensor.randn(rng, 64, 784);
      Tensor w1 = Tensor.randn(rng, 256, 784).mul(0.03f).requiresGrad(true), w2 = Tensor.randn(rng, 10, 256).mul(0.06f).requiresGrad(true);
      Tensor b1 = Tensor.zeros(256).requiresGrad(true);
      Tensor target = Tensor.oneHot(Tensor.zeros(64), 10);
      while (System.nanoTime() < end) {
        Tensor logits = x.matmul(w1.t()).add(b1).relu().matmul(w2.t());
        logits.logSoftmax(1).mul(target).sum().neg().div(64f).backward();
        w1.zeroGrad();
        w2.zeroGrad();
        b1.zeroGrad();
      }
    }, "dendrite-warm-up");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }
}
