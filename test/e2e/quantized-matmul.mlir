// End-to-end tests of quantized accel.matmul: zero points subtracted first,
// i32 accumulation, bias, and the fixed-point requantization of
// docs/Numerics.md §1-2.  accel-run executes each entry function on inputs
// written by Inputs/reference.py, which then checks the results bit for bit.

// RUN: rm -rf %t && mkdir -p %t

// RUN: %python %S/Inputs/reference.py gen qmatmul_i8 %t/qmatmul_i8
// RUN: accel-run %s --target=cpu --entry=qmatmul_i8 --input=%t/qmatmul_i8/arg0.npy --input=%t/qmatmul_i8/arg1.npy --output-dir=%t/qmatmul_i8
// RUN: %python %S/Inputs/reference.py check qmatmul_i8 %t/qmatmul_i8
// RUN: rm -rf %t/qmatmul_i8.int8-16x16 && cp -r %t/qmatmul_i8 %t/qmatmul_i8.int8-16x16 && rm -f %t/qmatmul_i8.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=qmatmul_i8 --input=%t/qmatmul_i8.int8-16x16/arg0.npy --input=%t/qmatmul_i8.int8-16x16/arg1.npy --output-dir=%t/qmatmul_i8.int8-16x16
// RUN: %python %S/Inputs/reference.py check qmatmul_i8 %t/qmatmul_i8.int8-16x16
// RUN: rm -rf %t/qmatmul_i8.int8-256x256 && cp -r %t/qmatmul_i8 %t/qmatmul_i8.int8-256x256 && rm -f %t/qmatmul_i8.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=qmatmul_i8 --input=%t/qmatmul_i8.int8-256x256/arg0.npy --input=%t/qmatmul_i8.int8-256x256/arg1.npy --output-dir=%t/qmatmul_i8.int8-256x256
// RUN: %python %S/Inputs/reference.py check qmatmul_i8 %t/qmatmul_i8.int8-256x256
// RUN: rm -rf %t/qmatmul_i8.bf16-128x128 && cp -r %t/qmatmul_i8 %t/qmatmul_i8.bf16-128x128 && rm -f %t/qmatmul_i8.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=qmatmul_i8 --input=%t/qmatmul_i8.bf16-128x128/arg0.npy --input=%t/qmatmul_i8.bf16-128x128/arg1.npy --output-dir=%t/qmatmul_i8.bf16-128x128
// RUN: %python %S/Inputs/reference.py check qmatmul_i8 %t/qmatmul_i8.bf16-128x128

// Per-tensor i8 x i8, requantized to i8 and as raw i32 accumulators.
!a8 = !quant.uniform<i8:f32, 0.05:3>
!b8 = !quant.uniform<i8:f32, 0.1:-2>
!o8 = !quant.uniform<i8:f32, 2.5:-1>
func.func @qmatmul_i8(%a: tensor<7x33x!a8>, %b: tensor<33x10x!b8>) -> (tensor<7x10x!o8>, tensor<7x10xi32>) {
  %0 = accel.matmul %a, %b acc(i32) : tensor<7x33x!a8>, tensor<33x10x!b8> -> tensor<7x10x!o8>
  %1 = accel.matmul %a, %b acc(i32) : tensor<7x33x!a8>, tensor<33x10x!b8> -> tensor<7x10xi32>
  return %0, %1 : tensor<7x10x!o8>, tensor<7x10xi32>
}

// RUN: %python %S/Inputs/reference.py gen qmatmul_i8_pow2_ties %t/qmatmul_i8_pow2_ties
// RUN: accel-run %s --target=cpu --entry=qmatmul_i8_pow2_ties --input=%t/qmatmul_i8_pow2_ties/arg0.npy --input=%t/qmatmul_i8_pow2_ties/arg1.npy --output-dir=%t/qmatmul_i8_pow2_ties
// RUN: %python %S/Inputs/reference.py check qmatmul_i8_pow2_ties %t/qmatmul_i8_pow2_ties
// RUN: rm -rf %t/qmatmul_i8_pow2_ties.int8-16x16 && cp -r %t/qmatmul_i8_pow2_ties %t/qmatmul_i8_pow2_ties.int8-16x16 && rm -f %t/qmatmul_i8_pow2_ties.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=qmatmul_i8_pow2_ties --input=%t/qmatmul_i8_pow2_ties.int8-16x16/arg0.npy --input=%t/qmatmul_i8_pow2_ties.int8-16x16/arg1.npy --output-dir=%t/qmatmul_i8_pow2_ties.int8-16x16
// RUN: %python %S/Inputs/reference.py check qmatmul_i8_pow2_ties %t/qmatmul_i8_pow2_ties.int8-16x16
// RUN: rm -rf %t/qmatmul_i8_pow2_ties.int8-256x256 && cp -r %t/qmatmul_i8_pow2_ties %t/qmatmul_i8_pow2_ties.int8-256x256 && rm -f %t/qmatmul_i8_pow2_ties.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=qmatmul_i8_pow2_ties --input=%t/qmatmul_i8_pow2_ties.int8-256x256/arg0.npy --input=%t/qmatmul_i8_pow2_ties.int8-256x256/arg1.npy --output-dir=%t/qmatmul_i8_pow2_ties.int8-256x256
// RUN: %python %S/Inputs/reference.py check qmatmul_i8_pow2_ties %t/qmatmul_i8_pow2_ties.int8-256x256
// RUN: rm -rf %t/qmatmul_i8_pow2_ties.bf16-128x128 && cp -r %t/qmatmul_i8_pow2_ties %t/qmatmul_i8_pow2_ties.bf16-128x128 && rm -f %t/qmatmul_i8_pow2_ties.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=qmatmul_i8_pow2_ties --input=%t/qmatmul_i8_pow2_ties.bf16-128x128/arg0.npy --input=%t/qmatmul_i8_pow2_ties.bf16-128x128/arg1.npy --output-dir=%t/qmatmul_i8_pow2_ties.bf16-128x128
// RUN: %python %S/Inputs/reference.py check qmatmul_i8_pow2_ties %t/qmatmul_i8_pow2_ties.bf16-128x128

// M = 0.5 * 0.25 / 1.0 = 2^-3: both roundings of MBQM meet ties.
!ap = !quant.uniform<i8:f32, 0.5:-5>
!bp = !quant.uniform<i8:f32, 0.25>
!op = !quant.uniform<i8:f32, 1.0:2>
func.func @qmatmul_i8_pow2_ties(%a: tensor<7x33x!ap>, %b: tensor<33x10x!bp>) -> tensor<7x10x!op> {
  %0 = accel.matmul %a, %b acc(i32) : tensor<7x33x!ap>, tensor<33x10x!bp> -> tensor<7x10x!op>
  return %0 : tensor<7x10x!op>
}

// RUN: %python %S/Inputs/reference.py gen qmatmul_u8_i8_per_channel_bias %t/qmatmul_u8_i8_per_channel_bias
// RUN: accel-run %s --target=cpu --entry=qmatmul_u8_i8_per_channel_bias --input=%t/qmatmul_u8_i8_per_channel_bias/arg0.npy --input=%t/qmatmul_u8_i8_per_channel_bias/arg1.npy --input=%t/qmatmul_u8_i8_per_channel_bias/arg2.npy --output-dir=%t/qmatmul_u8_i8_per_channel_bias
// RUN: %python %S/Inputs/reference.py check qmatmul_u8_i8_per_channel_bias %t/qmatmul_u8_i8_per_channel_bias
// RUN: rm -rf %t/qmatmul_u8_i8_per_channel_bias.int8-16x16 && cp -r %t/qmatmul_u8_i8_per_channel_bias %t/qmatmul_u8_i8_per_channel_bias.int8-16x16 && rm -f %t/qmatmul_u8_i8_per_channel_bias.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=qmatmul_u8_i8_per_channel_bias --input=%t/qmatmul_u8_i8_per_channel_bias.int8-16x16/arg0.npy --input=%t/qmatmul_u8_i8_per_channel_bias.int8-16x16/arg1.npy --input=%t/qmatmul_u8_i8_per_channel_bias.int8-16x16/arg2.npy --output-dir=%t/qmatmul_u8_i8_per_channel_bias.int8-16x16
// RUN: %python %S/Inputs/reference.py check qmatmul_u8_i8_per_channel_bias %t/qmatmul_u8_i8_per_channel_bias.int8-16x16
// RUN: rm -rf %t/qmatmul_u8_i8_per_channel_bias.int8-256x256 && cp -r %t/qmatmul_u8_i8_per_channel_bias %t/qmatmul_u8_i8_per_channel_bias.int8-256x256 && rm -f %t/qmatmul_u8_i8_per_channel_bias.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=qmatmul_u8_i8_per_channel_bias --input=%t/qmatmul_u8_i8_per_channel_bias.int8-256x256/arg0.npy --input=%t/qmatmul_u8_i8_per_channel_bias.int8-256x256/arg1.npy --input=%t/qmatmul_u8_i8_per_channel_bias.int8-256x256/arg2.npy --output-dir=%t/qmatmul_u8_i8_per_channel_bias.int8-256x256
// RUN: %python %S/Inputs/reference.py check qmatmul_u8_i8_per_channel_bias %t/qmatmul_u8_i8_per_channel_bias.int8-256x256
// RUN: rm -rf %t/qmatmul_u8_i8_per_channel_bias.bf16-128x128 && cp -r %t/qmatmul_u8_i8_per_channel_bias %t/qmatmul_u8_i8_per_channel_bias.bf16-128x128 && rm -f %t/qmatmul_u8_i8_per_channel_bias.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=qmatmul_u8_i8_per_channel_bias --input=%t/qmatmul_u8_i8_per_channel_bias.bf16-128x128/arg0.npy --input=%t/qmatmul_u8_i8_per_channel_bias.bf16-128x128/arg1.npy --input=%t/qmatmul_u8_i8_per_channel_bias.bf16-128x128/arg2.npy --output-dir=%t/qmatmul_u8_i8_per_channel_bias.bf16-128x128
// RUN: %python %S/Inputs/reference.py check qmatmul_u8_i8_per_channel_bias %t/qmatmul_u8_i8_per_channel_bias.bf16-128x128

// u8 lhs x i8 rhs quantized per output channel (dimension 0 of the [N, K]
// rhs), with an i32 bias and per-channel zero points.
!au = !quant.uniform<u8:f32, 0.05:131>
!bc = !quant.uniform<i8:f32:0, {0.01, 0.02, 0.03:3, 0.004, 0.05:-5, 0.006, 0.07, 0.008:127, 0.009:-128, 0.1}>
!oc = !quant.uniform<i8:f32, 0.75:-1>
func.func @qmatmul_u8_i8_per_channel_bias(%a: tensor<7x33x!au>, %b: tensor<10x33x!bc>, %bias: tensor<10xi32>) -> tensor<7x10x!oc> {
  %0 = accel.matmul %a, %b bias(%bias : tensor<10xi32>) transpose_rhs acc(i32) : tensor<7x33x!au>, tensor<10x33x!bc> -> tensor<7x10x!oc>
  return %0 : tensor<7x10x!oc>
}
