#!/usr/bin/python3
"""The PyTorch conformance suite: every public layer, activation, loss and optimizer of Dendrite
against torch 1.13 on generated cases (ConformanceTest.java).

Run: /usr/bin/python3 core/src/test/python/gen_conformance_golden.py
Writes three fixtures under core/src/test/resources/golden:
  conformance_layers.json  one case per LAYERS line: the Dendrite spec, the state dict before, the
                           input, output, upstream gradient, input and parameter gradients, and the
                           buffers after the forward pass (BatchNorm's running statistics);
  conformance_ops.json     one case per OPS line, in the form of ops.json (activations and losses
                           at their edge cases: kinks, saturation, ignore_index, reductions);
  conformance_optim.json   one case per OPTIMS line: parameters after every step and the optimizer
                           state after the last one.
A case is one line of a table below; the Java side reads the layer table without per-case code.
"""
import json
import os
import zlib

import torch
import torch.nn as nn
import torch.nn.functional as F

from goldens import run_cases, tolist

torch.manual_seed(1713)
DIR = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "resources", "golden"))


class Fn(nn.Module):
    """A function as a module, for layers PyTorch has only as functions (or as nothing)."""

    def __init__(self, f):
        super().__init__()
        self.f = f

    def forward(self, x):
        return self.f(x)


class UnrolledRef(nn.Module):
    """A cell run over time from the zero state, PyTorch's own cell doing each step."""

    def __init__(self, cell):
        super().__init__()
        self.cell = cell

    def forward(self, x):
        state, out = None, []
        for t in range(x.shape[0]):
            state = self.cell(x[t], state)
            out.append(state[0] if isinstance(state, tuple) else state)
        return torch.stack(out)


def lstm_names(prefix, suffix):
    return {f"{prefix}.cell.{w}": f"{w}_l0{suffix}" for w in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")}


def seq(*layers):
    return {"type": "Sequential", "layers": list(layers)}


# name, Dendrite spec, PyTorch module, input shape, mode ("train" or "eval"), and where the state
# dict names differ, {Dendrite name: PyTorch name}
LAYERS = [
    ("linear", {"type": "Linear", "in": 5, "out": 3}, lambda: nn.Linear(5, 3), (4, 5), "train"),
    ("linear_nobias", {"type": "Linear", "in": 5, "out": 3, "bias": False}, lambda: nn.Linear(5, 3, bias=False), (2, 3, 5), "train"),
    ("flatten", {"type": "Flatten"}, lambda: nn.Flatten(), (2, 3, 2, 2), "train"),
    ("flatten_dims", {"type": "Flatten", "startDim": 2, "endDim": 3}, lambda: nn.Flatten(2, 3), (2, 3, 2, 2), "train"),
    ("unflatten", {"type": "Unflatten", "shape": [2, 3]}, lambda: nn.Unflatten(1, (2, 3)), (4, 6), "train"),
    # conv
    ("conv1d", {"type": "Conv1d", "in": 2, "out": 3, "kernel": 3, "stride": 2, "padding": 1}, lambda: nn.Conv1d(2, 3, 3, stride=2, padding=1), (2, 2, 9), "train"),
    ("conv1d_dilation_groups", {"type": "Conv1d", "in": 4, "out": 2, "kernel": 2, "dilation": 3, "groups": 2}, lambda: nn.Conv1d(4, 2, 2, dilation=3, groups=2), (2, 4, 8), "train"),
    ("conv1d_same", {"type": "Conv1d", "in": 2, "out": 2, "kernel": 4, "padding": "same"}, lambda: nn.Conv1d(2, 2, 4, padding="same"), (1, 2, 7), "train"),
    ("conv1d_reflect", {"type": "Conv1d", "in": 2, "out": 3, "kernel": 3, "stride": 2, "padding": 2, "paddingMode": "reflect"},
     lambda: nn.Conv1d(2, 3, 3, stride=2, padding=2, padding_mode="reflect"), (2, 2, 7), "train"),
    ("conv1d_circular", {"type": "Conv1d", "in": 2, "out": 2, "kernel": 2, "padding": 1, "dilation": 2, "paddingMode": "circular"},
     lambda: nn.Conv1d(2, 2, 2, padding=1, dilation=2, padding_mode="circular"), (1, 2, 5), "train"),
    ("conv2d", {"type": "Conv2d", "in": 2, "out": 3, "kernel": 3}, lambda: nn.Conv2d(2, 3, 3), (2, 2, 5, 6), "train"),
    ("conv2d_stride_pad", {"type": "Conv2d", "in": 2, "out": 3, "kernel": 3, "stride": 2, "padding": 1}, lambda: nn.Conv2d(2, 3, 3, stride=2, padding=1), (2, 2, 7, 6), "train"),
    ("conv2d_kernel_tuple", {"type": "Conv2d", "in": 2, "out": 2, "kernel": [3, 5]}, lambda: nn.Conv2d(2, 2, (3, 5)), (1, 2, 6, 7), "train"),
    ("conv2d_all_tuples", {"type": "Conv2d", "in": 2, "out": 3, "kernel": [2, 3], "stride": [1, 2], "padding": [2, 1], "dilation": [2, 1]},
     lambda: nn.Conv2d(2, 3, (2, 3), stride=(1, 2), padding=(2, 1), dilation=(2, 1)), (2, 2, 5, 7), "train"),
    ("conv2d_groups_nobias", {"type": "Conv2d", "in": 4, "out": 6, "kernel": 3, "groups": 2, "bias": False}, lambda: nn.Conv2d(4, 6, 3, groups=2, bias=False), (1, 4, 5, 5), "train"),
    ("conv2d_same_tuple", {"type": "Conv2d", "in": 2, "out": 2, "kernel": [2, 3], "padding": "same", "dilation": [1, 2]},
     lambda: nn.Conv2d(2, 2, (2, 3), padding="same", dilation=(1, 2)), (1, 2, 5, 6), "train"),
    ("conv2d_reflect", {"type": "Conv2d", "in": 2, "out": 3, "kernel": 3, "padding": 2, "paddingMode": "reflect"},
     lambda: nn.Conv2d(2, 3, 3, padding=2, padding_mode="reflect"), (2, 2, 5, 6), "train"),
    ("conv2d_replicate_tuples", {"type": "Conv2d", "in": 2, "out": 2, "kernel": [3, 2], "stride": [2, 1], "padding": [1, 3], "paddingMode": "replicate"},
     lambda: nn.Conv2d(2, 2, (3, 2), stride=(2, 1), padding=(1, 3), padding_mode="replicate"), (1, 2, 6, 4), "train"),
    ("conv2d_circular_dilation", {"type": "Conv2d", "in": 2, "out": 2, "kernel": 3, "padding": [2, 1], "dilation": [2, 1], "paddingMode": "circular"},
     lambda: nn.Conv2d(2, 2, 3, padding=(2, 1), dilation=(2, 1), padding_mode="circular"), (2, 2, 5, 5), "train"),
    ("conv_transpose2d", {"type": "ConvTranspose2d", "in": 2, "out": 3, "kernel": 3, "stride": 2, "padding": 1, "outputPadding": 1},
     lambda: nn.ConvTranspose2d(2, 3, 3, stride=2, padding=1, output_padding=1), (2, 2, 3, 4), "train"),
    ("conv_transpose2d_groups", {"type": "ConvTranspose2d", "in": 4, "out": 2, "kernel": [2, 3], "groups": 2},
     lambda: nn.ConvTranspose2d(4, 2, (2, 3), groups=2), (1, 4, 3, 3), "train"),
    ("conv_transpose2d_tuples", {"type": "ConvTranspose2d", "in": 2, "out": 2, "kernel": [3, 2], "stride": [2, 3], "padding": [1, 0],
                                 "outputPadding": [1, 2], "dilation": [1, 2]},
     lambda: nn.ConvTranspose2d(2, 2, (3, 2), stride=(2, 3), padding=(1, 0), output_padding=(1, 2), dilation=(1, 2)), (1, 2, 3, 4), "train"),
    # pooling
    ("maxpool2d", {"type": "MaxPool2d", "kernel": 2}, lambda: nn.MaxPool2d(2), (2, 2, 6, 6), "train"),
    ("maxpool2d_stride_pad", {"type": "MaxPool2d", "kernel": 3, "stride": 2, "padding": 1}, lambda: nn.MaxPool2d(3, 2, 1), (2, 2, 7, 6), "train"),
    ("maxpool2d_tuples", {"type": "MaxPool2d", "kernel": [2, 3], "stride": [2, 1], "padding": [1, 0]}, lambda: nn.MaxPool2d((2, 3), (2, 1), (1, 0)), (2, 2, 5, 6), "train"),
    ("maxpool2d_dilation", {"type": "MaxPool2d", "kernel": 2, "stride": 1, "dilation": [2, 1]}, lambda: nn.MaxPool2d(2, 1, dilation=(2, 1)), (1, 2, 6, 5), "train"),
    ("maxpool2d_dilation_pad", {"type": "MaxPool2d", "kernel": 3, "stride": 2, "padding": 1, "dilation": 2}, lambda: nn.MaxPool2d(3, 2, 1, dilation=2), (1, 2, 8, 7), "train"),
    ("maxpool2d_ceil", {"type": "MaxPool2d", "kernel": 2, "ceilMode": True}, lambda: nn.MaxPool2d(2, ceil_mode=True), (2, 2, 7, 5), "train"),
    ("maxpool2d_ceil_pad_tuple", {"type": "MaxPool2d", "kernel": 3, "stride": [2, 3], "padding": 1, "ceilMode": True},
     lambda: nn.MaxPool2d(3, (2, 3), 1, ceil_mode=True), (1, 2, 6, 8), "train"),
    ("avgpool2d", {"type": "AvgPool2d", "kernel": 2}, lambda: nn.AvgPool2d(2), (2, 2, 6, 6), "train"),
    ("avgpool2d_pad", {"type": "AvgPool2d", "kernel": 3, "stride": 2, "padding": 1}, lambda: nn.AvgPool2d(3, 2, 1), (2, 2, 7, 6), "train"),
    ("avgpool2d_exclude_pad", {"type": "AvgPool2d", "kernel": 3, "stride": 2, "padding": 1, "countIncludePad": False},
     lambda: nn.AvgPool2d(3, 2, 1, count_include_pad=False), (2, 2, 7, 6), "train"),
    ("avgpool2d_tuples_exclude_pad", {"type": "AvgPool2d", "kernel": [2, 4], "stride": [1, 3], "padding": [1, 2], "countIncludePad": False},
     lambda: nn.AvgPool2d((2, 4), (1, 3), (1, 2), count_include_pad=False), (1, 2, 5, 8), "train"),
    ("avgpool2d_ceil", {"type": "AvgPool2d", "kernel": 3, "stride": 2, "ceilMode": True}, lambda: nn.AvgPool2d(3, 2, ceil_mode=True), (2, 2, 6, 8), "train"),
    ("avgpool2d_ceil_pad", {"type": "AvgPool2d", "kernel": [3, 2], "stride": 2, "padding": 1, "ceilMode": True},
     lambda: nn.AvgPool2d((3, 2), 2, 1, ceil_mode=True), (1, 2, 6, 7), "train"),
    ("avgpool2d_ceil_pad_exclude", {"type": "AvgPool2d", "kernel": 3, "stride": 2, "padding": 1, "ceilMode": True, "countIncludePad": False},
     lambda: nn.AvgPool2d(3, 2, 1, ceil_mode=True, count_include_pad=False), (1, 2, 6, 6), "train"),
    ("adaptive_avgpool2d", {"type": "AdaptiveAvgPool2d", "output": [3, 2]}, lambda: nn.AdaptiveAvgPool2d((3, 2)), (2, 2, 7, 5), "train"),
    ("global_avgpool", {"type": "GlobalAvgPool"}, lambda: Fn(lambda x: x.mean((2, 3))), (2, 3, 4, 5), "train"),
    # normalisation
    ("batchnorm1d_train", {"type": "BatchNorm1d", "features": 3}, lambda: nn.BatchNorm1d(3), (6, 3), "train"),
    ("batchnorm1d_train_3d", {"type": "BatchNorm1d", "features": 3, "momentum": 0.3}, lambda: nn.BatchNorm1d(3, momentum=0.3), (4, 3, 5), "train"),
    ("batchnorm1d_eval", {"type": "BatchNorm1d", "features": 3}, lambda: nn.BatchNorm1d(3), (6, 3), "eval"),
    ("batchnorm1d_no_affine", {"type": "BatchNorm1d", "features": 3, "affine": False}, lambda: nn.BatchNorm1d(3, affine=False), (5, 3), "train"),
    ("batchnorm2d_train", {"type": "BatchNorm2d", "features": 3}, lambda: nn.BatchNorm2d(3), (2, 3, 4, 5), "train"),
    ("batchnorm2d_eval", {"type": "BatchNorm2d", "features": 3, "eps": 1e-3}, lambda: nn.BatchNorm2d(3, eps=1e-3), (2, 3, 4, 5), "eval"),
    ("batchnorm2d_no_affine", {"type": "BatchNorm2d", "features": 3, "affine": False}, lambda: nn.BatchNorm2d(3, affine=False), (2, 3, 3, 3), "train"),
    ("batchnorm2d_no_affine_eval", {"type": "BatchNorm2d", "features": 3, "affine": False}, lambda: nn.BatchNorm2d(3, affine=False), (2, 3, 3, 3), "eval"),
    ("layernorm", {"type": "LayerNorm", "shape": [4]}, lambda: nn.LayerNorm(4), (3, 4), "train"),
    ("layernorm_2d", {"type": "LayerNorm", "shape": [3, 4], "eps": 1e-3}, lambda: nn.LayerNorm((3, 4), eps=1e-3), (2, 3, 4), "train"),
    ("layernorm_no_affine", {"type": "LayerNorm", "shape": [5], "elementwiseAffine": False}, lambda: nn.LayerNorm(5, elementwise_affine=False), (2, 3, 5), "train"),
    # regularization: identities in evaluation, and with p = 0 in training
    ("dropout_eval", {"type": "Dropout", "p": 0.5}, lambda: nn.Dropout(0.5), (3, 4), "eval"),
    ("dropout_p0_train", {"type": "Dropout", "p": 0.0}, lambda: nn.Dropout(0.0), (3, 4), "train"),
    ("dropout2d_eval", {"type": "Dropout2d", "p": 0.3}, lambda: nn.Dropout2d(0.3), (2, 3, 2, 2), "eval"),
    ("alpha_dropout_eval", {"type": "AlphaDropout", "p": 0.2}, lambda: nn.AlphaDropout(0.2), (3, 4), "eval"),
    ("gaussian_noise_eval", {"type": "GaussianNoise", "std": 0.5}, lambda: Fn(lambda x: x), (3, 4), "eval"),
    # activations as layers
    ("relu", {"type": "ReLU"}, lambda: nn.ReLU(), (3, 4), "train"),
    ("leaky_relu", {"type": "LeakyReLU", "slope": 0.01}, lambda: nn.LeakyReLU(), (3, 4), "train"),
    ("elu", {"type": "ELU", "alpha": 0.7}, lambda: nn.ELU(0.7), (3, 4), "train"),
    ("gelu", {"type": "GELU"}, lambda: nn.GELU(), (3, 4), "train"),
    ("gelu_tanh", {"type": "GELU", "tanh": True}, lambda: nn.GELU(approximate="tanh"), (3, 4), "train"),
    ("silu", {"type": "SiLU"}, lambda: nn.SiLU(), (3, 4), "train"),
    ("softplus", {"type": "Softplus"}, lambda: nn.Softplus(), (3, 4), "train"),
    ("softplus_beta", {"type": "Softplus", "beta": 3, "threshold": 4}, lambda: nn.Softplus(3, 4), (3, 4), "train"),
    ("sigmoid", {"type": "Sigmoid"}, lambda: nn.Sigmoid(), (3, 4), "train"),
    ("tanh", {"type": "Tanh"}, lambda: nn.Tanh(), (3, 4), "train"),
    ("softmax_dim0", {"type": "Softmax", "dim": 0}, lambda: nn.Softmax(0), (3, 4), "train"),
    ("log_softmax", {"type": "LogSoftmax", "dim": 1}, lambda: nn.LogSoftmax(1), (3, 4, 2), "train"),
    # recurrent (the sequence output; dropout off)
    ("rnn_tanh", {"type": "RNN", "inputSize": 3, "hiddenSize": 4}, lambda: nn.RNN(3, 4), (5, 2, 3), "train"),
    ("rnn_relu_2layer", {"type": "RNN", "inputSize": 3, "hiddenSize": 4, "numLayers": 2, "nonlinearity": "relu"},
     lambda: nn.RNN(3, 4, 2, nonlinearity="relu"), (4, 2, 3), "train"),
    ("rnn_bidirectional_2layer", {"type": "RNN", "inputSize": 3, "hiddenSize": 2, "numLayers": 2, "bidirectional": True},
     lambda: nn.RNN(3, 2, 2, bidirectional=True), (4, 2, 3), "train"),
    ("lstm", {"type": "LSTM", "inputSize": 3, "hiddenSize": 4}, lambda: nn.LSTM(3, 4), (5, 2, 3), "train"),
    ("lstm_bidirectional_2layer_batch_first", {"type": "LSTM", "inputSize": 3, "hiddenSize": 3, "numLayers": 2, "bidirectional": True, "batchFirst": True},
     lambda: nn.LSTM(3, 3, 2, bidirectional=True, batch_first=True), (2, 4, 3), "train"),
    ("lstm_3layer_eval", {"type": "LSTM", "inputSize": 2, "hiddenSize": 3, "numLayers": 3}, lambda: nn.LSTM(2, 3, 3), (3, 2, 2), "eval"),
    ("gru", {"type": "GRU", "inputSize": 3, "hiddenSize": 4}, lambda: nn.GRU(3, 4), (5, 2, 3), "train"),
    ("gru_bidirectional_2layer", {"type": "GRU", "inputSize": 3, "hiddenSize": 3, "numLayers": 2, "bidirectional": True},
     lambda: nn.GRU(3, 3, 2, bidirectional=True), (4, 2, 3), "train"),
    ("rnn_cell", {"type": "RNNCell", "inputSize": 3, "hiddenSize": 4}, lambda: nn.RNNCell(3, 4), (2, 3), "train"),
    ("lstm_cell", {"type": "LSTMCell", "inputSize": 3, "hiddenSize": 4}, lambda: nn.LSTMCell(3, 4), (2, 3), "train"),
    ("gru_cell", {"type": "GRUCell", "inputSize": 3, "hiddenSize": 4}, lambda: nn.GRUCell(3, 4), (2, 3), "train"),
    ("unrolled_lstm_cell", {"type": "Unrolled", "cell": {"type": "LSTMCell", "inputSize": 3, "hiddenSize": 2}},
     lambda: UnrolledRef(nn.LSTMCell(3, 2)), (4, 2, 3), "train"),
    ("bidirectional_unrolled_lstm", {"type": "Bidirectional",
                                     "forward": {"type": "Unrolled", "cell": {"type": "LSTMCell", "inputSize": 3, "hiddenSize": 2}},
                                     "reverse": {"type": "Unrolled", "cell": {"type": "LSTMCell", "inputSize": 3, "hiddenSize": 2}}},
     lambda: nn.LSTM(3, 2, bidirectional=True), (4, 2, 3), "train", {**lstm_names("forward", ""), **lstm_names("reverse", "_reverse")}),
    ("last_step", {"type": "LastStep"}, lambda: Fn(lambda x: x[:, -1]), (2, 4, 3), "train"),
    ("batchnorm2d_no_running_stats", {"type": "BatchNorm2d", "features": 2, "trackRunningStats": False},
     lambda: nn.BatchNorm2d(2, track_running_stats=False), (2, 2, 3, 3), "eval"),
    # Sequentials whose runs are fused into one op (conv+relu+pool, batchnorm+relu+pool)
    ("seq_conv_relu_maxpool", seq({"type": "Conv2d", "in": 2, "out": 3, "kernel": 3, "padding": 1}, {"type": "ReLU"}, {"type": "MaxPool2d", "kernel": 2}),
     lambda: nn.Sequential(nn.Conv2d(2, 3, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2)), (2, 2, 6, 6), "train"),
    ("seq_conv_reflect_relu_maxpool", seq({"type": "Conv2d", "in": 2, "out": 3, "kernel": 3, "padding": 1, "paddingMode": "reflect"}, {"type": "ReLU"},
                                          {"type": "MaxPool2d", "kernel": 2}),
     lambda: nn.Sequential(nn.Conv2d(2, 3, 3, padding=1, padding_mode="reflect"), nn.ReLU(), nn.MaxPool2d(2)), (2, 2, 6, 6), "train"),
    ("seq_conv_relu_maxpool_tuple", seq({"type": "Conv2d", "in": 2, "out": 3, "kernel": 3}, {"type": "ReLU"}, {"type": "MaxPool2d", "kernel": [2, 1]}),
     lambda: nn.Sequential(nn.Conv2d(2, 3, 3), nn.ReLU(), nn.MaxPool2d((2, 1))), (2, 2, 6, 5), "train"),
    ("seq_conv_bn_relu_maxpool_train", seq({"type": "Conv2d", "in": 2, "out": 3, "kernel": 3, "bias": False}, {"type": "BatchNorm2d", "features": 3},
                                           {"type": "ReLU"}, {"type": "MaxPool2d", "kernel": 2, "stride": 2}),
     lambda: nn.Sequential(nn.Conv2d(2, 3, 3, bias=False), nn.BatchNorm2d(3), nn.ReLU(), nn.MaxPool2d(2, 2)), (2, 2, 6, 6), "train"),
    ("seq_conv_bn_relu_maxpool_eval", seq({"type": "Conv2d", "in": 2, "out": 3, "kernel": 3}, {"type": "BatchNorm2d", "features": 3},
                                          {"type": "ReLU"}, {"type": "MaxPool2d", "kernel": 3, "stride": 2, "padding": 1}),
     lambda: nn.Sequential(nn.Conv2d(2, 3, 3), nn.BatchNorm2d(3), nn.ReLU(), nn.MaxPool2d(3, 2, 1)), (2, 2, 7, 7), "eval"),
    ("seq_mlp", seq({"type": "Linear", "in": 4, "out": 5}, {"type": "BatchNorm1d", "features": 5}, {"type": "GELU"}, {"type": "Dropout", "p": 0.0},
                    {"type": "Linear", "in": 5, "out": 2}, {"type": "LogSoftmax", "dim": 1}),
     lambda: nn.Sequential(nn.Linear(4, 5), nn.BatchNorm1d(5), nn.GELU(), nn.Dropout(0.0), nn.Linear(5, 2), nn.LogSoftmax(1)), (6, 4), "train"),
]


def layer_case(name, spec, make, shape, mode, rename=None):
    torch.manual_seed(zlib.crc32(name.encode()))  # per case: a new line leaves the others alone
    m = make().double()
    with torch.no_grad():
        for k, b in m.named_buffers():
            if k.endswith("running_mean"):
                b.copy_(torch.randn(b.shape).float().double())
            elif k.endswith("running_var"):
                b.copy_((torch.rand(b.shape) + 0.5).float().double())
        for p in m.parameters():  # float32 values held in float64, random (BatchNorm's are 1, 0)
            p.copy_(torch.randn(p.shape).float().double() * 0.5)
    m.train(mode == "train")
    before = {k: tolist(v) for k, v in m.state_dict().items()}
    x = torch.randn(shape).float().double().requires_grad_()
    y = m(x)
    if isinstance(y, tuple):
        y = y[0]
    if isinstance(y, tuple):  # LSTMCell: (h, c)
        y = y[0]
    up = torch.randn(y.shape).float().double()
    params = dict(m.named_parameters())
    grads = torch.autograd.grad(y, [x] + list(params.values()), up, allow_unused=True)
    after = {k: tolist(v) for k, v in m.named_buffers()}
    ours = {v: k for k, v in (rename or {}).items()}  # PyTorch name -> Dendrite name
    before = {ours.get(k, k): v for k, v in before.items()}
    params = {ours.get(k, k): v for k, v in params.items()}
    after = {ours.get(k, k): v for k, v in after.items()}
    return {"name": name, "spec": spec, "mode": mode, "state": before, "input": tolist(x),
            "output": tolist(y), "upstream": tolist(up), "input_grad": tolist(grads[0]),
            "param_grads": {k: tolist(g if g is not None else torch.zeros_like(params[k]))
                            for k, g in zip(params, grads[1:])},
            "buffers_after": after}


def fixed(*values):
    """An input generator that ignores the shape: the edge values themselves."""
    return lambda shape: torch.tensor(values, dtype=torch.float64).reshape(shape)


def any_(shape):
    return torch.rand(shape) * 6 - 3


def prob(shape):
    return torch.rand(shape) * 0.9 + 0.05


def c(*v):
    return lambda: torch.tensor(v, dtype=torch.float64)


EDGE = fixed(0.0, 0.0, 1e-3, -1e-3, 2.5, -2.5, 25.0, -25.0)
T8 = c(1, 0, 1, 0, 1, 0, 1, 0)
# name, function, input shapes, input generator, constant makers
OPS = [
    ("relu_at_zero", lambda x: F.relu(x), [(8,)], EDGE, []),
    ("leaky_relu_at_zero", lambda x: F.leaky_relu(x, 0.2), [(8,)], EDGE, []),
    ("elu_at_zero", lambda x: F.elu(x, 0.5), [(8,)], EDGE, []),
    ("gelu_at_zero", lambda x: F.gelu(x), [(8,)], EDGE, []),
    ("silu_at_zero", lambda x: F.silu(x), [(8,)], EDGE, []),
    ("softplus_at_zero", lambda x: F.softplus(x), [(8,)], EDGE, []),
    ("softplus_beta_at_threshold", lambda x: F.softplus(x, beta=2, threshold=5), [(8,)], EDGE, []),
    ("softplus_beta_half", lambda x: F.softplus(x, beta=0.5), [(8,)], EDGE, []),
    ("sigmoid_saturated", lambda x: torch.sigmoid(x), [(8,)], EDGE, []),
    ("log_softmax_large", lambda x: F.log_softmax(x, 0), [(8,)], fixed(0, 0, 1e3, -1e3, 2, 3, 4, 5), []),
    ("bce_logits_at_zero", lambda x, y: F.binary_cross_entropy_with_logits(x, y, reduction="none"), [(8,)], EDGE, [c(1, 0, 0.3, 1, 1, 0, 1, 0)]),
    ("bce_logits_at_zero_mean", lambda x, y: F.binary_cross_entropy_with_logits(x, y), [(8,)], EDGE, [T8]),
    ("bce_logits_pos_weight_at_zero", lambda x, y, w: F.binary_cross_entropy_with_logits(x, y, pos_weight=w, reduction="sum"),
     [(2, 4)], EDGE, [lambda: T8().reshape(2, 4), c(2.0, 0.5, 1.0, 3.0)]),
    ("bce_logits_extreme", lambda x, y: F.binary_cross_entropy_with_logits(x, y, reduction="none"), [(4,)],
     fixed(1e4, -1e4, 1e4, -1e4), [c(0, 1, 1, 0)]),
    ("bce_saturated", lambda p, y: F.binary_cross_entropy(p, y, reduction="none"), [(6,)], fixed(0, 1, 0, 1, 0.5, 1e-3), [c(0, 1, 1, 0, 1, 0)]),
    ("bce_saturated_mean", lambda p, y: F.binary_cross_entropy(p, y), [(6,)], fixed(0, 1, 0, 1, 0.5, 1e-3), [c(0, 1, 0.5, 0, 1, 0)]),
    ("bce_weight_sum", lambda p, y, w: F.binary_cross_entropy(p, y, weight=w, reduction="sum"), [(2, 3)], prob, [lambda: c(1, 0, 1, 0, 0, 1)().reshape(2, 3), c(1.0, 2.0, 0.5)]),
    ("mse_none", lambda x, y: F.mse_loss(x, y, reduction="none"), [(3, 4)], any_, [lambda: torch.randn(3, 4)]),
    ("l1_at_zero", lambda x, y: F.l1_loss(x, y, reduction="none"), [(4,)], fixed(0, 1, -1, 2), [c(0, 1, 0, 1)]),
    ("l1_sum", lambda x, y: F.l1_loss(x, y, reduction="sum"), [(3, 4)], any_, [lambda: torch.randn(3, 4)]),
    ("huber_at_delta", lambda x, y: F.huber_loss(x, y, reduction="none", delta=1.0), [(4,)], fixed(1, -1, 0, 3), [c(0, 0, 0, 0)]),
    ("huber_sum", lambda x, y: F.huber_loss(x, y, reduction="sum", delta=0.7), [(3, 4)], any_, [lambda: torch.randn(3, 4)]),
    ("smooth_l1_none", lambda x, y: F.smooth_l1_loss(x, y, reduction="none", beta=2.0), [(3, 4)], any_, [lambda: torch.randn(3, 4)]),
    ("nll_ignore_index", lambda x, t: F.nll_loss(x, t.long(), ignore_index=2), [(5, 3)], any_, [c(0, 2, 1, 2, 0)]),
    ("nll_ignore_index_weight_sum", lambda x, t, w: F.nll_loss(x, t.long(), weight=w, ignore_index=0, reduction="sum"), [(5, 3)], any_,
     [c(0, 2, 1, 2, 0), c(0.5, 2.0, 1.5)]),
    ("nll_none", lambda x, t: F.nll_loss(x, t.long(), reduction="none"), [(4, 3)], any_, [c(0, 2, 1, 2)]),
    ("nll_spatial", lambda x, t: F.nll_loss(x, t.long()), [(2, 3, 4)], any_, [lambda: torch.randint(0, 3, (2, 4)).double()]),
    ("cross_entropy_spatial_ignore", lambda x, t: F.cross_entropy(x, t.long(), ignore_index=1), [(2, 3, 4)], any_,
     [lambda: torch.tensor([[0, 1, 2, 1], [2, 2, 1, 0]], dtype=torch.float64)]),
    ("cross_entropy_ignore_none", lambda x, t: F.cross_entropy(x, t.long(), ignore_index=3, reduction="none"), [(5, 4)], any_, [c(0, 3, 1, 3, 2)]),
    ("cross_entropy_probs_none", lambda x, p: F.cross_entropy(x, p, reduction="none"), [(3, 4)], any_,
     [lambda: F.softmax(torch.randn(3, 4), 1).double()]),
    ("kl_div_default_mean", lambda x, p: F.kl_div(x, p), [(3, 4)], lambda s: F.log_softmax(torch.randn(s), -1), [lambda: F.softmax(torch.randn(3, 4), 1).double()]),
    ("kl_div_none", lambda x, p: F.kl_div(x, p, reduction="none"), [(3, 4)], lambda s: F.log_softmax(torch.randn(s), -1),
     [lambda: F.softmax(torch.randn(3, 4), 1).double()]),
    ("kl_div_log_target_sum", lambda x, p: F.kl_div(x, p, reduction="sum", log_target=True), [(3, 4)], lambda s: F.log_softmax(torch.randn(s), -1),
     [lambda: F.log_softmax(torch.randn(3, 4), 1).double()]),
]

# name, torch.optim constructor; 10 steps of fixed gradients on two parameters
OPTIMS = [
    ("sgd_wd", lambda p: torch.optim.SGD(p, lr=0.1, weight_decay=0.05)),
    ("sgd_momentum_dampening", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, dampening=0.5)),
    ("sgd_nesterov_wd", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.01)),
    ("adam", lambda p: torch.optim.Adam(p, lr=0.01)),
    ("adam_betas_eps", lambda p: torch.optim.Adam(p, lr=0.003, betas=(0.7, 0.95), eps=1e-6)),
    ("adam_amsgrad_wd", lambda p: torch.optim.Adam(p, lr=0.01, weight_decay=0.1, amsgrad=True)),
    ("adamw", lambda p: torch.optim.AdamW(p, lr=0.01)),
    ("adamw_amsgrad", lambda p: torch.optim.AdamW(p, lr=0.003, weight_decay=0.3, amsgrad=True)),
    ("rmsprop", lambda p: torch.optim.RMSprop(p, lr=0.01)),
    ("rmsprop_alpha_wd", lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, weight_decay=0.1)),
    ("rmsprop_centered", lambda p: torch.optim.RMSprop(p, lr=0.01, centered=True)),
    ("rmsprop_centered_momentum", lambda p: torch.optim.RMSprop(p, lr=0.003, momentum=0.9, centered=True)),
    ("adagrad", lambda p: torch.optim.Adagrad(p, lr=0.1)),
    ("adagrad_lr_decay_wd", lambda p: torch.optim.Adagrad(p, lr=0.1, lr_decay=0.05, weight_decay=0.1, eps=1e-6)),
]
STEPS = 10


def optim_cases():
    p0 = [torch.randn(3, 4), torch.randn(5)]
    grads = [[torch.randn(3, 4) * 0.3, torch.randn(5) * 3] for _ in range(STEPS)]
    cases = []
    for name, make in OPTIMS:
        ps = [p.clone().requires_grad_() for p in p0]
        opt = make(ps)
        traj = []
        for s in range(STEPS):
            for p, g in zip(ps, grads[s]):
                p.grad = g.clone()
            opt.step()
            traj.append([tolist(p) for p in ps])
        state = {f"{i}.{k}": tolist(v) for i, p in enumerate(ps) for k, v in opt.state[p].items()
                 if torch.is_tensor(v) and k != "step"}
        cases.append({"name": name, "trajectory": traj, "state": state})
    return {"p0": [tolist(p) for p in p0], "grads": [[tolist(g) for g in gs] for gs in grads], "cases": cases}


def main():
    gen = "core/src/test/python/gen_conformance_golden.py"
    layers = [layer_case(*row) for row in LAYERS]
    with open(os.path.join(DIR, "conformance_layers.json"), "w") as f:
        json.dump({"generator": gen, "torch": torch.__version__, "cases": layers}, f)
    print(f"wrote {len(layers)} layer cases")
    torch.manual_seed(1713)
    run_cases(OPS, os.path.join(DIR, "conformance_ops.json"), gen)
    torch.manual_seed(1714)
    with open(os.path.join(DIR, "conformance_optim.json"), "w") as f:
        json.dump({"generator": gen, "torch": torch.__version__, **optim_cases()}, f)
    print(f"wrote {len(OPTIMS)} optimizer cases")


if __name__ == "__main__":
    main()
