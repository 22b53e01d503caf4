// End-to-end tests of accel.max_pool2d and accel.avg_pool2d on float and
// quantized NHWC tensors, with padding.  accel-run executes each entry
// function on inputs written by Inputs/reference.py, which then checks the
// results against its numpy reference.

// RUN: rm -rf %t && mkdir -p %t

!q = !quant.uniform<i8:f32, 0.05:3>

// RUN: %python %S/Inputs/reference.py gen max_pool2d_f32_pad %t/max_pool2d_f32_pad
// RUN: accel-run %s --target=cpu --entry=max_pool2d_f32_pad --input=%t/max_pool2d_f32_pad/arg0.npy --output-dir=%t/max_pool2d_f32_pad
// RUN: %python %S/Inputs/reference.py check max_pool2d_f32_pad %t/max_pool2d_f32_pad
// RUN: rm -rf %t/max_pool2d_f32_pad.int8-16x16 && cp -r %t/max_pool2d_f32_pad %t/max_pool2d_f32_pad.int8-16x16 && rm -f %t/max_pool2d_f32_pad.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=max_pool2d_f32_pad --input=%t/max_pool2d_f32_pad.int8-16x16/arg0.npy --output-dir=%t/max_pool2d_f32_pad.int8-16x16
// RUN: %python %S/Inputs/reference.py check max_pool2d_f32_pad %t/max_pool2d_f32_pad.int8-16x16
// RUN: rm -rf %t/max_pool2d_f32_pad.int8-256x256 && cp -r %t/max_pool2d_f32_pad %t/max_pool2d_f32_pad.int8-256x256 && rm -f %t/max_pool2d_f32_pad.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=max_pool2d_f32_pad --input=%t/max_pool2d_f32_pad.int8-256x256/arg0.npy --output-dir=%t/max_pool2d_f32_pad.int8-256x256
// RUN: %python %S/Inputs/reference.py check max_pool2d_f32_pad %t/max_pool2d_f32_pad.int8-256x256
// RUN: rm -rf %t/max_pool2d_f32_pad.bf16-128x128 && cp -r %t/max_pool2d_f32_pad %t/max_pool2d_f32_pad.bf16-128x128 && rm -f %t/max_pool2d_f32_pad.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=max_pool2d_f32_pad --input=%t/max_pool2d_f32_pad.bf16-128x128/arg0.npy --output-dir=%t/max_pool2d_f32_pad.bf16-128x128
// RUN: %python %S/Inputs/reference.py check max_pool2d_f32_pad %t/max_pool2d_f32_pad.bf16-128x128

// Mostly negative input: padding never wins, even at the borders.
func.func @max_pool2d_f32_pad(%x: tensor<2x9x8x3xf32>) -> tensor<2x5x4x3xf32> {
  %0 = accel.max_pool2d %x window [3, 3] strides [2, 2] padding [1, 1, 1, 1] : tensor<2x9x8x3xf32> -> tensor<2x5x4x3xf32>
  return %0 : tensor<2x5x4x3xf32>
}

// RUN: %python %S/Inputs/reference.py gen avg_pool2d_f32 %t/avg_pool2d_f32
// RUN: accel-run %s --target=cpu --entry=avg_pool2d_f32 --input=%t/avg_pool2d_f32/arg0.npy --output-dir=%t/avg_pool2d_f32
// RUN: %python %S/Inputs/reference.py check avg_pool2d_f32 %t/avg_pool2d_f32
// RUN: rm -rf %t/avg_pool2d_f32.int8-16x16 && cp -r %t/avg_pool2d_f32 %t/avg_pool2d_f32.int8-16x16 && rm -f %t/avg_pool2d_f32.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=avg_pool2d_f32 --input=%t/avg_pool2d_f32.int8-16x16/arg0.npy --output-dir=%t/avg_pool2d_f32.int8-16x16
// RUN: %python %S/Inputs/reference.py check avg_pool2d_f32 %t/avg_pool2d_f32.int8-16x16
// RUN: rm -rf %t/avg_pool2d_f32.int8-256x256 && cp -r %t/avg_pool2d_f32 %t/avg_pool2d_f32.int8-256x256 && rm -f %t/avg_pool2d_f32.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=avg_pool2d_f32 --input=%t/avg_pool2d_f32.int8-256x256/arg0.npy --output-dir=%t/avg_pool2d_f32.int8-256x256
// RUN: %python %S/Inputs/reference.py check avg_pool2d_f32 %t/avg_pool2d_f32.int8-256x256
// RUN: rm -rf %t/avg_pool2d_f32.bf16-128x128 && cp -r %t/avg_pool2d_f32 %t/avg_pool2d_f32.bf16-128x128 && rm -f %t/avg_pool2d_f32.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=avg_pool2d_f32 --input=%t/avg_pool2d_f32.bf16-128x128/arg0.npy --output-dir=%t/avg_pool2d_f32.bf16-128x128
// RUN: %python %S/Inputs/reference.py check avg_pool2d_f32 %t/avg_pool2d_f32.bf16-128x128

// Divisor: the input elements in the window, then the full window.
func.func @avg_pool2d_f32(%x: tensor<1x9x10x4xf32>) -> (tensor<1x5x5x4xf32>, tensor<1x5x5x4xf32>) {
  %0 = accel.avg_pool2d %x window [3, 3] strides [2, 2] padding [1, 1, 1, 1] : tensor<1x9x10x4xf32> -> tensor<1x5x5x4xf32>
  %1 = accel.avg_pool2d %x window [3, 3] strides [2, 2] padding [1, 1, 1, 1] count_include_pad : tensor<1x9x10x4xf32> -> tensor<1x5x5x4xf32>
  return %0, %1 : tensor<1x5x5x4xf32>, tensor<1x5x5x4xf32>
}

// RUN: %python %S/Inputs/reference.py gen max_pool2d_i8 %t/max_pool2d_i8
// RUN: accel-run %s --target=cpu --entry=max_pool2d_i8 --input=%t/max_pool2d_i8/arg0.npy --output-dir=%t/max_pool2d_i8
// RUN: %python %S/Inputs/reference.py check max_pool2d_i8 %t/max_pool2d_i8
// RUN: rm -rf %t/max_pool2d_i8.int8-16x16 && cp -r %t/max_pool2d_i8 %t/max_pool2d_i8.int8-16x16 && rm -f %t/max_pool2d_i8.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=max_pool2d_i8 --input=%t/max_pool2d_i8.int8-16x16/arg0.npy --output-dir=%t/max_pool2d_i8.int8-16x16
// RUN: %python %S/Inputs/reference.py check max_pool2d_i8 %t/max_pool2d_i8.int8-16x16
// RUN: rm -rf %t/max_pool2d_i8.int8-256x256 && cp -r %t/max_pool2d_i8 %t/max_pool2d_i8.int8-256x256 && rm -f %t/max_pool2d_i8.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=max_pool2d_i8 --input=%t/max_pool2d_i8.int8-256x256/arg0.npy --output-dir=%t/max_pool2d_i8.int8-256x256
// RUN: %python %S/Inputs/reference.py check max_pool2d_i8 %t/max_pool2d_i8.int8-256x256
// RUN: rm -rf %t/max_pool2d_i8.bf16-128x128 && cp -r %t/max_pool2d_i8 %t/max_pool2d_i8.bf16-128x128 && rm -f %t/max_pool2d_i8.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=max_pool2d_i8 --input=%t/max_pool2d_i8.bf16-128x128/arg0.npy --output-dir=%t/max_pool2d_i8.bf16-128x128
// RUN: %python %S/Inputs/reference.py check max_pool2d_i8 %t/max_pool2d_i8.bf16-128x128

// Values mostly below the zero point: padding with zp would win.
func.func @max_pool2d_i8(%x: tensor<1x8x9x4x!q>) -> tensor<1x4x5x4x!q> {
  %0 = accel.max_pool2d %x window [3, 2] strides [2, 2] padding [1, 1, 0, 1] : tensor<1x8x9x4x!q> -> tensor<1x4x5x4x!q>
  return %0 : tensor<1x4x5x4x!q>
}

// RUN: %python %S/Inputs/reference.py gen avg_pool2d_i8 %t/avg_pool2d_i8
// RUN: accel-run %s --target=cpu --entry=avg_pool2d_i8 --input=%t/avg_pool2d_i8/arg0.npy --output-dir=%t/avg_pool2d_i8
// RUN: %python %S/Inputs/reference.py check avg_pool2d_i8 %t/avg_pool2d_i8
// RUN: rm -rf %t/avg_pool2d_i8.int8-16x16 && cp -r %t/avg_pool2d_i8 %t/avg_pool2d_i8.int8-16x16 && rm -f %t/avg_pool2d_i8.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=avg_pool2d_i8 --input=%t/avg_pool2d_i8.int8-16x16/arg0.npy --output-dir=%t/avg_pool2d_i8.int8-16x16
// RUN: %python %S/Inputs/reference.py check avg_pool2d_i8 %t/avg_pool2d_i8.int8-16x16
// RUN: rm -rf %t/avg_pool2d_i8.int8-256x256 && cp -r %t/avg_pool2d_i8 %t/avg_pool2d_i8.int8-256x256 && rm -f %t/avg_pool2d_i8.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=avg_pool2d_i8 --input=%t/avg_pool2d_i8.int8-256x256/arg0.npy --output-dir=%t/avg_pool2d_i8.int8-256x256
// RUN: %python %S/Inputs/reference.py check avg_pool2d_i8 %t/avg_pool2d_i8.int8-256x256
// RUN: rm -rf %t/avg_pool2d_i8.bf16-128x128 && cp -r %t/avg_pool2d_i8 %t/avg_pool2d_i8.bf16-128x128 && rm -f %t/avg_pool2d_i8.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=avg_pool2d_i8 --input=%t/avg_pool2d_i8.bf16-128x128/arg0.npy --output-dir=%t/avg_pool2d_i8.bf16-128x128
// RUN: %python %S/Inputs/reference.py check avg_pool2d_i8 %t/avg_pool2d_i8.bf16-128x128

// Sum of q divided by the count (1, 2 or 4 elements; 4 with
// count_include_pad, where padding holds zp), ties away from zero.
func.func @avg_pool2d_i8(%x: tensor<1x9x9x3x!q>) -> (tensor<1x5x5x3x!q>, tensor<1x5x5x3x!q>) {
  %0 = accel.avg_pool2d %x window [2, 2] strides [2, 2] padding [1, 0, 1, 0] : tensor<1x9x9x3x!q> -> tensor<1x5x5x3x!q>
  %1 = accel.avg_pool2d %x window [2, 2] strides [2, 2] padding [1, 0, 1, 0] count_include_pad : tensor<1x9x9x3x!q> -> tensor<1x5x5x3x!q>
  return %0, %1 : tensor<1x5x5x3x!q>, tensor<1x5x5x3x!q>
}

// RUN: %python %S/Inputs/reference.py gen avg_pool2d_i8_per_channel %t/avg_pool2d_i8_per_channel
// RUN: accel-run %s --target=cpu --entry=avg_pool2d_i8_per_channel --input=%t/avg_pool2d_i8_per_channel/arg0.npy --output-dir=%t/avg_pool2d_i8_per_channel
// RUN: %python %S/Inputs/reference.py check avg_pool2d_i8_per_channel %t/avg_pool2d_i8_per_channel
// RUN: rm -rf %t/avg_pool2d_i8_per_channel.int8-16x16 && cp -r %t/avg_pool2d_i8_per_channel %t/avg_pool2d_i8_per_channel.int8-16x16 && rm -f %t/avg_pool2d_i8_per_channel.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=avg_pool2d_i8_per_channel --input=%t/avg_pool2d_i8_per_channel.int8-16x16/arg0.npy --output-dir=%t/avg_pool2d_i8_per_channel.int8-16x16
// RUN: %python %S/Inputs/reference.py check avg_pool2d_i8_per_channel %t/avg_pool2d_i8_per_channel.int8-16x16
// RUN: rm -rf %t/avg_pool2d_i8_per_channel.int8-256x256 && cp -r %t/avg_pool2d_i8_per_channel %t/avg_pool2d_i8_per_channel.int8-256x256 && rm -f %t/avg_pool2d_i8_per_channel.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=avg_pool2d_i8_per_channel --input=%t/avg_pool2d_i8_per_channel.int8-256x256/arg0.npy --output-dir=%t/avg_pool2d_i8_per_channel.int8-256x256
// RUN: %python %S/Inputs/reference.py check avg_pool2d_i8_per_channel %t/avg_pool2d_i8_per_channel.int8-256x256
// RUN: rm -rf %t/avg_pool2d_i8_per_channel.bf16-128x128 && cp -r %t/avg_pool2d_i8_per_channel %t/avg_pool2d_i8_per_channel.bf16-128x128 && rm -f %t/avg_pool2d_i8_per_channel.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=avg_pool2d_i8_per_channel --input=%t/avg_pool2d_i8_per_channel.bf16-128x128/arg0.npy --output-dir=%t/avg_pool2d_i8_per_channel.bf16-128x128
// RUN: %python %S/Inputs/reference.py check avg_pool2d_i8_per_channel %t/avg_pool2d_i8_per_channel.bf16-128x128

// Per-channel zero points: counted padding holds each channel's own zp.
!qc = !quant.uniform<i8:f32:3, {0.05:-100, 0.1:0, 0.02:90}>
func.func @avg_pool2d_i8_per_channel(%x: tensor<1x7x6x3x!qc>) -> tensor<1x4x3x3x!qc> {
  %0 = accel.avg_pool2d %x window [3, 3] strides [2, 2] padding [1, 1, 1, 1] count_include_pad : tensor<1x7x6x3x!qc> -> tensor<1x4x3x3x!qc>
  return %0 : tensor<1x4x3x3x!qc>
}
