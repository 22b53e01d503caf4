// RUN: accel-opt %s --convert-linalg-to-accel --split-input-file | FileCheck %s

// Every linalg form that convert-linalg-to-accel rewrites, and (at the end)
// forms it leaves alone.

// A zero-filled init is dropped.
// CHECK-LABEL: func.func @matmul_zero_init
// CHECK-SAME: (%[[A:.*]]: tensor<4x16xf32>, %[[B:.*]]: tensor<16x8xf32>)
// CHECK: %[[R:.*]] = accel.matmul %[[A]], %[[B]] acc(f32) : tensor<4x16xf32>, tensor<16x8xf32> -> tensor<4x8xf32>
// CHECK-NOT: linalg.matmul
// CHECK: return %[[R]]
func.func @matmul_zero_init(%a: tensor<4x16xf32>, %b: tensor<16x8xf32>) -> tensor<4x8xf32> {
  %c0 = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x8xf32>
  %z = linalg.fill ins(%c0 : f32) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
  %0 = linalg.matmul ins(%a, %b : tensor<4x16xf32>, tensor<16x8xf32>) outs(%z : tensor<4x8xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// Any other init is added back.
// CHECK-LABEL: func.func @matmul_accumulate
// CHECK-SAME: (%[[A:.*]]: tensor<4x16xbf16>, %[[B:.*]]: tensor<16x8xbf16>, %[[C:.*]]: tensor<4x8xf32>)
// CHECK: %[[M:.*]] = accel.matmul %[[A]], %[[B]] acc(f32) : tensor<4x16xbf16>, tensor<16x8xbf16> -> tensor<4x8xf32>
// CHECK: %[[R:.*]] = accel.add %[[M]], %[[C]] : tensor<4x8xf32>, tensor<4x8xf32> -> tensor<4x8xf32>
// CHECK: return %[[R]]
func.func @matmul_accumulate(%a: tensor<4x16xbf16>, %b: tensor<16x8xbf16>, %c: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<4x16xbf16>, tensor<16x8xbf16>) outs(%c : tensor<4x8xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// Mixed-type integer matmul: raw i8 operands, i32 accumulators.
// CHECK-LABEL: func.func @matmul_i8_i32
// CHECK-SAME: (%[[A:.*]]: tensor<4x16xi8>, %[[B:.*]]: tensor<16x8xi8>)
// CHECK: accel.matmul %[[A]], %[[B]] acc(i32) : tensor<4x16xi8>, tensor<16x8xi8> -> tensor<4x8xi32>
func.func @matmul_i8_i32(%a: tensor<4x16xi8>, %b: tensor<16x8xi8>) -> tensor<4x8xi32> {
  %c0 = arith.constant 0 : i32
  %e = tensor.empty() : tensor<4x8xi32>
  %z = linalg.fill ins(%c0 : i32) outs(%e : tensor<4x8xi32>) -> tensor<4x8xi32>
  %0 = linalg.matmul ins(%a, %b : tensor<4x16xi8>, tensor<16x8xi8>) outs(%z : tensor<4x8xi32>) -> tensor<4x8xi32>
  return %0 : tensor<4x8xi32>
}

// -----

// CHECK-LABEL: func.func @batch_matmul
// CHECK-SAME: (%[[A:.*]]: tensor<2x4x16xf16>, %[[B:.*]]: tensor<2x16x8xf16>)
// CHECK: accel.matmul %[[A]], %[[B]] acc(f32) : tensor<2x4x16xf16>, tensor<2x16x8xf16> -> tensor<2x4x8xf16>
func.func @batch_matmul(%a: tensor<2x4x16xf16>, %b: tensor<2x16x8xf16>) -> tensor<2x4x8xf16> {
  %c0 = arith.constant 0.0 : f16
  %e = tensor.empty() : tensor<2x4x8xf16>
  %z = linalg.fill ins(%c0 : f16) outs(%e : tensor<2x4x8xf16>) -> tensor<2x4x8xf16>
  %0 = linalg.batch_matmul ins(%a, %b : tensor<2x4x16xf16>, tensor<2x16x8xf16>) outs(%z : tensor<2x4x8xf16>) -> tensor<2x4x8xf16>
  return %0 : tensor<2x4x8xf16>
}

// -----

// A zero tensor.pad on H and W becomes the padding attribute.
// CHECK-LABEL: func.func @conv2d_padded
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x8x3xf32>, %[[W:.*]]: tensor<3x3x3x4xf32>)
// CHECK: accel.conv2d %[[X]], %[[W]] strides [2, 2] padding [1, 1, 1, 1] acc(f32) : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x4x4x4xf32>
func.func @conv2d_padded(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>) -> tensor<1x4x4x4xf32> {
  %c0 = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %c0 : f32
  } : tensor<1x8x8x3xf32> to tensor<1x10x10x3xf32>
  %e = tensor.empty() : tensor<1x4x4x4xf32>
  %z = linalg.fill ins(%c0 : f32) outs(%e : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
         ins(%p, %w : tensor<1x10x10x3xf32>, tensor<3x3x3x4xf32>) outs(%z : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

// CHECK-LABEL: func.func @conv2d_i8_dilated
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x8x3xi8>, %[[W:.*]]: tensor<3x3x3x4xi8>)
// CHECK: accel.conv2d %[[X]], %[[W]] dilations [2, 2] acc(i32) : tensor<1x8x8x3xi8>, tensor<3x3x3x4xi8> -> tensor<1x4x4x4xi32>
func.func @conv2d_i8_dilated(%x: tensor<1x8x8x3xi8>, %w: tensor<3x3x3x4xi8>) -> tensor<1x4x4x4xi32> {
  %c0 = arith.constant 0 : i32
  %e = tensor.empty() : tensor<1x4x4x4xi32>
  %z = linalg.fill ins(%c0 : i32) outs(%e : tensor<1x4x4x4xi32>) -> tensor<1x4x4x4xi32>
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%x, %w : tensor<1x8x8x3xi8>, tensor<3x3x3x4xi8>) outs(%z : tensor<1x4x4x4xi32>) -> tensor<1x4x4x4xi32>
  return %0 : tensor<1x4x4x4xi32>
}

// -----

// CHECK-LABEL: func.func @depthwise
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x8x3xf32>, %[[W:.*]]: tensor<3x3x3xf32>)
// CHECK: %[[F:.*]] = tensor.expand_shape %[[W]] {{\[\[}}0], [1], [2, 3]] output_shape [3, 3, 1, 3] : tensor<3x3x3xf32> into tensor<3x3x1x3xf32>
// CHECK: accel.conv2d %[[X]], %[[F]] groups 3 acc(f32) : tensor<1x8x8x3xf32>, tensor<3x3x1x3xf32> -> tensor<1x6x6x3xf32>
func.func @depthwise(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3xf32>) -> tensor<1x6x6x3xf32> {
  %c0 = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x6x6x3xf32>
  %z = linalg.fill ins(%c0 : f32) outs(%e : tensor<1x6x6x3xf32>) -> tensor<1x6x6x3xf32>
  %0 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%x, %w : tensor<1x8x8x3xf32>, tensor<3x3x3xf32>) outs(%z : tensor<1x6x6x3xf32>) -> tensor<1x6x6x3xf32>
  return %0 : tensor<1x6x6x3xf32>
}

// -----

// CHECK-LABEL: func.func @max_pool
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x8x4xf32>)
// CHECK: accel.max_pool2d %[[X]] window [2, 2] strides [2, 2] : tensor<1x8x8x4xf32> -> tensor<1x4x4x4xf32>
func.func @max_pool(%x: tensor<1x8x8x4xf32>) -> tensor<1x4x4x4xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %e = tensor.empty() : tensor<1x4x4x4xf32>
  %init = linalg.fill ins(%ninf : f32) outs(%e : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  %win = tensor.empty() : tensor<2x2xf32>
  %0 = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
         ins(%x, %win : tensor<1x8x8x4xf32>, tensor<2x2xf32>) outs(%init : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

// CHECK-LABEL: func.func @relu
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>)
// CHECK: %[[R:.*]] = accel.relu %[[X]] : tensor<4x8xf32>
// CHECK: return %[[R]]
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @relu(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %c0 = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x8xf32>
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
         ins(%x : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %c0 : f32
    linalg.yield %m : f32
  } -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// Not converted: an integer matmul with a non-zero init (accel.add takes no
// raw integers), unsigned casts, and a max pool whose init is not -inf.
// CHECK-LABEL: func.func @unsupported
// CHECK: linalg.matmul ins
// CHECK: linalg.matmul {cast = #linalg.type_fn<cast_unsigned>}
// CHECK: linalg.pooling_nhwc_max
// CHECK-NOT: accel.
func.func @unsupported(%a: tensor<4x16xi8>, %b: tensor<16x8xi8>, %c: tensor<4x8xi32>, %x: tensor<1x8x8x4xf32>, %init: tensor<1x4x4x4xf32>) -> (tensor<4x8xi32>, tensor<4x8xi32>, tensor<1x4x4x4xf32>) {
  %0 = linalg.matmul ins(%a, %b : tensor<4x16xi8>, tensor<16x8xi8>) outs(%c : tensor<4x8xi32>) -> tensor<4x8xi32>
  %1 = linalg.matmul {cast = #linalg.type_fn<cast_unsigned>} ins(%a, %b : tensor<4x16xi8>, tensor<16x8xi8>) outs(%c : tensor<4x8xi32>) -> tensor<4x8xi32>
  %win = tensor.empty() : tensor<2x2xf32>
  %2 = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
         ins(%x, %win : tensor<1x8x8x4xf32>, tensor<2x2xf32>) outs(%init : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  return %0, %1, %2 : tensor<4x8xi32>, tensor<4x8xi32>, tensor<1x4x4x4xf32>
}
