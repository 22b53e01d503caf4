"""ONNX backend node tests through accel-import-onnx and accel-run.

This file runs ONNX's own node tests (Debian's libonnx-testdata,
/usr/share/libonnx-testdata/data/node, or ONNX_NODE_TEST_DIR) for every op
the importer supports: each case's model.onnx is imported, run with
accel-run on the cpu target with test_data_set_0's inputs, and compared with
its expected outputs (exact for integers, ONNX's rtol 1e-3 / atol 1e-7 for
floats).  Every case also runs on the int8-16x16 accelerator preset with the
cost model off, where placement moves every op the preset runs and the
accelerator path compiles (the quantized matmuls and convolutions, relu,
clamp) to the accelerator, and the kernels run on the simulator.  A case is selected when its name starts with a supported op's test
prefix and every node of its model is an op the importer claims (so
Softmax's `_expanded` variants, which test ReduceMax/Exp/..., are not ours).

Cases known to fail are listed in KNOWN_FAILURES with the reason; they are
strict xfails, so a fix that makes one pass fails the suite until the entry
is removed.  `pytest -rxX` prints the reasons.
"""

import glob
import os

import numpy as np
import onnx
import pytest
from onnx import numpy_helper

import harness

DATA = os.environ.get("ONNX_NODE_TEST_DIR",
                      "/usr/share/libonnx-testdata/data/node")

# Op type -> test-name prefixes (lower case, after "test_").
OPS = {
    "Gemm": ["gemm"], "MatMul": ["matmul_"], "Conv": ["conv_", "basic_conv_"],
    "Relu": ["relu"], "Clip": ["clip"], "Add": ["add"], "Sub": ["sub"],
    "Mul": ["mul"], "MaxPool": ["maxpool"], "AveragePool": ["averagepool"],
    "GlobalAveragePool": ["globalaveragepool"], "Flatten": ["flatten"],
    "Reshape": ["reshape"], "Transpose": ["transpose"],
    "Softmax": ["softmax"], "BatchNormalization": ["batchnorm"],
    "Concat": ["concat"], "Sigmoid": ["sigmoid"], "Identity": ["identity"],
    "Constant": ["constant"], "QuantizeLinear": ["quantizelinear"],
    "DequantizeLinear": ["dequantizelinear"],
    "QLinearMatMul": ["qlinearmatmul"], "QLinearConv": ["qlinearconv"],
    "MatMulInteger": ["matmulinteger"], "ConvInteger": ["convinteger"],
}

# Case -> why it fails.  Keep docs/OnnxImporter.md in step.
KNOWN_FAILURES = {
    "test_averagepool_3d_default":
        "3-D pooling: accel.avg_pool2d is 2-D only (the importer takes 1-D "
        "and 2-D)",
    "test_maxpool_3d_default":
        "3-D pooling: accel.max_pool2d is 2-D only (the importer takes 1-D "
        "and 2-D)",
    "test_maxpool_2d_dilations":
        "dilated max pooling: accel.max_pool2d has no dilations",
    "test_maxpool_with_argmax_2d_precomputed_pads":
        "MaxPool's second output (Indices) is not supported",
    "test_maxpool_with_argmax_2d_precomputed_strides":
        "MaxPool's second output (Indices) is not supported",
    "test_batchnorm_epsilon_training_mode":
        "BatchNormalization in training mode (running-stat outputs) is not "
        "supported",
    "test_batchnorm_example_training_mode":
        "BatchNormalization in training mode (running-stat outputs) is not "
        "supported",
    "test_reshape_allowzero_reordered":
        "zero-size tensors (a 0 dimension): TOSA and accel reject empty "
        "tensors, so the importer does too",
}


def _collect():
    cases = []
    prefixes = tuple("test_" + p for ps in OPS.values() for p in ps)
    for path in sorted(glob.glob(os.path.join(DATA, "test_*"))):
        name = os.path.basename(path)
        if not name.startswith(prefixes):
            continue
        model_path = os.path.join(path, "model.onnx")
        if not os.path.exists(model_path):
            continue
        model = onnx.load(model_path)
        tensors_only = all(v.type.HasField("tensor_type")
                           for v in list(model.graph.input) +
                           list(model.graph.output))
        if tensors_only and all(n.op_type in OPS and
                                n.domain in ("", "ai.onnx")
                                for n in model.graph.node):
            cases.append(name)
    return cases


CASES = _collect() if os.path.isdir(DATA) else []


def _read_tensors(directory, kind):
    arrays = []
    for i in range(len(glob.glob(os.path.join(directory, kind + "_*.pb")))):
        tensor = onnx.TensorProto()
        with open(os.path.join(directory, "%s_%d.pb" % (kind, i)), "rb") as f:
            tensor.ParseFromString(f.read())
        arrays.append(numpy_helper.to_array(tensor))
    return arrays


# Inputs the importer needs as constants (static shapes, clamp bounds): the
# runner turns them into initializers holding the test's data.
CONSTANT_INPUTS = {
    "Reshape": [1], "Clip": [1, 2],
    "QuantizeLinear": [1, 2], "DequantizeLinear": [1, 2],
    "QLinearMatMul": [1, 2, 4, 5, 6, 7], "QLinearConv": [1, 2, 4, 5, 6, 7],
    "MatMulInteger": [2, 3], "ConvInteger": [2, 3],
}


def _freeze(model, inputs):
    """Moves graph inputs that feed constant-only slots into initializers;
    returns the remaining runtime inputs."""
    frozen = set()
    for node in model.graph.node:
        for i in CONSTANT_INPUTS.get(node.op_type, []):
            if i < len(node.input) and node.input[i]:
                frozen.add(node.input[i])
    runtime = []
    kept = []
    for value_info, array in zip(model.graph.input, inputs):
        if value_info.name in frozen:
            model.graph.initializer.append(
                numpy_helper.from_array(array, value_info.name))
        else:
            kept.append(value_info)
            runtime.append(array)
    del model.graph.input[:]
    model.graph.input.extend(kept)
    return runtime


def run_case(name, target="cpu"):
    path = os.path.join(DATA, name)
    data = os.path.join(path, "test_data_set_0")
    inputs = _read_tensors(data, "input")
    expected = _read_tensors(data, "output")
    model = onnx.load(os.path.join(path, "model.onnx"))
    inputs = _freeze(model, inputs)
    mlir = harness.import_model(model)
    return harness.accel_run(mlir, inputs, len(expected), target), expected


TARGETS = ["cpu", "int8-16x16"]


@pytest.fixture(scope="module")
def results():
    return harness.run_all([((c, t), lambda c=c, t=t: run_case(c, t))
                            for c in CASES for t in TARGETS])


def _param(case, target):
    if case in KNOWN_FAILURES:
        return pytest.param(case, target, marks=pytest.mark.xfail(
            reason=KNOWN_FAILURES[case], strict=True))
    return pytest.param(case, target)


@pytest.mark.skipif(not CASES, reason="no ONNX node tests in " + DATA)
@pytest.mark.parametrize("case,target",
                         [_param(c, t) for c in CASES for t in TARGETS])
def test_node(case, target, results):
    outcome = results[(case, target)]
    if isinstance(outcome, Exception):
        raise outcome
    actual, expected = outcome
    assert len(actual) == len(expected)
    for a, e in zip(actual, expected):
        harness.assert_close(a, e)


def test_known_failures_are_cases():
    """Every KNOWN_FAILURES entry names a selected case."""
    assert not set(KNOWN_FAILURES) - set(CASES)
