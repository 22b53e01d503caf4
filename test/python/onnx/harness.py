"""Shared helpers of the ONNX importer tests: import, run, compare.

This file implements what test_importer.py and
test_onnx_node_conformance.py share: finding the source tree's python/
package and the built tools (ACCEL_BIN_DIR, default /work/main/build/bin),
importing an ONNX model, and running the result with accel-run on .npy
inputs (several runs in parallel with `run_all`).
"""

import concurrent.futures
import os
import resource
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SRC_ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
PYTHON_DIR = os.path.join(SRC_ROOT, "python")
if PYTHON_DIR not in sys.path:
    sys.path.insert(0, PYTHON_DIR)

BIN_DIR = os.environ.get("ACCEL_BIN_DIR", "/work/main/build/bin")
ACCEL_RUN = os.path.join(BIN_DIR, "accel-run")
ACCEL_OPT = os.path.join(BIN_DIR, "accel-opt")
IMPORT_TOOL = os.path.join(SRC_ROOT, "tools", "accel-import-onnx",
                           "accel-import-onnx")
JOBS = max(1, min(4, os.cpu_count() or 1))

from accel.onnx_importer import OnnxImportError, import_model  # noqa: E402


class RunError(Exception):
    """accel-run failed; the message carries its stderr."""


def _limits():
    limit = 8 << 30
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def run_tool(argv, timeout=120):
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=timeout,
                          preexec_fn=_limits)


def accel_run(mlir, inputs, num_outputs, target="cpu", workdir=None):
    """Runs MLIR text on `inputs` (numpy arrays) and returns the results."""
    own = workdir is None
    tmp = tempfile.TemporaryDirectory(prefix="onnx-") if own else None
    workdir = tmp.name if own else workdir
    try:
        os.makedirs(workdir, exist_ok=True)
        path = os.path.join(workdir, "model.mlir")
        with open(path, "w") as f:
            f.write(mlir)
        argv = [ACCEL_RUN, path, "--target=" + target,
                "--output-dir=" + os.path.join(workdir, "out")]
        if target != "cpu":
            # Every op the preset can run goes there, so the conformance
            # cases exercise the accelerator path and the simulator.
            argv.append("--no-cost-model")
        for i, array in enumerate(inputs):
            name = os.path.join(workdir, "arg%d.npy" % i)
            np.save(name, np.asarray(array))
            argv.append("--input=" + name)
        proc = run_tool(argv)
        if proc.returncode != 0:
            raise RunError(proc.stderr.strip() or "exit %d" % proc.returncode)
        return [np.load(os.path.join(workdir, "out", "result%d.npy" % i))
                for i in range(num_outputs)]
    finally:
        if tmp is not None:
            tmp.cleanup()


def import_and_run(model, inputs, target="cpu"):
    """ONNX ModelProto -> MLIR -> accel-run -> outputs."""
    mlir = import_model(model)
    return accel_run(mlir, inputs, len(model.graph.output), target)


def run_all(jobs):
    """Runs `fn()` for every (key, fn) in parallel; returns {key: result or
    exception}."""
    results = {}
    with concurrent.futures.ThreadPoolExecutor(JOBS) as pool:
        futures = {pool.submit(fn): key for key, fn in jobs}
        for future in concurrent.futures.as_completed(futures):
            key = futures[future]
            try:
                results[key] = future.result()
            except Exception as e:  # reported by the test of that key
                results[key] = e
    return results


def assert_close(actual, expected, rtol=1e-3, atol=1e-7):
    """Exact for integers and booleans, allclose for floats."""
    expected = np.asarray(expected)
    assert actual.shape == expected.shape, (actual.shape, expected.shape)
    assert actual.dtype == expected.dtype, (actual.dtype, expected.dtype)
    if np.issubdtype(expected.dtype, np.floating):
        np.testing.assert_allclose(actual, expected, rtol=rtol, atol=atol)
    else:
        np.testing.assert_array_equal(actual, expected)
