// RUN: accel-opt %s --convert-accel-to-linalg --split-input-file | FileCheck %s

// One function per lowering of lib/Conversion/AccelToLinalg. Constants that
// come from docs/Numerics.md (requantization multipliers, quantized clamp
// bounds, pooling divisors) are computed by hand in the comments. Values
// created independently of each other (two constants, the two extensions of
// a binary op) are matched in either order: their creation order is not part
// of the contract.

//===----------------------------------------------------------------------===//
// accel.matmul: float
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @matmul_f32
// CHECK-SAME: (%[[A:.*]]: tensor<4x8xf32>, %[[B:.*]]: tensor<8x16xf32>) -> tensor<4x16xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<4x16xf32>
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[ACC:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EMPTY]] : tensor<4x16xf32>)
// CHECK: %[[MM:.*]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<4x8xf32>, tensor<8x16xf32>) outs(%[[ACC]] : tensor<4x16xf32>) -> tensor<4x16xf32>
// CHECK-NOT: linalg.generic
// CHECK: return %[[MM]] : tensor<4x16xf32>
func.func @matmul_f32(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %0 = accel.matmul %a, %b acc(f32) : tensor<4x8xf32>, tensor<8x16xf32> -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

// bf16 operands go into linalg.matmul unchanged with an f32 accumulator; the
// epilogue adds the bias (read along the output-channel dimension) and rounds
// once to bf16.
// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$COL2:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @matmul_bias_bf16
// CHECK-SAME: (%[[A:.*]]: tensor<4x8xbf16>, %[[B:.*]]: tensor<8x16xbf16>, %[[BIAS:.*]]: tensor<16xf32>)
// CHECK: %[[ACC:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<4x16xf32>)
// CHECK: %[[MM:.*]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<4x8xbf16>, tensor<8x16xbf16>) outs(%[[ACC]] : tensor<4x16xf32>) -> tensor<4x16xf32>
// CHECK: %[[OUT:.*]] = tensor.empty() : tensor<4x16xbf16>
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$COL2]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[MM]], %[[BIAS]] : tensor<4x16xf32>, tensor<16xf32>) outs(%[[OUT]] : tensor<4x16xbf16>)
// CHECK: ^bb0(%[[X:.*]]: f32, %[[BV:.*]]: f32, %{{.*}}: bf16):
// CHECK: %[[SUM:.*]] = arith.addf %[[X]], %[[BV]] : f32
// CHECK: %[[T:.*]] = arith.truncf %[[SUM]] : f32 to bf16
// CHECK: linalg.yield %[[T]] : bf16
// CHECK: return %[[R]] : tensor<4x16xbf16>
func.func @matmul_bias_bf16(%a: tensor<4x8xbf16>, %b: tensor<8x16xbf16>, %bias: tensor<16xf32>) -> tensor<4x16xbf16> {
  %0 = accel.matmul %a, %b bias(%bias : tensor<16xf32>) acc(f32) : tensor<4x8xbf16>, tensor<8x16xbf16> -> tensor<4x16xbf16>
  return %0 : tensor<4x16xbf16>
}

// -----

// CHECK-LABEL: func.func @matmul_transposed
// CHECK-SAME: (%[[A:.*]]: tensor<8x4xf32>, %[[B:.*]]: tensor<16x8xf32>)
// CHECK: %[[E0:.*]] = tensor.empty() : tensor<4x8xf32>
// CHECK: %[[AT:.*]] = linalg.transpose ins(%[[A]] : tensor<8x4xf32>) outs(%[[E0]] : tensor<4x8xf32>) permutation = [1, 0]
// CHECK: %[[E1:.*]] = tensor.empty() : tensor<8x16xf32>
// CHECK: %[[BT:.*]] = linalg.transpose ins(%[[B]] : tensor<16x8xf32>) outs(%[[E1]] : tensor<8x16xf32>) permutation = [1, 0]
// CHECK: %[[MM:.*]] = linalg.matmul ins(%[[AT]], %[[BT]] : tensor<4x8xf32>, tensor<8x16xf32>) outs(%{{.*}} : tensor<4x16xf32>)
// CHECK: return %[[MM]]
func.func @matmul_transposed(%a: tensor<8x4xf32>, %b: tensor<16x8xf32>) -> tensor<4x16xf32> {
  %0 = accel.matmul %a, %b transpose_lhs transpose_rhs acc(f32) : tensor<8x4xf32>, tensor<16x8xf32> -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

// One batch dimension needs no reshaping.
// CHECK-LABEL: func.func @matmul_batched_3d
// CHECK-SAME: (%[[A:.*]]: tensor<3x4x8xf32>, %[[B:.*]]: tensor<3x8x16xf32>)
// CHECK-NOT: tensor.collapse_shape
// CHECK: %[[ACC:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<3x4x16xf32>)
// CHECK: %[[MM:.*]] = linalg.batch_matmul ins(%[[A]], %[[B]] : tensor<3x4x8xf32>, tensor<3x8x16xf32>) outs(%[[ACC]] : tensor<3x4x16xf32>) -> tensor<3x4x16xf32>
// CHECK-NOT: tensor.expand_shape
// CHECK: return %[[MM]]
func.func @matmul_batched_3d(%a: tensor<3x4x8xf32>, %b: tensor<3x8x16xf32>) -> tensor<3x4x16xf32> {
  %0 = accel.matmul %a, %b acc(f32) : tensor<3x4x8xf32>, tensor<3x8x16xf32> -> tensor<3x4x16xf32>
  return %0 : tensor<3x4x16xf32>
}

// -----

// Two batch dimensions fold into one for linalg.batch_matmul and come back
// afterwards.
// CHECK-LABEL: func.func @matmul_batched_4d
// CHECK-SAME: (%[[A:.*]]: tensor<2x3x4x8xf32>, %[[B:.*]]: tensor<2x3x8x16xf32>)
// CHECK: %[[A3:.*]] = tensor.collapse_shape %[[A]] {{\[}}[0, 1], [2], [3]] : tensor<2x3x4x8xf32> into tensor<6x4x8xf32>
// CHECK: %[[B3:.*]] = tensor.collapse_shape %[[B]] {{\[}}[0, 1], [2], [3]] : tensor<2x3x8x16xf32> into tensor<6x8x16xf32>
// CHECK: %[[ACC:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<6x4x16xf32>)
// CHECK: %[[MM:.*]] = linalg.batch_matmul ins(%[[A3]], %[[B3]] : tensor<6x4x8xf32>, tensor<6x8x16xf32>) outs(%[[ACC]] : tensor<6x4x16xf32>)
// CHECK: %[[R:.*]] = tensor.expand_shape %[[MM]] {{\[}}[0, 1], [2], [3]] output_shape [2, 3, 4, 16] : tensor<6x4x16xf32> into tensor<2x3x4x16xf32>
// CHECK: return %[[R]]
func.func @matmul_batched_4d(%a: tensor<2x3x4x8xf32>, %b: tensor<2x3x8x16xf32>) -> tensor<2x3x4x16xf32> {
  %0 = accel.matmul %a, %b acc(f32) : tensor<2x3x4x8xf32>, tensor<2x3x8x16xf32> -> tensor<2x3x4x16xf32>
  return %0 : tensor<2x3x4x16xf32>
}

// -----

// A shared 2-D rhs: all batches form one [B*M, K] x [K, N] product.
// CHECK-LABEL: func.func @matmul_shared_rhs
// CHECK-SAME: (%[[A:.*]]: tensor<3x4x8xf32>, %[[B:.*]]: tensor<8x16xf32>)
// CHECK: %[[A2:.*]] = tensor.collapse_shape %[[A]] {{\[}}[0, 1], [2]] : tensor<3x4x8xf32> into tensor<12x8xf32>
// CHECK: %[[ACC:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<12x16xf32>)
// CHECK: %[[MM:.*]] = linalg.matmul ins(%[[A2]], %[[B]] : tensor<12x8xf32>, tensor<8x16xf32>) outs(%[[ACC]] : tensor<12x16xf32>)
// CHECK: %[[R:.*]] = tensor.expand_shape %[[MM]] {{\[}}[0, 1], [2]] output_shape [3, 4, 16] : tensor<12x16xf32> into tensor<3x4x16xf32>
// CHECK: return %[[R]]
func.func @matmul_shared_rhs(%a: tensor<3x4x8xf32>, %b: tensor<8x16xf32>) -> tensor<3x4x16xf32> {
  %0 = accel.matmul %a, %b acc(f32) : tensor<3x4x8xf32>, tensor<8x16xf32> -> tensor<3x4x16xf32>
  return %0 : tensor<3x4x16xf32>
}

// -----

//===----------------------------------------------------------------------===//
// accel.matmul: quantized
//===----------------------------------------------------------------------===//

// Per-channel requantization: M[c] = s_lhs * s_rhs[c] / s_out
//   c=0: 0.5 * 0.25  / 0.125 = 1.0  = 0.5  * 2^1  -> m = 2^30 = 1073741824, left 1, right 0
//   c=1: 0.5 * 0.375 / 0.125 = 1.5  = 0.75 * 2^1  -> m = 0.75 * 2^31 = 1610612736, left 1, right 0
//   c=2: 0.5 * 0.01  / 0.125 = 0.04 = 0.64 * 2^-4 -> m = round(0.64 * 2^31) = 1374389535, left 0, right 4

!qa = !quant.uniform<i8:f32, 0.5:3>
!qw = !quant.uniform<i8:f32:1, {0.25:1, 0.375:2, 0.01:-5}>
!qo = !quant.uniform<i8:f32, 0.125:-1>

// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$COL:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @matmul_quantized_per_channel
// CHECK-SAME: (%[[A:.*]]: tensor<4x8xi8>, %[[W:.*]]: tensor<8x3xi8>, %[[BIAS:.*]]: tensor<3xi32>) -> tensor<4x3xi8>
// CHECK-NOT: !quant
//
// lhs: q - 3, widened to the i32 accumulator type.
// CHECK: %[[AW:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ID]]], {{.*}}} ins(%[[A]] : tensor<4x8xi8>) outs(%{{.*}} : tensor<4x8xi32>)
// CHECK: ^bb0(%[[QA:.*]]: i8, %{{.*}}: i32):
// CHECK-DAG: %[[ZPA:.*]] = arith.constant 3 : i32
// CHECK-DAG: %[[QA32:.*]] = arith.extsi %[[QA]] : i8 to i32
// CHECK: %[[DA:.*]] = arith.subi %[[QA32]], %[[ZPA]] : i32
// CHECK: linalg.yield %[[DA]] : i32
//
// rhs: per-channel zero points read along dimension 1.
// CHECK: %[[ZPW:.*]] = arith.constant dense<[1, 2, -5]> : tensor<3xi32>
// CHECK: %[[WW:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$COL]], #[[$ID]]], {{.*}}} ins(%[[W]], %[[ZPW]] : tensor<8x3xi8>, tensor<3xi32>) outs(%{{.*}} : tensor<8x3xi32>)
// CHECK: ^bb0(%[[QW:.*]]: i8, %[[ZW:.*]]: i32, %{{.*}}: i32):
// CHECK: %[[QW32:.*]] = arith.extsi %[[QW]] : i8 to i32
// CHECK: %[[DW:.*]] = arith.subi %[[QW32]], %[[ZW]] : i32
// CHECK: linalg.yield %[[DW]] : i32
//
// CHECK: %[[ACC:.*]] = linalg.fill ins(%{{.*}} : i32) outs(%{{.*}} : tensor<4x3xi32>)
// CHECK: %[[MM:.*]] = linalg.matmul ins(%[[AW]], %[[WW]] : tensor<4x8xi32>, tensor<8x3xi32>) outs(%[[ACC]] : tensor<4x3xi32>) -> tensor<4x3xi32>
//
// Epilogue: bias, then requantization with per-channel parameters.
// CHECK: %[[MUL:.*]] = arith.constant dense<[1073741824, 1610612736, 1374389535]> : tensor<3xi32>
// CHECK: %[[LEFT:.*]] = arith.constant dense<[1, 1, 0]> : tensor<3xi32>
// CHECK: %[[RIGHT:.*]] = arith.constant dense<[0, 0, 4]> : tensor<3xi32>
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$COL]], #[[$COL]], #[[$COL]], #[[$COL]], #[[$ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[MM]], %[[BIAS]], %[[MUL]], %[[LEFT]], %[[RIGHT]] : tensor<4x3xi32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>) outs(%{{.*}} : tensor<4x3xi8>)
// CHECK: ^bb0(%[[X:.*]]: i32, %[[BV:.*]]: i32, %[[M:.*]]: i32, %[[L:.*]]: i32, %[[RS:.*]]: i32, %{{.*}}: i8):
// CHECK: %[[XB:.*]] = arith.addi %[[X]], %[[BV]] : i32
// CHECK: %[[X64:.*]] = arith.extsi %[[XB]] : i32 to i64
// CHECK: %[[L64:.*]] = arith.extsi %[[L]] : i32 to i64
// CHECK: arith.shli %[[X64]], %[[L64]] : i64
// CHECK: %[[M64:.*]] = arith.extsi %[[M]] : i32 to i64
// CHECK: arith.muli %{{.*}}, %[[M64]] : i64
// CHECK: arith.constant 1073741824 : i64
// CHECK: arith.constant 31 : i64
// CHECK: arith.shrsi
// CHECK: arith.shli %{{.*}}, %[[RS]] : i32
// CHECK: arith.shrsi %{{.*}}, %[[RS]] : i32
// Output zero point -1, then the i8 range.
// CHECK: %[[ZPO:.*]] = arith.constant -1 : i64
// CHECK: arith.addi %{{.*}}, %[[ZPO]] : i64
// CHECK-DAG: arith.constant -128 : i64
// CHECK-DAG: arith.constant 127 : i64
// CHECK: arith.trunci %{{.*}} : i32 to i8
// CHECK: return %[[R]] : tensor<4x3xi8>
func.func @matmul_quantized_per_channel(%a: tensor<4x8x!qa>, %w: tensor<8x3x!qw>, %bias: tensor<3xi32>) -> tensor<4x3x!qo> {
  %0 = accel.matmul %a, %w bias(%bias : tensor<3xi32>) acc(i32) : tensor<4x8x!qa>, tensor<8x3x!qw> -> tensor<4x3x!qo>
  return %0 : tensor<4x3x!qo>
}

// -----

// Shifts that agree across channels fold to scalar constants; only the
// multipliers stay per channel:
//   c=0: 0.5 * 0.25 / 0.125 = 1.0 -> 1073741824, c=1: 1.5 -> 1610612736 (left 1, right 0 for both).

!qa = !quant.uniform<i8:f32, 0.5:3>
!qw = !quant.uniform<i8:f32:1, {0.25, 0.375}>
!qo = !quant.uniform<i8:f32, 0.125:-1>

// CHECK-LABEL: func.func @matmul_quantized_uniform_shifts
// CHECK: linalg.matmul
// CHECK: %[[MUL:.*]] = arith.constant dense<[1073741824, 1610612736]> : tensor<2xi32>
// CHECK-NOT: arith.constant dense
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %[[MUL]] : tensor<4x2xi32>, tensor<2xi32>)
// CHECK: ^bb0(%{{.*}}: i32, %[[M:.*]]: i32, %{{.*}}: i8):
// CHECK: %[[LEFT:.*]] = arith.constant 1 : i32
// CHECK: arith.extsi %[[LEFT]] : i32 to i64
// CHECK: arith.extsi %[[M]] : i32 to i64
func.func @matmul_quantized_uniform_shifts(%a: tensor<4x8x!qa>, %w: tensor<8x2x!qw>) -> tensor<4x2x!qo> {
  %0 = accel.matmul %a, %w acc(i32) : tensor<4x8x!qa>, tensor<8x2x!qw> -> tensor<4x2x!qo>
  return %0 : tensor<4x2x!qo>
}

// -----

// u8 storage is signless i8 after conversion and is widened with extui; raw
// i32 results need no epilogue.

!qa = !quant.uniform<u8:f32, 0.1:128>
!qb = !quant.uniform<u8:f32, 0.2:120>

// CHECK-LABEL: func.func @matmul_u8
// CHECK-SAME: (%[[A:.*]]: tensor<3x5xi8>, %[[B:.*]]: tensor<5x7xi8>) -> tensor<3x7xi32>
// CHECK: %[[AW:.*]] = linalg.generic {{.*}} ins(%[[A]] : tensor<3x5xi8>) outs(%{{.*}} : tensor<3x5xi32>)
// CHECK-DAG: %[[ZA:.*]] = arith.constant 128 : i32
// CHECK-DAG: %[[QA:.*]] = arith.extui %{{.*}} : i8 to i32
// CHECK: arith.subi %[[QA]], %[[ZA]] : i32
// CHECK: %[[BW:.*]] = linalg.generic {{.*}} ins(%[[B]] : tensor<5x7xi8>) outs(%{{.*}} : tensor<5x7xi32>)
// CHECK-DAG: %[[ZB:.*]] = arith.constant 120 : i32
// CHECK-DAG: %[[QB:.*]] = arith.extui %{{.*}} : i8 to i32
// CHECK: arith.subi %[[QB]], %[[ZB]] : i32
// CHECK: %[[MM:.*]] = linalg.matmul ins(%[[AW]], %[[BW]] : tensor<3x5xi32>, tensor<5x7xi32>) outs(%{{.*}} : tensor<3x7xi32>)
// CHECK-NEXT: return %[[MM]] : tensor<3x7xi32>
func.func @matmul_u8(%a: tensor<3x5x!qa>, %b: tensor<5x7x!qb>) -> tensor<3x7xi32> {
  %0 = accel.matmul %a, %b acc(i32) : tensor<3x5x!qa>, tensor<5x7x!qb> -> tensor<3x7xi32>
  return %0 : tensor<3x7xi32>
}

// -----

//===----------------------------------------------------------------------===//
// accel.conv2d
//===----------------------------------------------------------------------===//

// One group: pad, im2col into [N*OH*OW, KH*KW*C] = [20, 27], one
// linalg.matmul against the filter viewed as [27, F], bias epilogue.
// Output: H = (8 + 1 + 2 - 3) / 2 + 1 = 5, W = (8 + 0 + 3 - (2*2 + 1)) / 2 + 1 = 4.
// The gather reads (n, oh * 2 + kh * 1, ow * 2 + kw * 2, c).
// CHECK-DAG: #[[$GATHER:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 * 2 + d3, d2 * 2 + d4 * 2, d5)>
// CHECK-DAG: #[[$ID6:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4, d5)>
// CHECK-DAG: #[[$ID4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$CH4:.*]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-LABEL: func.func @conv2d(
// CHECK-SAME: %[[X:.*]]: tensor<1x8x8x3xf32>, %[[W:.*]]: tensor<3x3x3x4xf32>, %[[BIAS:.*]]: tensor<4xf32>)
// CHECK: %[[PV:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 1, 0, 0] high[0, 2, 3, 0]
// CHECK: tensor.yield %[[PV]] : f32
// CHECK: } : tensor<1x8x8x3xf32> to tensor<1x11x11x3xf32>
// CHECK: %[[WIN:.*]] = linalg.generic {indexing_maps = [#[[$GATHER]], #[[$ID6]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[P]] : tensor<1x11x11x3xf32>) outs(%{{.*}} : tensor<1x5x4x3x3x3xf32>)
// CHECK: %[[COLS:.*]] = tensor.collapse_shape %[[WIN]] {{\[}}[0, 1, 2], [3, 4, 5]] : tensor<1x5x4x3x3x3xf32> into tensor<20x27xf32>
// CHECK: %[[W2:.*]] = tensor.collapse_shape %[[W]] {{\[}}[0, 1, 2], [3]] : tensor<3x3x3x4xf32> into tensor<27x4xf32>
// CHECK: %[[ACC:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<20x4xf32>)
// CHECK: %[[MM:.*]] = linalg.matmul ins(%[[COLS]], %[[W2]] : tensor<20x27xf32>, tensor<27x4xf32>) outs(%[[ACC]] : tensor<20x4xf32>)
// CHECK: %[[C:.*]] = tensor.expand_shape %[[MM]] {{\[}}[0, 1, 2], [3]] output_shape [1, 5, 4, 4] : tensor<20x4xf32> into tensor<1x5x4x4xf32>
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$ID4]], #[[$CH4]], #[[$ID4]]], {{.*}}} ins(%[[C]], %[[BIAS]] : tensor<1x5x4x4xf32>, tensor<4xf32>)
// CHECK: arith.addf
// CHECK: return %[[R]]
func.func @conv2d(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %b: tensor<4xf32>) -> tensor<1x5x4x4xf32> {
  %0 = accel.conv2d %x, %w bias(%b : tensor<4xf32>) strides [2, 2] padding [1, 2, 0, 3] dilations [1, 2] acc(f32) : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x5x4x4xf32>
  return %0 : tensor<1x5x4x4xf32>
}

// -----

// Depthwise (4 groups of 1 channel, 2 filters each): channels split into
// [G, C/G] = [4, 1], filters into [G, F/G] = [4, 2]; one generic over
// (n, oh, ow, g, f, kh, kw, c).
// CHECK-DAG: #[[$IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d3, d7)>
// CHECK-DAG: #[[$FILTER:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d5, d6, d7, d3, d4)>
// CHECK-DAG: #[[$OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
// CHECK-LABEL: func.func @conv2d_depthwise_bf16
// CHECK-SAME: (%[[X:.*]]: tensor<2x8x8x4xbf16>, %[[W:.*]]: tensor<3x3x1x8xbf16>)
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK: } : tensor<2x8x8x4xbf16> to tensor<2x10x10x4xbf16>
// CHECK: %[[ACC:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<2x8x8x8xf32>)
// CHECK: %[[X5:.*]] = tensor.expand_shape %[[P]] {{\[}}[0], [1], [2], [3, 4]] output_shape [2, 10, 10, 4, 1] : tensor<2x10x10x4xbf16> into tensor<2x10x10x4x1xbf16>
// CHECK: %[[W5:.*]] = tensor.expand_shape %[[W]] {{\[}}[0], [1], [2], [3, 4]] output_shape [3, 3, 1, 4, 2] : tensor<3x3x1x8xbf16> into tensor<3x3x1x4x2xbf16>
// CHECK: %[[ACC5:.*]] = tensor.expand_shape %[[ACC]] {{\[}}[0], [1], [2], [3, 4]] output_shape [2, 8, 8, 4, 2] : tensor<2x8x8x8xf32> into tensor<2x8x8x4x2xf32>
// CHECK: %[[G:.*]] = linalg.generic {indexing_maps = [#[[$IN]], #[[$FILTER]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[X5]], %[[W5]] : tensor<2x10x10x4x1xbf16>, tensor<3x3x1x4x2xbf16>) outs(%[[ACC5]] : tensor<2x8x8x4x2xf32>)
// CHECK: ^bb0(%[[XV:.*]]: bf16, %[[WV:.*]]: bf16, %[[AV:.*]]: f32):
// CHECK-DAG: %[[XF:.*]] = arith.extf %[[XV]] : bf16 to f32
// CHECK-DAG: %[[WF:.*]] = arith.extf %[[WV]] : bf16 to f32
// CHECK: %[[PROD:.*]] = arith.mulf %[[XF]], %[[WF]] : f32
// CHECK: %[[SUM:.*]] = arith.addf %[[AV]], %[[PROD]] : f32
// CHECK: linalg.yield %[[SUM]] : f32
// CHECK: %[[R:.*]] = tensor.collapse_shape %[[G]] {{\[}}[0], [1], [2], [3, 4]] : tensor<2x8x8x4x2xf32> into tensor<2x8x8x8xf32>
// CHECK: return %[[R]]
func.func @conv2d_depthwise_bf16(%x: tensor<2x8x8x4xbf16>, %w: tensor<3x3x1x8xbf16>) -> tensor<2x8x8x8xf32> {
  %0 = accel.conv2d %x, %w padding [1, 1, 1, 1] groups 4 acc(f32) : tensor<2x8x8x4xbf16>, tensor<3x3x1x8xbf16> -> tensor<2x8x8x8xf32>
  return %0 : tensor<2x8x8x8xf32>
}

// -----

// Quantized grouped convolution: strides and dilations enter the input map
// (oh * 1 + kh * 3, ow * 2 + kw * 1); operands are q - zp in i32.
!qa = !quant.uniform<i8:f32, 0.05:3>
!qw = !quant.uniform<i8:f32:3, {0.1, 0.2}>

// CHECK-DAG: #[[$IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5 * 3, d2 * 2 + d6, d3, d7)>
// CHECK-LABEL: func.func @conv2d_grouped_quantized
// CHECK-SAME: (%[[X:.*]]: tensor<1x5x5x4xi8>, %[[W:.*]]: tensor<1x1x2x2xi8>) -> tensor<1x5x3x2xi32>
// CHECK: %[[XW:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<1x5x5x4xi8>) outs(%{{.*}} : tensor<1x5x5x4xi32>)
// CHECK: arith.constant 3 : i32
// CHECK: arith.subi
// CHECK: %[[WW:.*]] = linalg.generic {{.*}} ins(%[[W]] : tensor<1x1x2x2xi8>) outs(%{{.*}} : tensor<1x1x2x2xi32>)
// CHECK: %[[X5:.*]] = tensor.expand_shape %[[XW]] {{\[}}[0], [1], [2], [3, 4]] output_shape [1, 5, 5, 2, 2]
// CHECK: %[[W5:.*]] = tensor.expand_shape %[[WW]] {{\[}}[0], [1], [2], [3, 4]] output_shape [1, 1, 2, 2, 1]
// CHECK: linalg.generic {indexing_maps = [#[[$IN]], {{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[X5]], %[[W5]] : tensor<1x5x5x2x2xi32>, tensor<1x1x2x2x1xi32>) outs(%{{.*}} : tensor<1x5x3x2x1xi32>)
// CHECK: ^bb0(%[[XV:.*]]: i32, %[[WV:.*]]: i32, %[[AV:.*]]: i32):
// CHECK-NEXT: %[[PROD:.*]] = arith.muli %[[XV]], %[[WV]] : i32
// CHECK: arith.addi %[[AV]], %[[PROD]] : i32
// CHECK: tensor.collapse_shape {{.*}} : tensor<1x5x3x2x1xi32> into tensor<1x5x3x2xi32>
func.func @conv2d_grouped_quantized(%x: tensor<1x5x5x4x!qa>, %w: tensor<1x1x2x2x!qw>) -> tensor<1x5x3x2xi32> {
  %0 = accel.conv2d %x, %w strides [1, 2] dilations [3, 1] groups 2 acc(i32) : tensor<1x5x5x4x!qa>, tensor<1x1x2x2x!qw> -> tensor<1x5x3x2xi32>
  return %0 : tensor<1x5x3x2xi32>
}

// -----

//===----------------------------------------------------------------------===//
// accel.relu / accel.clamp
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @relu_clamp_f32
// CHECK-SAME: (%[[X:.*]]: tensor<4x16xf32>)
// CHECK: %[[RELU:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<4x16xf32>)
// CHECK: ^bb0(%[[V:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[M:.*]] = arith.maximumf %[[V]], %[[ZERO]] : f32
// CHECK-NOT: arith.minimumf
// CHECK: linalg.yield %[[M]] : f32
// CHECK: %[[CLAMP:.*]] = linalg.generic {{.*}} ins(%[[RELU]] : tensor<4x16xf32>)
// CHECK: ^bb0(%[[V2:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[LO:.*]] = arith.constant -1.500000e+00 : f32
// CHECK: %[[M2:.*]] = arith.maximumf %[[V2]], %[[LO]] : f32
// CHECK: %[[HI:.*]] = arith.constant 6.000000e+00 : f32
// CHECK: %[[M3:.*]] = arith.minimumf %[[M2]], %[[HI]] : f32
// CHECK: linalg.yield %[[M3]] : f32
// CHECK: return %[[CLAMP]]
func.func @relu_clamp_f32(%x: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %0 = accel.relu %x : tensor<4x16xf32>
  %1 = accel.clamp %0 min -1.5 max 6.0 : tensor<4x16xf32>
  return %1 : tensor<4x16xf32>
}

// -----

// bf16 is computed in f32 and rounded once; the bounds are rounded inward
// into bf16 first: 0.1 = 1.6 * 2^-4 -> ceil(1.6 * 128) / 128 * 2^-4 = 205/2048
// = 0.10009765625, 0.3 = 1.2 * 2^-2 -> floor(1.2 * 128) / 512 = 153/512 = 0.298828125.
// CHECK-LABEL: func.func @relu_clamp_bf16
// CHECK-SAME: (%[[X:.*]]: tensor<8xbf16>)
// CHECK: %[[RELU:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<8xbf16>) outs(%{{.*}} : tensor<8xbf16>)
// CHECK: ^bb0(%[[V:.*]]: bf16, %{{.*}}: bf16):
// CHECK: %[[E:.*]] = arith.extf %[[V]] : bf16 to f32
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[M:.*]] = arith.maximumf %[[E]], %[[ZERO]] : f32
// CHECK: %[[T:.*]] = arith.truncf %[[M]] : f32 to bf16
// CHECK: linalg.yield %[[T]] : bf16
// CHECK: linalg.generic {{.*}} ins(%[[RELU]] : tensor<8xbf16>)
// CHECK: arith.extf %{{.*}} : bf16 to f32
// CHECK: %[[LO:.*]] = arith.constant 0.100097656 : f32
// CHECK: arith.maximumf %{{.*}}, %[[LO]] : f32
// CHECK: %[[HI:.*]] = arith.constant 0.298828125 : f32
// CHECK: arith.minimumf %{{.*}}, %[[HI]] : f32
// CHECK: arith.truncf %{{.*}} : f32 to bf16
func.func @relu_clamp_bf16(%x: tensor<8xbf16>) -> tensor<8xbf16> {
  %0 = accel.relu %x : tensor<8xbf16>
  %1 = accel.clamp %0 min 0.1 max 0.3 : tensor<8xbf16>
  return %1 : tensor<8xbf16>
}

// -----

// An unbounded min emits no maximumf; a max beyond f16's range becomes its
// largest finite value, 65504.
// CHECK-LABEL: func.func @clamp_f16_one_sided
// CHECK: ^bb0(%[[V:.*]]: f16, %{{.*}}: f16):
// CHECK: %[[E:.*]] = arith.extf %[[V]] : f16 to f32
// CHECK-NOT: arith.maximumf
// CHECK: %[[HI:.*]] = arith.constant 6.550400e+04 : f32
// CHECK: %[[M:.*]] = arith.minimumf %[[E]], %[[HI]] : f32
// CHECK: arith.truncf %[[M]] : f32 to f16
func.func @clamp_f16_one_sided(%x: tensor<8xf16>) -> tensor<8xf16> {
  %0 = accel.clamp %x min 0xFFF0000000000000 max 1.0e5 : tensor<8xf16>
  return %0 : tensor<8xf16>
}

// -----

// relu is max(q, zp); clamp bounds are ceil(min/s + zp), floor(max/s + zp):
//   min -0.12: ceil(-2.4 + 3) = 1, max 1.23: floor(24.6 + 3) = 27.
!q = !quant.uniform<i8:f32, 0.05:3>

// CHECK-LABEL: func.func @relu_clamp_quantized
// CHECK-SAME: (%[[X:.*]]: tensor<4x16xi8>) -> tensor<4x16xi8>
// CHECK: %[[RELU:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<4x16xi8>) outs(%{{.*}} : tensor<4x16xi8>)
// CHECK: ^bb0(%[[V:.*]]: i8, %{{.*}}: i8):
// CHECK: %[[ZP:.*]] = arith.constant 3 : i32
// CHECK: %[[ZP8:.*]] = arith.trunci %[[ZP]] : i32 to i8
// CHECK: %[[QMAX:.*]] = arith.constant 127 : i32
// CHECK: %[[QMAX8:.*]] = arith.trunci %[[QMAX]] : i32 to i8
// CHECK: %[[M:.*]] = arith.maxsi %[[V]], %[[ZP8]] : i8
// CHECK: arith.minsi %[[M]], %[[QMAX8]] : i8
// CHECK: linalg.generic {{.*}} ins(%[[RELU]] : tensor<4x16xi8>)
// CHECK: ^bb0(%[[V2:.*]]: i8, %{{.*}}: i8):
// CHECK: %[[LO:.*]] = arith.constant 1 : i32
// CHECK: %[[LO8:.*]] = arith.trunci %[[LO]] : i32 to i8
// CHECK: %[[HI:.*]] = arith.constant 27 : i32
// CHECK: %[[HI8:.*]] = arith.trunci %[[HI]] : i32 to i8
// CHECK: %[[M2:.*]] = arith.maxsi %[[V2]], %[[LO8]] : i8
// CHECK: arith.minsi %[[M2]], %[[HI8]] : i8
func.func @relu_clamp_quantized(%x: tensor<4x16x!q>) -> tensor<4x16x!q> {
  %0 = accel.relu %x : tensor<4x16x!q>
  %1 = accel.clamp %0 min -0.12 max 1.23 : tensor<4x16x!q>
  return %1 : tensor<4x16x!q>
}

// -----

// Per-axis u8: bounds per channel, compared unsigned.
//   c=0 (s 0.1, zp 128): ceil(-10 + 128) = 118, floor(1000 + 128) -> 255
//   c=1 (s 0.5, zp 10):  ceil(-2 + 10) = 8,     floor(200 + 10) = 210
!q = !quant.uniform<u8:f32:1, {0.1:128, 0.5:10}>

// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$COL:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @clamp_u8_per_axis
// CHECK-SAME: (%[[X:.*]]: tensor<4x2xi8>)
// CHECK: %[[LO:.*]] = arith.constant dense<[118, 8]> : tensor<2xi32>
// CHECK: %[[HI:.*]] = arith.constant dense<[255, 210]> : tensor<2xi32>
// CHECK: linalg.generic {indexing_maps = [#[[$ID]], #[[$COL]], #[[$COL]], #[[$ID]]], {{.*}}} ins(%[[X]], %[[LO]], %[[HI]] : tensor<4x2xi8>, tensor<2xi32>, tensor<2xi32>)
// CHECK: ^bb0(%[[V:.*]]: i8, %[[L:.*]]: i32, %[[H:.*]]: i32, %{{.*}}: i8):
// CHECK: %[[L8:.*]] = arith.trunci %[[L]] : i32 to i8
// CHECK: %[[H8:.*]] = arith.trunci %[[H]] : i32 to i8
// CHECK: %[[M:.*]] = arith.maxui %[[V]], %[[L8]] : i8
// CHECK: arith.minui %[[M]], %[[H8]] : i8
func.func @clamp_u8_per_axis(%x: tensor<4x2x!q>) -> tensor<4x2x!q> {
  %0 = accel.clamp %x min -1.0 max 100.0 : tensor<4x2x!q>
  return %0 : tensor<4x2x!q>
}

// -----

//===----------------------------------------------------------------------===//
// accel.add / accel.sub / accel.mul
//===----------------------------------------------------------------------===//

// [4, 1] + [16] -> [4, 16]: the size-1 dimension reads index 0, the missing
// leading dimension is dropped from the map.
// CHECK-DAG: #[[$LHS:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-DAG: #[[$RHS:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @add_broadcast
// CHECK-SAME: (%[[A:.*]]: tensor<4x1xf32>, %[[B:.*]]: tensor<16xf32>)
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$LHS]], #[[$RHS]], #[[$ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<4x1xf32>, tensor<16xf32>) outs(%{{.*}} : tensor<4x16xf32>)
// CHECK: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[S:.*]] = arith.addf %[[X]], %[[Y]] : f32
// CHECK: linalg.yield %[[S]] : f32
// CHECK: return %[[R]]
func.func @add_broadcast(%a: tensor<4x1xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %0 = accel.add %a, %b : tensor<4x1xf32>, tensor<16xf32> -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

// CHECK-LABEL: func.func @sub_mul_f16
// CHECK: ^bb0(%[[X:.*]]: f16, %[[Y:.*]]: f16, %{{.*}}: f16):
// CHECK-DAG: %[[XF:.*]] = arith.extf %[[X]] : f16 to f32
// CHECK-DAG: %[[YF:.*]] = arith.extf %[[Y]] : f16 to f32
// CHECK: %[[D:.*]] = arith.subf %[[XF]], %[[YF]] : f32
// CHECK: arith.truncf %[[D]] : f32 to f16
// CHECK: ^bb0(%[[X2:.*]]: f16, %[[Y2:.*]]: f16, %{{.*}}: f16):
// CHECK-DAG: %[[XF2:.*]] = arith.extf %[[X2]] : f16 to f32
// CHECK-DAG: %[[YF2:.*]] = arith.extf %[[Y2]] : f16 to f32
// CHECK: %[[P:.*]] = arith.mulf %[[XF2]], %[[YF2]] : f32
// CHECK: arith.truncf %[[P]] : f32 to f16
func.func @sub_mul_f16(%a: tensor<4x16xf16>, %b: tensor<4x16xf16>) -> tensor<4x16xf16> {
  %0 = accel.sub %a, %b : tensor<4x16xf16>, tensor<4x16xf16> -> tensor<4x16xf16>
  %1 = accel.mul %0, %b : tensor<4x16xf16>, tensor<4x16xf16> -> tensor<4x16xf16>
  return %1 : tensor<4x16xf16>
}

// -----

// Quantized add on real values: dequantize both sides, add in f32, quantize
// with round-half-even and clamp to [-128, 127] before the conversion.
!qa = !quant.uniform<i8:f32, 0.05:3>
!qb = !quant.uniform<i8:f32, 0.2:-7>
!qo = !quant.uniform<i8:f32, 0.1:-2>

// CHECK-LABEL: func.func @add_quantized
// CHECK-SAME: (%[[A:.*]]: tensor<4x16xi8>, %[[B:.*]]: tensor<4x16xi8>) -> tensor<4x16xi8>
// CHECK: linalg.generic {{.*}} ins(%[[A]], %[[B]] : tensor<4x16xi8>, tensor<4x16xi8>) outs(%{{.*}} : tensor<4x16xi8>)
// CHECK: ^bb0(%[[X:.*]]: i8, %[[Y:.*]]: i8, %{{.*}}: i8):
// CHECK-DAG: %[[ZA:.*]] = arith.constant 3 : i32
// CHECK-DAG: %[[SA:.*]] = arith.constant 5.000000e-02 : f32
// CHECK: %[[XE:.*]] = arith.extsi %[[X]] : i8 to i32
// CHECK: %[[XC:.*]] = arith.subi %[[XE]], %[[ZA]] : i32
// CHECK: %[[XF:.*]] = arith.sitofp %[[XC]] : i32 to f32
// CHECK: %[[XR:.*]] = arith.mulf %[[XF]], %[[SA]] : f32
// CHECK-DAG: %[[ZB:.*]] = arith.constant -7 : i32
// CHECK-DAG: %[[SB:.*]] = arith.constant 2.000000e-01 : f32
// CHECK: %[[YE:.*]] = arith.extsi %[[Y]] : i8 to i32
// CHECK: %[[YC:.*]] = arith.subi %[[YE]], %[[ZB]] : i32
// CHECK: %[[YF:.*]] = arith.sitofp %[[YC]] : i32 to f32
// CHECK: %[[YR:.*]] = arith.mulf %[[YF]], %[[SB]] : f32
// CHECK: %[[SUM:.*]] = arith.addf %[[XR]], %[[YR]] : f32
// CHECK-DAG: %[[ZO:.*]] = arith.constant -2 : i32
// CHECK-DAG: %[[SO:.*]] = arith.constant 1.000000e-01 : f32
// CHECK: %[[DIV:.*]] = arith.divf %[[SUM]], %[[SO]] : f32
// CHECK: %[[RND:.*]] = math.roundeven %[[DIV]] : f32
// CHECK: %[[ZOF:.*]] = arith.sitofp %[[ZO]] : i32 to f32
// CHECK: %[[SH:.*]] = arith.addf %[[RND]], %[[ZOF]] : f32
// CHECK: %[[LO:.*]] = arith.constant -1.280000e+02 : f32
// CHECK: %[[C1:.*]] = arith.maxnumf %[[SH]], %[[LO]] : f32
// CHECK: %[[HI:.*]] = arith.constant 1.270000e+02 : f32
// CHECK: %[[C2:.*]] = arith.minnumf %[[C1]], %[[HI]] : f32
// CHECK: %[[I:.*]] = arith.fptosi %[[C2]] : f32 to i64
// CHECK: %[[Q:.*]] = arith.trunci %[[I]] : i64 to i8
// CHECK: linalg.yield %[[Q]] : i8
func.func @add_quantized(%a: tensor<4x16x!qa>, %b: tensor<4x16x!qb>) -> tensor<4x16x!qo> {
  %0 = accel.add %a, %b : tensor<4x16x!qa>, tensor<4x16x!qb> -> tensor<4x16x!qo>
  return %0 : tensor<4x16x!qo>
}

// -----

//===----------------------------------------------------------------------===//
// accel.max_pool2d / accel.avg_pool2d
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @max_pool_f32
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x8x4xf32>)
// CHECK: %[[W:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<1x8x8x4xf32>)
// CHECK: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[P:.*]] = tensor.pad %[[W]] low[0, 0, 0, 0] high[0, 1, 1, 0]
// CHECK: tensor.yield %[[NEGINF]] : f32
// CHECK: } : tensor<1x8x8x4xf32> to tensor<1x9x9x4xf32>
// CHECK: %[[INIT:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[ACC:.*]] = linalg.fill ins(%[[INIT]] : f32) outs(%{{.*}} : tensor<1x4x4x4xf32>)
// CHECK: %[[WIN:.*]] = tensor.empty() : tensor<3x3xf32>
// CHECK: linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
// CHECK-SAME: ins(%[[P]], %[[WIN]] : tensor<1x9x9x4xf32>, tensor<3x3xf32>) outs(%[[ACC]] : tensor<1x4x4x4xf32>)
func.func @max_pool_f32(%x: tensor<1x8x8x4xf32>) -> tensor<1x4x4x4xf32> {
  %0 = accel.max_pool2d %x window [3, 3] strides [2, 2] padding [0, 1, 0, 1] : tensor<1x8x8x4xf32> -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

// Narrower floats are pooled in f32 and rounded back.
// CHECK-LABEL: func.func @max_pool_f16
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x2xf16>)
// CHECK: %[[W:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<1x4x4x2xf16>) outs(%{{.*}} : tensor<1x4x4x2xf32>)
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: %[[M:.*]] = linalg.pooling_nhwc_max {{.*}} ins(%[[W]], %{{.*}} : tensor<1x4x4x2xf32>, tensor<2x2xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[M]] : tensor<1x2x2x2xf32>) outs(%{{.*}} : tensor<1x2x2x2xf16>)
// CHECK: arith.truncf %{{.*}} : f32 to f16
func.func @max_pool_f16(%x: tensor<1x4x4x2xf16>) -> tensor<1x2x2x2xf16> {
  %0 = accel.max_pool2d %x window [2, 2] strides [2, 2] : tensor<1x4x4x2xf16> -> tensor<1x2x2x2xf16>
  return %0 : tensor<1x2x2x2xf16>
}

// -----

// u8 storage: pad and initialise with qmin = 0, compare unsigned.
!q = !quant.uniform<u8:f32, 0.1:128>

// CHECK-LABEL: func.func @max_pool_u8
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x8x4xi8>) -> tensor<1x4x4x4xi8>
// CHECK: %[[PV:.*]] = arith.constant 0 : i8
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 0, 0, 0] high[0, 1, 1, 0]
// CHECK: tensor.yield %[[PV]] : i8
// CHECK: %[[INIT:.*]] = arith.constant 0 : i8
// CHECK: %[[ACC:.*]] = linalg.fill ins(%[[INIT]] : i8) outs(%{{.*}} : tensor<1x4x4x4xi8>)
// CHECK: %[[R:.*]] = linalg.pooling_nhwc_max_unsigned {{.*}} ins(%[[P]], %{{.*}} : tensor<1x9x9x4xi8>, tensor<3x3xi8>) outs(%[[ACC]] : tensor<1x4x4x4xi8>)
// CHECK: return %[[R]]
func.func @max_pool_u8(%x: tensor<1x8x8x4x!q>) -> tensor<1x4x4x4x!q> {
  %0 = accel.max_pool2d %x window [3, 3] strides [2, 2] padding [0, 1, 0, 1] : tensor<1x8x8x4x!q> -> tensor<1x4x4x4x!q>
  return %0 : tensor<1x4x4x4x!q>
}

// -----

// i8 storage: signed max initialised with qmin = -128.
!q = !quant.uniform<i8:f32, 0.1:3>

// CHECK-LABEL: func.func @max_pool_i8
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x8x4xi8>)
// CHECK-NOT: tensor.pad
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x4x4x4xi8>
// CHECK-NEXT: %[[INIT:.*]] = arith.constant -128 : i8
// CHECK-NEXT: %[[ACC:.*]] = linalg.fill ins(%[[INIT]] : i8) outs(%[[E]] : tensor<1x4x4x4xi8>)
// CHECK: linalg.pooling_nhwc_max {{.*}} ins(%[[X]], %{{.*}} : tensor<1x8x8x4xi8>, tensor<2x2xi8>) outs(%[[ACC]] : tensor<1x4x4x4xi8>)
func.func @max_pool_i8(%x: tensor<1x8x8x4x!q>) -> tensor<1x4x4x4x!q> {
  %0 = accel.max_pool2d %x window [2, 2] strides [2, 2] : tensor<1x8x8x4x!q> -> tensor<1x4x4x4x!q>
  return %0 : tensor<1x4x4x4x!q>
}

// -----

// count_include_pad: every window divides by 3 * 3 = 9.
// CHECK-DAG: #[[$ID4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @avg_pool_count_include_pad
// CHECK: %[[PV:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[P:.*]] = tensor.pad %{{.*}} low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK: tensor.yield %[[PV]] : f32
// CHECK: } : tensor<1x4x4x2xf32> to tensor<1x6x6x2xf32>
// CHECK: %[[S:.*]] = linalg.pooling_nhwc_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[P]], %{{.*}} : tensor<1x6x6x2xf32>, tensor<3x3xf32>) outs(%{{.*}} : tensor<1x4x4x2xf32>)
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$ID4]], #[[$ID4]]], {{.*}}} ins(%[[S]] : tensor<1x4x4x2xf32>)
// CHECK: ^bb0(%[[V:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[N:.*]] = arith.constant 9 : i32
// CHECK: %[[NF:.*]] = arith.sitofp %[[N]] : i32 to f32
// CHECK: %[[MEAN:.*]] = arith.divf %[[V]], %[[NF]] : f32
// CHECK: linalg.yield %[[MEAN]] : f32
// CHECK: return %[[R]]
func.func @avg_pool_count_include_pad(%x: tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> {
  %0 = accel.avg_pool2d %x window [3, 3] padding [1, 1, 1, 1] count_include_pad : tensor<1x4x4x2xf32> -> tensor<1x4x4x2xf32>
  return %0 : tensor<1x4x4x2xf32>
}

// -----

// Without count_include_pad the divisor is the number of real elements in
// each window. 4x4 input, padding top/left 1, 3x3 window, stride 2: output
// rows/cols start at -1 (2 real rows/cols) and 1 (3 real rows/cols), so the
// [OH, OW] counts are [[2*2, 2*3], [3*2, 3*3]] = [[4, 6], [6, 9]].
// CHECK-DAG: #[[$ID4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$HW:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d2)>
// CHECK-LABEL: func.func @avg_pool_exclude_pad_bf16
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x2xbf16>)
// CHECK: %[[W:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<1x4x4x2xbf16>) outs(%{{.*}} : tensor<1x4x4x2xf32>)
// CHECK: arith.extf %{{.*}} : bf16 to f32
// CHECK: %[[PV:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[P:.*]] = tensor.pad %[[W]] low[0, 1, 1, 0] high[0, 0, 0, 0]
// CHECK: tensor.yield %[[PV]] : f32
// CHECK: %[[S:.*]] = linalg.pooling_nhwc_sum {{.*}}strides = dense<2> : tensor<2xi64>} ins(%[[P]], %{{.*}} : tensor<1x5x5x2xf32>, tensor<3x3xf32>) outs(%{{.*}} : tensor<1x2x2x2xf32>)
// CHECK: %[[COUNTS:.*]] = arith.constant dense<{{\[}}[4, 6], [6, 9]]> : tensor<2x2xi32>
// CHECK: linalg.generic {indexing_maps = [#[[$ID4]], #[[$HW]], #[[$ID4]]], {{.*}}} ins(%[[S]], %[[COUNTS]] : tensor<1x2x2x2xf32>, tensor<2x2xi32>) outs(%{{.*}} : tensor<1x2x2x2xbf16>)
// CHECK: ^bb0(%[[V:.*]]: f32, %[[N:.*]]: i32, %{{.*}}: bf16):
// CHECK: %[[NF:.*]] = arith.sitofp %[[N]] : i32 to f32
// CHECK: %[[MEAN:.*]] = arith.divf %[[V]], %[[NF]] : f32
// CHECK: arith.truncf %[[MEAN]] : f32 to bf16
func.func @avg_pool_exclude_pad_bf16(%x: tensor<1x4x4x2xbf16>) -> tensor<1x2x2x2xbf16> {
  %0 = accel.avg_pool2d %x window [3, 3] strides [2, 2] padding [1, 0, 1, 0] : tensor<1x4x4x2xbf16> -> tensor<1x2x2x2xbf16>
  return %0 : tensor<1x2x2x2xbf16>
}

// -----

// Quantized: stored values summed in i32 with zero padding; each window then
// adds (9 - real elements) * zp for its counted padded elements (real 0 is
// the zero point), and the mean rounds half away from zero: (s +- 9/2) / 9.
!q = !quant.uniform<i8:f32, 0.1:-4>

// CHECK-LABEL: func.func @avg_pool_quantized
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x2xi8>) -> tensor<1x4x4x2xi8>
// CHECK: %[[W:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<1x4x4x2xi8>) outs(%{{.*}} : tensor<1x4x4x2xi32>)
// CHECK: arith.extsi %{{.*}} : i8 to i32
// CHECK: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK: %[[P:.*]] = tensor.pad %[[W]] low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK: tensor.yield %[[ZERO]] : i32
// CHECK: %[[S:.*]] = linalg.pooling_nhwc_sum {{.*}} ins(%[[P]], %{{.*}} : tensor<1x6x6x2xi32>, tensor<3x3xi32>)
// CHECK: %[[PADS:.*]] = arith.constant dense<{{\[}}[5, 3, 3, 5], [3, 0, 0, 3], [3, 0, 0, 3], [5, 3, 3, 5]]> : tensor<4x4xi32>
// CHECK: linalg.generic {{.*}} ins(%[[S]], %[[PADS]] : tensor<1x4x4x2xi32>, tensor<4x4xi32>) outs(%{{.*}} : tensor<1x4x4x2xi8>)
// CHECK: ^bb0(%[[SUM:.*]]: i32, %[[NPAD:.*]]: i32, %{{.*}}: i8):
// CHECK-DAG: %[[N:.*]] = arith.constant 9 : i32
// CHECK-DAG: %[[ZP:.*]] = arith.constant -4 : i32
// CHECK: %[[PADSUM:.*]] = arith.muli %[[NPAD]], %[[ZP]] : i32
// CHECK: %[[V:.*]] = arith.addi %[[SUM]], %[[PADSUM]] : i32
// CHECK-DAG: %[[TWO:.*]] = arith.constant 2 : i32
// CHECK: %[[HALF:.*]] = arith.divsi %[[N]], %[[TWO]] : i32
// CHECK: %[[NONNEG:.*]] = arith.cmpi sge, %[[V]], %{{.*}} : i32
// CHECK-DAG: %[[DOWN:.*]] = arith.subi %[[V]], %[[HALF]] : i32
// CHECK-DAG: %[[UP:.*]] = arith.addi %[[V]], %[[HALF]] : i32
// CHECK: %[[BIASED:.*]] = arith.select %[[NONNEG]], %[[UP]], %[[DOWN]] : i32
// CHECK: %[[MEAN:.*]] = arith.divsi %[[BIASED]], %[[N]] : i32
// CHECK: arith.trunci %{{.*}} : i32 to i8
func.func @avg_pool_quantized(%x: tensor<1x4x4x2x!q>) -> tensor<1x4x4x2x!q> {
  %0 = accel.avg_pool2d %x window [3, 3] padding [1, 1, 1, 1] count_include_pad : tensor<1x4x4x2x!q> -> tensor<1x4x4x2x!q>
  return %0 : tensor<1x4x4x2x!q>
}

// -----

//===----------------------------------------------------------------------===//
// accel.quantize / accel.dequantize / accel.requantize / accel.cast
//===----------------------------------------------------------------------===//

// Per-axis parameters along dimension 1 enter as 1-D constants.
!qaxis = !quant.uniform<i8:f32:1, {0.5:1, 0.25:-2, 0.125:3}>

// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$COL:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @quantize_per_axis
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>) -> tensor<2x3xi8>
// CHECK-DAG: %[[SCALES:.*]] = arith.constant dense<[5.000000e-01, 2.500000e-01, 1.250000e-01]> : tensor<3xf32>
// CHECK-DAG: %[[ZPS:.*]] = arith.constant dense<[1, -2, 3]> : tensor<3xi32>
// CHECK: linalg.generic {indexing_maps = [#[[$ID]], #[[$COL]], #[[$COL]], #[[$ID]]], {{.*}}} ins(%[[X]], %[[SCALES]], %[[ZPS]] : tensor<2x3xf32>, tensor<3xf32>, tensor<3xi32>) outs(%{{.*}} : tensor<2x3xi8>)
// CHECK: ^bb0(%[[V:.*]]: f32, %[[S:.*]]: f32, %[[Z:.*]]: i32, %{{.*}}: i8):
// CHECK: %[[D:.*]] = arith.divf %[[V]], %[[S]] : f32
// CHECK: %[[R:.*]] = math.roundeven %[[D]] : f32
// CHECK: %[[ZF:.*]] = arith.sitofp %[[Z]] : i32 to f32
// CHECK: %[[SH:.*]] = arith.addf %[[R]], %[[ZF]] : f32
// CHECK: arith.maxnumf %[[SH]], %{{.*}} : f32
// CHECK: arith.minnumf
// CHECK: arith.fptosi %{{.*}} : f32 to i64
// CHECK: arith.trunci %{{.*}} : i64 to i8
func.func @quantize_per_axis(%x: tensor<2x3xf32>) -> tensor<2x3x!qaxis> {
  %0 = accel.quantize %x : tensor<2x3xf32> -> tensor<2x3x!qaxis>
  return %0 : tensor<2x3x!qaxis>
}

// -----

// Per-axis along dimension 0 of u8 storage: (extui(q) - zp[d0]) * s[d0].
!qaxis = !quant.uniform<u8:f32:0, {0.5:100, 0.25:120}>

// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @dequantize_per_axis
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xi8>) -> tensor<2x3xf32>
// CHECK-DAG: %[[SCALES:.*]] = arith.constant dense<[5.000000e-01, 2.500000e-01]> : tensor<2xf32>
// CHECK-DAG: %[[ZPS:.*]] = arith.constant dense<[100, 120]> : tensor<2xi32>
// CHECK: linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]], #[[$ROW]], #[[$ID]]], {{.*}}} ins(%[[X]], %[[SCALES]], %[[ZPS]] : tensor<2x3xi8>, tensor<2xf32>, tensor<2xi32>) outs(%{{.*}} : tensor<2x3xf32>)
// CHECK: ^bb0(%[[V:.*]]: i8, %[[S:.*]]: f32, %[[Z:.*]]: i32, %{{.*}}: f32):
// CHECK: %[[E:.*]] = arith.extui %[[V]] : i8 to i32
// CHECK: %[[C:.*]] = arith.subi %[[E]], %[[Z]] : i32
// CHECK: %[[F:.*]] = arith.sitofp %[[C]] : i32 to f32
// CHECK: %[[R:.*]] = arith.mulf %[[F]], %[[S]] : f32
// CHECK: linalg.yield %[[R]] : f32
func.func @dequantize_per_axis(%x: tensor<2x3x!qaxis>) -> tensor<2x3xf32> {
  %0 = accel.dequantize %x : tensor<2x3x!qaxis> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// M[c] = s_in[c] / s_out:
//   0.001 / 0.2 = 0.005 = 0.64 * 2^-7 -> 1374389535, right 7
//   0.002 / 0.2 = 0.01  = 0.64 * 2^-6 -> 1374389535, right 6
//   0.003 / 0.2 = 0.015 = 0.96 * 2^-6 -> round(0.96 * 2^31) = 2061584302, right 6
//   0.004 / 0.2 = 0.02  = 0.64 * 2^-5 -> 1374389535, right 5
// The input zero points and left shifts are all 0 and fold to scalars.
!qacc = !quant.uniform<i32:f32:1, {0.001, 0.002, 0.003, 0.004}>
!qo = !quant.uniform<i8:f32, 0.2:-1>

// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$COL:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @requantize(
// CHECK-SAME: %[[X:.*]]: tensor<2x4xi32>) -> tensor<2x4xi8>
// CHECK: %[[MUL:.*]] = arith.constant dense<[1374389535, 1374389535, 2061584302, 1374389535]> : tensor<4xi32>
// CHECK: %[[RIGHT:.*]] = arith.constant dense<[7, 6, 6, 5]> : tensor<4xi32>
// CHECK: linalg.generic {indexing_maps = [#[[$ID]], #[[$COL]], #[[$COL]], #[[$ID]]], {{.*}}} ins(%[[X]], %[[MUL]], %[[RIGHT]] : tensor<2x4xi32>, tensor<4xi32>, tensor<4xi32>) outs(%{{.*}} : tensor<2x4xi8>)
// CHECK: ^bb0(%[[V:.*]]: i32, %[[M:.*]]: i32, %[[RS:.*]]: i32, %{{.*}}: i8):
// CHECK: arith.extsi %[[V]] : i32 to i64
// CHECK: arith.extsi %[[M]] : i32 to i64
// CHECK: arith.shrsi %{{.*}}, %[[RS]] : i32
// CHECK: arith.constant -1 : i64
// CHECK: arith.trunci %{{.*}} : i32 to i8
func.func @requantize(%acc: tensor<2x4x!qacc>) -> tensor<2x4x!qo> {
  %0 = accel.requantize %acc : tensor<2x4x!qacc> -> tensor<2x4x!qo>
  return %0 : tensor<2x4x!qo>
}

// -----

// CHECK-LABEL: func.func @cast_f32_to_bf16
// CHECK-SAME: (%[[X:.*]]: tensor<2x4xf32>) -> tensor<2x4xbf16>
// CHECK: linalg.generic {{.*}} ins(%[[X]] : tensor<2x4xf32>) outs(%{{.*}} : tensor<2x4xbf16>)
// CHECK: ^bb0(%[[V:.*]]: f32, %{{.*}}: bf16):
// CHECK-NEXT: %[[T:.*]] = arith.truncf %[[V]] : f32 to bf16
// CHECK-NEXT: linalg.yield %[[T]] : bf16
func.func @cast_f32_to_bf16(%x: tensor<2x4xf32>) -> tensor<2x4xbf16> {
  %0 = accel.cast %x : tensor<2x4xf32> -> tensor<2x4xbf16>
  return %0 : tensor<2x4xbf16>
}

// -----

// quant.scast is a reinterpretation: after conversion both sides are the
// same i8 tensor and the cast disappears.
!q = !quant.uniform<i8:f32, 0.05:3>

// CHECK-LABEL: func.func @storage_cast
// CHECK-SAME: (%[[X:.*]]: tensor<4xi8>) -> tensor<4xi8>
// CHECK-NOT: quant.scast
// CHECK: %[[R:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<4xi8>) outs(%{{.*}} : tensor<4xi8>)
// CHECK: arith.maxsi
// CHECK-NOT: quant.scast
// CHECK: return %[[R]] : tensor<4xi8>
func.func @storage_cast(%x: tensor<4xi8>) -> tensor<4xi8> {
  %0 = quant.scast %x : tensor<4xi8> to tensor<4x!q>
  %1 = accel.relu %0 : tensor<4x!q>
  %2 = quant.scast %1 : tensor<4x!q> to tensor<4xi8>
  return %2 : tensor<4xi8>
}

// -----

//===----------------------------------------------------------------------===//
// accel.launch / accel.host_to_device / accel.device_to_host
//===----------------------------------------------------------------------===//

// A launch is a call of the kernel; transfers disappear.
// CHECK-LABEL: func.func private @kernel(tensor<4x8xf32>) -> tensor<4x8xf32> attributes {accel.kernel}
// CHECK-LABEL: func.func @launch(
// CHECK-SAME: %[[X:.*]]: tensor<4x8xf32>)
// CHECK-NOT: accel.
// CHECK: %[[R:.*]] = call @kernel(%[[X]]) : (tensor<4x8xf32>) -> tensor<4x8xf32>
// CHECK-NOT: accel.
// CHECK: return %[[R]] : tensor<4x8xf32>
func.func private @kernel(%a: tensor<4x8xf32>) -> tensor<4x8xf32> attributes {accel.kernel}
func.func @launch(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %d = accel.host_to_device %x : tensor<4x8xf32>
  %r = accel.launch @kernel(%d) : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %h = accel.device_to_host %r : tensor<4x8xf32>
  return %h : tensor<4x8xf32>
}

// -----

// Kernel signatures and launches of quantized tensors convert to storage types.
!q = !quant.uniform<i8:f32, 0.05:3>

// CHECK-LABEL: func.func @qkernel
// CHECK-SAME: (%{{.*}}: tensor<4xi8>) -> tensor<4xi8> attributes {accel.kernel}
// CHECK: arith.maxsi
// CHECK-LABEL: func.func @launch_quantized
// CHECK-SAME: (%[[X:.*]]: tensor<4xi8>) -> tensor<4xi8>
// CHECK: %[[R:.*]] = call @qkernel(%[[X]]) : (tensor<4xi8>) -> tensor<4xi8>
// CHECK: return %[[R]] : tensor<4xi8>
// CHECK-NOT: !quant
func.func @qkernel(%a: tensor<4x!q>) -> tensor<4x!q> attributes {accel.kernel} {
  %0 = accel.relu %a : tensor<4x!q>
  return %0 : tensor<4x!q>
}
func.func @launch_quantized(%x: tensor<4x!q>) -> tensor<4x!q> {
  %d = accel.host_to_device %x : tensor<4x!q>
  %r = accel.launch @qkernel(%d) : (tensor<4x!q>) -> tensor<4x!q>
  %h = accel.device_to_host %r : tensor<4x!q>
  return %h : tensor<4x!q>
}
