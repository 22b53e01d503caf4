// End-to-end tests of batched accel.matmul: both operands batched, and a 2-D
// rhs shared by every batch.  accel-run executes each entry function on
// inputs written by Inputs/reference.py, which then checks the results.

// RUN: rm -rf %t && mkdir -p %t

!lhs = !quant.uniform<i8:f32, 0.05:-4>
!rhs = !quant.uniform<i8:f32:1, {0.01, 0.02, 0.015, 0.03, 0.0125, 0.005}>
!out = !quant.uniform<i8:f32, 0.3:2>

// RUN: %python %S/Inputs/reference.py gen batch_matmul_f32 %t/batch_matmul_f32
// RUN: accel-run %s --target=cpu --entry=batch_matmul_f32 --input=%t/batch_matmul_f32/arg0.npy --input=%t/batch_matmul_f32/arg1.npy --output-dir=%t/batch_matmul_f32
// RUN: %python %S/Inputs/reference.py check batch_matmul_f32 %t/batch_matmul_f32
// RUN: rm -rf %t/batch_matmul_f32.int8-16x16 && cp -r %t/batch_matmul_f32 %t/batch_matmul_f32.int8-16x16 && rm -f %t/batch_matmul_f32.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=batch_matmul_f32 --input=%t/batch_matmul_f32.int8-16x16/arg0.npy --input=%t/batch_matmul_f32.int8-16x16/arg1.npy --output-dir=%t/batch_matmul_f32.int8-16x16
// RUN: %python %S/Inputs/reference.py check batch_matmul_f32 %t/batch_matmul_f32.int8-16x16
// RUN: rm -rf %t/batch_matmul_f32.int8-256x256 && cp -r %t/batch_matmul_f32 %t/batch_matmul_f32.int8-256x256 && rm -f %t/batch_matmul_f32.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=batch_matmul_f32 --input=%t/batch_matmul_f32.int8-256x256/arg0.npy --input=%t/batch_matmul_f32.int8-256x256/arg1.npy --output-dir=%t/batch_matmul_f32.int8-256x256
// RUN: %python %S/Inputs/reference.py check batch_matmul_f32 %t/batch_matmul_f32.int8-256x256
// RUN: rm -rf %t/batch_matmul_f32.bf16-128x128 && cp -r %t/batch_matmul_f32 %t/batch_matmul_f32.bf16-128x128 && rm -f %t/batch_matmul_f32.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=batch_matmul_f32 --input=%t/batch_matmul_f32.bf16-128x128/arg0.npy --input=%t/batch_matmul_f32.bf16-128x128/arg1.npy --output-dir=%t/batch_matmul_f32.bf16-128x128
// RUN: %python %S/Inputs/reference.py check batch_matmul_f32 %t/batch_matmul_f32.bf16-128x128

func.func @batch_matmul_f32(%a: tensor<3x5x9xf32>, %b: tensor<3x9x6xf32>) -> tensor<3x5x6xf32> {
  %0 = accel.matmul %a, %b acc(f32) : tensor<3x5x9xf32>, tensor<3x9x6xf32> -> tensor<3x5x6xf32>
  return %0 : tensor<3x5x6xf32>
}

// RUN: %python %S/Inputs/reference.py gen batch_matmul_f32_shared_rhs_bias %t/batch_matmul_f32_shared_rhs_bias
// RUN: accel-run %s --target=cpu --entry=batch_matmul_f32_shared_rhs_bias --input=%t/batch_matmul_f32_shared_rhs_bias/arg0.npy --input=%t/batch_matmul_f32_shared_rhs_bias/arg1.npy --input=%t/batch_matmul_f32_shared_rhs_bias/arg2.npy --output-dir=%t/batch_matmul_f32_shared_rhs_bias
// RUN: %python %S/Inputs/reference.py check batch_matmul_f32_shared_rhs_bias %t/batch_matmul_f32_shared_rhs_bias
// RUN: rm -rf %t/batch_matmul_f32_shared_rhs_bias.int8-16x16 && cp -r %t/batch_matmul_f32_shared_rhs_bias %t/batch_matmul_f32_shared_rhs_bias.int8-16x16 && rm -f %t/batch_matmul_f32_shared_rhs_bias.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=batch_matmul_f32_shared_rhs_bias --input=%t/batch_matmul_f32_shared_rhs_bias.int8-16x16/arg0.npy --input=%t/batch_matmul_f32_shared_rhs_bias.int8-16x16/arg1.npy --input=%t/batch_matmul_f32_shared_rhs_bias.int8-16x16/arg2.npy --output-dir=%t/batch_matmul_f32_shared_rhs_bias.int8-16x16
// RUN: %python %S/Inputs/reference.py check batch_matmul_f32_shared_rhs_bias %t/batch_matmul_f32_shared_rhs_bias.int8-16x16
// RUN: rm -rf %t/batch_matmul_f32_shared_rhs_bias.int8-256x256 && cp -r %t/batch_matmul_f32_shared_rhs_bias %t/batch_matmul_f32_shared_rhs_bias.int8-256x256 && rm -f %t/batch_matmul_f32_shared_rhs_bias.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=batch_matmul_f32_shared_rhs_bias --input=%t/batch_matmul_f32_shared_rhs_bias.int8-256x256/arg0.npy --input=%t/batch_matmul_f32_shared_rhs_bias.int8-256x256/arg1.npy --input=%t/batch_matmul_f32_shared_rhs_bias.int8-256x256/arg2.npy --output-dir=%t/batch_matmul_f32_shared_rhs_bias.int8-256x256
// RUN: %python %S/Inputs/reference.py check batch_matmul_f32_shared_rhs_bias %t/batch_matmul_f32_shared_rhs_bias.int8-256x256
// RUN: rm -rf %t/batch_matmul_f32_shared_rhs_bias.bf16-128x128 && cp -r %t/batch_matmul_f32_shared_rhs_bias %t/batch_matmul_f32_shared_rhs_bias.bf16-128x128 && rm -f %t/batch_matmul_f32_shared_rhs_bias.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=batch_matmul_f32_shared_rhs_bias --input=%t/batch_matmul_f32_shared_rhs_bias.bf16-128x128/arg0.npy --input=%t/batch_matmul_f32_shared_rhs_bias.bf16-128x128/arg1.npy --input=%t/batch_matmul_f32_shared_rhs_bias.bf16-128x128/arg2.npy --output-dir=%t/batch_matmul_f32_shared_rhs_bias.bf16-128x128
// RUN: %python %S/Inputs/reference.py check batch_matmul_f32_shared_rhs_bias %t/batch_matmul_f32_shared_rhs_bias.bf16-128x128

func.func @batch_matmul_f32_shared_rhs_bias(%a: tensor<3x5x9xf32>, %b: tensor<9x6xf32>, %bias: tensor<6xf32>) -> tensor<3x5x6xf32> {
  %0 = accel.matmul %a, %b bias(%bias : tensor<6xf32>) acc(f32) : tensor<3x5x9xf32>, tensor<9x6xf32> -> tensor<3x5x6xf32>
  return %0 : tensor<3x5x6xf32>
}

// RUN: %python %S/Inputs/reference.py gen batch_matmul_bf16_transposed %t/batch_matmul_bf16_transposed
// RUN: accel-run %s --target=cpu --entry=batch_matmul_bf16_transposed --input=%t/batch_matmul_bf16_transposed/arg0.npy --input=%t/batch_matmul_bf16_transposed/arg1.npy --output-dir=%t/batch_matmul_bf16_transposed
// RUN: %python %S/Inputs/reference.py check batch_matmul_bf16_transposed %t/batch_matmul_bf16_transposed
// RUN: rm -rf %t/batch_matmul_bf16_transposed.int8-16x16 && cp -r %t/batch_matmul_bf16_transposed %t/batch_matmul_bf16_transposed.int8-16x16 && rm -f %t/batch_matmul_bf16_transposed.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=batch_matmul_bf16_transposed --input=%t/batch_matmul_bf16_transposed.int8-16x16/arg0.npy --input=%t/batch_matmul_bf16_transposed.int8-16x16/arg1.npy --output-dir=%t/batch_matmul_bf16_transposed.int8-16x16
// RUN: %python %S/Inputs/reference.py check batch_matmul_bf16_transposed %t/batch_matmul_bf16_transposed.int8-16x16
// RUN: rm -rf %t/batch_matmul_bf16_transposed.int8-256x256 && cp -r %t/batch_matmul_bf16_transposed %t/batch_matmul_bf16_transposed.int8-256x256 && rm -f %t/batch_matmul_bf16_transposed.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=batch_matmul_bf16_transposed --input=%t/batch_matmul_bf16_transposed.int8-256x256/arg0.npy --input=%t/batch_matmul_bf16_transposed.int8-256x256/arg1.npy --output-dir=%t/batch_matmul_bf16_transposed.int8-256x256
// RUN: %python %S/Inputs/reference.py check batch_matmul_bf16_transposed %t/batch_matmul_bf16_transposed.int8-256x256
// RUN: rm -rf %t/batch_matmul_bf16_transposed.bf16-128x128 && cp -r %t/batch_matmul_bf16_transposed %t/batch_matmul_bf16_transposed.bf16-128x128 && rm -f %t/batch_matmul_bf16_transposed.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=batch_matmul_bf16_transposed --input=%t/batch_matmul_bf16_transposed.bf16-128x128/arg0.npy --input=%t/batch_matmul_bf16_transposed.bf16-128x128/arg1.npy --output-dir=%t/batch_matmul_bf16_transposed.bf16-128x128
// RUN: %python %S/Inputs/reference.py check batch_matmul_bf16_transposed %t/batch_matmul_bf16_transposed.bf16-128x128

func.func @batch_matmul_bf16_transposed(%a: tensor<3x9x5xbf16>, %b: tensor<3x6x9xbf16>) -> tensor<3x5x6xbf16> {
  %0 = accel.matmul %a, %b transpose_lhs transpose_rhs acc(f32) : tensor<3x9x5xbf16>, tensor<3x6x9xbf16> -> tensor<3x5x6xbf16>
  return %0 : tensor<3x5x6xbf16>
}

// RUN: %python %S/Inputs/reference.py gen batch_qmatmul_i8_shared_rhs %t/batch_qmatmul_i8_shared_rhs
// RUN: accel-run %s --target=cpu --entry=batch_qmatmul_i8_shared_rhs --input=%t/batch_qmatmul_i8_shared_rhs/arg0.npy --input=%t/batch_qmatmul_i8_shared_rhs/arg1.npy --output-dir=%t/batch_qmatmul_i8_shared_rhs
// RUN: %python %S/Inputs/reference.py check batch_qmatmul_i8_shared_rhs %t/batch_qmatmul_i8_shared_rhs
// RUN: rm -rf %t/batch_qmatmul_i8_shared_rhs.int8-16x16 && cp -r %t/batch_qmatmul_i8_shared_rhs %t/batch_qmatmul_i8_shared_rhs.int8-16x16 && rm -f %t/batch_qmatmul_i8_shared_rhs.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=batch_qmatmul_i8_shared_rhs --input=%t/batch_qmatmul_i8_shared_rhs.int8-16x16/arg0.npy --input=%t/batch_qmatmul_i8_shared_rhs.int8-16x16/arg1.npy --output-dir=%t/batch_qmatmul_i8_shared_rhs.int8-16x16
// RUN: %python %S/Inputs/reference.py check batch_qmatmul_i8_shared_rhs %t/batch_qmatmul_i8_shared_rhs.int8-16x16
// RUN: rm -rf %t/batch_qmatmul_i8_shared_rhs.int8-256x256 && cp -r %t/batch_qmatmul_i8_shared_rhs %t/batch_qmatmul_i8_shared_rhs.int8-256x256 && rm -f %t/batch_qmatmul_i8_shared_rhs.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=batch_qmatmul_i8_shared_rhs --input=%t/batch_qmatmul_i8_shared_rhs.int8-256x256/arg0.npy --input=%t/batch_qmatmul_i8_shared_rhs.int8-256x256/arg1.npy --output-dir=%t/batch_qmatmul_i8_shared_rhs.int8-256x256
// RUN: %python %S/Inputs/reference.py check batch_qmatmul_i8_shared_rhs %t/batch_qmatmul_i8_shared_rhs.int8-256x256
// RUN: rm -rf %t/batch_qmatmul_i8_shared_rhs.bf16-128x128 && cp -r %t/batch_qmatmul_i8_shared_rhs %t/batch_qmatmul_i8_shared_rhs.bf16-128x128 && rm -f %t/batch_qmatmul_i8_shared_rhs.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=batch_qmatmul_i8_shared_rhs --input=%t/batch_qmatmul_i8_shared_rhs.bf16-128x128/arg0.npy --input=%t/batch_qmatmul_i8_shared_rhs.bf16-128x128/arg1.npy --output-dir=%t/batch_qmatmul_i8_shared_rhs.bf16-128x128
// RUN: %python %S/Inputs/reference.py check batch_qmatmul_i8_shared_rhs %t/batch_qmatmul_i8_shared_rhs.bf16-128x128

// Quantized batches against one per-channel rhs.
func.func @batch_qmatmul_i8_shared_rhs(%a: tensor<3x5x17x!lhs>, %b: tensor<17x6x!rhs>) -> tensor<3x5x6x!out> {
  %0 = accel.matmul %a, %b acc(i32) : tensor<3x5x17x!lhs>, tensor<17x6x!rhs> -> tensor<3x5x6x!out>
  return %0 : tensor<3x5x6x!out>
}
