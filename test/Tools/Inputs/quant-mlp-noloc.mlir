// quant-mlp.mlir without location names: tensors get positional names.
func.func @main(%x: tensor<8x4xf32>) -> tensor<8x3xf32> {
  %w1 = arith.constant dense<[[1.0, -0.5], [0.25, 0.0], [-1.0, 0.5], [0.5, 0.25]]> : tensor<4x2xf32>
  %b1 = arith.constant dense<[0.5, -0.25]> : tensor<2xf32>
  %0 = accel.matmul %x, %w1 bias(%b1 : tensor<2xf32>) acc(f32) : tensor<8x4xf32>, tensor<4x2xf32> -> tensor<8x2xf32>
  %1 = accel.relu %0 : tensor<8x2xf32>
  %w2 = arith.constant dense<[[2.0, -1.0, 0.5], [1.0, 0.0, -2.0]]> : tensor<2x3xf32>
  %2 = accel.matmul %1, %w2 acc(f32) : tensor<8x2xf32>, tensor<2x3xf32> -> tensor<8x3xf32>
  return %2 : tensor<8x3xf32>
}
