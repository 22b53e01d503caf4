//===- Passes.td - accel conversion passes -----------------*- tablegen -*-===//
//
// Conversions out of the accel dialect.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_CONVERSION_PASSES_TD
#define ACCEL_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertAccelToLinalgPass
    : Pass<"convert-accel-to-linalg", "mlir::ModuleOp"> {
  let summary = "Lower accel ops to linalg, arith, math and tensor (the CPU path)";
  let description = [{
    Rewrites every tensor-level accel op into linalg on tensors with exactly
    the numerics of docs/Numerics.md:

    * Quantized tensors become tensors of their storage type (signless `i8`
      for both `i8` and `u8` storage; signedness is remembered by the
      lowering). Function signatures, returns and `quant.scast` are
      converted with them, so a converted module has no `!quant` types left.
    * Integer contractions widen `q - zero_point` to the accumulator type
      once per operand element (exact: the verifier guarantees the
      accumulator holds it) and run `linalg.matmul` /
      `linalg.batch_matmul` on same-typed operands.
    * `conv2d` with one group becomes im2col (a gather `linalg.generic` into
      `[N*OH*OW, KH*KW*C]`) and one `linalg.matmul`, so it takes the tuned
      GEMM schedule; grouped and depthwise convolutions use one
      `linalg.generic` over `[G, C/G]` (not vectorized yet).
    * Requantization (`accel.requantize`, quantized contraction results)
      emits the fixed-point recipe of include/accel/Numerics/Requantize.h
      operation by operation, with multipliers computed at compile time by
      the same header.
    * Float contractions accumulate in f32; narrower float elementwise ops
      compute in f32 and round once.

    Limitations are errors, never silent: dynamic shapes, and `tf32` or fp8
    element types, are reported on the op that has them.

    Example:

    ```mlir
    %0 = accel.relu %x : tensor<4xf32>
    ```

    becomes

    ```mlir
    %0 = linalg.generic {...} ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) {
      ^bb0(%in: f32, %out: f32):
        %c0 = arith.constant 0.0 : f32
        %m = arith.maximumf %in, %c0 : f32
        linalg.yield %m : f32
    } -> tensor<4xf32>
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect", "::mlir::tensor::TensorDialect",
    "::mlir::func::FuncDialect"
  ];
}

def CPUTileAndVectorizePass
    : Pass<"accel-cpu-tile-and-vectorize", "mlir::ModuleOp"> {
  let summary = "Tile and vectorize contractions for the host CPU";
  let description = [{
    Applies a transform-dialect schedule, generated for the module, to every
    `linalg.matmul` and `linalg.batch_matmul` on tensors (what
    convert-accel-to-linalg emits for contractions and convolutions):

    * a cache tile chosen per shape (each dimension whole when it fits the
      limit, else the largest divisor in [limit/2, limit], else the limit);
    * a register tile computed as a chain of vector FMAs (`vector.contract`
      lowered to outer products), with the accumulator tile hoisted out of
      the reduction loop so it stays in registers; register loops that do
      not divide their cache tile are peeled, so only the last row and
      column tiles are vectorized with masks.

    The register tile defaults from the host's vector width (8x32 with
    AVX-512, 4x16 otherwise: 16 or 8 accumulator registers).
    `schedule=<file.mlir>` replaces the generated schedule with a text file
    of `transform` ops, so researchers can try their own; `print-schedule`
    prints the one applied. See docs/CPUPath.md.

    Example: a 64x64x32 f32 `linalg.matmul` with `register-tile=4,16`
    becomes loops over 4x16 tiles whose k loop carries a `vector<4x16xf32>`
    accumulator updated by four `vector.fma` on `vector<16xf32>`.
  }];
  let options = [
    ListOption<"cacheTile", "cache-tile", "int64_t",
               "M, N, K cache tile limits (default 256,256,128)">,
    ListOption<"registerTile", "register-tile", "int64_t",
               "M, N register tile (default: from the host's vector width)">,
    Option<"schedule", "schedule", "std::string", /*default=*/"",
           "Transform-dialect schedule file replacing the built-in one">,
    Option<"printSchedule", "print-schedule", "bool", /*default=*/"false",
           "Print the schedule that is applied to stderr">,
  ];
  let dependentDialects = [
    "::mlir::transform::TransformDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::vector::VectorDialect", "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect", "::mlir::arith::ArithDialect"
  ];
}

#endif // ACCEL_CONVERSION_PASSES_TD
