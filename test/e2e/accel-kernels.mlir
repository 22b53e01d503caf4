// Kernels compiled to the accelerator -- convolutions (im2col gathers,
// padding from a zero-point row), batched matmuls, standalone activations --
// each run on the cpu target and on a preset with the same seeded inputs.  Integer results must be identical; bf16 results
// agree to the bf16 rounding of f32 sums taken in another order.  The
// preset runs must launch a kernel (no CPU fallback).

// RUN: rm -rf %t && mkdir -p %t
// RUN: accel-run %s --target=cpu --entry=qconv_pad_relu --seed=11 --output-dir=%t/a.cpu > /dev/null
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=qconv_pad_relu --seed=11 --output-dir=%t/a.16 | FileCheck %s --check-prefix=LAUNCH
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=qconv_pad_relu --seed=11 --output-dir=%t/a.256 | FileCheck %s --check-prefix=LAUNCH
// RUN: %python %S/Inputs/compare.py %t/a.cpu %t/a.16 %t/a.256
// LAUNCH: kernel @{{.*}}_kernel0 (launch 0): {{[0-9]+}} cycles
// LAUNCH-NOT: notice:

// 3x3, pad 1, per-channel weight scales, input zero point 3 (the padding
// value), relu folded into the store.
!in = !quant.uniform<i8:f32, 0.05:3>
!w = !quant.uniform<i8:f32:3, {0.01, 0.02, 0.03, 0.015, 0.025, 0.011, 0.012, 0.013, 0.014, 0.016, 0.017, 0.018, 0.019, 0.021, 0.022, 0.023, 0.024, 0.026, 0.027, 0.028}>
!out = !quant.uniform<i8:f32, 0.1:-4>
func.func @qconv_pad_relu(%x: tensor<1x9x9x8x!in>, %w: tensor<3x3x8x20x!w>) -> tensor<1x9x9x20x!out> {
  %0 = accel.conv2d %x, %w padding [1, 1, 1, 1] acc(i32) : tensor<1x9x9x8x!in>, tensor<3x3x8x20x!w> -> tensor<1x9x9x20x!out>
  %1 = accel.relu %0 : tensor<1x9x9x20x!out>
  return %1 : tensor<1x9x9x20x!out>
}

// RUN: accel-run %s --target=cpu --entry=qconv_strided --seed=12 --output-dir=%t/b.cpu > /dev/null
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=qconv_strided --seed=12 --output-dir=%t/b.16 | FileCheck %s --check-prefix=LAUNCH
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=qconv_strided --seed=12 --output-dir=%t/b.256 | FileCheck %s --check-prefix=LAUNCH
// RUN: %python %S/Inputs/compare.py %t/b.cpu %t/b.16 %t/b.256

// Batch 2, stride 2, dilation 2, uneven padding, bias, raw i32 results and
// a second, requantized result from the same conv's clamp.
!in2 = !quant.uniform<i8:f32, 0.04:-7>
!w2 = !quant.uniform<i8:f32, 0.02:1>
func.func @qconv_strided(%x: tensor<2x11x13x5x!in2>, %w: tensor<3x2x5x7x!w2>, %b: tensor<7xi32>) -> tensor<2x5x7x7xi32> {
  %0 = accel.conv2d %x, %w bias(%b : tensor<7xi32>) strides [2, 2] padding [2, 1, 0, 3] dilations [2, 2] acc(i32) : tensor<2x11x13x5x!in2>, tensor<3x2x5x7x!w2> -> tensor<2x5x7x7xi32>
  return %0 : tensor<2x5x7x7xi32>
}

// RUN: accel-run %s --target=cpu --entry=bf16_conv --seed=13 --output-dir=%t/c.cpu > /dev/null
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=bf16_conv --seed=13 --output-dir=%t/c.bf16 | FileCheck %s --check-prefix=LAUNCH
// RUN: %python %S/Inputs/compare.py --bf16 %t/c.cpu %t/c.bf16

// bf16, stride 2, pad 1, f32 accumulation.
func.func @bf16_conv(%x: tensor<1x10x10x4xbf16>, %w: tensor<3x3x4x8xbf16>) -> tensor<1x5x5x8xbf16> {
  %0 = accel.conv2d %x, %w strides [2, 2] padding [1, 1, 1, 1] acc(f32) : tensor<1x10x10x4xbf16>, tensor<3x3x4x8xbf16> -> tensor<1x5x5x8xbf16>
  return %0 : tensor<1x5x5x8xbf16>
}

// RUN: accel-run %s --target=cpu --entry=qbatch --seed=14 --output-dir=%t/d.cpu > /dev/null
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=qbatch --seed=14 --output-dir=%t/d.16 | FileCheck %s --check-prefix=LAUNCH
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=qbatch --seed=14 --output-dir=%t/d.256 | FileCheck %s --check-prefix=LAUNCH
// RUN: %python %S/Inputs/compare.py %t/d.cpu %t/d.16 %t/d.256

// Batch 2x3 with a batched rhs (a loop over six 2-D problems), requantized,
// then a standalone relu on the result (through the accumulator).
!qb = !quant.uniform<i8:f32, 0.03:-5>
!qw = !quant.uniform<i8:f32, 0.04:2>
!qo = !quant.uniform<i8:f32, 0.2:7>
func.func @qbatch(%a: tensor<2x3x17x40x!qb>, %b: tensor<2x3x40x19x!qw>) -> (tensor<2x3x17x19x!qo>, tensor<2x3x17x19x!qo>) {
  %0 = accel.matmul %a, %b acc(i32) : tensor<2x3x17x40x!qb>, tensor<2x3x40x19x!qw> -> tensor<2x3x17x19x!qo>
  %1 = accel.relu %0 : tensor<2x3x17x19x!qo>
  return %0, %1 : tensor<2x3x17x19x!qo>, tensor<2x3x17x19x!qo>
}

// RUN: accel-run %s --target=cpu --entry=bf16_batch_relu --seed=15 --output-dir=%t/e.cpu > /dev/null
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=bf16_batch_relu --seed=15 --output-dir=%t/e.bf16 | FileCheck %s --check-prefix=LAUNCH
// RUN: %python %S/Inputs/compare.py --bf16 %t/e.cpu %t/e.bf16

// bf16 batched matmul, and a relu of an argument on its own.
func.func @bf16_batch_relu(%a: tensor<4x9x33xbf16>, %b: tensor<4x33x20xbf16>, %c: tensor<6x300xbf16>) -> (tensor<4x9x20xbf16>, tensor<6x300xbf16>) {
  %0 = accel.matmul %a, %b acc(f32) : tensor<4x9x33xbf16>, tensor<4x33x20xbf16> -> tensor<4x9x20xbf16>
  %1 = accel.relu %c : tensor<6x300xbf16>
  return %0, %1 : tensor<4x9x20xbf16>, tensor<6x300xbf16>
}

// Review regressions: a standalone relu feeding a matmul (its result is
// DRAM scratch inside the kernel), a quantized clamp whose bounds round past
// each other (everything becomes hi), and a rank-0 relu.
// RUN: accel-run %s --target=cpu --entry=relu_feeds_matmul --seed=16 --output-dir=%t/f.cpu > /dev/null
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=relu_feeds_matmul --seed=16 --output-dir=%t/f.16 | FileCheck %s --check-prefix=LAUNCH
// RUN: %python %S/Inputs/compare.py %t/f.cpu %t/f.16
!rq = !quant.uniform<i8:f32, 0.05:3>
!rw = !quant.uniform<i8:f32, 0.02:1>
!ro = !quant.uniform<i8:f32, 0.1:-4>
func.func @relu_feeds_matmul(%a: tensor<16x32x!rq>, %b: tensor<32x16x!rw>) -> tensor<16x16x!ro> {
  %r = accel.relu %a : tensor<16x32x!rq>
  %m = accel.matmul %r, %b acc(i32) : tensor<16x32x!rq>, tensor<32x16x!rw> -> tensor<16x16x!ro>
  return %m : tensor<16x16x!ro>
}

// RUN: accel-run %s --target=cpu --entry=clamp_crossed --seed=17 --output-dir=%t/g.cpu > /dev/null
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=clamp_crossed --seed=17 --output-dir=%t/g.16 | FileCheck %s --check-prefix=LAUNCH
// RUN: %python %S/Inputs/compare.py %t/g.cpu %t/g.16
!cq = !quant.uniform<i8:f32, 0.1:3>
func.func @clamp_crossed(%a: tensor<8x16x!cq>) -> tensor<8x16x!cq> {
  %r = accel.clamp %a min 0.01 max 0.02 : tensor<8x16x!cq>
  return %r : tensor<8x16x!cq>
}

// RUN: accel-run %s --target=cpu --entry=relu_scalar --seed=18 --output-dir=%t/h.cpu > /dev/null
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=relu_scalar --seed=18 --output-dir=%t/h.bf16 | FileCheck %s --check-prefix=LAUNCH
// RUN: %python %S/Inputs/compare.py %t/h.cpu %t/h.bf16
func.func @relu_scalar(%a: tensor<bf16>) -> tensor<bf16> {
  %r = accel.relu %a : tensor<bf16>
  return %r : tensor<bf16>
}
