"""Weighted ridge fixture for WeightedRidgeTest: scikit-learn's Ridge with sample weights.

Prints Java array literals; the test embeds them. Run: python3 gen_ridge_golden.py
"""
import numpy as np
from sklearn.linear_model import Ridge

rng = np.random.RandomState(7)
X = np.round(rng.normal(size=(12, 3)), 3)
y = np.round(X @ np.array([1.5, -2.0, 0.25]) + 0.5 + 0.3 * rng.normal(size=12), 3)
w = np.round(rng.uniform(0.1, 1.0, size=12), 3)


def arr(a):
    return "{" + ", ".join(repr(float(v)) for v in np.ravel(a)) + "}"


print("X =", arr(X))
print("y =", arr(y))
print("w =", arr(w))
for alpha in (1.0, 0.01):
    r = Ridge(alpha=alpha, fit_intercept=True).fit(X, y, sample_weight=w)
    print(f"alpha {alpha}: coef = {arr(r.coef_)}, intercept = {float(r.intercept_)!r}, "
          f"score = {float(r.score(X, y, sample_weight=w))!r}")
