#!/usr/bin/python3
"""Golden numbers for spectral normalisation (SpectralNormTest.java): torch.nn.utils.spectral_norm
on a Linear, a Conv2d and a ConvTranspose2d (dim 1), over several training steps (u and v carried
from step to step, the weight moved by SGD in between) and then one step in eval mode.

Run: /usr/bin/python3 core/src/test/python/gen_spectral_norm_golden.py
     → core/src/test/resources/golden/spectral_norm.json
"""
import json
import os

import torch

from goldens import tolist

torch.manual_seed(2020)
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "golden", "spectral_norm.json")
STEPS = 3
LR = 0.5


def f32(t):
    return t.float().double()


def record(layer, x_shape):
    with torch.no_grad():
        for p in layer.parameters():
            p.copy_(f32(p))
    layer = torch.nn.utils.spectral_norm(layer.double())
    with torch.no_grad():
        layer.weight_u.copy_(f32(layer.weight_u))
        layer.weight_v.copy_(f32(layer.weight_v))
    rec = {"state_dict_keys": list(layer.state_dict().keys()),
           "initial": {k: tolist(v) for k, v in layer.state_dict().items()}, "steps": []}
    for _ in range(STEPS):
        x = f32(torch.randn(x_shape))
        y = layer(x)
        up = f32(torch.randn(y.shape))
        grads = torch.autograd.grad(y, [layer.weight_orig] + ([layer.bias] if layer.bias is not None else []), up)
        step = {"x": tolist(x), "y": tolist(y), "upstream": tolist(up), "weight": tolist(layer.weight),
                "u": tolist(layer.weight_u), "v": tolist(layer.weight_v), "grad_weight_orig": tolist(grads[0])}
        with torch.no_grad():  # plain SGD, so that the next step's power iteration sees a new weight
            layer.weight_orig.sub_(LR * grads[0])
            if layer.bias is not None:
                layer.bias.sub_(LR * grads[1])
        rec["steps"].append(step)
    layer.eval()
    x = f32(torch.randn(x_shape))
    y = layer(x)
    rec["eval"] = {"x": tolist(x), "y": tolist(y), "u": tolist(layer.weight_u), "weight": tolist(layer.weight)}
    return rec


def main():
    out = {
        "generator": "gen_spectral_norm_golden.py",
        "torch": torch.__version__,
        "linear": record(torch.nn.Linear(5, 4), (3, 5)),
        "conv2d": record(torch.nn.Conv2d(2, 3, 3, padding=1), (2, 2, 4, 4)),
        "conv_transpose2d": record(torch.nn.ConvTranspose2d(2, 3, 3, stride=2), (2, 2, 3, 3)),
    }
    with open(OUT, "w") as f:
        json.dump(out, f)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
