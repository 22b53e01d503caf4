// A ResNet-style int8 block (3x3 conv 56x56x64 -> 64 with per-channel
// weights and bias, relu, 2x2 max pool) written in the accel dialect. On
// int8-16x16 the convolution runs on the accelerator (accel-run prints the
// simulator's report); the placement remarks show why each other op stays
// on the host (the cost model, or pooling not being compiled to the ISA
// yet).

!act = !quant.uniform<i8:f32, 0.05:-3>
!w = !quant.uniform<i8:f32:3, {0.010,0.011,0.012,0.013,0.014,0.015,0.016,0.017,0.018,0.019,0.020,0.021,0.022,0.023,0.024,0.025,0.010,0.011,0.012,0.013,0.014,0.015,0.016,0.017,0.018,0.019,0.020,0.021,0.022,0.023,0.024,0.025,0.010,0.011,0.012,0.013,0.014,0.015,0.016,0.017,0.018,0.019,0.020,0.021,0.022,0.023,0.024,0.025,0.010,0.011,0.012,0.013,0.014,0.015,0.016,0.017,0.018,0.019,0.020,0.021,0.022,0.023,0.024,0.025}>
!out = !quant.uniform<i8:f32, 0.1:-128>

func.func @block(%x: tensor<1x56x56x64xf32>, %w: tensor<3x3x64x64x!w>,
                 %b: tensor<64xi32>) -> tensor<1x28x28x64xf32> {
  %q = accel.quantize %x : tensor<1x56x56x64xf32> -> tensor<1x56x56x64x!act>
  %c = accel.conv2d %q, %w bias(%b : tensor<64xi32>) padding [1, 1, 1, 1] acc(i32)
      : tensor<1x56x56x64x!act>, tensor<3x3x64x64x!w> -> tensor<1x56x56x64x!out>
  %r = accel.relu %c : tensor<1x56x56x64x!out>
  %p = accel.max_pool2d %r window [2, 2] strides [2, 2]
      : tensor<1x56x56x64x!out> -> tensor<1x28x28x64x!out>
  %y = accel.dequantize %p : tensor<1x28x28x64x!out> -> tensor<1x28x28x64xf32>
  return %y : tensor<1x28x28x64xf32>
}
