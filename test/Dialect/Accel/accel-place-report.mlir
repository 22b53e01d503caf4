// accel-place's report=<file.json>: the remarks' facts as JSON, one entry per
// accel compute op in program order, and a summary.
//
// RUN: accel-opt --accel-target=int8-16x16 --accel-place=report=%t.json %s -o /dev/null 2>/dev/null
// RUN: FileCheck %s --input-file=%t.json
//
// report=- writes to stdout; options show in the header.
// RUN: accel-opt --accel-target=cpu "--accel-place=report=- cost-model=false host-gflops=100" %s -o /dev/null 2>/dev/null | FileCheck %s --check-prefix=CPU
//
// A report that cannot be written fails the pass.
// RUN: not accel-opt --accel-target=int8-16x16 --accel-place=report=%t.no-such-dir/r.json %s -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=BADPATH
// BADPATH: error: cannot write placement report '{{.*}}.no-such-dir/r.json': No such file or directory

// Keys print sorted.
// CHECK:      {
// CHECK-NEXT:   "cost_model": true,
// CHECK-NEXT:   "host_gbps": 8,
// CHECK-NEXT:   "host_gflops": 40,
// CHECK-NEXT:   "ops": [

// The big matmul offloads: 571392 cycles, as derived in accel-place.mlir;
// link 786432 B; accelerator (571392 + 100304) cycles at 1 GHz; host
// 2 * 512^3 / 40e9 s.
// CHECK-NEXT:     {
// CHECK-NEXT:       "accelerator_cycles": 571392,
// CHECK-NEXT:       "accelerator_seconds": 0.00067169{{[0-9]+}},
// CHECK-NEXT:       "compute_cycles": 571392,
// CHECK-NEXT:       "dma_cycles": 49252,
// CHECK-NEXT:       "energy_pj": 41971875{{[0-9.]+}},
// CHECK-NEXT:       "function": "main",
// CHECK-NEXT:       "host_seconds": 0.006710886{{[0-9]*}},
// CHECK-NEXT:       "index": 0,
// CHECK-NEXT:       "legal": true,
// CHECK-NEXT:       "link_bytes": 786432,
// CHECK-NEXT:       "link_cycles": 100304,
// CHECK-NEXT:       "loc": "loc(\"fc1\")",
// CHECK-NEXT:       "macs": 134217728,
// CHECK-NEXT:       "op": "accel.matmul",
// CHECK-NEXT:       "placement": "accelerator",
// CHECK-NEXT:       "reason": "offload is faster"
// CHECK-NEXT:     },

// The small matmul is legal but loses: host.
// CHECK-NEXT:     {
// CHECK-NEXT:       "accelerator_cycles": 103,
// CHECK-NEXT:       "accelerator_seconds": 2.109{{0*[0-9]*}}e-06,
// CHECK-NEXT:       "compute_cycles": 50,
// CHECK-NEXT:       "dma_cycles": 103,
// CHECK-NEXT:       "energy_pj": 23179.2{{[0-9]*}},
// CHECK-NEXT:       "function": "main",
// CHECK-NEXT:       "host_seconds": 3.2{{0*[0-9]*}}e-09,
// CHECK-NEXT:       "index": 1,
// CHECK-NEXT:       "legal": true,
// CHECK-NEXT:       "link_bytes": 48,
// CHECK-NEXT:       "link_cycles": 2006,
// CHECK-NEXT:       "loc": "loc(\"{{.*}}accel-place-report.mlir\":[[# @LINE + 21]]:8)",
// CHECK-NEXT:       "macs": 64,
// CHECK-NEXT:       "op": "accel.matmul",
// CHECK-NEXT:       "placement": "host",
// CHECK-NEXT:       "reason": "host is faster"
// CHECK-NEXT:     },

// An illegal op has no cost fields, and a non-contraction no macs.
// CHECK-NEXT:     {
// CHECK-NEXT:       "function": "main",
// CHECK-NEXT:       "index": 2,
// CHECK-NEXT:       "legal": false,
// CHECK-NEXT:       "loc": "loc(\"{{.*}}accel-place-report.mlir\":[[# @LINE + 10]]:8)",
// CHECK-NEXT:       "op": "accel.avg_pool2d",
// CHECK-NEXT:       "placement": "host",
// CHECK-NEXT:       "reason": "target 'int8-16x16' does not run 'avg_pool2d'"
// CHECK-NEXT:     },

!q = !quant.uniform<i8:f32, 0.05:3>
func.func @main(%a: tensor<512x512x!q>, %b: tensor<512x512x!q>, %c: tensor<4x4x!q>, %p: tensor<1x8x8x4x!q>) -> (tensor<512x512x!q>, tensor<4x4x!q>, tensor<1x4x4x4x!q>) {
  %0 = accel.matmul %a, %b acc(i32) : tensor<512x512x!q>, tensor<512x512x!q> -> tensor<512x512x!q> loc("fc1")
  %1 = accel.matmul %c, %c acc(i32) : tensor<4x4x!q>, tensor<4x4x!q> -> tensor<4x4x!q>
  %2 = accel.avg_pool2d %p window [2, 2] strides [2, 2] : tensor<1x8x8x4x!q> -> tensor<1x4x4x4x!q>
  return %0, %1, %2 : tensor<512x512x!q>, tensor<4x4x!q>, tensor<1x4x4x4x!q>
}

// Indices run on across functions. A 16x16 relu: 256 elements / 16 columns
// = 16 cycles; DMA 512 B / 16 + 100 = 132; link 512 B / 8 + 2000 = 2064.
// CHECK-NEXT:     {
// CHECK-NEXT:       "accelerator_cycles": 132,
// CHECK-NEXT:       "accelerator_seconds": {{.*}},
// CHECK-NEXT:       "compute_cycles": 16,
// CHECK-NEXT:       "dma_cycles": 132,
// CHECK-NEXT:       "energy_pj": {{.*}},
// CHECK-NEXT:       "function": "other",
// CHECK-NEXT:       "host_seconds": 6.4{{0*[0-9]*}}e-08,
// CHECK-NEXT:       "index": 3,
// CHECK-NEXT:       "legal": true,
// CHECK-NEXT:       "link_bytes": 512,
// CHECK-NEXT:       "link_cycles": 2064,
// CHECK-NEXT:       "loc": {{.*}},
// CHECK-NEXT:       "op": "accel.relu",
// CHECK-NEXT:       "placement": "host",
// CHECK-NEXT:       "reason": "host is faster"
// CHECK-NEXT:     }
// CHECK-NEXT:   ],
// CHECK-NEXT:   "summary": {
// CHECK-NEXT:     "accelerator": 1,
// CHECK-NEXT:     "host": 3
// CHECK-NEXT:   },
// CHECK-NEXT:   "target": "int8-16x16"
// CHECK-NEXT: }
func.func @other(%x: tensor<16x16x!q>) -> tensor<16x16x!q> {
  %0 = accel.relu %x : tensor<16x16x!q>
  return %0 : tensor<16x16x!q>
}

// On cpu nothing is legal: no cost fields, everything on the host, and
// cost-model=false changes nothing but the header.
// CPU:      "cost_model": false,
// CPU-NEXT: "host_gbps": 8,
// CPU-NEXT: "host_gflops": 100,
// CPU-NOT:  "accelerator_cycles"
// CPU-NOT:  "placement": "accelerator"
// CPU:      "legal": false,
// CPU-NEXT: "loc": "loc(\"fc1\")",
// CPU-NEXT: "macs": 134217728,
// CPU-NEXT: "op": "accel.matmul",
// CPU-NEXT: "placement": "host",
// CPU-NEXT: "reason": "target 'cpu' has no accelerator"
// CPU-NOT:  "accelerator_cycles"
// CPU-NOT:  "placement": "accelerator"
// CPU:      "summary": {
// CPU-NEXT:   "accelerator": 0,
// CPU-NEXT:   "host": 4
// CPU-NEXT: },
// CPU-NEXT: "target": "cpu"
