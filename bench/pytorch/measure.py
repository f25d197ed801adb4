"""What every bench script reports beside its result, measured as `dendrite bench` measures itself.

- steady_rate: samples per second, the median over fixed windows of batches after the first
  (as `BatchClock.steadyRate` in Java);
- infer_rate: forward passes over a data set in batches, repeated for at least 1 s and 3 passes,
  the median pass (as `InferenceRate`);
- peak_rss_mb: VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec, so a child started by a
  JVM would report the JVM's;
- cpu: the model name of /proc/cpuinfo, so that a result always says which CPU gave it.
"""
import os
import statistics
import time


def steady_rate(ends, sizes, window):
    """ends: perf_counter() after each batch; sizes: samples per batch. None when < 2 windows."""
    windows = len(ends) // window
    if windows < 2:
        return None
    rates = []
    for w in range(1, windows):
        dt = ends[(w + 1) * window - 1] - ends[w * window - 1]
        rates.append(sum(sizes[w * window:(w + 1) * window]) / dt if dt > 0 else float("inf"))
    return round(statistics.median(rates), 1)


def infer_rate(forward, rows, batch, min_seconds=1.0, min_passes=3):
    """forward(from, to) runs the model on rows [from, to); returns samples per second."""
    rates = []
    begin = time.perf_counter()
    while len(rates) < min_passes or time.perf_counter() - begin < min_seconds:
        t0 = time.perf_counter()
        for s in range(0, rows, batch):
            forward(s, min(rows, s + batch))
        rates.append(rows / max(time.perf_counter() - t0, 1e-9))
    return round(statistics.median(rates), 1)


def peak_rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return None


def cpu():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def blas_threads():
    """OPENBLAS_NUM_THREADS as set for this process (0: not set, OpenBLAS takes every core)."""
    return int(os.environ.get("OPENBLAS_NUM_THREADS", "0"))
