// A layer that is exactly 0 on the test input (0.4961 - 0.996 * 0.4999 < 0)
// but not after int8 rounding (calibrated on [1, 1]): its SNR has no finite
// value.
func.func @main(%x: tensor<1x2xf32>) -> tensor<1x1xf32> {
  %w = arith.constant dense<[[1.0], [-0.996]]> : tensor<2x1xf32>
  %0 = accel.matmul %x, %w acc(f32) : tensor<1x2xf32>, tensor<2x1xf32> -> tensor<1x1xf32> loc("fc")
  %1 = accel.relu %0 : tensor<1x1xf32> loc("r")
  return %1 : tensor<1x1xf32>
}
