#!/usr/bin/python3
"""Golden numbers for Conv2d, MaxPool2d and AvgPool2d (ConvGoldenTest.java).

Run: /usr/bin/python3 core/src/test/python/gen_conv_golden.py → core/src/test/resources/golden/conv.json
"""
import json
import os

import torch

from goldens import tolist

torch.manual_seed(2024)
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "golden", "conv.json")

CONV = {  # name: (N, C, H, W, out, kernel, stride, padding, dilation, groups, bias)
    "conv_basic": (2, 3, 7, 6, 4, 3, 1, 0, 1, 1, True),
    "conv_pad": (2, 2, 5, 5, 3, 3, 1, 1, 1, 1, True),
    "conv_stride_pad": (1, 3, 9, 8, 2, 3, 2, 1, 1, 1, True),
    "conv_dilation": (2, 2, 9, 9, 3, 3, 1, 2, 2, 1, False),
    "conv_groups": (2, 4, 6, 6, 6, 3, 1, 1, 1, 2, True),
    "conv_depthwise": (1, 3, 5, 5, 3, 3, 1, 1, 1, 3, True),
    "conv_1x1": (2, 5, 4, 4, 3, 1, 1, 0, 1, 1, True),
}
POOL = {  # name: (kind, N, C, H, W, kernel, stride, padding)
    "max_2": ("max", 2, 3, 6, 6, 2, 2, 0),
    "max_3_s2_p1": ("max", 1, 2, 7, 7, 3, 2, 1),
    "avg_2": ("avg", 2, 3, 6, 6, 2, 2, 0),
    "avg_3_s2_p1": ("avg", 1, 2, 7, 7, 3, 2, 1),
}


def main():
    out = {"conv": {}, "pool": {}}
    for name, (n, c, h, w, o, k, s, p, d, g, b) in CONV.items():
        conv = torch.nn.Conv2d(c, o, k, stride=s, padding=p, dilation=d, groups=g, bias=b).double()
        with torch.no_grad():
            conv.weight.copy_(conv.weight.float().double())
            if b:
                conv.bias.copy_(conv.bias.float().double())
        x = torch.randn(n, c, h, w).float().double().requires_grad_()
        y = conv(x)
        up = torch.randn(y.shape).float().double()
        params = [x, conv.weight] + ([conv.bias] if b else [])
        grads = torch.autograd.grad(y, params, up)
        out["conv"][name] = {"config": [n, c, h, w, o, k, s, p, d, g, b], "x": tolist(x), "weight": tolist(conv.weight),
                             "bias": tolist(conv.bias) if b else None, "y": tolist(y), "upstream": tolist(up),
                             "grad_x": tolist(grads[0]), "grad_weight": tolist(grads[1]), "grad_bias": tolist(grads[2]) if b else None}
    for name, (kind, n, c, h, w, k, s, p) in POOL.items():
        pool = torch.nn.MaxPool2d(k, s, p) if kind == "max" else torch.nn.AvgPool2d(k, s, p)
        x = torch.randn(n, c, h, w).float().double().requires_grad_()
        y = pool(x)
        up = torch.randn(y.shape).float().double()
        gx, = torch.autograd.grad(y, [x], up)
        out["pool"][name] = {"config": [kind, n, c, h, w, k, s, p], "x": tolist(x), "y": tolist(y), "upstream": tolist(up), "grad_x": tolist(gx)}
    with open(OUT, "w") as f:
        json.dump(out, f)
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
