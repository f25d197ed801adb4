#!/usr/bin/python3
"""Golden numbers for RNN, LSTM and GRU (RecurrentGoldenTest.java): outputs, final states and the
gradients of the input and of every parameter, for 1 and 2 layers, uni- and bidirectional, with zero
and given initial states; 2 layers bidirectional with initial states for each kind (RNN with tanh
and relu); and models built with dropout, evaluated in eval mode (where PyTorch applies none).

Run: /usr/bin/python3 core/src/test/python/gen_rnn_golden.py → core/src/test/resources/golden/rnn.json
"""
import json
import os

import torch

from goldens import tolist

torch.manual_seed(31)
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "golden", "rnn.json")
# name: (kind, input, hidden, layers, batch_first, bidirectional, with_h0, T, N[, nonlinearity, dropout])
CASES = {
    "lstm_1": ("LSTM", 3, 4, 1, False, False, False, 5, 2),
    "lstm_2_bi_h0": ("LSTM", 3, 4, 2, False, True, True, 4, 3),
    "lstm_batch_first": ("LSTM", 2, 3, 1, True, False, True, 3, 2),
    "gru_1": ("GRU", 3, 4, 1, False, False, False, 5, 2),
    "gru_2_bi_batch_first": ("GRU", 3, 2, 2, True, True, True, 4, 2),
    "rnn_tanh_2": ("RNN", 3, 4, 2, False, False, True, 4, 2),
    # Appended after the first cases so that their numbers stay as they were.
    "rnn_tanh_2_bi_h0": ("RNN", 3, 4, 2, False, True, True, 4, 3),
    "rnn_relu_2_bi_h0": ("RNN", 3, 4, 2, True, True, True, 5, 2, "relu", 0.0),
    "lstm_3_bi_dropout_eval": ("LSTM", 3, 3, 3, False, True, True, 4, 2, "tanh", 0.4),
    "gru_2_dropout_eval": ("GRU", 2, 4, 2, True, False, False, 3, 3, "tanh", 0.25),
}


def main():
    out = {}
    for name, case in CASES.items():
        kind, i, h, layers, bf, bi, with_h0, t, n = case[:9]
        nonlinearity, dropout = case[9:] if len(case) > 9 else ("tanh", 0.0)
        cls = getattr(torch.nn, kind)
        extra = {"nonlinearity": nonlinearity} if kind == "RNN" else {}
        m = cls(i, h, num_layers=layers, batch_first=bf, bidirectional=bi, dropout=dropout, **extra).double()
        if dropout > 0:
            m.eval()
        with torch.no_grad():
            for p in m.parameters():
                p.copy_(p.float().double())
        d = 2 if bi else 1
        x = torch.randn((n, t, i) if bf else (t, n, i)).float().double().requires_grad_()
        h0 = torch.randn(layers * d, n, h).float().double() if with_h0 else None
        c0 = torch.randn(layers * d, n, h).float().double() if with_h0 and kind == "LSTM" else None
        if kind == "LSTM":
            y, (hn, cn) = m(x, (h0, c0)) if with_h0 else m(x)
        else:
            y, hn = m(x, h0) if with_h0 else m(x)
            cn = None
        uy, uh = torch.randn(y.shape).float().double(), torch.randn(hn.shape).float().double()
        loss = (y * uy).sum() + (hn * uh).sum()
        uc = None
        if cn is not None:
            uc = torch.randn(cn.shape).float().double()
            loss = loss + (cn * uc).sum()
        names = [k for k, _ in m.named_parameters()]
        grads = torch.autograd.grad(loss, [x] + list(m.parameters()))
        out[name] = {
            "config": [kind, i, h, layers, bf, bi, with_h0, nonlinearity, dropout],
            "params": {k: tolist(p) for k, p in m.named_parameters()},
            "x": tolist(x), "h0": tolist(h0) if h0 is not None else None, "c0": tolist(c0) if c0 is not None else None,
            "y": tolist(y), "hn": tolist(hn), "cn": tolist(cn) if cn is not None else None,
            "uy": tolist(uy), "uh": tolist(uh), "uc": tolist(uc) if uc is not None else None,
            "grad_x": tolist(grads[0]), "grad_params": {k: tolist(g) for k, g in zip(names, grads[1:])},
        }
    with open(OUT, "w") as f:
        json.dump(out, f)
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
