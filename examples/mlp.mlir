// A two-layer int8 MLP (batch 4, 64 -> 32 -> 10) with per-channel weights,
// written in the accel dialect.  `scripts/run-example.sh` attaches a target
// and canonicalizes it; the redundant relu/clamp pair folds to one clamp.

!act = !quant.uniform<i8:f32, 0.05:-3>
!hid = !quant.uniform<i8:f32, 0.1:-128>
!w1 = !quant.uniform<i8:f32:1, {0.010,0.011,0.012,0.013,0.014,0.015,0.016,0.017,0.018,0.019,0.020,0.021,0.022,0.023,0.024,0.025,0.010,0.011,0.012,0.013,0.014,0.015,0.016,0.017,0.018,0.019,0.020,0.021,0.022,0.023,0.024,0.025}>
!w2 = !quant.uniform<i8:f32, 0.02>
!out = !quant.uniform<i8:f32, 0.25:0>

func.func @mlp(%x: tensor<4x64xf32>, %w1: tensor<64x32x!w1>, %b1: tensor<32xi32>,
               %w2: tensor<32x10x!w2>, %b2: tensor<10xi32>) -> tensor<4x10xf32> {
  %q = accel.quantize %x : tensor<4x64xf32> -> tensor<4x64x!act>
  %h = accel.matmul %q, %w1 bias(%b1 : tensor<32xi32>) acc(i32)
      : tensor<4x64x!act>, tensor<64x32x!w1> -> tensor<4x32x!hid>
  %r = accel.relu %h : tensor<4x32x!hid>
  %c = accel.clamp %r min 0.0 max 6.0 : tensor<4x32x!hid>
  %o = accel.matmul %c, %w2 bias(%b2 : tensor<10xi32>) acc(i32)
      : tensor<4x32x!hid>, tensor<32x10x!w2> -> tensor<4x10x!out>
  %y = accel.dequantize %o : tensor<4x10x!out> -> tensor<4x10xf32>
  return %y : tensor<4x10xf32>
}
