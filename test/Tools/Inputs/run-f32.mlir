// A small f32 model for accel-run.test: relu(x @ w).
func.func @main(%x: tensor<4x8xf32>, %w: tensor<8x3xf32>) -> tensor<4x3xf32> {
  %0 = accel.matmul %x, %w acc(f32) : tensor<4x8xf32>, tensor<8x3xf32> -> tensor<4x3xf32>
  %1 = accel.relu %0 : tensor<4x3xf32>
  return %1 : tensor<4x3xf32>
}

func.func @helper(%x: tensor<2xf32>) -> tensor<2xf32> {
  return %x : tensor<2xf32>
}
