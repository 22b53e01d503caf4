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
    * Integer contractions widen `q - zero_point` to `i16` once per operand
      (exact for 4- and 8-bit storage) and run `linalg.matmul` /
      `linalg.conv_2d_nhwc_hwcf` with an `i32` accumulator; grouped and
      depthwise convolutions use one `linalg.generic` over `[G, C/G]`.
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

#endif // ACCEL_CONVERSION_PASSES_TD
