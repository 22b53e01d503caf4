// RUN: accel-opt %s --accel-quantize=table=%S/Inputs/quantize/table.json | FileCheck %s
// RUN: accel-opt %s --accel-quantize="table=%S/Inputs/quantize/table.json method=minmax scheme=asymmetric" | FileCheck %s --check-prefix=ASYM
// RUN: accel-opt %s --accel-quantize="table=%S/Inputs/quantize/table.json per-channel=false" | FileCheck %s --check-prefix=TENSOR
// RUN: accel-opt %s --accel-attach-target=target=%S/Inputs/int8-shift.json --accel-quantize=table=%S/Inputs/quantize/table.json | FileCheck %s --check-prefix=SHIFT
// RUN: accel-opt %s --accel-attach-target=target=int8-256x256 --accel-quantize="table=%S/Inputs/quantize/table.json weight-bits=4" | FileCheck %s --check-prefix=INT4
// RUN: accel-opt %S/Inputs/quantize/conv.mlir --accel-quantize=table=%S/Inputs/quantize/conv-table.json 2>&1 | FileCheck %s --check-prefix=CONV

// A convolution's weights are per channel along F (dimension 3): F0 holds
// 0.5, 0.25, -0.5, 1.0 (scale 1/127), F1 holds -2, 1, 0, 0.5 (scale 2/127).
// The bias 0.1 is read at 0.01 * (1/127): 1270.  A matmul whose weights are
// an argument stays f32 and says why.
// CONV: remark: loc("square"): kept in f32: accel-quantize needs weights and bias that are dense constants
// CONV: accel.quantize %arg0 : tensor<1x3x3x1xf32> -> tensor<1x3x3x1x!quant.uniform<i8:f32, 1.000000e-02>>
// CONV: arith.constant dense<{{.}}{{.}}{{.}}{{.}}64, -127]], {{.}}{{.}}32, 64]]], {{.}}{{.}}{{.}}-64, 0]], {{.}}{{.}}127, 32]]]]> : tensor<2x2x1x2xi8>
// CONV: tensor<2x2x1x2x!quant.uniform<i8:f32:3, {0.0078740157480314959,0.015748031496062992}>>
// CONV: arith.constant dense<[1270, 0]> : tensor<2xi32>
// CONV: accel.conv2d {{.*}} acc(i32) {{.*}} -> tensor<1x2x2x2x!quant.uniform<i8:f32, 2.000000e-02>>
// CONV: accel.matmul %arg1, %arg1 acc(f32) : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
// RUN: accel-opt %S/Inputs/quantize/edge.mlir --accel-quantize=table=%S/Inputs/quantize/edge-table.json -o %t.edge.mlir 2>&1 | FileCheck %s --check-prefix=EDGE
// RUN: accel-opt %t.edge.mlir | FileCheck %s --check-prefix=EDGE-IR

// A bias of 100 on a channel whose weights are 1e-6 would need 1.3e10 at
// scale 0.01 * 1e-6/127: the channel's weight scale grows to
// 100 / (0.01 * 2^30) so the bias is 2^30, half the accumulator's range.
// A denormal channel counts as zero (scale 1, weights 0): its scale would
// not fit an f32 quant type.  Resource blobs are not read.  The output
// parses again (EDGE-IR).
// EDGE: remark: loc("resource"): kept in f32: accel-quantize needs weights and bias that are dense constants
// EDGE-IR: arith.constant dense<{{\[}}[0, 127], [0, -127]]> : tensor<2x2xi8>
// EDGE-IR: tensor<2x2x!quant.uniform<i8:f32:1, {9.3132257461547852E-6,0.0078740157480314959}>>
// EDGE-IR: arith.constant dense<[1073741824, 0]> : tensor<2xi32>
// EDGE-IR: arith.constant dense<{{\[}}[127, 0], [64, 0]]> : tensor<2x2xi8>
// EDGE-IR: tensor<2x2x!quant.uniform<i8:f32:1, {0.0078740157480314959,1.000000e+00}>>
// EDGE-IR: accel.matmul %arg0, %{{.*}} acc(f32) : tensor<2x2xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// RUN: accel-opt %S/Inputs/quantize/axes.mlir --accel-quantize=table=%S/Inputs/quantize/axes-table.json | FileCheck %s --check-prefix=AXES

// transpose_rhs: channels along dimension 0 of [N, K]: [1, 0.5] at 1/127
// and [-0.25, 0.125] at 0.25/127 (0.125 * 508 = 63.5 -> 64).  A batched
// rhs [B, K, N]: channels along dimension 2, one scale across batches:
// n0 holds 1, 0, 0.5, -1 (1/127) and n1 holds 2, -1, 0, 0.5 (2/127).
// AXES: arith.constant dense<{{\[}}[127, 64], [-127, 64]]> : tensor<2x2xi8>
// AXES: tensor<2x2x!quant.uniform<i8:f32:0, {0.0078740157480314959,0.001968503937007874}>>
// AXES: accel.matmul {{.*}} transpose_rhs acc(i32)
// AXES: arith.constant dense<{{\[}}{{\[}}[127, 127], [0, -64]], {{\[}}[64, 0], [-127, 32]]]> : tensor<2x2x2xi8>
// AXES: tensor<2x2x2x!quant.uniform<i8:f32:2, {0.0078740157480314959,0.015748031496062992}>>
// RUN: accel-opt %S/Inputs/quantize/pool.mlir --accel-quantize=table=%S/Inputs/quantize/pool-table.json | FileCheck %s --check-prefix=POOL

// A max pool and a standalone relu commute with dequantization: they run on
// conv1's int8 output (scale 2.54/127) with no dequantize between, and only
// conv2's input is requantized to relu1's calibrated scale (1.27/127).
// POOL: %[[C1:.*]] = accel.conv2d {{.*}} -> tensor<2x4x4x2x!quant.uniform<i8:f32, 2.000000e-02>>
// POOL-NEXT: %[[P:.*]] = accel.max_pool2d %[[C1]] window [2, 2] strides [2, 2] : tensor<2x4x4x2x!quant.uniform<i8:f32, 2.000000e-02>> -> tensor<2x2x2x2x!quant.uniform<i8:f32, 2.000000e-02>>
// POOL-NEXT: %[[R:.*]] = accel.relu %[[P]] : tensor<2x2x2x2x!quant.uniform<i8:f32, 2.000000e-02>>
// POOL-NEXT: %[[Q:.*]] = accel.requantize %[[R]] : {{.*}} -> tensor<2x2x2x2x!quant.uniform<i8:f32, 1.000000e-02>>
// POOL: accel.conv2d %[[Q]]
// POOL-NOT: accel.dequantize %[[C1]]

// Bad input: each is an error that names what is wrong.
// RUN: not accel-opt %s --accel-quantize=table=%S/Inputs/quantize/missing-entry.json 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not accel-opt %s --accel-quantize=table=%S/Inputs/quantize/unknown-entry.json 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not accel-opt %s --accel-quantize=table=%S/Inputs/quantize/non-finite.json 2>&1 | FileCheck %s --check-prefix=NONFINITE
// RUN: not accel-opt %s --accel-quantize=table=%S/Inputs/quantize/other-entry.json 2>&1 | FileCheck %s --check-prefix=ENTRY
// RUN: not accel-opt %s --accel-quantize=table=%t.does-not-exist.json 2>&1 | FileCheck %s --check-prefix=NOFILE
// RUN: not accel-opt %s --accel-quantize 2>&1 | FileCheck %s --check-prefix=NOTABLE
// RUN: not accel-opt %s --accel-quantize="table=%S/Inputs/quantize/table.json method=median" 2>&1 | FileCheck %s --check-prefix=METHOD
// RUN: not accel-opt %s --accel-attach-target=target=int8-16x16 --accel-quantize="table=%S/Inputs/quantize/table.json weight-bits=4" 2>&1 | FileCheck %s --check-prefix=NOI4

// Two layers with a relu between them.  The table's entropy thresholds are
// 0.635 (arg0), 2.54 (relu1) and 1.27 (fc2): scales 0.005, 0.02 and 0.01.
// fc1's weights have per-channel absolute maxima 1.0 and 0.5, so scales
// 1/127 and 0.5/127; 0.25 * 127 = 31.75 rounds to 32 and 0.25 * 254 = 63.5
// to 64 (half to even), 0.5 * 127 = 63.5 to 64.  The bias is read at
// 0.005 * s_w: 0.5 / (0.005 / 127) = 12700 and -0.25 / (0.0025 / 127) =
// -12700.
func.func @main(%x: tensor<2x4xf32>) -> tensor<2x3xf32> {
  %w1 = arith.constant dense<[[1.0, -0.5], [0.25, 0.0], [-1.0, 0.5], [0.5, 0.25]]> : tensor<4x2xf32>
  %b1 = arith.constant dense<[0.5, -0.25]> : tensor<2xf32>
  %0 = accel.matmul %x, %w1 bias(%b1 : tensor<2xf32>) acc(f32) : tensor<2x4xf32>, tensor<4x2xf32> -> tensor<2x2xf32> loc("fc1")
  %1 = accel.relu %0 : tensor<2x2xf32> loc("relu1")
  %w2 = arith.constant dense<[[2.0, -1.0, 0.5], [1.0, 0.0, -2.0]]> : tensor<2x3xf32>
  %2 = accel.matmul %1, %w2 acc(f32) : tensor<2x2xf32>, tensor<2x3xf32> -> tensor<2x3xf32> loc("fc2")
  return %2 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @main
// CHECK: %[[X:.*]] = accel.quantize %arg0 : tensor<2x4xf32> -> tensor<2x4x!quant.uniform<i8:f32, 5.000000e-03>>
// CHECK: %[[W1:.*]] = arith.constant dense<{{\[}}[127, -127], [32, 0], [-127, 127], [64, 64]]> : tensor<4x2xi8>
// CHECK: %[[Q1:.*]] = quant.scast %[[W1]] : tensor<4x2xi8> to tensor<4x2x!quant.uniform<i8:f32:1, {0.0078740157480314959,0.003937007874015748}>>
// CHECK: %[[B1:.*]] = arith.constant dense<[12700, -12700]> : tensor<2xi32>
// CHECK: %[[H:.*]] = accel.matmul %[[X]], %[[Q1]] bias(%[[B1]] : tensor<2xi32>) acc(i32) : {{.*}} -> tensor<2x2x!quant.uniform<i8:f32, 2.000000e-02>>
// The relu runs on the int8 values and feeds fc2 with no dequantize between.
// CHECK: %[[R:.*]] = accel.relu %[[H]] : tensor<2x2x!quant.uniform<i8:f32, 2.000000e-02>>
// CHECK: %[[W2:.*]] = arith.constant dense<{{\[}}[127, -127, 32], [64, 0, -127]]> : tensor<2x3xi8>
// CHECK: %[[Q2:.*]] = quant.scast %[[W2]]
// CHECK: %[[O:.*]] = accel.matmul %[[R]], %[[Q2]] acc(i32) : {{.*}} -> tensor<2x3x!quant.uniform<i8:f32, 1.000000e-02>>
// CHECK: %[[Y:.*]] = accel.dequantize %[[O]] : tensor<2x3x!quant.uniform<i8:f32, 1.000000e-02>> -> tensor<2x3xf32>
// CHECK: return %[[Y]]
// CHECK-NOT: f32>>

// Asymmetric min-max: arg0 in [-1, 1] gives scale 2/255 and zero point
// round(-128 + 127.5) = -1 (half away from zero); relu1 in [0, 2.54] uses all
// 256 levels from -128; fc2 in [-1.27, 1.0] has zero point
// round(-128 + 1.27 / (2.27 / 255)) = 15.  The bias is 0.5 / ((2/255) / 127).
// ASYM: accel.quantize %arg0 : tensor<2x4xf32> -> tensor<2x4x!quant.uniform<i8:f32, 0.0078431372549019607:-1>>
// ASYM: arith.constant dense<[8096, -8096]> : tensor<2xi32>
// ASYM: accel.relu %{{.*}} : tensor<2x2x!quant.uniform<i8:f32, 0.0099607843137254903:-128>>
// ASYM: accel.dequantize %{{.*}} : tensor<2x3x!quant.uniform<i8:f32, 0.0089019607843137255:15>> -> tensor<2x3xf32>

// Per-tensor weights: one scale, the larger channel's, so channel 1 keeps
// only half the levels.
// TENSOR: arith.constant dense<{{\[}}[127, -64], [32, 0], [-127, 64], [64, 32]]> : tensor<4x2xi8>
// TENSOR: quant.scast %{{.*}} : tensor<4x2xi8> to tensor<4x2x!quant.uniform<i8:f32, 0.0078740157480314959>>

// A shift-only requantizer: every scale rounds up to a power of two (0.005
// -> 2^-7, 1/127 -> 2^-6, 0.02 -> 2^-5, 0.01 -> 2^-6), so every ratio is a
// shift.
// SHIFT: accel.quantize %arg0 : tensor<2x4xf32> -> tensor<2x4x!quant.uniform<i8:f32, 7.812500e-03>>
// SHIFT: arith.constant dense<{{\[}}[64, -64], [16, 0], [-64, 64], [32, 32]]> : tensor<4x2xi8>
// SHIFT: tensor<4x2x!quant.uniform<i8:f32:1, {1.562500e-02,7.812500e-03}>>
// SHIFT: arith.constant dense<[4096, -4096]> : tensor<2xi32>
// SHIFT: -> tensor<2x2x!quant.uniform<i8:f32, 3.125000e-02>>
// SHIFT: -> tensor<2x3x!quant.uniform<i8:f32, 1.562500e-02>>

// int4 weights on a target that runs i4: 7 levels a side.
// INT4: arith.constant dense<{{\[}}[7, -7], [2, 0], [-7, 7], [4, 4]]> : tensor<4x2xi4>
// INT4: quant.scast %{{.*}} : tensor<4x2xi4> to tensor<4x2x!quant.uniform<i4:f32:1, {0.14285714285714285,0.071428571428571425}>>
// INT4: arith.constant dense<[700, -700]> : tensor<2xi32>

// MISSING: error: loc("fc2"): no calibration entry for tensor 'fc2' (output of 'accel.matmul'); the table has 3 tensor(s)
// UNKNOWN: error: calibration table entry 'fc9' names no tensor of @main (was the table written for another model?)
// NONFINITE: error: '{{.*}}non-finite.json': tensor 'fc1': field 'thresholds.entropy': expected a finite number, found inf
// ENTRY: error: the calibration table is for @other, which this module does not define
// NOFILE: error: cannot read '{{.*}}does-not-exist.json': No such file or directory
// NOTABLE: error: accel-quantize needs a calibration table (option 'table')
// METHOD: error: unknown calibration method 'median' (expected minmax, percentile, entropy or mse)
// NOI4: error: weight-bits=4 needs a target that runs i4; target 'int8-16x16' does not
