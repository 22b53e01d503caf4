// A quantized tensor carried by scf.for, and an op in a called function
// (accel-run-structure.test).
!a = !quant.uniform<i8:f32, 0.05:-3>
func.func private @f(%x: tensor<4x!a>) -> tensor<4x!a> {
  %y = accel.relu %x : tensor<4x!a>
  return %y : tensor<4x!a>
}
func.func @main(%x: tensor<4x!a>) -> tensor<4x!a> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %r = scf.for %i = %c0 to %c3 step %c1 iter_args(%t = %x) -> tensor<4x!a> {
    %y = accel.clamp %t min -0.1 max 0.2 : tensor<4x!a>
    scf.yield %y : tensor<4x!a>
  }
  %z = func.call @f(%r) : (tensor<4x!a>) -> tensor<4x!a>
  return %z : tensor<4x!a>
}
