// End-to-end tests of accel.quantize and accel.dequantize, per-tensor and
// per-axis (docs/Numerics.md §3: x / s and (q - zp) * s in f32, ties to even,
// infinities clamp).  accel-run executes each entry function on inputs
// written by Inputs/reference.py, which then checks the results bit for bit.

// RUN: rm -rf %t && mkdir -p %t

// RUN: %python %S/Inputs/reference.py gen quantize %t/quantize
// RUN: accel-run %s --target=cpu --entry=quantize --input=%t/quantize/arg0.npy --output-dir=%t/quantize
// RUN: %python %S/Inputs/reference.py check quantize %t/quantize
// RUN: rm -rf %t/quantize.int8-16x16 && cp -r %t/quantize %t/quantize.int8-16x16 && rm -f %t/quantize.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=quantize --input=%t/quantize.int8-16x16/arg0.npy --output-dir=%t/quantize.int8-16x16
// RUN: %python %S/Inputs/reference.py check quantize %t/quantize.int8-16x16
// RUN: rm -rf %t/quantize.int8-256x256 && cp -r %t/quantize %t/quantize.int8-256x256 && rm -f %t/quantize.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=quantize --input=%t/quantize.int8-256x256/arg0.npy --output-dir=%t/quantize.int8-256x256
// RUN: %python %S/Inputs/reference.py check quantize %t/quantize.int8-256x256
// RUN: rm -rf %t/quantize.bf16-128x128 && cp -r %t/quantize %t/quantize.bf16-128x128 && rm -f %t/quantize.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=quantize --input=%t/quantize.bf16-128x128/arg0.npy --output-dir=%t/quantize.bf16-128x128
// RUN: %python %S/Inputs/reference.py check quantize %t/quantize.bf16-128x128

!qt8 = !quant.uniform<i8:f32, 0.25:-3>
!qtu = !quant.uniform<u8:f32, 0.1:128>
!qax = !quant.uniform<i8:f32:1, {0.1:2, 0.25:-3, 0.5, 0.03:10}>
func.func @quantize(%x: tensor<6x4xf32>) -> (tensor<6x4x!qt8>, tensor<6x4x!qtu>, tensor<6x4x!qax>) {
  %0 = accel.quantize %x : tensor<6x4xf32> -> tensor<6x4x!qt8>
  %1 = accel.quantize %x : tensor<6x4xf32> -> tensor<6x4x!qtu>
  %2 = accel.quantize %x : tensor<6x4xf32> -> tensor<6x4x!qax>
  return %0, %1, %2 : tensor<6x4x!qt8>, tensor<6x4x!qtu>, tensor<6x4x!qax>
}

// RUN: %python %S/Inputs/reference.py gen dequantize %t/dequantize
// RUN: accel-run %s --target=cpu --entry=dequantize --input=%t/dequantize/arg0.npy --input=%t/dequantize/arg1.npy --output-dir=%t/dequantize
// RUN: %python %S/Inputs/reference.py check dequantize %t/dequantize
// RUN: rm -rf %t/dequantize.int8-16x16 && cp -r %t/dequantize %t/dequantize.int8-16x16 && rm -f %t/dequantize.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=dequantize --input=%t/dequantize.int8-16x16/arg0.npy --input=%t/dequantize.int8-16x16/arg1.npy --output-dir=%t/dequantize.int8-16x16
// RUN: %python %S/Inputs/reference.py check dequantize %t/dequantize.int8-16x16
// RUN: rm -rf %t/dequantize.int8-256x256 && cp -r %t/dequantize %t/dequantize.int8-256x256 && rm -f %t/dequantize.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=dequantize --input=%t/dequantize.int8-256x256/arg0.npy --input=%t/dequantize.int8-256x256/arg1.npy --output-dir=%t/dequantize.int8-256x256
// RUN: %python %S/Inputs/reference.py check dequantize %t/dequantize.int8-256x256
// RUN: rm -rf %t/dequantize.bf16-128x128 && cp -r %t/dequantize %t/dequantize.bf16-128x128 && rm -f %t/dequantize.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=dequantize --input=%t/dequantize.bf16-128x128/arg0.npy --input=%t/dequantize.bf16-128x128/arg1.npy --output-dir=%t/dequantize.bf16-128x128
// RUN: %python %S/Inputs/reference.py check dequantize %t/dequantize.bf16-128x128

!dq8 = !quant.uniform<i8:f32, 0.05:3>
!dqa = !quant.uniform<u8:f32:0, {0.1:128, 0.02, 0.5:255}>
func.func @dequantize(%q: tensor<6x8x!dq8>, %p: tensor<3x5x!dqa>) -> (tensor<6x8xf32>, tensor<3x5xf32>) {
  %0 = accel.dequantize %q : tensor<6x8x!dq8> -> tensor<6x8xf32>
  %1 = accel.dequantize %p : tensor<3x5x!dqa> -> tensor<3x5xf32>
  return %0, %1 : tensor<6x8xf32>, tensor<3x5xf32>
}
