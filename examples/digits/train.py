#!/usr/bin/env python3
"""Trains a small MLP and a small CNN on sklearn's digits and exports both
to MLIR in the accel dialect.

  /usr/bin/python3 examples/digits/train.py --out DIR [--epochs-scale 1.0]
                                            [--bin BUILD/bin]

Data: sklearn.datasets.load_digits() (1797 8x8 images, values 0..16) scaled
to [0, 1], split with train_test_split(test_size=360, random_state=0,
stratify=y) into 1437 training and 360 test samples.

  MLP (flattened 64):  fc1 64->64, relu1, fc2 64->32, relu2, fc3 32->10
  CNN (NHWC 8x8x1):    conv1 3x3 1->16 pad 1, relu1 (8x8x16),
                       conv2 3x3 16->32 stride 2 pad 1, relu2 (4x4x32),
                       conv3 4x4 32->10 no padding (1x1x10 logits)

Both are trained in plain numpy (float64, softmax cross-entropy + small L2,
Adam, cosine learning-rate decay; the convolutions use im2col) and exported
as float32.  Everything comes from numpy's default_rng(0) with a single BLAS
thread, so every run writes byte-identical files.

Writes to DIR:
  mlp.mlir, cnn.mlir        func.func @main, static batch 360, weights as
                            arith.constant, a loc("name") on every layer
  test_x.npy                float32 [360, 64]        (MLP input)
  test_x_nhwc.npy           float32 [360, 8, 8, 1]   (CNN input)
  test_y.npy                int64   [360]
  calib/mlp/batch{0,1}.npy  float32 [360, 64]        two disjoint batches of
  calib/cnn/batch{0,1}.npy  float32 [360, 8, 8, 1]   training samples (the
                                                     same samples in both)
  reference_mlp.npy, reference_cnn.npy
                            float32 numpy logits of the exported float32
                            weights on the test set ([360, 10])

With --bin, also runs BUILD/bin/accel-run --target=cpu on both models and
checks its logits against the numpy forward pass.
"""
import os

os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["OMP_NUM_THREADS"] = "1"
os.environ["MKL_NUM_THREADS"] = "1"

import argparse  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
from sklearn.datasets import load_digits  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402

BATCH = 360  # static batch of the exported models (= the test split size)
SEED = 0

# Training hyper-parameters (epochs are multiplied by --epochs-scale).
MLP_EPOCHS, MLP_LR, MLP_BS, MLP_L2 = 60, 2e-3, 32, 1e-4
CNN_EPOCHS, CNN_LR, CNN_BS, CNN_L2 = 30, 2e-3, 32, 1e-4
FLUSH = 1e-12  # |weight| below this is exported as 0.0


# --------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------

def load_data():
    d = load_digits()
    x = (d.data / 16.0).astype(np.float64)
    y = d.target.astype(np.int64)
    x_tr, x_te, y_tr, y_te = train_test_split(
        x, y, test_size=BATCH, random_state=0, stratify=y)
    return x_tr, x_te, y_tr, y_te


def nhwc(x):
    # load_digits' 64 features are the 8x8 image in row-major order.
    return x.reshape(-1, 8, 8, 1)


# --------------------------------------------------------------------------
# Layers (numpy, forward + backward)
# --------------------------------------------------------------------------

def im2col(x, kh, kw, stride, pad):
    """x [N,H,W,C] -> cols [N*OH*OW, KH*KW*C] (column order kh, kw, c, which
    matches an HWCF filter reshaped to [KH*KW*C, F])."""
    n, h, w, c = x.shape
    xp = np.pad(x, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
    oh = (h + 2 * pad - kh) // stride + 1
    ow = (w + 2 * pad - kw) // stride + 1
    cols = np.empty((n, oh, ow, kh, kw, c), dtype=x.dtype)
    for i in range(kh):
        for j in range(kw):
            cols[:, :, :, i, j, :] = xp[:, i:i + stride * oh:stride,
                                        j:j + stride * ow:stride, :]
    return cols.reshape(n * oh * ow, kh * kw * c), (oh, ow)


def col2im(dcols, xshape, kh, kw, stride, pad, oh, ow):
    n, h, w, c = xshape
    dcols = dcols.reshape(n, oh, ow, kh, kw, c)
    dxp = np.zeros((n, h + 2 * pad, w + 2 * pad, c), dtype=dcols.dtype)
    for i in range(kh):
        for j in range(kw):
            dxp[:, i:i + stride * oh:stride,
                j:j + stride * ow:stride, :] += dcols[:, :, :, i, j, :]
    return dxp[:, pad:pad + h, pad:pad + w, :]


def conv_fwd(x, w, b, stride, pad):
    kh, kw, c, f = w.shape
    cols, (oh, ow) = im2col(x, kh, kw, stride, pad)
    y = cols @ w.reshape(kh * kw * c, f) + b
    return y.reshape(x.shape[0], oh, ow, f), (cols, x.shape, oh, ow)


def conv_bwd(dy, w, cache, stride, pad, need_dx=True):
    cols, xshape, oh, ow = cache
    kh, kw, c, f = w.shape
    dy2 = dy.reshape(-1, f)
    dw = (cols.T @ dy2).reshape(w.shape)
    db = dy2.sum(axis=0)
    dx = None
    if need_dx:
        dcols = dy2 @ w.reshape(kh * kw * c, f).T
        dx = col2im(dcols, xshape, kh, kw, stride, pad, oh, ow)
    return dx, dw, db


def softmax_xent(logits, y):
    z = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    n = logits.shape[0]
    loss = -np.log(p[np.arange(n), y] + 1e-12).mean()
    dlogits = p
    dlogits[np.arange(n), y] -= 1.0
    return loss, dlogits / n


# --------------------------------------------------------------------------
# Models.  Parameters are dicts name -> array; weight names end in "_w".
# --------------------------------------------------------------------------

def he(rng, shape, fan_in):
    return rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)


def mlp_init(rng):
    return {
        "fc1_w": he(rng, (64, 64), 64), "fc1_b": np.zeros(64),
        "fc2_w": he(rng, (64, 32), 64), "fc2_b": np.zeros(32),
        "fc3_w": he(rng, (32, 10), 32), "fc3_b": np.zeros(10),
    }


def mlp_forward(p, x):
    h1 = np.maximum(x @ p["fc1_w"] + p["fc1_b"], 0)
    h2 = np.maximum(h1 @ p["fc2_w"] + p["fc2_b"], 0)
    return h2 @ p["fc3_w"] + p["fc3_b"]


def mlp_loss_grad(p, x, y):
    a1 = x @ p["fc1_w"] + p["fc1_b"]
    h1 = np.maximum(a1, 0)
    a2 = h1 @ p["fc2_w"] + p["fc2_b"]
    h2 = np.maximum(a2, 0)
    logits = h2 @ p["fc3_w"] + p["fc3_b"]
    loss, d = softmax_xent(logits, y)
    g = {"fc3_w": h2.T @ d, "fc3_b": d.sum(0)}
    d = (d @ p["fc3_w"].T) * (a2 > 0)
    g["fc2_w"], g["fc2_b"] = h1.T @ d, d.sum(0)
    d = (d @ p["fc2_w"].T) * (a1 > 0)
    g["fc1_w"], g["fc1_b"] = x.T @ d, d.sum(0)
    return loss, g


def cnn_init(rng):
    return {
        "conv1_w": he(rng, (3, 3, 1, 16), 9), "conv1_b": np.zeros(16),
        "conv2_w": he(rng, (3, 3, 16, 32), 144), "conv2_b": np.zeros(32),
        "conv3_w": he(rng, (4, 4, 32, 10), 512), "conv3_b": np.zeros(10),
    }


def cnn_forward(p, x):
    """x [N,8,8,1] -> logits [N,10]."""
    a1, _ = conv_fwd(x, p["conv1_w"], p["conv1_b"], 1, 1)
    a2, _ = conv_fwd(np.maximum(a1, 0), p["conv2_w"], p["conv2_b"], 2, 1)
    a3, _ = conv_fwd(np.maximum(a2, 0), p["conv3_w"], p["conv3_b"], 1, 0)
    return a3.reshape(x.shape[0], 10)


def cnn_loss_grad(p, x, y):
    a1, c1 = conv_fwd(x, p["conv1_w"], p["conv1_b"], 1, 1)
    h1 = np.maximum(a1, 0)
    a2, c2 = conv_fwd(h1, p["conv2_w"], p["conv2_b"], 2, 1)
    h2 = np.maximum(a2, 0)
    a3, c3 = conv_fwd(h2, p["conv3_w"], p["conv3_b"], 1, 0)
    loss, d = softmax_xent(a3.reshape(x.shape[0], 10), y)
    g = {}
    d, g["conv3_w"], g["conv3_b"] = conv_bwd(
        d.reshape(a3.shape), p["conv3_w"], c3, 1, 0)
    d, g["conv2_w"], g["conv2_b"] = conv_bwd(
        d * (a2 > 0), p["conv2_w"], c2, 2, 1)
    _, g["conv1_w"], g["conv1_b"] = conv_bwd(
        d * (a1 > 0), p["conv1_w"], c1, 1, 1, need_dx=False)
    return loss, g


# --------------------------------------------------------------------------
# Training
# --------------------------------------------------------------------------

def train(name, params, loss_grad, x, y, rng, epochs, lr, bs, l2):
    """Adam (b1 0.9, b2 0.999) with cosine decay from lr to lr/20, L2 on the
    weights (not the biases)."""
    m = {k: np.zeros_like(v) for k, v in params.items()}
    v = {k: np.zeros_like(v) for k, v in params.items()}
    n = x.shape[0]
    steps_per_epoch = (n + bs - 1) // bs
    total = epochs * steps_per_epoch
    t = 0
    for ep in range(epochs):
        perm = rng.permutation(n)
        tot_loss = 0.0
        for s in range(steps_per_epoch):
            idx = perm[s * bs:(s + 1) * bs]
            loss, g = loss_grad(params, x[idx], y[idx])
            tot_loss += loss * len(idx)
            t += 1
            cur_lr = lr * (0.05 + 0.95 * 0.5 * (1 + np.cos(np.pi * (t - 1) / total)))
            for k in params:
                gk = g[k]
                if k.endswith("_w"):
                    gk = gk + l2 * params[k]
                m[k] = 0.9 * m[k] + 0.1 * gk
                v[k] = 0.999 * v[k] + 0.001 * gk * gk
                mh = m[k] / (1 - 0.9 ** t)
                vh = v[k] / (1 - 0.999 ** t)
                params[k] = params[k] - cur_lr * mh / (np.sqrt(vh) + 1e-8)
        if ep == 0 or (ep + 1) % 10 == 0 or ep == epochs - 1:
            print(f"  {name} epoch {ep + 1:3d}/{epochs}: "
                  f"loss {tot_loss / n:.4f}")
    return params


def accuracy(logits, y):
    return 100.0 * float(np.mean(np.argmax(logits, axis=1) == y))


# --------------------------------------------------------------------------
# MLIR export
# --------------------------------------------------------------------------

def fmt_float(v):
    """A float32 as an MLIR float literal that round-trips exactly.  MLIR's
    lexer needs a '.' in a decimal float literal ("1e-05" is an integer
    followed by an identifier), so one is added when %.9g leaves it out."""
    v = np.float32(v)
    if not np.isfinite(v):
        raise ValueError(f"non-finite weight {v}")
    s = "%.9g" % float(v)
    if "." not in s:
        s = s.replace("e", ".0e") if "e" in s else s + ".0"
    assert np.float32(float(s)) == v, (s, v)
    return s


def dense(a):
    a = np.asarray(a, dtype=np.float32)

    def rec(x):
        if x.ndim == 1:
            return "[" + ", ".join(fmt_float(e) for e in x) + "]"
        return "[" + ", ".join(rec(e) for e in x) + "]"
    return f"dense<{rec(a)}>"


def ttype(shape):
    return "tensor<" + "x".join(str(d) for d in shape) + "xf32>"


def const(name, a):
    return f"  %{name} = arith.constant {dense(a)} : {ttype(a.shape)}\n"


def export_mlp(p, path):
    n = BATCH
    s = f"// Digits MLP (examples/digits/train.py): 64 -> 64 -> relu -> 32 -> relu -> 10.\n"
    s += f"func.func @main(%x: {ttype((n, 64))}) -> {ttype((n, 10))} {{\n"
    for i in (1, 2, 3):
        s += const(f"w{i}", p[f"fc{i}_w"])
        s += const(f"b{i}", p[f"fc{i}_b"])
    cur, val = "%x", 0
    dims = [(64, 64), (64, 32), (32, 10)]
    for i, (k, nn) in enumerate(dims, start=1):
        s += (f"  %{val} = accel.matmul {cur}, %w{i} bias(%b{i} : {ttype((nn,))}) "
              f"acc(f32) : {ttype((n, k))}, {ttype((k, nn))} -> {ttype((n, nn))}"
              f" loc(\"fc{i}\")\n")
        cur, val = f"%{val}", val + 1
        if i < 3:
            s += f"  %{val} = accel.relu {cur} : {ttype((n, nn))} loc(\"relu{i}\")\n"
            cur, val = f"%{val}", val + 1
    s += f"  return {cur} : {ttype((n, 10))}\n}}\n"
    with open(path, "w") as f:
        f.write(s)


def export_cnn(p, path):
    n = BATCH
    s = ("// Digits CNN (examples/digits/train.py), NHWC: conv 3x3 1->16 pad 1,"
         " relu, conv 3x3 16->32\n// stride 2 pad 1, relu, conv 4x4 32->10.\n")
    s += f"func.func @main(%x: {ttype((n, 8, 8, 1))}) -> {ttype((n, 1, 1, 10))} {{\n"
    for i in (1, 2, 3):
        s += const(f"w{i}", p[f"conv{i}_w"])
        s += const(f"b{i}", p[f"conv{i}_b"])
    layers = [  # (in shape, out shape, attributes)
        ((n, 8, 8, 1), (n, 8, 8, 16), "padding [1, 1, 1, 1] "),
        ((n, 8, 8, 16), (n, 4, 4, 32), "strides [2, 2] padding [1, 1, 1, 1] "),
        ((n, 4, 4, 32), (n, 1, 1, 10), ""),
    ]
    cur, val = "%x", 0
    for i, (ish, osh, attrs) in enumerate(layers, start=1):
        wsh = p[f"conv{i}_w"].shape
        s += (f"  %{val} = accel.conv2d {cur}, %w{i} bias(%b{i} : {ttype((osh[3],))}) "
              f"{attrs}acc(f32) : {ttype(ish)}, {ttype(wsh)} -> {ttype(osh)}"
              f" loc(\"conv{i}\")\n")
        cur, val = f"%{val}", val + 1
        if i < 3:
            s += f"  %{val} = accel.relu {cur} : {ttype(osh)} loc(\"relu{i}\")\n"
            cur, val = f"%{val}", val + 1
    s += f"  return {cur} : {ttype((n, 1, 1, 10))}\n}}\n"
    with open(path, "w") as f:
        f.write(s)


# --------------------------------------------------------------------------
# Check against accel-run --target=cpu
# --------------------------------------------------------------------------

def check_accel_run(bindir, model, inp, ref, y):
    exe = os.path.join(bindir, "accel-run")
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [exe, model, "--target=cpu", f"--input={inp}",
               f"--output-dir={tmp}"]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            print("FAILED (exit %d): %s" % (r.returncode, " ".join(cmd)),
                  file=sys.stderr)
            print(r.stdout + r.stderr, file=sys.stderr)
            return False
        out = np.load(os.path.join(tmp, "result0.npy"))
    out = out.reshape(out.shape[0], -1)
    diff = float(np.max(np.abs(out - ref)))
    a_np, a_run = accuracy(ref, y), accuracy(out, y)
    same = bool(np.array_equal(np.argmax(out, 1), np.argmax(ref, 1)))
    ok = same and diff < 1e-3
    print(f"  {os.path.basename(model)}: accel-run --target=cpu accuracy "
          f"{a_run:.2f}% vs numpy {a_np:.2f}%, max |logit diff| {diff:.3g}, "
          f"argmax identical: {same} -> {'OK' if ok else 'MISMATCH'}")
    return ok


# --------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--epochs-scale", type=float, default=1.0,
                    help="multiply the number of epochs (default 1.0)")
    ap.add_argument("--bin", help="BUILD/bin holding accel-run: check the "
                    "exported models with accel-run --target=cpu")
    args = ap.parse_args()
    t0 = time.time()

    rng = np.random.default_rng(SEED)
    x_tr, x_te, y_tr, y_te = load_data()

    # Calibration samples first, so they do not depend on --epochs-scale.
    calib_idx = rng.permutation(x_tr.shape[0])[:2 * BATCH]

    def epochs(e):
        return max(1, int(round(e * args.epochs_scale)))

    print(f"train {x_tr.shape[0]} / test {x_te.shape[0]} samples")
    mlp = train("mlp", mlp_init(rng), mlp_loss_grad, x_tr, y_tr, rng,
                epochs(MLP_EPOCHS), MLP_LR, MLP_BS, MLP_L2)
    t_mlp = time.time() - t0
    cnn = train("cnn", cnn_init(rng), cnn_loss_grad, nhwc(x_tr), y_tr, rng,
                epochs(CNN_EPOCHS), CNN_LR, CNN_BS, CNN_L2)
    t_train = time.time() - t0
    print(f"trained in {t_train:.1f} s (mlp {t_mlp:.1f} s, "
          f"cnn {t_train - t_mlp:.1f} s)")

    # From here on everything is float32, as exported.  Weights that only
    # ever see zero inputs (fc1 rows of pixels that are 0 in every training
    # image, dead channels) are driven towards 0 by the L2 term and end up
    # as tiny or denormal numbers; they are written as exact zeros.
    def to32(p):
        return {k: np.where(np.abs(v) < FLUSH, 0.0, v).astype(np.float32)
                for k, v in p.items()}
    mlp32, cnn32 = to32(mlp), to32(cnn)
    te32, tr32 = x_te.astype(np.float32), x_tr.astype(np.float32)

    out = args.out
    os.makedirs(os.path.join(out, "calib", "mlp"), exist_ok=True)
    os.makedirs(os.path.join(out, "calib", "cnn"), exist_ok=True)
    np.save(os.path.join(out, "test_x.npy"), te32)
    np.save(os.path.join(out, "test_x_nhwc.npy"), nhwc(te32))
    np.save(os.path.join(out, "test_y.npy"), y_te.astype(np.int64))
    for b in range(2):
        sel = tr32[calib_idx[b * BATCH:(b + 1) * BATCH]]
        np.save(os.path.join(out, "calib", "mlp", f"batch{b}.npy"), sel)
        np.save(os.path.join(out, "calib", "cnn", f"batch{b}.npy"), nhwc(sel))
    export_mlp(mlp32, os.path.join(out, "mlp.mlir"))
    export_cnn(cnn32, os.path.join(out, "cnn.mlir"))

    ref_mlp = mlp_forward(mlp32, te32).astype(np.float32)
    ref_cnn = cnn_forward(cnn32, nhwc(te32)).astype(np.float32)
    np.save(os.path.join(out, "reference_mlp.npy"), ref_mlp)
    np.save(os.path.join(out, "reference_cnn.npy"), ref_cnn)

    print("\nfloat32 accuracy (numpy):")
    print(f"  mlp: train {accuracy(mlp_forward(mlp32, tr32), y_tr):6.2f}%   "
          f"test {accuracy(ref_mlp, y_te):6.2f}%")
    print(f"  cnn: train {accuracy(cnn_forward(cnn32, nhwc(tr32)), y_tr):6.2f}%   "
          f"test {accuracy(ref_cnn, y_te):6.2f}%")

    ok = True
    if args.bin:
        print("\ncheck against accel-run --target=cpu:")
        ok &= check_accel_run(args.bin, os.path.join(out, "mlp.mlir"),
                              os.path.join(out, "test_x.npy"), ref_mlp, y_te)
        ok &= check_accel_run(args.bin, os.path.join(out, "cnn.mlir"),
                              os.path.join(out, "test_x_nhwc.npy"), ref_cnn, y_te)
    print(f"\nwrote {out}/{{mlp,cnn}}.mlir, test and calibration data; "
          f"elapsed {time.time() - t0:.1f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
