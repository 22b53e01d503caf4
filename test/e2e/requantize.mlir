// End-to-end tests of accel.requantize (docs/Numerics.md §2): x = sat32(q -
// zp_in[c]), out = clamp(zp_out + MBQM(x, s_in[c] / s_out)).  accel-run
// executes each entry function on inputs written by Inputs/reference.py,
// which then checks the results bit for bit.

// RUN: rm -rf %t && mkdir -p %t

// RUN: %python %S/Inputs/reference.py gen requantize_i32_per_axis %t/requantize_i32_per_axis
// RUN: accel-run %s --target=cpu --entry=requantize_i32_per_axis --input=%t/requantize_i32_per_axis/arg0.npy --output-dir=%t/requantize_i32_per_axis
// RUN: %python %S/Inputs/reference.py check requantize_i32_per_axis %t/requantize_i32_per_axis
// RUN: rm -rf %t/requantize_i32_per_axis.int8-16x16 && cp -r %t/requantize_i32_per_axis %t/requantize_i32_per_axis.int8-16x16 && rm -f %t/requantize_i32_per_axis.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=requantize_i32_per_axis --input=%t/requantize_i32_per_axis.int8-16x16/arg0.npy --output-dir=%t/requantize_i32_per_axis.int8-16x16
// RUN: %python %S/Inputs/reference.py check requantize_i32_per_axis %t/requantize_i32_per_axis.int8-16x16
// RUN: rm -rf %t/requantize_i32_per_axis.int8-256x256 && cp -r %t/requantize_i32_per_axis %t/requantize_i32_per_axis.int8-256x256 && rm -f %t/requantize_i32_per_axis.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=requantize_i32_per_axis --input=%t/requantize_i32_per_axis.int8-256x256/arg0.npy --output-dir=%t/requantize_i32_per_axis.int8-256x256
// RUN: %python %S/Inputs/reference.py check requantize_i32_per_axis %t/requantize_i32_per_axis.int8-256x256
// RUN: rm -rf %t/requantize_i32_per_axis.bf16-128x128 && cp -r %t/requantize_i32_per_axis %t/requantize_i32_per_axis.bf16-128x128 && rm -f %t/requantize_i32_per_axis.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=requantize_i32_per_axis --input=%t/requantize_i32_per_axis.bf16-128x128/arg0.npy --output-dir=%t/requantize_i32_per_axis.bf16-128x128
// RUN: %python %S/Inputs/reference.py check requantize_i32_per_axis %t/requantize_i32_per_axis.bf16-128x128

// One channel per branch of the multiplier recipe (s_out = 1, so M = s_in):
//   0: 2^-12, inputs on ties of both roundings    1: 2^-6 with zp -7
//   2: 0.001                                      3: 3.0 (left shift, sat32)
//   4: 0.125 * (1 - 2^-40): m rounds to 2^31      5: 1e-11: m = 0, result zp
//   6: 2^31: e > 30 saturates                     7: 2^-20 with zp 2147483000:
//                                                    q - zp saturates to i32
!acc = !quant.uniform<i32:f32:1, {0.000244140625, 0.015625:-7, 0.001, 3.0, 0.12499999999988631, 1.0e-11, 2147483648.0, 9.5367431640625e-07:2147483000}>
!out = !quant.uniform<i8:f32, 1.0:-1>
func.func @requantize_i32_per_axis(%x: tensor<9x8x!acc>) -> tensor<9x8x!out> {
  %0 = accel.requantize %x : tensor<9x8x!acc> -> tensor<9x8x!out>
  return %0 : tensor<9x8x!out>
}

// RUN: %python %S/Inputs/reference.py gen requantize_i8_u8 %t/requantize_i8_u8
// RUN: accel-run %s --target=cpu --entry=requantize_i8_u8 --input=%t/requantize_i8_u8/arg0.npy --output-dir=%t/requantize_i8_u8
// RUN: %python %S/Inputs/reference.py check requantize_i8_u8 %t/requantize_i8_u8
// RUN: rm -rf %t/requantize_i8_u8.int8-16x16 && cp -r %t/requantize_i8_u8 %t/requantize_i8_u8.int8-16x16 && rm -f %t/requantize_i8_u8.int8-16x16/result*.npy
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=requantize_i8_u8 --input=%t/requantize_i8_u8.int8-16x16/arg0.npy --output-dir=%t/requantize_i8_u8.int8-16x16
// RUN: %python %S/Inputs/reference.py check requantize_i8_u8 %t/requantize_i8_u8.int8-16x16
// RUN: rm -rf %t/requantize_i8_u8.int8-256x256 && cp -r %t/requantize_i8_u8 %t/requantize_i8_u8.int8-256x256 && rm -f %t/requantize_i8_u8.int8-256x256/result*.npy
// RUN: accel-run %s --target=int8-256x256 --no-cost-model --entry=requantize_i8_u8 --input=%t/requantize_i8_u8.int8-256x256/arg0.npy --output-dir=%t/requantize_i8_u8.int8-256x256
// RUN: %python %S/Inputs/reference.py check requantize_i8_u8 %t/requantize_i8_u8.int8-256x256
// RUN: rm -rf %t/requantize_i8_u8.bf16-128x128 && cp -r %t/requantize_i8_u8 %t/requantize_i8_u8.bf16-128x128 && rm -f %t/requantize_i8_u8.bf16-128x128/result*.npy
// RUN: accel-run %s --target=bf16-128x128 --no-cost-model --entry=requantize_i8_u8 --input=%t/requantize_i8_u8.bf16-128x128/arg0.npy --output-dir=%t/requantize_i8_u8.bf16-128x128
// RUN: %python %S/Inputs/reference.py check requantize_i8_u8 %t/requantize_i8_u8.bf16-128x128

// M = 0.3 / 0.2 ~ 1.5: a left shift of 1 and SRDHM ties (toward +inf).
!i8t = !quant.uniform<i8:f32, 0.3:3>
!u8t = !quant.uniform<u8:f32, 0.2:128>
func.func @requantize_i8_u8(%x: tensor<6x7x!i8t>) -> tensor<6x7x!u8t> {
  %0 = accel.requantize %x : tensor<6x7x!i8t> -> tensor<6x7x!u8t>
  return %0 : tensor<6x7x!u8t>
}
