// i4 values are exchanged as int8 and must lie in [-8, 7].
func.func @main(%x: tensor<4xi4>) -> tensor<4xi4> {
  return %x : tensor<4xi4>
}
