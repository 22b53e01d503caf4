// End-to-end tests of accel.cast between f32, f16 and bf16 (docs/Numerics.md
// §6: round to nearest even, overflow to infinity, subnormals kept, NaN kept).
// bf16 values are exchanged as float32.  accel-run executes each entry
// function on inputs written by Inputs/reference.py, which then checks the
// results bit for bit, including the sign of zero.

// RUN: rm -rf %t && mkdir -p %t

// RUN: %python %S/Inputs/reference.py gen cast_f32_narrow %t/cast_f32_narrow
// RUN: accel-run %s --target=cpu --entry=cast_f32_narrow --input=%t/cast_f32_narrow/arg0.npy --output-dir=%t/cast_f32_narrow
// RUN: %python %S/Inputs/reference.py check cast_f32_narrow %t/cast_f32_narrow
// RUN: rm -rf %t/cast_f32_narrow.int8-16x16 && cp -r %t/cast_f32_narrow %t/cast_f32_narrow.int8-16x16 && rm -f %t/cast_f32_narrow.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=cast_f32_narrow --input=%t/cast_f32_narrow.int8-16x16/arg0.npy --output-dir=%t/cast_f32_narrow.int8-16x16
// RUN: %python %S/Inputs/reference.py check cast_f32_narrow %t/cast_f32_narrow.int8-16x16
// RUN: rm -rf %t/cast_f32_narrow.int8-256x256 && cp -r %t/cast_f32_narrow %t/cast_f32_narrow.int8-256x256 && rm -f %t/cast_f32_narrow.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=cast_f32_narrow --input=%t/cast_f32_narrow.int8-256x256/arg0.npy --output-dir=%t/cast_f32_narrow.int8-256x256
// RUN: %python %S/Inputs/reference.py check cast_f32_narrow %t/cast_f32_narrow.int8-256x256
// RUN: rm -rf %t/cast_f32_narrow.bf16-128x128 && cp -r %t/cast_f32_narrow %t/cast_f32_narrow.bf16-128x128 && rm -f %t/cast_f32_narrow.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=cast_f32_narrow --input=%t/cast_f32_narrow.bf16-128x128/arg0.npy --output-dir=%t/cast_f32_narrow.bf16-128x128
// RUN: %python %S/Inputs/reference.py check cast_f32_narrow %t/cast_f32_narrow.bf16-128x128

// Narrowing, then widening back; the round trips must not fold to %x.
func.func @cast_f32_narrow(%x: tensor<4x11xf32>) -> (tensor<4x11xbf16>, tensor<4x11xf16>, tensor<4x11xf32>, tensor<4x11xf32>) {
  %0 = accel.cast %x : tensor<4x11xf32> -> tensor<4x11xbf16>
  %1 = accel.cast %x : tensor<4x11xf32> -> tensor<4x11xf16>
  %2 = accel.cast %0 : tensor<4x11xbf16> -> tensor<4x11xf32>
  %3 = accel.cast %1 : tensor<4x11xf16> -> tensor<4x11xf32>
  return %0, %1, %2, %3 : tensor<4x11xbf16>, tensor<4x11xf16>, tensor<4x11xf32>, tensor<4x11xf32>
}

// RUN: %python %S/Inputs/reference.py gen cast_widen_and_cross %t/cast_widen_and_cross
// RUN: accel-run %s --target=cpu --entry=cast_widen_and_cross --input=%t/cast_widen_and_cross/arg0.npy --input=%t/cast_widen_and_cross/arg1.npy --output-dir=%t/cast_widen_and_cross
// RUN: %python %S/Inputs/reference.py check cast_widen_and_cross %t/cast_widen_and_cross
// RUN: rm -rf %t/cast_widen_and_cross.int8-16x16 && cp -r %t/cast_widen_and_cross %t/cast_widen_and_cross.int8-16x16 && rm -f %t/cast_widen_and_cross.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=cast_widen_and_cross --input=%t/cast_widen_and_cross.int8-16x16/arg0.npy --input=%t/cast_widen_and_cross.int8-16x16/arg1.npy --output-dir=%t/cast_widen_and_cross.int8-16x16
// RUN: %python %S/Inputs/reference.py check cast_widen_and_cross %t/cast_widen_and_cross.int8-16x16
// RUN: rm -rf %t/cast_widen_and_cross.int8-256x256 && cp -r %t/cast_widen_and_cross %t/cast_widen_and_cross.int8-256x256 && rm -f %t/cast_widen_and_cross.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=cast_widen_and_cross --input=%t/cast_widen_and_cross.int8-256x256/arg0.npy --input=%t/cast_widen_and_cross.int8-256x256/arg1.npy --output-dir=%t/cast_widen_and_cross.int8-256x256
// RUN: %python %S/Inputs/reference.py check cast_widen_and_cross %t/cast_widen_and_cross.int8-256x256
// RUN: rm -rf %t/cast_widen_and_cross.bf16-128x128 && cp -r %t/cast_widen_and_cross %t/cast_widen_and_cross.bf16-128x128 && rm -f %t/cast_widen_and_cross.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=cast_widen_and_cross --input=%t/cast_widen_and_cross.bf16-128x128/arg0.npy --input=%t/cast_widen_and_cross.bf16-128x128/arg1.npy --output-dir=%t/cast_widen_and_cross.bf16-128x128
// RUN: %python %S/Inputs/reference.py check cast_widen_and_cross %t/cast_widen_and_cross.bf16-128x128

// Exact widening, and bf16 <-> f16, which both round.
func.func @cast_widen_and_cross(%b: tensor<4x7xbf16>, %h: tensor<4x7xf16>) -> (tensor<4x7xf32>, tensor<4x7xf32>, tensor<4x7xf16>, tensor<4x7xbf16>) {
  %0 = accel.cast %b : tensor<4x7xbf16> -> tensor<4x7xf32>
  %1 = accel.cast %h : tensor<4x7xf16> -> tensor<4x7xf32>
  %2 = accel.cast %b : tensor<4x7xbf16> -> tensor<4x7xf16>
  %3 = accel.cast %h : tensor<4x7xf16> -> tensor<4x7xbf16>
  return %0, %1, %2, %3 : tensor<4x7xf32>, tensor<4x7xf32>, tensor<4x7xf16>, tensor<4x7xbf16>
}
