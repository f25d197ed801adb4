#!/usr/bin/python3
"""The `bench mlp` and `bench cnn` workloads in PyTorch, for a same-run comparison with `./dendrite bench`.

mlp: Fashion-MNIST, MLP 784-256-128-10 with ReLU, cross-entropy, SGD lr 0.1 momentum 0.9.
cnn: the reference CNN (conv3x3 1→32 pad 1, ReLU, maxpool 2, conv3x3 32→64 pad 1, ReLU, maxpool 2,
     fc 3136→128, ReLU, fc 128→10), Adam lr 1e-3.
lstm: sequential Fashion-MNIST (28 steps of 28 pixels), LSTM hidden 128, the last step to fc 128→10, Adam lr 1e-3.
gru, bilstm: the same with a GRU, or a bidirectional LSTM (hidden 128 per direction, the last step's 256 outputs to fc 256→10).
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/pytorch/train.py --model cnn --batch 64 --threads 2 --epochs 1
Prints one JSON line with the same fields as the Java runner: the training rate of the whole run and of the steady
state, inference at the training batch and at batch 1,000, peak RSS and the CPU (see measure.py).
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
    ap.add_argument("--normalize", action="store_true", help="scale pixels to mean 0, std 1 with the training images' statistics")
    ap.add_argument("--window", type=int, default=50, help="batches per window of the steady-state rate")
    ap.add_argument("--model", choices=["mlp", "cnn", "lstm", "gru", "bilstm"], default="mlp")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    xtr, ytr = fashion.load(True)
    xte, yte = fashion.load(False)
    xtr, ytr = torch.from_numpy(xtr.reshape(-1, 784)), torch.from_numpy(ytr)
    if a.limit > 0:
        xtr, ytr = xtr[:a.limit], ytr[:a.limit]
    xte, yte = torch.from_numpy(xte.reshape(-1, 784)), torch.from_numpy(yte)
    if a.normalize:  # as `dendrite train --normalize`: one mean and (biased) std over all training pixels
        mean, std = xtr.mean(), xtr.std(unbiased=False)
        xtr, xte = (xtr - mean) / std, (xte - mean) / std
    if a.model == "mlp":
        model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128), torch.nn.ReLU(),
                                    torch.nn.Linear(128, 10))
        opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    elif a.model in ("lstm", "gru", "bilstm"):
        class Seq(torch.nn.Module):  # sequential Fashion-MNIST: 28 steps of 28 pixels, the last step classified
            def __init__(self):
                super().__init__()
                cell = torch.nn.GRU if a.model == "gru" else torch.nn.LSTM
                self.rnn = cell(28, 128, batch_first=True, bidirectional=a.model == "bilstm")
                self.fc = torch.nn.Linear(256 if a.model == "bilstm" else 128, 10)

            def forward(self, x):
                out, _ = self.rnn(x.reshape(-1, 28, 28))
                return self.fc(out[:, -1, :])
        model = Seq()
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    else:
        model = torch.nn.Sequential(torch.nn.Unflatten(1, (1, 28, 28)), torch.nn.Conv2d(1, 32, 3, padding=1), torch.nn.ReLU(),
                                    torch.nn.MaxPool2d(2), torch.nn.Conv2d(32, 64, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
                                    torch.nn.Flatten(), torch.nn.Linear(3136, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    n = xtr.shape[0]
    ends, sizes = [], []
    t0 = time.perf_counter()
    for _ in range(a.epochs):
        perm = torch.randperm(n)
        for s in range(0, n, a.batch):
            idx = perm[s:s + a.batch]
            opt.zero_grad()
            loss = loss_fn(model(xtr[idx]), ytr[idx])
            loss.backward()
            opt.step()
            ends.append(time.perf_counter())
            sizes.append(len(idx))
    train_s = time.perf_counter() - t0
    model.eval()
    with torch.no_grad():
        correct = 0
        for s in range(0, xte.shape[0], a.batch):
            correct += (model(xte[s:s + a.batch]).argmax(1) == yte[s:s + a.batch]).sum().item()
        rows = xte.shape[0]
        infer = measure.infer_rate(lambda f, t: model(xte[f:t]), rows, a.batch)
        infer1000 = measure.infer_rate(lambda f, t: model(xte[f:t]), rows, 1000)
    line = {
        "bench": a.model, "impl": "pytorch-" + torch.__version__, "batch": a.batch, "threads": a.threads,
        "blas_threads": measure.blas_threads(), "epochs": a.epochs,
        "train_samples_per_s": round(a.epochs * n / train_s, 1),
        "train_steady_samples_per_s": measure.steady_rate(ends, sizes, a.window), "window_batches": a.window,
        "infer_samples_per_s": infer, "infer_b1000_samples_per_s": infer1000,
        "test_accuracy": correct / xte.shape[0],
        "peak_rss_mb": measure.peak_rss_mb(), "cpu": measure.cpu()}
    if a.limit > 0:
        line["train_examples"] = n
    print(json.dumps(line))


if __name__ == "__main__":
    main()
