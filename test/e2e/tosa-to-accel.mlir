// A small TOSA model through convert-tosa-to-accel, then accel-run.
// RUN: rm -rf %t && mkdir -p %t/float %t/int8 %t/int8-accel
// RUN: accel-opt %s --convert-tosa-to-accel -o %t/model.mlir
// RUN: FileCheck %s --check-prefix=CONVERTED < %t/model.mlir

// CONVERTED-LABEL: func.func @float_cnn
// CONVERTED-NOT: tosa.conv2d
// CONVERTED: accel.conv2d
// CONVERTED: accel.relu
// CONVERTED: accel.max_pool2d
// CONVERTED: accel.add
// CONVERTED-LABEL: func.func @int8_matmul
// CONVERTED: accel.matmul
// CONVERTED: accel.requantize
// CONVERTED-NOT: tosa.matmul
// CONVERTED-NOT: tosa.rescale

// Float: conv2d (OHWI filter argument, transposed) + bias, relu, 2x2 max pool,
// add; numpy computes the same in float64.
// RUN: accel-run %t/model.mlir --target=cpu --entry=float_cnn --seed=7 --output-dir=%t/float
// RUN: %python %S/Inputs/np_check.py %t/float "(lambda c: (np.maximum(c, 0).reshape(1, 4, 2, 4, 2, 4).max(axis=(2, 4)) + arg2).astype(np.float32))(np.einsum('nhwcij,fijc->nhwf', np.lib.stride_tricks.sliding_window_view(np.pad(arg0, ((0, 0), (1, 1), (1, 1), (0, 0))), (3, 3), axis=(1, 2)), arg1) + np.array([0.5, -0.25, 0.0, 1.0]))" --rtol 1e-5 --atol 1e-5 | FileCheck %s
// CHECK: PASS

// int8: raw i8 x i8 -> i32 matmul and a DOUBLE_ROUND rescale, compared
// exactly with TOSA's apply_scale_32 in numpy.
// RUN: accel-run %t/model.mlir --target=cpu --entry=int8_matmul --seed=3 --output-dir=%t/int8
// RUN: %python %S/Inputs/np_check.py %t/int8 "(lambda a: np.clip(((a * 1717986918 + (1 << 41) + np.where(a >= 0, 1 << 30, -(1 << 30))) >> 42) - 1, -128, 127).astype(np.int8))(arg0.astype(np.int64) @ arg1.astype(np.int64))" | FileCheck %s

// On an int8 accelerator both converted ops are placed there.
// RUN: accel-run %t/model.mlir --target=int8-16x16 --no-cost-model --entry=int8_matmul --seed=3 --output-dir=%t/int8-accel | FileCheck %s --check-prefix=PLACE
// RUN: %python %S/Inputs/np_check.py %t/int8-accel "np.load('%t/int8/result0.npy')" | FileCheck %s
// PLACE: placement: 2 op(s) on the accelerator, 0 on the host

// accel-run converts TOSA itself: the raw TOSA model gives the same bytes,
// the matmul and rescale running on the simulator.
// RUN: accel-run %s --target=int8-16x16 --no-cost-model --entry=int8_matmul --seed=3 --output-dir=%t/int8-raw | FileCheck %s --check-prefix=RAW
// RUN: %python %S/Inputs/np_check.py %t/int8-raw "np.load('%t/int8/result0.npy')" | FileCheck %s
// RAW: placement: 2 op(s) on the accelerator, 0 on the host
// RAW: accelerator: {{[12]}} launch(es)

func.func @float_cnn(%x: tensor<1x8x8x3xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> {
  %bias = "tosa.const"() <{values = dense<[0.5, -0.25, 0.0, 1.0]> : tensor<4xf32>}> : () -> tensor<4xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %0 = tosa.conv2d %x, %w, %bias, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x8x4xf32>
  %1 = tosa.clamp %0 {min_val = 0.0 : f32, max_val = 0x7F800000 : f32} : (tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  %2 = tosa.max_pool2d %1 {kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x8x8x4xf32>) -> tensor<1x4x4x4xf32>
  %3 = tosa.add %2, %b : (tensor<1x4x4x4xf32>, tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  return %3 : tensor<1x4x4x4xf32>
}

// M = 1717986918 * 2^-42 (about 0.00039), output zero point -1.
func.func @int8_matmul(%a: tensor<1x16x32xi8>, %b: tensor<1x32x16xi8>) -> tensor<1x16x16xi8> {
  %zp8 = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %0 = tosa.matmul %a, %b, %zp8, %zp8 : (tensor<1x16x32xi8>, tensor<1x32x16xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x16x16xi32>
  %m = "tosa.const"() <{values = dense<1717986918> : tensor<1xi32>}> : () -> tensor<1xi32>
  %s = "tosa.const"() <{values = dense<42> : tensor<1xi8>}> : () -> tensor<1xi8>
  %zp32 = "tosa.const"() <{values = dense<0> : tensor<1xi32>}> : () -> tensor<1xi32>
  %ozp = "tosa.const"() <{values = dense<-1> : tensor<1xi8>}> : () -> tensor<1xi8>
  %1 = tosa.rescale %0, %m, %s, %zp32, %ozp {scale32 = true, rounding_mode = DOUBLE_ROUND, per_channel = false, input_unsigned = false, output_unsigned = false} : (tensor<1x16x16xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<1x16x16xi8>
  return %1 : tensor<1x16x16xi8>
}
