#!/usr/bin/env python3
"""Builds the small CNN of docs/Tutorial.md as an ONNX model.

  make_small_cnn.py OUT_DIR

writes OUT_DIR/model.onnx, OUT_DIR/input.npy (1x3x16x16 float32) and
OUT_DIR/reference.npy (1x10 float32), the model's output on that input
computed here with plain numpy (NCHW), independently of accel and of any
ONNX runtime.  Weights and input come from a fixed numpy seed, so every run
writes the same files.

  Conv 3x3, 3->8, pad 1 -> Relu -> MaxPool 2x2 -> Conv 3x3, 8->16, pad 1
  -> Relu -> GlobalAveragePool -> Flatten -> Gemm 16->10
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def make_weights(rng):
    def he(shape, fan_in):
        return (rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)).astype(
            np.float32)
    return {
        "conv1_w": he((8, 3, 3, 3), 3 * 9),
        "conv1_b": (0.1 * rng.standard_normal(8)).astype(np.float32),
        "conv2_w": he((16, 8, 3, 3), 8 * 9),
        "conv2_b": (0.1 * rng.standard_normal(16)).astype(np.float32),
        "fc_w": he((10, 16), 16),  # Gemm with transB=1: [N, K]
        "fc_b": (0.1 * rng.standard_normal(10)).astype(np.float32),
    }


def make_model(w):
    nodes = [
        helper.make_node("Conv", ["input", "conv1_w", "conv1_b"], ["c1"],
                         name="conv1", kernel_shape=[3, 3],
                         pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c1"], ["r1"], name="relu1"),
        helper.make_node("MaxPool", ["r1"], ["p1"], name="pool1",
                         kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Conv", ["p1", "conv2_w", "conv2_b"], ["c2"],
                         name="conv2", kernel_shape=[3, 3],
                         pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c2"], ["r2"], name="relu2"),
        helper.make_node("GlobalAveragePool", ["r2"], ["g"], name="gap"),
        helper.make_node("Flatten", ["g"], ["f"], name="flatten", axis=1),
        helper.make_node("Gemm", ["f", "fc_w", "fc_b"], ["output"],
                         name="fc", transB=1),
    ]
    graph = helper.make_graph(
        nodes, "small_cnn",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT,
                                       [1, 3, 16, 16])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT,
                                       [1, 10])],
        initializer=[numpy_helper.from_array(v, k) for k, v in w.items()])
    model = helper.make_model(graph, producer_name="make_small_cnn",
                              opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


# The numpy reference, NCHW throughout, in float64.
def conv2d(x, w, b, pad):
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    oh, ow = h + 2 * pad - kh + 1, wd + 2 * pad - kw + 1
    y = np.zeros((n, f, oh, ow))
    for i in range(kh):
        for j in range(kw):
            patch = xp[:, :, i:i + oh, j:j + ow]          # n c oh ow
            y += np.einsum("nchw,fc->nfhw", patch, w[:, :, i, j])
    return y + b.reshape(1, f, 1, 1)


def maxpool2x2(x):
    n, c, h, w = x.shape
    return x.reshape(n, c, h // 2, 2, w // 2, 2).max(axis=(3, 5))


def reference(x, w):
    x = x.astype(np.float64)
    p = {k: v.astype(np.float64) for k, v in w.items()}
    y = np.maximum(conv2d(x, p["conv1_w"], p["conv1_b"], 1), 0)
    y = maxpool2x2(y)
    y = np.maximum(conv2d(y, p["conv2_w"], p["conv2_b"], 1), 0)
    y = y.mean(axis=(2, 3))                                # GAP + Flatten
    y = y @ p["fc_w"].T + p["fc_b"]                        # Gemm, transB=1
    return y.astype(np.float32)


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: make_small_cnn.py OUT_DIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(2024)
    w = make_weights(rng)
    x = rng.standard_normal((1, 3, 16, 16)).astype(np.float32)
    onnx.save(make_model(w), os.path.join(out, "model.onnx"))
    np.save(os.path.join(out, "input.npy"), x)
    np.save(os.path.join(out, "reference.npy"), reference(x, w))
    print("wrote %s/{model.onnx,input.npy,reference.npy}" % out)


if __name__ == "__main__":
    main()
