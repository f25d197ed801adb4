package dev.dendrite.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * The one shared thread pool of the kernels.
 *
 * <p>Work is split into tasks that threads claim one at a time from a shared counter, the calling
 * thread included, so a busy core slows a run down instead of stalling it behind a fixed split.
 * Workers spin for a short while after a job before they park: training issues kernels back to
 * back, and waking a parked thread costs tens of microseconds, as much as a small GEMM. Calls from
 * inside a task, or from a second thread while the pool is busy, run inline.
 *
 * <p>The size defaults to the number of cores; {@code -Ddendrite.threads=N} or {@link #setThreads}
 * changes it.
 */
public final class Parallel {
  private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);
  private static final long SPIN_NANOS = 200_000;
  private static final ReentrantLock SUBMIT = new ReentrantLock();
  private static volatile int threads = initialThreads();
  private static Pool pool;

  /** A thread's own pool and size inside {@link #runWith}; null outside. */
  private static final ThreadLocal<Local> LOCAL = new ThreadLocal<>();

  private record Local(int threads, Pool pool) {}

  private Parallel() {}

  /**
   * Runs {@code body} on the calling thread with a pool of its own: kernels it calls use {@code n}
   * threads (itself and n − 1 workers made for the call), never the shared pool. Several threads
   * may do this at once, e.g. trials of a search run side by side, each with its share of the
   * cores, so that together they do not use more threads than there are cores.
   */
  public static void runWith(int n, Runnable body) {
    if (n < 1) throw new IllegalArgumentException("threads must be >= 1, got " + n);
    Local previous = LOCAL.get();
    Pool own = n > 1 ? new Pool(n - 1) : null;
    LOCAL.set(new Local(n, own));
    try {
      body.run();
    } finally {
      LOCAL.set(previous);
      if (own != null) own.shutdown();
    }
  }

  private static int initialThreads() {
    String p = System.getProperty("dendrite.threads");
    int n = p == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(p.trim());
    if (n < 1) throw new IllegalArgumentException("dendrite.threads must be >= 1, got " + n);
    return n;
  }

  /** The number of threads a parallel kernel uses, the caller included. */
  public static int threads() {
    Local l = LOCAL.get();
    return l != null ? l.threads() : threads;
  }

  /** Sets the number of threads (the caller included). Takes effect on the next parallel call. */
  public static void setThreads(int n) {
    if (n < 1) throw new IllegalArgumentException("threads must be >= 1, got " + n);
    SUBMIT.lock();
    try {
      if (n != threads && pool != null) {
        pool.shutdown();
        pool = null;
      }
      threads = n;
    } finally {
      SUBMIT.unlock();
    }
  }

  /** True when the current thread is running a task of a parallel call. */
  public static boolean inside() {
    return INSIDE.get();
  }

  /**
   * Runs {@code body.accept(i)} for every {@code i} in {@code [0, tasks)}, each exactly once, and
   * returns when all have finished. The first exception thrown by a task is rethrown here.
   */
  public static void forEach(int tasks, IntConsumer body) {
    if (tasks <= 0) return;
    Local local = LOCAL.get();
    if (local != null) {
      if (tasks == 1 || local.threads() == 1 || INSIDE.get()) {
        for (int i = 0; i < tasks; i++) body.accept(i);
      } else {
        run(local.pool(), tasks, body);
      }
      return;
    }
    if (tasks == 1 || threads == 1 || INSIDE.get() || !SUBMIT.tryLock()) {
      for (int i = 0; i < tasks; i++) body.accept(i);
      return;
    }
    try {
      if (pool == null) pool = new Pool(threads - 1);
      run(pool, tasks, body);
    } finally {
      SUBMIT.unlock();
    }
  }

  private static void run(Pool on, int tasks, IntConsumer body) {
    Job job = new Job(tasks, body);
    on.submit(job);
    job.work();
    job.await();
    Throwable e = job.error.get();
    if (e instanceof RuntimeException re) throw re;
    if (e instanceof Error er) throw er;
    if (e != null) throw new RuntimeException(e);
  }

  /**
   * Splits {@code [0, n)} into chunks of at least {@code grain} elements, a few per thread, and
   * runs {@code body.run(from, to)} on each. Small ranges run on the calling thread.
   */
  public static void forRange(int n, int grain, RangeBody body) {
    if (n <= 0) return;
    int t = threads();
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

  /** One parallel call: tasks claimed from a counter. */
  private static final class Job {
    final int tasks;
    final IntConsumer body;
    final AtomicInteger next = new AtomicInteger(), done = new AtomicInteger();
    final AtomicReference<Throwable> error = new AtomicReference<>();

    Job(int tasks, IntConsumer body) {
      this.tasks = tasks;
      this.body = body;
    }

    void work() {
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
          done.incrementAndGet();
        }
      } finally {
        INSIDE.set(outer);
      }
    }

    void await() {
      int spins = 0;
      while (done.get() < tasks) {
        if (++spins < 10_000) Thread.onSpinWait();
        else LockSupport.parkNanos(20_000);
      }
    }
  }

  /** Daemon workers that spin briefly for the next job, then park until one is submitted. */
  private static final class Pool {
    private final Thread[] workers;
    private volatile Job current;
    private volatile long epoch;
    private volatile boolean stopped;

    Pool(int n) {
      workers = new Thread[n];
      for (int i = 0; i < n; i++) {
        Thread t = new Thread(this::loop, "dendrite-" + (i + 1));
        t.setDaemon(true);
        workers[i] = t;
        t.start();
      }
    }

    void submit(Job job) {
      current = job;
      epoch++;
      for (Thread t : workers) LockSupport.unpark(t);
    }

    void shutdown() {
      stopped = true;
      for (Thread t : workers) LockSupport.unpark(t);
    }

    private void loop() {
      long seen = 0;
      while (!stopped) {
        long e = epoch;
        if (e != seen) {
          seen = e;
          Job j = current;
          if (j != null) j.work();
          continue;
        }
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (epoch == seen && !stopped && System.nanoTime() < spinUntil) Thread.onSpinWait();
        if (epoch == seen && !stopped) LockSupport.park(this);
      }
    }
  }
}
