#!/usr/bin/python3
"""Golden numbers from PyTorch for the nn activations and losses (NnGoldenTest.java).

Run: /usr/bin/python3 core/src/test/python/gen_nn_golden.py
Writes core/src/test/resources/golden/nn_ops.json in the same form as ops.json: inputs, constant
operands (targets, weights), output, a fixed upstream gradient and the gradient of every input.
"""
import os

import torch

from goldens import run_cases
import torch.nn.functional as F

torch.manual_seed(4321)
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "golden", "nn_ops.json")


def any_(shape):
    x = torch.rand(shape) * 6 - 3
    return torch.where(x.abs() < 0.1, x.sign() * 0.1 + x, x)


def prob(shape):
    return torch.rand(shape) * 0.9 + 0.05


CASES = []


def case(name, fn, shapes, gen=any_, consts=()):
    CASES.append((name, fn, shapes, gen, consts))


idx = lambda *v: (lambda: torch.tensor(v, dtype=torch.float64))
# activations
case("relu", lambda x: F.relu(x), [(3, 5)])
case("leaky_relu_0.1", lambda x: F.leaky_relu(x, 0.1), [(3, 5)])
case("leaky_relu_0.01", lambda x: F.leaky_relu(x, 0.01), [(3, 5)])
case("elu", lambda x: F.elu(x, 1.0), [(3, 5)])
case("elu_alpha", lambda x: F.elu(x, 0.5), [(3, 5)])
case("gelu", lambda x: F.gelu(x), [(3, 5)])
case("gelu_tanh", lambda x: F.gelu(x, approximate="tanh"), [(3, 5)])
case("silu", lambda x: F.silu(x), [(3, 5)])
case("softplus", lambda x: F.softplus(x), [(3, 5)])
case("softplus_beta", lambda x: F.softplus(x * 10, beta=2, threshold=5), [(3, 5)])
case("sigmoid", lambda x: torch.sigmoid(x), [(3, 5)])
case("tanh", lambda x: torch.tanh(x), [(3, 5)])
case("softmax", lambda x: F.softmax(x, dim=1), [(3, 5)])
case("log_softmax", lambda x: F.log_softmax(x, dim=-1), [(3, 5)])
# losses
case("mse", lambda x, y: F.mse_loss(x, y), [(4, 3)], consts=[lambda: torch.randn(4, 3)])
case("mse_sum", lambda x, y: F.mse_loss(x, y, reduction="sum"), [(4, 3)], consts=[lambda: torch.randn(4, 3)])
case("l1", lambda x, y: F.l1_loss(x, y), [(4, 3)], consts=[lambda: torch.randn(4, 3)])
case("huber", lambda x, y: F.huber_loss(x, y, delta=1.5), [(4, 3)], consts=[lambda: torch.randn(4, 3) * 3])
case("smooth_l1", lambda x, y: F.smooth_l1_loss(x, y, beta=0.5), [(4, 3)], consts=[lambda: torch.randn(4, 3) * 3])
case("bce", lambda p, y: F.binary_cross_entropy(p, y), [(4, 3)], gen=prob, consts=[lambda: (torch.rand(4, 3) > 0.5).double()])
case("bce_logits", lambda x, y: F.binary_cross_entropy_with_logits(x, y), [(4, 3)], consts=[lambda: (torch.rand(4, 3) > 0.5).double()])
case("bce_logits_pos_weight", lambda x, y, pw: F.binary_cross_entropy_with_logits(x, y, pos_weight=pw), [(4, 3)],
     consts=[lambda: (torch.rand(4, 3) > 0.5).double(), lambda: torch.tensor([1.0, 2.0, 0.5], dtype=torch.float64)])
case("bce_logits_none", lambda x, y: F.binary_cross_entropy_with_logits(x, y, reduction="none"), [(4, 3)], consts=[lambda: torch.rand(4, 3).double()])
case("cross_entropy", lambda x, t: F.cross_entropy(x, t.long()), [(5, 4)], consts=[idx(0, 3, 1, 1, 2)])
case("cross_entropy_sum", lambda x, t: F.cross_entropy(x, t.long(), reduction="sum"), [(5, 4)], consts=[idx(0, 3, 1, 1, 2)])
case("cross_entropy_none", lambda x, t: F.cross_entropy(x, t.long(), reduction="none"), [(5, 4)], consts=[idx(0, 3, 1, 1, 2)])
case("cross_entropy_weight", lambda x, t, w: F.cross_entropy(x, t.long(), weight=w), [(5, 4)],
     consts=[idx(0, 3, 1, 1, 2), idx(1.0, 2.0, 0.5, 3.0)])
case("cross_entropy_smoothing", lambda x, t: F.cross_entropy(x, t.long(), label_smoothing=0.1), [(5, 4)], consts=[idx(0, 3, 1, 1, 2)])
case("cross_entropy_weight_smoothing", lambda x, t, w: F.cross_entropy(x, t.long(), weight=w, label_smoothing=0.2), [(5, 4)],
     consts=[idx(0, 3, 1, 1, 2), idx(1.0, 2.0, 0.5, 3.0)])
case("cross_entropy_ignore", lambda x, t: F.cross_entropy(x, t.long(), ignore_index=1), [(5, 4)], consts=[idx(0, 3, 1, 1, 2)])
case("cross_entropy_ignore_smoothing_weight", lambda x, t, w: F.cross_entropy(x, t.long(), weight=w, ignore_index=1, label_smoothing=0.3),
     [(5, 4)], consts=[idx(0, 3, 1, 1, 2), idx(1.0, 2.0, 0.5, 3.0)])
case("cross_entropy_probs", lambda x, p: F.cross_entropy(x, p), [(3, 4)], consts=[lambda: F.softmax(torch.randn(3, 4), 1).double()])
case("cross_entropy_probs_smoothing", lambda x, p: F.cross_entropy(x, p, label_smoothing=0.1), [(3, 4)],
     consts=[lambda: F.softmax(torch.randn(3, 4), 1).double()])
case("cross_entropy_spatial", lambda x, t: F.cross_entropy(x, t.long()), [(2, 3, 4)], consts=[lambda: torch.randint(0, 3, (2, 4)).double()])
case("nll", lambda x, t: F.nll_loss(F.log_softmax(x, 1), t.long()), [(5, 4)], consts=[idx(0, 3, 1, 1, 2)])
case("nll_weight", lambda x, t, w: F.nll_loss(F.log_softmax(x, 1), t.long(), weight=w), [(5, 4)],
     consts=[idx(0, 3, 1, 1, 2), idx(1.0, 2.0, 0.5, 3.0)])
case("kl_div_batchmean", lambda x, p: F.kl_div(F.log_softmax(x, 1), p, reduction="batchmean"), [(3, 4)],
     consts=[lambda: F.softmax(torch.randn(3, 4), 1).double()])
case("kl_div_sum_zero_target", lambda x, p: F.kl_div(F.log_softmax(x, 1), p, reduction="sum"), [(2, 3)],
     consts=[lambda: torch.tensor([[0.0, 0.5, 0.5], [1.0, 0.0, 0.0]], dtype=torch.float64)])
case("kl_div_log_target", lambda x, p: F.kl_div(F.log_softmax(x, 1), p.log(), reduction="mean", log_target=True), [(3, 4)],
     consts=[lambda: F.softmax(torch.randn(3, 4), 1).double()])


def main():
    run_cases(CASES, os.path.normpath(OUT), "core/src/test/python/gen_nn_golden.py")


if __name__ == "__main__":
    main()
