// A quantization-aware-trained model in QDQ form (quantize -> dequantize ->
// f32 contraction with dequantized int8 weight constants -> [relu/clamp] ->
// quantize -> dequantize), run as written (the QDQ graph computed in f32)
// and after accel-fold-qdq (quantized contractions on the integer path).
//
// Inputs/qat_check.py checks, for each entry function:
//   * the folded result equals, bit for bit, a numpy integer model of
//     docs/Numerics.md: i32 accumulation, the bias quantized to i32 at
//     s_in * s_w[c] (nearest, ties to even), fixed-point requantization, and
//     relu/clamp as max/min with quantize(0) and the quantized f32 clamp
//     bounds;
//   * the folded result is within one output quantization step of the QDQ
//     graph's.  Both round nearly the same real value to the nearest step:
//     the QDQ graph after f32 sums of the dequantized products and the f32
//     bias, the folded graph after rounding the bias to the accumulator scale
//     (at most M/2 steps, M = s_in * s_w / s_out < 1) and after the fixed-
//     point multiplier's two roundings.  A value close to a rounding boundary
//     may therefore land on the neighbouring step; relu, clamp and
//     dequantize are monotonic and never widen that gap;
//   * the folded clamp's bounds give the same storage bounds as quantizing
//     the f32 clamp's bounds.
// On int8-16x16 the folded contraction runs as an accelerator kernel and
// must equal the cpu run exactly.

// RUN: rm -rf %t && mkdir -p %t
// RUN: accel-opt %s --accel-fold-qdq -o %t/folded.mlir
// RUN: FileCheck %s --check-prefix=FOLDED < %t/folded.mlir

// RUN: %python %S/Inputs/qat_check.py gen qat_fc %t/fc
// RUN: accel-run %s --target=cpu --entry=qat_fc --input=%t/fc/arg0.npy --output-dir=%t/fc/qdq > /dev/null
// RUN: accel-run %t/folded.mlir --target=cpu --entry=qat_fc --input=%t/fc/arg0.npy --output-dir=%t/fc/cpu > /dev/null
// RUN: accel-run %t/folded.mlir --target=int8-16x16 --no-cost-model --entry=qat_fc --input=%t/fc/arg0.npy --output-dir=%t/fc/int8-16x16 | FileCheck %s --check-prefix=LAUNCH
// RUN: %python %S/Inputs/qat_check.py check qat_fc %s %t/folded.mlir %t/fc | FileCheck %s --check-prefix=CHECKER
// RUN: %python %S/Inputs/compare.py %t/fc/cpu %t/fc/int8-16x16
// accel-run --fold-qdq does the same in one command.
// RUN: accel-run %s --fold-qdq --target=int8-16x16 --no-cost-model --entry=qat_fc --input=%t/fc/arg0.npy --output-dir=%t/fc/one-command | FileCheck %s --check-prefix=LAUNCH
// RUN: cmp %t/fc/cpu/result0.npy %t/fc/one-command/result0.npy

// RUN: %python %S/Inputs/qat_check.py gen qat_conv %t/conv
// RUN: accel-run %s --target=cpu --entry=qat_conv --input=%t/conv/arg0.npy --output-dir=%t/conv/qdq > /dev/null
// RUN: accel-run %t/folded.mlir --target=cpu --entry=qat_conv --input=%t/conv/arg0.npy --output-dir=%t/conv/cpu > /dev/null
// RUN: accel-run %t/folded.mlir --target=int8-16x16 --no-cost-model --entry=qat_conv --input=%t/conv/arg0.npy --output-dir=%t/conv/int8-16x16 | FileCheck %s --check-prefix=LAUNCH
// RUN: %python %S/Inputs/qat_check.py check qat_conv %s %t/folded.mlir %t/conv | FileCheck %s --check-prefix=CHECKER
// RUN: %python %S/Inputs/compare.py %t/conv/cpu %t/conv/int8-16x16

// LAUNCH: kernel @{{.*}}_kernel0 (launch 0): {{[0-9]+}} cycles
// CHECKER: PASS

// FOLDED-LABEL: func.func @qat_fc(
// FOLDED-NOT:     acc(f32)
// FOLDED:         accel.matmul %{{.*}}, %{{.*}} bias(%{{.*}} : tensor<10xi32>) acc(i32)
// FOLDED-NEXT:    accel.relu
// FOLDED-NEXT:    accel.dequantize
// FOLDED-LABEL: func.func @qat_conv(
// FOLDED-NOT:     acc(f32)
// FOLDED:         accel.conv2d %{{.*}}, %{{.*}} bias(%{{.*}} : tensor<4xi32>) padding [1, 1, 1, 1] acc(i32)
// FOLDED-NEXT:    accel.clamp
// FOLDED-NEXT:    accel.dequantize

// A fully connected layer: per-tensor input with a zero point, int8 weights
// quantized per output channel (symmetric), an f32 bias, relu.
!qx = !quant.uniform<i8:f32, 0.05:3>
!qw = !quant.uniform<i8:f32:1, {0.011, 0.013, 0.017, 0.019, 0.023, 0.009, 0.007, 0.029, 0.015, 0.021}>
!qo = !quant.uniform<i8:f32, 0.3:-128>
func.func @qat_fc(%x: tensor<6x24xf32>) -> tensor<6x10xf32> {
  %xq = accel.quantize %x : tensor<6x24xf32> -> tensor<6x24x!qx>
  %xd = accel.dequantize %xq : tensor<6x24x!qx> -> tensor<6x24xf32>
  %w = arith.constant dense<[
      [-66, 45, -104, -73, -46, -49, 104, 76, 106, 126],
      [-107, -91, 94, -107, -85, -81, 106, -36, -60, -84],
      [-11, 23, 77, 30, 124, -101, -3, 17, 48, -126],
      [-76, -9, -111, 121, 36, 76, 4, 25, -39, -45],
      [-94, -75, 68, -15, 83, -57, 56, 96, 84, -73],
      [-34, -58, 76, 78, -15, -59, -111, -59, -89, -109],
      [72, -8, 120, -60, -29, 99, 30, -54, -33, 70],
      [-35, -3, -3, -8, -3, 119, -66, 102, -78, -107],
      [-47, -65, 36, -80, -75, 103, 80, 14, 106, -33],
      [-109, 85, -105, -39, -11, 46, -96, -69, -106, -121],
      [-81, 50, 11, -42, 48, -40, 125, -57, 46, -63],
      [18, 18, 106, -42, -100, -19, 27, -76, 127, 1],
      [-1, 22, 15, -20, 13, -25, 126, 113, 12, -115],
      [-40, -44, 42, 5, -95, 25, -124, -117, -124, -66],
      [111, -114, 26, -126, -115, -45, -86, -24, -114, 92],
      [-12, -124, -127, 55, -35, -11, 45, 23, 46, -90],
      [68, 77, 14, -31, -53, -23, 71, 17, -79, -61],
      [-79, -16, -54, -93, 37, 52, -42, -102, -24, -56],
      [-30, -72, -119, -94, 89, 13, 11, -77, 47, 64],
      [111, -56, -125, 119, 100, 17, 126, -105, 15, 31],
      [-73, -74, 10, -31, 5, -75, -16, -55, 8, 29],
      [-2, 1, -60, -122, 43, 106, 26, -65, -14, -4],
      [-20, -95, 90, -30, -125, 72, -123, -67, -31, 88],
      [54, 29, -8, 34, 96, 103, 65, 2, -71, -92]]> : tensor<24x10xi8>
  %wq = quant.scast %w : tensor<24x10xi8> to tensor<24x10x!qw>
  %wd = accel.dequantize %wq : tensor<24x10x!qw> -> tensor<24x10xf32>
  %b = arith.constant dense<[0.5, -1.25, 2.0, 0.1, -0.3, 0.75, 1.5, -2.5, 0.05, 3.0]> : tensor<10xf32>
  %m = accel.matmul %xd, %wd bias(%b : tensor<10xf32>) acc(f32) : tensor<6x24xf32>, tensor<24x10xf32> -> tensor<6x10xf32>
  %r = accel.relu %m : tensor<6x10xf32>
  %q = accel.quantize %r : tensor<6x10xf32> -> tensor<6x10x!qo>
  %y = accel.dequantize %q : tensor<6x10x!qo> -> tensor<6x10xf32>
  return %y : tensor<6x10xf32>
}

// A 3x3 convolution, padding 1 (the f32 graph pads with 0.0, the folded one
// with the input zero point), per-tensor weights, an f32 bias and relu6.
// At scale 0.047 and zero point -128, quantize(6.0) = rne(127.66) - 128 = 0
// while the quantized clamp of the bound 6.0 would keep floor(127.66 - 128)
// = -1: the pass moves the bound so that the folded clamp keeps 0.
!cx = !quant.uniform<i8:f32, 0.04:-5>
!cw = !quant.uniform<i8:f32, 0.004>
!co = !quant.uniform<i8:f32, 0.047:-128>
func.func @qat_conv(%x: tensor<1x8x8x3xf32>) -> tensor<1x8x8x4xf32> {
  %xq = accel.quantize %x : tensor<1x8x8x3xf32> -> tensor<1x8x8x3x!cx>
  %xd = accel.dequantize %xq : tensor<1x8x8x3x!cx> -> tensor<1x8x8x3xf32>
  %f = arith.constant dense<[
      [[[-14, 10, -47, 58], [57, 102, 27, -21], [-20, 53, -5, 31]],
       [[-77, 28, 1, -8], [105, -31, 17, -126], [67, 80, 112, 5]],
       [[23, 33, -33, -58], [-75, 7, 64, -119], [-109, -4, -89, 6]]],
      [[[17, -53, 14, -58], [35, 31, -92, -102], [-25, -96, -33, -80]],
       [[84, -40, -78, 120], [112, 90, -52, -16], [48, 48, -88, -23]],
       [[-52, 70, -54, 51], [-123, -125, 15, 25], [46, -61, -85, 108]]],
      [[[-84, 31, 13, 103], [-7, 80, 125, -22], [-125, 101, 14, 123]],
       [[-115, -69, 108, -18], [-12, -106, 103, 0], [23, -12, 38, -4]],
       [[-124, -93, -63, 3], [-49, -32, -56, -19], [60, 68, 45, 1]]]]> : tensor<3x3x3x4xi8>
  %fq = quant.scast %f : tensor<3x3x3x4xi8> to tensor<3x3x3x4x!cw>
  %fd = accel.dequantize %fq : tensor<3x3x3x4x!cw> -> tensor<3x3x3x4xf32>
  %b = arith.constant dense<[0.5, -0.25, 1.0, 0.0]> : tensor<4xf32>
  %c = accel.conv2d %xd, %fd bias(%b : tensor<4xf32>) padding [1, 1, 1, 1] acc(f32) : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x8x8x4xf32>
  %r = accel.clamp %c min 0.0 max 6.0 : tensor<1x8x8x4xf32>
  %q = accel.quantize %r : tensor<1x8x8x4xf32> -> tensor<1x8x8x4x!co>
  %y = accel.dequantize %q : tensor<1x8x8x4x!co> -> tensor<1x8x8x4xf32>
  return %y : tensor<1x8x8x4xf32>
}
