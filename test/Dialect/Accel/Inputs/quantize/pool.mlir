// A max pool and a relu between two convolutions run on int8 values.
func.func @main(%x: tensor<2x4x4x1xf32>) -> tensor<2x1x1x3xf32> {
  %w1 = arith.constant dense<[[[[0.5, -1.0]], [[0.25, 0.5]]], [[[-0.5, 1.0]], [[1.0, 0.25]]]]> : tensor<2x2x1x2xf32>
  %0 = accel.conv2d %x, %w1 padding [0, 1, 0, 1] acc(f32) : tensor<2x4x4x1xf32>, tensor<2x2x1x2xf32> -> tensor<2x4x4x2xf32> loc("conv1")
  %1 = accel.max_pool2d %0 window [2, 2] strides [2, 2] : tensor<2x4x4x2xf32> -> tensor<2x2x2x2xf32> loc("pool1")
  %2 = accel.relu %1 : tensor<2x2x2x2xf32> loc("relu1")
  %w2 = arith.constant dense<0.25> : tensor<2x2x2x3xf32>
  %3 = accel.conv2d %2, %w2 acc(f32) : tensor<2x2x2x2xf32>, tensor<2x2x2x3xf32> -> tensor<2x1x1x3xf32> loc("conv2")
  return %3 : tensor<2x1x1x3xf32>
}
