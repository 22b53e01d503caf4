// Host-link accounting of accel-place: which bytes cross depends on where
// producers and users end up, including users decided later in program
// order.
// RUN: accel-opt --accel-target=int8-16x16 --accel-place %s -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s
// RUN: not accel-opt --accel-target=int8-16x16 --accel-place=host-gflops=0 %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD-HOST
// RUN: not accel-opt --accel-target=int8-16x16 --accel-place=host-gbps=-1 %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD-HOST

// BAD-HOST: error: accel-place: host-gflops and host-gbps must be positive

!q = !quant.uniform<i8:f32, 0.05>

// The matmul offloads; its relu stays on the host (on the accelerator its
// 256 KiB result would have to come back over the link, 67.6 us against
// 65.5 us on the host), so the matmul's result crosses the link too: 2 x 256
// KiB of operands plus 256 KiB of result = 786432 B. Link cycles: 2000 +
// 786432 / 8 = 100304. Deciding the matmul alone would have counted only
// its operands (524288 B).
// CHECK: accel-place-link.mlir:[[@LINE+2]]:8: remark: accelerator: offload is faster; accelerator 571392 cycles (571392 compute, 49252 DMA) + 100304 host-link cycles {{.*}}; 786432 B over the host link;
func.func @result_read_by_host(%a: tensor<512x512x!q>, %b: tensor<512x512x!q>) -> tensor<512x512x!q> {
  %0 = accel.matmul %a, %b acc(i32) : tensor<512x512x!q>, tensor<512x512x!q> -> tensor<512x512x!q>
  // CHECK: accel-place-link.mlir:[[@LINE+1]]:8: remark: host: host is faster;
  %1 = accel.relu %0 : tensor<512x512x!q>
  return %1 : tensor<512x512x!q>
}

// Two offloaded matmuls in a row: the second reads the first's result on
// the accelerator, so only its weights (256 KiB) come over the link, and
// only the final result goes back.
// CHECK: accel-place-link.mlir:[[@LINE+3]]:8: remark: accelerator: offload is faster; {{.*}}; 524288 B over the host link;
// CHECK: accel-place-link.mlir:[[@LINE+3]]:8: remark: accelerator: offload is faster; {{.*}}; 524288 B over the host link;
func.func @chain(%a: tensor<512x512x!q>, %b: tensor<512x512x!q>, %c: tensor<512x512x!q>) -> tensor<512x512x!q> {
  %0 = accel.matmul %a, %b acc(i32) : tensor<512x512x!q>, tensor<512x512x!q> -> tensor<512x512x!q>
  %1 = accel.matmul %0, %c acc(i32) : tensor<512x512x!q>, tensor<512x512x!q> -> tensor<512x512x!q>
  return %1 : tensor<512x512x!q>
}
