// Location names that repeat, and one that looks like a repeat's suffix:
// the tensors are fc#1, fc and fc#2 (the first free suffix).
func.func @main(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
  %w = arith.constant dense<0.5> : tensor<4x4xf32>
  %0 = accel.matmul %x, %w acc(f32) : tensor<8x4xf32>, tensor<4x4xf32> -> tensor<8x4xf32> loc("fc#1")
  %1 = accel.matmul %0, %w acc(f32) : tensor<8x4xf32>, tensor<4x4xf32> -> tensor<8x4xf32> loc("fc")
  %2 = accel.matmul %1, %w acc(f32) : tensor<8x4xf32>, tensor<4x4xf32> -> tensor<8x4xf32> loc("fc")
  return %2 : tensor<8x4xf32>
}
