#!/usr/bin/python3
"""Writes .npy fixtures with NumPy for NpyTest.java: /usr/bin/python3 core/src/test/python/gen_npy.py"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures")
np.save(os.path.join(OUT, "f4_2x3.npy"), np.arange(6, dtype="<f4").reshape(2, 3) / 4)
np.save(os.path.join(OUT, "f8_4.npy"), np.array([0.5, -1.25, 3.0, 1e-3], dtype="<f8"))
np.save(os.path.join(OUT, "i8_2x2.npy"), np.array([[1, -2], [3, 40000]], dtype="<i8"))
np.save(os.path.join(OUT, "u1_3.npy"), np.array([0, 128, 255], dtype="|u1"))
np.save(os.path.join(OUT, "scalar.npy"), np.float32(7.5))
print("wrote fixtures to", os.path.normpath(OUT))
