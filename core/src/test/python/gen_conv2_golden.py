#!/usr/bin/python3
"""Golden numbers for Conv1d, Conv2d with padding "same", ConvTranspose2d, AdaptiveAvgPool2d and
BatchNorm2d, and PyTorch state dicts of small models built from them (ConvLayersGoldenTest.java).

Run: /usr/bin/python3 core/src/test/python/gen_conv2_golden.py → core/src/test/resources/golden/conv2.json
"""
import json
import os

import torch

from goldens import tolist

torch.manual_seed(4242)
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "golden", "conv2.json")

CONV1D = {  # name: (N, C, L, out, kernel, stride, padding, dilation, groups, bias)
    "c1_basic": (2, 3, 10, 4, 3, 1, 0, 1, 1, True),
    "c1_stride_pad": (2, 2, 11, 3, 3, 2, 1, 1, 1, True),
    "c1_dilation": (1, 2, 12, 2, 3, 1, 2, 2, 1, False),
    "c1_groups": (2, 4, 9, 6, 3, 1, 1, 1, 2, True),
    "c1_depthwise_stride": (1, 3, 10, 3, 2, 3, 0, 1, 3, True),
    "c1_same_even_kernel": (2, 3, 8, 2, 4, 1, "same", 1, 1, True),   # total padding 3: 1 left, 2 right
    "c1_same_dilation": (1, 2, 7, 3, 3, 1, "same", 2, 1, True),
    "c1_same_groups": (2, 4, 6, 2, 5, 1, "same", 1, 2, False),
}
CONV2D_SAME = {  # name: (N, C, H, W, out, (kH, kW), dilation, groups, bias)
    "c2_same_3x3": (2, 3, 6, 5, 4, (3, 3), 1, 1, True),
    "c2_same_even_kernel": (1, 2, 5, 6, 3, (2, 4), 1, 1, True),      # odd totals on both axes
    "c2_same_dilation_groups": (2, 4, 7, 7, 4, (3, 3), 2, 2, False),
}
CONVT = {  # name: (N, C, H, W, out, (kH, kW), stride, padding, output_padding, dilation, groups, bias)
    "t_basic": (2, 3, 4, 4, 2, (3, 3), 1, 0, 0, 1, 1, True),
    "t_stride2_pad_outpad": (2, 2, 3, 4, 3, (3, 3), 2, 1, 1, 1, 1, True),
    "t_groups": (1, 4, 3, 3, 6, (3, 3), 2, 0, 0, 1, 2, True),
    "t_dilation_nobias": (2, 2, 4, 3, 2, (3, 3), 1, 1, 0, 2, 1, False),
    "t_outpad_below_dilation": (1, 2, 3, 3, 2, (2, 2), 1, 0, 1, 2, 1, True),  # output_padding >= stride, < dilation
    "t_rect_stride2": (2, 3, 3, 2, 4, (2, 3), 2, 0, 1, 1, 1, False),
}
ADAPTIVE = {  # name: (N, C, H, W, oH, oW)
    "a_7_to_3": (2, 3, 7, 7, 3, 3),
    "a_5_to_2": (1, 2, 5, 5, 2, 2),
    "a_rect": (2, 2, 7, 5, 3, 2),
    "a_upsample": (1, 2, 3, 4, 5, 6),
    "a_global": (2, 3, 5, 6, 1, 1),
}
BN = {  # name: (N, C, H, W, eps, momentum)
    "bn_default": (4, 3, 5, 4, 1e-5, 0.1),
    "bn_custom": (2, 2, 3, 3, 1e-3, 0.3),
}


def f32(t):
    """float32 values held in float64, so both sides start from the same numbers."""
    return t.float().double()


def round_params(module):
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(f32(p))


def conv_record(module, x, config):
    y = module(x)
    up = f32(torch.randn(y.shape))
    bias = module.bias is not None
    params = [x, module.weight] + ([module.bias] if bias else [])
    grads = torch.autograd.grad(y, params, up)
    return {"config": config, "x": tolist(x), "weight": tolist(module.weight), "bias": tolist(module.bias) if bias else None,
            "y": tolist(y), "upstream": tolist(up), "grad_x": tolist(grads[0]), "grad_weight": tolist(grads[1]),
            "grad_bias": tolist(grads[2]) if bias else None}


def bn_record(n, c, h, w, eps, momentum):
    bn = torch.nn.BatchNorm2d(c, eps=eps, momentum=momentum).double()
    with torch.no_grad():
        bn.weight.copy_(f32(torch.randn(c)))
        bn.bias.copy_(f32(torch.randn(c)))
    rec = {"config": [n, c, h, w, eps, momentum], "weight": tolist(bn.weight), "bias": tolist(bn.bias)}
    for step in (1, 2):  # two training steps: output, every gradient and the running statistics after each
        x = f32(torch.randn(n, c, h, w) * 2 + 1).requires_grad_()
        y = bn(x)
        up = f32(torch.randn(y.shape))
        gx, gw, gb = torch.autograd.grad(y, [x, bn.weight, bn.bias], up)
        rec[f"train{step}"] = {"x": tolist(x), "y": tolist(y), "upstream": tolist(up), "grad_x": tolist(gx), "grad_weight": tolist(gw),
                               "grad_bias": tolist(gb), "running_mean": tolist(bn.running_mean), "running_var": tolist(bn.running_var)}
    bn.eval()
    x = f32(torch.randn(n, c, h, w)).requires_grad_()
    y = bn(x)
    up = f32(torch.randn(y.shape))
    gx, gw, gb = torch.autograd.grad(y, [x, bn.weight, bn.bias], up)
    rec["eval"] = {"x": tolist(x), "y": tolist(y), "upstream": tolist(up), "grad_x": tolist(gx), "grad_weight": tolist(gw), "grad_bias": tolist(gb)}
    return rec


def bn_plain_record():
    """affine=False, track_running_stats=False: batch statistics even in eval mode, no parameters or buffers."""
    bn = torch.nn.BatchNorm2d(3, affine=False, track_running_stats=False).double().eval()
    x = f32(torch.randn(3, 3, 4, 2) * 3 - 1).requires_grad_()
    y = bn(x)
    up = f32(torch.randn(y.shape))
    gx, = torch.autograd.grad(y, [x], up)
    return {"x": tolist(x), "y": tolist(y), "upstream": tolist(up), "grad_x": tolist(gx), "state_dict_size": len(bn.state_dict())}


def state_dict_record():
    """Small models whose PyTorch state dicts must load by name into the same models built from a spec."""
    torch.manual_seed(7)
    m2 = torch.nn.Sequential(
        torch.nn.Conv2d(3, 4, 3, padding="same"),
        torch.nn.BatchNorm2d(4),
        torch.nn.ReLU(),
        torch.nn.ConvTranspose2d(4, 2, 3, stride=2, padding=1, output_padding=1, groups=2),
        torch.nn.Dropout2d(0.5),
        torch.nn.AdaptiveAvgPool2d((3, 2)),
        torch.nn.Flatten()).double()
    round_params(m2)
    with torch.no_grad():  # two training batches so that the running statistics are not the initial ones
        for _ in range(2):
            m2(f32(torch.randn(4, 3, 6, 5)))
    m2.eval()
    x2 = f32(torch.randn(2, 3, 6, 5))
    y2 = m2(x2)
    m1 = torch.nn.Sequential(torch.nn.Conv1d(3, 4, 4, padding="same"), torch.nn.Tanh(),
                             torch.nn.Conv1d(4, 2, 3, stride=2, dilation=2, groups=2)).double()
    round_params(m1)
    x1 = f32(torch.randn(2, 3, 11))
    y1 = m1(x1)
    sd = lambda m: {k: tolist(v.double()) for k, v in m.state_dict().items()}
    return {"model2d": {"state": sd(m2), "x": tolist(x2), "y": tolist(y2)}, "model1d": {"state": sd(m1), "x": tolist(x1), "y": tolist(y1)}}


def main():
    out = {"torch": torch.__version__, "conv1d": {}, "conv2d_same": {}, "conv_transpose2d": {}, "adaptive": {}, "bn2d": {}}
    for name, (n, c, l, o, k, s, p, d, g, b) in CONV1D.items():
        conv = torch.nn.Conv1d(c, o, k, stride=s, padding=p, dilation=d, groups=g, bias=b).double()
        round_params(conv)
        x = f32(torch.randn(n, c, l)).requires_grad_()
        out["conv1d"][name] = conv_record(conv, x, [n, c, l, o, k, s, p, d, g, b])
    for name, (n, c, h, w, o, k, d, g, b) in CONV2D_SAME.items():
        conv = torch.nn.Conv2d(c, o, k, padding="same", dilation=d, groups=g, bias=b).double()
        round_params(conv)
        x = f32(torch.randn(n, c, h, w)).requires_grad_()
        out["conv2d_same"][name] = conv_record(conv, x, [n, c, h, w, o, list(k), d, g, b])
    for name, (n, c, h, w, o, k, s, p, op, d, g, b) in CONVT.items():
        conv = torch.nn.ConvTranspose2d(c, o, k, stride=s, padding=p, output_padding=op, dilation=d, groups=g, bias=b).double()
        round_params(conv)
        x = f32(torch.randn(n, c, h, w)).requires_grad_()
        out["conv_transpose2d"][name] = conv_record(conv, x, [n, c, h, w, o, list(k), s, p, op, d, g, b])
    for name, (n, c, h, w, oh, ow) in ADAPTIVE.items():
        x = f32(torch.randn(n, c, h, w)).requires_grad_()
        y = torch.nn.AdaptiveAvgPool2d((oh, ow))(x)
        up = f32(torch.randn(y.shape))
        gx, = torch.autograd.grad(y, [x], up)
        out["adaptive"][name] = {"config": [n, c, h, w, oh, ow], "x": tolist(x), "y": tolist(y), "upstream": tolist(up), "grad_x": tolist(gx)}
    for name, cfg in BN.items():
        out["bn2d"][name] = bn_record(*cfg)
    out["bn2d_plain"] = bn_plain_record()
    out["state_dict"] = state_dict_record()
    with open(OUT, "w") as f:
        json.dump(out, f)
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
