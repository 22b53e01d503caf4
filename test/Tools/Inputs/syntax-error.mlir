// Deliberately malformed: the type list is missing its ':'.
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  // relu needs ": type"
  %0 = accel.relu %x tensor<4xf32>
  return %0 : tensor<4xf32>
}
