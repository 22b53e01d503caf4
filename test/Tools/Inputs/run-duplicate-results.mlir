func.func @main(%a: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %r = accel.relu %a : tensor<3xf32>
  return %r, %r : tensor<3xf32>, tensor<3xf32>
}
