#!/usr/bin/python3
"""The `bench autoencoder` workload in PyTorch, for a same-run comparison with `./dendrite bench autoencoder`.

Fashion-MNIST scaled to [0, 1], autoencoder 784-256-64-256-784 (ReLU hidden and code, sigmoid output), MSE against
the input, Adam lr 1e-3, shuffled batches. The final loss is the mean MSE over the test images after training.
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/pytorch/autoencoder.py --batch 64 --threads 2 --epochs 1
Prints one JSON line with the same fields as the Java runner (see measure.py; inference is the reconstruction of the
test images); blas_threads echoes OPENBLAS_NUM_THREADS (0: not set).
"""
import argparse
import json
import time

import torch

import fashion
import measure


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit", type=int, default=0, help="train on the first N examples only (0: all)")
    ap.add_argument("--window", type=int, default=50, help="batches per window of the steady-state rate")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    xtr, _ = fashion.load(True)
    xte, _ = fashion.load(False)
    xtr, xte = torch.from_numpy(xtr.reshape(-1, 784)), torch.from_numpy(xte.reshape(-1, 784))
    if a.limit > 0:
        xtr = xtr[:a.limit]
    sizes = [784, 256, 64, 256, 784]
    layers = []
    for i in range(len(sizes) - 1):
        layers += [torch.nn.Linear(sizes[i], sizes[i + 1]), torch.nn.Sigmoid() if i == len(sizes) - 2 else torch.nn.ReLU()]
    model = torch.nn.Sequential(*layers)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.MSELoss()
    n = xtr.shape[0]
    ends, sizes = [], []
    t0 = time.perf_counter()
    for _ in range(a.epochs):
        perm = torch.randperm(n)
        for s in range(0, n, a.batch):
            xb = xtr[perm[s:s + a.batch]]
            opt.zero_grad()
            loss = loss_fn(model(xb), xb)
            loss.backward()
            opt.step()
            ends.append(time.perf_counter())
            sizes.append(xb.shape[0])
    train_s = time.perf_counter() - t0
    with torch.no_grad():
        total = 0.0
        for s in range(0, xte.shape[0], a.batch):
            xb = xte[s:s + a.batch]
            total += loss_fn(model(xb), xb).item() * xb.shape[0]
        rows = xte.shape[0]
        infer = measure.infer_rate(lambda f, t: model(xte[f:t]), rows, a.batch)
        infer1000 = measure.infer_rate(lambda f, t: model(xte[f:t]), rows, 1000)
    line = {
        "bench": "autoencoder", "impl": "pytorch-" + torch.__version__, "batch": a.batch, "threads": a.threads,
        "blas_threads": measure.blas_threads(), "epochs": a.epochs,
        "train_samples_per_s": round(a.epochs * n / train_s, 1),
        "train_steady_samples_per_s": measure.steady_rate(ends, sizes, a.window), "window_batches": a.window,
        "infer_samples_per_s": infer, "infer_b1000_samples_per_s": infer1000,
        "test_loss": total / xte.shape[0], "peak_rss_mb": measure.peak_rss_mb(), "cpu": measure.cpu()}
    if a.limit > 0:
        line["train_examples"] = n
    print(json.dumps(line))


if __name__ == "__main__":
    main()
