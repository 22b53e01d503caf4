// A loop-carried tensor for accel-run.test: clamp(relu(x)) applied 3 times.
func.func @loop(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %r = scf.for %i = %c0 to %c3 step %c1 iter_args(%x = %a) -> tensor<2x3xf32> {
    %0 = accel.relu %x : tensor<2x3xf32>
    %1 = accel.clamp %0 min -1.0 max 0.5 : tensor<2x3xf32>
    scf.yield %1 : tensor<2x3xf32>
  }
  return %r : tensor<2x3xf32>
}
