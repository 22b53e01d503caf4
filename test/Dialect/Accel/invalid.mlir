// RUN: accel-opt %s -split-input-file -verify-diagnostics

// Every diagnostic of the accel op verifiers (AccelVerifiers.cpp and, for the
// tile and ISA ops, AccelTileVerifiers.cpp), at least one
// ODS type-constraint or trait failure per op, the checks of the `accel.*`
// discardable attributes (AccelDialect.cpp) and the parse errors of
// #accel.target (AccelAttrs.cpp, lib/Target/TargetJSON.cpp, validate() in
// lib/Target/TargetDesc.cpp).

//===----------------------------------------------------------------------===//
// accel.matmul: ODS and shapes
//===----------------------------------------------------------------------===//

func.func @matmul__bad_f64_operand(%a: tensor<4x4xf64>) -> tensor<4x4xf32> {
  // expected-error @+1 {{'accel.matmul' op operand #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type or tf32 type or f8E4M3FN type or f8E5M2 type or uniform quantized type or 4-bit signless integer or 8-bit signless integer or 16-bit signless integer or 32-bit signless integer values, but got 'tensor<4x4xf64>'}}
  %0 = accel.matmul %a, %a acc(f32) : tensor<4x4xf64>, tensor<4x4xf64> -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @matmul__bad_lhs_rank(%a: tensor<8xf32>, %b: tensor<8x4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'accel.matmul' op expected lhs of rank >= 2, found 'tensor<8xf32>'}}
  %0 = accel.matmul %a, %b acc(f32) : tensor<8xf32>, tensor<8x4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @matmul__bad_rhs_rank(%a: tensor<2x3x8xf32>, %b: tensor<1x2x8x4xf32>) -> tensor<2x3x4xf32> {
  // expected-error @+1 {{'accel.matmul' op expected rhs of rank 3 (batched) or 2 (shared), found 'tensor<1x2x8x4xf32>'}}
  %0 = accel.matmul %a, %b acc(f32) : tensor<2x3x8xf32>, tensor<1x2x8x4xf32> -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

func.func @matmul__bad_result_rank(%a: tensor<2x3x8xf32>, %b: tensor<8x4xf32>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'accel.matmul' op expected result of rank 3, found 'tensor<3x4xf32>'}}
  %0 = accel.matmul %a, %b acc(f32) : tensor<2x3x8xf32>, tensor<8x4xf32> -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @matmul__bad_batch_mismatch(%a: tensor<2x3x8xf32>, %b: tensor<5x8x4xf32>) -> tensor<2x3x4xf32> {
  // expected-error @+1 {{'accel.matmul' op expected lhs and rhs batch dimension 0 to agree, found 2 and 5}}
  %0 = accel.matmul %a, %b acc(f32) : tensor<2x3x8xf32>, tensor<5x8x4xf32> -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

func.func @matmul__bad_result_batch(%a: tensor<2x6x3x8xf32>, %b: tensor<8x4xf32>) -> tensor<2x7x3x4xf32> {
  // expected-error @+1 {{'accel.matmul' op expected result batch dimension 1 of 6, found 7}}
  %0 = accel.matmul %a, %b acc(f32) : tensor<2x6x3x8xf32>, tensor<8x4xf32> -> tensor<2x7x3x4xf32>
  return %0 : tensor<2x7x3x4xf32>
}

// -----

func.func @matmul__bad_k_mismatch(%a: tensor<3x8xf32>, %b: tensor<7x4xf32>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'accel.matmul' op expected lhs and rhs to agree on the reduction size K, found 8 and 7}}
  %0 = accel.matmul %a, %b acc(f32) : tensor<3x8xf32>, tensor<7x4xf32> -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// With transpose_lhs, K is the lhs's second-to-last dimension.
func.func @matmul__bad_k_mismatch_transposed(%a: tensor<8x3xf32>, %b: tensor<3x4xf32>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'accel.matmul' op expected lhs and rhs to agree on the reduction size K, found 8 and 3}}
  %0 = accel.matmul %a, %b transpose_lhs acc(f32) : tensor<8x3xf32>, tensor<3x4xf32> -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// With transpose_rhs, N is the rhs's second-to-last dimension (4, not 8).
func.func @matmul__bad_result_mn(%a: tensor<3x8xf32>, %b: tensor<4x8xf32>) -> tensor<3x8xf32> {
  // expected-error @+1 {{'accel.matmul' op expected result [..., 3, 4], found 'tensor<3x8xf32>'}}
  %0 = accel.matmul %a, %b transpose_rhs acc(f32) : tensor<3x8xf32>, tensor<4x8xf32> -> tensor<3x8xf32>
  return %0 : tensor<3x8xf32>
}

// -----

func.func @matmul__bad_bias_shape(%a: tensor<3x8xf32>, %b: tensor<8x4xf32>, %bias: tensor<3xf32>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'accel.matmul' op expected bias of shape [4], found 'tensor<3xf32>'}}
  %0 = accel.matmul %a, %b bias(%bias : tensor<3xf32>) acc(f32) : tensor<3x8xf32>, tensor<8x4xf32> -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @matmul__bad_bias_rank(%a: tensor<3x8xf32>, %b: tensor<8x4xf32>, %bias: tensor<1x4xf32>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'accel.matmul' op expected bias of shape [4], found 'tensor<1x4xf32>'}}
  %0 = accel.matmul %a, %b bias(%bias : tensor<1x4xf32>) acc(f32) : tensor<3x8xf32>, tensor<8x4xf32> -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @matmul__bad_bias_type(%a: tensor<3x8xf16>, %b: tensor<8x4xf16>, %bias: tensor<4xf16>) -> tensor<3x4xf16> {
  // expected-error @+1 {{'accel.matmul' op expected bias elements of the accumulator type 'f32', found 'f16'}}
  %0 = accel.matmul %a, %b bias(%bias : tensor<4xf16>) acc(f32) : tensor<3x8xf16>, tensor<8x4xf16> -> tensor<3x4xf16>
  return %0 : tensor<3x4xf16>
}

// -----

//===----------------------------------------------------------------------===//
// accel.matmul: float element types
//===----------------------------------------------------------------------===//

func.func @matmul__bad_mixed_floats(%a: tensor<3x8xf16>, %b: tensor<8x4xbf16>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'accel.matmul' op expected lhs and rhs of one float type, found 'f16' and 'bf16'}}
  %0 = accel.matmul %a, %b acc(f32) : tensor<3x8xf16>, tensor<8x4xbf16> -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @matmul__bad_float_integer_accumulator(%a: tensor<3x8xf16>, %b: tensor<8x4xf16>) -> tensor<3x4xf16> {
  // expected-error @+1 {{'accel.matmul' op expected an f32 accumulator for 'f16' operands, found 'i32'}}
  %0 = accel.matmul %a, %b acc(i32) : tensor<3x8xf16>, tensor<8x4xf16> -> tensor<3x4xf16>
  return %0 : tensor<3x4xf16>
}

// -----

func.func @matmul__bad_narrow_float_accumulator(%a: tensor<3x8xbf16>, %b: tensor<8x4xbf16>) -> tensor<3x4xf16> {
  // expected-error @+1 {{'accel.matmul' op expected an f32 accumulator for 'bf16' operands, found 'f16'}}
  %0 = accel.matmul %a, %b acc(f16) : tensor<3x8xbf16>, tensor<8x4xbf16> -> tensor<3x4xf16>
  return %0 : tensor<3x4xf16>
}

// -----

func.func @matmul__bad_float_result_not_float(%a: tensor<3x8xf32>, %b: tensor<8x4xf32>) -> tensor<3x4xi32> {
  // expected-error @+1 {{'accel.matmul' op expected a float result element type, found 'i32'}}
  %0 = accel.matmul %a, %b acc(f32) : tensor<3x8xf32>, tensor<8x4xf32> -> tensor<3x4xi32>
  return %0 : tensor<3x4xi32>
}

// -----

// Two fp8 formats may mix; 2 x 4 significand bits fit in bf16, but an f32
// result is wider than that accumulator.
func.func @matmul__bad_result_wider_than_accumulator(%a: tensor<3x8xf8E4M3FN>, %b: tensor<8x4xf8E5M2>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'accel.matmul' op expected an f32 accumulator for 'f8E4M3FN' operands, found 'bf16'}}
  %0 = accel.matmul %a, %b acc(bf16) : tensor<3x8xf8E4M3FN>, tensor<8x4xf8E5M2> -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

//===----------------------------------------------------------------------===//
// accel.matmul: mixing kinds, integer element types
//===----------------------------------------------------------------------===//

!qi8 = !quant.uniform<i8:f32, 0.1:3>

func.func @matmul__bad_quantized_and_float(%a: tensor<3x8x!qi8>, %b: tensor<8x4xf32>) -> tensor<3x4xi32> {
  // expected-error @+1 {{'accel.matmul' op expected lhs and rhs both quantized or both not, found '!quant.uniform<i8:f32, 1.000000e-01:3>' and 'f32'}}
  %0 = accel.matmul %a, %b acc(i32) : tensor<3x8x!qi8>, tensor<8x4xf32> -> tensor<3x4xi32>
  return %0 : tensor<3x4xi32>
}

// -----

func.func @matmul__bad_float_and_integer(%a: tensor<3x8xi8>, %b: tensor<8x4xf16>) -> tensor<3x4xi32> {
  // expected-error @+1 {{'accel.matmul' op expected lhs and rhs both float or both integer, found 'i8' and 'f16'}}
  %0 = accel.matmul %a, %b acc(i32) : tensor<3x8xi8>, tensor<8x4xf16> -> tensor<3x4xi32>
  return %0 : tensor<3x4xi32>
}

// -----

func.func @matmul__bad_integer_float_accumulator(%a: tensor<3x8xi8>, %b: tensor<8x4xi8>) -> tensor<3x4xi32> {
  // expected-error @+1 {{'accel.matmul' op expected a signless integer accumulator for integer operands, found 'f32'}}
  %0 = accel.matmul %a, %b acc(f32) : tensor<3x8xi8>, tensor<8x4xi8> -> tensor<3x4xi32>
  return %0 : tensor<3x4xi32>
}

// -----

func.func @matmul__bad_integer_signed_accumulator(%a: tensor<3x8xi8>, %b: tensor<8x4xi8>) -> tensor<3x4xi32> {
  // expected-error @+1 {{'accel.matmul' op expected a signless integer (i4 to i32) or f32 accumulator, found 'si32'}}
  %0 = accel.matmul %a, %b acc(si32) : tensor<3x8xi8>, tensor<8x4xi8> -> tensor<3x4xi32>
  return %0 : tensor<3x4xi32>
}

// -----

func.func @matmul__bad_integer_narrow_accumulator(%a: tensor<3x8xi8>, %b: tensor<8x4xi16>) -> tensor<3x4xi16> {
  // expected-error @+1 {{'accel.matmul' op expected an accumulator of at least 24 bits for 8-bit x 16-bit products, found 'i16'}}
  %0 = accel.matmul %a, %b acc(i16) : tensor<3x8xi8>, tensor<8x4xi16> -> tensor<3x4xi16>
  return %0 : tensor<3x4xi16>
}

// -----

func.func @matmul__bad_integer_result(%a: tensor<3x8xi8>, %b: tensor<8x4xi8>) -> tensor<3x4xi8> {
  // expected-error @+1 {{'accel.matmul' op expected the result element type of an integer contraction to be the accumulator type 'i32', found 'i8'}}
  %0 = accel.matmul %a, %b acc(i32) : tensor<3x8xi8>, tensor<8x4xi8> -> tensor<3x4xi8>
  return %0 : tensor<3x4xi8>
}

// -----

//===----------------------------------------------------------------------===//
// accel.matmul: quantized element types
//===----------------------------------------------------------------------===//

!qi16 = !quant.uniform<i16:f32, 0.1>
!qi8 = !quant.uniform<i8:f32, 0.1:3>

func.func @matmul__bad_lhs_storage_i16(%a: tensor<3x8x!qi16>, %b: tensor<8x4x!qi8>) -> tensor<3x4xi32> {
  // expected-error @+1 {{'accel.matmul' op expected lhs quantized storage i8, u8 or i4, found i16}}
  %0 = accel.matmul %a, %b acc(i32) : tensor<3x8x!qi16>, tensor<8x4x!qi8> -> tensor<3x4xi32>
  return %0 : tensor<3x4xi32>
}

// -----

// Unsigned 4-bit storage is not supported (i4 is).
!qi8 = !quant.uniform<i8:f32, 0.1:3>
!qu4 = !quant.uniform<u4:f32, 0.1:8>

func.func @matmul__bad_rhs_storage_u4(%a: tensor<3x8x!qi8>, %b: tensor<8x4x!qu4>) -> tensor<3x4xi32> {
  // expected-error @+1 {{'accel.matmul' op expected rhs quantized storage i8, u8 or i4, found u4}}
  %0 = accel.matmul %a, %b acc(i32) : tensor<3x8x!qi8>, tensor<8x4x!qu4> -> tensor<3x4xi32>
  return %0 : tensor<3x4xi32>
}

// -----

!qf16 = !quant.uniform<i8:f16, 0.1:3>
!qi8 = !quant.uniform<i8:f32, 0.1:3>

func.func @matmul__bad_expressed_type(%a: tensor<3x8x!qi8>, %b: tensor<8x4x!qf16>) -> tensor<3x4xi32> {
  // expected-error @+1 {{'accel.matmul' op expected rhs quantized with expressed type f32, found 'f16'}}
  %0 = accel.matmul %a, %b acc(i32) : tensor<3x8x!qi8>, tensor<8x4x!qf16> -> tensor<3x4xi32>
  return %0 : tensor<3x4xi32>
}

// -----

!qaxis = !quant.uniform<i8:f32:0, {0.1, 0.2, 0.3}>
!qi8 = !quant.uniform<i8:f32, 0.1:3>

func.func @matmul__bad_per_axis_lhs(%a: tensor<3x8x!qaxis>, %b: tensor<8x4x!qi8>) -> tensor<3x4xi32> {
  // expected-error @+1 {{'accel.matmul' op expected per-tensor quantized lhs, found per-axis '!quant.uniform<i8:f32:0, {1.000000e-01,2.000000e-01,3.000000e-01}>'}}
  %0 = accel.matmul %a, %b acc(i32) : tensor<3x8x!qaxis>, tensor<8x4x!qi8> -> tensor<3x4xi32>
  return %0 : tensor<3x4xi32>
}

// -----

// rhs is [K, N] = [4, 4]: per-channel scales must run along dimension 1.
!qaxis = !quant.uniform<i8:f32:0, {0.1, 0.2, 0.3, 0.4}>
!qi8 = !quant.uniform<i8:f32, 0.1:3>

func.func @matmul__bad_per_channel_axis(%a: tensor<3x4x!qi8>, %b: tensor<4x4x!qaxis>) -> tensor<3x4xi32> {
  // expected-error @+1 {{'accel.matmul' op expected per-channel rhs quantized along its output-channel dimension 1, found dimension 0}}
  %0 = accel.matmul %a, %b acc(i32) : tensor<3x4x!qi8>, tensor<4x4x!qaxis> -> tensor<3x4xi32>
  return %0 : tensor<3x4xi32>
}

// -----

// With transpose_rhs, rhs is [N, K] and its channels are along dimension 0.
!qaxis = !quant.uniform<i8:f32:1, {0.1, 0.2, 0.3, 0.4}>
!qi8 = !quant.uniform<i8:f32, 0.1:3>

func.func @matmul__bad_per_channel_axis_transposed(%a: tensor<3x4x!qi8>, %b: tensor<4x4x!qaxis>) -> tensor<3x4xi32> {
  // expected-error @+1 {{'accel.matmul' op expected per-channel rhs quantized along its output-channel dimension 0, found dimension 1}}
  %0 = accel.matmul %a, %b transpose_rhs acc(i32) : tensor<3x4x!qi8>, tensor<4x4x!qaxis> -> tensor<3x4xi32>
  return %0 : tensor<3x4xi32>
}

// -----

!qi4 = !quant.uniform<i4:f32, 0.1>
!qi8 = !quant.uniform<i8:f32, 0.1:3>

func.func @matmul__bad_quantized_narrow_accumulator(%a: tensor<3x8x!qi4>, %b: tensor<8x4x!qi8>) -> tensor<3x4xi8> {
  // expected-error @+1 {{'accel.matmul' op expected an accumulator of at least 13 bits for 4-bit x 8-bit zero-point-adjusted products, found 'i8'}}
  %0 = accel.matmul %a, %b acc(i8) : tensor<3x8x!qi4>, tensor<8x4x!qi8> -> tensor<3x4xi8>
  return %0 : tensor<3x4xi8>
}

// -----

!qu8 = !quant.uniform<u8:f32, 0.1:128>

func.func @matmul__bad_quantized_float_accumulator(%a: tensor<3x8x!qu8>, %b: tensor<8x4x!qu8>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'accel.matmul' op expected a signless integer accumulator for integer operands, found 'f32'}}
  %0 = accel.matmul %a, %b acc(f32) : tensor<3x8x!qu8>, tensor<8x4x!qu8> -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

!qi8 = !quant.uniform<i8:f32, 0.1:3>

func.func @matmul__bad_quantized_float_result(%a: tensor<3x8x!qi8>, %b: tensor<8x4x!qi8>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'accel.matmul' op expected the result element type to be the accumulator type 'i32' or a per-tensor !quant.uniform, found 'f32'}}
  %0 = accel.matmul %a, %b acc(i32) : tensor<3x8x!qi8>, tensor<8x4x!qi8> -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

!qi8 = !quant.uniform<i8:f32, 0.1:3>
!qaxis = !quant.uniform<i8:f32:1, {0.1, 0.2, 0.3, 0.4}>

func.func @matmul__bad_per_axis_result(%a: tensor<3x8x!qi8>, %b: tensor<8x4x!qi8>) -> tensor<3x4x!qaxis> {
  // expected-error @+1 {{'accel.matmul' op expected the result element type to be the accumulator type 'i32' or a per-tensor !quant.uniform, found '!quant.uniform<i8:f32:1, {1.000000e-01,2.000000e-01,3.000000e-01,4.000000e-01}>'}}
  %0 = accel.matmul %a, %b acc(i32) : tensor<3x8x!qi8>, tensor<8x4x!qi8> -> tensor<3x4x!qaxis>
  return %0 : tensor<3x4x!qaxis>
}

// -----

!qi8 = !quant.uniform<i8:f32, 0.1:3>
!qi32 = !quant.uniform<i32:f32, 0.01>

func.func @matmul__bad_quantized_result_wider_than_accumulator(%a: tensor<3x8x!qi8>, %b: tensor<8x4x!qi8>) -> tensor<3x4x!qi32> {
  // expected-error @+1 {{'accel.matmul' op expected an accumulator of at least 17 bits for 8-bit x 8-bit zero-point-adjusted products, found 'i16'}}
  %0 = accel.matmul %a, %b acc(i16) : tensor<3x8x!qi8>, tensor<8x4x!qi8> -> tensor<3x4x!qi32>
  return %0 : tensor<3x4x!qi32>
}

// -----

!qi8 = !quant.uniform<i8:f32, 0.1:3>
!qf16 = !quant.uniform<i8:f16, 0.5>

func.func @matmul__bad_quantized_result_expressed_type(%a: tensor<3x8x!qi8>, %b: tensor<8x4x!qi8>) -> tensor<3x4x!qf16> {
  // expected-error @+1 {{'accel.matmul' op expected the result quantized with expressed type f32, found 'f16'}}
  %0 = accel.matmul %a, %b acc(i32) : tensor<3x8x!qi8>, tensor<8x4x!qi8> -> tensor<3x4x!qf16>
  return %0 : tensor<3x4x!qf16>
}

// -----

!qi8 = !quant.uniform<i8:f32, 0.1:3>

func.func @matmul__bad_quantized_bias_type(%a: tensor<3x8x!qi8>, %b: tensor<8x4x!qi8>, %bias: tensor<4x!qi8>) -> tensor<3x4xi32> {
  // expected-error @+1 {{'accel.matmul' op expected bias elements of the accumulator type 'i32', found '!quant.uniform<i8:f32, 1.000000e-01:3>'}}
  %0 = accel.matmul %a, %b bias(%bias : tensor<4x!qi8>) acc(i32) : tensor<3x8x!qi8>, tensor<8x4x!qi8> -> tensor<3x4xi32>
  return %0 : tensor<3x4xi32>
}

// -----

// The quant parser cannot know the tensor's rank: axis 2 of a rank-2 tensor
// is caught by the accel verifier.
!qi8 = !quant.uniform<i8:f32, 0.1:3>
!qaxis = !quant.uniform<i8:f32:2, {0.1, 0.2, 0.3, 0.4}>

func.func @matmul__bad_quantized_dimension_beyond_rank(%a: tensor<3x8x!qi8>, %b: tensor<8x4x!qaxis>) -> tensor<3x4xi32> {
  // expected-error @+1 {{'accel.matmul' op expected operand #1's quantized dimension to be below its rank 2, found 2}}
  %0 = accel.matmul %a, %b acc(i32) : tensor<3x8x!qi8>, tensor<8x4x!qaxis> -> tensor<3x4xi32>
  return %0 : tensor<3x4xi32>
}

// -----

!qi8 = !quant.uniform<i8:f32, 0.1:3>
!qaxis = !quant.uniform<i8:f32:1, {0.1, 0.2, 0.3}>

func.func @matmul__bad_per_channel_scale_count(%a: tensor<3x8x!qi8>, %b: tensor<8x4x!qaxis>) -> tensor<3x4xi32> {
  // expected-error @+1 {{'accel.matmul' op expected operand #1 to have 4 per-channel scales (the size of dimension 1), found 3}}
  %0 = accel.matmul %a, %b acc(i32) : tensor<3x8x!qi8>, tensor<8x4x!qaxis> -> tensor<3x4xi32>
  return %0 : tensor<3x4xi32>
}

// -----

//===----------------------------------------------------------------------===//
// accel.conv2d
//===----------------------------------------------------------------------===//

func.func @conv2d__bad_input_rank(%x: tensor<8x8x3xf32>, %w: tensor<3x3x3x4xf32>) -> tensor<1x6x6x4xf32> {
  // expected-error @+1 {{'accel.conv2d' op operand #0 must be 4D tensor of 32-bit float or 16-bit float or bfloat16 type or tf32 type or f8E4M3FN type or f8E5M2 type or uniform quantized type or 4-bit signless integer or 8-bit signless integer or 16-bit signless integer or 32-bit signless integer values, but got 'tensor<8x8x3xf32>'}}
  %0 = accel.conv2d %x, %w acc(f32) : tensor<8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x6x6x4xf32>
  return %0 : tensor<1x6x6x4xf32>
}

// -----

func.func @conv2d__bad_strides_zero(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>) -> tensor<1x6x6x4xf32> {
  // expected-error @+1 {{'accel.conv2d' op expected strides of 2 positive values, found [1, 0]}}
  %0 = accel.conv2d %x, %w strides [1, 0] acc(f32) : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x6x6x4xf32>
  return %0 : tensor<1x6x6x4xf32>
}

// -----

func.func @conv2d__bad_strides_count(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>) -> tensor<1x6x6x4xf32> {
  // expected-error @+1 {{'accel.conv2d' op expected strides of 2 positive values, found [1, 1, 1]}}
  %0 = accel.conv2d %x, %w strides [1, 1, 1] acc(f32) : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x6x6x4xf32>
  return %0 : tensor<1x6x6x4xf32>
}

// -----

func.func @conv2d__bad_dilations(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>) -> tensor<1x6x6x4xf32> {
  // expected-error @+1 {{'accel.conv2d' op expected dilations of 2 positive values, found [-1, 1]}}
  %0 = accel.conv2d %x, %w dilations [-1, 1] acc(f32) : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x6x6x4xf32>
  return %0 : tensor<1x6x6x4xf32>
}

// -----

func.func @conv2d__bad_padding_negative(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>) -> tensor<1x6x6x4xf32> {
  // expected-error @+1 {{'accel.conv2d' op expected padding of 4 non-negative values [top, bottom, left, right], found [0, 0, -1, 1]}}
  %0 = accel.conv2d %x, %w padding [0, 0, -1, 1] acc(f32) : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x6x6x4xf32>
  return %0 : tensor<1x6x6x4xf32>
}

// -----

func.func @conv2d__bad_padding_count(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>) -> tensor<1x8x8x4xf32> {
  // expected-error @+1 {{'accel.conv2d' op expected padding of 4 non-negative values [top, bottom, left, right], found [1, 1]}}
  %0 = accel.conv2d %x, %w padding [1, 1] acc(f32) : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x8x8x4xf32>
  return %0 : tensor<1x8x8x4xf32>
}

// -----

func.func @conv2d__bad_groups_zero(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x4xf32>) -> tensor<1x6x6x4xf32> {
  // expected-error @+1 {{'accel.conv2d' op expected groups >= 1, found 0}}
  %0 = accel.conv2d %x, %w groups 0 acc(f32) : tensor<1x8x8x4xf32>, tensor<3x3x4x4xf32> -> tensor<1x6x6x4xf32>
  return %0 : tensor<1x6x6x4xf32>
}

// -----

func.func @conv2d__bad_input_channels_groups(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x1x4xf32>) -> tensor<1x6x6x4xf32> {
  // expected-error @+1 {{'accel.conv2d' op expected input channels (3) divisible by groups (2)}}
  %0 = accel.conv2d %x, %w groups 2 acc(f32) : tensor<1x8x8x3xf32>, tensor<3x3x1x4xf32> -> tensor<1x6x6x4xf32>
  return %0 : tensor<1x6x6x4xf32>
}

// -----

func.func @conv2d__bad_filter_channels_groups(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x2x3xf32>) -> tensor<1x6x6x3xf32> {
  // expected-error @+1 {{'accel.conv2d' op expected filter output channels (3) divisible by groups (2)}}
  %0 = accel.conv2d %x, %w groups 2 acc(f32) : tensor<1x8x8x4xf32>, tensor<3x3x2x3xf32> -> tensor<1x6x6x3xf32>
  return %0 : tensor<1x6x6x3xf32>
}

// -----

func.func @conv2d__bad_filter_input_channels(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x8xf32>) -> tensor<1x6x6x8xf32> {
  // expected-error @+1 {{'accel.conv2d' op expected filter dimension 2 to be input channels / groups = 2, found 4}}
  %0 = accel.conv2d %x, %w groups 2 acc(f32) : tensor<1x8x8x4xf32>, tensor<3x3x4x8xf32> -> tensor<1x6x6x8xf32>
  return %0 : tensor<1x6x6x8xf32>
}

// -----

func.func @conv2d__bad_result_batch(%x: tensor<2x8x8x3xf32>, %w: tensor<3x3x3x4xf32>) -> tensor<1x6x6x4xf32> {
  // expected-error @+1 {{'accel.conv2d' op expected result batch 2, found 1}}
  %0 = accel.conv2d %x, %w acc(f32) : tensor<2x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x6x6x4xf32>
  return %0 : tensor<1x6x6x4xf32>
}

// -----

func.func @conv2d__bad_result_channels(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>) -> tensor<1x6x6x5xf32> {
  // expected-error @+1 {{'accel.conv2d' op expected result channels equal to the filter's 4, found 5}}
  %0 = accel.conv2d %x, %w acc(f32) : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x6x6x5xf32>
  return %0 : tensor<1x6x6x5xf32>
}

// -----

// A 3x3 window at dilation 3 spans 7 rows; the input has 4 plus 1+1 padding.
func.func @conv2d__bad_window_too_large(%x: tensor<1x4x8x3xf32>, %w: tensor<3x3x3x4xf32>) -> tensor<1x1x6x4xf32> {
  // expected-error @+1 {{'accel.conv2d' op expected the window to fit the padded input along height: window 3 (dilation 3) over input 4 with padding 1+1}}
  %0 = accel.conv2d %x, %w padding [1, 1, 1, 1] dilations [3, 1] acc(f32) : tensor<1x4x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x1x6x4xf32>
  return %0 : tensor<1x1x6x4xf32>
}

// -----

func.func @conv2d__bad_window_too_wide(%x: tensor<1x8x2x3xf32>, %w: tensor<3x3x3x4xf32>) -> tensor<1x6x1x4xf32> {
  // expected-error @+1 {{'accel.conv2d' op expected the window to fit the padded input along width: window 3 (dilation 1) over input 2 with padding 0+0}}
  %0 = accel.conv2d %x, %w acc(f32) : tensor<1x8x2x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x6x1x4xf32>
  return %0 : tensor<1x6x1x4xf32>
}

// -----

// (8 + 1 + 1 - 3) / 2 + 1 = 4 rows.
func.func @conv2d__bad_output_height(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>) -> tensor<1x5x4x4xf32> {
  // expected-error @+1 {{'accel.conv2d' op expected output height of 4, found 5}}
  %0 = accel.conv2d %x, %w strides [2, 2] padding [1, 1, 1, 1] acc(f32) : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x5x4x4xf32>
  return %0 : tensor<1x5x4x4xf32>
}

// -----

// (8 - 2 * (3 - 1) - 1) / 1 + 1 = 4 columns at dilation 2.
func.func @conv2d__bad_output_width(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>) -> tensor<1x6x6x4xf32> {
  // expected-error @+1 {{'accel.conv2d' op expected output width of 4, found 6}}
  %0 = accel.conv2d %x, %w dilations [1, 2] acc(f32) : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x6x6x4xf32>
  return %0 : tensor<1x6x6x4xf32>
}

// -----

func.func @conv2d__bad_bias_shape(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %b: tensor<3xf32>) -> tensor<1x6x6x4xf32> {
  // expected-error @+1 {{'accel.conv2d' op expected bias of shape [4], found 'tensor<3xf32>'}}
  %0 = accel.conv2d %x, %w bias(%b : tensor<3xf32>) acc(f32) : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x6x6x4xf32>
  return %0 : tensor<1x6x6x4xf32>
}

// -----

func.func @conv2d__bad_bias_type(%x: tensor<1x8x8x3xbf16>, %w: tensor<3x3x3x4xbf16>, %b: tensor<4xbf16>) -> tensor<1x6x6x4xbf16> {
  // expected-error @+1 {{'accel.conv2d' op expected bias elements of the accumulator type 'f32', found 'bf16'}}
  %0 = accel.conv2d %x, %w bias(%b : tensor<4xbf16>) acc(f32) : tensor<1x8x8x3xbf16>, tensor<3x3x3x4xbf16> -> tensor<1x6x6x4xbf16>
  return %0 : tensor<1x6x6x4xbf16>
}

// -----

func.func @conv2d__bad_mixed_floats(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf16>) -> tensor<1x6x6x4xf32> {
  // expected-error @+1 {{'accel.conv2d' op expected input and filter of one float type, found 'f32' and 'f16'}}
  %0 = accel.conv2d %x, %w acc(f32) : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf16> -> tensor<1x6x6x4xf32>
  return %0 : tensor<1x6x6x4xf32>
}

// -----

!qi8 = !quant.uniform<i8:f32, 0.1:3>

func.func @conv2d__bad_quantized_and_float(%x: tensor<1x8x8x3x!qi8>, %w: tensor<3x3x3x4xf32>) -> tensor<1x6x6x4xi32> {
  // expected-error @+1 {{'accel.conv2d' op expected input and filter both quantized or both not, found '!quant.uniform<i8:f32, 1.000000e-01:3>' and 'f32'}}
  %0 = accel.conv2d %x, %w acc(i32) : tensor<1x8x8x3x!qi8>, tensor<3x3x3x4xf32> -> tensor<1x6x6x4xi32>
  return %0 : tensor<1x6x6x4xi32>
}

// -----

// Filters are [KH, KW, C, F]: per-channel scales must run along dimension 3.
!qi8 = !quant.uniform<i8:f32, 0.1:3>
!qaxis = !quant.uniform<i8:f32:2, {0.1, 0.2, 0.3}>

func.func @conv2d__bad_per_channel_axis(%x: tensor<1x8x8x3x!qi8>, %w: tensor<3x3x3x4x!qaxis>) -> tensor<1x6x6x4xi32> {
  // expected-error @+1 {{'accel.conv2d' op expected per-channel filter quantized along its output-channel dimension 3, found dimension 2}}
  %0 = accel.conv2d %x, %w acc(i32) : tensor<1x8x8x3x!qi8>, tensor<3x3x3x4x!qaxis> -> tensor<1x6x6x4xi32>
  return %0 : tensor<1x6x6x4xi32>
}

// -----

!qaxis = !quant.uniform<i8:f32:3, {0.1, 0.2, 0.3}>
!qi8 = !quant.uniform<i8:f32, 0.1:3>

func.func @conv2d__bad_per_axis_input(%x: tensor<1x8x8x3x!qaxis>, %w: tensor<3x3x3x4x!qi8>) -> tensor<1x6x6x4xi32> {
  // expected-error @+1 {{'accel.conv2d' op expected per-tensor quantized input, found per-axis '!quant.uniform<i8:f32:3, {1.000000e-01,2.000000e-01,3.000000e-01}>'}}
  %0 = accel.conv2d %x, %w acc(i32) : tensor<1x8x8x3x!qaxis>, tensor<3x3x3x4x!qi8> -> tensor<1x6x6x4xi32>
  return %0 : tensor<1x6x6x4xi32>
}

// -----

!qi8 = !quant.uniform<i8:f32, 0.1:3>
!qaxis = !quant.uniform<i8:f32:3, {0.1, 0.2, 0.3, 0.4, 0.5}>

func.func @conv2d__bad_per_channel_scale_count(%x: tensor<1x8x8x3x!qi8>, %w: tensor<3x3x3x4x!qaxis>) -> tensor<1x6x6x4xi32> {
  // expected-error @+1 {{'accel.conv2d' op expected operand #1 to have 4 per-channel scales (the size of dimension 3), found 5}}
  %0 = accel.conv2d %x, %w acc(i32) : tensor<1x8x8x3x!qi8>, tensor<3x3x3x4x!qaxis> -> tensor<1x6x6x4xi32>
  return %0 : tensor<1x6x6x4xi32>
}

// -----

!qi8 = !quant.uniform<i8:f32, 0.1:3>

func.func @conv2d__bad_quantized_narrow_accumulator(%x: tensor<1x8x8x3x!qi8>, %w: tensor<3x3x3x4x!qi8>) -> tensor<1x6x6x4xi8> {
  // expected-error @+1 {{'accel.conv2d' op expected an accumulator of at least 17 bits for 8-bit x 8-bit zero-point-adjusted products, found 'i8'}}
  %0 = accel.conv2d %x, %w acc(i8) : tensor<1x8x8x3x!qi8>, tensor<3x3x3x4x!qi8> -> tensor<1x6x6x4xi8>
  return %0 : tensor<1x6x6x4xi8>
}

// -----

//===----------------------------------------------------------------------===//
// accel.relu
//===----------------------------------------------------------------------===//

func.func @relu__bad_integer_operand(%x: tensor<4xi8>) -> tensor<4xi8> {
  // expected-error @+1 {{'accel.relu' op operand #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type or tf32 type or f8E4M3FN type or f8E5M2 type or uniform quantized type values, but got 'tensor<4xi8>'}}
  %0 = accel.relu %x : tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @relu__bad_result_type(%x: tensor<4xf32>) -> tensor<4xf16> {
  // expected-error @+1 {{'accel.relu' op requires the same type for all operands and results}}
  %0 = "accel.relu"(%x) : (tensor<4xf32>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

//===----------------------------------------------------------------------===//
// accel.clamp
//===----------------------------------------------------------------------===//

func.func @clamp__bad_min_above_max(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'accel.clamp' op expected min <= max, found min 6.000000e+00 and max 1.000000e+00}}
  %0 = accel.clamp %x min 6.0 max 1.0 : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @clamp__bad_nan_bound(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'accel.clamp' op expected min <= max, found min nan and max 1.000000e+00}}
  %0 = accel.clamp %x min 0x7FF8000000000000 max 1.0 : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

!qaxis = !quant.uniform<i8:f32:1, {0.1, 0.2}>

func.func @clamp__bad_per_channel_scale_count(%x: tensor<4x3x!qaxis>) -> tensor<4x3x!qaxis> {
  // expected-error @+1 {{'accel.clamp' op expected operand #0 to have 3 per-channel scales (the size of dimension 1), found 2}}
  %0 = accel.clamp %x min 0.0 max 6.0 : tensor<4x3x!qaxis>
  return %0 : tensor<4x3x!qaxis>
}

// -----

func.func @clamp__bad_integer_operand(%x: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{'accel.clamp' op operand #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type or tf32 type or f8E4M3FN type or f8E5M2 type or uniform quantized type values, but got 'tensor<4xi32>'}}
  %0 = accel.clamp %x min 0.0 max 6.0 : tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @clamp__bad_result_type(%x: tensor<4xf32>) -> tensor<4xbf16> {
  // expected-error @+1 {{'accel.clamp' op requires the same type for all operands and results}}
  %0 = "accel.clamp"(%x) <{min = 0.0 : f64, max = 6.0 : f64}> : (tensor<4xf32>) -> tensor<4xbf16>
  return %0 : tensor<4xbf16>
}

// -----

//===----------------------------------------------------------------------===//
// accel.add / accel.sub / accel.mul
//===----------------------------------------------------------------------===//

func.func @add__bad_broadcast(%a: tensor<4x3xf32>, %b: tensor<4xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{'accel.add' op operands don't have broadcast-compatible shapes}}
  %0 = accel.add %a, %b : tensor<4x3xf32>, tensor<4xf32> -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @add__bad_integer_operands(%a: tensor<4xi32>, %b: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{'accel.add' op operand #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type or tf32 type or f8E4M3FN type or f8E5M2 type or uniform quantized type values, but got 'tensor<4xi32>'}}
  %0 = accel.add %a, %b : tensor<4xi32>, tensor<4xi32> -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @add__bad_mixed_floats(%a: tensor<4xf32>, %b: tensor<4xf16>) -> tensor<4xf32> {
  // expected-error @+1 {{'accel.add' op expected one element type for operands and result, found 'f32', 'f16' and 'f32'}}
  %0 = accel.add %a, %b : tensor<4xf32>, tensor<4xf16> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

!qi8 = !quant.uniform<i8:f32, 0.1:3>

func.func @add__bad_quantized_and_float(%a: tensor<4x!qi8>, %b: tensor<4xf32>) -> tensor<4x!qi8> {
  // expected-error @+1 {{'accel.add' op expected operands and result all quantized or all float, found '!quant.uniform<i8:f32, 1.000000e-01:3>', 'f32' and '!quant.uniform<i8:f32, 1.000000e-01:3>'}}
  %0 = accel.add %a, %b : tensor<4x!qi8>, tensor<4xf32> -> tensor<4x!qi8>
  return %0 : tensor<4x!qi8>
}

// -----

!qi8 = !quant.uniform<i8:f32, 0.1:3>
!qi4 = !quant.uniform<i4:f32, 0.5>

func.func @add__bad_storage_mismatch(%a: tensor<4x!qi8>, %b: tensor<4x!qi4>) -> tensor<4x!qi8> {
  // expected-error @+1 {{'accel.add' op expected rhs storage i8 like lhs, found i4}}
  %0 = accel.add %a, %b : tensor<4x!qi8>, tensor<4x!qi4> -> tensor<4x!qi8>
  return %0 : tensor<4x!qi8>
}

// -----

// u8 and i8 differ only in signedness; the message currently prints both
// storage types as 'i8' (update this line when the message names u8).
!qi8 = !quant.uniform<i8:f32, 0.1:3>
!qu8 = !quant.uniform<u8:f32, 0.1:128>

func.func @add__bad_storage_signedness(%a: tensor<4x!qi8>, %b: tensor<4x!qi8>) -> tensor<4x!qu8> {
  // expected-error @+1 {{'accel.add' op expected result storage i8 like lhs, found u8}}
  %0 = accel.add %a, %b : tensor<4x!qi8>, tensor<4x!qi8> -> tensor<4x!qu8>
  return %0 : tensor<4x!qu8>
}

// -----

!qi8 = !quant.uniform<i8:f32, 0.1:3>
!qaxis = !quant.uniform<i8:f32:0, {0.1, 0.2, 0.3, 0.4}>

func.func @add__bad_per_axis_lhs(%a: tensor<4x!qaxis>, %b: tensor<4x!qi8>) -> tensor<4x!qi8> {
  // expected-error @+1 {{'accel.add' op expected per-tensor quantized lhs, found '!quant.uniform<i8:f32:0, {1.000000e-01,2.000000e-01,3.000000e-01,4.000000e-01}>'}}
  %0 = accel.add %a, %b : tensor<4x!qaxis>, tensor<4x!qi8> -> tensor<4x!qi8>
  return %0 : tensor<4x!qi8>
}

// -----

func.func @sub__bad_result_shape(%a: tensor<4x1xf32>, %b: tensor<1x3xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{'accel.sub' op result type '4x4' not broadcast compatible with broadcasted operands's shapes '4x3'}}
  %0 = accel.sub %a, %b : tensor<4x1xf32>, tensor<1x3xf32> -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @sub__bad_result_element_type(%a: tensor<4xbf16>, %b: tensor<4xbf16>) -> tensor<4xf32> {
  // expected-error @+1 {{'accel.sub' op expected one element type for operands and result, found 'bf16', 'bf16' and 'f32'}}
  %0 = accel.sub %a, %b : tensor<4xbf16>, tensor<4xbf16> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

!qi8 = !quant.uniform<i8:f32, 0.1:3>
!qaxis = !quant.uniform<i8:f32:0, {0.1, 0.2, 0.3, 0.4}>

func.func @sub__bad_per_axis_rhs(%a: tensor<4x!qi8>, %b: tensor<4x!qaxis>) -> tensor<4x!qi8> {
  // expected-error @+1 {{'accel.sub' op expected per-tensor quantized rhs, found '!quant.uniform<i8:f32:0, {1.000000e-01,2.000000e-01,3.000000e-01,4.000000e-01}>'}}
  %0 = accel.sub %a, %b : tensor<4x!qi8>, tensor<4x!qaxis> -> tensor<4x!qi8>
  return %0 : tensor<4x!qi8>
}

// -----

func.func @mul__bad_broadcast(%a: tensor<2x3xf32>, %b: tensor<3x3xf32>) -> tensor<3x3xf32> {
  // expected-error @+1 {{'accel.mul' op operands don't have broadcast-compatible shapes}}
  %0 = accel.mul %a, %b : tensor<2x3xf32>, tensor<3x3xf32> -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// -----

!qi8 = !quant.uniform<i8:f32, 0.1:3>
!qaxis = !quant.uniform<i8:f32:0, {0.1, 0.2, 0.3, 0.4}>

func.func @mul__bad_per_axis_result(%a: tensor<4x!qi8>, %b: tensor<4x!qi8>) -> tensor<4x!qaxis> {
  // expected-error @+1 {{'accel.mul' op expected per-tensor quantized result, found '!quant.uniform<i8:f32:0, {1.000000e-01,2.000000e-01,3.000000e-01,4.000000e-01}>'}}
  %0 = accel.mul %a, %b : tensor<4x!qi8>, tensor<4x!qi8> -> tensor<4x!qaxis>
  return %0 : tensor<4x!qaxis>
}

// -----

!qi8 = !quant.uniform<i8:f32, 0.1:3>

func.func @mul__bad_float_result(%a: tensor<4x!qi8>, %b: tensor<4x!qi8>) -> tensor<4xf32> {
  // expected-error @+1 {{'accel.mul' op expected operands and result all quantized or all float, found '!quant.uniform<i8:f32, 1.000000e-01:3>', '!quant.uniform<i8:f32, 1.000000e-01:3>' and 'f32'}}
  %0 = accel.mul %a, %b : tensor<4x!qi8>, tensor<4x!qi8> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

//===----------------------------------------------------------------------===//
// accel.max_pool2d / accel.avg_pool2d
//===----------------------------------------------------------------------===//

func.func @max_pool2d__bad_input_rank(%x: tensor<8x8x4xf32>) -> tensor<1x4x4x4xf32> {
  // expected-error @+1 {{'accel.max_pool2d' op operand #0 must be 4D tensor of 32-bit float or 16-bit float or bfloat16 type or tf32 type or f8E4M3FN type or f8E5M2 type or uniform quantized type values, but got 'tensor<8x8x4xf32>'}}
  %0 = accel.max_pool2d %x window [2, 2] strides [2, 2] : tensor<8x8x4xf32> -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

func.func @max_pool2d__bad_window_count(%x: tensor<1x8x8x4xf32>) -> tensor<1x4x4x4xf32> {
  // expected-error @+1 {{'accel.max_pool2d' op expected window of 2 positive values, found [2]}}
  %0 = accel.max_pool2d %x window [2] strides [2, 2] : tensor<1x8x8x4xf32> -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

func.func @max_pool2d__bad_window_zero(%x: tensor<1x8x8x4xf32>) -> tensor<1x4x4x4xf32> {
  // expected-error @+1 {{'accel.max_pool2d' op expected window of 2 positive values, found [0, 2]}}
  %0 = accel.max_pool2d %x window [0, 2] strides [2, 2] : tensor<1x8x8x4xf32> -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

func.func @max_pool2d__bad_strides(%x: tensor<1x8x8x4xf32>) -> tensor<1x4x4x4xf32> {
  // expected-error @+1 {{'accel.max_pool2d' op expected strides of 2 positive values, found [2, 0]}}
  %0 = accel.max_pool2d %x window [2, 2] strides [2, 0] : tensor<1x8x8x4xf32> -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

func.func @max_pool2d__bad_padding_count(%x: tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32> {
  // expected-error @+1 {{'accel.max_pool2d' op expected padding of 4 non-negative values [top, bottom, left, right], found [1, 1, 1]}}
  %0 = accel.max_pool2d %x window [3, 3] padding [1, 1, 1] : tensor<1x8x8x4xf32> -> tensor<1x8x8x4xf32>
  return %0 : tensor<1x8x8x4xf32>
}

// -----

func.func @max_pool2d__bad_padding_not_below_window(%x: tensor<1x8x8x4xf32>) -> tensor<1x9x9x4xf32> {
  // expected-error @+1 {{'accel.max_pool2d' op expected each padding smaller than the window [2, 2], found [0, 2, 0, 0]}}
  %0 = accel.max_pool2d %x window [2, 2] padding [0, 2, 0, 0] : tensor<1x8x8x4xf32> -> tensor<1x9x9x4xf32>
  return %0 : tensor<1x9x9x4xf32>
}

// -----

func.func @max_pool2d__bad_result_element_type(%x: tensor<1x8x8x4xf32>) -> tensor<1x4x4x4xf16> {
  // expected-error @+1 {{'accel.max_pool2d' op expected result element type 'f32', found 'f16'}}
  %0 = accel.max_pool2d %x window [2, 2] strides [2, 2] : tensor<1x8x8x4xf32> -> tensor<1x4x4x4xf16>
  return %0 : tensor<1x4x4x4xf16>
}

// -----

func.func @max_pool2d__bad_result_batch(%x: tensor<2x8x8x4xf32>) -> tensor<1x4x4x4xf32> {
  // expected-error @+1 {{'accel.max_pool2d' op expected result dimension 0 of 2, found 1}}
  %0 = accel.max_pool2d %x window [2, 2] strides [2, 2] : tensor<2x8x8x4xf32> -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

func.func @max_pool2d__bad_window_too_large(%x: tensor<1x2x8x4xf32>) -> tensor<1x1x8x4xf32> {
  // expected-error @+1 {{'accel.max_pool2d' op expected the window to fit the padded input along height: window 3 (dilation 1) over input 2 with padding 0+0}}
  %0 = accel.max_pool2d %x window [3, 1] : tensor<1x2x8x4xf32> -> tensor<1x1x8x4xf32>
  return %0 : tensor<1x1x8x4xf32>
}

// -----

// (8 - 2) / 2 + 1 = 4 rows.
func.func @max_pool2d__bad_output_height(%x: tensor<1x8x8x4xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{'accel.max_pool2d' op expected output height of 4, found 8}}
  %0 = accel.max_pool2d %x window [2, 2] strides [2, 2] : tensor<1x8x8x4xf32> -> tensor<1x8x4x4xf32>
  return %0 : tensor<1x8x4x4xf32>
}

// -----

func.func @avg_pool2d__bad_input_rank(%x: tensor<1x1x8x8x4xf32>) -> tensor<1x8x8x4xf32> {
  // expected-error @+1 {{'accel.avg_pool2d' op operand #0 must be 4D tensor of 32-bit float or 16-bit float or bfloat16 type or tf32 type or f8E4M3FN type or f8E5M2 type or uniform quantized type values, but got 'tensor<1x1x8x8x4xf32>'}}
  %0 = accel.avg_pool2d %x window [3, 3] : tensor<1x1x8x8x4xf32> -> tensor<1x8x8x4xf32>
  return %0 : tensor<1x8x8x4xf32>
}

// -----

func.func @avg_pool2d__bad_padding_negative(%x: tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32> {
  // expected-error @+1 {{'accel.avg_pool2d' op expected padding of 4 non-negative values [top, bottom, left, right], found [1, 1, -1, 3]}}
  %0 = accel.avg_pool2d %x window [3, 3] padding [1, 1, -1, 3] count_include_pad : tensor<1x8x8x4xf32> -> tensor<1x8x8x4xf32>
  return %0 : tensor<1x8x8x4xf32>
}

// -----

func.func @avg_pool2d__bad_padding_not_below_window(%x: tensor<1x8x8x4xf32>) -> tensor<1x8x10x4xf32> {
  // expected-error @+1 {{'accel.avg_pool2d' op expected each padding smaller than the window [3, 3], found [1, 1, 3, 1]}}
  %0 = accel.avg_pool2d %x window [3, 3] padding [1, 1, 3, 1] : tensor<1x8x8x4xf32> -> tensor<1x8x10x4xf32>
  return %0 : tensor<1x8x10x4xf32>
}

// -----

func.func @avg_pool2d__bad_result_channels(%x: tensor<1x8x8x4xf32>) -> tensor<1x6x6x3xf32> {
  // expected-error @+1 {{'accel.avg_pool2d' op expected result dimension 3 of 4, found 3}}
  %0 = accel.avg_pool2d %x window [3, 3] : tensor<1x8x8x4xf32> -> tensor<1x6x6x3xf32>
  return %0 : tensor<1x6x6x3xf32>
}

// -----

!qi8 = !quant.uniform<i8:f32, 0.1:3>
!qu8 = !quant.uniform<u8:f32, 0.1:128>

func.func @avg_pool2d__bad_result_element_type(%x: tensor<1x8x8x4x!qi8>) -> tensor<1x6x6x4x!qu8> {
  // expected-error @+1 {{'accel.avg_pool2d' op expected result element type '!quant.uniform<i8:f32, 1.000000e-01:3>', found '!quant.uniform<u8:f32, 1.000000e-01:128>'}}
  %0 = accel.avg_pool2d %x window [3, 3] : tensor<1x8x8x4x!qi8> -> tensor<1x6x6x4x!qu8>
  return %0 : tensor<1x6x6x4x!qu8>
}

// -----

func.func @avg_pool2d__bad_window_too_wide(%x: tensor<1x8x2x4xf32>) -> tensor<1x6x1x4xf32> {
  // expected-error @+1 {{'accel.avg_pool2d' op expected the window to fit the padded input along width: window 4 (dilation 1) over input 2 with padding 1+0}}
  %0 = accel.avg_pool2d %x window [3, 4] padding [0, 0, 1, 0] : tensor<1x8x2x4xf32> -> tensor<1x6x1x4xf32>
  return %0 : tensor<1x6x1x4xf32>
}

// -----

// (8 + 1 + 1 - 3) / 2 + 1 = 4 columns.
func.func @avg_pool2d__bad_output_width(%x: tensor<1x8x8x4xf32>) -> tensor<1x4x5x4xf32> {
  // expected-error @+1 {{'accel.avg_pool2d' op expected output width of 4, found 5}}
  %0 = accel.avg_pool2d %x window [3, 3] strides [2, 2] padding [1, 1, 1, 1] : tensor<1x8x8x4xf32> -> tensor<1x4x5x4xf32>
  return %0 : tensor<1x4x5x4xf32>
}

// -----

!qaxis = !quant.uniform<i8:f32:3, {0.1, 0.2, 0.3}>

func.func @avg_pool2d__bad_per_channel_scale_count(%x: tensor<1x8x8x4x!qaxis>) -> tensor<1x6x6x4x!qaxis> {
  // expected-error @+1 {{'accel.avg_pool2d' op expected operand #0 to have 4 per-channel scales (the size of dimension 3), found 3}}
  %0 = accel.avg_pool2d %x window [3, 3] : tensor<1x8x8x4x!qaxis> -> tensor<1x6x6x4x!qaxis>
  return %0 : tensor<1x6x6x4x!qaxis>
}

// -----

//===----------------------------------------------------------------------===//
// accel.quantize / accel.dequantize / accel.requantize / accel.cast
//===----------------------------------------------------------------------===//

func.func @quantize__bad_float_result(%x: tensor<4xf32>) -> tensor<4xi8> {
  // expected-error @+1 {{'accel.quantize' op result #0 must be ranked tensor of uniform quantized type values, but got 'tensor<4xi8>'}}
  %0 = accel.quantize %x : tensor<4xf32> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

!qi8 = !quant.uniform<i8:f32, 0.1:3>

func.func @quantize__bad_shape(%x: tensor<4xf32>) -> tensor<3x!qi8> {
  // expected-error @+1 {{'accel.quantize' op all non-scalar operands/results must have the same shape and base type}}
  %0 = accel.quantize %x : tensor<4xf32> -> tensor<3x!qi8>
  return %0 : tensor<3x!qi8>
}

// -----

!qi8 = !quant.uniform<i8:f32, 0.1:3>

func.func @quantize__bad_operand_type(%x: tensor<4xf16>) -> tensor<4x!qi8> {
  // expected-error @+1 {{'accel.quantize' op expected operand elements of the result's expressed type 'f32', found 'f16'}}
  %0 = accel.quantize %x : tensor<4xf16> -> tensor<4x!qi8>
  return %0 : tensor<4x!qi8>
}

// -----

!qaxis = !quant.uniform<i8:f32:1, {0.1, 0.2}>

func.func @quantize__bad_quantized_dimension_beyond_rank(%x: tensor<2xf32>) -> tensor<2x!qaxis> {
  // expected-error @+1 {{'accel.quantize' op expected the result's quantized dimension to be below its rank 1, found 1}}
  %0 = accel.quantize %x : tensor<2xf32> -> tensor<2x!qaxis>
  return %0 : tensor<2x!qaxis>
}

// -----

!qaxis = !quant.uniform<i8:f32:0, {0.1, 0.2}>

func.func @quantize__bad_per_channel_scale_count(%x: tensor<3x2xf32>) -> tensor<3x2x!qaxis> {
  // expected-error @+1 {{'accel.quantize' op expected the result to have 3 per-channel scales (the size of dimension 0), found 2}}
  %0 = accel.quantize %x : tensor<3x2xf32> -> tensor<3x2x!qaxis>
  return %0 : tensor<3x2x!qaxis>
}

// -----

func.func @dequantize__bad_float_operand(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'accel.dequantize' op operand #0 must be ranked tensor of uniform quantized type values, but got 'tensor<4xf32>'}}
  %0 = accel.dequantize %x : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

!qi8 = !quant.uniform<i8:f32, 0.1:3>

func.func @dequantize__bad_shape(%x: tensor<2x4x!qi8>) -> tensor<8xf32> {
  // expected-error @+1 {{'accel.dequantize' op all non-scalar operands/results must have the same shape and base type}}
  %0 = accel.dequantize %x : tensor<2x4x!qi8> -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

!qi8 = !quant.uniform<i8:f32, 0.1:3>

func.func @dequantize__bad_result_type(%x: tensor<4x!qi8>) -> tensor<4xbf16> {
  // expected-error @+1 {{'accel.dequantize' op expected result elements of the operand's expressed type 'f32', found 'bf16'}}
  %0 = accel.dequantize %x : tensor<4x!qi8> -> tensor<4xbf16>
  return %0 : tensor<4xbf16>
}

// -----

!qaxis = !quant.uniform<i8:f32:0, {0.1, 0.2, 0.3}>

func.func @dequantize__bad_per_channel_scale_count(%x: tensor<4x!qaxis>) -> tensor<4xf32> {
  // expected-error @+1 {{'accel.dequantize' op expected operand #0 to have 4 per-channel scales (the size of dimension 0), found 3}}
  %0 = accel.dequantize %x : tensor<4x!qaxis> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

!qi8 = !quant.uniform<i8:f32, 0.1:3>

func.func @requantize__bad_float_operand(%x: tensor<4xf32>) -> tensor<4x!qi8> {
  // expected-error @+1 {{'accel.requantize' op operand #0 must be ranked tensor of uniform quantized type values, but got 'tensor<4xf32>'}}
  %0 = accel.requantize %x : tensor<4xf32> -> tensor<4x!qi8>
  return %0 : tensor<4x!qi8>
}

// -----

!qi32 = !quant.uniform<i32:f32, 0.001>
!qi8 = !quant.uniform<i8:f32, 0.1:3>

func.func @requantize__bad_shape(%x: tensor<4x!qi32>) -> tensor<4x1x!qi8> {
  // expected-error @+1 {{'accel.requantize' op all non-scalar operands/results must have the same shape and base type}}
  %0 = accel.requantize %x : tensor<4x!qi32> -> tensor<4x1x!qi8>
  return %0 : tensor<4x1x!qi8>
}

// -----

!qi32 = !quant.uniform<i32:f32, 0.001>
!qf16 = !quant.uniform<i8:f16, 0.1:3>

func.func @requantize__bad_expressed_type(%x: tensor<4x!qi32>) -> tensor<4x!qf16> {
  // expected-error @+1 {{'accel.requantize' op expected operand and result with one expressed type, found 'f32' and 'f16'}}
  %0 = accel.requantize %x : tensor<4x!qi32> -> tensor<4x!qf16>
  return %0 : tensor<4x!qf16>
}

// -----

!qi32 = !quant.uniform<i32:f32, 0.001>
!qaxis = !quant.uniform<i8:f32:0, {0.1, 0.2, 0.3, 0.4}>

func.func @requantize__bad_per_axis_result(%x: tensor<4x!qi32>) -> tensor<4x!qaxis> {
  // expected-error @+1 {{'accel.requantize' op expected a per-tensor quantized result, found '!quant.uniform<i8:f32:0, {1.000000e-01,2.000000e-01,3.000000e-01,4.000000e-01}>'}}
  %0 = accel.requantize %x : tensor<4x!qi32> -> tensor<4x!qaxis>
  return %0 : tensor<4x!qaxis>
}

// -----

// A per-axis input is allowed, but its axis must exist.
!qaxis = !quant.uniform<i32:f32:2, {0.001, 0.002, 0.003, 0.004}>
!qi8 = !quant.uniform<i8:f32, 0.1:3>

func.func @requantize__bad_quantized_dimension_beyond_rank(%x: tensor<2x4x!qaxis>) -> tensor<2x4x!qi8> {
  // expected-error @+1 {{'accel.requantize' op expected operand #0's quantized dimension to be below its rank 2, found 2}}
  %0 = accel.requantize %x : tensor<2x4x!qaxis> -> tensor<2x4x!qi8>
  return %0 : tensor<2x4x!qi8>
}

// -----

func.func @cast__bad_integer_result(%x: tensor<4xf32>) -> tensor<4xi8> {
  // expected-error @+1 {{'accel.cast' op result #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type or tf32 type or f8E4M3FN type or f8E5M2 type values, but got 'tensor<4xi8>'}}
  %0 = accel.cast %x : tensor<4xf32> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @cast__bad_shape(%x: tensor<4x8xf32>) -> tensor<8x4xbf16> {
  // expected-error @+1 {{'accel.cast' op all non-scalar operands/results must have the same shape and base type}}
  %0 = accel.cast %x : tensor<4x8xf32> -> tensor<8x4xbf16>
  return %0 : tensor<8x4xbf16>
}

// -----

//===----------------------------------------------------------------------===//
// accel.* discardable attributes (AccelDialect::verifyOperationAttribute)
//===----------------------------------------------------------------------===//

// The name is currently printed as a quoted StringAttr inside the quotes.
// expected-error @+1 {{unknown accel attribute 'accel.targets'}}
module @attr__bad_unknown_name attributes {accel.targets = #accel.target<name = "cpu", kind = cpu>} {}

// -----

module @target__bad_not_on_module {
  // expected-error @+1 {{'accel.target' belongs on a builtin.module, found it on 'func.func'}}
  func.func @f() attributes {accel.target = #accel.target<name = "cpu", kind = cpu>} {
    return
  }
}

// -----

// expected-error @+1 {{'accel.target' must be an #accel.target, found "cpu"}}
module @target__bad_not_a_target attributes {accel.target = "cpu"} {}

// -----

func.func @placement__bad_value(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'accel.placement' must be "accelerator" or "host", found "gpu"}}
  %0 = accel.relu %x {accel.placement = "gpu"} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @placement__bad_not_a_string(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'accel.placement' must be "accelerator" or "host", found 1 : i32}}
  %0 = accel.relu %x {accel.placement = 1 : i32} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @kernel__bad_on_an_op(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'accel.kernel' must be a unit attribute on a function}}
  %0 = accel.relu %x {accel.kernel} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// expected-error @+1 {{'accel.kernel' must be a unit attribute on a function}}
module @kernel__bad_on_a_module attributes {accel.kernel} {}

// -----

// expected-error @+1 {{'accel.kernel' must be a unit attribute on a function}}
func.func private @kernel__bad_not_unit() attributes {accel.kernel = true}

// -----

//===----------------------------------------------------------------------===//
// accel.launch / accel.host_to_device / accel.device_to_host
// (LaunchOp::verifySymbolUses, ODS traits)
//===----------------------------------------------------------------------===//

func.func @launch__bad_missing_symbol(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'accel.launch' op expected 'nowhere' to name a func.func or accel.binary, found none}}
  %0 = accel.launch @nowhere(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// A symbol that is not a func.func is reported like a missing one.
memref.global "private" @not_a_function : memref<4xf32>

func.func @launch__bad_symbol_not_a_function(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'accel.launch' op expected 'not_a_function' to name a func.func or accel.binary, found}}
  %0 = accel.launch @not_a_function(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func private @plain(tensor<4xf32>) -> tensor<4xf32>

func.func @launch__bad_not_a_kernel(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'accel.launch' op expected @plain to be an accelerator kernel (a func.func with 'accel.kernel'), found a plain function}}
  %0 = accel.launch @plain(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func private @kernel(tensor<4xf32>) -> tensor<4xf32> attributes {accel.kernel}

func.func @launch__bad_operand_type(%x: tensor<8xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'accel.launch' op expected operand and result types '(tensor<4xf32>) -> tensor<4xf32>' of @kernel, found '(tensor<8xf32>) -> tensor<4xf32>'}}
  %0 = accel.launch @kernel(%x) : (tensor<8xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func private @kernel(tensor<4xf32>) -> tensor<4xf32> attributes {accel.kernel}

func.func @launch__bad_result_type(%x: tensor<4xf32>) -> tensor<4xf16> {
  // expected-error @+1 {{'accel.launch' op expected operand and result types '(tensor<4xf32>) -> tensor<4xf32>' of @kernel, found '(tensor<4xf32>) -> tensor<4xf16>'}}
  %0 = accel.launch @kernel(%x) : (tensor<4xf32>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

func.func private @kernel(tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32> attributes {accel.kernel}

func.func @launch__bad_operand_count(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'accel.launch' op expected operand and result types '(tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>' of @kernel, found '(tensor<4xf32>) -> tensor<4xf32>'}}
  %0 = accel.launch @kernel(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func private @kernel(i32) attributes {accel.kernel}

func.func @launch__bad_scalar_operand(%x: i32) {
  // expected-error @+1 {{'accel.launch' op operand #0 must be variadic of ranked tensor of}}
  accel.launch @kernel(%x) : (i32) -> ()
  return
}

// -----

func.func @host_to_device__bad_result_type(%x: tensor<4xf32>) -> tensor<4xf16> {
  // expected-error @+1 {{'accel.host_to_device' op requires the same type for all operands and results}}
  %0 = "accel.host_to_device"(%x) : (tensor<4xf32>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

func.func @device_to_host__bad_result_shape(%x: tensor<4xf32>) -> tensor<2x2xf32> {
  // expected-error @+1 {{'accel.device_to_host' op requires the same type for all operands and results}}
  %0 = "accel.device_to_host"(%x) : (tensor<4xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

//===----------------------------------------------------------------------===//
// #accel.target: syntax (AccelAttrs.cpp)
//===----------------------------------------------------------------------===//

// expected-error @+1 {{field 'name' is given twice}}
module @target__bad_field_twice attributes {accel.target = #accel.target<name = "a", kind = cpu, name = "b">} {}

// -----

// expected-error @+1 {{expected a string, number, keyword, type, list or {...} in #accel.target}}
module @target__bad_missing_value attributes {accel.target = #accel.target<name = , kind = cpu>} {}

// -----

// expected-error @+1 {{unexpected attribute in #accel.target}}
module @target__bad_symbol_value attributes {accel.target = #accel.target<name = @cpu, kind = cpu>} {}

// -----

//===----------------------------------------------------------------------===//
// #accel.target: schema (TargetJSON.cpp)
//===----------------------------------------------------------------------===//

// expected-error @+1 {{invalid #accel.target: field 'row': unknown field (expected one of: name, kind, rows, cols, dataflow, scratchpad_bytes, scratchpad_banks, accumulator_bytes, ops, types, sparsity_2_4, requantizer, dma_bytes_per_cycle, dma_latency_cycles, host_link_bytes_per_cycle, host_link_latency_cycles, clock_mhz, energy)}}
module @target__bad_unknown_field attributes {accel.target = #accel.target<name = "t", kind = systolic,
    row = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul], types = [[i8, i32, i8]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'name': missing (every target has one)}}
module @target__bad_missing_name attributes {accel.target = #accel.target<kind = cpu>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'name': expected a string, found 3}}
module @target__bad_name_type attributes {accel.target = #accel.target<name = 3, kind = cpu>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'kind': missing ('cpu' or 'systolic')}}
module @target__bad_missing_kind attributes {accel.target = #accel.target<name = "t">} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'kind': expected cpu or systolic, found "gpu"}}
module @target__bad_kind attributes {accel.target = #accel.target<name = "t", kind = gpu>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'rows': not allowed for a cpu target}}
module @target__bad_cpu_with_rows attributes {accel.target = #accel.target<name = "cpu", kind = cpu, rows = 4>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'cols': missing (required for a systolic target)}}
module @target__bad_missing_cols attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul], types = [[i8, i32, i8]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'rows': expected an integer in 0..4294967295, found -4}}
module @target__bad_negative_rows attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = -4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul], types = [[i8, i32, i8]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// Unbounded integer fields say so instead of quoting UINT64_MAX.
// expected-error @+1 {{invalid #accel.target: field 'accumulator_bytes': expected a non-negative integer, found -1}}
module @target__bad_negative_accumulator_bytes attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = -1,
    ops = [matmul], types = [[i8, i32, i8]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'dataflow': expected weight_stationary or output_stationary, found "row_stationary"}}
module @target__bad_dataflow attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = row_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul], types = [[i8, i32, i8]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'ops': expected an array of op kinds, found "matmul"}}
module @target__bad_ops_not_a_list attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = matmul, types = [[i8, i32, i8]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'ops[1]': expected one of matmul, conv2d, depthwise_conv2d, relu, clamp, add, sub, mul, max_pool2d, avg_pool2d, quantize, dequantize, requantize, cast, found "gelu"}}
module @target__bad_unknown_op attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul, gelu], types = [[i8, i32, i8]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'types': expected an array of [input, accumulator, output] triples, found "i8"}}
module @target__bad_types_not_a_list attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul], types = i8,
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'types[0]': expected [input, accumulator, output], found an array}}
module @target__bad_types_pair attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul], types = [[i8, i32]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'types[0][1]': expected one of i4, i8, u8, i16, i32, f8E4M3FN, f8E5M2, f16, bf16, tf32, f32, found "i64"}}
module @target__bad_unknown_element_type attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul], types = [[i8, i64, i8]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'sparsity_2_4': expected true or false, found 1}}
module @target__bad_sparsity_flag attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul], types = [[i8, i32, i8]], sparsity_2_4 = 1,
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'dma_bytes_per_cycle': expected a finite number >= 0, found -8}}
module @target__bad_negative_bandwidth attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul], types = [[i8, i32, i8]],
    dma_bytes_per_cycle = -8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'energy': expected an object, found 1.5}}
module @target__bad_energy_not_an_object attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul], types = [[i8, i32, i8]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0, energy = 1.5>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'energy.dram_pj': unknown field (expected one of: mac_pj, sram_read_pj_per_byte, sram_write_pj_per_byte, dram_pj_per_byte, host_link_pj_per_byte)}}
module @target__bad_energy_unknown_field attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul], types = [[i8, i32, i8]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0, energy = {dram_pj = 100.0}>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'energy.mac_pj': expected an object mapping element types to picojoules, found 0.5}}
module @target__bad_energy_mac_not_an_object attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul], types = [[i8, i32, i8]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0, energy = {mac_pj = 0.5}>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'energy.mac_pj.f64': unknown field (expected one of: i4, i8, u8, i16, i32, f8E4M3FN, f8E5M2, f16, bf16, tf32, f32)}}
module @target__bad_energy_mac_unknown_type attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul], types = [[i8, i32, i8]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0, energy = {mac_pj = {i8 = 0.2, f64 = 9.0}}>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'energy.mac_pj.i8': expected a finite number >= 0, found -0.5}}
module @target__bad_energy_negative attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul], types = [[i8, i32, i8]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0, energy = {mac_pj = {i8 = -0.5}}>} {}

// -----

//===----------------------------------------------------------------------===//
// #accel.target: consistency (validate() in TargetDesc.cpp)
//===----------------------------------------------------------------------===//

// expected-error @+1 {{invalid #accel.target: field 'name': expected a non-empty string}}
module @target__bad_empty_name attributes {accel.target = #accel.target<name = "", kind = cpu>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'rows': expected 1..4096, found 0}}
module @target__bad_rows_zero attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 0, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul], types = [[i8, i32, i8]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'cols': expected 1..4096, found 8192}}
module @target__bad_cols_too_many attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 8192, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul], types = [[i8, i32, i8]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'scratchpad_bytes': expected a positive number, found 0}}
module @target__bad_scratchpad_zero attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 0, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul], types = [[i8, i32, i8]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'scratchpad_banks': expected a positive number, found 0}}
module @target__bad_banks_zero attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 0, accumulator_bytes = 1024,
    ops = [matmul], types = [[i8, i32, i8]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'scratchpad_banks': 3 banks do not divide 4096 bytes}}
module @target__bad_banks_not_dividing attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 3, accumulator_bytes = 1024,
    ops = [matmul], types = [[i8, i32, i8]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'accumulator_bytes': expected a positive number, found 0}}
module @target__bad_accumulator_zero attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 0,
    ops = [matmul], types = [[i8, i32, i8]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'ops': expected at least one op kind}}
module @target__bad_no_ops attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [], types = [[i8, i32, i8]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'ops[2]': 'matmul' is listed twice}}
module @target__bad_op_twice attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul, relu, matmul], types = [[i8, i32, i8]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'types': expected at least one type combination}}
module @target__bad_no_types attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul], types = [],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'types[1]': input i8 needs an integer accumulator, found f32}}
module @target__bad_types_mixed_accumulator attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul], types = [[i8, i32, i8], [i8, f32, f32]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'types[0]': input f16 needs an f32 accumulator, found f16}}
module @target__bad_types_narrow_accumulator attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul], types = [[f16, f16, f16]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'types[0]': output f32 and accumulator i32 must both be integer or both float}}
module @target__bad_types_float_output attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul], types = [[i8, i32, f32]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'types[0]': accumulator i16 is narrower than the i8 x i8 products (needs 17 bits of precision, has 16)}}
module @target__bad_types_wide_output attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul], types = [[i8, i16, i32]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// A 16x16 tile of f32 is 1024 bytes.
// expected-error @+1 {{invalid #accel.target: field 'types[0]': scratchpad of 512 bytes cannot hold one 16x16 tile of f32 (1024 bytes)}}
module @target__bad_scratchpad_too_small attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 16, cols = 16, dataflow = output_stationary,
    scratchpad_bytes = 512, scratchpad_banks = 2, accumulator_bytes = 4096,
    ops = [matmul], types = [[f32, f32, f32]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// A 16x16 tile of i32 accumulators is 1024 bytes.
// expected-error @+1 {{invalid #accel.target: field 'types[0]': accumulator of 1000 bytes cannot hold one 16x16 tile of i32 (1024 bytes)}}
module @target__bad_accumulator_too_small attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 16, cols = 16, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1000,
    ops = [matmul], types = [[i8, i32, i8]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'dma_bytes_per_cycle': expected a positive number, found 0}}
module @target__bad_dma_bandwidth_zero attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul], types = [[i8, i32, i8]],
    dma_bytes_per_cycle = 0.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'host_link_bytes_per_cycle': expected a positive number, found 0}}
module @target__bad_host_link_bandwidth_zero attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul], types = [[i8, i32, i8]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 0.0, host_link_latency_cycles = 100,
    clock_mhz = 500.0>} {}

// -----

// expected-error @+1 {{invalid #accel.target: field 'clock_mhz': expected a positive number, found 0}}
module @target__bad_clock_zero attributes {accel.target = #accel.target<name = "t", kind = systolic,
    rows = 4, cols = 4, dataflow = weight_stationary,
    scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
    ops = [matmul], types = [[i8, i32, i8]],
    dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
    host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
    clock_mhz = 0.0>} {}

// -----

func.func @add__bad_expressed_type(%a: tensor<4x!quant.uniform<i8:f32, 0.1>>, %b: tensor<4x!quant.uniform<i8:f16, 0.1>>) {
  // expected-error @+1 {{'accel.add' op expected rhs expressed type 'f32' like lhs, found 'f16'}}
  %0 = accel.add %a, %b : tensor<4x!quant.uniform<i8:f32, 0.1>>, tensor<4x!quant.uniform<i8:f16, 0.1>> -> tensor<4x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @relu__bad_per_axis_rank(%x: tensor<4x!quant.uniform<i8:f32:3, {0.1, 0.2}>>) {
  // expected-error @+1 {{'accel.relu' op expected operand #0's quantized dimension to be below its rank 1, found 3}}
  %0 = accel.relu %x : tensor<4x!quant.uniform<i8:f32:3, {0.1, 0.2}>>
  return
}

// -----

func.func @matmul__bad_unsigned_products_in_i16(%a: tensor<2x4x!quant.uniform<u8:f32, 0.1:128>>, %b: tensor<4x2x!quant.uniform<u8:f32, 0.1:128>>) {
  // expected-error @+1 {{'accel.matmul' op expected an accumulator of at least 17 bits for 8-bit x 8-bit zero-point-adjusted products, found 'i16'}}
  %0 = accel.matmul %a, %b acc(i16) : tensor<2x4x!quant.uniform<u8:f32, 0.1:128>>, tensor<4x2x!quant.uniform<u8:f32, 0.1:128>> -> tensor<2x2xi16>
  return
}

// -----

func.func @matmul__bad_i64_accumulator(%a: tensor<2x4xi32>, %b: tensor<4x2xi32>) {
  // expected-error @+1 {{'accel.matmul' op expected a signless integer (i4 to i32) or f32 accumulator, found 'i64'}}
  %0 = accel.matmul %a, %b acc(i64) : tensor<2x4xi32>, tensor<4x2xi32> -> tensor<2x2xi32>
  return
}

// -----

func.func @avg_pool2d__bad_i1_elements(%x: tensor<1x4x4x1xi1>) {
  // expected-error @+1 {{'accel.avg_pool2d' op operand #0 must be 4D tensor of}}
  %0 = accel.avg_pool2d %x window [2, 2] : tensor<1x4x4x1xi1> -> tensor<1x3x3x1xi1>
  return
}

// -----

// expected-error @+1 {{invalid #accel.target: field 'types[0]': accumulator i16 is narrower than the u8 x u8 products (needs 17 bits of precision, has 16)}}
module attributes {accel.target = #accel.target<name = "t", kind = systolic, rows = 4, cols = 4, dataflow = weight_stationary, scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024, ops = [matmul], types = [[u8, i16, u8]], dma_bytes_per_cycle = 8, dma_latency_cycles = 10, host_link_bytes_per_cycle = 4, host_link_latency_cycles = 100, clock_mhz = 500>} {
  func.func @target__bad_unsigned_accumulator() {
    return
  }
}

// -----

func.func @matmul__bad_zero_point_range(%a: tensor<2x4x!quant.uniform<i8:f32, 0.05:1000>>, %b: tensor<4x2x!quant.uniform<i8:f32, 0.1>>) {
  // expected-error @+1 {{'accel.matmul' op expected operand #0's zero point within its storage range [-128, 127], found 1000}}
  %0 = accel.matmul %a, %b acc(i32) : tensor<2x4x!quant.uniform<i8:f32, 0.05:1000>>, tensor<4x2x!quant.uniform<i8:f32, 0.1>> -> tensor<2x2xi32>
  return
}

// -----

func.func @add__bad_broadcast_rank(%a: tensor<4xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'accel.add' op expected the result to have the broadcast shape [4], found 'tensor<3x4xf32>'}}
  %0 = accel.add %a, %b : tensor<4xf32>, tensor<4xf32> -> tensor<3x4xf32>
  return
}

// -----

// A pooling window mixes rows and columns: per-axis parameters must be per
// channel.
!qh = !quant.uniform<i8:f32:1, {0.1, 0.2, 0.3, 0.4}>
func.func @avg_pool2d__bad_per_axis_along_height(%x: tensor<1x4x4x2x!qh>) -> tensor<1x2x2x2x!qh> {
  // expected-error @+1 {{'accel.avg_pool2d' op expected per-axis quantization along the channel dimension 3, found dimension 1}}
  %0 = accel.avg_pool2d %x window [2, 2] strides [2, 2] : tensor<1x4x4x2x!qh> -> tensor<1x2x2x2x!qh>
  return %0 : tensor<1x2x2x2x!qh>
}

// -----

//===----------------------------------------------------------------------===//
// accel.dma_im2col (AccelTileVerifiers.cpp)
//===----------------------------------------------------------------------===//

func.func @dma_im2col__bad_input_in_sram(%x: memref<1x8x8x4xi8, 1>, %d: memref<16x36xi8, 1>, %zp: memref<1x4xi8>, %i: index) {
  // expected-error @+1 {{'accel.dma_im2col' op expects the input in DRAM (memory space 0), found the scratchpad (memory space 1)}}
  accel.dma_im2col %x, %d, %zp pixel(%i) k(%i) {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 1, 1, 1, 1>, output = array<i64: 8, 8>} : memref<1x8x8x4xi8, 1>, memref<16x36xi8, 1>, memref<1x4xi8>
  return
}

// -----

func.func @dma_im2col__bad_dest_in_accumulator(%x: memref<1x8x8x4xi8>, %d: memref<16x36xi8, 2>, %zp: memref<1x4xi8>, %i: index) {
  // expected-error @+1 {{'accel.dma_im2col' op expects the destination in the scratchpad (memory space 1), found the accumulator (memory space 2)}}
  accel.dma_im2col %x, %d, %zp pixel(%i) k(%i) {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 1, 1, 1, 1>, output = array<i64: 8, 8>} : memref<1x8x8x4xi8>, memref<16x36xi8, 2>, memref<1x4xi8>
  return
}

// -----

func.func @dma_im2col__bad_pad_row_in_sram(%x: memref<1x8x8x4xi8>, %d: memref<16x36xi8, 1>, %zp: memref<1x4xi8, 1>, %i: index) {
  // expected-error @+1 {{'accel.dma_im2col' op expects the pad row in DRAM (memory space 0), found the scratchpad (memory space 1)}}
  accel.dma_im2col %x, %d, %zp pixel(%i) k(%i) {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 1, 1, 1, 1>, output = array<i64: 8, 8>} : memref<1x8x8x4xi8>, memref<16x36xi8, 1>, memref<1x4xi8, 1>
  return
}

// -----

func.func @dma_im2col__bad_kernel_size(%x: memref<1x8x8x4xi8>, %d: memref<16x36xi8, 1>, %zp: memref<1x4xi8>, %i: index) {
  // expected-error @+1 {{'accel.dma_im2col' op expects kernel to hold 2 values of at least 1}}
  accel.dma_im2col %x, %d, %zp pixel(%i) k(%i) {kernel = array<i64: 3, 0>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 1, 1, 1, 1>, output = array<i64: 8, 8>} : memref<1x8x8x4xi8>, memref<16x36xi8, 1>, memref<1x4xi8>
  return
}

// -----

func.func @dma_im2col__bad_padding_count(%x: memref<1x8x8x4xi8>, %d: memref<16x36xi8, 1>, %zp: memref<1x4xi8>, %i: index) {
  // expected-error @+1 {{'accel.dma_im2col' op expects padding to hold 4 values of at least 0}}
  accel.dma_im2col %x, %d, %zp pixel(%i) k(%i) {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 1, 1>, output = array<i64: 8, 8>} : memref<1x8x8x4xi8>, memref<16x36xi8, 1>, memref<1x4xi8>
  return
}

// -----

func.func @dma_im2col__bad_stride(%x: memref<1x8x8x4xi8>, %d: memref<16x36xi8, 1>, %zp: memref<1x4xi8>, %i: index) {
  // expected-error @+1 {{'accel.dma_im2col' op expects strides to hold 2 values of at least 1}}
  accel.dma_im2col %x, %d, %zp pixel(%i) k(%i) {kernel = array<i64: 3, 3>, strides = array<i64: 0, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 1, 1, 1, 1>, output = array<i64: 8, 8>} : memref<1x8x8x4xi8>, memref<16x36xi8, 1>, memref<1x4xi8>
  return
}

// -----

func.func @dma_im2col__bad_element_types(%x: memref<1x8x8x4xi8>, %d: memref<16x36xi32, 1>, %zp: memref<1x4xi8>, %i: index) {
  // expected-error @+1 {{'accel.dma_im2col' op expects input, destination and pad row of one element type}}
  accel.dma_im2col %x, %d, %zp pixel(%i) k(%i) {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 1, 1, 1, 1>, output = array<i64: 8, 8>} : memref<1x8x8x4xi8>, memref<16x36xi32, 1>, memref<1x4xi8>
  return
}

// -----

func.func @dma_im2col__bad_pad_row_width(%x: memref<1x8x8x4xi8>, %d: memref<16x36xi8, 1>, %zp: memref<1x8xi8>, %i: index) {
  // expected-error @+1 {{'accel.dma_im2col' op expects a 1x4 pad row, found 1x8}}
  accel.dma_im2col %x, %d, %zp pixel(%i) k(%i) {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 1, 1, 1, 1>, output = array<i64: 8, 8>} : memref<1x8x8x4xi8>, memref<16x36xi8, 1>, memref<1x8xi8>
  return
}

// -----

//===----------------------------------------------------------------------===//
// accel.dma_load (AccelTileVerifiers.cpp)
//===----------------------------------------------------------------------===//

func.func @dma_load__bad_source_in_sram(%src: memref<16x16xi8, 1>, %dst: memref<16x16xi8, 1>) {
  // expected-error @+1 {{'accel.dma_load' op expects the source in DRAM (memory space 0), found the scratchpad (memory space 1)}}
  accel.dma_load %src, %dst : memref<16x16xi8, 1>, memref<16x16xi8, 1>
  return
}

// -----

func.func @dma_load__bad_dest_in_dram(%src: memref<16x16xi8>, %dst: memref<16x16xi8>) {
  // expected-error @+1 {{'accel.dma_load' op expects the destination in the scratchpad (memory space 1) or the accumulator (memory space 2), found DRAM (memory space 0)}}
  accel.dma_load %src, %dst : memref<16x16xi8>, memref<16x16xi8>
  return
}

// -----

// A memory space the accelerator does not have.
func.func @dma_load__bad_dest_space_3(%src: memref<16x16xi8>, %dst: memref<16x16xi8, 3>) {
  // expected-error @+1 {{'accel.dma_load' op expects the destination in the scratchpad (memory space 1) or the accumulator (memory space 2), found an unknown memory space}}
  accel.dma_load %src, %dst : memref<16x16xi8>, memref<16x16xi8, 3>
  return
}

// -----

func.func @dma_load__bad_shape(%src: memref<16x32xi8>, %dst: memref<16x64xi8, 1>) {
  // expected-error @+1 {{'accel.dma_load' op expects source and destination of the same shape, found dimension 1 of 32 and 64}}
  accel.dma_load %src, %dst : memref<16x32xi8>, memref<16x64xi8, 1>
  return
}

// -----

func.func @dma_load__bad_broadcast_rows(%src: memref<4x16xi32>, %dst: memref<16x16xi32, 2>) {
  // expected-error @+1 {{'accel.dma_load' op expects a one-row source with broadcast, found 4 rows}}
  accel.dma_load %src, %dst broadcast : memref<4x16xi32>, memref<16x16xi32, 2>
  return
}

// -----

func.func @dma_load__bad_accumulator_element(%src: memref<16x16xi8>, %dst: memref<16x16xi8, 2>) {
  // expected-error @+1 {{'accel.dma_load' op expects i32 or f32 elements in the accumulator, found 'i8'}}
  accel.dma_load %src, %dst : memref<16x16xi8>, memref<16x16xi8, 2>
  return
}

// -----

func.func @dma_load__bad_rank(%src: memref<16xi8>, %dst: memref<16x16xi8, 1>) {
  // expected-error @+1 {{'accel.dma_load' op operand #0 must be 2D memref of any type values, but got 'memref<16xi8>'}}
  accel.dma_load %src, %dst : memref<16xi8>, memref<16x16xi8, 1>
  return
}

// -----

//===----------------------------------------------------------------------===//
// accel.dma_store (AccelTileVerifiers.cpp)
//===----------------------------------------------------------------------===//

func.func @dma_store__bad_source_in_dram(%src: memref<16x16xi32>, %dst: memref<16x16xi32>) {
  // expected-error @+1 {{'accel.dma_store' op expects the source in the scratchpad (memory space 1) or the accumulator (memory space 2), found DRAM (memory space 0)}}
  accel.dma_store %src, %dst : memref<16x16xi32>, memref<16x16xi32>
  return
}

// -----

func.func @dma_store__bad_dest_in_sram(%src: memref<16x16xi32, 2>, %dst: memref<16x16xi32, 2>) {
  // expected-error @+1 {{'accel.dma_store' op expects the destination in DRAM (memory space 0), found the accumulator (memory space 2)}}
  accel.dma_store %src, %dst : memref<16x16xi32, 2>, memref<16x16xi32, 2>
  return
}

// -----

func.func @dma_store__bad_shape(%src: memref<16x16xi32, 2>, %dst: memref<8x16xi8>) {
  // expected-error @+1 {{'accel.dma_store' op expects source and destination of the same shape, found dimension 0 of 16 and 8}}
  accel.dma_store %src, %dst : memref<16x16xi32, 2>, memref<8x16xi8>
  return
}

// -----

func.func @dma_store__bad_activation(%src: memref<16x16xi32, 2>, %dst: memref<16x16xi8>) {
  // expected-error @+1 {{'accel.dma_store' op expects activation none, relu or clamp, found 'sigmoid'}}
  accel.dma_store %src, %dst requant [[1073741824, -4, 0]] {activation = "sigmoid"} : memref<16x16xi32, 2>, memref<16x16xi8>
  return
}

// -----

func.func @dma_store__bad_clamp_without_bounds(%src: memref<16x16xi32, 2>, %dst: memref<16x16xi8>) {
  // expected-error @+1 {{'accel.dma_store' op expects lo and hi exactly with activation clamp}}
  accel.dma_store %src, %dst requant [[1073741824, -4, 0]] {activation = "clamp", lo = 0.0 : f64} : memref<16x16xi32, 2>, memref<16x16xi8>
  return
}

// -----

func.func @dma_store__bad_bounds_without_clamp(%src: memref<16x16xi32, 2>, %dst: memref<16x16xi8>) {
  // expected-error @+1 {{'accel.dma_store' op expects lo and hi exactly with activation clamp}}
  accel.dma_store %src, %dst requant [[1073741824, -4, 0]] {activation = "relu", lo = 0.0 : f64, hi = 6.0 : f64} : memref<16x16xi32, 2>, memref<16x16xi8>
  return
}

// -----

func.func @dma_store__bad_empty_requant(%src: memref<16x16xi32, 2>, %dst: memref<16x16xi8>) {
  // expected-error @+1 {{'accel.dma_store' op expects at least one requant triple}}
  accel.dma_store %src, %dst requant [] : memref<16x16xi32, 2>, memref<16x16xi8>
  return
}

// -----

func.func @dma_store__bad_requant_pair(%src: memref<16x16xi32, 2>, %dst: memref<16x16xi8>) {
  // expected-error @+1 {{'accel.dma_store' op expects requant entries of three integers [multiplier, exponent, zero_point] or five (with per-entry clamp bounds lo, hi), found [1073741824, -4]}}
  accel.dma_store %src, %dst requant [[1073741824, -4]] : memref<16x16xi32, 2>, memref<16x16xi8>
  return
}

// -----

func.func @dma_store__bad_requant_float(%src: memref<16x16xi32, 2>, %dst: memref<16x16xi8>) {
  // expected-error @+1 {{'accel.dma_store' op expects requant entries of three integers [multiplier, exponent, zero_point] or five (with per-entry clamp bounds lo, hi), found [5.000000e-01, -4, 0]}}
  accel.dma_store %src, %dst requant [[0.5, -4, 0]] : memref<16x16xi32, 2>, memref<16x16xi8>
  return
}

// -----

func.func @dma_store__bad_per_channel_without_offset(%src: memref<16x2xi32, 2>, %dst: memref<16x2xi8>) {
  // expected-error @+1 {{'accel.dma_store' op expects a channel_offset with per-channel requant entries}}
  accel.dma_store %src, %dst requant [[1073741824, -4, 0], [1073741824, -5, 0]] : memref<16x2xi32, 2>, memref<16x2xi8>
  return
}

// -----

//===----------------------------------------------------------------------===//
// accel.tile_matmul (AccelTileVerifiers.cpp)
//===----------------------------------------------------------------------===//

func.func @tile_matmul__bad_lhs_in_dram(%a: memref<16x16xi8>, %b: memref<16x16xi8, 1>, %c: memref<16x16xi32, 2>, %acc: i1) {
  // expected-error @+1 {{'accel.tile_matmul' op expects lhs in the scratchpad (memory space 1), found DRAM (memory space 0)}}
  accel.tile_matmul %a, %b, %c accumulate(%acc) : memref<16x16xi8>, memref<16x16xi8, 1>, memref<16x16xi32, 2>
  return
}

// -----

func.func @tile_matmul__bad_rhs_in_accumulator(%a: memref<16x16xi8, 1>, %b: memref<16x16xi32, 2>, %c: memref<16x16xi32, 2>, %acc: i1) {
  // expected-error @+1 {{'accel.tile_matmul' op expects rhs in the scratchpad (memory space 1), found the accumulator (memory space 2)}}
  accel.tile_matmul %a, %b, %c accumulate(%acc) : memref<16x16xi8, 1>, memref<16x16xi32, 2>, memref<16x16xi32, 2>
  return
}

// -----

func.func @tile_matmul__bad_acc_in_scratchpad(%a: memref<16x16xi8, 1>, %b: memref<16x16xi8, 1>, %c: memref<16x16xi32, 1>, %acc: i1) {
  // expected-error @+1 {{'accel.tile_matmul' op expects acc in the accumulator (memory space 2), found the scratchpad (memory space 1)}}
  accel.tile_matmul %a, %b, %c accumulate(%acc) : memref<16x16xi8, 1>, memref<16x16xi8, 1>, memref<16x16xi32, 1>
  return
}

// -----

func.func @tile_matmul__bad_k(%a: memref<16x64xi8, 1>, %b: memref<32x16xi8, 1>, %c: memref<16x16xi32, 2>, %acc: i1) {
  // expected-error @+1 {{'accel.tile_matmul' op expects lhs columns and rhs rows (k) to agree, found 64 and 32}}
  accel.tile_matmul %a, %b, %c accumulate(%acc) : memref<16x64xi8, 1>, memref<32x16xi8, 1>, memref<16x16xi32, 2>
  return
}

// -----

func.func @tile_matmul__bad_m(%a: memref<16x16xi8, 1>, %b: memref<16x16xi8, 1>, %c: memref<32x16xi32, 2>, %acc: i1) {
  // expected-error @+1 {{'accel.tile_matmul' op expects lhs rows and acc rows (m) to agree, found 16 and 32}}
  accel.tile_matmul %a, %b, %c accumulate(%acc) : memref<16x16xi8, 1>, memref<16x16xi8, 1>, memref<32x16xi32, 2>
  return
}

// -----

func.func @tile_matmul__bad_n(%a: memref<16x16xi8, 1>, %b: memref<16x8xi8, 1>, %c: memref<16x16xi32, 2>, %acc: i1) {
  // expected-error @+1 {{'accel.tile_matmul' op expects rhs columns and acc columns (n) to agree, found 8 and 16}}
  accel.tile_matmul %a, %b, %c accumulate(%acc) : memref<16x16xi8, 1>, memref<16x8xi8, 1>, memref<16x16xi32, 2>
  return
}

// -----

func.func @tile_matmul__bad_mixed_operands(%a: memref<16x16xi8, 1>, %b: memref<16x16xbf16, 1>, %c: memref<16x16xi32, 2>, %acc: i1) {
  // expected-error @+1 {{'accel.tile_matmul' op expects operands of one element type, found 'i8' and 'bf16'}}
  accel.tile_matmul %a, %b, %c accumulate(%acc) : memref<16x16xi8, 1>, memref<16x16xbf16, 1>, memref<16x16xi32, 2>
  return
}

// -----

func.func @tile_matmul__bad_integer_accumulator_type(%a: memref<16x16xi8, 1>, %b: memref<16x16xi8, 1>, %c: memref<16x16xf32, 2>, %acc: i1) {
  // expected-error @+1 {{'accel.tile_matmul' op expects a 'i32' accumulator for 'i8' operands, found 'f32'}}
  accel.tile_matmul %a, %b, %c accumulate(%acc) : memref<16x16xi8, 1>, memref<16x16xi8, 1>, memref<16x16xf32, 2>
  return
}

// -----

func.func @tile_matmul__bad_float_accumulator_type(%a: memref<16x16xbf16, 1>, %b: memref<16x16xbf16, 1>, %c: memref<16x16xi32, 2>, %acc: i1) {
  // expected-error @+1 {{'accel.tile_matmul' op expects a 'f32' accumulator for 'bf16' operands, found 'i32'}}
  accel.tile_matmul %a, %b, %c accumulate(%acc) : memref<16x16xbf16, 1>, memref<16x16xbf16, 1>, memref<16x16xi32, 2>
  return
}

// -----

func.func @tile_matmul__bad_float_zero_point(%a: memref<16x16xbf16, 1>, %b: memref<16x16xbf16, 1>, %c: memref<16x16xf32, 2>, %acc: i1) {
  // expected-error @+1 {{'accel.tile_matmul' op expects zero points of 0 for float operands}}
  accel.tile_matmul %a, %b, %c accumulate(%acc) {rhs_zp = 1 : i64} : memref<16x16xbf16, 1>, memref<16x16xbf16, 1>, memref<16x16xf32, 2>
  return
}

// -----

func.func @tile_matmul__bad_accumulate_type(%a: memref<16x16xi8, 1>, %b: memref<16x16xi8, 1>, %c: memref<16x16xi32, 2>, %acc: index) {
  // expected-error @+1 {{'accel.tile_matmul' op operand #3 must be 1-bit signless integer, but got 'index'}}
  "accel.tile_matmul"(%a, %b, %c, %acc) : (memref<16x16xi8, 1>, memref<16x16xi8, 1>, memref<16x16xi32, 2>, index) -> ()
  return
}

// -----

//===----------------------------------------------------------------------===//
// accel.isa.* fields (verifyIsaFields, include/accel/ISA/Instructions.def)
//===----------------------------------------------------------------------===//

func.func @isa__bad_unknown_field() {
  // expected-error @+1 {{'accel.isa.preload' op has no field 'm' (the fields of preload are: type, sram_addr, k, n, sram_stride)}}
  accel.isa.preload {type = 1, k = 16, n = 16, m = 16}
  return
}

// -----

func.func @isa__bad_halt_field() {
  // expected-error @+1 {{'accel.isa.halt' op has no field 'rows' (the fields of halt are: none)}}
  accel.isa.halt {rows = 0}
  return
}

// -----

func.func @isa__bad_field_not_integer() {
  // expected-error @+1 {{'accel.isa.load' op expects an integer for field 'rows', found "16"}}
  accel.isa.load {rows = "16"}
  return
}

// -----

// 16-bit unsigned field.
func.func @isa__bad_rows_too_large() {
  // expected-error @+1 {{'accel.isa.load' op field 'rows' value 65536 is out of range [0, 65535]}}
  accel.isa.load {rows = 65536}
  return
}

// -----

func.func @isa__bad_negative_address() {
  // expected-error @+1 {{'accel.isa.store' op field 'dram_addr' value -64 is out of range [0, 1099511627775]}}
  accel.isa.store {dram_addr = -64}
  return
}

// -----

// 8-bit signed field.
func.func @isa__bad_zero_point() {
  // expected-error @+1 {{'accel.isa.matmul' op field 'a_zp' value 128 is out of range [-128, 127]}}
  accel.isa.matmul {a_zp = 128}
  return
}

// -----

func.func @isa__bad_flag() {
  // expected-error @+1 {{'accel.isa.matmul' op field 'accumulate' value 2 is out of range [0, 1]}}
  accel.isa.matmul {accumulate = 2}
  return
}

// -----

// Element kinds run from i4 = 0 to f32 = 10.
func.func @isa__bad_type() {
  // expected-error @+1 {{'accel.isa.alu' op field 'type' value 11 is out of range [0, 10]}}
  accel.isa.alu {type = 11}
  return
}

// -----

func.func @isa__bad_alu_op() {
  // expected-error @+1 {{'accel.isa.alu' op field 'op' value 9 is out of range [0, 8]}}
  accel.isa.alu {op = 9}
  return
}

// -----

func.func @isa__bad_pool_op() {
  // expected-error @+1 {{'accel.isa.pool' op field 'op' value 2 is out of range [0, 1]}}
  accel.isa.pool {op = 2}
  return
}

// -----

func.func @isa__bad_store_activation() {
  // expected-error @+1 {{'accel.isa.store' op field 'act' value 3 is out of range [0, 2]}}
  accel.isa.store {act = 3}
  return
}

// -----

// 0xffff is "none".
func.func @isa__bad_qparam() {
  // expected-error @+1 {{'accel.isa.store' op field 'qparam' value 65536 is out of range [0, 65535]}}
  accel.isa.store {qparam = 65536}
  return
}

// -----

func.func @isa__bad_flag_not_unit() {
  // expected-error @+1 {{'accel.isa.load' op attribute 'push_next' failed to satisfy constraint: unit attribute}}
  accel.isa.load {} {push_next = 1}
  return
}

// -----

//===----------------------------------------------------------------------===//
// accel.binary and launches of it (LaunchOp::verifySymbolUses)
//===----------------------------------------------------------------------===//

accel.binary @bin : (tensor<4x8xi8>) -> tensor<4x8xi8> "ACCELBIN"

func.func @launch__bad_binary_operand_type(%x: tensor<4x8xi32>) -> tensor<4x8xi8> {
  // expected-error @+1 {{'accel.launch' op expected operand and result types '(tensor<4x8xi8>) -> tensor<4x8xi8>' of @bin, found '(tensor<4x8xi32>) -> tensor<4x8xi8>'}}
  %0 = accel.launch @bin(%x) : (tensor<4x8xi32>) -> tensor<4x8xi8>
  return %0 : tensor<4x8xi8>
}

// -----

accel.binary @bin : (tensor<4x8xi8>) -> tensor<4x8xi8> "ACCELBIN"

func.func @launch__bad_binary_result_count(%x: tensor<4x8xi8>) {
  // expected-error @+1 {{'accel.launch' op expected operand and result types '(tensor<4x8xi8>) -> tensor<4x8xi8>' of @bin, found '(tensor<4x8xi8>) -> ()'}}
  accel.launch @bin(%x) : (tensor<4x8xi8>) -> ()
  return
}

// -----

// A kernel being compiled to the ISA is checked against its tensor-level
// signature (accel.kernel_type), not its memref one.
func.func private @tiled(memref<4x8xi8>, memref<4x8xi8>) attributes {accel.kernel, accel.kernel_type = (tensor<4x8xi8>) -> tensor<4x8xi8>}

func.func @launch__bad_tiled_kernel_types(%x: tensor<4x8xi8>) -> tensor<4x8xi32> {
  // expected-error @+1 {{'accel.launch' op expected operand and result types '(tensor<4x8xi8>) -> tensor<4x8xi8>' of @tiled, found '(tensor<4x8xi8>) -> tensor<4x8xi32>'}}
  %0 = accel.launch @tiled(%x) : (tensor<4x8xi8>) -> tensor<4x8xi32>
  return %0 : tensor<4x8xi32>
}

// -----

// expected-error @+1 {{'accel.binary' op attribute 'function_type' failed to satisfy constraint: type attribute of function type}}
accel.binary @bin__bad_type : tensor<4xi8> "ACCELBIN"

// -----

//===----------------------------------------------------------------------===//
// accel.address / accel.kernel_type / accel.program (AccelDialect.cpp)
//===----------------------------------------------------------------------===//

func.func @address__bad_negative() {
  // expected-error @+1 {{'accel.address' must be a non-negative integer, found -64 : i64}}
  %0 = memref.alloc() {accel.address = -64 : i64} : memref<16x16xi8, 1>
  return
}

// -----

// expected-error @+1 {{'accel.kernel_type' must be a function type, found tensor<4xi8>}}
func.func private @kernel_type__bad_not_function() attributes {accel.kernel, accel.kernel_type = tensor<4xi8>}

// -----

// expected-error @+1 {{'accel.program' must be a dictionary, found [1, 2]}}
func.func private @program__bad_not_dictionary() attributes {accel.kernel, accel.program = [1, 2]}
