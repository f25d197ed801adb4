"""Fashion-MNIST loading shared by the PyTorch benchmark scripts (reads Debian's dataset-fashion-mnist)."""
import gzip
import os

import numpy as np

DIRS = ["/usr/share/datasets/fashion-mnist", os.path.expanduser("~/.dendrite/datasets/fashion-mnist")]


def _idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    rank = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(shape)


def load(train):
    for d in DIRS:
        p = "train" if train else "t10k"
        img = os.path.join(d, p + "-images-idx3-ubyte.gz")
        if os.path.exists(img):
            x = _idx(img).astype(np.float32) / 255.0
            y = _idx(os.path.join(d, p + "-labels-idx1-ubyte.gz")).astype(np.int64)
            return x, y
    raise SystemExit("Fashion-MNIST not found; apt-get install dataset-fashion-mnist")
