// End-to-end tests of 2-D accel.matmul: accel-run executes each entry
// function on inputs written by Inputs/reference.py, which then checks the
// results against its independent numpy reference (docs/Numerics.md).

// RUN: rm -rf %t && mkdir -p %t

// RUN: %python %S/Inputs/reference.py gen matmul_f32 %t/matmul_f32
// RUN: accel-run %s --target=cpu --entry=matmul_f32 --input=%t/matmul_f32/arg0.npy --input=%t/matmul_f32/arg1.npy --output-dir=%t/matmul_f32
// RUN: %python %S/Inputs/reference.py check matmul_f32 %t/matmul_f32
// RUN: rm -rf %t/matmul_f32.int8-16x16 && cp -r %t/matmul_f32 %t/matmul_f32.int8-16x16 && rm -f %t/matmul_f32.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=matmul_f32 --input=%t/matmul_f32.int8-16x16/arg0.npy --input=%t/matmul_f32.int8-16x16/arg1.npy --output-dir=%t/matmul_f32.int8-16x16
// RUN: %python %S/Inputs/reference.py check matmul_f32 %t/matmul_f32.int8-16x16
// RUN: rm -rf %t/matmul_f32.int8-256x256 && cp -r %t/matmul_f32 %t/matmul_f32.int8-256x256 && rm -f %t/matmul_f32.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=matmul_f32 --input=%t/matmul_f32.int8-256x256/arg0.npy --input=%t/matmul_f32.int8-256x256/arg1.npy --output-dir=%t/matmul_f32.int8-256x256
// RUN: %python %S/Inputs/reference.py check matmul_f32 %t/matmul_f32.int8-256x256
// RUN: rm -rf %t/matmul_f32.bf16-128x128 && cp -r %t/matmul_f32 %t/matmul_f32.bf16-128x128 && rm -f %t/matmul_f32.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=matmul_f32 --input=%t/matmul_f32.bf16-128x128/arg0.npy --input=%t/matmul_f32.bf16-128x128/arg1.npy --output-dir=%t/matmul_f32.bf16-128x128
// RUN: %python %S/Inputs/reference.py check matmul_f32 %t/matmul_f32.bf16-128x128

// f32 x f32 -> f32, M = 7, K = 33, N = 10.
func.func @matmul_f32(%a: tensor<7x33xf32>, %b: tensor<33x10xf32>) -> tensor<7x10xf32> {
  %0 = accel.matmul %a, %b acc(f32) : tensor<7x33xf32>, tensor<33x10xf32> -> tensor<7x10xf32>
  return %0 : tensor<7x10xf32>
}

// RUN: %python %S/Inputs/reference.py gen matmul_f32_bias_transpose_rhs %t/matmul_f32_bias_transpose_rhs
// RUN: accel-run %s --target=cpu --entry=matmul_f32_bias_transpose_rhs --input=%t/matmul_f32_bias_transpose_rhs/arg0.npy --input=%t/matmul_f32_bias_transpose_rhs/arg1.npy --input=%t/matmul_f32_bias_transpose_rhs/arg2.npy --output-dir=%t/matmul_f32_bias_transpose_rhs
// RUN: %python %S/Inputs/reference.py check matmul_f32_bias_transpose_rhs %t/matmul_f32_bias_transpose_rhs
// RUN: rm -rf %t/matmul_f32_bias_transpose_rhs.int8-16x16 && cp -r %t/matmul_f32_bias_transpose_rhs %t/matmul_f32_bias_transpose_rhs.int8-16x16 && rm -f %t/matmul_f32_bias_transpose_rhs.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=matmul_f32_bias_transpose_rhs --input=%t/matmul_f32_bias_transpose_rhs.int8-16x16/arg0.npy --input=%t/matmul_f32_bias_transpose_rhs.int8-16x16/arg1.npy --input=%t/matmul_f32_bias_transpose_rhs.int8-16x16/arg2.npy --output-dir=%t/matmul_f32_bias_transpose_rhs.int8-16x16
// RUN: %python %S/Inputs/reference.py check matmul_f32_bias_transpose_rhs %t/matmul_f32_bias_transpose_rhs.int8-16x16
// RUN: rm -rf %t/matmul_f32_bias_transpose_rhs.int8-256x256 && cp -r %t/matmul_f32_bias_transpose_rhs %t/matmul_f32_bias_transpose_rhs.int8-256x256 && rm -f %t/matmul_f32_bias_transpose_rhs.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=matmul_f32_bias_transpose_rhs --input=%t/matmul_f32_bias_transpose_rhs.int8-256x256/arg0.npy --input=%t/matmul_f32_bias_transpose_rhs.int8-256x256/arg1.npy --input=%t/matmul_f32_bias_transpose_rhs.int8-256x256/arg2.npy --output-dir=%t/matmul_f32_bias_transpose_rhs.int8-256x256
// RUN: %python %S/Inputs/reference.py check matmul_f32_bias_transpose_rhs %t/matmul_f32_bias_transpose_rhs.int8-256x256
// RUN: rm -rf %t/matmul_f32_bias_transpose_rhs.bf16-128x128 && cp -r %t/matmul_f32_bias_transpose_rhs %t/matmul_f32_bias_transpose_rhs.bf16-128x128 && rm -f %t/matmul_f32_bias_transpose_rhs.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=matmul_f32_bias_transpose_rhs --input=%t/matmul_f32_bias_transpose_rhs.bf16-128x128/arg0.npy --input=%t/matmul_f32_bias_transpose_rhs.bf16-128x128/arg1.npy --input=%t/matmul_f32_bias_transpose_rhs.bf16-128x128/arg2.npy --output-dir=%t/matmul_f32_bias_transpose_rhs.bf16-128x128
// RUN: %python %S/Inputs/reference.py check matmul_f32_bias_transpose_rhs %t/matmul_f32_bias_transpose_rhs.bf16-128x128

// Bias [N] and rhs stored [N, K].
func.func @matmul_f32_bias_transpose_rhs(%a: tensor<7x33xf32>, %b: tensor<10x33xf32>, %bias: tensor<10xf32>) -> tensor<7x10xf32> {
  %0 = accel.matmul %a, %b bias(%bias : tensor<10xf32>) transpose_rhs acc(f32) : tensor<7x33xf32>, tensor<10x33xf32> -> tensor<7x10xf32>
  return %0 : tensor<7x10xf32>
}

// RUN: %python %S/Inputs/reference.py gen matmul_f32_transpose_lhs %t/matmul_f32_transpose_lhs
// RUN: accel-run %s --target=cpu --entry=matmul_f32_transpose_lhs --input=%t/matmul_f32_transpose_lhs/arg0.npy --input=%t/matmul_f32_transpose_lhs/arg1.npy --output-dir=%t/matmul_f32_transpose_lhs
// RUN: %python %S/Inputs/reference.py check matmul_f32_transpose_lhs %t/matmul_f32_transpose_lhs
// RUN: rm -rf %t/matmul_f32_transpose_lhs.int8-16x16 && cp -r %t/matmul_f32_transpose_lhs %t/matmul_f32_transpose_lhs.int8-16x16 && rm -f %t/matmul_f32_transpose_lhs.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=matmul_f32_transpose_lhs --input=%t/matmul_f32_transpose_lhs.int8-16x16/arg0.npy --input=%t/matmul_f32_transpose_lhs.int8-16x16/arg1.npy --output-dir=%t/matmul_f32_transpose_lhs.int8-16x16
// RUN: %python %S/Inputs/reference.py check matmul_f32_transpose_lhs %t/matmul_f32_transpose_lhs.int8-16x16
// RUN: rm -rf %t/matmul_f32_transpose_lhs.int8-256x256 && cp -r %t/matmul_f32_transpose_lhs %t/matmul_f32_transpose_lhs.int8-256x256 && rm -f %t/matmul_f32_transpose_lhs.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=matmul_f32_transpose_lhs --input=%t/matmul_f32_transpose_lhs.int8-256x256/arg0.npy --input=%t/matmul_f32_transpose_lhs.int8-256x256/arg1.npy --output-dir=%t/matmul_f32_transpose_lhs.int8-256x256
// RUN: %python %S/Inputs/reference.py check matmul_f32_transpose_lhs %t/matmul_f32_transpose_lhs.int8-256x256
// RUN: rm -rf %t/matmul_f32_transpose_lhs.bf16-128x128 && cp -r %t/matmul_f32_transpose_lhs %t/matmul_f32_transpose_lhs.bf16-128x128 && rm -f %t/matmul_f32_transpose_lhs.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=matmul_f32_transpose_lhs --input=%t/matmul_f32_transpose_lhs.bf16-128x128/arg0.npy --input=%t/matmul_f32_transpose_lhs.bf16-128x128/arg1.npy --output-dir=%t/matmul_f32_transpose_lhs.bf16-128x128
// RUN: %python %S/Inputs/reference.py check matmul_f32_transpose_lhs %t/matmul_f32_transpose_lhs.bf16-128x128

// lhs stored [K, M].
func.func @matmul_f32_transpose_lhs(%a: tensor<33x7xf32>, %b: tensor<33x10xf32>) -> tensor<7x10xf32> {
  %0 = accel.matmul %a, %b transpose_lhs acc(f32) : tensor<33x7xf32>, tensor<33x10xf32> -> tensor<7x10xf32>
  return %0 : tensor<7x10xf32>
}

// RUN: %python %S/Inputs/reference.py gen matmul_bf16 %t/matmul_bf16
// RUN: accel-run %s --target=cpu --entry=matmul_bf16 --input=%t/matmul_bf16/arg0.npy --input=%t/matmul_bf16/arg1.npy --output-dir=%t/matmul_bf16
// RUN: %python %S/Inputs/reference.py check matmul_bf16 %t/matmul_bf16
// RUN: rm -rf %t/matmul_bf16.int8-16x16 && cp -r %t/matmul_bf16 %t/matmul_bf16.int8-16x16 && rm -f %t/matmul_bf16.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=matmul_bf16 --input=%t/matmul_bf16.int8-16x16/arg0.npy --input=%t/matmul_bf16.int8-16x16/arg1.npy --output-dir=%t/matmul_bf16.int8-16x16
// RUN: %python %S/Inputs/reference.py check matmul_bf16 %t/matmul_bf16.int8-16x16
// RUN: rm -rf %t/matmul_bf16.int8-256x256 && cp -r %t/matmul_bf16 %t/matmul_bf16.int8-256x256 && rm -f %t/matmul_bf16.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=matmul_bf16 --input=%t/matmul_bf16.int8-256x256/arg0.npy --input=%t/matmul_bf16.int8-256x256/arg1.npy --output-dir=%t/matmul_bf16.int8-256x256
// RUN: %python %S/Inputs/reference.py check matmul_bf16 %t/matmul_bf16.int8-256x256
// RUN: rm -rf %t/matmul_bf16.bf16-128x128 && cp -r %t/matmul_bf16 %t/matmul_bf16.bf16-128x128 && rm -f %t/matmul_bf16.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=matmul_bf16 --input=%t/matmul_bf16.bf16-128x128/arg0.npy --input=%t/matmul_bf16.bf16-128x128/arg1.npy --output-dir=%t/matmul_bf16.bf16-128x128
// RUN: %python %S/Inputs/reference.py check matmul_bf16 %t/matmul_bf16.bf16-128x128

// bf16 operands with an f32 accumulator, converted to an f32 and a bf16
// result.
func.func @matmul_bf16(%a: tensor<7x33xbf16>, %b: tensor<33x10xbf16>) -> (tensor<7x10xf32>, tensor<7x10xbf16>) {
  %0 = accel.matmul %a, %b acc(f32) : tensor<7x33xbf16>, tensor<33x10xbf16> -> tensor<7x10xf32>
  %1 = accel.matmul %a, %b acc(f32) : tensor<7x33xbf16>, tensor<33x10xbf16> -> tensor<7x10xbf16>
  return %0, %1 : tensor<7x10xf32>, tensor<7x10xbf16>
}

// RUN: %python %S/Inputs/reference.py gen matmul_f16_bias %t/matmul_f16_bias
// RUN: accel-run %s --target=cpu --entry=matmul_f16_bias --input=%t/matmul_f16_bias/arg0.npy --input=%t/matmul_f16_bias/arg1.npy --input=%t/matmul_f16_bias/arg2.npy --output-dir=%t/matmul_f16_bias
// RUN: %python %S/Inputs/reference.py check matmul_f16_bias %t/matmul_f16_bias
// RUN: rm -rf %t/matmul_f16_bias.int8-16x16 && cp -r %t/matmul_f16_bias %t/matmul_f16_bias.int8-16x16 && rm -f %t/matmul_f16_bias.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=matmul_f16_bias --input=%t/matmul_f16_bias.int8-16x16/arg0.npy --input=%t/matmul_f16_bias.int8-16x16/arg1.npy --input=%t/matmul_f16_bias.int8-16x16/arg2.npy --output-dir=%t/matmul_f16_bias.int8-16x16
// RUN: %python %S/Inputs/reference.py check matmul_f16_bias %t/matmul_f16_bias.int8-16x16
// RUN: rm -rf %t/matmul_f16_bias.int8-256x256 && cp -r %t/matmul_f16_bias %t/matmul_f16_bias.int8-256x256 && rm -f %t/matmul_f16_bias.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=matmul_f16_bias --input=%t/matmul_f16_bias.int8-256x256/arg0.npy --input=%t/matmul_f16_bias.int8-256x256/arg1.npy --input=%t/matmul_f16_bias.int8-256x256/arg2.npy --output-dir=%t/matmul_f16_bias.int8-256x256
// RUN: %python %S/Inputs/reference.py check matmul_f16_bias %t/matmul_f16_bias.int8-256x256
// RUN: rm -rf %t/matmul_f16_bias.bf16-128x128 && cp -r %t/matmul_f16_bias %t/matmul_f16_bias.bf16-128x128 && rm -f %t/matmul_f16_bias.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=matmul_f16_bias --input=%t/matmul_f16_bias.bf16-128x128/arg0.npy --input=%t/matmul_f16_bias.bf16-128x128/arg1.npy --input=%t/matmul_f16_bias.bf16-128x128/arg2.npy --output-dir=%t/matmul_f16_bias.bf16-128x128
// RUN: %python %S/Inputs/reference.py check matmul_f16_bias %t/matmul_f16_bias.bf16-128x128

// f16 operands, f32 accumulator and bias, f16 result.
func.func @matmul_f16_bias(%a: tensor<9x17xf16>, %b: tensor<17x12xf16>, %bias: tensor<12xf32>) -> tensor<9x12xf16> {
  %0 = accel.matmul %a, %b bias(%bias : tensor<12xf32>) acc(f32) : tensor<9x17xf16>, tensor<17x12xf16> -> tensor<9x12xf16>
  return %0 : tensor<9x12xf16>
}

// RUN: %python %S/Inputs/reference.py gen matmul_i8_i32 %t/matmul_i8_i32
// RUN: accel-run %s --target=cpu --entry=matmul_i8_i32 --input=%t/matmul_i8_i32/arg0.npy --input=%t/matmul_i8_i32/arg1.npy --input=%t/matmul_i8_i32/arg2.npy --output-dir=%t/matmul_i8_i32
// RUN: %python %S/Inputs/reference.py check matmul_i8_i32 %t/matmul_i8_i32
// RUN: rm -rf %t/matmul_i8_i32.int8-16x16 && cp -r %t/matmul_i8_i32 %t/matmul_i8_i32.int8-16x16 && rm -f %t/matmul_i8_i32.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=matmul_i8_i32 --input=%t/matmul_i8_i32.int8-16x16/arg0.npy --input=%t/matmul_i8_i32.int8-16x16/arg1.npy --input=%t/matmul_i8_i32.int8-16x16/arg2.npy --output-dir=%t/matmul_i8_i32.int8-16x16
// RUN: %python %S/Inputs/reference.py check matmul_i8_i32 %t/matmul_i8_i32.int8-16x16
// RUN: rm -rf %t/matmul_i8_i32.int8-256x256 && cp -r %t/matmul_i8_i32 %t/matmul_i8_i32.int8-256x256 && rm -f %t/matmul_i8_i32.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=matmul_i8_i32 --input=%t/matmul_i8_i32.int8-256x256/arg0.npy --input=%t/matmul_i8_i32.int8-256x256/arg1.npy --input=%t/matmul_i8_i32.int8-256x256/arg2.npy --output-dir=%t/matmul_i8_i32.int8-256x256
// RUN: %python %S/Inputs/reference.py check matmul_i8_i32 %t/matmul_i8_i32.int8-256x256
// RUN: rm -rf %t/matmul_i8_i32.bf16-128x128 && cp -r %t/matmul_i8_i32 %t/matmul_i8_i32.bf16-128x128 && rm -f %t/matmul_i8_i32.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=matmul_i8_i32 --input=%t/matmul_i8_i32.bf16-128x128/arg0.npy --input=%t/matmul_i8_i32.bf16-128x128/arg1.npy --input=%t/matmul_i8_i32.bf16-128x128/arg2.npy --output-dir=%t/matmul_i8_i32.bf16-128x128
// RUN: %python %S/Inputs/reference.py check matmul_i8_i32 %t/matmul_i8_i32.bf16-128x128

// Signless i8 x i8 -> raw i32 accumulators (zero point 0), without a bias and
// with a bias near the i32 limits, whose sums wrap modulo 2^32.
func.func @matmul_i8_i32(%a: tensor<7x33xi8>, %b: tensor<33x10xi8>, %bias: tensor<10xi32>) -> (tensor<7x10xi32>, tensor<7x10xi32>) {
  %0 = accel.matmul %a, %b acc(i32) : tensor<7x33xi8>, tensor<33x10xi8> -> tensor<7x10xi32>
  %1 = accel.matmul %a, %b bias(%bias : tensor<10xi32>) acc(i32) : tensor<7x33xi8>, tensor<33x10xi8> -> tensor<7x10xi32>
  return %0, %1 : tensor<7x10xi32>, tensor<7x10xi32>
}
