// RUN: accel-opt %s -canonicalize -split-input-file | FileCheck %s

!q = !quant.uniform<i8:f32, 0.05:3>
!q2 = !quant.uniform<i8:f32, 0.1:0>

// CHECK-LABEL: func @relu_of_relu
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[R:.*]] = accel.relu %[[X]]
// CHECK-NEXT: return %[[R]]
func.func @relu_of_relu(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = accel.relu %x : tensor<4xf32>
  %1 = accel.relu %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// CHECK-LABEL: func @clamp_of_clamp_merges
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[C:.*]] = accel.clamp %[[X]] min 1.000000e+00 max 3.000000e+00
// CHECK-NEXT: return %[[C]]
func.func @clamp_of_clamp_merges(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = accel.clamp %x min 0.0 max 3.0 : tensor<4xf32>
  %1 = accel.clamp %0 min 1.0 max 6.0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// The inner range lies inside the outer one: the outer clamp is a no-op.
// CHECK-LABEL: func @clamp_inside_clamp_folds
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[C:.*]] = accel.clamp %[[X]] min 1.000000e+00 max 2.000000e+00
// CHECK-NEXT: return %[[C]]
func.func @clamp_inside_clamp_folds(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = accel.clamp %x min 1.0 max 2.0 : tensor<4xf32>
  %1 = accel.clamp %0 min 0.0 max 6.0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// Disjoint ranges are left alone (the result is a constant, not a clamp).
// CHECK-LABEL: func @clamp_disjoint_kept
// CHECK: accel.clamp %{{.*}} min 0.000000e+00 max 1.000000e+00
// CHECK: accel.clamp %{{.*}} min 2.000000e+00 max 3.000000e+00
func.func @clamp_disjoint_kept(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = accel.clamp %x min 0.0 max 1.0 : tensor<4xf32>
  %1 = accel.clamp %0 min 2.0 max 3.0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// CHECK-LABEL: func @clamp_unbounded_folds
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK-NEXT: return %[[X]]
func.func @clamp_unbounded_folds(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = accel.clamp %x min 0xFFF0000000000000 max 0x7FF0000000000000 : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// CHECK-LABEL: func @clamp_of_relu
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[C:.*]] = accel.clamp %[[X]] min 0.000000e+00 max 6.000000e+00
// CHECK-NEXT: return %[[C]]
func.func @clamp_of_relu(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = accel.relu %x : tensor<4xf32>
  %1 = accel.clamp %0 min -1.0 max 6.0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// CHECK-LABEL: func @relu_of_clamp
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[C:.*]] = accel.clamp %[[X]] min 0.000000e+00 max 6.000000e+00
// CHECK-NEXT: return %[[C]]
func.func @relu_of_clamp(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = accel.clamp %x min -3.0 max 6.0 : tensor<4xf32>
  %1 = accel.relu %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// CHECK-LABEL: func @quantize_of_dequantize
// CHECK-SAME: (%[[Q:.*]]: tensor<4x!quant.uniform
// CHECK-NEXT: return %[[Q]]
func.func @quantize_of_dequantize(%q: tensor<4x!q>) -> tensor<4x!q> {
  %0 = accel.dequantize %q : tensor<4x!q> -> tensor<4xf32>
  %1 = accel.quantize %0 : tensor<4xf32> -> tensor<4x!q>
  return %1 : tensor<4x!q>
}

// Different parameters: the round trip changes values and must stay.
// CHECK-LABEL: func @quantize_of_dequantize_other_params
// CHECK: accel.dequantize
// CHECK: accel.quantize
func.func @quantize_of_dequantize_other_params(%q: tensor<4x!q>) -> tensor<4x!q2> {
  %0 = accel.dequantize %q : tensor<4x!q> -> tensor<4xf32>
  %1 = accel.quantize %0 : tensor<4xf32> -> tensor<4x!q2>
  return %1 : tensor<4x!q2>
}

// CHECK-LABEL: func @identity_requantize
// CHECK-SAME: (%[[Q:.*]]: tensor<4x!quant.uniform
// CHECK-NEXT: return %[[Q]]
func.func @identity_requantize(%q: tensor<4x!q>) -> tensor<4x!q> {
  %0 = accel.requantize %q : tensor<4x!q> -> tensor<4x!q>
  return %0 : tensor<4x!q>
}

// CHECK-LABEL: func @identity_cast
// CHECK-SAME: (%[[X:.*]]: tensor<4xbf16>)
// CHECK-NEXT: return %[[X]]
func.func @identity_cast(%x: tensor<4xbf16>) -> tensor<4xbf16> {
  %0 = accel.cast %x : tensor<4xbf16> -> tensor<4xbf16>
  return %0 : tensor<4xbf16>
}

// bf16 -> f32 is exact, so casting back recovers the input.
// CHECK-LABEL: func @cast_round_trip_through_wider
// CHECK-SAME: (%[[X:.*]]: tensor<4xbf16>)
// CHECK-NEXT: return %[[X]]
func.func @cast_round_trip_through_wider(%x: tensor<4xbf16>) -> tensor<4xbf16> {
  %0 = accel.cast %x : tensor<4xbf16> -> tensor<4xf32>
  %1 = accel.cast %0 : tensor<4xf32> -> tensor<4xbf16>
  return %1 : tensor<4xbf16>
}

// f32 -> bf16 rounds, so the round trip is not the identity.
// CHECK-LABEL: func @cast_round_trip_through_narrower_kept
// CHECK: accel.cast %{{.*}} : tensor<4xf32> -> tensor<4xbf16>
// CHECK: accel.cast %{{.*}} : tensor<4xbf16> -> tensor<4xf32>
func.func @cast_round_trip_through_narrower_kept(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = accel.cast %x : tensor<4xf32> -> tensor<4xbf16>
  %1 = accel.cast %0 : tensor<4xbf16> -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// f16 and bf16 do not contain each other.
// CHECK-LABEL: func @cast_f16_bf16_kept
// CHECK: accel.cast %{{.*}} : tensor<4xf16> -> tensor<4xbf16>
// CHECK: accel.cast %{{.*}} : tensor<4xbf16> -> tensor<4xf16>
func.func @cast_f16_bf16_kept(%x: tensor<4xf16>) -> tensor<4xf16> {
  %0 = accel.cast %x : tensor<4xf16> -> tensor<4xbf16>
  %1 = accel.cast %0 : tensor<4xbf16> -> tensor<4xf16>
  return %1 : tensor<4xf16>
}
