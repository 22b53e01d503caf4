"""pytest tests of the `accel` package: ctypes over libAccelCompilerC.so.

Run by test/python/accel-package.test with ACCEL_LIBRARY_PATH pointing at the
build's lib directory and PYTHONPATH at python/.
"""
import os
import subprocess
import sys

import numpy as np
import pytest

import accel

DENSE = """
func.func @dense(%x: tensor<3x4xf32>, %w: tensor<4x5xf32>,
                 %bias: tensor<5xf32>) -> tensor<3x5xf32> {
  %0 = accel.matmul %x, %w bias(%bias : tensor<5xf32>) acc(f32)
      : tensor<3x4xf32>, tensor<4x5xf32> -> tensor<3x5xf32>
  %1 = accel.relu %0 : tensor<3x5xf32>
  return %1 : tensor<3x5xf32>
}
"""

INT8_MM = """
func.func @mm(%a: tensor<64x64xi8>, %b: tensor<64x64xi8>)
    -> (tensor<64x64xi32>, tensor<64x64xi8>) {
  %0 = accel.matmul %a, %b acc(i32)
      : tensor<64x64xi8>, tensor<64x64xi8> -> tensor<64x64xi32>
  return %0, %a : tensor<64x64xi32>, tensor<64x64xi8>
}
"""

BF16_ADD = """
func.func @add(%a: tensor<4xbf16>, %b: tensor<4xbf16>) -> tensor<4xbf16> {
  %0 = accel.add %a, %b : tensor<4xbf16>, tensor<4xbf16> -> tensor<4xbf16>
  return %0 : tensor<4xbf16>
}
"""

I4_ID = """
func.func @id(%x: tensor<4xi4>) -> tensor<4xi4> {
  return %x : tensor<4xi4>
}
"""

REPO = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..",
                                     ".."))


def dense_reference(x, w, bias):
    return np.maximum(x @ w + bias, 0)


@pytest.fixture(scope="module")
def dense():
    return accel.compile(DENSE)


def dense_inputs(seed=0):
    rng = np.random.default_rng(seed)
    return (rng.standard_normal((3, 4)).astype(np.float32),
            rng.standard_normal((4, 5)).astype(np.float32),
            rng.standard_normal(5).astype(np.float32))


def test_signature(dense):
    assert dense.entry == "dense"
    assert [s.name for s in dense.inputs] == ["x", "w", "bias"]
    assert [s.shape for s in dense.inputs] == [(3, 4), (4, 5), (5,)]
    assert all(s.dtype == np.float32 for s in dense.inputs)
    assert dense.inputs[1].nbytes == 80
    assert dense.outputs[0].name == "result0"
    assert dense.outputs[0].mlir_type == "tensor<3x5xf32>"


def test_run_list(dense):
    x, w, bias = dense_inputs()
    (y,) = dense.run([x, w, bias])
    assert y.dtype == np.float32 and y.shape == (3, 5)
    np.testing.assert_allclose(y, dense_reference(x, w, bias), rtol=1e-5,
                               atol=1e-6)


def test_run_dict_by_name_and_index(dense):
    x, w, bias = dense_inputs(1)
    out = dense.run({"x": x, 1: w, "bias": bias})
    assert list(out) == ["result0"]
    np.testing.assert_allclose(out["result0"], dense_reference(x, w, bias),
                               rtol=1e-5, atol=1e-6)


def test_lists_convert_to_the_argument_dtype(dense):
    x, w, bias = dense_inputs(2)
    (y,) = dense.run([x.tolist(), w, bias.tolist()])
    np.testing.assert_allclose(y, dense_reference(x, w, bias), rtol=1e-5,
                               atol=1e-6)


def test_report(dense):
    dense.run(dense_inputs())
    report = dense.report
    assert report["target"] == "cpu"
    assert report["entry"] == "dense"
    assert report["placement"] == {"accelerator": 0, "host": 2}
    assert report["compileSeconds"] > 0
    assert report["lastRunSeconds"] >= 0
    assert report["runs"] >= 1
    assert report["notice"] is None
    assert [i["name"] for i in report["inputs"]] == ["x", "w", "bias"]


def test_accelerator_target_int8():
    module = accel.compile(INT8_MM, target="int8-16x16")
    assert module.report["lastRunSeconds"] is None
    rng = np.random.default_rng(3)
    a = rng.integers(-128, 128, (64, 64), dtype=np.int8)
    b = rng.integers(-128, 128, (64, 64), dtype=np.int8)
    c, a_out = module.run([a, b])
    np.testing.assert_array_equal(c, a.astype(np.int32) @ b.astype(np.int32))
    np.testing.assert_array_equal(a_out, a)
    report = module.report
    assert report["target"] == "int8-16x16"
    assert report["placement"]["accelerator"] == 1
    assert report["executedOn"] == "cpu and accelerator simulator"
    [launch] = report["kernels"]
    assert launch["kernel"].endswith("_kernel0")
    assert launch["report"]["macs"] == 64 * 64 * 64
    assert launch["report"]["total_cycles"] > 0


def test_target_json_path():
    path = os.path.join(REPO, "targets", "int8-16x16.json")
    module = accel.compile(INT8_MM, target=path)
    assert module.report["target"] == "int8-16x16"


def test_bf16_exchanged_as_float32():
    module = accel.compile(BF16_ADD, target="bf16-128x128")
    assert module.inputs[0].dtype == np.float32
    assert module.inputs[0].mlir_type == "tensor<4xbf16>"
    # 1 + 2^-8 is a tie between two bf16 values: rounds to even (1.0).
    a = np.array([1.0, 1.0 + 2.0 ** -8, 3.0, 1.0 / 3.0], np.float32)
    (y,) = module.run([a, np.zeros(4, np.float32)])
    np.testing.assert_array_equal(
        y, np.array([1.0, 1.0, 3.0, 0.333984375], np.float32))


def test_i4_exchanged_as_int8():
    module = accel.compile(I4_ID)
    assert module.inputs[0].dtype == np.int8
    x = np.array([-8, -1, 0, 7], np.int8)
    (y,) = module.run([x])
    np.testing.assert_array_equal(y, x)
    with pytest.raises(ValueError, match=r"argument|input #0 \(x\).*"
                       r"outside the i4 range"):
        module.run([np.array([0, 8, 0, 0], np.int8)])


def test_compile_file():
    module = accel.compile_file(os.path.join(REPO, "examples", "mlp.mlir"),
                                target="int8-16x16")
    assert module.entry == "mlp"
    assert len(module.inputs) == 5
    x = np.zeros((4, 64), np.float32)
    args = [x] + [np.zeros(s.shape, s.dtype) for s in module.inputs[1:]]
    (y,) = module.run(args)
    assert y.shape == (4, 10)
    # The batch of 4 is too small for the cost model to pay the host link.
    placement = module.report["placement"]
    assert placement["accelerator"] + placement["host"] >= 3


@pytest.mark.parametrize("bad, pattern", [
    ([np.zeros((3, 4), np.float32)],
     r"@dense takes 3 argument\(s\) \(x, w, bias\), but 1 were given"),
    ([np.zeros((3, 4), np.float32), np.zeros((5, 4), np.float32),
      np.zeros(5, np.float32)],
     r"argument #1 \(w\) of @dense: expected shape \(4, 5\)"),
    ([np.zeros((3, 4), np.float64), np.zeros((4, 5), np.float32),
      np.zeros(5, np.float32)],
     r"argument #0 \(x\) of @dense: expected dtype float32 .*found float64"),
    ({"x": np.zeros((3, 4), np.float32), "y": 0},
     r"@dense has no argument named 'y' \(arguments: x, w, bias\)"),
    ({"x": np.zeros((3, 4), np.float32)},
     r"@dense: missing argument\(s\) w, bias"),
    ({0: np.zeros((3, 4), np.float32), "x": np.zeros((3, 4), np.float32)},
     r"argument #0 \(x\) of @dense is given twice"),
])
def test_bad_inputs(dense, bad, pattern):
    with pytest.raises(ValueError, match=pattern):
        dense.run(bad)


def test_syntax_error_carries_line_and_column():
    source = DENSE.replace("tensor<5xf32>) -> tensor<3x5xf32> {",
                           "tensor<5xf32>) -> tensor<3x5xf32 {")
    with pytest.raises(accel.CompileError) as info:
        accel.compile(source, name="dense.mlir")
    assert info.value.messages[0].startswith("dense.mlir:3:")
    assert "error:" in info.value.messages[0]


def test_verifier_error():
    with pytest.raises(accel.CompileError,
                       match=r"<source>:3:3: error: type of return operand"):
        accel.compile("""
func.func @f(%x: tensor<4xf32>) -> tensor<5xf32> {
  return %x : tensor<4xf32>
}""")


def test_unknown_target():
    with pytest.raises(accel.CompileError,
                       match=r"unknown target 'no-such-target'"):
        accel.compile(DENSE, target="no-such-target")


def test_wrong_entry():
    with pytest.raises(accel.CompileError,
                       match=r"no function @nope in the module "
                       r"\(functions: @dense\)"):
        accel.compile(DENSE, entry="nope")


def test_closed_module():
    module = accel.compile(I4_ID)
    module.close()
    with pytest.raises(ValueError, match="closed"):
        module.run([np.zeros(4, np.int8)])


def test_import_without_library(tmp_path):
    """`accel` and `accel.onnx_importer` import without the library; only
    compiling needs it."""
    env = dict(os.environ, ACCEL_LIBRARY_PATH=str(tmp_path / "missing"))
    code = ("import accel, accel.onnx_importer\n"
            "try:\n"
            "    accel.compile('')\n"
            "except accel.LibraryNotFoundError as e:\n"
            "    print('not found:', e)\n")
    out = subprocess.run([sys.executable, "-c", code], env=env,
                         capture_output=True, text=True, check=True).stdout
    assert out.startswith("not found: cannot load libAccelCompilerC.so")


def test_library_path():
    assert os.path.basename(accel.library_path()).startswith(
        "libAccelCompilerC.so")
