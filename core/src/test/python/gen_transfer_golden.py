#!/usr/bin/python3
"""Fixtures for transfer learning (TransferTest.java, ParamGroupsTest.java).

Run: /usr/bin/python3 core/src/test/python/gen_transfer_golden.py   (about a minute on two cores)

1. A small CNN trained in PyTorch on Fashion-MNIST for one epoch (Adam, lr 1e-3, batch 64, seed 0),
   its weights written to golden/fashion_cnn_torch.safetensors under PyTorch's own names
   (net.1.weight, ...), the logits of the first 300 test images and the test accuracy on those and
   on all 10,000 to golden/fashion_cnn_torch.json.
2. Parameter groups: three parameters, two groups with their own lr and weight decay plus a frozen
   parameter (requires_grad False), three steps of SGD with momentum and of Adam with fixed
   gradients; group rates halved before the third step. Written to golden/param_groups.json.
"""
import gzip
import json
import os
import struct
import sys

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(__file__))
from gen_safetensors import save  # noqa: E402

HERE = os.path.join(os.path.dirname(__file__), "..", "resources", "golden")
DATA = "/usr/share/datasets/fashion-mnist"
N_CI = 300


def idx(name):
    with gzip.open(os.path.join(DATA, name)) as f:
        raw = f.read()
    magic, n = struct.unpack(">II", raw[:8])
    if magic == 2051:
        return np.frombuffer(raw, np.uint8, offset=16).reshape(n, 784).astype(np.float32) / 255.0
    return np.frombuffer(raw, np.uint8, offset=8).astype(np.int64)


class Cnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Unflatten(1, (1, 28, 28)),
            nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(16 * 7 * 7, 32), nn.ReLU(), nn.Linear(32, 10))

    def forward(self, x):
        return self.net(x)


def cnn():
    torch.manual_seed(0)
    xtr, ytr = torch.from_numpy(idx("train-images-idx3-ubyte.gz")), torch.from_numpy(idx("train-labels-idx1-ubyte.gz"))
    xte, yte = torch.from_numpy(idx("t10k-images-idx3-ubyte.gz")), torch.from_numpy(idx("t10k-labels-idx1-ubyte.gz"))
    model = Cnn()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    perm = torch.randperm(len(xtr))
    model.train()
    for b in range(0, len(xtr), 64):
        i = perm[b:b + 64]
        opt.zero_grad()
        nn.functional.cross_entropy(model(xtr[i]), ytr[i]).backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        logits = model(xte)
    pred = logits.argmax(1)
    save({k: v.detach().clone() for k, v in model.state_dict().items()},
         os.path.join(HERE, "fashion_cnn_torch.safetensors"), {"format": "pt"})
    out = {
        "n_ci": N_CI,
        "logits": logits[:N_CI].reshape(-1).tolist(),
        "accuracy_ci": float((pred[:N_CI] == yte[:N_CI]).double().mean()),
        "accuracy_full": float((pred == yte).double().mean()),
    }
    with open(os.path.join(HERE, "fashion_cnn_torch.json"), "w") as f:
        json.dump(out, f)
    print("test accuracy", out["accuracy_full"], "on the first", N_CI, out["accuracy_ci"])


def groups():
    torch.manual_seed(5)
    p0 = [torch.randn(3, 2), torch.randn(4), torch.randn(2)]
    grads = [[torch.randn(3, 2), torch.randn(4), torch.randn(2)] for _ in range(3)]
    configs = {
        "sgd": lambda a, b: torch.optim.SGD([{"params": [a], "lr": 0.1, "weight_decay": 0.01},
                                             {"params": [b], "lr": 0.02, "weight_decay": 0.0}],
                                            lr=0.5, momentum=0.9),
        "adam": lambda a, b: torch.optim.Adam([{"params": [a], "lr": 0.01, "weight_decay": 0.1},
                                               {"params": [b], "lr": 0.001}], lr=0.5),
    }
    out = {"p0": [p.reshape(-1).tolist() for p in p0],
           "grads": [[g.reshape(-1).tolist() for g in gs] for gs in grads], "trajectories": {}}
    for name, make in configs.items():
        ps = [p.clone().requires_grad_() for p in p0]
        ps[2].requires_grad_(False)  # frozen: never given to the optimizer's update
        opt = make(ps[0], ps[1])
        traj = []
        for s in range(3):
            if s == 2:
                for g in opt.param_groups:
                    g["lr"] *= 0.5
            for p, g in zip(ps[:2], grads[s][:2]):
                p.grad = g.clone()
            opt.step()
            traj.append([p.detach().reshape(-1).tolist() for p in ps])
        out["trajectories"][name] = traj
    with open(os.path.join(HERE, "param_groups.json"), "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    groups()
    cnn()
