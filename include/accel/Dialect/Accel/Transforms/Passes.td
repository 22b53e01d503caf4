//===- Passes.td - accel dialect passes --------------------*- tablegen -*-===//
//
// This file declares the passes of the accel dialect.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_DIALECT_ACCEL_TRANSFORMS_PASSES_TD
#define ACCEL_DIALECT_ACCEL_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def AttachTargetPass : Pass<"accel-attach-target", "mlir::ModuleOp"> {
  let summary = "Attach an accelerator description to the module";
  let description = [{
    Loads a target by preset name (`int8-16x16`, `bf16-128x128`,
    `int8-256x256`, `cpu`) or from a JSON file (a `target` containing `/` or
    ending in `.json`) and stores it as the module's `accel.target`
    attribute, replacing any target already there.  Every later pass reads
    the accelerator from that attribute.  A bad file or unknown name is an
    error naming the file, the field and the problem.

    `accel-opt --accel-target=<name|file.json>` runs this pass before the
    requested pipeline.

    Before:

    ```mlir
    module {
      func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> { ... }
    }
    ```

    After `--accel-attach-target=target=cpu`:

    ```mlir
    module attributes {accel.target = #accel.target<name = cpu, kind = cpu>} {
      func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> { ... }
    }
    ```
  }];
  let options = [
    Option<"target", "target", "std::string", /*default=*/"",
           "Preset name or path to a target JSON file">,
  ];
  let dependentDialects = ["::accel::AccelDialect"];
}

def PlacementPass : Pass<"accel-place", "mlir::ModuleOp"> {
  let summary = "Decide, per accel op, accelerator or host (host fallback)";
  let description = [{
    Reads the module's `accel.target` (see `accel-attach-target`) and puts
    every accel compute op on the accelerator or the host, recording the
    decision as `accel.placement = "accelerator" | "host"` on the op.

    1. **Legality.** The target must have an accelerator, run the op kind
       (a depthwise convolution is `depthwise_conv2d`; other grouped
       convolutions stay on the host), hold the element types (a
       contraction's `(input, accumulator, output)` triple must be one of
       the target's `types`; other ops need their element type among the
       target's input types), and the shapes must be static.
    2. **Cost** (unless `cost-model=false`). Estimated accelerator time
       (systolic fill/drain and tiles, or vector throughput, against DMA
       time, whichever is larger) plus the host-link transfer of operands
       produced on the host and of results the host consumes, against the
       host's estimated time (`host-gflops`, `host-gbps`). A legal op whose
       offload loses stays on the host.
    3. **Overrides.** Rules from `overrides=<file.json>` pin ops by kind,
       location name or file:line; the last matching rule wins. Pinning to
       the accelerator an op the target cannot run is an error.

    Every decision is explained by a remark on the op (reason, estimated
    cycles and seconds on both sides, bytes over the host link, energy), and
    `report=<file.json>` writes the same facts as JSON. See
    docs/Placement.md.

    Example (`--accel-place` on an `int8-16x16` module):

    ```mlir
    %0 = accel.matmul %a, %b acc(i32) {accel.placement = "accelerator"} : ...
    %1 = accel.avg_pool2d %0 window [2, 2] {accel.placement = "host"} : ...
    ```
  }];
  let options = [
    Option<"costModel", "cost-model", "bool", /*default=*/"true",
           "Keep legal ops on the host when offloading them loses">,
    Option<"report", "report", "std::string", /*default=*/"",
           "Write the decisions as JSON to this file ('-' for stdout)">,
    Option<"overrides", "overrides", "std::string", /*default=*/"",
           "JSON file of rules pinning ops to the host or the accelerator">,
    Option<"hostGflops", "host-gflops", "double", /*default=*/"40.0",
           "Host contraction throughput assumed by the cost model (GFLOP/s)">,
    Option<"compiledOnly", "compiled-only", "bool", /*default=*/"false",
           "Keep on the host the ops the accelerator path cannot compile to "
           "the ISA yet (checkCompilable), so kernels never fall back to the "
           "CPU; accel-run, accel-compile and the C API set it">,
    Option<"hostGbps", "host-gbps", "double", /*default=*/"8.0",
           "Host streaming throughput for elementwise ops (GB/s)">,
  ];
  let dependentDialects = ["::accel::AccelDialect"];
}

def OutlineKernelsPass : Pass<"accel-outline-kernels", "mlir::ModuleOp"> {
  let summary = "Outline runs of accelerator ops into kernel functions";
  let description = [{
    Every maximal run of consecutive ops placed on the accelerator (constants
    in between stay on the host and become kernel arguments) becomes a
    private `func.func @<function>_kernel<N>` marked `accel.kernel`, and the
    run is replaced by an `accel.launch` of it. Values entering a kernel
    pass through `accel.host_to_device`, values leaving it through
    `accel.device_to_host`, so each host-link transfer is an op. Run after
    `accel-place`.

    Example:

    ```mlir
    %0 = accel.matmul %a, %b acc(i32) {accel.placement = "accelerator"} : ...
    %1 = accel.relu %0 {accel.placement = "accelerator"} : ...
    ```

    becomes

    ```mlir
    %da = accel.host_to_device %a : ...
    %db = accel.host_to_device %b : ...
    %r = accel.launch @main_kernel0(%da, %db) : (...) -> ...
    %1 = accel.device_to_host %r : ...
    ```
  }];
  let dependentDialects = ["::accel::AccelDialect",
                           "::mlir::func::FuncDialect"];
}

def VerifyKernelsPass : Pass<"accel-verify-kernels", "mlir::ModuleOp"> {
  let summary = "Check that kernels hold only ops the target can run";
  let description = [{
    The backend contract of the accelerator path: every op in a function
    marked `accel.kernel` must be an accel compute op that the module's
    target can run (the legality of `accel-place`) or the function's return,
    and every launch must name a kernel. Anything else is an error naming
    the op and the reason; the module is not changed.
  }];
}

def QuantizePass : Pass<"accel-quantize", "mlir::ModuleOp"> {
  let summary = "Post-training quantization of f32 contractions from a "
                "calibration table";
  let description = [{
    Rewrites every `f32` `accel.matmul` and `accel.conv2d` whose weights
    (and bias, if any) are constants into a quantized contraction, using the
    per-tensor ranges of a calibration table written by `accel-calibrate`
    (docs/Quantization.md):

    * activations become `!quant.uniform<i8:f32, s:zp>`, symmetric (zero
      point 0) or asymmetric, clipped to the threshold of the chosen
      calibration `method`;
    * weights are quantized at compile time, symmetric, per output channel
      (or per tensor), to 8 bits or, where the target runs `i4`, 4 bits;
    * the bias becomes `i32` at scale `s_in * s_w[c]`;
    * each contraction requantizes straight into the next layer's input
      type; `accel.relu`, `accel.clamp` and `accel.max_pool2d` between
      layers run on the quantized values (they commute with dequantization);
      a `dequantize` is left only where an `f32` value is still needed
      (function results, ops that stay in `f32`).

    When the target's requantizer can only shift (`"requantizer": "shift"`),
    every scale is rounded up to a power of two so that each requantization
    is an exact shift.  Tensors are named as in `accel-calibrate`: the
    name of the op's location (`loc("fc1")`), else `<op>_<n>`, and `arg<i>`
    for function arguments.  A tensor the pass needs that the table lacks, a
    table entry that names no tensor of the module, and a non-finite or
    negative statistic are errors that name the tensor.

    Before:

    ```mlir
    %h = accel.matmul %x, %w bias(%b : tensor<32xf32>) acc(f32)
        : tensor<8x64xf32>, tensor<64x32xf32> -> tensor<8x32xf32> loc("fc1")
    ```

    After `--accel-quantize=table=t.json method=entropy`:

    ```mlir
    %q = accel.quantize %x : tensor<8x64xf32> -> tensor<8x64x!quant.uniform<i8:f32, 0.0078:0>>
    %h = accel.matmul %q, %wq bias(%bq : tensor<32xi32>) acc(i32)
        : tensor<8x64x!quant.uniform<i8:f32, 0.0078:0>>,
          tensor<64x32x!quant.uniform<i8:f32:1, {...}>>
          -> tensor<8x32x!quant.uniform<i8:f32, 0.05:0>>
    %f = accel.dequantize %h : ... -> tensor<8x32xf32>
    ```
  }];
  let options = [
    Option<"table", "table", "std::string", /*default=*/"",
           "Calibration table (JSON) written by accel-calibrate">,
    Option<"method", "method", "std::string", /*default=*/"\"entropy\"",
           "Which threshold of the table to use: minmax, percentile, "
           "entropy or mse">,
    Option<"scheme", "scheme", "std::string", /*default=*/"\"symmetric\"",
           "Activation quantization: symmetric (zero point 0) or "
           "asymmetric">,
    Option<"perChannel", "per-channel", "bool", /*default=*/"true",
           "Quantize weights per output channel (else per tensor)">,
    Option<"weightBits", "weight-bits", "unsigned", /*default=*/"8",
           "Weight storage bits: 8, or 4 where the target runs i4">,
  ];
  let dependentDialects = ["::accel::AccelDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::quant::QuantDialect"];
}

def FoldQdqPass : Pass<"accel-fold-qdq", "mlir::func::FuncOp"> {
  let summary = "Fold quantize/dequantize pairs (QAT graphs) into quantized "
                "ops";
  let description = [{
    Quantization-aware-trained models arrive in "QDQ" form (ONNX
    QuantizeLinear/DequantizeLinear, TOSA's rescale-free graphs): the
    contraction itself is `f32`, fed by `accel.dequantize` of quantized
    activations and weights and followed by an `accel.quantize` of its
    result.  This pass rewrites

        dequantize(a) , dequantize(w) [, f32 bias constant] -> matmul/conv2d
            [-> relu/clamp] -> quantize

    into one quantized contraction whose result has the quantize's type,
    with the bias quantized to `i32` at `s_a * s_w[c]`, using only the
    scales already in the graph (no recalibration).  A pattern whose bias
    is not a constant or whose weight scale does not match the operand is
    left unchanged, with a remark saying why.

    Before:

    ```mlir
    %a = accel.dequantize %qa : tensor<4x8x!qa> -> tensor<4x8xf32>
    %w = accel.dequantize %qw : tensor<8x16x!qw> -> tensor<8x16xf32>
    %m = accel.matmul %a, %w acc(f32) : tensor<4x8xf32>, tensor<8x16xf32> -> tensor<4x16xf32>
    %q = accel.quantize %m : tensor<4x16xf32> -> tensor<4x16x!qo>
    ```

    After:

    ```mlir
    %q = accel.matmul %qa, %qw acc(i32) : tensor<4x8x!qa>, tensor<8x16x!qw> -> tensor<4x16x!qo>
    ```
  }];
  let dependentDialects = ["::accel::AccelDialect",
                           "::mlir::arith::ArithDialect"];
}

def PrecisionPolicyPass : Pass<"accel-precision-policy", "mlir::ModuleOp"> {
  let summary = "Auto-cast f32 accelerator ops to the target's float "
                "precisions";
  let description = [{
    For a float accelerator: every `f32` op the target cannot run in `f32`
    is cast to the first precision in `allowed` that the target runs it in
    (default order `bf16`, `f16`, `tf32`, `f8E4M3FN`, `f8E5M2`): operands get an
    `accel.cast`, contractions keep an `f32` accumulator and, where the
    target can produce it, an `f32` result (else the result is cast back to
    `f32`).  Ops whose operands the user already typed in a narrower float
    type keep them.  Ops the target cannot run in any allowed precision are
    left in `f32` (and placement keeps them on the host) with a remark
    giving the reason.

    Before (target bf16-128x128):

    ```mlir
    %0 = accel.matmul %a, %b acc(f32) : tensor<8x16xf32>, tensor<16x4xf32> -> tensor<8x4xf32>
    ```

    After `--accel-precision-policy=allowed=bf16`:

    ```mlir
    %a1 = accel.cast %a : tensor<8x16xf32> -> tensor<8x16xbf16>
    %b1 = accel.cast %b : tensor<16x4xf32> -> tensor<16x4xbf16>
    %0 = accel.matmul %a1, %b1 acc(f32) : tensor<8x16xbf16>, tensor<16x4xbf16> -> tensor<8x4xf32>
    ```
  }];
  let options = [
    ListOption<"allowed", "allowed", "std::string",
               "Precisions to try, in order (default: bf16, f16, tf32, "
               "f8E4M3FN, f8E5M2)">,
  ];
  let dependentDialects = ["::accel::AccelDialect"];
}

#endif // ACCEL_DIALECT_ACCEL_TRANSFORMS_PASSES_TD
