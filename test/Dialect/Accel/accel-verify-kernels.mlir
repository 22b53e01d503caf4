// RUN: accel-opt --accel-target=int8-16x16 --accel-verify-kernels %s --split-input-file -verify-diagnostics | FileCheck %s
//
// The full placement pipeline produces kernels that pass.
// RUN: accel-opt --accel-target=int8-16x16 --accel-place=cost-model=false --accel-outline-kernels --accel-verify-kernels %S/Inputs/outline-placed.mlir -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=PIPELINE --implicit-check-not=error:
// PIPELINE-COUNT-4: remark: accelerator: legal (cost model off)
//
// A kernel in a module without a target is itself an error.
// RUN: not accel-opt --accel-verify-kernels %s --split-input-file -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOTARGET
// NOTARGET: error: accelerator kernel in a module without an 'accel.target'

!q = !quant.uniform<i8:f32, 0.05:3>

// A valid kernel passes, unchanged; host-placed ops outside kernels are not
// the pass's business.
// CHECK-LABEL: func.func @main(
// CHECK:         accel.avg_pool2d {{.*}} {accel.placement = "host"}
// CHECK:         accel.launch @main_kernel0(
// CHECK-LABEL: func.func private @main_kernel0(
// CHECK-NEXT:    accel.matmul {{.*}} {accel.placement = "accelerator"}
// CHECK-NEXT:    accel.relu {{.*}} {accel.placement = "accelerator"}
// CHECK-NEXT:    return
func.func @main(%a: tensor<16x16x!q>, %b: tensor<16x16x!q>, %p: tensor<1x4x4x16x!q>) -> (tensor<16x16x!q>, tensor<1x2x2x16x!q>) {
  %0 = accel.avg_pool2d %p window [2, 2] strides [2, 2] {accel.placement = "host"} : tensor<1x4x4x16x!q> -> tensor<1x2x2x16x!q>
  %da = accel.host_to_device %a : tensor<16x16x!q>
  %db = accel.host_to_device %b : tensor<16x16x!q>
  %r = accel.launch @main_kernel0(%da, %db) : (tensor<16x16x!q>, tensor<16x16x!q>) -> tensor<16x16x!q>
  %h = accel.device_to_host %r : tensor<16x16x!q>
  return %h, %0 : tensor<16x16x!q>, tensor<1x2x2x16x!q>
}
func.func private @main_kernel0(%a: tensor<16x16x!q>, %b: tensor<16x16x!q>) -> tensor<16x16x!q> attributes {accel.kernel} {
  %0 = accel.matmul %a, %b acc(i32) {accel.placement = "accelerator"} : tensor<16x16x!q>, tensor<16x16x!q> -> tensor<16x16x!q>
  %1 = accel.relu %0 {accel.placement = "accelerator"} : tensor<16x16x!q>
  return %1 : tensor<16x16x!q>
}

// -----

!q = !quant.uniform<i8:f32, 0.05:3>

// Ops the target cannot run, each with the legality reason of accel-place;
// the pass reports them all, not just the first.
func.func private @illegal_kernel(%p: tensor<1x4x4x16x!q>, %x: tensor<16x16xf32>, %a: tensor<16x16xbf16>) -> (tensor<1x2x2x16x!q>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xbf16>) attributes {accel.kernel} {
  // expected-error @+1 {{cannot run in accelerator kernel @illegal_kernel on target 'int8-16x16': target 'int8-16x16' does not run 'avg_pool2d'}}
  %0 = accel.avg_pool2d %p window [2, 2] strides [2, 2] {accel.placement = "accelerator"} : tensor<1x4x4x16x!q> -> tensor<1x2x2x16x!q>
  // expected-error @+1 {{cannot run in accelerator kernel @illegal_kernel on target 'int8-16x16': element type f32 is not an input type of the target}}
  %1 = accel.relu %x {accel.placement = "accelerator"} : tensor<16x16xf32>
  // expected-error @+1 {{cannot run in accelerator kernel @illegal_kernel on target 'int8-16x16': not an accelerator operation}}
  %2 = arith.addf %1, %x {accel.placement = "accelerator"} : tensor<16x16xf32>
  // expected-error @+1 {{cannot run in accelerator kernel @illegal_kernel on target 'int8-16x16': type combination (bf16, f32, bf16) is not in the target's types}}
  %3 = accel.matmul %a, %a acc(f32) {accel.placement = "accelerator"} : tensor<16x16xbf16>, tensor<16x16xbf16> -> tensor<16x16xbf16>
  return %0, %1, %2, %3 : tensor<1x2x2x16x!q>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xbf16>
}

// -----

!q = !quant.uniform<i8:f32, 0.05:3>

// Legal ops that were not placed on the accelerator.
func.func private @unplaced_kernel(%a: tensor<16x16x!q>) -> tensor<16x16x!q> attributes {accel.kernel} {
  // expected-error @+1 {{in accelerator kernel @unplaced_kernel but not placed on the accelerator}}
  %0 = accel.relu %a : tensor<16x16x!q>
  // expected-error @+1 {{in accelerator kernel @unplaced_kernel but not placed on the accelerator}}
  %1 = accel.relu %0 {accel.placement = "host"} : tensor<16x16x!q>
  %2 = accel.relu %1 {accel.placement = "accelerator"} : tensor<16x16x!q>
  return %2 : tensor<16x16x!q>
}

// -----

!q = !quant.uniform<i8:f32, 0.05:3>

// A function without accel.kernel may hold anything.
// CHECK-LABEL: func.func private @not_a_kernel(
func.func private @not_a_kernel(%x: tensor<16x16xf32>) -> tensor<16x16xf32> {
  %0 = accel.relu %x {accel.placement = "accelerator"} : tensor<16x16xf32>
  %1 = arith.addf %0, %x : tensor<16x16xf32>
  return %1 : tensor<16x16xf32>
}
