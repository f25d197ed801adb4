#!/usr/bin/python3
"""Golden numbers for RNNCell, LSTMCell and GRUCell (RecurrentCellsTest.java): two steps of each cell
from a given state, the new states, and the gradients of the input, the initial state and every
parameter.

Run: /usr/bin/python3 core/src/test/python/gen_cell_golden.py → core/src/test/resources/golden/cells.json
"""
import json
import os

import torch

from goldens import tolist

torch.manual_seed(37)
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "golden", "cells.json")
# name: (class, input, hidden, bias, nonlinearity, N); N = 0 means one unbatched sample
CASES = {
    "rnn_tanh": ("RNNCell", 3, 4, True, "tanh", 2),
    "rnn_relu_no_bias": ("RNNCell", 3, 4, False, "relu", 3),
    "lstm": ("LSTMCell", 3, 4, True, None, 2),
    "lstm_unbatched": ("LSTMCell", 2, 3, True, None, 0),
    "gru": ("GRUCell", 3, 4, True, None, 2),
    "gru_no_bias": ("GRUCell", 2, 5, False, None, 3),
}


def r(*shape):
    return torch.randn(*shape).float().double()


def main():
    out = {}
    for name, (cls, i, h, bias, nl, n) in CASES.items():
        extra = {"nonlinearity": nl} if cls == "RNNCell" else {}
        m = getattr(torch.nn, cls)(i, h, bias=bias, **extra).double()
        with torch.no_grad():
            for p in m.parameters():
                p.copy_(p.float().double())
        lead = (n,) if n else ()
        x1, x2 = r(*lead, i).requires_grad_(), r(*lead, i).requires_grad_()
        h0 = r(*lead, h).requires_grad_()
        c0 = r(*lead, h).requires_grad_() if cls == "LSTMCell" else None
        if cls == "LSTMCell":
            h1, c1 = m(x1, (h0, c0))
            h2, c2 = m(x2, (h1, c1))
        else:
            h1 = m(x1, h0)
            h2 = m(x2, h1)
            c1 = c2 = None
        uh1, uh2 = r(*h1.shape), r(*h2.shape)
        loss = (h1 * uh1).sum() + (h2 * uh2).sum()
        uc = None
        if c2 is not None:
            uc = r(*c2.shape)
            loss = loss + (c2 * uc).sum()
        ins = [x1, x2, h0] + ([c0] if c0 is not None else [])
        names = [k for k, _ in m.named_parameters()]
        grads = torch.autograd.grad(loss, ins + list(m.parameters()))
        opt = lambda t: tolist(t) if t is not None else None
        out[name] = {
            "config": [cls, i, h, bias, nl or "tanh", n],
            "params": {k: tolist(p) for k, p in m.named_parameters()},
            "x1": tolist(x1), "x2": tolist(x2), "h0": tolist(h0), "c0": opt(c0),
            "h1": tolist(h1), "c1": opt(c1), "h2": tolist(h2), "c2": opt(c2),
            "uh1": tolist(uh1), "uh2": tolist(uh2), "uc": opt(uc),
            "grad_x1": tolist(grads[0]), "grad_x2": tolist(grads[1]), "grad_h0": tolist(grads[2]),
            "grad_c0": opt(grads[3]) if c0 is not None else None,
            "grad_params": {k: tolist(g) for k, g in zip(names, grads[len(ins):])},
        }
    with open(OUT, "w") as f:
        json.dump(out, f)
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
