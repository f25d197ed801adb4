#!/usr/bin/python3
"""Golden numbers for padded batches of different lengths (PaddedSequencesTest.java): LSTM, GRU and RNN
run on pack_padded_sequence(x, lengths, enforce_sorted=False) and unpacked with
pad_packed_sequence(total_length=T): outputs, final states, and the gradients of the input, the
initial states and every parameter. The padding holds random values, which PyTorch never reads.

Run: /usr/bin/python3 core/src/test/python/gen_packed_golden.py → core/src/test/resources/golden/packed.json
"""
import json
import os

import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from goldens import tolist

torch.manual_seed(43)
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "golden", "packed.json")
# name: (kind, input, hidden, layers, batch_first, bidirectional, with_h0, T, lengths)
CASES = {
    "lstm_uni": ("LSTM", 3, 4, 1, False, False, True, 5, [3, 5, 1, 4]),
    "lstm_bi": ("LSTM", 3, 4, 1, True, True, True, 5, [2, 5, 4]),
    "lstm_2_bi": ("LSTM", 2, 3, 2, False, True, True, 6, [6, 1, 3, 4]),
    "gru_uni": ("GRU", 3, 4, 1, True, False, True, 5, [4, 2, 5]),
    "gru_bi": ("GRU", 3, 4, 1, False, True, False, 4, [1, 4, 3, 2]),
    "gru_2_bi": ("GRU", 2, 3, 2, True, True, True, 5, [5, 2, 3]),
    "rnn_2_bi": ("RNN", 3, 2, 2, False, True, True, 4, [3, 1, 4]),
}


def r(*shape):
    return torch.randn(*shape).float().double()


def main():
    out = {}
    for name, (kind, i, h, layers, bf, bi, with_h0, t, lengths) in CASES.items():
        m = getattr(torch.nn, kind)(i, h, num_layers=layers, batch_first=bf, bidirectional=bi).double()
        with torch.no_grad():
            for p in m.parameters():
                p.copy_(p.float().double())
        n, d = len(lengths), 2 if bi else 1
        x = r(*((n, t, i) if bf else (t, n, i))).requires_grad_()
        h0 = r(layers * d, n, h).requires_grad_() if with_h0 else None
        c0 = r(layers * d, n, h).requires_grad_() if with_h0 and kind == "LSTM" else None
        packed = pack_padded_sequence(x, torch.tensor(lengths), batch_first=bf, enforce_sorted=False)
        state = (h0, c0) if kind == "LSTM" and with_h0 else h0
        po, hs = m(packed, state) if with_h0 else m(packed)
        hn, cn = hs if kind == "LSTM" else (hs, None)
        y, _ = pad_packed_sequence(po, batch_first=bf, total_length=t)
        uy, uh = r(*y.shape), r(*hn.shape)
        loss = (y * uy).sum() + (hn * uh).sum()
        uc = None
        if cn is not None:
            uc = r(*cn.shape)
            loss = loss + (cn * uc).sum()
        ins = [x] + ([h0] if h0 is not None else []) + ([c0] if c0 is not None else [])
        names = [k for k, _ in m.named_parameters()]
        grads = torch.autograd.grad(loss, ins + list(m.parameters()))
        opt = lambda v: tolist(v) if v is not None else None
        out[name] = {
            "config": [kind, i, h, layers, bf, bi], "lengths": lengths,
            "params": {k: tolist(p) for k, p in m.named_parameters()},
            "x": tolist(x), "h0": opt(h0), "c0": opt(c0),
            "y": tolist(y), "hn": tolist(hn), "cn": opt(cn), "uy": tolist(uy), "uh": tolist(uh), "uc": opt(uc),
            "grad_x": tolist(grads[0]),
            "grad_h0": tolist(grads[1]) if h0 is not None else None,
            "grad_c0": tolist(grads[2]) if c0 is not None else None,
            "grad_params": {k: tolist(g) for k, g in zip(names, grads[len(ins):])},
        }
    with open(OUT, "w") as f:
        json.dump(out, f)
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
