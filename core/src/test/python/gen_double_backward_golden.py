#!/usr/bin/python3
"""Golden numbers for gradients of gradients (DoubleBackwardGoldenTest.java): Hessian-vector
products of a small MLP, and the WGAN-GP gradient penalty of a tiny dense and a tiny convolutional
critic with its gradient with respect to every critic weight.

Run: /usr/bin/python3 core/src/test/python/gen_double_backward_golden.py
     → core/src/test/resources/golden/double_backward.json
"""
import json
import os

import torch

from goldens import tolist

torch.manual_seed(1414)
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "golden", "double_backward.json")


def f32(t):
    """float32 values held in float64, so both sides start from the same numbers."""
    return t.float().double()


def round_params(module):
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(f32(p))


def params(module):
    return {k: tolist(v) for k, v in module.state_dict().items()}


def hvp_record():
    """H·v of an MSE loss of Linear(4,6)-Tanh-Linear(6,3)-Sigmoid over all parameters."""
    mlp = torch.nn.Sequential(torch.nn.Linear(4, 6), torch.nn.Tanh(), torch.nn.Linear(6, 3),
                              torch.nn.Sigmoid()).double()
    round_params(mlp)
    x = f32(torch.randn(5, 4))
    t = f32(torch.rand(5, 3))
    ps = list(mlp.parameters())
    v = [f32(torch.randn(p.shape)) for p in ps]
    loss = ((mlp(x) - t) ** 2).mean()
    g = torch.autograd.grad(loss, ps, create_graph=True)
    gv = sum((gi * vi).sum() for gi, vi in zip(g, v))
    hv = torch.autograd.grad(gv, ps)
    names = list(dict(mlp.named_parameters()).keys())
    return {"params": params(mlp), "x": tolist(x), "target": tolist(t), "loss": float(loss),
            "v": {n: tolist(a) for n, a in zip(names, v)},
            "grad": {n: tolist(a) for n, a in zip(names, g)},
            "hvp": {n: tolist(a) for n, a in zip(names, hv)}}


def wgan_gp_record(critic, real, fake, lam=10.0):
    """The critic loss of WGAN-GP (Gulrajani et al. 2017): D(fake) − D(real) + λ·(‖∇D(x̂)‖ − 1)²."""
    round_params(critic)
    eps = f32(torch.rand(real.shape[0], *([1] * (real.dim() - 1))))
    xhat = (eps * real + (1 - eps) * fake).requires_grad_()
    d = critic(xhat)
    grads, = torch.autograd.grad(d, xhat, torch.ones_like(d), create_graph=True)
    norms = grads.reshape(grads.shape[0], -1).norm(2, dim=1)
    gp = ((norms - 1) ** 2).mean()
    names = list(dict(critic.named_parameters()).keys())
    ps = list(critic.parameters())
    # the last bias does not move ∇ₓD: its gradient is zero (None in PyTorch)
    grad_gp = [torch.zeros_like(p) if g is None else g
               for g, p in zip(torch.autograd.grad(gp, ps, retain_graph=True, allow_unused=True), ps)]
    loss = critic(fake).mean() - critic(real).mean() + lam * gp
    grad_loss = torch.autograd.grad(loss, ps)
    return {"params": params(critic), "real": tolist(real), "fake": tolist(fake), "eps": tolist(eps),
            "lambda": lam, "grad_norms": tolist(norms), "gp": float(gp), "loss": float(loss),
            "grad_gp": {n: tolist(a) for n, a in zip(names, grad_gp)},
            "grad_loss": {n: tolist(a) for n, a in zip(names, grad_loss)}}


def main():
    dense = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.LeakyReLU(0.2), torch.nn.Linear(8, 1)).double()
    conv = torch.nn.Sequential(
        torch.nn.Conv2d(1, 4, 3, stride=2, padding=1), torch.nn.LeakyReLU(0.2),
        torch.nn.Conv2d(4, 8, 3, stride=2, padding=1), torch.nn.LeakyReLU(0.2),
        torch.nn.Flatten(), torch.nn.Linear(8 * 2 * 2, 1)).double()
    out = {
        "generator": "gen_double_backward_golden.py",
        "torch": torch.__version__,
        "hvp_mlp": hvp_record(),
        "wgan_gp_dense": wgan_gp_record(dense, f32(torch.randn(6, 4) + 1), f32(torch.randn(6, 4))),
        "wgan_gp_conv": wgan_gp_record(conv, f32(torch.rand(4, 1, 8, 8)), f32(torch.randn(4, 1, 8, 8))),
    }
    with open(OUT, "w") as f:
        json.dump(out, f)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
