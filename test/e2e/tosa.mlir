// TOSA on tensors runs through the same CPU path (tosa-to-linalg first).
// RUN: rm -rf %t && mkdir -p %t
// RUN: accel-run %s --target=cpu --seed=4 --output-dir=%t
// RUN: %python %S/Inputs/np_check.py %t 'np.clip(arg0[0] @ arg1[0], 0, 1.5)[None].astype(np.float32)' --rtol 1e-5 --atol 1e-6 | FileCheck %s
// CHECK: PASS

// accel-run converts the TOSA ops it can to accel ops before placement: the
// matmul and clamp are placed (on the host here: the int8 preset has no f32),
// and the result is the same.
// RUN: accel-run %s --target=int8-16x16 --seed=4 --output-dir=%t/int8 | FileCheck %s --check-prefix=PLACE
// PLACE: placement: 0 op(s) on the accelerator, 2 on the host
// PLACE-NOT: notice
// RUN: %python %S/Inputs/np_check.py %t/int8 'np.clip(arg0[0] @ arg1[0], 0, 1.5)[None].astype(np.float32)' --rtol 1e-5 --atol 1e-6 | FileCheck %s

func.func @main(%a: tensor<1x5x7xf32>, %b: tensor<1x7x3xf32>) -> tensor<1x5x3xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %0 = tosa.matmul %a, %b, %zp, %zp : (tensor<1x5x7xf32>, tensor<1x7x3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x5x3xf32>
  %1 = tosa.clamp %0 {min_val = 0.0 : f32, max_val = 1.5 : f32} : (tensor<1x5x3xf32>) -> tensor<1x5x3xf32>
  return %1 : tensor<1x5x3xf32>
}
