package dev.dendrite.kernels;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The one shared thread pool of the kernels.
 *
 * <p>Work is split into tasks that threads claim one at a time from a shared counter, the calling
 * thread included, so a busy core slows the run down instead of stalling it behind a fixed split.
 * Calls from inside a task run inline: nested parallelism never oversubscribes the pool.
 *
 * <p>The size defaults to the number of cores; {@code -Ddendrite.threads=N} or {@link #setThreads}
 * changes it.
 */
public final class Parallel {
  private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);
  private static volatile int threads = initialThreads();
  private static ExecutorService pool;

  private Parallel() {}

  private static int initialThreads() {
    String p = System.getProperty("dendrite.threads");
    int n = p == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(p.trim());
    if (n < 1) throw new IllegalArgumentException("dendrite.threads must be >= 1, got " + n);
    return n;
  }

  /** The number of threads a parallel kernel uses, the caller included. */
  public static int threads() {
    return threads;
  }

  /** Sets the number of threads (the caller included). Takes effect on the next parallel call. */
  public static synchronized void setThreads(int n) {
    if (n < 1) throw new IllegalArgumentException("threads must be >= 1, got " + n);
    if (n != threads && pool != null) {
      pool.shutdown();
      pool = null;
    }
    threads = n;
  }

  private static synchronized ExecutorService pool() {
    if (pool == null) {
      AtomicInteger id = new AtomicInteger();
      pool = Executors.newFixedThreadPool(Math.max(1, threads - 1), r -> {
        Thread t = new Thread(r, "dendrite-" + id.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    }
    return pool;
  }

  /** True when the current thread is already running a task of a parallel call. */
  public static boolean inside() {
    return INSIDE.get();
  }

  /**
   * Runs {@code body.accept(i)} for every {@code i} in {@code [0, tasks)}, each exactly once, and
   * returns when all have finished. The first exception thrown by a task is rethrown here.
   */
  public static void forEach(int tasks, IntConsumer body) {
    int t = threads;
    if (tasks <= 0) return;
    if (tasks == 1 || t == 1 || INSIDE.get()) {
      for (int i = 0; i < tasks; i++) body.accept(i);
      return;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicReference<Throwable> error = new AtomicReference<>();
    Thread caller = Thread.currentThread();
    Runnable worker = () -> {
      boolean outer = INSIDE.get();
      INSIDE.set(true);
      try {
        int i;
        while ((i = next.getAndIncrement()) < tasks) {
          try {
            if (error.get() == null) body.accept(i);
          } catch (Throwable e) {
            error.compareAndSet(null, e);
          }
          if (done.incrementAndGet() == tasks) LockSupport.unpark(caller);
        }
      } finally {
        INSIDE.set(outer);
      }
    };
    ExecutorService p = pool();
    int helpers = Math.min(t - 1, tasks - 1);
    for (int h = 0; h < helpers; h++) p.execute(worker);
    worker.run();
    int spins = 0;
    while (done.get() < tasks) {
      if (++spins < 2000) Thread.onSpinWait();
      else LockSupport.parkNanos(50_000);
    }
    Throwable e = error.get();
    if (e instanceof RuntimeException re) throw re;
    if (e instanceof Error er) throw er;
    if (e != null) throw new RuntimeException(e);
  }

  /**
   * Splits {@code [0, n)} into chunks of at least {@code grain} elements, about a few per thread,
   * and runs {@code body.run(from, to)} on each. Small ranges run on the calling thread.
   */
  public static void forRange(int n, int grain, RangeBody body) {
    if (n <= 0) return;
    int t = threads;
    if (t == 1 || n <= grain || INSIDE.get()) {
      body.run(0, n);
      return;
    }
    int chunks = Math.min((n + grain - 1) / grain, t * 4);
    int size = (n + chunks - 1) / chunks;
    int count = (n + size - 1) / size;
    forEach(count, c -> body.run(c * size, Math.min(n, (c + 1) * size)));
  }

  /** A half-open range of work. */
  @FunctionalInterface
  public interface RangeBody {
    void run(int from, int to);
  }
}
