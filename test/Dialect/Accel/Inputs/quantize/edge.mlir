// Weights accel-quantize must not trip over: a channel whose weights decayed
// to almost nothing but kept a large bias, a channel of denormals, and
// weights held as a resource blob (kept in f32).
func.func @main(%x: tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x3xf32>) {
  %w1 = arith.constant dense<[[1.0e-6, 1.0], [1.0e-6, -1.0]]> : tensor<2x2xf32>
  %b1 = arith.constant dense<[100.0, 0.0]> : tensor<2xf32>
  %0 = accel.matmul %x, %w1 bias(%b1 : tensor<2xf32>) acc(f32) : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32> loc("big_bias")
  %w2 = arith.constant dense<[[1.0, 1.0e-43], [0.5, -1.0e-43]]> : tensor<2x2xf32>
  %1 = accel.matmul %x, %w2 acc(f32) : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32> loc("denormal")
  %w3 = arith.constant dense_resource<w3> : tensor<2x3xf32>
  %2 = accel.matmul %x, %w3 acc(f32) : tensor<2x2xf32>, tensor<2x3xf32> -> tensor<2x3xf32> loc("resource")
  return %0, %1, %2 : tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x3xf32>
}
{-#
  dialect_resources: {
    builtin: {
      w3: "0x040000000000803F0000803F0000803F0000803F0000803F0000803F"
    }
  }
#-}
