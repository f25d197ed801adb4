#!/usr/bin/python3
"""Golden numbers for BatchNorm1d (training and evaluation, running statistics) and LayerNorm.

Run: /usr/bin/python3 core/src/test/python/gen_norm_golden.py  → core/src/test/resources/golden/norm.json
"""
import json
import os

import torch

from goldens import tolist

torch.manual_seed(77)
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "golden", "norm.json")


def bn_case(shape, c):
    bn = torch.nn.BatchNorm1d(c).double()
    with torch.no_grad():
        bn.weight.copy_(torch.randn(c).float().double())
        bn.bias.copy_(torch.randn(c).float().double())
    w0, b0 = bn.weight.detach().clone(), bn.bias.detach().clone()
    x1 = (torch.randn(shape) * 2 + 1).float().double().requires_grad_()
    y1 = bn(x1)
    up = torch.randn(y1.shape).float().double()
    gx, gw, gb = torch.autograd.grad(y1, [x1, bn.weight, bn.bias], up)
    x2 = torch.randn(shape).float().double()
    bn(x2)
    bn.eval()
    x3 = torch.randn(shape).float().double()
    y3 = bn(x3)
    return {"weight": tolist(w0), "bias": tolist(b0), "x1": tolist(x1), "y1": tolist(y1), "upstream": tolist(up),
            "grad_x": tolist(gx), "grad_weight": tolist(gw), "grad_bias": tolist(gb), "x2": tolist(x2),
            "running_mean": tolist(bn.running_mean), "running_var": tolist(bn.running_var), "x3": tolist(x3), "y3": tolist(y3)}


def ln_case(shape, norm):
    ln = torch.nn.LayerNorm(norm).double()
    with torch.no_grad():
        ln.weight.copy_(torch.randn(norm).float().double())
        ln.bias.copy_(torch.randn(norm).float().double())
    x = torch.randn(shape).float().double().requires_grad_()
    y = ln(x)
    up = torch.randn(y.shape).float().double()
    gx, gw, gb = torch.autograd.grad(y, [x, ln.weight, ln.bias], up)
    return {"weight": tolist(ln.weight), "bias": tolist(ln.bias), "x": tolist(x), "y": tolist(y), "upstream": tolist(up),
            "grad_x": tolist(gx), "grad_weight": tolist(gw), "grad_bias": tolist(gb)}


def main():
    out = {"bn2d": bn_case((8, 4), 4), "bn3d": bn_case((4, 3, 5), 3), "ln1": ln_case((3, 5), [5]), "ln2": ln_case((4, 2, 3), [2, 3])}
    with open(OUT, "w") as f:
        json.dump(out, f)
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
