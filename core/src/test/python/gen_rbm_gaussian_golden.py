#!/usr/bin/python3
"""Golden free energies of an RBM with Gaussian (unit-variance) visible units, for RbmGaussianTest.

Run: /usr/bin/python3 core/src/test/python/gen_rbm_gaussian_golden.py
A NumPy transcription of F(v) = 1/2 ||v - b_v||^2 - sum_j softplus(W_j . v + b_h,j) on fixed
float32-exact weights and real-valued rows (standardised scale, some beyond +-2), and the mean
of v given h, h W + b_v.
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "golden", "rbm_gaussian.json")
rs = np.random.RandomState(11)
V, H, N = 5, 3, 4


def f32(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def tolist(a):
    a = np.asarray(a, dtype=np.float64)
    return {"shape": list(a.shape), "data": [float(x) for x in a.reshape(-1)]}


W = f32(rs.normal(0, 0.5, (H, V)))
BH = f32(rs.normal(0, 0.5, H))
BV = f32(rs.normal(0, 0.5, V))
X = f32(rs.normal(0, 1.5, (N, V)))
Hs = f32(rs.uniform(0, 1, (N, H)) < 0.5)

free_energy = 0.5 * ((X - BV) ** 2).sum(1) - np.logaddexp(0, X @ W.T + BH).sum(1)
visible_mean = Hs @ W + BV

with open(OUT, "w") as f:
    json.dump({"generator": "gen_rbm_gaussian_golden.py", "numpy": np.__version__,
               "components_": tolist(W), "intercept_hidden_": tolist(BH),
               "intercept_visible_": tolist(BV), "x": tolist(X), "h": tolist(Hs),
               "free_energy": tolist(free_energy), "visible_mean": tolist(visible_mean)}, f)
print("wrote", OUT)
