#!/usr/bin/python3
"""Golden numbers for Embedding (EmbeddingTest.java): lookups with repeated indices and a padding row,
the output and the gradient of the table. The padding row is given non-zero values, so the case shows
that PyTorch reads it in forward but gives it no gradient.

Run: /usr/bin/python3 core/src/test/python/gen_embedding_golden.py → core/src/test/resources/golden/embedding.json
"""
import json
import os

import torch

from goldens import tolist

torch.manual_seed(41)
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "golden", "embedding.json")
# name: (num_embeddings, dim, padding_idx, index shape)
CASES = {
    "plain_2d": (7, 3, None, (2, 5)),
    "padding_2": (6, 4, 2, (3, 4)),
    "padding_last_negative": (5, 2, -1, (9,)),
}


def main():
    out = {}
    for name, (num, dim, pad, shape) in CASES.items():
        m = torch.nn.Embedding(num, dim, padding_idx=pad).double()
        with torch.no_grad():
            m.weight.copy_(torch.randn(num, dim).float().double())
        idx = torch.randint(0, num, shape)
        if pad is not None:
            idx.view(-1)[0] = pad % num  # the padding row is looked up at least once
        idx.view(-1)[-1] = idx.view(-1)[1]  # and some row twice
        y = m(idx)
        up = torch.randn(y.shape).float().double()
        (g,) = torch.autograd.grad(y, [m.weight], up)
        out[name] = {
            "config": [num, dim, pad], "weight": tolist(m.weight), "indices": tolist(idx.double()),
            "output": tolist(y), "upstream": tolist(up), "grad_weight": tolist(g),
        }
    with open(OUT, "w") as f:
        json.dump(out, f)
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
