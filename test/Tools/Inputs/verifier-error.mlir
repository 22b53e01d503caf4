// Parses, but the contraction sizes disagree.
func.func @f(%a: tensor<4x8xf32>, %b: tensor<16x4xf32>) -> tensor<4x4xf32> {
  %0 = accel.matmul %a, %b acc(f32) : tensor<4x8xf32>, tensor<16x4xf32> -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}
