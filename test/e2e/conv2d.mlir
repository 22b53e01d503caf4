// End-to-end tests of float accel.conv2d (NHWC input, HWCF filter): strides,
// padding, dilations, groups and depthwise.  accel-run executes each entry
// function on inputs written by Inputs/reference.py, which then checks the
// results against its numpy reference.

// RUN: rm -rf %t && mkdir -p %t

// RUN: %python %S/Inputs/reference.py gen conv2d_f32_stride2_pad %t/conv2d_f32_stride2_pad
// RUN: accel-run %s --target=cpu --entry=conv2d_f32_stride2_pad --input=%t/conv2d_f32_stride2_pad/arg0.npy --input=%t/conv2d_f32_stride2_pad/arg1.npy --input=%t/conv2d_f32_stride2_pad/arg2.npy --output-dir=%t/conv2d_f32_stride2_pad
// RUN: %python %S/Inputs/reference.py check conv2d_f32_stride2_pad %t/conv2d_f32_stride2_pad
// RUN: rm -rf %t/conv2d_f32_stride2_pad.int8-16x16 && cp -r %t/conv2d_f32_stride2_pad %t/conv2d_f32_stride2_pad.int8-16x16 && rm -f %t/conv2d_f32_stride2_pad.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=conv2d_f32_stride2_pad --input=%t/conv2d_f32_stride2_pad.int8-16x16/arg0.npy --input=%t/conv2d_f32_stride2_pad.int8-16x16/arg1.npy --input=%t/conv2d_f32_stride2_pad.int8-16x16/arg2.npy --output-dir=%t/conv2d_f32_stride2_pad.int8-16x16
// RUN: %python %S/Inputs/reference.py check conv2d_f32_stride2_pad %t/conv2d_f32_stride2_pad.int8-16x16
// RUN: rm -rf %t/conv2d_f32_stride2_pad.int8-256x256 && cp -r %t/conv2d_f32_stride2_pad %t/conv2d_f32_stride2_pad.int8-256x256 && rm -f %t/conv2d_f32_stride2_pad.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=conv2d_f32_stride2_pad --input=%t/conv2d_f32_stride2_pad.int8-256x256/arg0.npy --input=%t/conv2d_f32_stride2_pad.int8-256x256/arg1.npy --input=%t/conv2d_f32_stride2_pad.int8-256x256/arg2.npy --output-dir=%t/conv2d_f32_stride2_pad.int8-256x256
// RUN: %python %S/Inputs/reference.py check conv2d_f32_stride2_pad %t/conv2d_f32_stride2_pad.int8-256x256
// RUN: rm -rf %t/conv2d_f32_stride2_pad.bf16-128x128 && cp -r %t/conv2d_f32_stride2_pad %t/conv2d_f32_stride2_pad.bf16-128x128 && rm -f %t/conv2d_f32_stride2_pad.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=conv2d_f32_stride2_pad --input=%t/conv2d_f32_stride2_pad.bf16-128x128/arg0.npy --input=%t/conv2d_f32_stride2_pad.bf16-128x128/arg1.npy --input=%t/conv2d_f32_stride2_pad.bf16-128x128/arg2.npy --output-dir=%t/conv2d_f32_stride2_pad.bf16-128x128
// RUN: %python %S/Inputs/reference.py check conv2d_f32_stride2_pad %t/conv2d_f32_stride2_pad.bf16-128x128

// OH = (9 + 1 + 2 - 3) / 2 + 1 = 5, OW = (11 + 0 + 1 - 3) / 2 + 1 = 5.
func.func @conv2d_f32_stride2_pad(%x: tensor<2x9x11x3xf32>, %w: tensor<3x3x3x5xf32>, %bias: tensor<5xf32>) -> tensor<2x5x5x5xf32> {
  %0 = accel.conv2d %x, %w bias(%bias : tensor<5xf32>) strides [2, 2] padding [1, 2, 0, 1] acc(f32) : tensor<2x9x11x3xf32>, tensor<3x3x3x5xf32> -> tensor<2x5x5x5xf32>
  return %0 : tensor<2x5x5x5xf32>
}

// RUN: %python %S/Inputs/reference.py gen conv2d_f32_dilation2 %t/conv2d_f32_dilation2
// RUN: accel-run %s --target=cpu --entry=conv2d_f32_dilation2 --input=%t/conv2d_f32_dilation2/arg0.npy --input=%t/conv2d_f32_dilation2/arg1.npy --output-dir=%t/conv2d_f32_dilation2
// RUN: %python %S/Inputs/reference.py check conv2d_f32_dilation2 %t/conv2d_f32_dilation2
// RUN: rm -rf %t/conv2d_f32_dilation2.int8-16x16 && cp -r %t/conv2d_f32_dilation2 %t/conv2d_f32_dilation2.int8-16x16 && rm -f %t/conv2d_f32_dilation2.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=conv2d_f32_dilation2 --input=%t/conv2d_f32_dilation2.int8-16x16/arg0.npy --input=%t/conv2d_f32_dilation2.int8-16x16/arg1.npy --output-dir=%t/conv2d_f32_dilation2.int8-16x16
// RUN: %python %S/Inputs/reference.py check conv2d_f32_dilation2 %t/conv2d_f32_dilation2.int8-16x16
// RUN: rm -rf %t/conv2d_f32_dilation2.int8-256x256 && cp -r %t/conv2d_f32_dilation2 %t/conv2d_f32_dilation2.int8-256x256 && rm -f %t/conv2d_f32_dilation2.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=conv2d_f32_dilation2 --input=%t/conv2d_f32_dilation2.int8-256x256/arg0.npy --input=%t/conv2d_f32_dilation2.int8-256x256/arg1.npy --output-dir=%t/conv2d_f32_dilation2.int8-256x256
// RUN: %python %S/Inputs/reference.py check conv2d_f32_dilation2 %t/conv2d_f32_dilation2.int8-256x256
// RUN: rm -rf %t/conv2d_f32_dilation2.bf16-128x128 && cp -r %t/conv2d_f32_dilation2 %t/conv2d_f32_dilation2.bf16-128x128 && rm -f %t/conv2d_f32_dilation2.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=conv2d_f32_dilation2 --input=%t/conv2d_f32_dilation2.bf16-128x128/arg0.npy --input=%t/conv2d_f32_dilation2.bf16-128x128/arg1.npy --output-dir=%t/conv2d_f32_dilation2.bf16-128x128
// RUN: %python %S/Inputs/reference.py check conv2d_f32_dilation2 %t/conv2d_f32_dilation2.bf16-128x128

// OH = (10 + 4 - 2 * 2 - 1) / 1 + 1 = 10, OW = (9 + 2 - 2 * 1 - 1) / 2 + 1 = 5.
func.func @conv2d_f32_dilation2(%x: tensor<1x10x9x4xf32>, %w: tensor<3x2x4x6xf32>) -> tensor<1x10x5x6xf32> {
  %0 = accel.conv2d %x, %w strides [1, 2] padding [2, 2, 1, 1] dilations [2, 2] acc(f32) : tensor<1x10x9x4xf32>, tensor<3x2x4x6xf32> -> tensor<1x10x5x6xf32>
  return %0 : tensor<1x10x5x6xf32>
}

// RUN: %python %S/Inputs/reference.py gen conv2d_f32_groups2 %t/conv2d_f32_groups2
// RUN: accel-run %s --target=cpu --entry=conv2d_f32_groups2 --input=%t/conv2d_f32_groups2/arg0.npy --input=%t/conv2d_f32_groups2/arg1.npy --output-dir=%t/conv2d_f32_groups2
// RUN: %python %S/Inputs/reference.py check conv2d_f32_groups2 %t/conv2d_f32_groups2
// RUN: rm -rf %t/conv2d_f32_groups2.int8-16x16 && cp -r %t/conv2d_f32_groups2 %t/conv2d_f32_groups2.int8-16x16 && rm -f %t/conv2d_f32_groups2.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=conv2d_f32_groups2 --input=%t/conv2d_f32_groups2.int8-16x16/arg0.npy --input=%t/conv2d_f32_groups2.int8-16x16/arg1.npy --output-dir=%t/conv2d_f32_groups2.int8-16x16
// RUN: %python %S/Inputs/reference.py check conv2d_f32_groups2 %t/conv2d_f32_groups2.int8-16x16
// RUN: rm -rf %t/conv2d_f32_groups2.int8-256x256 && cp -r %t/conv2d_f32_groups2 %t/conv2d_f32_groups2.int8-256x256 && rm -f %t/conv2d_f32_groups2.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=conv2d_f32_groups2 --input=%t/conv2d_f32_groups2.int8-256x256/arg0.npy --input=%t/conv2d_f32_groups2.int8-256x256/arg1.npy --output-dir=%t/conv2d_f32_groups2.int8-256x256
// RUN: %python %S/Inputs/reference.py check conv2d_f32_groups2 %t/conv2d_f32_groups2.int8-256x256
// RUN: rm -rf %t/conv2d_f32_groups2.bf16-128x128 && cp -r %t/conv2d_f32_groups2 %t/conv2d_f32_groups2.bf16-128x128 && rm -f %t/conv2d_f32_groups2.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=conv2d_f32_groups2 --input=%t/conv2d_f32_groups2.bf16-128x128/arg0.npy --input=%t/conv2d_f32_groups2.bf16-128x128/arg1.npy --output-dir=%t/conv2d_f32_groups2.bf16-128x128
// RUN: %python %S/Inputs/reference.py check conv2d_f32_groups2 %t/conv2d_f32_groups2.bf16-128x128

// Two groups of 3 input and 2 output channels.
func.func @conv2d_f32_groups2(%x: tensor<1x7x8x6xf32>, %w: tensor<3x3x3x4xf32>) -> tensor<1x7x8x4xf32> {
  %0 = accel.conv2d %x, %w padding [1, 1, 1, 1] groups 2 acc(f32) : tensor<1x7x8x6xf32>, tensor<3x3x3x4xf32> -> tensor<1x7x8x4xf32>
  return %0 : tensor<1x7x8x4xf32>
}

// RUN: %python %S/Inputs/reference.py gen conv2d_f32_depthwise %t/conv2d_f32_depthwise
// RUN: accel-run %s --target=cpu --entry=conv2d_f32_depthwise --input=%t/conv2d_f32_depthwise/arg0.npy --input=%t/conv2d_f32_depthwise/arg1.npy --output-dir=%t/conv2d_f32_depthwise
// RUN: %python %S/Inputs/reference.py check conv2d_f32_depthwise %t/conv2d_f32_depthwise
// RUN: rm -rf %t/conv2d_f32_depthwise.int8-16x16 && cp -r %t/conv2d_f32_depthwise %t/conv2d_f32_depthwise.int8-16x16 && rm -f %t/conv2d_f32_depthwise.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=conv2d_f32_depthwise --input=%t/conv2d_f32_depthwise.int8-16x16/arg0.npy --input=%t/conv2d_f32_depthwise.int8-16x16/arg1.npy --output-dir=%t/conv2d_f32_depthwise.int8-16x16
// RUN: %python %S/Inputs/reference.py check conv2d_f32_depthwise %t/conv2d_f32_depthwise.int8-16x16
// RUN: rm -rf %t/conv2d_f32_depthwise.int8-256x256 && cp -r %t/conv2d_f32_depthwise %t/conv2d_f32_depthwise.int8-256x256 && rm -f %t/conv2d_f32_depthwise.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=conv2d_f32_depthwise --input=%t/conv2d_f32_depthwise.int8-256x256/arg0.npy --input=%t/conv2d_f32_depthwise.int8-256x256/arg1.npy --output-dir=%t/conv2d_f32_depthwise.int8-256x256
// RUN: %python %S/Inputs/reference.py check conv2d_f32_depthwise %t/conv2d_f32_depthwise.int8-256x256
// RUN: rm -rf %t/conv2d_f32_depthwise.bf16-128x128 && cp -r %t/conv2d_f32_depthwise %t/conv2d_f32_depthwise.bf16-128x128 && rm -f %t/conv2d_f32_depthwise.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=conv2d_f32_depthwise --input=%t/conv2d_f32_depthwise.bf16-128x128/arg0.npy --input=%t/conv2d_f32_depthwise.bf16-128x128/arg1.npy --output-dir=%t/conv2d_f32_depthwise.bf16-128x128
// RUN: %python %S/Inputs/reference.py check conv2d_f32_depthwise %t/conv2d_f32_depthwise.bf16-128x128

// Depthwise: groups = C = 3 with channel multiplier 2 (F = 6).
func.func @conv2d_f32_depthwise(%x: tensor<2x8x7x3xf32>, %w: tensor<3x3x1x6xf32>) -> tensor<2x8x4x6xf32> {
  %0 = accel.conv2d %x, %w strides [1, 2] padding [1, 1, 1, 1] groups 3 acc(f32) : tensor<2x8x7x3xf32>, tensor<3x3x1x6xf32> -> tensor<2x8x4x6xf32>
  return %0 : tensor<2x8x4x6xf32>
}
