#!/usr/bin/python3
"""Golden numbers from scikit-learn's BernoulliRBM for RbmGoldenTest.java.

Run: /usr/bin/python3 core/src/test/python/gen_rbm_golden.py
Fixed weights and data; the free energy (_free_energy), the pseudo-likelihood of score_samples with
the flipped units fixed (the same formula on the flipped copy), and one PCD-1 update of _fit with
the uniform draws given by a stand-in generator, so that no random stream has to match Java's.
Also two CD-2 updates with momentum and weight decay, transcribed in NumPy from the same rule with
torch.optim.SGD's momentum (the buffer starts as the first gradient).
"""
import json
import os

import numpy as np
import sklearn
from sklearn.neural_network import BernoulliRBM
from sklearn.utils.extmath import log_logistic

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "golden", "rbm.json")
rs = np.random.RandomState(7)
V, H, N = 6, 4, 5


def f32(a):
    """Values a float32 holds exactly, kept in float64 for scikit-learn."""
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def tolist(a):
    a = np.asarray(a, dtype=np.float64)
    return {"shape": list(a.shape), "data": [float(x) for x in a.reshape(-1)]}


def model():
    rbm = BernoulliRBM(n_components=H, learning_rate=0.1, batch_size=N)
    rbm.components_ = W.copy()
    rbm.intercept_hidden_ = BH.copy()
    rbm.intercept_visible_ = BV.copy()
    return rbm


class Draws:
    """Hands out the given uniform draws in order, as _fit asks for them."""

    def __init__(self, draws):
        self.draws = list(draws)

    def uniform(self, size):
        u = self.draws.pop(0)
        assert u.shape == tuple(size), (u.shape, size)
        return u


W = f32(rs.normal(0, 0.5, (H, V)))
BH = f32(rs.normal(0, 0.3, H))
BV = f32(rs.normal(0, 0.3, V))
X = f32(rs.rand(N, V) < 0.5)
SOFT = f32(rs.rand(N, V))  # free energy is defined for any v in [0, 1]
FLIP = rs.randint(0, V, N)

rbm = model()
fe = rbm._free_energy(X)
flipped = X.copy()
flipped[np.arange(N), FLIP] = 1 - flipped[np.arange(N), FLIP]
pl = V * log_logistic(rbm._free_energy(flipped) - fe)

# One PCD-1 update from a binary chain; draws kept clear of the probabilities they are compared
# with, so float32 and float64 sample alike.
CHAIN = f32(rs.rand(N, H) < 0.5)
while True:
    U1, U2 = f32(rs.rand(N, V)), f32(rs.rand(N, H))
    p_v = 1 / (1 + np.exp(-(CHAIN @ W + BV)))
    v_neg = (U1 < p_v).astype(np.float64)
    p_h = 1 / (1 + np.exp(-(v_neg @ W.T + BH)))
    if np.abs(U1 - p_v).min() > 1e-3 and np.abs(U2 - p_h).min() > 1e-3:
        break
rbm = model()
rbm.h_samples_ = CHAIN.copy()
rbm._fit(X, Draws([U1, U2]))



def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def cd_k(w, bh, bv, x, k, draw, margins):
    """CD-k gradients from the data; draws in the Java step's order, each checked for a margin."""

    def sample(p):
        u = draw(p.shape)
        margins.append(np.abs(u - p).min())
        return (u < p).astype(np.float64), u

    h_pos = sigmoid(x @ w.T + bh)
    h, used = sample(h_pos)
    draws = [used]
    for i in range(k):
        v_neg, u = sample(sigmoid(h @ w + bv))
        draws.append(u)
        h_neg = sigmoid(v_neg @ w.T + bh)
        if i < k - 1:
            h, u = sample(h_neg)
            draws.append(u)
    n = x.shape[0]
    gw = -(h_pos.T @ x - h_neg.T @ v_neg) / n
    gbh = -(h_pos.sum(0) - h_neg.sum(0)) / n
    gbv = -(x.sum(0) - v_neg.sum(0)) / n
    return [gw, gbh, gbv], draws


LR, MOMENTUM, DECAY, K = 0.1, 0.5, 0.01, 2
while True:
    params, bufs, margins, cd_draws = [W.copy(), BH.copy(), BV.copy()], None, [], []
    for _ in range(2):
        grads, d = cd_k(*params, X, K, lambda shape: f32(rs.rand(*shape)), margins)
        cd_draws += d
        grads[0] = grads[0] + DECAY * params[0]
        bufs = grads if bufs is None else [MOMENTUM * b + g for b, g in zip(bufs, grads)]
        params = [p - LR * b for p, b in zip(params, bufs)]
    if min(margins) > 1e-3:
        break

out = {
    "generator": "gen_rbm_golden.py",
    "sklearn": sklearn.__version__,
    "components_": tolist(W),
    "intercept_hidden_": tolist(BH),
    "intercept_visible_": tolist(BV),
    "x": tolist(X),
    "soft": tolist(SOFT),
    "flip": [int(i) for i in FLIP],
    "free_energy": tolist(fe),
    "free_energy_soft": tolist(model()._free_energy(SOFT)),
    "pseudo_likelihood": tolist(pl),
    "pcd": {
        "learning_rate": 0.1,
        "h_samples_": tolist(CHAIN),
        "u_visible": tolist(U1),
        "u_hidden": tolist(U2),
        "components_": tolist(rbm.components_),
        "intercept_hidden_": tolist(rbm.intercept_hidden_),
        "intercept_visible_": tolist(rbm.intercept_visible_),
        "h_samples_after": tolist(rbm.h_samples_),
    },
    "cd2": {
        "k": K,
        "learning_rate": LR,
        "momentum": MOMENTUM,
        "weight_decay": DECAY,
        "draws": [tolist(u) for u in cd_draws],
        "components_": tolist(params[0]),
        "intercept_hidden_": tolist(params[1]),
        "intercept_visible_": tolist(params[2]),
    },
}
with open(OUT, "w") as f:
    json.dump(out, f, indent=None)
print(f"wrote {OUT}")
