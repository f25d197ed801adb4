#!/usr/bin/python3
"""Golden parameter trajectories from torch.optim for OptimGoldenTest.java.

Run: /usr/bin/python3 core/src/test/python/gen_optim_golden.py
Two parameters receive the same fixed gradients in Java and here for 5 steps; the parameters after
every step are recorded per optimizer configuration. Also: lr sequences of the schedules, and
clip_grad_norm_.
"""
import json
import math
import os

import torch

torch.manual_seed(99)
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "golden", "optim.json")
STEPS = 5
P0 = [torch.randn(3, 2), torch.randn(4)]
GRADS = [[torch.randn(3, 2), torch.randn(4)] for _ in range(STEPS)]

CONFIGS = {
    "sgd": lambda p: torch.optim.SGD(p, lr=0.1),
    "sgd_momentum": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9),
    "sgd_dampening_wd": lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.8, dampening=0.3, weight_decay=0.01),
    "sgd_nesterov": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True),
    "adam": lambda p: torch.optim.Adam(p, lr=0.01),
    "adam_wd_amsgrad": lambda p: torch.optim.Adam(p, lr=0.01, betas=(0.8, 0.99), weight_decay=0.1, amsgrad=True),
    "adamw": lambda p: torch.optim.AdamW(p, lr=0.01),
    "adamw_amsgrad": lambda p: torch.optim.AdamW(p, lr=0.02, weight_decay=0.05, amsgrad=True),
    "rmsprop": lambda p: torch.optim.RMSprop(p, lr=0.01),
    "rmsprop_centered_momentum_wd": lambda p: torch.optim.RMSprop(p, lr=0.01, momentum=0.5, centered=True, weight_decay=0.1),
    "adagrad": lambda p: torch.optim.Adagrad(p, lr=0.1),
    "adagrad_decay_init_wd": lambda p: torch.optim.Adagrad(p, lr=0.1, lr_decay=0.1, initial_accumulator_value=0.5, weight_decay=0.1),
}


def flat(ts):
    return [float(v) for t in ts for v in t.reshape(-1).tolist()]


def main():
    out = {"p0": [flat([P0[0]]), flat([P0[1]])], "grads": [[flat([g[0]]), flat([g[1]])] for g in GRADS], "trajectories": {}}
    for name, make in CONFIGS.items():
        ps = [p.clone().requires_grad_() for p in P0]
        opt = make(ps)
        traj = []
        for s in range(STEPS):
            for p, g in zip(ps, GRADS[s]):
                p.grad = g.clone()
            opt.step()
            traj.append(flat([p.detach() for p in ps]))
        out["trajectories"][name] = traj

    def lrs(make_sched, n=12, metric=None):
        p = torch.zeros(1, requires_grad=True)
        opt = torch.optim.SGD([p], lr=0.1)
        sched = make_sched(opt)
        seq = []
        for e in range(n):
            seq.append(opt.param_groups[0]["lr"])
            opt.step()
            sched.step(metric[e]) if metric else sched.step()
        return seq

    out["schedules"] = {
        "step": lrs(lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5)),
        "exponential": lrs(lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.9)),
        "cosine": lrs(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=10, eta_min=0.001)),
        "plateau": lrs(lambda o: torch.optim.lr_scheduler.ReduceLROnPlateau(o, factor=0.5, patience=2, cooldown=1),
                       metric=[1.0, 0.9, 0.95, 0.95, 0.95, 0.95, 0.8, 0.85, 0.85, 0.85, 0.85, 0.85]),
    }
    ps = [p.clone().requires_grad_() for p in P0]
    for p, g in zip(ps, GRADS[0]):
        p.grad = g.clone() * 3
    norm = torch.nn.utils.clip_grad_norm_(ps, 1.0)
    out["clip_norm"] = {"norm": float(norm), "grads": flat([p.grad for p in ps])}
    with open(OUT, "w") as f:
        json.dump(out, f)
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
