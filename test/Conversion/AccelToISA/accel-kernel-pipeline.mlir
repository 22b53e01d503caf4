// Kernels outlined from host code (every legal op placed on the accelerator)
// go through the whole accelerator path: tile, double-buffer, allocate SRAM,
// lower to ISA ops, insert tokens, serialize.
// Nothing between the tensor level and the binary is left behind.
// RUN: accel-opt %s --accel-attach-target=target=int8-16x16 --accel-place=cost-model=false --accel-outline-kernels --accel-kernel-pipeline 2>/dev/null | FileCheck %s --implicit-check-not=accel.isa. --implicit-check-not=accel.dma_ --implicit-check-not=accel.tile_matmul --implicit-check-not=accel.kernel_type --implicit-check-not=accel.program --implicit-check-not=memref
// RUN: accel-opt %s --accel-attach-target=target=int8-16x16 --accel-place=cost-model=false --accel-outline-kernels --accel-kernel-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK

// One tile: the binary holds 3 bindings (arg0, arg1, result0), no
// requantization entries, no constants, 4672 bytes of DRAM (0x1240: 960 +
// 480 rounded to 1472, + 3200) and 12 instructions (2 loads, 4
// preload/matmul pairs for the 16 + 8 by 16 + 4 split of k and n, a store
// and halt).  The launch now calls the binary.
// CHECK-LABEL: func.func @small(
// CHECK:         accel.launch @small_kernel0(%{{.*}}, %{{.*}}) : (tensor<40x24xi8>, tensor<24x20xi8>) -> tensor<40x20xi32>
// CHECK:       accel.binary @small_kernel0 : (tensor<40x24xi8>, tensor<24x20xi8>) -> tensor<40x20xi32> "ACCELBIN\01\00\00\00@\00\00\00{{.*}}@\12\00\00\00\00\00\00\03\00\00\00\00\00\00\00\00\00\00\00\0C\00\00\00\00\00\00\00\00\00\00\00\0A\00int8-16x16
// CHECK-NOT:   func.func private @small_kernel0
func.func @small(%a: tensor<40x24xi8>, %b: tensor<24x20xi8>) -> tensor<40x20xi32> {
  %0 = accel.matmul %a, %b acc(i32) : tensor<40x24xi8>, tensor<24x20xi8> -> tensor<40x20xi32>
  return %0 : tensor<40x20xi32>
}

// Several tiles (the accumulator alone cannot hold 64x1024 i32), so loops
// of several iterations that are double-buffered: 540672 bytes of DRAM
// (0x084000: 16384 + 262144 + 262144).
// CHECK-LABEL: func.func @large(
// CHECK:         accel.launch @large_kernel0(%{{.*}}, %{{.*}}) : (tensor<64x256xi8>, tensor<256x1024xi8>) -> tensor<64x1024xi32>
// CHECK:       accel.binary @large_kernel0 : (tensor<64x256xi8>, tensor<256x1024xi8>) -> tensor<64x1024xi32> "ACCELBIN\01\00\00\00@\00\00\00{{.*}}\00@\08\00\00\00\00\00\03\00\00\00
// CHECK-NOT:   func.func private @large_kernel0
func.func @large(%a: tensor<64x256xi8>, %b: tensor<256x1024xi8>) -> tensor<64x1024xi32> {
  %0 = accel.matmul %a, %b acc(i32) : tensor<64x256xi8>, tensor<256x1024xi8> -> tensor<64x1024xi32>
  return %0 : tensor<64x1024xi32>
}

// A kernel the path cannot compile yet stays a tensor-level function (the
// CPU path runs it), with a remark.
!q = !quant.uniform<i8:f32, 0.1:-3>
// CHECK-LABEL: func.func @pool_only(
// CHECK:         accel.launch @pool_only_kernel0(
// CHECK:       func.func private @pool_only_kernel0(%{{.*}}: tensor<1x4x4x16x!quant.uniform<i8:f32, 1.000000e-01:-3>>) -> tensor<1x2x2x16x!quant.uniform<i8:f32, 1.000000e-01:-3>> attributes {accel.kernel} {
// CHECK-NEXT:    accel.max_pool2d
// CHECK-NOT:   accel.binary @pool_only_kernel0
// REMARK: remark: kernel @pool_only_kernel0 is not compiled to the ISA ('accel.max_pool2d' is not compiled by the accelerator path yet); it runs on the CPU path
func.func @pool_only(%x: tensor<1x4x4x16x!q>) -> tensor<1x2x2x16x!q> {
  %0 = accel.max_pool2d %x window [2, 2] strides [2, 2] : tensor<1x4x4x16x!q> -> tensor<1x2x2x16x!q>
  return %0 : tensor<1x2x2x16x!q>
}

// A lone relu streams through the accumulator: a binary.
// CHECK-LABEL: func.func @relu_only(
// CHECK:         accel.launch @relu_only_kernel0(
// CHECK:       accel.binary @relu_only_kernel0 : (tensor<16x16x!quant.uniform<i8:f32, 1.000000e-01:-3>>) -> tensor<16x16x!quant.uniform<i8:f32, 1.000000e-01:-3>> "ACCELBIN
func.func @relu_only(%x: tensor<16x16x!q>) -> tensor<16x16x!q> {
  %0 = accel.relu %x : tensor<16x16x!q>
  return %0 : tensor<16x16x!q>
}

// A quantized contraction with a bias and a relu (folded into the store):
// 4 bindings, one requantization entry, 1344 bytes of DRAM (0x540: 512 + 512
// + 64 + 256).
!qa = !quant.uniform<i8:f32, 0.05:3>
!qw = !quant.uniform<i8:f32, 0.1>
!qo = !quant.uniform<i8:f32, 0.2:-1>
// CHECK-LABEL: func.func @fused(
// CHECK:         accel.launch @fused_kernel0(
// CHECK:       accel.binary @fused_kernel0 : (tensor<16x32x!quant.uniform<i8:f32, 5.000000e-02:3>>, tensor<32x16x!quant.uniform<i8:f32, 1.000000e-01>>, tensor<16xi32>) -> tensor<16x16x!quant.uniform<i8:f32, 2.000000e-01:-1>> "ACCELBIN\01\00\00\00@\00\00\00{{.*}}@\05\00\00\00\00\00\00\04\00\00\00\01\00\00\00\00\00\00\00
// CHECK-NOT:   func.func private @fused_kernel0
func.func @fused(%a: tensor<16x32x!qa>, %b: tensor<32x16x!qw>, %bias: tensor<16xi32>) -> tensor<16x16x!qo> {
  %0 = accel.matmul %a, %b bias(%bias : tensor<16xi32>) acc(i32) : tensor<16x32x!qa>, tensor<32x16x!qw> -> tensor<16x16x!qo>
  %1 = accel.relu %0 : tensor<16x16x!qo>
  return %1 : tensor<16x16x!qo>
}
