#!/usr/bin/python3
"""The DCGAN of `dendrite gan train --arch dcgan` and `dendrite bench dcgan`, in PyTorch.

Fashion-MNIST scaled to [-1, 1]; latent 100; G: Linear(100→128·7·7, no bias), BatchNorm2d, ReLU,
ConvTranspose2d(128→64, 4, 2, 1, no bias), BatchNorm2d, ReLU, ConvTranspose2d(64→1, 4, 2, 1), tanh;
D: Conv2d(1→64, 4, 2, 1), LeakyReLU(0.2), Conv2d(64→128, 4, 2, 1, no bias), BatchNorm2d,
LeakyReLU(0.2), Linear(6272→1). Weights N(0, 0.02), batch-norm scales N(1, 0.02); Adam lr 2e-4,
betas (0.5, 0.999) for both; non-saturating loss (BCE with logits); per batch one D step on the real
batch and detached fakes, then one G step on the same fakes (PyTorch's DCGAN example).

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/pytorch/dcgan.py --epochs 1 --threads 2
    /usr/bin/python3 bench/pytorch/dcgan.py --epochs 5 --export-samples /tmp/torch-dcgan.npy --n 10000

Prints one JSON line with the fields of the other bench runners (train_samples_per_s: real images
per second, both networks updated; inference: the generator in eval mode on 2,000 noise vectors; see
measure.py); with --export-samples, also writes N samples in [-1, 1] as
(N, 1, 28, 28) float32 .npy, drawn in eval mode, for `dendrite gan score --samples`.
"""
import argparse
import json
import time

import numpy as np
import torch
from torch import nn

import fashion
import measure


def models(latent):
    g = nn.Sequential(nn.Linear(latent, 128 * 7 * 7, bias=False), nn.Unflatten(1, (128, 7, 7)),
                      nn.BatchNorm2d(128), nn.ReLU(), nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False),
                      nn.BatchNorm2d(64), nn.ReLU(), nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh())
    d = nn.Sequential(nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(64, 128, 4, 2, 1, bias=False),
                      nn.BatchNorm2d(128), nn.LeakyReLU(0.2), nn.Flatten(), nn.Linear(128 * 7 * 7, 1))
    for m in list(g.modules()) + list(d.modules()):
        if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.normal_(m.weight, 0.0, 0.02)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.BatchNorm2d):
            nn.init.normal_(m.weight, 1.0, 0.02)
            nn.init.zeros_(m.bias)
    return g, d


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit", type=int, default=0, help="train on the first N images only (0: all)")
    ap.add_argument("--window", type=int, default=50, help="batches per window of the steady-state rate")
    ap.add_argument("--latent", type=int, default=100)
    ap.add_argument("--export-samples", default=None, help="write --n samples as .npy here")
    ap.add_argument("--n", type=int, default=10000)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    xtr, _ = fashion.load(True)
    x = torch.from_numpy(xtr.reshape(-1, 1, 28, 28)) * 2 - 1
    if a.limit > 0:
        x = x[:a.limit]
    g, d = models(a.latent)
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    bce = nn.BCEWithLogitsLoss()
    n = x.shape[0]
    ends, sizes = [], []
    t0 = time.perf_counter()
    for epoch in range(a.epochs):
        perm = torch.randperm(n)
        sums = np.zeros(4)
        steps = 0
        for s in range(0, n, a.batch):
            real = x[perm[s:s + a.batch]]
            b = real.shape[0]
            fake = g(torch.randn(b, a.latent))
            opt_d.zero_grad()
            on_real, on_fake = d(real), d(fake.detach())
            loss_d = bce(on_real, torch.ones_like(on_real)) + bce(on_fake, torch.zeros_like(on_fake))
            loss_d.backward()
            opt_d.step()
            opt_g.zero_grad()
            out = d(fake)
            loss_g = bce(out, torch.ones_like(out))
            loss_g.backward()
            opt_g.step()
            sums += [loss_d.item(), loss_g.item(), torch.sigmoid(on_real).mean().item(),
                     torch.sigmoid(on_fake).mean().item()]
            steps += 1
            ends.append(time.perf_counter())
            sizes.append(b)
        if a.export_samples:
            m = sums / steps
            print("epoch %d d_loss %.4f g_loss %.4f D(x) %.4f D(G(z)) %.4f" % (epoch + 1, *m), flush=True)
    train_s = time.perf_counter() - t0
    g.eval()
    with torch.no_grad():  # inference: the generator turning 2,000 noise vectors into images
        z = torch.randn(2000, a.latent)
        infer = measure.infer_rate(lambda f, t: g(z[f:t]), 2000, a.batch)
        infer1000 = measure.infer_rate(lambda f, t: g(z[f:t]), 2000, 1000)
    if a.export_samples:
        with torch.no_grad():
            out = torch.cat([g(torch.randn(min(500, a.n - i), a.latent)) for i in range(0, a.n, 500)])
        np.save(a.export_samples, out.numpy().astype(np.float32))
    line = {"bench": "dcgan", "impl": "pytorch-" + torch.__version__, "batch": a.batch, "threads": a.threads,
            "blas_threads": measure.blas_threads(), "epochs": a.epochs,
            "train_samples_per_s": round(a.epochs * n / train_s, 1),
            "train_steady_samples_per_s": measure.steady_rate(ends, sizes, a.window), "window_batches": a.window,
            "infer_samples_per_s": infer, "infer_b1000_samples_per_s": infer1000,
            "peak_rss_mb": measure.peak_rss_mb(), "cpu": measure.cpu()}
    if a.limit > 0:
        line["train_examples"] = n
    print(json.dumps(line))


if __name__ == "__main__":
    main()
