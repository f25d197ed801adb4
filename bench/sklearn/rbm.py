#!/usr/bin/python3
"""The `bench rbm` workload in scikit-learn, for a same-run comparison with `./dendrite bench rbm`.

A Bernoulli RBM (PCD-1, no momentum, no weight decay) on Fashion-MNIST scaled to [0, 1]; `fit` is
timed, then the mean pseudo-likelihood (`score_samples`) of the test images is computed.
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/sklearn/rbm.py --threads 2
Prints one JSON line with the same fields as the Java runner: the training rate of the whole `fit`
and of the steady state (each PCD step timed, see ../pytorch/measure.py), inference (`transform`,
the hidden units' probabilities) at the training batch and at batch 1,000, peak RSS and the CPU.
"""
import argparse
import json
import os
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument("--hidden", type=int, default=256)
ap.add_argument("--batch", type=int, default=64)
ap.add_argument("--epochs", type=int, default=10)
ap.add_argument("--lr", type=float, default=0.1)
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--seed", type=int, default=1)
ap.add_argument("--limit", type=int, default=0, help="train on the first N examples only (0: all)")
ap.add_argument("--window", type=int, default=50, help="batches per window of the steady-state rate")
a = ap.parse_args()
# BLAS reads its thread count when it loads, so it must be set before numpy is imported.
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(a.threads)

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.neural_network import BernoulliRBM  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pytorch"))
import fashion  # noqa: E402
import measure  # noqa: E402


def main():
    xtr, _ = fashion.load(True)
    xte, _ = fashion.load(False)
    xtr, xte = xtr.reshape(len(xtr), -1), xte.reshape(len(xte), -1)
    if a.limit > 0:
        xtr = xtr[:a.limit]
    rbm = BernoulliRBM(n_components=a.hidden, learning_rate=a.lr, batch_size=a.batch,
                       n_iter=a.epochs, random_state=a.seed)
    # fit() calls self._fit once per batch: an instance attribute wrapping it times each step and
    # leaves fit's own code (initialisation, slicing, random state) as it is.
    ends, sizes = [], []
    step = rbm._fit

    def timed(v, rng):
        step(v, rng)
        ends.append(time.perf_counter())
        sizes.append(v.shape[0])

    rbm._fit = timed
    t0 = time.perf_counter()
    rbm.fit(xtr)
    train_s = time.perf_counter() - t0
    del rbm._fit
    pl = float(rbm.score_samples(xte).mean())
    rows = len(xte)
    infer = measure.infer_rate(lambda f, t: rbm.transform(xte[f:t]), rows, a.batch)
    infer1000 = measure.infer_rate(lambda f, t: rbm.transform(xte[f:t]), rows, 1000)
    line = {"bench": "rbm", "impl": "sklearn-" + sklearn.__version__, "hidden": a.hidden, "batch": a.batch, "lr": a.lr,
            "epochs": a.epochs, "threads": a.threads, "blas_threads": measure.blas_threads(),
            "train_samples_per_s": round(a.epochs * len(xtr) / train_s, 1),
            "train_steady_samples_per_s": measure.steady_rate(ends, sizes, a.window),
            "window_batches": a.window,
            "infer_samples_per_s": infer, "infer_b1000_samples_per_s": infer1000,
            "pseudo_likelihood": round(pl, 4), "peak_rss_mb": measure.peak_rss_mb(), "cpu": measure.cpu()}
    if a.limit > 0:
        line["train_examples"] = len(xtr)
    print(json.dumps(line))


if __name__ == "__main__":
    main()
