"""Shared by the golden-number generators: tensors as JSON, and the case runner."""
import json

import torch


def tolist(t):
    return {"shape": list(t.shape), "data": [float(v) for v in t.detach().reshape(-1).tolist()]}


def run_cases(cases, out_path, generator):
    """Each case: (name, fn, input shapes, input generator, constant makers). Inputs are float32 values held in float64."""
    out = []
    for name, fn, shapes, gen, consts in cases:
        inputs = [gen(s).float().double().requires_grad_() for s in shapes]
        cs = [c().float().double() for c in consts]
        y = fn(*inputs, *cs)
        up = torch.randn(y.shape).float().double()
        grads = torch.autograd.grad(y, inputs, up, allow_unused=True)
        out.append({"name": name, "inputs": [tolist(x) for x in inputs], "consts": [tolist(c) for c in cs],
                    "output": tolist(y), "upstream": tolist(up),
                    "grads": [tolist(g if g is not None else torch.zeros_like(x)) for g, x in zip(grads, inputs)]})
    with open(out_path, "w") as f:
        json.dump({"generator": generator, "torch": torch.__version__, "cases": out}, f, indent=None)
    print(f"wrote {len(out)} cases to {out_path}")
