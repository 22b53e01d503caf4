// End-to-end tests of quantized accel.conv2d: padded input elements hold the
// input zero point, filters are quantized per output channel (dimension 3),
// and results are requantized as in docs/Numerics.md §1-2.  accel-run
// executes each entry function on inputs written by Inputs/reference.py,
// which then checks the results bit for bit.

// RUN: rm -rf %t && mkdir -p %t

// RUN: %python %S/Inputs/reference.py gen qconv2d_i8_per_channel_pad %t/qconv2d_i8_per_channel_pad
// RUN: accel-run %s --target=cpu --entry=qconv2d_i8_per_channel_pad --input=%t/qconv2d_i8_per_channel_pad/arg0.npy --input=%t/qconv2d_i8_per_channel_pad/arg1.npy --input=%t/qconv2d_i8_per_channel_pad/arg2.npy --output-dir=%t/qconv2d_i8_per_channel_pad
// RUN: %python %S/Inputs/reference.py check qconv2d_i8_per_channel_pad %t/qconv2d_i8_per_channel_pad
// RUN: rm -rf %t/qconv2d_i8_per_channel_pad.int8-16x16 && cp -r %t/qconv2d_i8_per_channel_pad %t/qconv2d_i8_per_channel_pad.int8-16x16 && rm -f %t/qconv2d_i8_per_channel_pad.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=qconv2d_i8_per_channel_pad --input=%t/qconv2d_i8_per_channel_pad.int8-16x16/arg0.npy --input=%t/qconv2d_i8_per_channel_pad.int8-16x16/arg1.npy --input=%t/qconv2d_i8_per_channel_pad.int8-16x16/arg2.npy --output-dir=%t/qconv2d_i8_per_channel_pad.int8-16x16
// RUN: %python %S/Inputs/reference.py check qconv2d_i8_per_channel_pad %t/qconv2d_i8_per_channel_pad.int8-16x16
// RUN: rm -rf %t/qconv2d_i8_per_channel_pad.int8-256x256 && cp -r %t/qconv2d_i8_per_channel_pad %t/qconv2d_i8_per_channel_pad.int8-256x256 && rm -f %t/qconv2d_i8_per_channel_pad.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=qconv2d_i8_per_channel_pad --input=%t/qconv2d_i8_per_channel_pad.int8-256x256/arg0.npy --input=%t/qconv2d_i8_per_channel_pad.int8-256x256/arg1.npy --input=%t/qconv2d_i8_per_channel_pad.int8-256x256/arg2.npy --output-dir=%t/qconv2d_i8_per_channel_pad.int8-256x256
// RUN: %python %S/Inputs/reference.py check qconv2d_i8_per_channel_pad %t/qconv2d_i8_per_channel_pad.int8-256x256
// RUN: rm -rf %t/qconv2d_i8_per_channel_pad.bf16-128x128 && cp -r %t/qconv2d_i8_per_channel_pad %t/qconv2d_i8_per_channel_pad.bf16-128x128 && rm -f %t/qconv2d_i8_per_channel_pad.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=qconv2d_i8_per_channel_pad --input=%t/qconv2d_i8_per_channel_pad.bf16-128x128/arg0.npy --input=%t/qconv2d_i8_per_channel_pad.bf16-128x128/arg1.npy --input=%t/qconv2d_i8_per_channel_pad.bf16-128x128/arg2.npy --output-dir=%t/qconv2d_i8_per_channel_pad.bf16-128x128
// RUN: %python %S/Inputs/reference.py check qconv2d_i8_per_channel_pad %t/qconv2d_i8_per_channel_pad.bf16-128x128

// The input zero point is 25, so padding with 0 instead of it would show.
// OH = (9 + 2 - 3) / 2 + 1 = 5, OW = (9 + 2 + 0 - 3) / 1 + 1 = 9.
!x8 = !quant.uniform<i8:f32, 0.03:25>
!w8 = !quant.uniform<i8:f32:3, {0.01, 0.02:1, 0.005, 0.04:-3}>
!o8 = !quant.uniform<i8:f32, 0.5:-6>
func.func @qconv2d_i8_per_channel_pad(%x: tensor<1x9x9x5x!x8>, %w: tensor<3x3x5x4x!w8>, %bias: tensor<4xi32>) -> tensor<1x5x9x4x!o8> {
  %0 = accel.conv2d %x, %w bias(%bias : tensor<4xi32>) strides [2, 1] padding [1, 1, 2, 0] acc(i32) : tensor<1x9x9x5x!x8>, tensor<3x3x5x4x!w8> -> tensor<1x5x9x4x!o8>
  return %0 : tensor<1x5x9x4x!o8>
}

// RUN: %python %S/Inputs/reference.py gen qconv2d_u8_depthwise %t/qconv2d_u8_depthwise
// RUN: accel-run %s --target=cpu --entry=qconv2d_u8_depthwise --input=%t/qconv2d_u8_depthwise/arg0.npy --input=%t/qconv2d_u8_depthwise/arg1.npy --output-dir=%t/qconv2d_u8_depthwise
// RUN: %python %S/Inputs/reference.py check qconv2d_u8_depthwise %t/qconv2d_u8_depthwise
// RUN: rm -rf %t/qconv2d_u8_depthwise.int8-16x16 && cp -r %t/qconv2d_u8_depthwise %t/qconv2d_u8_depthwise.int8-16x16 && rm -f %t/qconv2d_u8_depthwise.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=qconv2d_u8_depthwise --input=%t/qconv2d_u8_depthwise.int8-16x16/arg0.npy --input=%t/qconv2d_u8_depthwise.int8-16x16/arg1.npy --output-dir=%t/qconv2d_u8_depthwise.int8-16x16
// RUN: %python %S/Inputs/reference.py check qconv2d_u8_depthwise %t/qconv2d_u8_depthwise.int8-16x16
// RUN: rm -rf %t/qconv2d_u8_depthwise.int8-256x256 && cp -r %t/qconv2d_u8_depthwise %t/qconv2d_u8_depthwise.int8-256x256 && rm -f %t/qconv2d_u8_depthwise.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=qconv2d_u8_depthwise --input=%t/qconv2d_u8_depthwise.int8-256x256/arg0.npy --input=%t/qconv2d_u8_depthwise.int8-256x256/arg1.npy --output-dir=%t/qconv2d_u8_depthwise.int8-256x256
// RUN: %python %S/Inputs/reference.py check qconv2d_u8_depthwise %t/qconv2d_u8_depthwise.int8-256x256
// RUN: rm -rf %t/qconv2d_u8_depthwise.bf16-128x128 && cp -r %t/qconv2d_u8_depthwise %t/qconv2d_u8_depthwise.bf16-128x128 && rm -f %t/qconv2d_u8_depthwise.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=qconv2d_u8_depthwise --input=%t/qconv2d_u8_depthwise.bf16-128x128/arg0.npy --input=%t/qconv2d_u8_depthwise.bf16-128x128/arg1.npy --output-dir=%t/qconv2d_u8_depthwise.bf16-128x128
// RUN: %python %S/Inputs/reference.py check qconv2d_u8_depthwise %t/qconv2d_u8_depthwise.bf16-128x128

// u8 depthwise (groups = C = 4, channel multiplier 2) with an i8 per-channel
// filter and a u8 result.
!xu = !quant.uniform<u8:f32, 0.02:128>
!wd = !quant.uniform<i8:f32:3, {0.01, 0.02, 0.03, 0.015, 0.025, 0.005, 0.04, 0.0125}>
!ou = !quant.uniform<u8:f32, 0.07:120>
func.func @qconv2d_u8_depthwise(%x: tensor<1x7x7x4x!xu>, %w: tensor<3x3x1x8x!wd>) -> tensor<1x7x7x8x!ou> {
  %0 = accel.conv2d %x, %w padding [1, 1, 1, 1] groups 4 acc(i32) : tensor<1x7x7x4x!xu>, tensor<3x3x1x8x!wd> -> tensor<1x7x7x8x!ou>
  return %0 : tensor<1x7x7x8x!ou>
}
