// RUN: accel-opt %s --convert-tosa-to-accel --split-input-file | FileCheck %s

// Every TOSA op form that convert-tosa-to-accel rewrites. Forms that stay
// TOSA are in unsupported.mlir.

// CHECK-LABEL: func.func @matmul_f32
// CHECK-SAME: (%[[A:.*]]: tensor<2x5x7xf32>, %[[B:.*]]: tensor<2x7x3xf32>)
// CHECK: %[[R:.*]] = accel.matmul %[[A]], %[[B]] acc(f32) : tensor<2x5x7xf32>, tensor<2x7x3xf32> -> tensor<2x5x3xf32>
// CHECK-NOT: tosa.matmul
// CHECK: return %[[R]]
func.func @matmul_f32(%a: tensor<2x5x7xf32>, %b: tensor<2x7x3xf32>) -> tensor<2x5x3xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %0 = tosa.matmul %a, %b, %zp, %zp : (tensor<2x5x7xf32>, tensor<2x7x3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x5x3xf32>
  return %0 : tensor<2x5x3xf32>
}

// -----

// CHECK-LABEL: func.func @matmul_bf16
// CHECK: accel.matmul %{{.*}}, %{{.*}} acc(f32) : tensor<1x4x8xbf16>, tensor<1x8x2xbf16> -> tensor<1x4x2xf32>
func.func @matmul_bf16(%a: tensor<1x4x8xbf16>, %b: tensor<1x8x2xbf16>) -> tensor<1x4x2xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xbf16>}> : () -> tensor<1xbf16>
  %0 = tosa.matmul %a, %b, %zp, %zp : (tensor<1x4x8xbf16>, tensor<1x8x2xbf16>, tensor<1xbf16>, tensor<1xbf16>) -> tensor<1x4x2xf32>
  return %0 : tensor<1x4x2xf32>
}

// -----

// CHECK-LABEL: func.func @matmul_i8
// CHECK-SAME: (%[[A:.*]]: tensor<1x4x8xi8>, %[[B:.*]]: tensor<1x8x2xi8>)
// CHECK: accel.matmul %[[A]], %[[B]] acc(i32) : tensor<1x4x8xi8>, tensor<1x8x2xi8> -> tensor<1x4x2xi32>
func.func @matmul_i8(%a: tensor<1x4x8xi8>, %b: tensor<1x8x2xi8>) -> tensor<1x4x2xi32> {
  %zp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %0 = tosa.matmul %a, %b, %zp, %zp : (tensor<1x4x8xi8>, tensor<1x8x2xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x4x2xi32>
  return %0 : tensor<1x4x2xi32>
}

// -----

// A non-zero zero point becomes a unit-scale quantized operand: the raw i32
// accumulators of (q - zp) products do not depend on the scale.
// CHECK-LABEL: func.func @matmul_i8_zp
// CHECK-SAME: (%[[A:.*]]: tensor<1x4x8xi8>, %[[B:.*]]: tensor<1x8x2xi8>)
// CHECK: %[[QA:.*]] = quant.scast %[[A]] : tensor<1x4x8xi8> to tensor<1x4x8x!quant.uniform<i8:f32, 1.000000e+00:-3>>
// CHECK: %[[QB:.*]] = quant.scast %[[B]] : tensor<1x8x2xi8> to tensor<1x8x2x!quant.uniform<i8:f32, 1.000000e+00>>
// CHECK: accel.matmul %[[QA]], %[[QB]] acc(i32) : {{.*}} -> tensor<1x4x2xi32>
func.func @matmul_i8_zp(%a: tensor<1x4x8xi8>, %b: tensor<1x8x2xi8>) -> tensor<1x4x2xi32> {
  %azp = "tosa.const"() <{values = dense<-3> : tensor<1xi8>}> : () -> tensor<1xi8>
  %bzp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %0 = tosa.matmul %a, %b, %azp, %bzp : (tensor<1x4x8xi8>, tensor<1x8x2xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x4x2xi32>
  return %0 : tensor<1x4x2xi32>
}

// -----

// A constant OHWI filter is transposed to HWCF at compile time.
// CHECK-LABEL: func.func @conv2d
// CHECK-SAME: (%[[X:.*]]: tensor<1x7x7x3xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK: %[[W:.*]] = arith.constant dense<{{\[\[\[\[}}1.000000e+00, 4.000000e+00, 7.000000e+00, 1.000000e+01], [2.000000e+00, 5.000000e+00, 8.000000e+00, 1.100000e+01], [3.000000e+00, 6.000000e+00, 9.000000e+00, 1.200000e+01]]]]> : tensor<1x1x3x4xf32>
// CHECK: accel.conv2d %[[X]], %[[W]] bias(%[[B]] : tensor<4xf32>) strides [2, 2] acc(f32) : tensor<1x7x7x3xf32>, tensor<1x1x3x4xf32> -> tensor<1x4x4x4xf32>
func.func @conv2d(%x: tensor<1x7x7x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x4x4xf32> {
  %w = "tosa.const"() <{values = dense<[[[[1.0, 2.0, 3.0]]], [[[4.0, 5.0, 6.0]]], [[[7.0, 8.0, 9.0]]], [[[10.0, 11.0, 12.0]]]]> : tensor<4x1x1x3xf32>}> : () -> tensor<4x1x1x3xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %0 = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x7x7x3xf32>, tensor<4x1x1x3xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

// A filter value is transposed with linalg.transpose; an f16 bias is cast to
// the f32 accumulator.
// CHECK-LABEL: func.func @conv2d_value
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x8x3xf16>, %[[W:.*]]: tensor<4x3x3x3xf16>, %[[B:.*]]: tensor<4xf16>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<3x3x3x4xf16>
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[W]] : tensor<4x3x3x3xf16>) outs(%[[E]] : tensor<3x3x3x4xf16>) permutation = [1, 2, 3, 0]
// CHECK: %[[B32:.*]] = accel.cast %[[B]] : tensor<4xf16> -> tensor<4xf32>
// CHECK: accel.conv2d %[[X]], %[[T]] bias(%[[B32]] : tensor<4xf32>) padding [1, 1, 1, 1] acc(f32) : tensor<1x8x8x3xf16>, tensor<3x3x3x4xf16> -> tensor<1x8x8x4xf16>
func.func @conv2d_value(%x: tensor<1x8x8x3xf16>, %w: tensor<4x3x3x3xf16>, %b: tensor<4xf16>) -> tensor<1x8x8x4xf16> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf16>}> : () -> tensor<1xf16>
  %0 = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x8x8x3xf16>, tensor<4x3x3x3xf16>, tensor<4xf16>, tensor<1xf16>, tensor<1xf16>) -> tensor<1x8x8x4xf16>
  return %0 : tensor<1x8x8x4xf16>
}

// -----

// [KH, KW, C, M] -> [KH, KW, 1, C*M] with groups = C; a zero bias is dropped.
// CHECK-LABEL: func.func @depthwise
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x8x3xf32>, %[[W:.*]]: tensor<3x3x3x2xf32>)
// CHECK: %[[C:.*]] = tensor.collapse_shape %[[W]] {{\[\[}}0], [1], [2, 3]] : tensor<3x3x3x2xf32> into tensor<3x3x6xf32>
// CHECK: %[[F:.*]] = tensor.expand_shape %[[C]] {{\[\[}}0], [1], [2, 3]] output_shape [3, 3, 1, 6] : tensor<3x3x6xf32> into tensor<3x3x1x6xf32>
// CHECK: accel.conv2d %[[X]], %[[F]] padding [1, 1, 1, 1] groups 3 acc(f32) : tensor<1x8x8x3xf32>, tensor<3x3x1x6xf32> -> tensor<1x8x8x6xf32>
func.func @depthwise(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x2xf32>) -> tensor<1x8x8x6xf32> {
  %b = "tosa.const"() <{values = dense<0.0> : tensor<6xf32>}> : () -> tensor<6xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %0 = tosa.depthwise_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x2xf32>, tensor<6xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x8x6xf32>
  return %0 : tensor<1x8x8x6xf32>
}

// -----

// mul with shift 0; clamp [0, 6] stays a clamp, clamp [0, +inf] is a relu.
// CHECK-LABEL: func.func @elementwise
// CHECK-SAME: (%[[A:.*]]: tensor<4x16xf32>, %[[B:.*]]: tensor<1x16xf32>)
// CHECK: %[[ADD:.*]] = accel.add %[[A]], %[[B]] : tensor<4x16xf32>, tensor<1x16xf32> -> tensor<4x16xf32>
// CHECK: %[[SUB:.*]] = accel.sub %[[ADD]], %[[B]]
// CHECK: %[[MUL:.*]] = accel.mul %[[SUB]], %[[A]] : tensor<4x16xf32>, tensor<4x16xf32> -> tensor<4x16xf32>
// CHECK: %[[CL:.*]] = accel.clamp %[[MUL]] min 0.000000e+00 max 6.000000e+00 : tensor<4x16xf32>
// CHECK: %[[R:.*]] = accel.relu %[[CL]] : tensor<4x16xf32>
// CHECK: return %[[R]]
func.func @elementwise(%a: tensor<4x16xf32>, %b: tensor<1x16xf32>) -> tensor<4x16xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %0 = tosa.add %a, %b : (tensor<4x16xf32>, tensor<1x16xf32>) -> tensor<4x16xf32>
  %1 = tosa.sub %0, %b : (tensor<4x16xf32>, tensor<1x16xf32>) -> tensor<4x16xf32>
  %2 = tosa.mul %1, %a, %shift : (tensor<4x16xf32>, tensor<4x16xf32>, tensor<1xi8>) -> tensor<4x16xf32>
  %3 = tosa.clamp %2 {min_val = 0.0 : f32, max_val = 6.0 : f32} : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %4 = tosa.clamp %3 {min_val = 0.0 : f32, max_val = 0x7F800000 : f32} : (tensor<4x16xf32>) -> tensor<4x16xf32>
  return %4 : tensor<4x16xf32>
}

// -----

// multiplier 1717986918 * 2^-36 = 0.025 becomes the input scale; the output
// scale is 1.0, so accel recomputes the same multiplier and shift.
// CHECK-LABEL: func.func @rescale
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x2xi32>)
// CHECK: %[[Q:.*]] = quant.scast %[[X]] : tensor<1x4x2xi32> to tensor<1x4x2x!quant.uniform<i32:f32, 0.024999999994179234>>
// CHECK: %[[R:.*]] = accel.requantize %[[Q]] : tensor<1x4x2x!quant.uniform<i32:f32, 0.024999999994179234>> -> tensor<1x4x2x!quant.uniform<i8:f32, 1.000000e+00:-1>>
// CHECK: %[[O:.*]] = quant.scast %[[R]] : {{.*}} to tensor<1x4x2xi8>
// CHECK: return %[[O]]
func.func @rescale(%x: tensor<1x4x2xi32>) -> tensor<1x4x2xi8> {
  %m = "tosa.const"() <{values = dense<1717986918> : tensor<1xi32>}> : () -> tensor<1xi32>
  %s = "tosa.const"() <{values = dense<36> : tensor<1xi8>}> : () -> tensor<1xi8>
  %izp = "tosa.const"() <{values = dense<0> : tensor<1xi32>}> : () -> tensor<1xi32>
  %ozp = "tosa.const"() <{values = dense<-1> : tensor<1xi8>}> : () -> tensor<1xi8>
  %0 = tosa.rescale %x, %m, %s, %izp, %ozp {scale32 = true, rounding_mode = DOUBLE_ROUND, per_channel = false, input_unsigned = false, output_unsigned = false} : (tensor<1x4x2xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<1x4x2xi8>
  return %0 : tensor<1x4x2xi8>
}

// -----

// CHECK-LABEL: func.func @pool
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x8x4xf32>)
// CHECK: accel.max_pool2d %[[X]] window [2, 2] strides [2, 2] : tensor<1x8x8x4xf32> -> tensor<1x4x4x4xf32>
// CHECK: accel.avg_pool2d %[[X]] window [3, 3] padding [1, 1, 1, 1] : tensor<1x8x8x4xf32> -> tensor<1x8x8x4xf32>
func.func @pool(%x: tensor<1x8x8x4xf32>) -> (tensor<1x4x4x4xf32>, tensor<1x8x8x4xf32>) {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %0 = tosa.max_pool2d %x {kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x8x8x4xf32>) -> tensor<1x4x4x4xf32>
  %1 = tosa.avg_pool2d %x, %zp, %zp {acc_type = f32, kernel = array<i64: 3, 3>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x8x8x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x8x4xf32>
  return %0, %1 : tensor<1x4x4x4xf32>, tensor<1x8x8x4xf32>
}


// -----

// An i8 conv2d with an input zero point: unit-scale quantized operands, raw
// i32 result, i32 bias.
// CHECK-LABEL: func.func @conv2d_i8_zp
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x2xi8>, %[[W:.*]]: tensor<3x1x1x2xi8>, %[[B:.*]]: tensor<3xi32>)
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[W]] : tensor<3x1x1x2xi8>)
// CHECK: %[[QX:.*]] = quant.scast %[[X]] : tensor<1x4x4x2xi8> to tensor<1x4x4x2x!quant.uniform<i8:f32, 1.000000e+00:5>>
// CHECK: %[[QW:.*]] = quant.scast %[[T]] : tensor<1x1x2x3xi8> to tensor<1x1x2x3x!quant.uniform<i8:f32, 1.000000e+00>>
// CHECK: accel.conv2d %[[QX]], %[[QW]] bias(%[[B]] : tensor<3xi32>) acc(i32) : {{.*}} -> tensor<1x4x4x3xi32>
func.func @conv2d_i8_zp(%x: tensor<1x4x4x2xi8>, %w: tensor<3x1x1x2xi8>, %b: tensor<3xi32>) -> tensor<1x4x4x3xi32> {
  %xzp = "tosa.const"() <{values = dense<5> : tensor<1xi8>}> : () -> tensor<1xi8>
  %wzp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %0 = tosa.conv2d %x, %w, %b, %xzp, %wzp {acc_type = i32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xi8>, tensor<3x1x1x2xi8>, tensor<3xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x4x4x3xi32>
  return %0 : tensor<1x4x4x3xi32>
}

// -----

// A per-channel rescale: per-axis input scales along the last dimension
// (2^30 * 2^-33 = 0.125 and 1717986918 * 2^-36).
// CHECK-LABEL: func.func @rescale_per_channel
// CHECK: quant.scast %{{.*}} : tensor<2x2xi32> to tensor<2x2x!quant.uniform<i32:f32:1, {1.250000e-01,0.024999999994179234}>>
// CHECK: accel.requantize %{{.*}} -> tensor<2x2x!quant.uniform<i8:f32, 1.000000e+00:3>>
func.func @rescale_per_channel(%x: tensor<2x2xi32>) -> tensor<2x2xi8> {
  %m = "tosa.const"() <{values = dense<[1073741824, 1717986918]> : tensor<2xi32>}> : () -> tensor<2xi32>
  %s = "tosa.const"() <{values = dense<[33, 36]> : tensor<2xi8>}> : () -> tensor<2xi8>
  %izp = "tosa.const"() <{values = dense<0> : tensor<1xi32>}> : () -> tensor<1xi32>
  %ozp = "tosa.const"() <{values = dense<3> : tensor<1xi8>}> : () -> tensor<1xi8>
  %0 = tosa.rescale %x, %m, %s, %izp, %ozp {scale32 = true, rounding_mode = DOUBLE_ROUND, per_channel = true, input_unsigned = false, output_unsigned = false} : (tensor<2x2xi32>, tensor<2xi32>, tensor<2xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<2x2xi8>
  return %0 : tensor<2x2xi8>
}

// -----

// i8 max pooling is scale-independent: a unit-scale quantized round trip.
// CHECK-LABEL: func.func @max_pool_i8
// CHECK: %[[Q:.*]] = quant.scast %{{.*}} : tensor<1x4x4x2xi8> to tensor<1x4x4x2x!quant.uniform<i8:f32, 1.000000e+00>>
// CHECK: %[[P:.*]] = accel.max_pool2d %[[Q]] window [2, 2] strides [2, 2]
// CHECK: quant.scast %[[P]] : tensor<1x2x2x2x!quant.uniform<i8:f32, 1.000000e+00>> to tensor<1x2x2x2xi8>
func.func @max_pool_i8(%x: tensor<1x4x4x2xi8>) -> tensor<1x2x2x2xi8> {
  %0 = tosa.max_pool2d %x {kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x4x2xi8>) -> tensor<1x2x2x2xi8>
  return %0 : tensor<1x2x2x2xi8>
}
