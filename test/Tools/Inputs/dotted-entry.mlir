// An entry function whose name is not a C identifier (accel-compile.test).
!q = !quant.uniform<i8:f32, 0.05:3>
!w = !quant.uniform<i8:f32, 0.02:1>
!o = !quant.uniform<i8:f32, 0.1:-4>
func.func @"net.fc-1"(%a: tensor<16x32x!q>, %b: tensor<32x16x!w>) -> tensor<16x16x!o> {
  %m = accel.matmul %a, %b acc(i32) : tensor<16x32x!q>, tensor<32x16x!w> -> tensor<16x16x!o>
  return %m : tensor<16x16x!o>
}
