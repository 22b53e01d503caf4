//===- AccelOps.td - accel tensor-level ops ----------------*- tablegen -*-===//
//
// This file defines the tensor-level ops of the accel dialect.  Shape and
// element-type rules that ODS traits can express are traits; the rest live in
// AccelVerifiers.cpp with messages that say what was expected and found.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_DIALECT_ACCEL_IR_ACCELOPS_TD
#define ACCEL_DIALECT_ACCEL_IR_ACCELOPS_TD

include "accel/Dialect/Accel/IR/AccelBase.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/OpBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

def Accel_MatmulOp : Accel_Op<"matmul", [Pure]> {
  let summary = "Systolic matrix multiplication, 2-D or batched";
  let description = [{
    Computes `result[b..., m, n] = sum_k lhs[b..., m, k] * rhs[b..., k, n]`
    (+ `bias[n]`), accumulating in `accumulator_type`.

    Shapes: `lhs` is `[B..., M, K]` (`[B..., K, M]` with `transpose_lhs`),
    `rhs` is `[B..., K, N]` (`[B..., N, K]` with `transpose_rhs`) or a 2-D
    `[K, N]` shared by every batch, and the result is `[B..., M, N]`.  The
    optional `bias` is `[N]` in the accumulator type and is added to the
    accumulator before any conversion of the result.

    Element types:
    * Float: both operands are the same float type (two fp8 formats may mix);
      the accumulator is f32; the result is any float type (rounded to
      nearest even).
    * Quantized: both operands are `!quant.uniform` over `i8`, `u8` or `i4`
      with an `f32` expressed type; `lhs` is per-tensor, `rhs` per-tensor or
      per-channel along `N`; zero points lie in the storage range.  The
      accumulator is a signless integer of at least `n + m + 1` bits for
      `n`- and `m`-bit storage (zero-point-adjusted products), so i32 for
      8-bit operands.  The result is either the
      accumulator type itself (raw accumulators, whose scale is
      `lhs_scale * rhs_scale`) or a per-tensor `!quant.uniform` no wider than
      the accumulator, into which the accumulators are requantized (see
      docs/Numerics.md).
    * Integer: signless integer operands (zero point 0) with an accumulator
      of at least `n + m` bits; the result is the accumulator type.

    The triple (operand, accumulator, result) element type is what a target's
    `types` list is matched against.

    Example:

    ```mlir
    %0 = accel.matmul %a, %w transpose_rhs acc(i32)
        : tensor<4x64x!quant.uniform<i8:f32, 0.05:3>>,
          tensor<32x64x!quant.uniform<i8:f32:0, {0.01, ...}>>
          -> tensor<4x32x!quant.uniform<i8:f32, 0.2:-1>>
    %1 = accel.matmul %x, %y bias(%b : tensor<16xf32>) acc(f32)
        : tensor<8x4x32xbf16>, tensor<32x16xbf16> -> tensor<8x4x16xbf16>
    ```
  }];
  let arguments = (ins Accel_Tensor:$lhs, Accel_Tensor:$rhs,
                       Optional<Accel_Tensor>:$bias,
                       TypeAttr:$accumulator_type,
                       UnitAttr:$transpose_lhs, UnitAttr:$transpose_rhs);
  let results = (outs Accel_Tensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs (`bias` `(` $bias^ `:` type($bias) `)`)?
    (`transpose_lhs` $transpose_lhs^)? (`transpose_rhs` $transpose_rhs^)?
    `acc` `(` $accumulator_type `)` attr-dict
    `:` type($lhs) `,` type($rhs) `->` type($result)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The contraction sizes implied by the operand shapes (dynamic sizes
    /// are ShapedType::kDynamic).
    int64_t getM();
    int64_t getN();
    int64_t getK();
  }];
}

def Accel_Conv2DOp : Accel_Op<"conv2d", [Pure]> {
  let summary = "2-D convolution, NHWC input and HWCF filter";
  let description = [{
    Layouts: `input` is `[N, H, W, C]`, `filter` is `[KH, KW, C / groups, F]`
    and the result is `[N, OH, OW, F]`, with

        OH = (H + pad_top + pad_bottom - dilation_h * (KH - 1) - 1) / stride_h + 1
        OW = (W + pad_left + pad_right - dilation_w * (KW - 1) - 1) / stride_w + 1

    `padding` is `[top, bottom, left, right]` with zeros (the zero point, for
    quantized inputs).  `groups` splits `C` and `F` into that many
    independent convolutions; `groups == C` is a depthwise convolution with
    channel multiplier `F / C` (the target's `depthwise_conv2d` kind).

    Element types follow `accel.matmul` (input as `lhs`, filter as `rhs`);
    a per-channel filter must be quantized along dimension 3 (`F`).  The
    optional `bias` is `[F]` in the accumulator type.

    Example:

    ```mlir
    %0 = accel.conv2d %x, %w strides [2, 2] padding [1, 1, 1, 1] acc(f32)
        : tensor<1x32x32x16xf16>, tensor<3x3x16x32xf16> -> tensor<1x16x16x32xf32>
    %1 = accel.conv2d %x, %dw padding [1, 1, 1, 1] groups 16 acc(f32)
        : tensor<1x32x32x16xf16>, tensor<3x3x1x16xf16> -> tensor<1x32x32x16xf16>
    ```
  }];
  let arguments = (ins Accel_NHWCTensor:$input, Accel_NHWCTensor:$filter,
      Optional<Accel_Tensor>:$bias,
      TypeAttr:$accumulator_type,
      DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
      DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">:$padding,
      DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations,
      DefaultValuedAttr<I64Attr, "1">:$groups);
  let results = (outs Accel_NHWCTensor:$result);
  let assemblyFormat = [{
    $input `,` $filter (`bias` `(` $bias^ `:` type($bias) `)`)?
    (`strides` $strides^)? (`padding` $padding^)?
    (`dilations` $dilations^)? (`groups` $groups^)?
    `acc` `(` $accumulator_type `)` attr-dict
    `:` type($input) `,` type($filter) `->` type($result)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// True when every group holds exactly one input channel.
    bool isDepthwise();
  }];
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

def Accel_ReluOp : Accel_Op<"relu",
    [Pure, Elementwise, SameOperandsAndResultType]> {
  let summary = "Rectified linear unit, max(x, 0)";
  let description = [{
    `max(x, 0)` per element.  On quantized tensors the comparison is against
    the real value 0, that is against the zero point.

    Example:

    ```mlir
    %0 = accel.relu %x : tensor<4x16xf32>
    ```
  }];
  let arguments = (ins Accel_FloatOrQuantTensor:$input);
  let results = (outs Accel_FloatOrQuantTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Accel_ClampOp : Accel_Op<"clamp",
    [Pure, Elementwise, SameOperandsAndResultType]> {
  let summary = "Clamp to [min, max]";
  let description = [{
    `min(max(x, min), max)` per element, with `min` and `max` real values
    (for quantized tensors they are quantized with the tensor's parameters,
    rounding inward).  Requires `min <= max`; either may be infinite.

    Example:

    ```mlir
    %relu6 = accel.clamp %x min 0.0 max 6.0 : tensor<4x16xbf16>
    ```
  }];
  let arguments = (ins Accel_FloatOrQuantTensor:$input, F64Attr:$min,
                       F64Attr:$max);
  let results = (outs Accel_FloatOrQuantTensor:$result);
  let assemblyFormat = "$input `min` $min `max` $max attr-dict `:` type($input)";
  let hasVerifier = 1;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

class Accel_BinaryOp<string mnemonic, string what>
    : Accel_Op<mnemonic, [Pure, ResultsBroadcastableShape]> {
  let summary = "Elementwise " # what # " with broadcasting";
  let description = [{
    Elementwise }] # what # [{ of two tensors with NumPy broadcasting: shapes
    are aligned at their last dimension, and each pair of sizes must be equal
    or one of them 1; the result has the broadcast shape.

    Float operands and result share one element type.  Quantized operands
    and result are per-tensor, share a storage and an expressed type, and
    may have different scales and zero points; the op computes in real
    values and requantizes to the result's parameters (docs/Numerics.md).

    Example:

    ```mlir
    %0 = accel.}] # mnemonic # [{ %a, %b : tensor<4x16xf32>, tensor<16xf32> -> tensor<4x16xf32>
    ```
  }];
  let arguments = (ins Accel_FloatOrQuantTensor:$lhs,
                       Accel_FloatOrQuantTensor:$rhs);
  let results = (outs Accel_FloatOrQuantTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Accel_AddOp : Accel_BinaryOp<"add", "addition">;
def Accel_SubOp : Accel_BinaryOp<"sub", "subtraction">;
def Accel_MulOp : Accel_BinaryOp<"mul", "multiplication">;

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

class Accel_Pool2DOp<string mnemonic, string what, dag extraArgs,
                     string extraFormat>
    : Accel_Op<mnemonic, [Pure]> {
  let summary = what # " pooling over NHWC windows";
  let arguments = !con((ins Accel_NHWCFloatOrQuantTensor:$input,
      DenseI64ArrayAttr:$window,
      DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
      DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">:$padding),
      extraArgs);
  let results = (outs Accel_NHWCFloatOrQuantTensor:$result);
  let assemblyFormat = "$input `window` $window (`strides` $strides^)? "
                       "(`padding` $padding^)? " # extraFormat #
                       "attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def Accel_MaxPool2DOp : Accel_Pool2DOp<"max_pool2d", "Max", (ins), ""> {
  let description = [{
    Maximum over each `window = [KH, KW]` of an `[N, H, W, C]` input, moving
    by `strides`; `padding = [top, bottom, left, right]` adds elements that
    never win.  Output sizes follow accel.conv2d with dilation 1.  Every
    window must overlap the input (each padding < its window size).  The
    result has the input's element type.

    Example:

    ```mlir
    %0 = accel.max_pool2d %x window [2, 2] strides [2, 2]
        : tensor<1x8x8x4xf32> -> tensor<1x4x4x4xf32>
    ```
  }];
}

def Accel_AvgPool2DOp : Accel_Pool2DOp<"avg_pool2d", "Average",
    (ins UnitAttr:$count_include_pad),
    "(`count_include_pad` $count_include_pad^)? "> {
  let description = [{
    Mean over each `window = [KH, KW]` of an `[N, H, W, C]` input, moving by
    `strides`, with `padding = [top, bottom, left, right]`.  The divisor is
    the number of input elements in the window, or the full window size with
    `count_include_pad`.  Sums accumulate in f32 (floats) or i32 (quantized)
    and the mean rounds to nearest.  The result has the input's element type.

    Example:

    ```mlir
    %0 = accel.avg_pool2d %x window [3, 3] padding [1, 1, 1, 1] count_include_pad
        : tensor<1x8x8x4xf32> -> tensor<1x8x8x4xf32>
    ```
  }];
}

//===----------------------------------------------------------------------===//
// Precision changes
//===----------------------------------------------------------------------===//

def Accel_QuantizeOp : Accel_Op<"quantize", [Pure, Elementwise]> {
  let summary = "Quantize real values to a uniform quantized type";
  let description = [{
    `q = clamp(round_half_even(x / scale) + zero_point, storage_min,
    storage_max)` per element, with per-axis parameters taken along the
    quantized dimension.  The operand's element type must be the result's
    expressed type.

    Example:

    ```mlir
    %q = accel.quantize %x : tensor<4x8xf32> -> tensor<4x8x!quant.uniform<i8:f32, 0.1:-2>>
    ```
  }];
  let arguments = (ins Accel_FloatTensor:$input);
  let results = (outs Accel_QuantTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Accel_DequantizeOp : Accel_Op<"dequantize", [Pure, Elementwise]> {
  let summary = "Dequantize to the expressed (real) type";
  let description = [{
    `x = (q - zero_point) * scale` per element; the result's element type
    must be the operand's expressed type.

    Example:

    ```mlir
    %x = accel.dequantize %q : tensor<4x8x!quant.uniform<i8:f32, 0.1:-2>> -> tensor<4x8xf32>
    ```
  }];
  let arguments = (ins Accel_QuantTensor:$input);
  let results = (outs Accel_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def Accel_RequantizeOp : Accel_Op<"requantize", [Pure, Elementwise]> {
  let summary = "Change quantization parameters with a fixed-point multiplier";
  let description = [{
    Re-expresses quantized values with new parameters:
    `out = clamp(zp_out + rounding_shift(mul(q - zp_in, M), s), min, max)`
    where `M * 2^-s` approximates `scale_in / scale_out` (docs/Numerics.md).
    The input may be per-axis (for example per-channel i32 accumulators); the
    result is per-tensor.  Both sides share the expressed type.

    Example:

    ```mlir
    %r = accel.requantize %acc : tensor<4x8x!quant.uniform<i32:f32, 0.001>>
        -> tensor<4x8x!quant.uniform<i8:f32, 0.05:4>>
    ```
  }];
  let arguments = (ins Accel_QuantTensor:$input);
  let results = (outs Accel_QuantTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Accel_CastOp : Accel_Op<"cast", [Pure, Elementwise]> {
  let summary = "Convert between float precisions";
  let description = [{
    Converts each element between `f32`, `f16`, `bf16`, `tf32`, `f8E4M3FN`
    and `f8E5M2`, rounding to nearest even; values beyond a narrower
    format's range become infinity (or saturate to the largest finite value
    for `f8E4M3FN`, which has no infinity).  A cast to the same type folds
    away, as does a widening cast followed by a cast back.

    Example:

    ```mlir
    %h = accel.cast %x : tensor<4x8xf32> -> tensor<4x8xbf16>
    ```
  }];
  let arguments = (ins Accel_FloatTensor:$input);
  let results = (outs Accel_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// The host/accelerator boundary
//===----------------------------------------------------------------------===//

def Accel_LaunchOp : Accel_Op<"launch",
    [DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "Run an outlined accelerator kernel";
  let description = [{
    Runs the kernel function `kernel` (a `func.func` carrying `accel.kernel`,
    created by `accel-outline-kernels`) on the accelerator with the given
    operands and returns its results. Operand and result types must match
    the kernel's signature. The operands are values already on the
    accelerator (`accel.host_to_device`); the results stay there until an
    `accel.device_to_host`.

    Example:

    ```mlir
    %d = accel.host_to_device %x : tensor<4x8xf32>
    %r = accel.launch @main_kernel0(%d) : (tensor<4x8xf32>) -> tensor<4x8xf32>
    %h = accel.device_to_host %r : tensor<4x8xf32>
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$kernel,
                       Variadic<Accel_Tensor>:$args);
  let results = (outs Variadic<Accel_Tensor>:$results);
  let assemblyFormat = [{
    $kernel `(` $args `)` attr-dict `:` functional-type($args, $results)
  }];
}

class Accel_TransferOp<string mnemonic, string from, string to>
    : Accel_Op<mnemonic, [Pure, SameOperandsAndResultType]> {
  let summary = "Move a tensor from the " # from # " to the " # to;
  let description = [{
    Makes a host-link transfer explicit: the value is unchanged, but it now
    lives on the }] # to # [{. `accel-outline-kernels` puts one on every
    value crossing a kernel boundary, so the data moved over the host link
    can be read off the IR.

    Example:

    ```mlir
    %0 = accel.}] # mnemonic # [{ %x : tensor<4x8xi8>
    ```
  }];
  let arguments = (ins Accel_Tensor:$input);
  let results = (outs Accel_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def Accel_HostToDeviceOp
    : Accel_TransferOp<"host_to_device", "host", "accelerator">;
def Accel_DeviceToHostOp
    : Accel_TransferOp<"device_to_host", "accelerator", "host">;

include "accel/Dialect/Accel/IR/AccelTileOps.td"

#endif // ACCEL_DIALECT_ACCEL_IR_ACCELOPS_TD
