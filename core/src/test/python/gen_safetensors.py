#!/usr/bin/python3
"""Writes a safetensors fixture from a PyTorch model, for SafetensorsTest.java.

Run: /usr/bin/python3 core/src/test/python/gen_safetensors.py
Debian's PyTorch 1.13 ships without the `safetensors` package, so the file is written here by the
format's rules (as the reference writer does: 8-byte little-endian header length, JSON header
padded with spaces to 8 bytes, tensors ordered by dtype alignment then name).
It writes core/src/test/resources/golden/mlp.safetensors (weights of Linear(4,3)-ReLU-Linear(3,2),
plus an int64 and a float16 tensor to exercise conversion) and mlp_io.json (an input and PyTorch's
output for it).
"""
import json
import os
import struct

import torch

HERE = os.path.join(os.path.dirname(__file__), "..", "resources", "golden")
DTYPES = {torch.float32: ("F32", 4), torch.float16: ("F16", 2), torch.int64: ("I64", 8), torch.float64: ("F64", 8)}


def save(tensors, path, metadata):
    items = sorted(tensors.items(), key=lambda kv: (-DTYPES[kv[1].dtype][1], kv[0]))
    header, offset, blobs = {"__metadata__": metadata}, 0, []
    for name, t in items:
        data = t.contiguous().numpy().tobytes()  # little-endian on x86
        header[name] = {"dtype": DTYPES[t.dtype][0], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def main():
    torch.manual_seed(7)
    model = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.ReLU(), torch.nn.Linear(3, 2))
    state = {k: v.detach() for k, v in model.state_dict().items()}
    extra = {"extra.steps": torch.tensor([3, -2, 7], dtype=torch.int64),
             "extra.half": torch.tensor([0.5, -1.25, 65504.0], dtype=torch.float16),
             "extra.double": torch.tensor([[1.0 / 3.0]], dtype=torch.float64)}
    save({**state, **extra}, os.path.join(HERE, "mlp.safetensors"), {"format": "pt", "producer": "gen_safetensors.py"})
    x = torch.randn(5, 4)
    y = model(x)
    with open(os.path.join(HERE, "mlp_io.json"), "w") as f:
        json.dump({"x": x.reshape(-1).tolist(), "y": y.detach().reshape(-1).tolist()}, f)
    print("wrote mlp.safetensors and mlp_io.json")


if __name__ == "__main__":
    main()
