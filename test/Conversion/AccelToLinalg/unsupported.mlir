// RUN: accel-opt %s --convert-accel-to-linalg --split-input-file -verify-diagnostics

// What the CPU path cannot run is an error on the op, never a silent
// fallback (checkCPUSupported in lib/Conversion/AccelToLinalg/LoweringUtils.cpp).
// All ops are checked before anything is rewritten, one error per op.

//===----------------------------------------------------------------------===//
// Dynamic shapes
//===----------------------------------------------------------------------===//

func.func @matmul__dynamic_lhs(%a: tensor<?x16xf32>, %b: tensor<16x8xf32>) -> tensor<?x8xf32> {
  // expected-error @+1 {{'accel.matmul' op has a dynamic shape 'tensor<?x16xf32>'; the CPU path supports static shapes only}}
  %0 = accel.matmul %a, %b acc(f32) : tensor<?x16xf32>, tensor<16x8xf32> -> tensor<?x8xf32>
  return %0 : tensor<?x8xf32>
}

// -----

func.func @relu__dynamic(%x: tensor<4x?xf32>) -> tensor<4x?xf32> {
  // expected-error @+1 {{'accel.relu' op has a dynamic shape 'tensor<4x?xf32>'; the CPU path supports static shapes only}}
  %0 = accel.relu %x : tensor<4x?xf32>
  return %0 : tensor<4x?xf32>
}

// -----

func.func @dequantize__dynamic_quantized(%x: tensor<?x!quant.uniform<i8:f32, 0.1:3>>) -> tensor<?xf32> {
  // expected-error @+1 {{'accel.dequantize' op has a dynamic shape 'tensor<?x!quant.uniform<i8:f32, 1.000000e-01:3>>'; the CPU path supports static shapes only}}
  %0 = accel.dequantize %x : tensor<?x!quant.uniform<i8:f32, 0.1:3>> -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Element types
//===----------------------------------------------------------------------===//

// Operands are checked before results: the tf32 result is reported.
func.func @cast__tf32_result(%x: tensor<4xf32>) -> tensor<4xtf32> {
  // expected-error @+1 {{'accel.cast' op uses element type 'tf32', which the CPU path cannot run yet (supported floats: f32, f16, bf16)}}
  %0 = accel.cast %x : tensor<4xf32> -> tensor<4xtf32>
  return %0 : tensor<4xtf32>
}

// -----

func.func @matmul__tf32(%a: tensor<4x4xtf32>, %b: tensor<4x4xtf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{'accel.matmul' op uses element type 'tf32', which the CPU path cannot run yet (supported floats: f32, f16, bf16)}}
  %0 = accel.matmul %a, %b acc(f32) : tensor<4x4xtf32>, tensor<4x4xtf32> -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @relu__f8E4M3FN(%x: tensor<4xf8E4M3FN>) -> tensor<4xf8E4M3FN> {
  // expected-error @+1 {{'accel.relu' op uses element type 'f8E4M3FN', which the CPU path cannot run yet (supported floats: f32, f16, bf16)}}
  %0 = accel.relu %x : tensor<4xf8E4M3FN>
  return %0 : tensor<4xf8E4M3FN>
}

// -----

func.func @matmul__f8E4M3FN(%a: tensor<4x16xf8E4M3FN>, %b: tensor<16x8xf8E4M3FN>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'accel.matmul' op uses element type 'f8E4M3FN', which the CPU path cannot run yet (supported floats: f32, f16, bf16)}}
  %0 = accel.matmul %a, %b acc(f32) : tensor<4x16xf8E4M3FN>, tensor<16x8xf8E4M3FN> -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @cast__f8E5M2(%x: tensor<4xbf16>) -> tensor<4xf8E5M2> {
  // expected-error @+1 {{'accel.cast' op uses element type 'f8E5M2', which the CPU path cannot run yet (supported floats: f32, f16, bf16)}}
  %0 = accel.cast %x : tensor<4xbf16> -> tensor<4xf8E5M2>
  return %0 : tensor<4xf8E5M2>
}

// -----

// A dynamic shape is reported before the element type of the same operand.
func.func @relu__dynamic_f8(%x: tensor<?xf8E4M3FN>) -> tensor<?xf8E4M3FN> {
  // expected-error @+1 {{'accel.relu' op has a dynamic shape 'tensor<?xf8E4M3FN>'; the CPU path supports static shapes only}}
  %0 = accel.relu %x : tensor<?xf8E4M3FN>
  return %0 : tensor<?xf8E4M3FN>
}

// -----

// Every unsupported op is reported, not only the first.
func.func @several__errors(%x: tensor<4xf8E4M3FN>, %y: tensor<?xf32>, %z: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'accel.relu' op uses element type 'f8E4M3FN'}}
  %0 = accel.relu %x : tensor<4xf8E4M3FN>
  // expected-error @+1 {{'accel.relu' op has a dynamic shape 'tensor<?xf32>'}}
  %1 = accel.relu %y : tensor<?xf32>
  %2 = accel.relu %z : tensor<4xf32>
  return %2 : tensor<4xf32>
}

// -----

// Zero-size dimensions are reported rather than lowered.
func.func @matmul__empty(%a: tensor<2x0xf32>, %b: tensor<0x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'accel.matmul' op has an empty tensor 'tensor<2x0xf32>'; the CPU path does not lower zero-size dimensions}}
  %0 = accel.matmul %a, %b acc(f32) : tensor<2x0xf32>, tensor<0x4xf32> -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}
