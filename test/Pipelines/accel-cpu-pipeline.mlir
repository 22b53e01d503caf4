// RUN: accel-opt %s --accel-cpu-pipeline | FileCheck %s --check-prefix=LLVM
// RUN: accel-opt %s --accel-cpu-pipeline | FileCheck %s --check-prefix=LEFTOVER
// RUN: accel-opt %s --accel-cpu-pipeline=lower-to-llvm=false | FileCheck %s --check-prefix=MEMREF

// The CPU path end to end (lib/Pipelines/CPUPipeline.cpp). Fully lowered,
// the module is LLVM dialect only, with the bare-pointer calling convention:
// one !llvm.ptr per memref argument, results returned through trailing
// out-parameter pointers, no return values. With lower-to-llvm=false the
// pipeline stops after bufferization and the same ABI shows in memref form.
// The register tile of the contraction schedule depends on the host, so
// nothing here looks inside vectorized loops.

// Nothing but the LLVM dialect is left (the accel.kernel marker on a function
// is an attribute, not an op); bf16 rounding and widening are expanded to
// integer arithmetic (arith-expand{include-bf16}), so no float conversion
// to or from bf16 reaches LLVM.
// LEFTOVER-NOT: func.func
// LEFTOVER-NOT: func.call
// LEFTOVER-NOT: accel.launch
// LEFTOVER-NOT: accel.host_to_device
// LEFTOVER-NOT: linalg.
// LEFTOVER-NOT: memref.
// LEFTOVER-NOT: tensor.empty
// LEFTOVER-NOT: bufferization.
// LEFTOVER-NOT: vector.
// LEFTOVER-NOT: scf.
// LEFTOVER-NOT: cf.
// LEFTOVER-NOT: arith.
// LEFTOVER-NOT: math.
// LEFTOVER-NOT: !quant
// LEFTOVER-NOT: unrealized_conversion_cast
// LEFTOVER-NOT: llvm.fptrunc
// LEFTOVER-NOT: llvm.fpext

// The per-channel requantization multipliers of @matmul_quantized
// (0.5 * 0.25 / 0.125 = 1.0 -> 2^30, 0.5 * 0.375 / 0.125 = 1.5 -> 0.75 * 2^31)
// become a constant global.
// LLVM: llvm.mlir.global private constant @[[MULS:.*]](dense<[1073741824, 1610612736]> : tensor<2xi32>)
// MEMREF: memref.global "private" constant @[[MULS:.*]] : memref<2xi32> = dense<[1073741824, 1610612736]>

// LLVM-LABEL: llvm.func @matmul_relu(
// LLVM-SAME: %{{[[:alnum:]_]+}}: !llvm.ptr, %{{[[:alnum:]_]+}}: !llvm.ptr, %{{[[:alnum:]_]+}}: !llvm.ptr) {
// LLVM: llvm.return{{$}}
// MEMREF-LABEL: func.func @matmul_relu(
// MEMREF-SAME: %{{[[:alnum:]_]+}}: memref<4x8xf32>, %{{[[:alnum:]_]+}}: memref<8x16xf32>, %[[OUT:[[:alnum:]_]+]]: memref<4x16xf32>) {
// MEMREF: linalg.generic {{.*}} outs(%[[R:.*]] : memref<4x16xf32>)
// MEMREF: arith.maximumf
// MEMREF: memref.copy %[[R]], %[[OUT]]
// MEMREF: return{{$}}
func.func @matmul_relu(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %0 = accel.matmul %a, %b acc(f32) : tensor<4x8xf32>, tensor<8x16xf32> -> tensor<4x16xf32>
  %1 = accel.relu %0 : tensor<4x16xf32>
  return %1 : tensor<4x16xf32>
}

// Quantized operands and result are their i8 storage; the requantization
// epilogue writes straight into the out-parameter.
!qa = !quant.uniform<i8:f32, 0.5:3>
!qw = !quant.uniform<i8:f32:1, {0.25, 0.375}>
!qo = !quant.uniform<i8:f32, 0.125:-1>

// LLVM-LABEL: llvm.func @matmul_quantized(
// LLVM-SAME: %{{[[:alnum:]_]+}}: !llvm.ptr, %{{[[:alnum:]_]+}}: !llvm.ptr, %{{[[:alnum:]_]+}}: !llvm.ptr, %{{[[:alnum:]_]+}}: !llvm.ptr) {
// LLVM: llvm.mlir.addressof @[[MULS]] : !llvm.ptr
// LLVM: llvm.return{{$}}
// MEMREF-LABEL: func.func @matmul_quantized(
// MEMREF-SAME: %{{[[:alnum:]_]+}}: memref<4x8xi8>, %{{[[:alnum:]_]+}}: memref<8x2xi8>, %[[BIAS:[[:alnum:]_]+]]: memref<2xi32>, %[[OUT:[[:alnum:]_]+]]: memref<4x2xi8>) {
// MEMREF: %[[M:.*]] = memref.get_global @[[MULS]] : memref<2xi32>
// MEMREF: linalg.generic {{.*}} ins(%{{.*}}, %[[BIAS]], %[[M]] : memref<4x2xi32>, memref<2xi32>, memref<2xi32>) outs(%[[R:.*]] : memref<4x2xi8>)
// MEMREF: memref.copy %[[R]], %[[OUT]]
// MEMREF: return{{$}}
func.func @matmul_quantized(%a: tensor<4x8x!qa>, %w: tensor<8x2x!qw>, %bias: tensor<2xi32>) -> tensor<4x2x!qo> {
  %0 = accel.matmul %a, %w bias(%bias : tensor<2xi32>) acc(i32) : tensor<4x8x!qa>, tensor<8x2x!qw> -> tensor<4x2x!qo>
  return %0 : tensor<4x2x!qo>
}

// bf16 in and out: the extension and the rounding are integer arithmetic on
// the bf16 bits (round to nearest even by adding 0x7FFF plus the lowest kept
// bit, NaN becoming the quiet NaN 0x7FC0 = 32704).
// LLVM-LABEL: llvm.func @add_bf16(
// LLVM-SAME: %{{[[:alnum:]_]+}}: !llvm.ptr, %{{[[:alnum:]_]+}}: !llvm.ptr, %{{[[:alnum:]_]+}}: !llvm.ptr) {
// LLVM-DAG: llvm.mlir.constant(32767 : i32) : i32
// LLVM-DAG: llvm.mlir.constant(32704 : i16) : i16
// LLVM-DAG: llvm.load %{{.*}} : !llvm.ptr -> bf16
// LLVM-DAG: llvm.bitcast %{{.*}} : bf16 to i16
// LLVM: llvm.fadd %{{.*}}, %{{.*}} : f32
// LLVM: %[[BITS:.*]] = llvm.bitcast %{{.*}} : i16 to bf16
// LLVM: llvm.store %[[BITS]], %{{.*}} : bf16, !llvm.ptr
// LLVM: llvm.return{{$}}
// MEMREF-LABEL: func.func @add_bf16(
// MEMREF-SAME: %[[X:[[:alnum:]_]+]]: memref<2x4xbf16>, %[[Y:[[:alnum:]_]+]]: memref<2x4xbf16>, %[[OUT:[[:alnum:]_]+]]: memref<2x4xbf16>) {
// MEMREF: linalg.generic {{.*}} ins(%[[X]], %[[Y]] : memref<2x4xbf16>, memref<2x4xbf16>) outs(%[[R:.*]] : memref<2x4xbf16>)
// MEMREF: arith.truncf %{{.*}} : f32 to bf16
// MEMREF: memref.copy %[[R]], %[[OUT]]
// MEMREF: return{{$}}
func.func @add_bf16(%x: tensor<2x4xbf16>, %y: tensor<2x4xbf16>) -> tensor<2x4xbf16> {
  %0 = accel.add %x, %y : tensor<2x4xbf16>, tensor<2x4xbf16> -> tensor<2x4xbf16>
  return %0 : tensor<2x4xbf16>
}

// Two results: two trailing out-parameters, in result order; the second is
// computed from the first one's buffer.
// LLVM-LABEL: llvm.func @two_results(
// LLVM-SAME: %{{[[:alnum:]_]+}}: !llvm.ptr, %{{[[:alnum:]_]+}}: !llvm.ptr, %{{[[:alnum:]_]+}}: !llvm.ptr, %{{[[:alnum:]_]+}}: !llvm.ptr) {
// LLVM: llvm.return{{$}}
// MEMREF-LABEL: func.func @two_results(
// MEMREF-SAME: %[[X:[[:alnum:]_]+]]: memref<2x4xf32>, %[[Y:[[:alnum:]_]+]]: memref<2x4xf32>, %[[OUT0:[[:alnum:]_]+]]: memref<2x4xf32>, %[[OUT1:[[:alnum:]_]+]]: memref<2x4xbf16>) {
// MEMREF: linalg.generic {{.*}} ins(%[[X]], %[[Y]] : memref<2x4xf32>, memref<2x4xf32>) outs(%[[R0:.*]] : memref<2x4xf32>)
// MEMREF: arith.addf
// MEMREF: linalg.generic {{.*}} ins(%[[R0]] : memref<2x4xf32>) outs(%[[R1:.*]] : memref<2x4xbf16>)
// MEMREF: arith.truncf %{{.*}} : f32 to bf16
// MEMREF: memref.copy %[[R0]], %[[OUT0]]
// MEMREF: memref.copy %[[R1]], %[[OUT1]]
// MEMREF: return{{$}}
func.func @two_results(%x: tensor<2x4xf32>, %y: tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<2x4xbf16>) {
  %0 = accel.add %x, %y : tensor<2x4xf32>, tensor<2x4xf32> -> tensor<2x4xf32>
  %1 = accel.cast %0 : tensor<2x4xf32> -> tensor<2x4xbf16>
  return %0, %1 : tensor<2x4xf32>, tensor<2x4xbf16>
}

// A kernel launch is a call on the CPU path; the kernel keeps its marker and
// gets the same out-parameter convention as any function.
// LLVM-LABEL: llvm.func @kernel(
// LLVM-SAME: %{{[[:alnum:]_]+}}: !llvm.ptr, %{{[[:alnum:]_]+}}: !llvm.ptr) attributes {accel.kernel
// LLVM-LABEL: llvm.func @launch(
// LLVM-SAME: %{{[[:alnum:]_]+}}: !llvm.ptr, %{{[[:alnum:]_]+}}: !llvm.ptr) {
// LLVM: llvm.call @kernel(%{{.*}}, %{{.*}}) : (!llvm.ptr, !llvm.ptr) -> ()
// LLVM: llvm.return{{$}}
// MEMREF-LABEL: func.func private @kernel(
// MEMREF-SAME: %{{[[:alnum:]_]+}}: memref<4xf32>, %{{[[:alnum:]_]+}}: memref<4xf32>) attributes {accel.kernel} {
// MEMREF-LABEL: func.func @launch(
// MEMREF-SAME: %[[IN:[[:alnum:]_]+]]: memref<4xf32>, %[[OUT:[[:alnum:]_]+]]: memref<4xf32>) {
// MEMREF: call @kernel(%[[IN]], %[[TMP:.*]]) : (memref<4xf32>, memref<4xf32>) -> ()
// MEMREF: memref.copy %[[TMP]], %[[OUT]]
// MEMREF: return{{$}}
func.func private @kernel(%a: tensor<4xf32>) -> tensor<4xf32> attributes {accel.kernel} {
  %0 = accel.relu %a : tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @launch(%x: tensor<4xf32>) -> tensor<4xf32> {
  %d = accel.host_to_device %x : tensor<4xf32>
  %r = accel.launch @kernel(%d) : (tensor<4xf32>) -> tensor<4xf32>
  %h = accel.device_to_host %r : tensor<4xf32>
  return %h : tensor<4xf32>
}
