// RUN: accel-opt %s --convert-tosa-to-accel | FileCheck %s

// TOSA ops that convert-tosa-to-accel leaves unchanged; they run on the host
// through upstream tosa-to-linalg.

// Integer elementwise ops: accel's add/sub/mul/clamp take float or quantized
// tensors, and TOSA's integer tensors carry no scales to make them quantized.
// CHECK-LABEL: func.func @integer_elementwise
// CHECK: tosa.add
// CHECK: tosa.clamp
// CHECK-NOT: accel.
func.func @integer_elementwise(%a: tensor<4xi32>, %b: tensor<4xi8>) -> (tensor<4xi32>, tensor<4xi8>) {
  %0 = tosa.add %a, %a : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %1 = tosa.clamp %b {min_val = 0 : i8, max_val = 100 : i8} : (tensor<4xi8>) -> tensor<4xi8>
  return %0, %1 : tensor<4xi32>, tensor<4xi8>
}

// A fixed-point mul with a non-zero shift has no accel equivalent.
// CHECK-LABEL: func.func @mul_shift
// CHECK: tosa.mul
// CHECK-NOT: accel.
func.func @mul_shift(%a: tensor<4xi32>) -> tensor<4xi32> {
  %shift = "tosa.const"() <{values = dense<3> : tensor<1xi8>}> : () -> tensor<1xi8>
  %0 = tosa.mul %a, %a, %shift : (tensor<4xi32>, tensor<4xi32>, tensor<1xi8>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// i16 x i8 contractions accumulate in i48: no accel accumulator type.
// CHECK-LABEL: func.func @conv2d_i16
// CHECK: tosa.conv2d
// CHECK-NOT: accel.
func.func @conv2d_i16(%x: tensor<1x4x4x2xi16>, %w: tensor<3x1x1x2xi8>, %b: tensor<3xi48>) -> tensor<1x4x4x3xi48> {
  %xzp = "tosa.const"() <{values = dense<0> : tensor<1xi16>}> : () -> tensor<1xi16>
  %wzp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %0 = tosa.conv2d %x, %w, %b, %xzp, %wzp {acc_type = i48, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xi16>, tensor<3x1x1x2xi8>, tensor<3xi48>, tensor<1xi16>, tensor<1xi8>) -> tensor<1x4x4x3xi48>
  return %0 : tensor<1x4x4x3xi48>
}

// Dynamic shapes are not converted.
// CHECK-LABEL: func.func @matmul_dynamic
// CHECK: tosa.matmul
// CHECK-NOT: accel.
func.func @matmul_dynamic(%a: tensor<1x?x8xf32>, %b: tensor<1x8x4xf32>) -> tensor<1x?x4xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %0 = tosa.matmul %a, %b, %zp, %zp : (tensor<1x?x8xf32>, tensor<1x8x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x?x4xf32>
  return %0 : tensor<1x?x4xf32>
}

// Rescales accel cannot reproduce bit for bit: a multiplier below 2^30
// (accel would renormalize it and round differently), INEXACT_ROUND,
// SINGLE_ROUND with a shift above 31, and unsigned inputs.
// CHECK-LABEL: func.func @rescale_forms
// CHECK-COUNT-4: tosa.rescale
// CHECK-NOT: accel.
func.func @rescale_forms(%x: tensor<4xi32>, %u: tensor<4xi8>) -> (tensor<4xi8>, tensor<4xi8>, tensor<4xi8>, tensor<4xi8>) {
  %small = "tosa.const"() <{values = dense<12345> : tensor<1xi32>}> : () -> tensor<1xi32>
  %m = "tosa.const"() <{values = dense<1717986918> : tensor<1xi32>}> : () -> tensor<1xi32>
  %s = "tosa.const"() <{values = dense<36> : tensor<1xi8>}> : () -> tensor<1xi8>
  %zp32 = "tosa.const"() <{values = dense<0> : tensor<1xi32>}> : () -> tensor<1xi32>
  %zp8 = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %0 = tosa.rescale %x, %small, %s, %zp32, %zp8 {scale32 = true, rounding_mode = DOUBLE_ROUND, per_channel = false, input_unsigned = false, output_unsigned = false} : (tensor<4xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<4xi8>
  %1 = tosa.rescale %x, %m, %s, %zp32, %zp8 {scale32 = true, rounding_mode = INEXACT_ROUND, per_channel = false, input_unsigned = false, output_unsigned = false} : (tensor<4xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<4xi8>
  %2 = tosa.rescale %x, %m, %s, %zp32, %zp8 {scale32 = true, rounding_mode = SINGLE_ROUND, per_channel = false, input_unsigned = false, output_unsigned = false} : (tensor<4xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<4xi8>
  %3 = tosa.rescale %u, %m, %s, %zp8, %zp8 {scale32 = true, rounding_mode = DOUBLE_ROUND, per_channel = false, input_unsigned = true, output_unsigned = false} : (tensor<4xi8>, tensor<1xi32>, tensor<1xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<4xi8>
  return %0, %1, %2, %3 : tensor<4xi8>, tensor<4xi8>, tensor<4xi8>, tensor<4xi8>
}

// Integer avg_pool2d rounds with TOSA's reciprocal multiplier, not accel's
// division.
// CHECK-LABEL: func.func @avg_pool_i8
// CHECK: tosa.avg_pool2d
// CHECK-NOT: accel.
func.func @avg_pool_i8(%x: tensor<1x4x4x2xi8>) -> tensor<1x2x2x2xi8> {
  %zp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %0 = tosa.avg_pool2d %x, %zp, %zp {acc_type = i32, kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x4x2xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x2x2x2xi8>
  return %0 : tensor<1x2x2x2xi8>
}

// Ops outside the converted set (reshape, transpose, ...) are untouched.
// CHECK-LABEL: func.func @other_ops
// CHECK: tosa.sigmoid
// CHECK-NOT: accel.
func.func @other_ops(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = tosa.sigmoid %x : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
