"""Seed corpus for ReaderFuzzTest: one or a few small valid files per reader.

Run from the repository root: python3 core/src/test/python/gen_fuzz_seeds.py
The archive and checkpoint seeds come from the CLI (a 1-epoch Iris run), the images from
examples/data/shapes; everything else is written here. Jazzer starts from these and mutates them.
"""
import gzip
import json
import os
import shutil
import struct
import subprocess
import tempfile

import numpy as np

OUT = "core/src/test/resources/dev/dendrite/fuzz/ReaderFuzzTestInputs"


def put(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def idx(shape, payload):
    return struct.pack(">i", 0x0800 | len(shape)) + b"".join(struct.pack(">i", s) for s in shape) + payload


def gz(data):
    return gzip.compress(data, mtime=0)


images = idx([3, 4, 4], bytes(range(48)))
labels = idx([3], bytes([0, 1, 2]))
put("idxPlain", "seed-images", images)
put("idxPlain", "seed-labels", labels)
put("idxGzip", "seed-images.gz", gz(images))
put("idxGzip", "seed-labels.gz", gz(labels))

put("csv", "seed-iris.csv", b"a,b,label\n5.1,3.5,setosa\n6.7,3.0,virginica\n5.9,3.0,versicolor\n")
put("csv", "seed-quoted.csv", b'label,"x, y",z\r\n"a",1e-3,-2\r\nb,"4",0.5\r\n\r\na,7,8\r\n')


def npy(arr):
    path = tempfile.mktemp(suffix=".npy")
    np.save(path, arr)
    with open(path, "rb") as f:
        data = f.read()
    os.remove(path)
    return data


put("npy", "seed-f4.npy", npy(np.arange(6, dtype="<f4").reshape(2, 3)))
put("npy", "seed-i8.npy", npy(np.array([1, -2, 3], dtype="<i8")))
put("npy", "seed-u1.npy", npy(np.zeros((2, 2, 2), dtype="|u1")))


def safetensors(tensors, meta=None):
    header, data = {}, b""
    if meta:
        header["__metadata__"] = meta
    for name, (dtype, shape, raw) in tensors.items():
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    return struct.pack("<Q", len(h)) + h + data


put("safetensors", "seed-f32.safetensors", safetensors(
    {"w": ("F32", [2, 2], struct.pack("<4f", 1, 2, 3, 4)), "b": ("F16", [2], b"\x00\x3c\x00\x40")},
    {"note": "seed"}))
put("safetensors", "seed-i64.safetensors", safetensors({"n": ("I64", [], struct.pack("<q", 7))}))

spec = {"type": "Sequential", "layers": [
    {"type": "Linear", "in": 4, "out": 8}, {"type": "ReLU"}, {"type": "Dropout", "p": 0.1},
    {"type": "Linear", "in": 8, "out": 3}]}
put("spec", "seed-mlp.json", json.dumps(spec, indent=1).encode())
put("spec", "seed-cnn.json", json.dumps({"type": "Sequential", "layers": [
    {"type": "Unflatten", "shape": [1, 8, 8]},
    {"type": "Conv2d", "in": 1, "out": 2, "kernel": 3, "padding": 1},
    {"type": "BatchNorm2d", "features": 2}, {"type": "MaxPool2d", "kernel": 2},
    {"type": "Flatten"}, {"type": "Linear", "in": 32, "out": 2}]}).encode())
put("spec", "seed-lstm.json", json.dumps({"type": "Sequential", "layers": [
    {"type": "LSTM", "inputSize": 3, "hiddenSize": 4}, {"type": "LastStep"},
    {"type": "Linear", "in": 4, "out": 2}]}).encode())

put("textCorpus", "seed.txt", "To be, or not to be: that is the question.\nÜber naïve café — 😀\n".encode())

log = [{"event": "epoch", "epoch": 1, "loss": 0.9, "val_accuracy": 0.5, "seconds": 0.1},
       {"event": "step", "epoch": 2, "step": 16, "loss": "NaN"},
       {"event": "end", "epochs": 2, "reason": "completed"}]
put("metricsLog", "seed.jsonl", ("\n".join(json.dumps(r) for r in log) + "\n{\"event\": \"ep").encode())

for src in ["examples/data/shapes/circle/circle0.png", "examples/data/shapes/square/square0.png"]:
    if os.path.exists(src):
        put("image", "seed-" + os.path.basename(src), open(src, "rb").read())

with tempfile.TemporaryDirectory() as tmp:
    dnd, ckpt = os.path.join(tmp, "iris.dnd"), os.path.join(tmp, "iris.ckpt")
    subprocess.run(["./dendrite", "train", "--epochs", "1", "--output", dnd, "--checkpoint", ckpt],
                   check=True, stdout=subprocess.DEVNULL)
    put("archive", "seed-iris.dnd", open(dnd, "rb").read())
    put("checkpoint", "seed-iris.ckpt", open(ckpt, "rb").read())
