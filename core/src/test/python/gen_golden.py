#!/usr/bin/python3
"""Writes the golden numbers for the op table test (OpTableTest.java) from PyTorch.

Run from the repository root with Debian's PyTorch (apt-get install python3-torch):
    /usr/bin/python3 core/src/test/python/gen_golden.py
It writes core/src/test/resources/golden/ops.json: for every case its inputs, constant operands
(indices, masks), the output, a fixed upstream gradient and the gradient of every input.
The reference is computed in float64 from float32-representable inputs. The Java side has one
lambda per case name; the test fails if the two tables disagree.
"""
import os

import torch

from goldens import run_cases

torch.manual_seed(1234)
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "golden", "ops.json")


def any_(shape):  # away from 0, where abs/relu/sign have kinks
    x = torch.rand(shape) * 3 - 1.5
    return torch.where(x.abs() < 0.1, x.sign() * 0.1 + x, x)


def pos(shape):
    return torch.rand(shape) * 1.5 + 0.5


def clampable(shape):  # keep away from the bounds ±0.5
    x = torch.rand(shape) * 2 - 1
    return torch.where((x.abs() - 0.5).abs() < 0.06, x * 0.8, x)


def index(shape, high):
    return torch.randint(0, high, shape).double()


CASES = []


def case(name, fn, shapes, gen=any_, consts=()):
    CASES.append((name, fn, shapes, gen, consts))


# pointwise binary, with broadcasting
case("add", lambda a, b: a + b, [(2, 3), (2, 3)])
case("add_broadcast_row", lambda a, b: a + b, [(4, 3), (3,)])
case("add_broadcast_both", lambda a, b: a + b, [(4, 1, 3), (2, 1)])
case("sub", lambda a, b: a - b, [(2, 3), (2, 3)])
case("sub_broadcast_col", lambda a, b: a - b, [(2, 3), (2, 1)])
case("mul", lambda a, b: a * b, [(3, 4), (3, 4)])
case("mul_outer", lambda a, b: a * b, [(3, 1), (1, 4)])
case("div", lambda a, b: a / b, [(2, 3), (2, 3)], gen=pos)
case("div_broadcast_scalar", lambda a, b: a / b, [(2, 3), ()], gen=pos)
case("pow", lambda a, b: a ** b, [(2, 3), (2, 3)], gen=pos)
case("pow_broadcast", lambda a, b: a ** b, [(2, 3), (3,)], gen=pos)
case("maximum", lambda a, b: torch.maximum(a, b), [(3, 4), (3, 4)])
case("minimum_broadcast", lambda a, b: torch.minimum(a, b), [(3, 4), (4,)])
# pointwise with a scalar
case("add_scalar", lambda a: a + 2.5, [(2, 3)])
case("mul_scalar", lambda a: a * -1.5, [(2, 3)])
case("div_scalar", lambda a: a / 4.0, [(2, 3)])
case("pow_scalar", lambda a: a ** 2.5, [(2, 3)], gen=pos)
case("pow_scalar_int", lambda a: a ** 3, [(2, 3)])
# pointwise unary
case("neg", lambda a: -a, [(2, 3)])
case("exp", lambda a: a.exp(), [(2, 3)])
case("log", lambda a: a.log(), [(2, 3)], gen=pos)
case("sqrt", lambda a: a.sqrt(), [(2, 3)], gen=pos)
case("abs", lambda a: a.abs(), [(2, 3)])
case("clamp", lambda a: a.clamp(-0.5, 0.5), [(3, 4)], gen=clampable)
case("relu", lambda a: a.relu(), [(3, 4)])
case("sigmoid", lambda a: a.sigmoid(), [(3, 4)])
case("tanh", lambda a: a.tanh(), [(3, 4)])
case("square", lambda a: a.square(), [(3, 4)])
# reductions
case("sum_all", lambda a: a.sum(), [(3, 4)])
case("sum_dim", lambda a: a.sum(1), [(3, 4)])
case("sum_dims_keepdim", lambda a: a.sum((0, 2), keepdim=True), [(2, 3, 4)])
case("sum_dim0", lambda a: a.sum(0), [(5, 3)])
case("mean_all", lambda a: a.mean(), [(3, 4)])
case("mean_dim_keepdim", lambda a: a.mean(-1, keepdim=True), [(2, 3, 4)])
case("var_all", lambda a: a.var(), [(3, 4)])
case("var_dim", lambda a: a.var(0), [(4, 3)])
case("var_biased_dims", lambda a: a.var((1, 2), unbiased=False, keepdim=True), [(2, 3, 4)])
case("max_all", lambda a: a.max(), [(3, 4)])
case("max_dim", lambda a: a.max(1).values, [(3, 4)])
case("min_dim_keepdim", lambda a: a.min(0, keepdim=True).values, [(3, 4)])
case("softmax_last", lambda a: a.softmax(-1), [(3, 5)])
case("softmax_dim0", lambda a: a.softmax(0), [(3, 5)])
case("log_softmax_last", lambda a: a.log_softmax(-1), [(3, 5)])
case("log_softmax_middle", lambda a: a.log_softmax(1), [(2, 3, 4)])
# matrix products
case("matmul_2d", lambda a, b: a @ b, [(3, 4), (4, 5)])
case("matmul_batched", lambda a, b: a @ b, [(2, 3, 4), (2, 4, 5)])
case("matmul_broadcast_rhs", lambda a, b: a @ b, [(2, 3, 4), (4, 5)])
case("matmul_broadcast_batch", lambda a, b: a @ b, [(2, 1, 3, 4), (3, 4, 2)])
case("matmul_matvec", lambda a, b: a @ b, [(3, 4), (4,)])
case("matmul_vecmat", lambda a, b: a @ b, [(4,), (4, 3)])
case("matmul_dot", lambda a, b: a @ b, [(4,), (4,)])
case("matmul_transposed", lambda a, b: a.t() @ b.t(), [(4, 3), (5, 4)])
# views
case("reshape", lambda a: a.reshape(3, 4) * torch.arange(12.0).reshape(3, 4), [(2, 6)])
case("transpose", lambda a: a.transpose(0, 2) * torch.arange(24.0).reshape(4, 3, 2), [(2, 3, 4)])
case("permute", lambda a: a.permute(2, 0, 1) * torch.arange(24.0).reshape(4, 2, 3), [(2, 3, 4)])
case("slice", lambda a: a[:, 1:3] * 2, [(3, 4)])
case("slice_step", lambda a: a[:, 0:4:2].exp(), [(3, 5)])
case("select", lambda a: a.select(1, 2).square(), [(3, 4)])
case("expand", lambda a: a.expand(2, 3, 4) * torch.arange(24.0).reshape(2, 3, 4), [(3, 1)])
case("unsqueeze_squeeze", lambda a: a.unsqueeze(1).squeeze(1).unsqueeze(0) * 3, [(2, 3)])
case("flatten", lambda a: a.flatten(1, 2) * torch.arange(24.0).reshape(2, 12), [(2, 3, 4)])
# joining and indexing
case("cat", lambda a, b: torch.cat([a, b], 1).square(), [(2, 3), (2, 2)])
case("stack", lambda a, b: torch.stack([a, b], 1) * torch.arange(12.0).reshape(2, 2, 3), [(2, 3), (2, 3)])
case("split", lambda a: torch.cat([p * (i + 1) for i, p in enumerate(a.split(2, 1))], 1), [(2, 5)])
case("chunk", lambda a: torch.cat([p.exp() * (i + 1) for i, p in enumerate(a.chunk(3, 0))], 0), [(6, 2)])
case("gather", lambda a, idx: a.gather(1, idx.long()), [(3, 4)], consts=[lambda: index((3, 5), 4)])
case("gather_dim0", lambda a, idx: a.gather(0, idx.long()), [(3, 4)], consts=[lambda: index((2, 4), 3)])
case("index_select", lambda a, idx: a.index_select(0, idx.long()), [(4, 3)], consts=[lambda: torch.tensor([3.0, 0.0, 3.0, 1.0])])
case("where", lambda a, b, c: torch.where(c != 0, a, b), [(3, 4), (4,)], consts=[lambda: (torch.rand(3, 4) > 0.5).double()])
case("one_hot_mul", lambda a, idx: a * torch.nn.functional.one_hot(idx.long(), 4), [(3, 4)], consts=[lambda: torch.tensor([2.0, 0.0, 3.0])])
# composites that training uses
case("linear_tanh", lambda x, w, b: (x @ w.t() + b).tanh(), [(4, 3), (5, 3), (5,)])
case("cross_entropy_like", lambda z, y: -(z.log_softmax(1) * y).sum() / 4, [(4, 3)],
     consts=[lambda: torch.nn.functional.one_hot(torch.tensor([0, 2, 1, 2]), 3).double()])


def main():
    run_cases(CASES, os.path.normpath(OUT), "core/src/test/python/gen_golden.py")


if __name__ == "__main__":
    main()
