// RUN: accel-opt --accel-outline-kernels %s --split-input-file | FileCheck %s
// RUN: accel-opt --accel-outline-kernels %s --split-input-file | FileCheck %s --check-prefix=KERNEL1
// RUN: accel-opt --accel-outline-kernels %s --split-input-file | accel-opt --accel-outline-kernels --split-input-file | FileCheck %s --check-prefix=AGAIN
//
// Placement decided by accel-place (cost model off, so every legal op goes
// to the accelerator) on the 16x16 preset:
// RUN: accel-opt --accel-target=int8-16x16 --accel-place=cost-model=false --accel-outline-kernels %S/Inputs/outline-placed.mlir 2>/dev/null | FileCheck %s --check-prefix=PLACED

// Placement here is written in the input.

// A run of two ops becomes one kernel; every value entering it crosses with
// host_to_device, every value the host reads with device_to_host.
// CHECK-LABEL: func.func @one_run(
// CHECK-SAME:      %[[A:.*]]: tensor<4x8xf32>, %[[B:.*]]: tensor<8x4xf32>)
// CHECK-NEXT:    %[[DA:.*]] = accel.host_to_device %[[A]] : tensor<4x8xf32>
// CHECK-NEXT:    %[[DB:.*]] = accel.host_to_device %[[B]] : tensor<8x4xf32>
// CHECK-NEXT:    %[[R:.*]] = accel.launch @one_run_kernel0(%[[DA]], %[[DB]]) : (tensor<4x8xf32>, tensor<8x4xf32>) -> tensor<4x4xf32>
// CHECK-NEXT:    %[[H:.*]] = accel.device_to_host %[[R]] : tensor<4x4xf32>
// CHECK-NEXT:    return %[[H]] : tensor<4x4xf32>
// CHECK-NEXT:  }
// CHECK-NEXT:  func.func private @one_run_kernel0(%[[KA:.*]]: tensor<4x8xf32>, %[[KB:.*]]: tensor<8x4xf32>) -> tensor<4x4xf32> attributes {accel.kernel} {
// CHECK-NEXT:    %[[M:.*]] = accel.matmul %[[KA]], %[[KB]] acc(f32) {accel.placement = "accelerator"}
// CHECK-NEXT:    %[[RELU:.*]] = accel.relu %[[M]] {accel.placement = "accelerator"}
// CHECK-NEXT:    return %[[RELU]] : tensor<4x4xf32>
// CHECK-NEXT:  }
// AGAIN-LABEL: func.func @one_run(
// AGAIN-COUNT-1: accel.launch
// AGAIN-NOT: accel.launch
// AGAIN: func.func private @one_run_kernel0(
// AGAIN-NOT: @one_run_kernel1
func.func @one_run(%a: tensor<4x8xf32>, %b: tensor<8x4xf32>) -> tensor<4x4xf32> {
  %0 = accel.matmul %a, %b acc(f32) {accel.placement = "accelerator"} : tensor<4x8xf32>, tensor<8x4xf32> -> tensor<4x4xf32>
  %1 = accel.relu %0 {accel.placement = "accelerator"} : tensor<4x4xf32>
  return %1 : tensor<4x4xf32>
}

// -----

// A host op splits the accelerator ops into two kernels; the constant in
// the middle of the first run does not split it: it stays on the host and
// becomes a kernel argument. %0 is used inside the first run and after it,
// so kernel0 returns it as well.
// CHECK-LABEL: func.func @two_runs(
// CHECK-SAME:      %[[A:.*]]: tensor<4x4xf32>, %[[B:.*]]: tensor<4x4xf32>)
// CHECK-NEXT:    %[[CST:.*]] = arith.constant dense<1.000000e+00> : tensor<4x4xf32>
// CHECK-NEXT:    %[[DA:.*]] = accel.host_to_device %[[A]]
// CHECK-NEXT:    %[[DB:.*]] = accel.host_to_device %[[B]]
// CHECK-NEXT:    %[[DC:.*]] = accel.host_to_device %[[CST]]
// CHECK-NEXT:    %[[R0:.*]]:2 = accel.launch @two_runs_kernel0(%[[DA]], %[[DB]], %[[DC]]) : (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>) -> (tensor<4x4xf32>, tensor<4x4xf32>)
// CHECK-NEXT:    %[[MM:.*]] = accel.device_to_host %[[R0]]#0
// CHECK-NEXT:    %[[SUM:.*]] = accel.device_to_host %[[R0]]#1
// CHECK-NEXT:    %[[HOST:.*]] = accel.relu %[[SUM]] {accel.placement = "host"}
// CHECK-NEXT:    %[[DHOST:.*]] = accel.host_to_device %[[HOST]]
// CHECK-NEXT:    %[[DMM:.*]] = accel.host_to_device %[[MM]]
// CHECK-NEXT:    %[[R1:.*]] = accel.launch @two_runs_kernel1(%[[DHOST]], %[[DMM]]) : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
// CHECK-NEXT:    %[[OUT:.*]] = accel.device_to_host %[[R1]]
// CHECK-NEXT:    return %[[MM]], %[[OUT]] : tensor<4x4xf32>, tensor<4x4xf32>
// CHECK-NEXT:  }
// CHECK:       func.func private @two_runs_kernel0(%[[KA:.*]]: tensor<4x4xf32>, %[[KB:.*]]: tensor<4x4xf32>, %[[KC:.*]]: tensor<4x4xf32>) -> (tensor<4x4xf32>, tensor<4x4xf32>) attributes {accel.kernel} {
// CHECK-NEXT:    %[[M:.*]] = accel.matmul %[[KA]], %[[KB]] acc(f32)
// CHECK-NEXT:    %[[S:.*]] = accel.add %[[M]], %[[KC]]
// CHECK-NEXT:    return %[[M]], %[[S]] : tensor<4x4xf32>, tensor<4x4xf32>
// CHECK-NEXT:  }
// KERNEL1-LABEL: func.func private @two_runs_kernel1(
// KERNEL1-SAME:      %[[KH:.*]]: tensor<4x4xf32>, %[[KM:.*]]: tensor<4x4xf32>) -> tensor<4x4xf32> attributes {accel.kernel} {
// KERNEL1-NEXT:    %[[P:.*]] = accel.mul %[[KH]], %[[KM]] {accel.placement = "accelerator"}
// KERNEL1-NEXT:    %[[Q:.*]] = accel.relu %[[P]] {accel.placement = "accelerator"}
// KERNEL1-NEXT:    return %[[Q]] : tensor<4x4xf32>
// KERNEL1-NEXT:  }
// AGAIN-LABEL: func.func @two_runs(
// AGAIN-COUNT-2: accel.launch
// AGAIN-NOT: accel.launch
// AGAIN-NOT: @two_runs_kernel2
func.func @two_runs(%a: tensor<4x4xf32>, %b: tensor<4x4xf32>) -> (tensor<4x4xf32>, tensor<4x4xf32>) {
  %0 = accel.matmul %a, %b acc(f32) {accel.placement = "accelerator"} : tensor<4x4xf32>, tensor<4x4xf32> -> tensor<4x4xf32>
  %c = arith.constant dense<1.0> : tensor<4x4xf32>
  %1 = accel.add %0, %c {accel.placement = "accelerator"} : tensor<4x4xf32>, tensor<4x4xf32> -> tensor<4x4xf32>
  %2 = accel.relu %1 {accel.placement = "host"} : tensor<4x4xf32>
  %3 = accel.mul %2, %0 {accel.placement = "accelerator"} : tensor<4x4xf32>, tensor<4x4xf32> -> tensor<4x4xf32>
  %4 = accel.relu %3 {accel.placement = "accelerator"} : tensor<4x4xf32>
  return %0, %4 : tensor<4x4xf32>, tensor<4x4xf32>
}

// -----

// An op without a placement, or placed on the host, is left alone.
// CHECK-LABEL: func.func @nothing_on_the_accelerator(
// CHECK-NEXT:    accel.relu %{{.*}} {accel.placement = "host"}
// CHECK-NEXT:    accel.relu
// CHECK-NEXT:    return
// CHECK-NOT:   accel.kernel
// AGAIN-LABEL: func.func @nothing_on_the_accelerator(
// AGAIN-NOT:   accel.launch
func.func @nothing_on_the_accelerator(%a: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %0 = accel.relu %a {accel.placement = "host"} : tensor<4x4xf32>
  %1 = accel.relu %0 : tensor<4x4xf32>
  return %1 : tensor<4x4xf32>
}

// -----

// A kernel name already taken gets a fresh one; a result nobody reads is
// not returned.
// CHECK-LABEL: func.func @clash(
// CHECK-NEXT:    %[[D:.*]] = accel.host_to_device
// CHECK-NEXT:    accel.launch @clash_kernel0_0(%[[D]]) : (tensor<4x4xf32>) -> (){{$}}
// CHECK-NEXT:    return{{$}}
// CHECK:       func.func private @clash_kernel0_0(%{{.*}}: tensor<4x4xf32>) attributes {accel.kernel} {
// CHECK-NEXT:    accel.relu
// CHECK-NEXT:    return{{$}}
// CHECK:       func.func private @clash_kernel0(%{{.*}}: tensor<4x4xf32>) -> tensor<4x4xf32> {
// AGAIN-LABEL: func.func @clash(
// AGAIN:       accel.launch @clash_kernel0_0(
func.func @clash(%a: tensor<4x4xf32>) {
  %0 = accel.relu %a {accel.placement = "accelerator"} : tensor<4x4xf32>
  return
}
func.func private @clash_kernel0(%a: tensor<4x4xf32>) -> tensor<4x4xf32> {
  return %a : tensor<4x4xf32>
}

// -----

// A run inside a loop body is outlined too; the launch stays in the loop.
// CHECK-LABEL: func.func @in_loop(
// CHECK:         scf.for
// CHECK:           %[[D:.*]] = accel.host_to_device %{{.*}} : tensor<4x4xf32>
// CHECK-NEXT:      %[[R:.*]] = accel.launch @in_loop_kernel0(%[[D]])
// CHECK-NEXT:      %[[H:.*]] = accel.device_to_host %[[R]]
// CHECK-NEXT:      scf.yield %[[H]]
// CHECK:       func.func private @in_loop_kernel0({{.*}}) -> tensor<4x4xf32> attributes {accel.kernel}
// CHECK-NEXT:    accel.relu
// CHECK-NEXT:    accel.clamp
// CHECK-NEXT:    return
func.func @in_loop(%a: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %r = scf.for %i = %c0 to %c3 step %c1 iter_args(%x = %a) -> tensor<4x4xf32> {
    %0 = accel.relu %x {accel.placement = "accelerator"} : tensor<4x4xf32>
    %1 = accel.clamp %0 min -1.0 max 0.5 {accel.placement = "accelerator"} : tensor<4x4xf32>
    scf.yield %1 : tensor<4x4xf32>
  }
  return %r : tensor<4x4xf32>
}

// The quantized model in Inputs/outline-placed.mlir on int8-16x16: the
// avg_pool2d the target does not run splits two kernels; the requantize
// and both relus are legal and go with them.
// PLACED-LABEL: func.func @model(
// PLACED:         accel.launch @model_kernel0(
// PLACED-NEXT:    accel.device_to_host
// PLACED-NEXT:    accel.avg_pool2d {{.*}} {accel.placement = "host"}
// PLACED-NEXT:    accel.host_to_device
// PLACED-NEXT:    accel.launch @model_kernel1(
// PLACED-NEXT:    accel.device_to_host
// PLACED-NEXT:    return
// Kernels follow their function in launch order.
// PLACED:       func.func private @model_kernel0(
// PLACED-NEXT:    accel.conv2d {{.*}} {accel.placement = "accelerator"}
// PLACED-NEXT:    accel.requantize {{.*}} {accel.placement = "accelerator"}
// PLACED-NEXT:    accel.relu {{.*}} {accel.placement = "accelerator"}
// PLACED-NEXT:    return
// PLACED:       func.func private @model_kernel1(
// PLACED-NEXT:    accel.relu {{.*}} {accel.placement = "accelerator"}
// PLACED-NEXT:    return
