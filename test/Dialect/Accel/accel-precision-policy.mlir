// bf16-128x128 runs bf16 and f16 with f32 accumulation and an f32 or a
// narrow result, and nothing in f32: f32 ops move to bf16 (the first allowed
// precision it runs) where the accelerator path compiles them.
// RUN: accel-opt --accel-attach-target=target=bf16-128x128 --accel-precision-policy %s --split-input-file 2>/dev/null | FileCheck %s
// RUN: accel-opt --accel-attach-target=target=bf16-128x128 --accel-precision-policy %s --split-input-file -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
//
// allowed=f16 picks f16 although bf16 comes first by default.
// RUN: accel-opt --accel-attach-target=target=bf16-128x128 --accel-precision-policy=allowed=f16 %s --split-input-file 2>/dev/null | FileCheck %s --check-prefix=F16
//
// A target whose only combination is (bf16, f32, bf16): contractions produce
// bf16 and cast it back to f32, unless the next op reads it in bf16.
// RUN: accel-opt --accel-attach-target=target=%S/Inputs/bf16-out-only.json --accel-precision-policy %s --split-input-file 2>/dev/null | FileCheck %s --check-prefix=OUT
// RUN: accel-opt --accel-attach-target=target=%S/Inputs/bf16-out-only.json --accel-precision-policy %s --split-input-file -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=OUTREMARK
//
// bf16-128x128 runs nothing in tf32: every op stays f32, with a remark.
// RUN: accel-opt --accel-attach-target=target=bf16-128x128 --accel-precision-policy=allowed=tf32 %s --split-input-file 2>/dev/null | FileCheck %s --check-prefix=TF32 --implicit-check-not=accel.cast
// RUN: accel-opt --accel-attach-target=target=bf16-128x128 --accel-precision-policy=allowed=tf32 %s --split-input-file -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=TF32REMARK
//
// An fp8 accelerator runs the matmul in f8E4M3FN, but the casts to it would
// run on the host, whose CPU path cannot hold fp8 tensors: it stays f32.
// RUN: accel-opt --accel-attach-target=target=%S/../../Simulator/Inputs/fp8-4x4.json --accel-precision-policy=allowed=f8E4M3FN %s --split-input-file -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=FP8
//
// Integer-only accelerators and the cpu target hold no float type: the pass
// has nothing to choose and says nothing.
// RUN: accel-opt --accel-attach-target=target=int8-16x16 --accel-precision-policy %s --split-input-file 2>&1 | FileCheck %s --check-prefix=UNCHANGED --implicit-check-not=accel.cast --implicit-check-not=remark
// RUN: accel-opt --accel-attach-target=target=cpu --accel-precision-policy %s --split-input-file 2>&1 | FileCheck %s --check-prefix=UNCHANGED --implicit-check-not=accel.cast --implicit-check-not=remark
//
// Without a target the pass refuses to run, in every chunk.
// RUN: not accel-opt --accel-precision-policy %s --split-input-file -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOTARGET
// NOTARGET: error: accel-precision-policy needs the module's 'accel.target'; run accel-attach-target first (or pass --accel-target)
// NOTARGET-NOT: remark:
//
// An unknown precision name is an error that lists the valid ones.
// RUN: not accel-opt --accel-attach-target=target=bf16-128x128 --accel-precision-policy=allowed=bf16,f64 %s --split-input-file -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: accel-precision-policy: unknown precision 'f64' in 'allowed'; expected one of bf16, f16, tf32, f8E4M3FN, f8E5M2
// BAD-NOT: remark:

// An f32 matmul: bf16 operands, the f32 accumulator and bias, and an f32
// result straight from the array (bf16-128x128 has (bf16, f32, f32)).
// CHECK-LABEL: func @matmul(
// CHECK-SAME: %[[A:.*]]: tensor<8x16xf32>, %[[B:.*]]: tensor<16x4xf32>, %[[BIAS:.*]]: tensor<4xf32>)
// CHECK: %[[A16:.*]] = accel.cast %[[A]] : tensor<8x16xf32> -> tensor<8x16xbf16>
// CHECK: %[[B16:.*]] = accel.cast %[[B]] : tensor<16x4xf32> -> tensor<16x4xbf16>
// CHECK: %[[Y:.*]] = accel.matmul %[[A16]], %[[B16]] bias(%[[BIAS]] : tensor<4xf32>) acc(f32) : tensor<8x16xbf16>, tensor<16x4xbf16> -> tensor<8x4xf32>
// CHECK-NEXT: return %[[Y]] : tensor<8x4xf32>
// F16-LABEL: func @matmul(
// F16: accel.cast %{{.*}} : tensor<8x16xf32> -> tensor<8x16xf16>
// F16: accel.cast %{{.*}} : tensor<16x4xf32> -> tensor<16x4xf16>
// F16: accel.matmul {{.*}} acc(f32) : tensor<8x16xf16>, tensor<16x4xf16> -> tensor<8x4xf32>
// OUT-LABEL: func @matmul(
// OUT: %[[Y:.*]] = accel.matmul {{.*}} acc(f32) : tensor<8x16xbf16>, tensor<16x4xbf16> -> tensor<8x4xbf16>
// OUT-NEXT: %[[F:.*]] = accel.cast %[[Y]] : tensor<8x4xbf16> -> tensor<8x4xf32>
// OUT-NEXT: return %[[F]] : tensor<8x4xf32>
// TF32-LABEL: func @matmul(
// TF32: accel.matmul {{.*}} : tensor<8x16xf32>, tensor<16x4xf32> -> tensor<8x4xf32>
// UNCHANGED-LABEL: func @matmul(
// UNCHANGED: accel.matmul {{.*}} : tensor<8x16xf32>, tensor<16x4xf32> -> tensor<8x4xf32>
func.func @matmul(%a: tensor<8x16xf32>, %b: tensor<16x4xf32>, %bias: tensor<4xf32>) -> tensor<8x4xf32> {
  // REMARK: accel-precision-policy.mlir:[[@LINE+4]]:8: remark: cast to bf16 with f32 accumulation{{$}}
  // OUTREMARK: accel-precision-policy.mlir:[[@LINE+3]]:8: remark: cast to bf16 with f32 accumulation and a bf16 result{{$}}
  // FP8: accel-precision-policy.mlir:[[@LINE+2]]:8: remark: kept in f32: the casts to f8E4M3FN would run on the host, whose CPU path cannot hold f8E4M3FN tensors yet{{$}}
  // TF32REMARK: accel-precision-policy.mlir:[[@LINE+1]]:8: remark: kept in f32: target 'bf16-128x128' runs 'matmul' in none of the allowed precisions (tf32){{$}}
  %0 = accel.matmul %a, %b bias(%bias : tensor<4xf32>) acc(f32) : tensor<8x16xf32>, tensor<16x4xf32> -> tensor<8x4xf32>
  return %0 : tensor<8x4xf32>
}

// -----

// A convolution keeps its strides, padding and f32 bias.
// CHECK-LABEL: func @conv(
// CHECK-SAME: %[[X:.*]]: tensor<1x8x8x4xf32>, %[[W:.*]]: tensor<3x3x4x8xf32>, %[[BIAS:.*]]: tensor<8xf32>)
// CHECK: %[[X16:.*]] = accel.cast %[[X]] : tensor<1x8x8x4xf32> -> tensor<1x8x8x4xbf16>
// CHECK: %[[W16:.*]] = accel.cast %[[W]] : tensor<3x3x4x8xf32> -> tensor<3x3x4x8xbf16>
// CHECK: %[[Y:.*]] = accel.conv2d %[[X16]], %[[W16]] bias(%[[BIAS]] : tensor<8xf32>) strides [2, 2] padding [1, 1, 1, 1] acc(f32) : tensor<1x8x8x4xbf16>, tensor<3x3x4x8xbf16> -> tensor<1x4x4x8xf32>
// CHECK-NEXT: return %[[Y]] : tensor<1x4x4x8xf32>
// OUT-LABEL: func @conv(
// OUT: %[[Y:.*]] = accel.conv2d {{.*}} : tensor<1x8x8x4xbf16>, tensor<3x3x4x8xbf16> -> tensor<1x4x4x8xbf16>
// OUT-NEXT: %[[F:.*]] = accel.cast %[[Y]] : tensor<1x4x4x8xbf16> -> tensor<1x4x4x8xf32>
// OUT-NEXT: return %[[F]] : tensor<1x4x4x8xf32>
// TF32-LABEL: func @conv(
// TF32: accel.conv2d {{.*}} : tensor<1x8x8x4xf32>, tensor<3x3x4x8xf32> -> tensor<1x4x4x8xf32>
// UNCHANGED-LABEL: func @conv(
// UNCHANGED: accel.conv2d {{.*}} : tensor<1x8x8x4xf32>, tensor<3x3x4x8xf32> -> tensor<1x4x4x8xf32>
func.func @conv(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x8xf32>, %bias: tensor<8xf32>) -> tensor<1x4x4x8xf32> {
  // REMARK: accel-precision-policy.mlir:[[@LINE+3]]:8: remark: cast to bf16 with f32 accumulation{{$}}
  // OUTREMARK: accel-precision-policy.mlir:[[@LINE+2]]:8: remark: cast to bf16 with f32 accumulation and a bf16 result{{$}}
  // TF32REMARK: accel-precision-policy.mlir:[[@LINE+1]]:8: remark: kept in f32: target 'bf16-128x128' runs 'conv2d' in none of the allowed precisions (tf32){{$}}
  %0 = accel.conv2d %x, %w bias(%bias : tensor<8xf32>) strides [2, 2] padding [1, 1, 1, 1] acc(f32) : tensor<1x8x8x4xf32>, tensor<3x3x4x8xf32> -> tensor<1x4x4x8xf32>
  return %0 : tensor<1x4x4x8xf32>
}

// -----

// An elementwise op computes in bf16; its result is cast back to f32.
// CHECK-LABEL: func @relu(
// CHECK-SAME: %[[X:.*]]: tensor<4x16xf32>)
// CHECK: %[[X16:.*]] = accel.cast %[[X]] : tensor<4x16xf32> -> tensor<4x16xbf16>
// CHECK: %[[Y:.*]] = accel.relu %[[X16]] : tensor<4x16xbf16>
// CHECK: %[[F:.*]] = accel.cast %[[Y]] : tensor<4x16xbf16> -> tensor<4x16xf32>
// CHECK: return %[[F]] : tensor<4x16xf32>
// F16-LABEL: func @relu(
// F16: accel.relu %{{.*}} : tensor<4x16xf16>
// TF32-LABEL: func @relu(
// TF32: accel.relu %{{.*}} : tensor<4x16xf32>
// UNCHANGED-LABEL: func @relu(
// UNCHANGED: accel.relu %{{.*}} : tensor<4x16xf32>
func.func @relu(%x: tensor<4x16xf32>) -> tensor<4x16xf32> {
  // REMARK: accel-precision-policy.mlir:[[@LINE+2]]:8: remark: cast to bf16{{$}}
  // TF32REMARK: accel-precision-policy.mlir:[[@LINE+1]]:8: remark: kept in f32: element type tf32 is not an input type of the target{{$}}
  %0 = accel.relu %x : tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

// Tensors the user already typed f16 stay f16, silently.
// CHECK-LABEL: func @matmul_f16(
// CHECK-NOT: accel.cast
// CHECK: accel.matmul {{.*}} : tensor<8x16xf16>, tensor<16x4xf16> -> tensor<8x4xf32>
// CHECK-NEXT: return
func.func @matmul_f16(%a: tensor<8x16xf16>, %b: tensor<16x4xf16>) -> tensor<8x4xf32> {
  // REMARK-NOT: accel-precision-policy.mlir:[[@LINE+2]]:
  // TF32REMARK-NOT: accel-precision-policy.mlir:[[@LINE+1]]:
  %0 = accel.matmul %a, %b acc(f32) : tensor<8x16xf16>, tensor<16x4xf16> -> tensor<8x4xf32>
  return %0 : tensor<8x4xf32>
}

// -----

// The target holds sub in bf16, but the accelerator path does not compile a
// float sub: no precision would take it to the accelerator, so it stays f32
// (and accel-place keeps it on the host).
// CHECK-LABEL: func @sub(
// CHECK-NOT: accel.cast
// CHECK: accel.sub %{{.*}}, %{{.*}} : tensor<4x16xf32>, tensor<4x16xf32> -> tensor<4x16xf32>
// CHECK-NEXT: return
func.func @sub(%x: tensor<4x16xf32>, %y: tensor<4x16xf32>) -> tensor<4x16xf32> {
  // REMARK: accel-precision-policy.mlir:[[@LINE+3]]:8: remark: kept in f32: 'accel.sub' is not compiled by the accelerator path yet{{$}}
  // OUTREMARK: accel-precision-policy.mlir:[[@LINE+2]]:8: remark: kept in f32: 'accel.sub' is not compiled by the accelerator path yet{{$}}
  // TF32REMARK: accel-precision-policy.mlir:[[@LINE+1]]:8: remark: kept in f32: element type tf32 is not an input type of the target{{$}}
  %0 = accel.sub %x, %y : tensor<4x16xf32>, tensor<4x16xf32> -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

// Dynamic shapes cannot be tiled in any precision.
// CHECK-LABEL: func @relu_dynamic(
// CHECK-NOT: accel.cast
// CHECK: accel.relu %{{.*}} : tensor<?x16xf32>
// CHECK-NEXT: return
func.func @relu_dynamic(%x: tensor<?x16xf32>) -> tensor<?x16xf32> {
  // REMARK: accel-precision-policy.mlir:[[@LINE+2]]:8: remark: kept in f32: dynamic shapes cannot be tiled for the accelerator{{$}}
  // TF32REMARK: accel-precision-policy.mlir:[[@LINE+1]]:8: remark: kept in f32: dynamic shapes cannot be tiled for the accelerator{{$}}
  %0 = accel.relu %x : tensor<?x16xf32>
  return %0 : tensor<?x16xf32>
}

// -----

// Consecutive layers stay in bf16: the relu reads the matmul's f32 result
// once cast down, and the second matmul reads the relu's bf16 result
// directly (no cast back to f32 and down again).
// CHECK-LABEL: func @chain(
// CHECK-SAME: %[[A:.*]]: tensor<8x16xf32>, %[[B:.*]]: tensor<16x16xf32>, %[[C:.*]]: tensor<16x4xf32>)
// CHECK: %[[A16:.*]] = accel.cast %[[A]] : tensor<8x16xf32> -> tensor<8x16xbf16>
// CHECK: %[[B16:.*]] = accel.cast %[[B]] : tensor<16x16xf32> -> tensor<16x16xbf16>
// CHECK: %[[H:.*]] = accel.matmul %[[A16]], %[[B16]] acc(f32) : tensor<8x16xbf16>, tensor<16x16xbf16> -> tensor<8x16xf32>
// CHECK-NEXT: %[[H16:.*]] = accel.cast %[[H]] : tensor<8x16xf32> -> tensor<8x16xbf16>
// CHECK-NEXT: %[[R:.*]] = accel.relu %[[H16]] : tensor<8x16xbf16>
// CHECK-NEXT: %[[C16:.*]] = accel.cast %[[C]] : tensor<16x4xf32> -> tensor<16x4xbf16>
// CHECK-NEXT: %[[Y:.*]] = accel.matmul %[[R]], %[[C16]] acc(f32) : tensor<8x16xbf16>, tensor<16x4xbf16> -> tensor<8x4xf32>
// CHECK-NEXT: return %[[Y]] : tensor<8x4xf32>
// With bf16 results, nothing is cast between the layers.
// OUT-LABEL: func @chain(
// OUT: %[[H:.*]] = accel.matmul {{.*}} -> tensor<8x16xbf16>
// OUT-NEXT: %[[R:.*]] = accel.relu %[[H]] : tensor<8x16xbf16>
// OUT-NEXT: %[[C16:.*]] = accel.cast %{{.*}} : tensor<16x4xf32> -> tensor<16x4xbf16>
// OUT-NEXT: %[[Y:.*]] = accel.matmul %[[R]], %[[C16]] acc(f32) : tensor<8x16xbf16>, tensor<16x4xbf16> -> tensor<8x4xbf16>
// OUT-NEXT: %[[F:.*]] = accel.cast %[[Y]] : tensor<8x4xbf16> -> tensor<8x4xf32>
// OUT-NEXT: return %[[F]] : tensor<8x4xf32>
// UNCHANGED-LABEL: func @chain(
// UNCHANGED: accel.matmul {{.*}} : tensor<8x16xf32>, tensor<16x16xf32> -> tensor<8x16xf32>
// UNCHANGED: accel.relu %{{.*}} : tensor<8x16xf32>
// UNCHANGED: accel.matmul {{.*}} : tensor<8x16xf32>, tensor<16x4xf32> -> tensor<8x4xf32>
func.func @chain(%a: tensor<8x16xf32>, %b: tensor<16x16xf32>, %c: tensor<16x4xf32>) -> tensor<8x4xf32> {
  // REMARK: accel-precision-policy.mlir:[[@LINE+6]]:8: remark: cast to bf16 with f32 accumulation{{$}}
  // REMARK: accel-precision-policy.mlir:[[@LINE+6]]:8: remark: cast to bf16{{$}}
  // REMARK: accel-precision-policy.mlir:[[@LINE+6]]:8: remark: cast to bf16 with f32 accumulation{{$}}
  // OUTREMARK: accel-precision-policy.mlir:[[@LINE+3]]:8: remark: cast to bf16 with f32 accumulation and a bf16 result{{$}}
  // OUTREMARK: accel-precision-policy.mlir:[[@LINE+3]]:8: remark: cast to bf16{{$}}
  // OUTREMARK: accel-precision-policy.mlir:[[@LINE+3]]:8: remark: cast to bf16 with f32 accumulation and a bf16 result{{$}}
  %0 = accel.matmul %a, %b acc(f32) : tensor<8x16xf32>, tensor<16x16xf32> -> tensor<8x16xf32>
  %1 = accel.relu %0 : tensor<8x16xf32>
  %2 = accel.matmul %1, %c acc(f32) : tensor<8x16xf32>, tensor<16x4xf32> -> tensor<8x4xf32>
  return %2 : tensor<8x4xf32>
}
