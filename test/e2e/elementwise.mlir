// End-to-end tests of the elementwise ops: relu, clamp and add/sub/mul with
// broadcasting, on float and quantized tensors.  accel-run executes each
// entry function on inputs written by Inputs/reference.py, which then checks
// the results bit for bit (each float op is one IEEE operation, rounded once
// to the element type; quantized ops follow docs/Numerics.md §4).

// RUN: rm -rf %t && mkdir -p %t

// RUN: %python %S/Inputs/reference.py gen relu_clamp_f32 %t/relu_clamp_f32
// RUN: accel-run %s --target=cpu --entry=relu_clamp_f32 --input=%t/relu_clamp_f32/arg0.npy --output-dir=%t/relu_clamp_f32
// RUN: %python %S/Inputs/reference.py check relu_clamp_f32 %t/relu_clamp_f32
// RUN: rm -rf %t/relu_clamp_f32.int8-16x16 && cp -r %t/relu_clamp_f32 %t/relu_clamp_f32.int8-16x16 && rm -f %t/relu_clamp_f32.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=relu_clamp_f32 --input=%t/relu_clamp_f32.int8-16x16/arg0.npy --output-dir=%t/relu_clamp_f32.int8-16x16
// RUN: %python %S/Inputs/reference.py check relu_clamp_f32 %t/relu_clamp_f32.int8-16x16
// RUN: rm -rf %t/relu_clamp_f32.int8-256x256 && cp -r %t/relu_clamp_f32 %t/relu_clamp_f32.int8-256x256 && rm -f %t/relu_clamp_f32.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=relu_clamp_f32 --input=%t/relu_clamp_f32.int8-256x256/arg0.npy --output-dir=%t/relu_clamp_f32.int8-256x256
// RUN: %python %S/Inputs/reference.py check relu_clamp_f32 %t/relu_clamp_f32.int8-256x256
// RUN: rm -rf %t/relu_clamp_f32.bf16-128x128 && cp -r %t/relu_clamp_f32 %t/relu_clamp_f32.bf16-128x128 && rm -f %t/relu_clamp_f32.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=relu_clamp_f32 --input=%t/relu_clamp_f32.bf16-128x128/arg0.npy --output-dir=%t/relu_clamp_f32.bf16-128x128
// RUN: %python %S/Inputs/reference.py check relu_clamp_f32 %t/relu_clamp_f32.bf16-128x128

// clamp's f64 bounds round inward to f32: -0.1 becomes -0.099999994.
func.func @relu_clamp_f32(%x: tensor<5x7xf32>) -> (tensor<5x7xf32>, tensor<5x7xf32>, tensor<5x7xf32>) {
  %0 = accel.relu %x : tensor<5x7xf32>
  %1 = accel.clamp %x min -0.1 max 0.7 : tensor<5x7xf32>
  %2 = accel.clamp %x min 0xFFF0000000000000 max 0.5 : tensor<5x7xf32>
  return %0, %1, %2 : tensor<5x7xf32>, tensor<5x7xf32>, tensor<5x7xf32>
}

// RUN: %python %S/Inputs/reference.py gen relu_clamp_quantized %t/relu_clamp_quantized
// RUN: accel-run %s --target=cpu --entry=relu_clamp_quantized --input=%t/relu_clamp_quantized/arg0.npy --input=%t/relu_clamp_quantized/arg1.npy --output-dir=%t/relu_clamp_quantized
// RUN: %python %S/Inputs/reference.py check relu_clamp_quantized %t/relu_clamp_quantized
// RUN: rm -rf %t/relu_clamp_quantized.int8-16x16 && cp -r %t/relu_clamp_quantized %t/relu_clamp_quantized.int8-16x16 && rm -f %t/relu_clamp_quantized.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=relu_clamp_quantized --input=%t/relu_clamp_quantized.int8-16x16/arg0.npy --input=%t/relu_clamp_quantized.int8-16x16/arg1.npy --output-dir=%t/relu_clamp_quantized.int8-16x16
// RUN: %python %S/Inputs/reference.py check relu_clamp_quantized %t/relu_clamp_quantized.int8-16x16
// RUN: rm -rf %t/relu_clamp_quantized.int8-256x256 && cp -r %t/relu_clamp_quantized %t/relu_clamp_quantized.int8-256x256 && rm -f %t/relu_clamp_quantized.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=relu_clamp_quantized --input=%t/relu_clamp_quantized.int8-256x256/arg0.npy --input=%t/relu_clamp_quantized.int8-256x256/arg1.npy --output-dir=%t/relu_clamp_quantized.int8-256x256
// RUN: %python %S/Inputs/reference.py check relu_clamp_quantized %t/relu_clamp_quantized.int8-256x256
// RUN: rm -rf %t/relu_clamp_quantized.bf16-128x128 && cp -r %t/relu_clamp_quantized %t/relu_clamp_quantized.bf16-128x128 && rm -f %t/relu_clamp_quantized.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=relu_clamp_quantized --input=%t/relu_clamp_quantized.bf16-128x128/arg0.npy --input=%t/relu_clamp_quantized.bf16-128x128/arg1.npy --output-dir=%t/relu_clamp_quantized.bf16-128x128
// RUN: %python %S/Inputs/reference.py check relu_clamp_quantized %t/relu_clamp_quantized.bf16-128x128

// relu is max(q, zp); clamp bounds become ceil(min/s + zp), floor(max/s + zp)
// within the storage range, per channel for the per-axis type.
!qe = !quant.uniform<i8:f32, 0.05:3>
!qa = !quant.uniform<u8:f32:1, {0.1:128, 0.02:100, 0.5}>
func.func @relu_clamp_quantized(%x: tensor<5x7x!qe>, %y: tensor<4x3x!qa>) -> (tensor<5x7x!qe>, tensor<5x7x!qe>, tensor<5x7x!qe>, tensor<4x3x!qa>, tensor<4x3x!qa>) {
  %0 = accel.relu %x : tensor<5x7x!qe>
  %1 = accel.clamp %x min -1.03 max 2.47 : tensor<5x7x!qe>
  %2 = accel.clamp %x min -1000.0 max 1.13 : tensor<5x7x!qe>
  %3 = accel.relu %y : tensor<4x3x!qa>
  %4 = accel.clamp %y min -1.03 max 2.47 : tensor<4x3x!qa>
  return %0, %1, %2, %3, %4 : tensor<5x7x!qe>, tensor<5x7x!qe>, tensor<5x7x!qe>, tensor<4x3x!qa>, tensor<4x3x!qa>
}

// RUN: %python %S/Inputs/reference.py gen binary_f32_broadcast %t/binary_f32_broadcast
// RUN: accel-run %s --target=cpu --entry=binary_f32_broadcast --input=%t/binary_f32_broadcast/arg0.npy --input=%t/binary_f32_broadcast/arg1.npy --output-dir=%t/binary_f32_broadcast
// RUN: %python %S/Inputs/reference.py check binary_f32_broadcast %t/binary_f32_broadcast
// RUN: rm -rf %t/binary_f32_broadcast.int8-16x16 && cp -r %t/binary_f32_broadcast %t/binary_f32_broadcast.int8-16x16 && rm -f %t/binary_f32_broadcast.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=binary_f32_broadcast --input=%t/binary_f32_broadcast.int8-16x16/arg0.npy --input=%t/binary_f32_broadcast.int8-16x16/arg1.npy --output-dir=%t/binary_f32_broadcast.int8-16x16
// RUN: %python %S/Inputs/reference.py check binary_f32_broadcast %t/binary_f32_broadcast.int8-16x16
// RUN: rm -rf %t/binary_f32_broadcast.int8-256x256 && cp -r %t/binary_f32_broadcast %t/binary_f32_broadcast.int8-256x256 && rm -f %t/binary_f32_broadcast.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=binary_f32_broadcast --input=%t/binary_f32_broadcast.int8-256x256/arg0.npy --input=%t/binary_f32_broadcast.int8-256x256/arg1.npy --output-dir=%t/binary_f32_broadcast.int8-256x256
// RUN: %python %S/Inputs/reference.py check binary_f32_broadcast %t/binary_f32_broadcast.int8-256x256
// RUN: rm -rf %t/binary_f32_broadcast.bf16-128x128 && cp -r %t/binary_f32_broadcast %t/binary_f32_broadcast.bf16-128x128 && rm -f %t/binary_f32_broadcast.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=binary_f32_broadcast --input=%t/binary_f32_broadcast.bf16-128x128/arg0.npy --input=%t/binary_f32_broadcast.bf16-128x128/arg1.npy --output-dir=%t/binary_f32_broadcast.bf16-128x128
// RUN: %python %S/Inputs/reference.py check binary_f32_broadcast %t/binary_f32_broadcast.bf16-128x128

// [4, 1, 5] with [3, 1] broadcasts to [4, 3, 5].
func.func @binary_f32_broadcast(%a: tensor<4x1x5xf32>, %b: tensor<3x1xf32>) -> (tensor<4x3x5xf32>, tensor<4x3x5xf32>, tensor<4x3x5xf32>) {
  %0 = accel.add %a, %b : tensor<4x1x5xf32>, tensor<3x1xf32> -> tensor<4x3x5xf32>
  %1 = accel.sub %a, %b : tensor<4x1x5xf32>, tensor<3x1xf32> -> tensor<4x3x5xf32>
  %2 = accel.mul %a, %b : tensor<4x1x5xf32>, tensor<3x1xf32> -> tensor<4x3x5xf32>
  return %0, %1, %2 : tensor<4x3x5xf32>, tensor<4x3x5xf32>, tensor<4x3x5xf32>
}

// RUN: %python %S/Inputs/reference.py gen binary_bf16_broadcast %t/binary_bf16_broadcast
// RUN: accel-run %s --target=cpu --entry=binary_bf16_broadcast --input=%t/binary_bf16_broadcast/arg0.npy --input=%t/binary_bf16_broadcast/arg1.npy --output-dir=%t/binary_bf16_broadcast
// RUN: %python %S/Inputs/reference.py check binary_bf16_broadcast %t/binary_bf16_broadcast
// RUN: rm -rf %t/binary_bf16_broadcast.int8-16x16 && cp -r %t/binary_bf16_broadcast %t/binary_bf16_broadcast.int8-16x16 && rm -f %t/binary_bf16_broadcast.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=binary_bf16_broadcast --input=%t/binary_bf16_broadcast.int8-16x16/arg0.npy --input=%t/binary_bf16_broadcast.int8-16x16/arg1.npy --output-dir=%t/binary_bf16_broadcast.int8-16x16
// RUN: %python %S/Inputs/reference.py check binary_bf16_broadcast %t/binary_bf16_broadcast.int8-16x16
// RUN: rm -rf %t/binary_bf16_broadcast.int8-256x256 && cp -r %t/binary_bf16_broadcast %t/binary_bf16_broadcast.int8-256x256 && rm -f %t/binary_bf16_broadcast.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=binary_bf16_broadcast --input=%t/binary_bf16_broadcast.int8-256x256/arg0.npy --input=%t/binary_bf16_broadcast.int8-256x256/arg1.npy --output-dir=%t/binary_bf16_broadcast.int8-256x256
// RUN: %python %S/Inputs/reference.py check binary_bf16_broadcast %t/binary_bf16_broadcast.int8-256x256
// RUN: rm -rf %t/binary_bf16_broadcast.bf16-128x128 && cp -r %t/binary_bf16_broadcast %t/binary_bf16_broadcast.bf16-128x128 && rm -f %t/binary_bf16_broadcast.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=binary_bf16_broadcast --input=%t/binary_bf16_broadcast.bf16-128x128/arg0.npy --input=%t/binary_bf16_broadcast.bf16-128x128/arg1.npy --output-dir=%t/binary_bf16_broadcast.bf16-128x128
// RUN: %python %S/Inputs/reference.py check binary_bf16_broadcast %t/binary_bf16_broadcast.bf16-128x128

// Computed in f32 and rounded once to bf16.
func.func @binary_bf16_broadcast(%a: tensor<4x1x5xbf16>, %b: tensor<3x1xbf16>) -> (tensor<4x3x5xbf16>, tensor<4x3x5xbf16>, tensor<4x3x5xbf16>) {
  %0 = accel.add %a, %b : tensor<4x1x5xbf16>, tensor<3x1xbf16> -> tensor<4x3x5xbf16>
  %1 = accel.sub %a, %b : tensor<4x1x5xbf16>, tensor<3x1xbf16> -> tensor<4x3x5xbf16>
  %2 = accel.mul %a, %b : tensor<4x1x5xbf16>, tensor<3x1xbf16> -> tensor<4x3x5xbf16>
  return %0, %1, %2 : tensor<4x3x5xbf16>, tensor<4x3x5xbf16>, tensor<4x3x5xbf16>
}

// RUN: %python %S/Inputs/reference.py gen binary_i8_broadcast %t/binary_i8_broadcast
// RUN: accel-run %s --target=cpu --entry=binary_i8_broadcast --input=%t/binary_i8_broadcast/arg0.npy --input=%t/binary_i8_broadcast/arg1.npy --output-dir=%t/binary_i8_broadcast
// RUN: %python %S/Inputs/reference.py check binary_i8_broadcast %t/binary_i8_broadcast
// RUN: rm -rf %t/binary_i8_broadcast.int8-16x16 && cp -r %t/binary_i8_broadcast %t/binary_i8_broadcast.int8-16x16 && rm -f %t/binary_i8_broadcast.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=binary_i8_broadcast --input=%t/binary_i8_broadcast.int8-16x16/arg0.npy --input=%t/binary_i8_broadcast.int8-16x16/arg1.npy --output-dir=%t/binary_i8_broadcast.int8-16x16
// RUN: %python %S/Inputs/reference.py check binary_i8_broadcast %t/binary_i8_broadcast.int8-16x16
// RUN: rm -rf %t/binary_i8_broadcast.int8-256x256 && cp -r %t/binary_i8_broadcast %t/binary_i8_broadcast.int8-256x256 && rm -f %t/binary_i8_broadcast.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=binary_i8_broadcast --input=%t/binary_i8_broadcast.int8-256x256/arg0.npy --input=%t/binary_i8_broadcast.int8-256x256/arg1.npy --output-dir=%t/binary_i8_broadcast.int8-256x256
// RUN: %python %S/Inputs/reference.py check binary_i8_broadcast %t/binary_i8_broadcast.int8-256x256
// RUN: rm -rf %t/binary_i8_broadcast.bf16-128x128 && cp -r %t/binary_i8_broadcast %t/binary_i8_broadcast.bf16-128x128 && rm -f %t/binary_i8_broadcast.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=binary_i8_broadcast --input=%t/binary_i8_broadcast.bf16-128x128/arg0.npy --input=%t/binary_i8_broadcast.bf16-128x128/arg1.npy --output-dir=%t/binary_i8_broadcast.bf16-128x128
// RUN: %python %S/Inputs/reference.py check binary_i8_broadcast %t/binary_i8_broadcast.bf16-128x128

// quantize(dequantize(lhs) op dequantize(rhs)) with different scales and
// zero points on every side.
!l8 = !quant.uniform<i8:f32, 0.05:3>
!r8 = !quant.uniform<i8:f32, 0.1:-2>
!add8 = !quant.uniform<i8:f32, 0.12:-1>
!sub8 = !quant.uniform<i8:f32, 0.15:4>
!mul8 = !quant.uniform<i8:f32, 0.5>
func.func @binary_i8_broadcast(%a: tensor<4x1x5x!l8>, %b: tensor<3x1x!r8>) -> (tensor<4x3x5x!add8>, tensor<4x3x5x!sub8>, tensor<4x3x5x!mul8>) {
  %0 = accel.add %a, %b : tensor<4x1x5x!l8>, tensor<3x1x!r8> -> tensor<4x3x5x!add8>
  %1 = accel.sub %a, %b : tensor<4x1x5x!l8>, tensor<3x1x!r8> -> tensor<4x3x5x!sub8>
  %2 = accel.mul %a, %b : tensor<4x1x5x!l8>, tensor<3x1x!r8> -> tensor<4x3x5x!mul8>
  return %0, %1, %2 : tensor<4x3x5x!add8>, tensor<4x3x5x!sub8>, tensor<4x3x5x!mul8>
}

// RUN: %python %S/Inputs/reference.py gen binary_u8_pow2_ties %t/binary_u8_pow2_ties
// RUN: accel-run %s --target=cpu --entry=binary_u8_pow2_ties --input=%t/binary_u8_pow2_ties/arg0.npy --input=%t/binary_u8_pow2_ties/arg1.npy --output-dir=%t/binary_u8_pow2_ties
// RUN: %python %S/Inputs/reference.py check binary_u8_pow2_ties %t/binary_u8_pow2_ties
// RUN: rm -rf %t/binary_u8_pow2_ties.int8-16x16 && cp -r %t/binary_u8_pow2_ties %t/binary_u8_pow2_ties.int8-16x16 && rm -f %t/binary_u8_pow2_ties.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=binary_u8_pow2_ties --input=%t/binary_u8_pow2_ties.int8-16x16/arg0.npy --input=%t/binary_u8_pow2_ties.int8-16x16/arg1.npy --output-dir=%t/binary_u8_pow2_ties.int8-16x16
// RUN: %python %S/Inputs/reference.py check binary_u8_pow2_ties %t/binary_u8_pow2_ties.int8-16x16
// RUN: rm -rf %t/binary_u8_pow2_ties.int8-256x256 && cp -r %t/binary_u8_pow2_ties %t/binary_u8_pow2_ties.int8-256x256 && rm -f %t/binary_u8_pow2_ties.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=binary_u8_pow2_ties --input=%t/binary_u8_pow2_ties.int8-256x256/arg0.npy --input=%t/binary_u8_pow2_ties.int8-256x256/arg1.npy --output-dir=%t/binary_u8_pow2_ties.int8-256x256
// RUN: %python %S/Inputs/reference.py check binary_u8_pow2_ties %t/binary_u8_pow2_ties.int8-256x256
// RUN: rm -rf %t/binary_u8_pow2_ties.bf16-128x128 && cp -r %t/binary_u8_pow2_ties %t/binary_u8_pow2_ties.bf16-128x128 && rm -f %t/binary_u8_pow2_ties.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=binary_u8_pow2_ties --input=%t/binary_u8_pow2_ties.bf16-128x128/arg0.npy --input=%t/binary_u8_pow2_ties.bf16-128x128/arg1.npy --output-dir=%t/binary_u8_pow2_ties.bf16-128x128
// RUN: %python %S/Inputs/reference.py check binary_u8_pow2_ties %t/binary_u8_pow2_ties.bf16-128x128

// Power-of-two scales: values are exact in f32 and x / s lands on .5 ties,
// which round half to even.
!lu = !quant.uniform<u8:f32, 0.5:128>
!ru = !quant.uniform<u8:f32, 0.25:100>
!addu = !quant.uniform<u8:f32, 1.0:120>
!subu = !quant.uniform<u8:f32, 1.0:130>
!mulu = !quant.uniform<u8:f32, 16.0:128>
func.func @binary_u8_pow2_ties(%a: tensor<4x1x5x!lu>, %b: tensor<3x1x!ru>) -> (tensor<4x3x5x!addu>, tensor<4x3x5x!subu>, tensor<4x3x5x!mulu>) {
  %0 = accel.add %a, %b : tensor<4x1x5x!lu>, tensor<3x1x!ru> -> tensor<4x3x5x!addu>
  %1 = accel.sub %a, %b : tensor<4x1x5x!lu>, tensor<3x1x!ru> -> tensor<4x3x5x!subu>
  %2 = accel.mul %a, %b : tensor<4x1x5x!lu>, tensor<3x1x!ru> -> tensor<4x3x5x!mulu>
  return %0, %1, %2 : tensor<4x3x5x!addu>, tensor<4x3x5x!subu>, tensor<4x3x5x!mulu>
}
