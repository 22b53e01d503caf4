// A small quantized model for accel-outline-kernels.mlir.
!qa = !quant.uniform<i8:f32, 0.05:3>
!qacc = !quant.uniform<i32:f32, 0.005>
func.func @model(%x: tensor<1x8x8x4x!qa>, %w: tensor<3x3x4x8x!qa>) -> tensor<1x3x3x8x!qa> {
  %0 = accel.conv2d %x, %w acc(i32) : tensor<1x8x8x4x!qa>, tensor<3x3x4x8x!qa> -> tensor<1x6x6x8x!qacc>
  %1 = accel.requantize %0 : tensor<1x6x6x8x!qacc> -> tensor<1x6x6x8x!qa>
  %2 = accel.relu %1 : tensor<1x6x6x8x!qa>
  %3 = accel.avg_pool2d %2 window [2, 2] strides [2, 2] : tensor<1x6x6x8x!qa> -> tensor<1x3x3x8x!qa>
  %4 = accel.relu %3 : tensor<1x3x3x8x!qa>
  return %4 : tensor<1x3x3x8x!qa>
}
