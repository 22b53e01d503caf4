// Identity on one tensor of every exchanged dtype (accel-run-dtypes.test).
func.func @main(%f32: tensor<2x3xf32>, %f64: tensor<3xf64>, %f16: tensor<4xf16>,
                %i8: tensor<4xi8>, %u8: tensor<3xui8>, %i16: tensor<2xi16>,
                %i32: tensor<1x2xi32>, %i64: tensor<3xi64>, %b: tensor<3xi1>)
    -> (tensor<2x3xf32>, tensor<3xf64>, tensor<4xf16>, tensor<4xi8>,
        tensor<3xui8>, tensor<2xi16>, tensor<1x2xi32>, tensor<3xi64>,
        tensor<3xi1>) {
  return %f32, %f64, %f16, %i8, %u8, %i16, %i32, %i64, %b
      : tensor<2x3xf32>, tensor<3xf64>, tensor<4xf16>, tensor<4xi8>,
        tensor<3xui8>, tensor<2xi16>, tensor<1x2xi32>, tensor<3xi64>,
        tensor<3xi1>
}
