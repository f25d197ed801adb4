#!/usr/bin/python3
"""Golden numbers for the Fréchet distance (FrechetDistanceTest.java): feature sets as float32, and
the distance as pytorch-fid computes it (np.cov, scipy.linalg.sqrtm of the covariance product, its
real part's trace), plus numpy's eigenvalues of one covariance.

Cases: 8-dimensional correlated Gaussians; 32 dimensions with fewer samples than twice the
dimension (a nearly singular covariance); and a rank-deficient 16-dimensional set (4 columns zero).

Run: /usr/bin/python3 core/src/test/python/gen_frechet_golden.py
     → core/src/test/resources/golden/frechet.json
"""
import json
import os

import numpy as np
from scipy import linalg

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "golden", "frechet.json")
rng = np.random.default_rng(2024)


def fid(a, b):
    a, b = a.astype(np.float64), b.astype(np.float64)
    mu1, mu2 = a.mean(0), b.mean(0)
    s1, s2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    covmean, _ = linalg.sqrtm(s1.dot(s2), disp=False)
    covmean = covmean.real
    return float(((mu1 - mu2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))


def case(n, m, d, zero_cols=0):
    mix = rng.normal(size=(d, d)) / np.sqrt(d)
    a = (rng.normal(size=(n, d)) @ mix).astype(np.float32)
    b = (rng.normal(size=(m, d)) @ (mix + 0.3 * rng.normal(size=(d, d)) / np.sqrt(d)) + 0.2).astype(np.float32)
    if zero_cols:
        a[:, :zero_cols] = 0
        b[:, :zero_cols] = 0
    return {"n": n, "m": m, "d": d, "a": a.ravel().tolist(), "b": b.ravel().tolist(), "fid": fid(a, b),
            "self": fid(a, a),
            "eig_a": sorted(np.linalg.eigvalsh(np.cov(a.astype(np.float64), rowvar=False)).tolist())}


cases = [case(300, 250, 8), case(50, 60, 32), case(200, 200, 16, zero_cols=4)]
with open(OUT, "w") as f:
    json.dump({"cases": cases}, f)
print("wrote", OUT)
