// accel-quantize on a convolution (per-channel along F, dimension 3) and on
// a matmul whose weights are an argument (kept in f32, with a remark).
func.func @main(%x: tensor<1x3x3x1xf32>, %w: tensor<2x2xf32>) -> (tensor<1x2x2x2xf32>, tensor<2x2xf32>) {
  %f = arith.constant dense<[[[[0.5, -2.0]], [[0.25, 1.0]]], [[[-0.5, 0.0]], [[1.0, 0.5]]]]> : tensor<2x2x1x2xf32>
  %b = arith.constant dense<[0.1, 0.0]> : tensor<2xf32>
  %0 = accel.conv2d %x, %f bias(%b : tensor<2xf32>) acc(f32) : tensor<1x3x3x1xf32>, tensor<2x2x1x2xf32> -> tensor<1x2x2x2xf32> loc("conv1")
  %1 = accel.matmul %w, %w acc(f32) : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32> loc("square")
  return %0, %1 : tensor<1x2x2x2xf32>, tensor<2x2xf32>
}
