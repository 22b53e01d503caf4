// A target whose requantizer can only shift ("requantizer": "shift") runs a
// quantized contraction or requantize only when every scale ratio is a power
// of two; others stay on the host with the reason.  The same ops all go to
// the accelerator on int8-256x256, whose requantizer multiplies.
//
// RUN: accel-opt --accel-target=%S/Inputs/int8-shift.json --accel-place=cost-model=false %s -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=SHIFT
// RUN: accel-opt --accel-target=int8-256x256 --accel-place=cost-model=false %s -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=FIXED
//
// The target attribute keeps the field.
// RUN: accel-opt --accel-target=%S/Inputs/int8-shift.json %s | FileCheck %s --check-prefix=ATTR
// ATTR: requantizer = shift

!x = !quant.uniform<i8:f32, 0.0078125>
!w = !quant.uniform<i8:f32:1, {0.015625, 0.0078125}>
!pow2 = !quant.uniform<i8:f32, 0.03125>
!other = !quant.uniform<i8:f32, 0.02>
func.func @main(%a: tensor<16x32x!x>, %b: tensor<32x2x!w>, %p: tensor<1x6x6x16x!x>) -> (tensor<16x2x!pow2>, tensor<16x2x!other>, tensor<16x2x!other>, tensor<1x2x2x16x!x>, tensor<1x3x3x16x!x>) {
  // SHIFT: remark: accelerator: legal (cost model off)
  // FIXED: remark: accelerator: legal (cost model off)
  %0 = accel.matmul %a, %b acc(i32) : tensor<16x32x!x>, tensor<32x2x!w> -> tensor<16x2x!pow2>
  // SHIFT: remark: host: requantizing by a scale ratio (or averaging over a window) that is not a power of two needs a multiplier; target 'int8-shift' can only shift
  // FIXED: remark: accelerator: legal (cost model off)
  %1 = accel.matmul %a, %b acc(i32) : tensor<16x32x!x>, tensor<32x2x!w> -> tensor<16x2x!other>
  // SHIFT: remark: host: requantizing by a scale ratio (or averaging over a window) that is not a power of two needs a multiplier; target 'int8-shift' can only shift
  // FIXED: remark: accelerator: legal (cost model off)
  %2 = accel.requantize %0 : tensor<16x2x!pow2> -> tensor<16x2x!other>
  // An int8 average divides by its window: 9 needs a multiplier, 4 is a
  // shift.
  // SHIFT: remark: host: requantizing by a scale ratio (or averaging over a window) that is not a power of two needs a multiplier; target 'int8-shift' can only shift
  // FIXED: remark: accelerator: legal (cost model off)
  %3 = accel.avg_pool2d %p window [3, 3] strides [3, 3] : tensor<1x6x6x16x!x> -> tensor<1x2x2x16x!x>
  // SHIFT: remark: accelerator: legal (cost model off)
  // FIXED: remark: accelerator: legal (cost model off)
  %4 = accel.avg_pool2d %p window [2, 2] strides [2, 2] : tensor<1x6x6x16x!x> -> tensor<1x3x3x16x!x>
  return %0, %1, %2, %3, %4 : tensor<16x2x!pow2>, tensor<16x2x!other>, tensor<16x2x!other>, tensor<1x2x2x16x!x>, tensor<1x3x3x16x!x>
}
