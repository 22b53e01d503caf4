// RUN: accel-opt %s --split-input-file -verify-diagnostics --accel-attach-target=target=int8-16x16 --accel-tile-kernels=tile-sizes=16x16x16 | FileCheck %s
//
// Tiled kernels (accel.kernel_type set) are not tiled again.
// RUN: accel-opt %s --split-input-file --accel-attach-target=target=int8-16x16 --accel-tile-kernels=tile-sizes=16x16x16 2>/dev/null | accel-opt --split-input-file --accel-tile-kernels=tile-sizes=16x16x16 2>/dev/null | FileCheck %s
//
// Without tile-sizes the cost model picks the tile; small problems fit whole.
// RUN: accel-opt %s --split-input-file -verify-diagnostics --accel-attach-target=target=int8-16x16 --accel-tile-kernels | FileCheck %s --check-prefix=DEFAULT
//
// With fallback=false an unsupported kernel is an error instead of a remark.
// RUN: not accel-opt %s --split-input-file --accel-attach-target=target=int8-16x16 --accel-tile-kernels=fallback=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=NO-FALLBACK
//
// A CPU-only target compiles nothing to the ISA.
// RUN: accel-opt %s --split-input-file --accel-attach-target=target=cpu --accel-tile-kernels -o /dev/null 2>&1 | FileCheck %s --check-prefix=CPU
// CPU: remark: kernel @tails is not compiled to the ISA (the target has no accelerator); it runs on the CPU path
//
// RUN: not accel-opt %s --split-input-file --accel-attach-target=target=int8-16x16 --accel-tile-kernels=tile-sizes=16x0x16 -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD-ZERO
// BAD-ZERO: error: tile-sizes: expected 'MtxNtxKt' with positive integers, found '16x0x16'
// RUN: not accel-opt %s --split-input-file --accel-attach-target=target=int8-16x16 --accel-tile-kernels=tile-sizes=16x16 -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD-TWO
// BAD-TWO: error: tile-sizes: expected 'MtxNtxKt' with positive integers, found '16x16'
//
// RUN: not accel-opt %s --split-input-file --accel-tile-kernels -o /dev/null 2>&1 | FileCheck %s --check-prefix=NO-TARGET
// NO-TARGET: error: accel-tile-kernels needs a target: run accel-attach-target first

// 40x24 @ 24x20 in 16x16x16 tiles: every dimension has a tail (40 = 16 + 16
// + 8, 20 = 16 + 4, 24 = 16 + 8), sized by affine.min.  The signature
// becomes memrefs with the result as a trailing out-parameter; the tensor
// signature is kept in accel.kernel_type.  The accumulator tile is
// allocated per (m, n) tile, the operand tiles per k step; the first k step
// overwrites the accumulator, the others add to it.
// CHECK-DAG:   #[[$MAP40:.*]] = affine_map<(d0) -> (16, -d0 + 40)>
// CHECK-DAG:   #[[$MAP20:.*]] = affine_map<(d0) -> (16, -d0 + 20)>
// CHECK-DAG:   #[[$MAP24:.*]] = affine_map<(d0) -> (16, -d0 + 24)>
// CHECK-LABEL: func.func private @tails(
// CHECK-SAME:      %[[A:.*]]: memref<40x24xi8>, %[[B:.*]]: memref<24x20xi8>, %[[C:.*]]: memref<40x20xi32>)
// CHECK-SAME:      attributes {accel.kernel, accel.kernel_type = (tensor<40x24xi8>, tensor<24x20xi8>) -> tensor<40x20xi32>}
// CHECK:         scf.for %[[M:[^ ]*]] = %c0{{[_0-9]*}} to %c40{{[_0-9]*}} step %c16{{[_0-9]*}} {
// CHECK-NEXT:      %[[MT:.*]] = affine.min #[[$MAP40]](%[[M]])
// CHECK:           scf.for %[[N:[^ ]*]] = %c0{{[_0-9]*}} to %c20{{[_0-9]*}} step %c16{{[_0-9]*}} {
// CHECK-NEXT:        %[[NT:.*]] = affine.min #[[$MAP20]](%[[N]])
// CHECK-NEXT:        %[[ACC:.*]] = memref.alloc() : memref<16x16xi32, 2>
// CHECK-NEXT:        %[[ACCT:.*]] = memref.subview %[[ACC]][0, 0] [%[[MT]], %[[NT]]] [1, 1] : memref<16x16xi32, 2> to memref<?x?xi32, strided<[16, 1]>, 2>
// CHECK:             scf.for %[[K:[^ ]*]] = %c0{{[_0-9]*}} to %c24{{[_0-9]*}} step %c16{{[_0-9]*}} {
// CHECK-NEXT:          %[[KT:.*]] = affine.min #[[$MAP24]](%[[K]])
// CHECK-NEXT:          %[[ABUF:.*]] = memref.alloc() : memref<16x16xi8, 1>
// CHECK-NEXT:          %[[AT:.*]] = memref.subview %[[ABUF]][0, 0] [%[[MT]], %[[KT]]] [1, 1] : memref<16x16xi8, 1> to memref<?x?xi8, strided<[16, 1]>, 1>
// CHECK-NEXT:          %[[AS:.*]] = memref.subview %[[A]][%[[M]], %[[K]]] [%[[MT]], %[[KT]]] [1, 1] : memref<40x24xi8> to memref<?x?xi8, strided<[24, 1], offset: ?>>
// CHECK-NEXT:          accel.dma_load %[[AS]], %[[AT]] : memref<?x?xi8, strided<[24, 1], offset: ?>>, memref<?x?xi8, strided<[16, 1]>, 1>
// CHECK-NEXT:          %[[BBUF:.*]] = memref.alloc() : memref<16x16xi8, 1>
// CHECK-NEXT:          %[[BT:.*]] = memref.subview %[[BBUF]][0, 0] [%[[KT]], %[[NT]]] [1, 1] : memref<16x16xi8, 1> to memref<?x?xi8, strided<[16, 1]>, 1>
// CHECK-NEXT:          %[[BS:.*]] = memref.subview %[[B]][%[[K]], %[[N]]] [%[[KT]], %[[NT]]] [1, 1] : memref<24x20xi8> to memref<?x?xi8, strided<[20, 1], offset: ?>>
// CHECK-NEXT:          accel.dma_load %[[BS]], %[[BT]] : memref<?x?xi8, strided<[20, 1], offset: ?>>, memref<?x?xi8, strided<[16, 1]>, 1>
// CHECK-NEXT:          %[[ZERO:.*]] = arith.constant 0 : index
// CHECK-NEXT:          %[[MORE:.*]] = arith.cmpi ne, %[[K]], %[[ZERO]] : index
// CHECK-NEXT:          accel.tile_matmul %[[AT]], %[[BT]], %[[ACCT]] accumulate(%[[MORE]]) : memref<?x?xi8, strided<[16, 1]>, 1>, memref<?x?xi8, strided<[16, 1]>, 1>, memref<?x?xi32, strided<[16, 1]>, 2>
// CHECK-NEXT:        }
// CHECK-NEXT:        %[[CS:.*]] = memref.subview %[[C]][%[[M]], %[[N]]] [%[[MT]], %[[NT]]] [1, 1] : memref<40x20xi32> to memref<?x?xi32, strided<[20, 1], offset: ?>>
// CHECK-NEXT:        accel.dma_store %[[ACCT]], %[[CS]] : memref<?x?xi32, strided<[16, 1]>, 2>, memref<?x?xi32, strided<[20, 1], offset: ?>>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    return
// CHECK-NOT:     accel.matmul

// DEFAULT-LABEL: func.func private @tails(
// DEFAULT-NOT:     affine.min
// The whole problem fits: one tile, with the lhs as a resident panel.
// DEFAULT:         memref.alloc() : memref<40x24xi8, 1>
// DEFAULT:         memref.alloc() : memref<40x20xi32, 2>
// DEFAULT:         memref.alloc() : memref<24x20xi8, 1>
// DEFAULT-NOT:     affine.min
// DEFAULT:         return
func.func private @tails(%a: tensor<40x24xi8>, %b: tensor<24x20xi8>) -> tensor<40x20xi32> attributes {accel.kernel} {
  %0 = accel.matmul %a, %b acc(i32) : tensor<40x24xi8>, tensor<24x20xi8> -> tensor<40x20xi32>
  return %0 : tensor<40x20xi32>
}

// Functions that are not kernels are left alone.
// CHECK-LABEL: func.func @host(
// CHECK:         accel.matmul
func.func @host(%a: tensor<40x24xi8>, %b: tensor<24x20xi8>) -> tensor<40x20xi32> {
  %0 = accel.matmul %a, %b acc(i32) : tensor<40x24xi8>, tensor<24x20xi8> -> tensor<40x20xi32>
  return %0 : tensor<40x20xi32>
}

// -----

// Quantized: storage types in DRAM, the lhs zero point on the tile matmul,
// the bias broadcast into the accumulator (so every k step accumulates),
// and the requantization and the relu folded into the store.
//   0.05 * 0.1 / 0.2 = 0.025 = 0.8 * 2^-5: multiplier round(0.8 * 2^31) =
//   1717986918, exponent -5, output zero point -1.
!qa = !quant.uniform<i8:f32, 0.05:3>
!qw = !quant.uniform<i8:f32, 0.1>
!qo = !quant.uniform<i8:f32, 0.2:-1>
// CHECK-LABEL: func.func private @fused(
// CHECK-SAME:      %[[A:.*]]: memref<16x32xi8>, %[[B:.*]]: memref<32x16xi8>, %[[BIAS:.*]]: memref<16xi32>, %[[OUT:.*]]: memref<16x16xi8>)
// CHECK-SAME:      accel.kernel_type = (tensor<16x32x!quant.uniform<i8:f32, 5.000000e-02:3>>, tensor<32x16x!quant.uniform<i8:f32, 1.000000e-01>>, tensor<16xi32>) -> tensor<16x16x!quant.uniform<i8:f32, 2.000000e-01:-1>>
// CHECK:         scf.for %[[M:[^ ]*]] =
// CHECK:           scf.for %[[N:[^ ]*]] =
// CHECK-NEXT:        %[[ACC:.*]] = memref.alloc() : memref<16x16xi32, 2>
// CHECK-NEXT:        %[[ACCT:.*]] = memref.subview %[[ACC]][0, 0] [16, 16] [1, 1]
// CHECK-NEXT:        %[[BIAS2D:.*]] = memref.expand_shape %[[BIAS]] {{\[}}[0, 1]] output_shape [1, 16] : memref<16xi32> into memref<1x16xi32>
// CHECK-NEXT:        %[[BIASN:.*]] = memref.subview %[[BIAS2D]][0, %[[N]]] [1, 16] [1, 1] : memref<1x16xi32> to memref<1x16xi32, strided<[16, 1], offset: ?>>
// CHECK-NEXT:        accel.dma_load %[[BIASN]], %[[ACCT]] broadcast : memref<1x16xi32, strided<[16, 1], offset: ?>>, memref<16x16xi32, strided<[16, 1]>, 2>
// CHECK:             scf.for %{{[^ ]*}} = %c0{{[_0-9]*}} to %c32{{[_0-9]*}} step %c16{{[_0-9]*}} {
// CHECK:               %[[TRUE:.*]] = arith.constant true
// CHECK-NEXT:          accel.tile_matmul %{{.*}}, %{{.*}}, %[[ACCT]] accumulate(%[[TRUE]]) {lhs_zp = 3 : i64} : memref<16x16xi8, strided<[16, 1]>, 1>, memref<16x16xi8, strided<[16, 1]>, 1>, memref<16x16xi32, strided<[16, 1]>, 2>
// CHECK:             %[[OS:.*]] = memref.subview %[[OUT]][%[[M]], %[[N]]] [16, 16] [1, 1]
// CHECK-NEXT:        accel.dma_store %[[ACCT]], %[[OS]] requant {{\[}}[1717986918, -5, -1]] {activation = "relu"} : memref<16x16xi32, strided<[16, 1]>, 2>, memref<16x16xi8, strided<[16, 1], offset: ?>>
// CHECK-NOT:     accel.relu
// CHECK-NOT:     accel.matmul
// CHECK:         return
func.func private @fused(%a: tensor<16x32x!qa>, %b: tensor<32x16x!qw>, %bias: tensor<16xi32>) -> tensor<16x16x!qo> attributes {accel.kernel} {
  %0 = accel.matmul %a, %b bias(%bias : tensor<16xi32>) acc(i32) : tensor<16x32x!qa>, tensor<32x16x!qw> -> tensor<16x16x!qo>
  %1 = accel.relu %0 : tensor<16x16x!qo>
  return %1 : tensor<16x16x!qo>
}

// -----

// Per-channel weight scales give one requant entry per output channel, and
// the store names the channel of its first column (the n induction
// variable).  A clamp folds into the store with bounds in the stored integer
// domain: 0.0 / 0.2 - 1 = -1, 6.0 / 0.2 - 1 = 29.
//   channel 1: 0.05 * 0.2 / 0.2 = 0.05 = 0.8 * 2^-4.
!qa = !quant.uniform<i8:f32, 0.05:3>
!qw = !quant.uniform<i8:f32:1, {0.1, 0.2}>
!qo = !quant.uniform<i8:f32, 0.2:-1>
// CHECK-LABEL: func.func private @per_channel(
// CHECK:           scf.for %[[N:[^ ]*]] = %c0{{[_0-9]*}} to %c2{{[_0-9]*}} step %c2{{[_0-9]*}} {
// CHECK:             accel.dma_store %{{.*}}, %{{.*}} channel_offset(%[[N]]) requant {{\[}}[1717986918, -5, -1], [1717986918, -4, -1]] {activation = "clamp", hi = 2.900000e+01 : f64, lo = -1.000000e+00 : f64} : memref<16x2xi32, strided<[2, 1]>, 2>, memref<16x2xi8, strided<[2, 1], offset: ?>>
// CHECK-NOT:     accel.clamp
// CHECK:         return
func.func private @per_channel(%a: tensor<16x16x!qa>, %b: tensor<16x2x!qw>) -> tensor<16x2x!qo> attributes {accel.kernel} {
  %0 = accel.matmul %a, %b acc(i32) : tensor<16x16x!qa>, tensor<16x2x!qw> -> tensor<16x2x!qo>
  %1 = accel.clamp %0 min 0.0 max 6.0 : tensor<16x2x!qo>
  return %1 : tensor<16x2x!qo>
}

// -----

// Two contractions in one kernel: the intermediate goes through DRAM scratch
// (a memref.alloc in the default memory space), one loop nest per
// contraction; the second reads the first's output with its zero point.
!qa = !quant.uniform<i8:f32, 0.05:3>
!qw = !quant.uniform<i8:f32, 0.1>
!qh = !quant.uniform<i8:f32, 0.2:-1>
// CHECK-LABEL: func.func private @chain(
// CHECK-SAME:      %[[A:.*]]: memref<16x16xi8>, %[[W1:.*]]: memref<16x16xi8>, %[[W2:.*]]: memref<16x16xi8>, %[[OUT:.*]]: memref<16x16xi32>)
// CHECK:         %[[TMP:.*]] = memref.alloc() : memref<16x16xi8>
// CHECK:         scf.for
// CHECK:           memref.subview %[[A]]
// CHECK:           memref.subview %[[W1]]
// CHECK:           accel.tile_matmul {{.*}} {lhs_zp = 3 : i64}
// CHECK:           memref.subview %[[TMP]]
// CHECK-NEXT:      accel.dma_store {{.*}} requant {{\[}}[1717986918, -5, -1]] :
// CHECK:         scf.for
// CHECK:           memref.subview %[[TMP]]
// CHECK:           memref.subview %[[W2]]
// CHECK:           accel.tile_matmul {{.*}} {lhs_zp = -1 : i64}
// CHECK:           memref.subview %[[OUT]]
// CHECK-NEXT:      accel.dma_store %{{[^ ]*}}, %{{[^ ]*}} : memref<16x16xi32, strided<[16, 1]>, 2>, memref<16x16xi32, strided<[16, 1], offset: ?>>
// CHECK:         return
func.func private @chain(%a: tensor<16x16x!qa>, %w1: tensor<16x16x!qw>, %w2: tensor<16x16x!qw>) -> tensor<16x16xi32> attributes {accel.kernel} {
  %0 = accel.matmul %a, %w1 acc(i32) : tensor<16x16x!qa>, tensor<16x16x!qw> -> tensor<16x16x!qh>
  %1 = accel.matmul %0, %w2 acc(i32) : tensor<16x16x!qh>, tensor<16x16x!qw> -> tensor<16x16xi32>
  return %1 : tensor<16x16xi32>
}

// -----

// Constant weights become a private memref.global read with get_global.
// CHECK:       memref.global "private" constant @constant_weights_cst0 : memref<16x16xi8> = dense<1>
// CHECK-LABEL: func.func private @constant_weights(
// CHECK-SAME:      %{{.*}}: memref<16x16xi8>, %{{.*}}: memref<16x16xi32>)
// CHECK-NOT:     arith.constant dense
// CHECK:         %[[W:.*]] = memref.get_global @constant_weights_cst0 : memref<16x16xi8>
// CHECK:         memref.subview %[[W]]
// CHECK:         return
func.func private @constant_weights(%a: tensor<16x16xi8>) -> tensor<16x16xi32> attributes {accel.kernel} {
  %w = arith.constant dense<1> : tensor<16x16xi8>
  %0 = accel.matmul %a, %w acc(i32) : tensor<16x16xi8>, tensor<16x16xi8> -> tensor<16x16xi32>
  return %0 : tensor<16x16xi32>
}

// -----

//===----------------------------------------------------------------------===//
// Kernels the pass does not compile yet stay tensor-level (CPU path)
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func private @lone_pool(
// CHECK-SAME:      %{{.*}}: tensor<1x4x4x16xbf16>) -> tensor<1x2x2x16xbf16> attributes {accel.kernel} {
// CHECK-NEXT:    accel.max_pool2d
// NO-FALLBACK: error: kernel @lone_pool is not compiled to the ISA ('accel.max_pool2d' is not compiled by the accelerator path yet){{$}}
// expected-remark @+1 {{kernel @lone_pool is not compiled to the ISA ('accel.max_pool2d' is not compiled by the accelerator path yet); it runs on the CPU path}}
func.func private @lone_pool(%x: tensor<1x4x4x16xbf16>) -> tensor<1x2x2x16xbf16> attributes {accel.kernel} {
  %0 = accel.max_pool2d %x window [2, 2] strides [2, 2] : tensor<1x4x4x16xbf16> -> tensor<1x2x2x16xbf16>
  return %0 : tensor<1x2x2x16xbf16>
}

// -----

// CHECK-LABEL: func.func private @depthwise(
// CHECK-SAME:      tensor<1x8x8x16xbf16>
// CHECK-NEXT:    accel.conv2d
// NO-FALLBACK: error: kernel @depthwise is not compiled to the ISA (grouped and depthwise convolutions are not compiled by the accelerator path yet){{$}}
// expected-remark @+1 {{kernel @depthwise is not compiled to the ISA (grouped and depthwise convolutions are not compiled by the accelerator path yet); it runs on the CPU path}}
func.func private @depthwise(%x: tensor<1x8x8x16xbf16>, %w: tensor<3x3x1x16xbf16>) -> tensor<1x6x6x16xf32> attributes {accel.kernel} {
  %0 = accel.conv2d %x, %w groups 16 acc(f32) : tensor<1x8x8x16xbf16>, tensor<3x3x1x16xbf16> -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// NO-FALLBACK: error: kernel @transposed is not compiled to the ISA (transposed matmul operands are not compiled by the accelerator path yet){{$}}
// expected-remark @+1 {{kernel @transposed is not compiled to the ISA (transposed matmul operands are not compiled by the accelerator path yet); it runs on the CPU path}}
func.func private @transposed(%a: tensor<16x16xi8>, %b: tensor<16x16xi8>) -> tensor<16x16xi32> attributes {accel.kernel} {
  %0 = accel.matmul %a, %b transpose_rhs acc(i32) : tensor<16x16xi8>, tensor<16x16xi8> -> tensor<16x16xi32>
  return %0 : tensor<16x16xi32>
}

// -----

// NO-FALLBACK: error: kernel @dynamic is not compiled to the ISA (dynamic shapes){{$}}
// expected-remark @+1 {{kernel @dynamic is not compiled to the ISA (dynamic shapes); it runs on the CPU path}}
func.func private @dynamic(%a: tensor<?x16xbf16>, %b: tensor<16x16xbf16>) -> tensor<?x16xf32> attributes {accel.kernel} {
  %0 = accel.matmul %a, %b acc(f32) : tensor<?x16xbf16>, tensor<16x16xbf16> -> tensor<?x16xf32>
  return %0 : tensor<?x16xf32>
}

// -----

// NO-FALLBACK: error: kernel @float_clamp is not compiled to the ISA (a float clamp is not compiled by the accelerator path yet){{$}}
// expected-remark @+1 {{kernel @float_clamp is not compiled to the ISA (a float clamp is not compiled by the accelerator path yet); it runs on the CPU path}}
func.func private @float_clamp(%a: tensor<16x16xbf16>, %b: tensor<16x16xbf16>) -> tensor<16x16xf32> attributes {accel.kernel} {
  %0 = accel.matmul %a, %b acc(f32) : tensor<16x16xbf16>, tensor<16x16xbf16> -> tensor<16x16xf32>
  %1 = accel.clamp %0 min 0.0 max 6.0 : tensor<16x16xf32>
  return %1 : tensor<16x16xf32>
}

// -----

// A u8 zero point above 127 does not fit the matmul's signed 8-bit field.
// NO-FALLBACK: error: kernel @u8_zero_point is not compiled to the ISA (zero point 200 does not fit the ISA's signed 8-bit field){{$}}
// expected-remark @+1 {{kernel @u8_zero_point is not compiled to the ISA (zero point 200 does not fit the ISA's signed 8-bit field); it runs on the CPU path}}
func.func private @u8_zero_point(%a: tensor<16x16x!quant.uniform<u8:f32, 0.1:200>>, %b: tensor<16x16x!quant.uniform<u8:f32, 0.1:3>>) -> tensor<16x16xi32> attributes {accel.kernel} {
  %0 = accel.matmul %a, %b acc(i32) : tensor<16x16x!quant.uniform<u8:f32, 0.1:200>>, tensor<16x16x!quant.uniform<u8:f32, 0.1:3>> -> tensor<16x16xi32>
  return %0 : tensor<16x16xi32>
}

// -----

// NO-FALLBACK: error: kernel @returns_argument is not compiled to the ISA (a kernel result that is an argument or a constant){{$}}
// expected-remark @+1 {{kernel @returns_argument is not compiled to the ISA (a kernel result that is an argument or a constant); it runs on the CPU path}}
func.func private @returns_argument(%a: tensor<16x16xbf16>) -> tensor<16x16xbf16> attributes {accel.kernel} {
  return %a : tensor<16x16xbf16>
}

// -----

// A convolution whose one tap of input channels (8192 x 16-column weights
// tile, twice) cannot fit the scratchpad stays on the CPU path.
// NO-FALLBACK: error: kernel @channels_too_wide is not compiled to the ISA (no SRAM tile of this convolution fits the target (one tap of input channels must fit)){{$}}
// expected-remark @+1 {{kernel @channels_too_wide is not compiled to the ISA (no SRAM tile of this convolution fits the target (one tap of input channels must fit)); it runs on the CPU path}}
func.func private @channels_too_wide(%x: tensor<1x16x16x8192xi8>, %w: tensor<1x1x8192x16xi8>) -> tensor<1x16x16x16xi32> attributes {accel.kernel} {
  %0 = accel.conv2d %x, %w acc(i32) : tensor<1x16x16x8192xi8>, tensor<1x1x8192x16xi8> -> tensor<1x16x16x16xi32>
  return %0 : tensor<1x16x16x16xi32>
}
