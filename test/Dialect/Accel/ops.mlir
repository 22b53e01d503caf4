// RUN: accel-opt %s | accel-opt | FileCheck %s
// RUN: accel-opt %s --mlir-print-op-generic | accel-opt | FileCheck %s

// Round-trips every accel op in each of its syntactic forms.

!qa = !quant.uniform<i8:f32, 0.05:3>
!qw = !quant.uniform<i8:f32:0, {0.1, 0.2, 0.3, 0.4}>
!qo = !quant.uniform<i8:f32, 0.2:-1>

// CHECK-LABEL: func @matmul_quantized_per_channel
// CHECK: accel.matmul %{{.*}}, %{{.*}} bias(%{{.*}} : tensor<4xi32>) transpose_rhs acc(i32) : tensor<2x8x!quant.uniform<i8:f32, 5.000000e-02:3>>, tensor<4x8x!quant.uniform<i8:f32:0, {1.000000e-01,2.000000e-01,3.000000e-01,4.000000e-01}>> -> tensor<2x4x!quant.uniform<i8:f32, 2.000000e-01:-1>>
func.func @matmul_quantized_per_channel(%a: tensor<2x8x!qa>, %w: tensor<4x8x!qw>, %b: tensor<4xi32>) -> tensor<2x4x!qo> {
  %0 = accel.matmul %a, %w bias(%b : tensor<4xi32>) transpose_rhs acc(i32) : tensor<2x8x!qa>, tensor<4x8x!qw> -> tensor<2x4x!qo>
  return %0 : tensor<2x4x!qo>
}

// CHECK-LABEL: func @matmul_raw_accumulators
// CHECK: accel.matmul %{{.*}}, %{{.*}} acc(i32) : {{.*}} -> tensor<2x4xi32>
func.func @matmul_raw_accumulators(%a: tensor<2x8x!qa>, %w: tensor<8x4x!quant.uniform<i4:f32, 0.5>>) -> tensor<2x4xi32> {
  %0 = accel.matmul %a, %w acc(i32) : tensor<2x8x!qa>, tensor<8x4x!quant.uniform<i4:f32, 0.5>> -> tensor<2x4xi32>
  return %0 : tensor<2x4xi32>
}

// CHECK-LABEL: func @matmul_u8
// CHECK: accel.matmul %{{.*}}, %{{.*}} acc(i32) : tensor<3x5x!quant.uniform<u8:f32, 1.000000e-01:128>>, tensor<5x7x!quant.uniform<u8:f32, 2.000000e-01:120>> -> tensor<3x7x!quant.uniform<u8:f32, 1.000000e+00:100>>
func.func @matmul_u8(%a: tensor<3x5x!quant.uniform<u8:f32, 0.1:128>>, %b: tensor<5x7x!quant.uniform<u8:f32, 0.2:120>>) -> tensor<3x7x!quant.uniform<u8:f32, 1.0:100>> {
  %0 = accel.matmul %a, %b acc(i32) : tensor<3x5x!quant.uniform<u8:f32, 0.1:128>>, tensor<5x7x!quant.uniform<u8:f32, 0.2:120>> -> tensor<3x7x!quant.uniform<u8:f32, 1.0:100>>
  return %0 : tensor<3x7x!quant.uniform<u8:f32, 1.0:100>>
}

// CHECK-LABEL: func @matmul_batched_float
// CHECK: accel.matmul %{{.*}}, %{{.*}} transpose_lhs acc(f32) : tensor<3x8x2xbf16>, tensor<3x8x4xbf16> -> tensor<3x2x4xbf16>
// CHECK: accel.matmul %{{.*}}, %{{.*}} bias(%{{.*}} : tensor<4xf32>) acc(f32) : tensor<3x2x8xf16>, tensor<8x4xf16> -> tensor<3x2x4xf32>
func.func @matmul_batched_float(%a: tensor<3x8x2xbf16>, %b: tensor<3x8x4xbf16>, %c: tensor<3x2x8xf16>, %d: tensor<8x4xf16>, %bias: tensor<4xf32>) -> (tensor<3x2x4xbf16>, tensor<3x2x4xf32>) {
  %0 = accel.matmul %a, %b transpose_lhs acc(f32) : tensor<3x8x2xbf16>, tensor<3x8x4xbf16> -> tensor<3x2x4xbf16>
  %1 = accel.matmul %c, %d bias(%bias : tensor<4xf32>) acc(f32) : tensor<3x2x8xf16>, tensor<8x4xf16> -> tensor<3x2x4xf32>
  return %0, %1 : tensor<3x2x4xbf16>, tensor<3x2x4xf32>
}

// CHECK-LABEL: func @matmul_fp8_tf32_dynamic
// CHECK: accel.matmul %{{.*}}, %{{.*}} acc(f32) : tensor<?x16xf8E4M3FN>, tensor<16x8xf8E5M2> -> tensor<?x8xf32>
// CHECK: accel.matmul %{{.*}}, %{{.*}} acc(f32) : tensor<4x4xtf32>, tensor<4x4xtf32> -> tensor<4x4xtf32>
// CHECK: accel.matmul %{{.*}}, %{{.*}} acc(i32) : tensor<4x4xi8>, tensor<4x4xi8> -> tensor<4x4xi32>
func.func @matmul_fp8_tf32_dynamic(%a: tensor<?x16xf8E4M3FN>, %b: tensor<16x8xf8E5M2>, %c: tensor<4x4xtf32>, %d: tensor<4x4xi8>) -> (tensor<?x8xf32>, tensor<4x4xtf32>, tensor<4x4xi32>) {
  %0 = accel.matmul %a, %b acc(f32) : tensor<?x16xf8E4M3FN>, tensor<16x8xf8E5M2> -> tensor<?x8xf32>
  %1 = accel.matmul %c, %c acc(f32) : tensor<4x4xtf32>, tensor<4x4xtf32> -> tensor<4x4xtf32>
  %2 = accel.matmul %d, %d acc(i32) : tensor<4x4xi8>, tensor<4x4xi8> -> tensor<4x4xi32>
  return %0, %1, %2 : tensor<?x8xf32>, tensor<4x4xtf32>, tensor<4x4xi32>
}

// CHECK-LABEL: func @conv2d_forms
// CHECK: accel.conv2d %{{.*}}, %{{.*}} acc(f32) : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x6x6x4xf32>
// CHECK: accel.conv2d %{{.*}}, %{{.*}} bias(%{{.*}} : tensor<4xf32>) strides [2, 2] padding [1, 1, 1, 1] dilations [2, 2] acc(f32) : tensor<1x8x8x3xf16>, tensor<3x3x3x4xf16> -> tensor<1x3x3x4xf16>
// CHECK: accel.conv2d %{{.*}}, %{{.*}} padding [1, 1, 1, 1] groups 4 acc(f32) : tensor<2x8x8x4xbf16>, tensor<3x3x1x8xbf16> -> tensor<2x8x8x8xf32>
// CHECK: accel.conv2d %{{.*}}, %{{.*}} groups 2 acc(i32) : tensor<1x5x5x4x!quant.uniform<i8:f32, 5.000000e-02:3>>, tensor<1x1x2x2x!quant.uniform<i8:f32:3, {1.000000e-01,2.000000e-01}>> -> tensor<1x5x5x2xi32>
func.func @conv2d_forms(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %xh: tensor<1x8x8x3xf16>, %wh: tensor<3x3x3x4xf16>, %b: tensor<4xf32>, %xb: tensor<2x8x8x4xbf16>, %dw: tensor<3x3x1x8xbf16>, %xq: tensor<1x5x5x4x!qa>, %wq: tensor<1x1x2x2x!quant.uniform<i8:f32:3, {0.1, 0.2}>>) -> (tensor<1x6x6x4xf32>, tensor<1x3x3x4xf16>, tensor<2x8x8x8xf32>, tensor<1x5x5x2xi32>) {
  %0 = accel.conv2d %x, %w acc(f32) : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x6x6x4xf32>
  %1 = accel.conv2d %xh, %wh bias(%b : tensor<4xf32>) strides [2, 2] padding [1, 1, 1, 1] dilations [2, 2] acc(f32) : tensor<1x8x8x3xf16>, tensor<3x3x3x4xf16> -> tensor<1x3x3x4xf16>
  %2 = accel.conv2d %xb, %dw padding [1, 1, 1, 1] groups 4 acc(f32) : tensor<2x8x8x4xbf16>, tensor<3x3x1x8xbf16> -> tensor<2x8x8x8xf32>
  %3 = accel.conv2d %xq, %wq groups 2 acc(i32) : tensor<1x5x5x4x!qa>, tensor<1x1x2x2x!quant.uniform<i8:f32:3, {0.1, 0.2}>> -> tensor<1x5x5x2xi32>
  return %0, %1, %2, %3 : tensor<1x6x6x4xf32>, tensor<1x3x3x4xf16>, tensor<2x8x8x8xf32>, tensor<1x5x5x2xi32>
}

// CHECK-LABEL: func @elementwise
// CHECK: accel.relu %{{.*}} : tensor<4x16xf32>
// CHECK: accel.clamp %{{.*}} min 0.000000e+00 max 6.000000e+00 : tensor<4x16xf32>
// CHECK: accel.clamp %{{.*}} min 0xFFF0000000000000 max 1.000000e+00 : tensor<4x16xf32>
// CHECK: accel.add %{{.*}}, %{{.*}} : tensor<4x16xf32>, tensor<16xf32> -> tensor<4x16xf32>
// CHECK: accel.sub %{{.*}}, %{{.*}} : tensor<4x1xf32>, tensor<1x16xf32> -> tensor<4x16xf32>
// CHECK: accel.mul %{{.*}}, %{{.*}} : tensor<4x16xf32>, tensor<4x16xf32> -> tensor<4x16xf32>
// CHECK: accel.relu %{{.*}} : tensor<4x16x!quant.uniform<i8:f32, 5.000000e-02:3>>
// CHECK: accel.add %{{.*}}, %{{.*}} : tensor<4x16x!quant.uniform<i8:f32, 5.000000e-02:3>>, tensor<4x16x!quant.uniform<i8:f32, 2.000000e-01:-1>> -> tensor<4x16x!quant.uniform<i8:f32, 1.000000e-01>>
func.func @elementwise(%x: tensor<4x16xf32>, %row: tensor<16xf32>, %col: tensor<4x1xf32>, %r: tensor<1x16xf32>, %q: tensor<4x16x!qa>, %q2: tensor<4x16x!qo>) {
  %0 = accel.relu %x : tensor<4x16xf32>
  %1 = accel.clamp %0 min 0.0 max 6.0 : tensor<4x16xf32>
  %2 = accel.clamp %1 min 0xFFF0000000000000 max 1.0 : tensor<4x16xf32>
  %3 = accel.add %2, %row : tensor<4x16xf32>, tensor<16xf32> -> tensor<4x16xf32>
  %4 = accel.sub %col, %r : tensor<4x1xf32>, tensor<1x16xf32> -> tensor<4x16xf32>
  %5 = accel.mul %3, %4 : tensor<4x16xf32>, tensor<4x16xf32> -> tensor<4x16xf32>
  %6 = accel.relu %q : tensor<4x16x!qa>
  %7 = accel.add %6, %q2 : tensor<4x16x!qa>, tensor<4x16x!qo> -> tensor<4x16x!quant.uniform<i8:f32, 0.1>>
  return
}

// CHECK-LABEL: func @pooling
// CHECK: accel.max_pool2d %{{.*}} window [2, 2] strides [2, 2] : tensor<1x8x8x4xf32> -> tensor<1x4x4x4xf32>
// CHECK: accel.avg_pool2d %{{.*}} window [3, 3] padding [1, 1, 1, 1] count_include_pad : tensor<1x8x8x4xf32> -> tensor<1x8x8x4xf32>
// CHECK: accel.avg_pool2d %{{.*}} window [8, 8] : tensor<1x8x8x4xf32> -> tensor<1x1x1x4xf32>
// CHECK: accel.max_pool2d %{{.*}} window [3, 3] strides [2, 2] padding [0, 1, 0, 1] : tensor<1x8x8x4x!quant.uniform<i8:f32, 5.000000e-02:3>> -> tensor<1x4x4x4x!quant.uniform<i8:f32, 5.000000e-02:3>>
func.func @pooling(%x: tensor<1x8x8x4xf32>, %q: tensor<1x8x8x4x!qa>) {
  %0 = accel.max_pool2d %x window [2, 2] strides [2, 2] : tensor<1x8x8x4xf32> -> tensor<1x4x4x4xf32>
  %1 = accel.avg_pool2d %x window [3, 3] padding [1, 1, 1, 1] count_include_pad : tensor<1x8x8x4xf32> -> tensor<1x8x8x4xf32>
  %2 = accel.avg_pool2d %x window [8, 8] : tensor<1x8x8x4xf32> -> tensor<1x1x1x4xf32>
  %3 = accel.max_pool2d %q window [3, 3] strides [2, 2] padding [0, 1, 0, 1] : tensor<1x8x8x4x!qa> -> tensor<1x4x4x4x!qa>
  return
}

// CHECK-LABEL: func @precision
// CHECK: accel.quantize %{{.*}} : tensor<2x4xf32> -> tensor<2x4x!quant.uniform<i8:f32, 5.000000e-02:3>>
// CHECK: accel.quantize %{{.*}} : tensor<2x4xf32> -> tensor<2x4x!quant.uniform<i8:f32:1, {1.000000e-01,2.000000e-01,3.000000e-01,4.000000e-01}>>
// CHECK: accel.dequantize %{{.*}} : tensor<2x4x!quant.uniform<i8:f32, 5.000000e-02:3>> -> tensor<2x4xf32>
// CHECK: accel.requantize %{{.*}} : tensor<2x4x!quant.uniform<i32:f32:1, {1.000000e-03,2.000000e-03,3.000000e-03,4.000000e-03}>> -> tensor<2x4x!quant.uniform<i8:f32, 2.000000e-01:-1>>
// CHECK: accel.cast %{{.*}} : tensor<2x4xf32> -> tensor<2x4xbf16>
// CHECK: accel.cast %{{.*}} : tensor<2x4xbf16> -> tensor<2x4xf8E4M3FN>
// CHECK: accel.cast %{{.*}} : tensor<2x4xf32> -> tensor<2x4xtf32>
func.func @precision(%x: tensor<2x4xf32>, %acc: tensor<2x4x!quant.uniform<i32:f32:1, {0.001, 0.002, 0.003, 0.004}>>) {
  %0 = accel.quantize %x : tensor<2x4xf32> -> tensor<2x4x!qa>
  %1 = accel.quantize %x : tensor<2x4xf32> -> tensor<2x4x!quant.uniform<i8:f32:1, {0.1, 0.2, 0.3, 0.4}>>
  %2 = accel.dequantize %0 : tensor<2x4x!qa> -> tensor<2x4xf32>
  %3 = accel.requantize %acc : tensor<2x4x!quant.uniform<i32:f32:1, {0.001, 0.002, 0.003, 0.004}>> -> tensor<2x4x!qo>
  %4 = accel.cast %x : tensor<2x4xf32> -> tensor<2x4xbf16>
  %5 = accel.cast %4 : tensor<2x4xbf16> -> tensor<2x4xf8E4M3FN>
  %6 = accel.cast %x : tensor<2x4xf32> -> tensor<2x4xtf32>
  return
}

// The host/accelerator boundary: kernels, launches and transfers.

// CHECK-LABEL: func private @kernel_two_results
// CHECK-SAME: (tensor<4x8xf32>, tensor<4x8x!quant.uniform<i8:f32, 5.000000e-02:3>>) -> (tensor<4x8xf32>, tensor<4x8x!quant.uniform<i8:f32, 5.000000e-02:3>>)
// CHECK-SAME: attributes {accel.kernel}
func.func private @kernel_two_results(tensor<4x8xf32>, tensor<4x8x!qa>) -> (tensor<4x8xf32>, tensor<4x8x!qa>) attributes {accel.kernel}

// CHECK-LABEL: func @kernel_with_body
// CHECK-SAME: attributes {accel.kernel}
// CHECK: accel.relu %{{.*}} {accel.placement = "accelerator"} : tensor<4xf32>
func.func @kernel_with_body(%x: tensor<4xf32>) -> tensor<4xf32> attributes {accel.kernel} {
  %0 = accel.relu %x {accel.placement = "accelerator"} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// CHECK-LABEL: func private @kernel_nothing
// CHECK-SAME: attributes {accel.kernel}
func.func private @kernel_nothing() attributes {accel.kernel}

// CHECK-LABEL: func @launches
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>, %[[Q:.*]]: tensor<4x8x!quant.uniform<i8:f32, 5.000000e-02:3>>, %[[V:.*]]: tensor<4xf32>)
// CHECK: %[[DX:.*]] = accel.host_to_device %[[X]] : tensor<4x8xf32>
// CHECK: %[[DQ:.*]] = accel.host_to_device %[[Q]] : tensor<4x8x!quant.uniform<i8:f32, 5.000000e-02:3>>
// CHECK: %[[R:.*]]:2 = accel.launch @kernel_two_results(%[[DX]], %[[DQ]]) : (tensor<4x8xf32>, tensor<4x8x!quant.uniform<i8:f32, 5.000000e-02:3>>) -> (tensor<4x8xf32>, tensor<4x8x!quant.uniform<i8:f32, 5.000000e-02:3>>)
// CHECK: %[[H0:.*]] = accel.device_to_host %[[R]]#0 : tensor<4x8xf32>
// CHECK: %[[H1:.*]] = accel.device_to_host %[[R]]#1 : tensor<4x8x!quant.uniform<i8:f32, 5.000000e-02:3>>
// CHECK: %[[DV:.*]] = accel.host_to_device %[[V]] : tensor<4xf32>
// CHECK: %[[R1:.*]] = accel.launch @kernel_with_body(%[[DV]]) : (tensor<4xf32>) -> tensor<4xf32>
// CHECK: accel.device_to_host %[[R1]] : tensor<4xf32>
// CHECK: accel.launch @kernel_nothing() : () -> ()
// CHECK: accel.relu %[[H0]] {accel.placement = "host"} : tensor<4x8xf32>
func.func @launches(%x: tensor<4x8xf32>, %q: tensor<4x8x!qa>, %v: tensor<4xf32>) {
  %dx = accel.host_to_device %x : tensor<4x8xf32>
  %dq = accel.host_to_device %q : tensor<4x8x!qa>
  %r:2 = accel.launch @kernel_two_results(%dx, %dq) : (tensor<4x8xf32>, tensor<4x8x!qa>) -> (tensor<4x8xf32>, tensor<4x8x!qa>)
  %h0 = accel.device_to_host %r#0 : tensor<4x8xf32>
  %h1 = accel.device_to_host %r#1 : tensor<4x8x!qa>
  %dv = accel.host_to_device %v : tensor<4xf32>
  %r1 = accel.launch @kernel_with_body(%dv) : (tensor<4xf32>) -> tensor<4xf32>
  %h2 = accel.device_to_host %r1 : tensor<4xf32>
  accel.launch @kernel_nothing() : () -> ()
  %0 = accel.relu %h0 {accel.placement = "host"} : tensor<4x8xf32>
  return
}

//===----------------------------------------------------------------------===//
// Tile level: memrefs in DRAM (space 0), the scratchpad (1), the accumulator (2)
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @dma_im2col
// CHECK: accel.dma_im2col %{{.*}}, %{{.*}}, %{{.*}} pixel(%{{.*}}) k(%{{.*}}) {dilations = array<i64: 1, 2>, kernel = array<i64: 3, 3>, output = array<i64: 56, 55>, padding = array<i64: 1, 1, 2, 0>, strides = array<i64: 1, 1>} : memref<1x56x56x64xi8>, memref<128x576xi8, 1>, memref<1x64xi8>
func.func @dma_im2col(%x: memref<1x56x56x64xi8>, %zp: memref<1x64xi8>, %m0: index, %k0: index) {
  %panel = memref.alloc() : memref<128x576xi8, 1>
  accel.dma_im2col %x, %panel, %zp pixel(%m0) k(%k0) {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 2>, padding = array<i64: 1, 1, 2, 0>, output = array<i64: 56, 55>} : memref<1x56x56x64xi8>, memref<128x576xi8, 1>, memref<1x64xi8>
  return
}

// CHECK-LABEL: func @tile_ops
// CHECK-SAME: (%[[A:.*]]: memref<64x256xi8>, %[[BIAS:.*]]: memref<1x16xi32>, %[[C:.*]]: memref<64x16xi8>, %[[CRAW:.*]]: memref<64x16xi32>, %[[N0:.*]]: index, %[[MORE:.*]]: i1)
// CHECK: %[[SP:.*]] = memref.alloc() {accel.address = 0 : i64} : memref<16x64xi8, 1>
// CHECK: %[[W:.*]] = memref.alloc() {accel.address = 1024 : i64} : memref<64x16xi8, 1>
// CHECK: %[[ACC:.*]] = memref.alloc() {accel.address = 0 : i64} : memref<16x16xi32, 2>
// CHECK: %[[TILE:.*]] = memref.subview %[[A]]
// CHECK: accel.dma_load %[[TILE]], %[[SP]] : memref<16x64xi8, strided<[256, 1]>>, memref<16x64xi8, 1>
// CHECK: accel.dma_load %[[BIAS]], %[[ACC]] broadcast : memref<1x16xi32>, memref<16x16xi32, 2>
// CHECK: accel.tile_matmul %[[SP]], %[[W]], %[[ACC]] accumulate(%[[MORE]]) {lhs_zp = 3 : i64, rhs_zp = -2 : i64} : memref<16x64xi8, 1>, memref<64x16xi8, 1>, memref<16x16xi32, 2>
// CHECK: %[[CT:.*]] = memref.subview %[[C]]
// CHECK: %[[CRT:.*]] = memref.subview %[[CRAW]]
// CHECK: accel.dma_store %[[ACC]], %[[CRT]] : memref<16x16xi32, 2>, memref<16x16xi32, strided<[16, 1]>>
// CHECK: accel.dma_store %[[ACC]], %[[CT]] requant {{\[}}[1518500250, -7, 3]] {activation = "relu"} : memref<16x16xi32, 2>, memref<16x16xi8, strided<[16, 1]>>
// CHECK: accel.dma_store %[[ACC]], %[[CT]] channel_offset(%[[N0]]) requant {{\[}}[1518500250, -7, 3], [1073741824, -6, 3]] {activation = "clamp", hi = 1.000000e+02 : f64, lo = -5.000000e+00 : f64} : memref<16x16xi32, 2>, memref<16x16xi8, strided<[16, 1]>>
func.func @tile_ops(%a: memref<64x256xi8>, %bias: memref<1x16xi32>, %c: memref<64x16xi8>, %craw: memref<64x16xi32>, %n0: index, %more: i1) {
  %sp = memref.alloc() {accel.address = 0 : i64} : memref<16x64xi8, 1>
  %w = memref.alloc() {accel.address = 1024 : i64} : memref<64x16xi8, 1>
  %acc = memref.alloc() {accel.address = 0 : i64} : memref<16x16xi32, 2>
  %tile = memref.subview %a[0, 0] [16, 64] [1, 1] : memref<64x256xi8> to memref<16x64xi8, strided<[256, 1]>>
  accel.dma_load %tile, %sp : memref<16x64xi8, strided<[256, 1]>>, memref<16x64xi8, 1>
  accel.dma_load %bias, %acc broadcast : memref<1x16xi32>, memref<16x16xi32, 2>
  accel.tile_matmul %sp, %w, %acc accumulate(%more) {lhs_zp = 3 : i64, rhs_zp = -2 : i64} : memref<16x64xi8, 1>, memref<64x16xi8, 1>, memref<16x16xi32, 2>
  %ct = memref.subview %c[0, 0] [16, 16] [1, 1] : memref<64x16xi8> to memref<16x16xi8, strided<[16, 1]>>
  %crt = memref.subview %craw[0, 0] [16, 16] [1, 1] : memref<64x16xi32> to memref<16x16xi32, strided<[16, 1]>>
  accel.dma_store %acc, %crt : memref<16x16xi32, 2>, memref<16x16xi32, strided<[16, 1]>>
  accel.dma_store %acc, %ct requant [[1518500250, -7, 3]] {activation = "relu"} : memref<16x16xi32, 2>, memref<16x16xi8, strided<[16, 1]>>
  accel.dma_store %acc, %ct channel_offset(%n0) requant [[1518500250, -7, 3], [1073741824, -6, 3]] {activation = "clamp", lo = -5.0 : f64, hi = 100.0 : f64} : memref<16x16xi32, 2>, memref<16x16xi8, strided<[16, 1]>>
  return
}

// Float tiles: bf16 operands, an f32 accumulator, dynamic tail sizes.
// CHECK-LABEL: func @tile_ops_float_dynamic
// CHECK: accel.tile_matmul %{{.*}}, %{{.*}}, %{{.*}} accumulate(%{{.*}}) : memref<?x?xbf16, strided<[128, 1]>, 1>, memref<?x?xbf16, strided<[128, 1]>, 1>, memref<?x?xf32, strided<[128, 1]>, 2>
// CHECK: accel.dma_store %{{.*}}, %{{.*}} : memref<?x?xf32, strided<[128, 1]>, 2>, memref<?x?xbf16, strided<[300, 1], offset: ?>>
func.func @tile_ops_float_dynamic(%a: memref<?x?xbf16, strided<[128, 1]>, 1>, %b: memref<?x?xbf16, strided<[128, 1]>, 1>, %c: memref<?x?xf32, strided<[128, 1]>, 2>, %out: memref<?x?xbf16, strided<[300, 1], offset: ?>>) {
  %false = arith.constant false
  accel.tile_matmul %a, %b, %c accumulate(%false) : memref<?x?xbf16, strided<[128, 1]>, 1>, memref<?x?xbf16, strided<[128, 1]>, 1>, memref<?x?xf32, strided<[128, 1]>, 2>
  accel.dma_store %c, %out : memref<?x?xf32, strided<[128, 1]>, 2>, memref<?x?xbf16, strided<[300, 1], offset: ?>>
  return
}

//===----------------------------------------------------------------------===//
// ISA level: one op per instruction of include/accel/ISA/Instructions.def
//===----------------------------------------------------------------------===//

// Fields print sorted by name; absent fields keep the table's default.
// CHECK-LABEL: func @isa_ops
// CHECK-NEXT: accel.isa.load {cols = 16 : i64, dram_addr = 0 : i64, dram_stride = 16 : i64, dram_type = 1 : i64, mem = 0 : i64, rows = 16 : i64, sram_addr = 0 : i64, sram_stride = 16 : i64, sram_type = 1 : i64} {push_next}
// CHECK-NEXT: accel.isa.store {act = 2 : i64, dram_type = 1 : i64, mem = 1 : i64, per_channel = 1 : i64, qparam = 0 : i64, sram_type = 4 : i64} {pop_prev, push_prev}
// CHECK-NEXT: accel.isa.preload {k = 16 : i64, n = 16 : i64, type = 1 : i64} {pop_prev}
// CHECK-NEXT: accel.isa.matmul {a_zp = -128 : i64, accumulate = 1 : i64, b_zp = 127 : i64, k = 16 : i64, m = 64 : i64, n = 16 : i64, type = 1 : i64} {pop_next, push_next}
// CHECK-NEXT: accel.isa.alu {imm = -2147483648 : i64, imm2 = 2147483647 : i64, op = 6 : i64, rows = 0 : i64, type = 4 : i64, use_imm = 1 : i64}
// CHECK-NEXT: accel.isa.pool {op = 1 : i64, type = 4 : i64, win_h = 2 : i64, win_w = 2 : i64}
// CHECK-NEXT: accel.isa.halt {}
// CHECK-NEXT: return
func.func @isa_ops() {
  accel.isa.load {mem = 0, dram_type = 1, sram_type = 1, sram_addr = 0, dram_addr = 0, rows = 16, cols = 16, dram_stride = 16, sram_stride = 16} {push_next}
  accel.isa.store {mem = 1, sram_type = 4, dram_type = 1, act = 2, qparam = 0, per_channel = 1} {pop_prev, push_prev}
  accel.isa.preload {type = 1, k = 16, n = 16} {pop_prev}
  accel.isa.matmul {type = 1, accumulate = 1, m = 64, n = 16, k = 16, a_zp = -128, b_zp = 127} {pop_next, push_next}
  accel.isa.alu {op = 6, type = 4, use_imm = 1, imm = -2147483648, imm2 = 2147483647, rows = 0}
  accel.isa.pool {op = 1, type = 4, win_h = 2, win_w = 2}
  accel.isa.halt {}
  return
}

// An accel.binary is a symbol that launches name; its data is any bytes.
// CHECK: accel.binary @bin : (tensor<4x8xi8>) -> tensor<4x8xi8> "ACCELBIN\00\01\FF"
accel.binary @bin : (tensor<4x8xi8>) -> tensor<4x8xi8> "ACCELBIN\00\01\FF"

// CHECK-LABEL: func @launch_binary
// CHECK: accel.launch @bin(%{{.*}}) : (tensor<4x8xi8>) -> tensor<4x8xi8>
func.func @launch_binary(%x: tensor<4x8xi8>) -> tensor<4x8xi8> {
  %0 = accel.launch @bin(%x) : (tensor<4x8xi8>) -> tensor<4x8xi8>
  return %0 : tensor<4x8xi8>
}

// A kernel tiled to memrefs keeps its tensor-level signature for launches.
// CHECK-LABEL: func private @tiled_kernel
// CHECK-SAME: (memref<4x8xi8>, memref<4x8xi8>) attributes {accel.kernel, accel.kernel_type = (tensor<4x8xi8>) -> tensor<4x8xi8>}
func.func private @tiled_kernel(memref<4x8xi8>, memref<4x8xi8>) attributes {accel.kernel, accel.kernel_type = (tensor<4x8xi8>) -> tensor<4x8xi8>}

// CHECK-LABEL: func @launch_tiled_kernel
// CHECK: accel.launch @tiled_kernel(%{{.*}}) : (tensor<4x8xi8>) -> tensor<4x8xi8>
func.func @launch_tiled_kernel(%x: tensor<4x8xi8>) -> tensor<4x8xi8> {
  %0 = accel.launch @tiled_kernel(%x) : (tensor<4x8xi8>) -> tensor<4x8xi8>
  return %0 : tensor<4x8xi8>
}
