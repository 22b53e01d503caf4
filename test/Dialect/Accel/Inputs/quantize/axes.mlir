// Per-channel weight axes: N is dimension 0 of a transposed [N, K] rhs and
// dimension 2 of a batched [B, K, N] rhs (one scale per channel across the
// batches).
func.func @main(%x: tensor<2x2xf32>, %y: tensor<2x2x2xf32>) -> (tensor<2x2xf32>, tensor<2x2x2xf32>) {
  %wt = arith.constant dense<[[1.0, 0.5], [-0.25, 0.125]]> : tensor<2x2xf32>
  %0 = accel.matmul %x, %wt transpose_rhs acc(f32) : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32> loc("transposed")
  %wb = arith.constant dense<[[[1.0, 2.0], [0.0, -1.0]], [[0.5, 0.0], [-1.0, 0.5]]]> : tensor<2x2x2xf32>
  %1 = accel.matmul %y, %wb acc(f32) : tensor<2x2x2xf32>, tensor<2x2x2xf32> -> tensor<2x2x2xf32> loc("batched")
  return %0, %1 : tensor<2x2xf32>, tensor<2x2x2xf32>
}
