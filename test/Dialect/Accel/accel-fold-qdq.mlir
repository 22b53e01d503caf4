// RUN: accel-opt %s --accel-fold-qdq --split-input-file -verify-diagnostics | FileCheck %s

// QDQ graphs (dequantize -> f32 contraction [-> relu/clamp] -> quantize)
// become one quantized contraction.  Chains that cannot fold stay as they
// are, with a remark on the contraction.

// Per-tensor operands: the contraction takes the dequantize inputs and
// produces the quantize's type; the f32 ops are gone.
// CHECK-LABEL: func.func @matmul_per_tensor(
// CHECK-SAME:      %[[A:[^:]*]]: tensor<4x8x!quant.uniform<i8:f32, 5.000000e-02:3>>, %[[W:[^:]*]]: tensor<8x16x!quant.uniform<i8:f32, 1.000000e-01:-2>>)
// CHECK-NEXT:    %[[M:.*]] = accel.matmul %[[A]], %[[W]] acc(i32) : tensor<4x8x!quant.uniform<i8:f32, 5.000000e-02:3>>, tensor<8x16x!quant.uniform<i8:f32, 1.000000e-01:-2>> -> tensor<4x16x!quant.uniform<i8:f32, 2.000000e-01:-1>>
// CHECK-NEXT:    return %[[M]] : tensor<4x16x!quant.uniform<i8:f32, 2.000000e-01:-1>>
!qa = !quant.uniform<i8:f32, 0.05:3>
!qw = !quant.uniform<i8:f32, 0.1:-2>
!qo = !quant.uniform<i8:f32, 0.2:-1>
func.func @matmul_per_tensor(%a: tensor<4x8x!qa>, %w: tensor<8x16x!qw>) -> tensor<4x16x!qo> {
  %0 = accel.dequantize %a : tensor<4x8x!qa> -> tensor<4x8xf32>
  %1 = accel.dequantize %w : tensor<8x16x!qw> -> tensor<8x16xf32>
  %2 = accel.matmul %0, %1 acc(f32) : tensor<4x8xf32>, tensor<8x16xf32> -> tensor<4x16xf32>
  %3 = accel.quantize %2 : tensor<4x16xf32> -> tensor<4x16x!qo>
  return %3 : tensor<4x16x!qo>
}

// -----

// Per-channel weights (along N, dimension 1 of the [K, N] rhs) and an f32
// bias, which becomes i32 at scale s_a * s_w[c] = 0.5 * s_w[c], rounded to
// nearest with ties to even (a bias past 2^30 does not fold: @bias_too_large):
//   c0: 0.0625 / 0.125  =  0.5       ->  0  (tie, to even)
//   c1: -0.375 / 0.25   = -1.5       -> -2  (tie, to even)
//   c2: 6.0e7 / 0.0625  =  9.6e8     ->  960000000
//   c3: -1.0e9 / 1.0    = -1.0e9     -> -1000000000
//   c4: 1.0 / 0.05      =  20        ->  20
//   c5: 0.3125 / 0.125  =  2.5       ->  2  (tie, to even)
// CHECK-LABEL: func.func @matmul_per_channel_bias(
// CHECK-SAME:      %[[A:[^:]*]]: tensor<4x8x!quant.uniform<i8:f32, 5.000000e-01>>, %[[W:[^:]*]]: tensor<8x6x!quant.uniform<i8:f32:1, {2.500000e-01,5.000000e-01,1.250000e-01,2.000000e+00,1.000000e-01,2.500000e-01}>>)
// CHECK-NEXT:    %[[B:.*]] = arith.constant dense<[0, -2, 960000000, -1000000000, 20, 2]> : tensor<6xi32>
// CHECK-NEXT:    %[[M:.*]] = accel.matmul %[[A]], %[[W]] bias(%[[B]] : tensor<6xi32>) acc(i32) : {{.*}} -> tensor<4x6x!quant.uniform<i8:f32, 2.500000e-01:5>>
// CHECK-NEXT:    return %[[M]]
!qa = !quant.uniform<i8:f32, 0.5>
!qw = !quant.uniform<i8:f32:1, {0.25, 0.5, 0.125, 2.0, 0.1, 0.25}>
!qo = !quant.uniform<i8:f32, 0.25:5>
func.func @matmul_per_channel_bias(%a: tensor<4x8x!qa>, %w: tensor<8x6x!qw>) -> tensor<4x6x!qo> {
  %0 = accel.dequantize %a : tensor<4x8x!qa> -> tensor<4x8xf32>
  %1 = accel.dequantize %w : tensor<8x6x!qw> -> tensor<8x6xf32>
  %b = arith.constant dense<[0.0625, -0.375, 6.0e7, -1.0e9, 1.0, 0.3125]> : tensor<6xf32>
  %2 = accel.matmul %0, %1 bias(%b : tensor<6xf32>) acc(f32) : tensor<4x8xf32>, tensor<8x6xf32> -> tensor<4x6xf32>
  %3 = accel.quantize %2 : tensor<4x6xf32> -> tensor<4x6x!qo>
  return %3 : tensor<4x6x!qo>
}

// -----

// Weights stored quantized as constants (quant.scast of raw i8), as
// frontends emit them: the scast stays, feeding the matmul directly.
// CHECK-LABEL: func.func @matmul_constant_weights(
// CHECK-SAME:      %[[A:[^:]*]]: tensor<2x3x!quant.uniform<i8:f32, 5.000000e-02:3>>)
// CHECK-NEXT:    %[[RAW:.*]] = arith.constant dense<{{\[}}[1, -2], [3, 4], [-5, 6]]> : tensor<3x2xi8>
// CHECK-NEXT:    %[[W:.*]] = quant.scast %[[RAW]] : tensor<3x2xi8> to tensor<3x2x!quant.uniform<i8:f32, 2.500000e-02>>
// CHECK-NEXT:    %[[M:.*]] = accel.matmul %[[A]], %[[W]] acc(i32) : {{.*}} -> tensor<2x2x!quant.uniform<i8:f32, 1.000000e-01:-4>>
// CHECK-NEXT:    return %[[M]]
!qa = !quant.uniform<i8:f32, 0.05:3>
!qw = !quant.uniform<i8:f32, 0.025>
!qo = !quant.uniform<i8:f32, 0.1:-4>
func.func @matmul_constant_weights(%a: tensor<2x3x!qa>) -> tensor<2x2x!qo> {
  %0 = accel.dequantize %a : tensor<2x3x!qa> -> tensor<2x3xf32>
  %raw = arith.constant dense<[[1, -2], [3, 4], [-5, 6]]> : tensor<3x2xi8>
  %wq = quant.scast %raw : tensor<3x2xi8> to tensor<3x2x!qw>
  %1 = accel.dequantize %wq : tensor<3x2x!qw> -> tensor<3x2xf32>
  %2 = accel.matmul %0, %1 acc(f32) : tensor<2x3xf32>, tensor<3x2xf32> -> tensor<2x2xf32>
  %3 = accel.quantize %2 : tensor<2x2xf32> -> tensor<2x2x!qo>
  return %3 : tensor<2x2x!qo>
}

// -----

// transpose_rhs carries over; the per-channel rhs [N, K] is quantized along
// dimension 0, its output channels.
// CHECK-LABEL: func.func @matmul_transpose_rhs(
// CHECK-SAME:      %[[A:[^:]*]]: tensor<4x8x!quant.uniform<u8:f32, 5.000000e-02:128>>, %[[W:[^:]*]]: tensor<3x8x!quant.uniform<i8:f32:0, {1.000000e-01,2.000000e-01,3.000000e-01}>>)
// CHECK-NEXT:    %[[M:.*]] = accel.matmul %[[A]], %[[W]] transpose_rhs acc(i32) : {{.*}} -> tensor<4x3x!quant.uniform<i8:f32, 5.000000e-01>>
// CHECK-NEXT:    return %[[M]]
!qa = !quant.uniform<u8:f32, 0.05:128>
!qw = !quant.uniform<i8:f32:0, {0.1, 0.2, 0.3}>
!qo = !quant.uniform<i8:f32, 0.5>
func.func @matmul_transpose_rhs(%a: tensor<4x8x!qa>, %w: tensor<3x8x!qw>) -> tensor<4x3x!qo> {
  %0 = accel.dequantize %a : tensor<4x8x!qa> -> tensor<4x8xf32>
  %1 = accel.dequantize %w : tensor<3x8x!qw> -> tensor<3x8xf32>
  %2 = accel.matmul %0, %1 transpose_rhs acc(f32) : tensor<4x8xf32>, tensor<3x8xf32> -> tensor<4x3xf32>
  %3 = accel.quantize %2 : tensor<4x3xf32> -> tensor<4x3x!qo>
  return %3 : tensor<4x3x!qo>
}

// -----

// A batched lhs with a shared 2-D rhs.
// CHECK-LABEL: func.func @matmul_batched(
// CHECK-NEXT:    %[[M:.*]] = accel.matmul %{{.*}}, %{{.*}} acc(i32) : tensor<2x4x8x!quant.uniform<i8:f32, 5.000000e-02>>, tensor<8x5x!quant.uniform<i8:f32:1, {{.*}}>> -> tensor<2x4x5x!quant.uniform<i8:f32, 2.000000e-01>>
// CHECK-NEXT:    return %[[M]]
!qa = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32:1, {0.1, 0.2, 0.3, 0.4, 0.5}>
!qo = !quant.uniform<i8:f32, 0.2>
func.func @matmul_batched(%a: tensor<2x4x8x!qa>, %w: tensor<8x5x!qw>) -> tensor<2x4x5x!qo> {
  %0 = accel.dequantize %a : tensor<2x4x8x!qa> -> tensor<2x4x8xf32>
  %1 = accel.dequantize %w : tensor<8x5x!qw> -> tensor<8x5xf32>
  %2 = accel.matmul %0, %1 acc(f32) : tensor<2x4x8xf32>, tensor<8x5xf32> -> tensor<2x4x5xf32>
  %3 = accel.quantize %2 : tensor<2x4x5xf32> -> tensor<2x4x5x!qo>
  return %3 : tensor<2x4x5x!qo>
}

// -----

// conv2d with a per-channel filter (along F, dimension 3): strides and
// padding carry over, and the bias becomes i32 at 0.5 * s_w[f]:
//   f0: 1.0 / 0.25 = 4,  f1: -1.0 / 0.125 = -8,  f2: 0.0 -> 0.
// CHECK-LABEL: func.func @conv2d_per_channel_bias(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<1x9x9x2x!quant.uniform<i8:f32, 5.000000e-01:-4>>, %[[F:[^:]*]]: tensor<3x3x2x3x!quant.uniform<i8:f32:3, {5.000000e-01,2.500000e-01,1.250000e-01}>>)
// CHECK-NEXT:    %[[B:.*]] = arith.constant dense<[4, -8, 0]> : tensor<3xi32>
// CHECK-NEXT:    %[[C:.*]] = accel.conv2d %[[X]], %[[F]] bias(%[[B]] : tensor<3xi32>) strides [2, 2] padding [1, 1, 1, 1] acc(i32) : {{.*}} -> tensor<1x5x5x3x!quant.uniform<u8:f32, 1.000000e-01:128>>
// CHECK-NEXT:    return %[[C]]
!qx = !quant.uniform<i8:f32, 0.5:-4>
!qf = !quant.uniform<i8:f32:3, {0.5, 0.25, 0.125}>
!qo = !quant.uniform<u8:f32, 0.1:128>
func.func @conv2d_per_channel_bias(%x: tensor<1x9x9x2x!qx>, %f: tensor<3x3x2x3x!qf>) -> tensor<1x5x5x3x!qo> {
  %0 = accel.dequantize %x : tensor<1x9x9x2x!qx> -> tensor<1x9x9x2xf32>
  %1 = accel.dequantize %f : tensor<3x3x2x3x!qf> -> tensor<3x3x2x3xf32>
  %b = arith.constant dense<[1.0, -1.0, 0.0]> : tensor<3xf32>
  %2 = accel.conv2d %0, %1 bias(%b : tensor<3xf32>) strides [2, 2] padding [1, 1, 1, 1] acc(f32) : tensor<1x9x9x2xf32>, tensor<3x3x2x3xf32> -> tensor<1x5x5x3xf32>
  %3 = accel.quantize %2 : tensor<1x5x5x3xf32> -> tensor<1x5x5x3x!qo>
  return %3 : tensor<1x5x5x3x!qo>
}

// -----

// A relu between the contraction and the quantize runs on the quantized
// result: quantize(max(x, 0)) = max(quantize(x), zp).
// CHECK-LABEL: func.func @relu_between(
// CHECK-NEXT:    %[[M:.*]] = accel.matmul %{{.*}}, %{{.*}} acc(i32) : {{.*}} -> tensor<4x16x!quant.uniform<i8:f32, 2.000000e-01:-1>>
// CHECK-NEXT:    %[[R:.*]] = accel.relu %[[M]] : tensor<4x16x!quant.uniform<i8:f32, 2.000000e-01:-1>>
// CHECK-NEXT:    return %[[R]]
!qa = !quant.uniform<i8:f32, 0.05:3>
!qw = !quant.uniform<i8:f32, 0.1>
!qo = !quant.uniform<i8:f32, 0.2:-1>
func.func @relu_between(%a: tensor<4x8x!qa>, %w: tensor<8x16x!qw>) -> tensor<4x16x!qo> {
  %0 = accel.dequantize %a : tensor<4x8x!qa> -> tensor<4x8xf32>
  %1 = accel.dequantize %w : tensor<8x16x!qw> -> tensor<8x16xf32>
  %2 = accel.matmul %0, %1 acc(f32) : tensor<4x8xf32>, tensor<8x16xf32> -> tensor<4x16xf32>
  %3 = accel.relu %2 : tensor<4x16xf32>
  %4 = accel.quantize %3 : tensor<4x16xf32> -> tensor<4x16x!qo>
  return %4 : tensor<4x16x!qo>
}

// -----

// relu6 at scale 2^-4: 0 / 0.0625 = 0 and 6 / 0.0625 = 96 are exact, so the
// quantized clamp's own rounding of the real bounds (ceil(0 - 100) = -100,
// floor(96 - 100) = -4) already gives quantize(0) and quantize(6): the
// bounds stay as written.
// CHECK-LABEL: func.func @clamp_between(
// CHECK-NEXT:    %[[M:.*]] = accel.matmul %{{.*}}, %{{.*}} acc(i32) : {{.*}} -> tensor<4x16x!quant.uniform<i8:f32, 6.250000e-02:-100>>
// CHECK-NEXT:    %[[C:.*]] = accel.clamp %[[M]] min 0.000000e+00 max 6.000000e+00 : tensor<4x16x!quant.uniform<i8:f32, 6.250000e-02:-100>>
// CHECK-NEXT:    return %[[C]]
!qa = !quant.uniform<i8:f32, 0.05:3>
!qw = !quant.uniform<i8:f32, 0.1>
!qo = !quant.uniform<i8:f32, 0.0625:-100>
func.func @clamp_between(%a: tensor<4x8x!qa>, %w: tensor<8x16x!qw>) -> tensor<4x16x!qo> {
  %0 = accel.dequantize %a : tensor<4x8x!qa> -> tensor<4x8xf32>
  %1 = accel.dequantize %w : tensor<8x16x!qw> -> tensor<8x16xf32>
  %2 = accel.matmul %0, %1 acc(f32) : tensor<4x8xf32>, tensor<8x16xf32> -> tensor<4x16xf32>
  %3 = accel.clamp %2 min 0.0 max 6.0 : tensor<4x16xf32>
  %4 = accel.quantize %3 : tensor<4x16xf32> -> tensor<4x16x!qo>
  return %4 : tensor<4x16x!qo>
}

// -----

// Bounds whose quantized value the quantized clamp would round differently:
// at scale 0.125, zero point -20, the f32 graph clamps to the f32 bounds
// -0.2 -> -0.19999999 and 6.1 -> 6.0999999, which quantize to
// rne(-1.6) - 20 = -22 and rne(48.8) - 20 = 29; the quantized clamp of the
// written bounds would keep ceil(-1.6 - 20) = -21 and floor(48.8 - 20) = 28.
// The folded clamp gets the midpoints below -22 and above 29 instead:
//   (-22 + 20 - 0.5) * 0.125 = -0.3125   and   (29 + 20 + 0.5) * 0.125 = 6.1875.
// CHECK-LABEL: func.func @clamp_bounds_requantized(
// CHECK-NEXT:    %[[M:.*]] = accel.matmul %{{.*}}, %{{.*}} acc(i32) : {{.*}} -> tensor<4x16x!quant.uniform<i8:f32, 1.250000e-01:-20>>
// CHECK-NEXT:    %[[C:.*]] = accel.clamp %[[M]] min -3.125000e-01 max 6.187500e+00 : tensor<4x16x!quant.uniform<i8:f32, 1.250000e-01:-20>>
// CHECK-NEXT:    return %[[C]]
!qa = !quant.uniform<i8:f32, 0.05:3>
!qw = !quant.uniform<i8:f32, 0.1>
!qo = !quant.uniform<i8:f32, 0.125:-20>
func.func @clamp_bounds_requantized(%a: tensor<4x8x!qa>, %w: tensor<8x16x!qw>) -> tensor<4x16x!qo> {
  %0 = accel.dequantize %a : tensor<4x8x!qa> -> tensor<4x8xf32>
  %1 = accel.dequantize %w : tensor<8x16x!qw> -> tensor<8x16xf32>
  %2 = accel.matmul %0, %1 acc(f32) : tensor<4x8xf32>, tensor<8x16xf32> -> tensor<4x16xf32>
  %3 = accel.clamp %2 min -0.2 max 6.1 : tensor<4x16xf32>
  %4 = accel.quantize %3 : tensor<4x16xf32> -> tensor<4x16x!qo>
  return %4 : tensor<4x16x!qo>
}

// -----

// relu then clamp: both move to the quantized result, in order.
// CHECK-LABEL: func.func @relu_then_clamp(
// CHECK-NEXT:    %[[M:.*]] = accel.matmul
// CHECK-NEXT:    %[[R:.*]] = accel.relu %[[M]]
// CHECK-NEXT:    %[[C:.*]] = accel.clamp %[[R]] min 0.000000e+00 max 6.000000e+00
// CHECK-NEXT:    return %[[C]]
!qa = !quant.uniform<i8:f32, 0.05:3>
!qw = !quant.uniform<i8:f32, 0.1>
!qo = !quant.uniform<i8:f32, 0.0625:-100>
func.func @relu_then_clamp(%a: tensor<4x8x!qa>, %w: tensor<8x16x!qw>) -> tensor<4x16x!qo> {
  %0 = accel.dequantize %a : tensor<4x8x!qa> -> tensor<4x8xf32>
  %1 = accel.dequantize %w : tensor<8x16x!qw> -> tensor<8x16xf32>
  %2 = accel.matmul %0, %1 acc(f32) : tensor<4x8xf32>, tensor<8x16xf32> -> tensor<4x16xf32>
  %3 = accel.relu %2 : tensor<4x16xf32>
  %4 = accel.clamp %3 min 0.0 max 6.0 : tensor<4x16xf32>
  %5 = accel.quantize %4 : tensor<4x16xf32> -> tensor<4x16x!qo>
  return %5 : tensor<4x16x!qo>
}

// -----

// A dequantize with another user still folds: the matmul reads the
// quantized value and the dequantize stays for its other user.
// CHECK-LABEL: func.func @dequantize_other_user(
// CHECK-SAME:      %[[A:[^:]*]]: tensor<4x8x!quant.uniform<i8:f32, 5.000000e-02:3>>, %[[W:[^:]*]]: tensor<8x16x!quant.uniform<i8:f32, 1.000000e-01>>)
// CHECK-NEXT:    %[[D:.*]] = accel.dequantize %[[A]] : tensor<4x8x!quant.uniform<i8:f32, 5.000000e-02:3>> -> tensor<4x8xf32>
// CHECK-NEXT:    %[[M:.*]] = accel.matmul %[[A]], %[[W]] acc(i32)
// CHECK-NEXT:    return %[[M]], %[[D]]
!qa = !quant.uniform<i8:f32, 0.05:3>
!qw = !quant.uniform<i8:f32, 0.1>
!qo = !quant.uniform<i8:f32, 0.2:-1>
func.func @dequantize_other_user(%a: tensor<4x8x!qa>, %w: tensor<8x16x!qw>) -> (tensor<4x16x!qo>, tensor<4x8xf32>) {
  %0 = accel.dequantize %a : tensor<4x8x!qa> -> tensor<4x8xf32>
  %1 = accel.dequantize %w : tensor<8x16x!qw> -> tensor<8x16xf32>
  %2 = accel.matmul %0, %1 acc(f32) : tensor<4x8xf32>, tensor<8x16xf32> -> tensor<4x16xf32>
  %3 = accel.quantize %2 : tensor<4x16xf32> -> tensor<4x16x!qo>
  return %3, %0 : tensor<4x16x!qo>, tensor<4x8xf32>
}

// -----

// Two folds in one function: the second layer's input is the first layer's
// quantize, through its dequantize.
// CHECK-LABEL: func.func @two_layers(
// CHECK-SAME:      %[[A:[^:]*]]: tensor<4x8x{{.*}}>, %[[W1:[^:]*]]: tensor<8x16x{{.*}}>, %[[W2:[^:]*]]: tensor<16x2x{{.*}}>)
// CHECK-NEXT:    %[[H:.*]] = accel.matmul %[[A]], %[[W1]] acc(i32)
// CHECK-NEXT:    %[[R:.*]] = accel.relu %[[H]]
// CHECK-NEXT:    %[[O:.*]] = accel.matmul %[[R]], %[[W2]] acc(i32)
// CHECK-NEXT:    return %[[O]]
!qa = !quant.uniform<i8:f32, 0.05:3>
!qw = !quant.uniform<i8:f32, 0.1>
!qh = !quant.uniform<i8:f32, 0.2:-1>
!qo = !quant.uniform<i8:f32, 0.4:2>
func.func @two_layers(%a: tensor<4x8x!qa>, %w1: tensor<8x16x!qw>, %w2: tensor<16x2x!qw>) -> tensor<4x2x!qo> {
  %0 = accel.dequantize %a : tensor<4x8x!qa> -> tensor<4x8xf32>
  %1 = accel.dequantize %w1 : tensor<8x16x!qw> -> tensor<8x16xf32>
  %2 = accel.matmul %0, %1 acc(f32) : tensor<4x8xf32>, tensor<8x16xf32> -> tensor<4x16xf32>
  %3 = accel.relu %2 : tensor<4x16xf32>
  %4 = accel.quantize %3 : tensor<4x16xf32> -> tensor<4x16x!qh>
  %5 = accel.dequantize %4 : tensor<4x16x!qh> -> tensor<4x16xf32>
  %6 = accel.dequantize %w2 : tensor<16x2x!qw> -> tensor<16x2xf32>
  %7 = accel.matmul %5, %6 acc(f32) : tensor<4x16xf32>, tensor<16x2xf32> -> tensor<4x2xf32>
  %8 = accel.quantize %7 : tensor<4x2xf32> -> tensor<4x2x!qo>
  return %8 : tensor<4x2x!qo>
}

// -----

// A bias that is not a constant has no compile-time i32 values: unchanged.
// CHECK-LABEL: func.func @bias_not_constant(
// CHECK:         accel.matmul %{{.*}}, %{{.*}} bias(%{{.*}} : tensor<16xf32>) acc(f32)
// CHECK-NEXT:    accel.quantize
!qa = !quant.uniform<i8:f32, 0.05:3>
!qw = !quant.uniform<i8:f32, 0.1>
!qo = !quant.uniform<i8:f32, 0.2:-1>
func.func @bias_not_constant(%a: tensor<4x8x!qa>, %w: tensor<8x16x!qw>, %b: tensor<16xf32>) -> tensor<4x16x!qo> {
  %0 = accel.dequantize %a : tensor<4x8x!qa> -> tensor<4x8xf32>
  %1 = accel.dequantize %w : tensor<8x16x!qw> -> tensor<8x16xf32>
  // expected-remark @below {{not folded into a quantized accel.matmul: bias is not a constant, so its i32 values at scale s_lhs * s_rhs[c] are unknown at compile time}}
  %2 = accel.matmul %0, %1 bias(%b : tensor<16xf32>) acc(f32) : tensor<4x8xf32>, tensor<8x16xf32> -> tensor<4x16xf32>
  %3 = accel.quantize %2 : tensor<4x16xf32> -> tensor<4x16x!qo>
  return %3 : tensor<4x16x!qo>
}

// -----

// A bias of 1e6 at scale 0.05 * 0.01 would be 2e9 in i32: more than 2^30
// leaves the accumulator no headroom, and the graph fixes the scales.
// CHECK-LABEL: func.func @bias_too_large(
// CHECK:         accel.matmul %{{.*}}, %{{.*}} bias(%{{.*}} : tensor<2xf32>) acc(f32)
!qa = !quant.uniform<i8:f32, 0.05:3>
!qw = !quant.uniform<i8:f32, 0.01>
!qo = !quant.uniform<i8:f32, 0.2:-1>
func.func @bias_too_large(%a: tensor<4x8x!qa>, %w: tensor<8x2x!qw>) -> tensor<4x2x!qo> {
  %b = arith.constant dense<[1.0e6, 0.5]> : tensor<2xf32>
  %0 = accel.dequantize %a : tensor<4x8x!qa> -> tensor<4x8xf32>
  %1 = accel.dequantize %w : tensor<8x2x!qw> -> tensor<8x2xf32>
  // expected-remark @below {{not folded into a quantized accel.matmul: bias element 0 (1000000.00) needs more than 2^30 at scale s_lhs * s_rhs[c], leaving the i32 accumulator no headroom}}
  %2 = accel.matmul %0, %1 bias(%b : tensor<2xf32>) acc(f32) : tensor<4x8xf32>, tensor<8x2xf32> -> tensor<4x2xf32>
  %3 = accel.quantize %2 : tensor<4x2xf32> -> tensor<4x2x!qo>
  return %3 : tensor<4x2x!qo>
}

// -----

// The f32 result has another user, which would lose its value: unchanged.
// CHECK-LABEL: func.func @result_other_user(
// CHECK:         %[[M:.*]] = accel.matmul %{{.*}}, %{{.*}} acc(f32)
// CHECK-NEXT:    %[[Q:.*]] = accel.quantize %[[M]]
// CHECK-NEXT:    return %[[Q]], %[[M]]
!qa = !quant.uniform<i8:f32, 0.05:3>
!qw = !quant.uniform<i8:f32, 0.1>
!qo = !quant.uniform<i8:f32, 0.2:-1>
func.func @result_other_user(%a: tensor<4x8x!qa>, %w: tensor<8x16x!qw>) -> (tensor<4x16x!qo>, tensor<4x16xf32>) {
  %0 = accel.dequantize %a : tensor<4x8x!qa> -> tensor<4x8xf32>
  %1 = accel.dequantize %w : tensor<8x16x!qw> -> tensor<8x16xf32>
  // expected-remark @below {{not folded into a quantized accel.matmul: its f32 result has users besides the relu/clamp/quantize chain}}
  %2 = accel.matmul %0, %1 acc(f32) : tensor<4x8xf32>, tensor<8x16xf32> -> tensor<4x16xf32>
  %3 = accel.quantize %2 : tensor<4x16xf32> -> tensor<4x16x!qo>
  return %3, %2 : tensor<4x16x!qo>, tensor<4x16xf32>
}

// -----

// Two quantizes of one matmul: neither may take the f32 value away; one
// remark.
// CHECK-LABEL: func.func @two_quantizes(
// CHECK:         accel.matmul %{{.*}}, %{{.*}} acc(f32)
// CHECK-NEXT:    accel.quantize
// CHECK-NEXT:    accel.quantize
!qa = !quant.uniform<i8:f32, 0.05:3>
!qw = !quant.uniform<i8:f32, 0.1>
!qo = !quant.uniform<i8:f32, 0.2:-1>
!qo2 = !quant.uniform<u8:f32, 0.3:128>
func.func @two_quantizes(%a: tensor<4x8x!qa>, %w: tensor<8x16x!qw>) -> (tensor<4x16x!qo>, tensor<4x16x!qo2>) {
  %0 = accel.dequantize %a : tensor<4x8x!qa> -> tensor<4x8xf32>
  %1 = accel.dequantize %w : tensor<8x16x!qw> -> tensor<8x16xf32>
  // expected-remark @below {{its f32 result has users besides}}
  %2 = accel.matmul %0, %1 acc(f32) : tensor<4x8xf32>, tensor<8x16xf32> -> tensor<4x16xf32>
  %3 = accel.quantize %2 : tensor<4x16xf32> -> tensor<4x16x!qo>
  %4 = accel.quantize %2 : tensor<4x16xf32> -> tensor<4x16x!qo2>
  return %3, %4 : tensor<4x16x!qo>, tensor<4x16x!qo2>
}

// -----

// The relu's f32 result has another user: unchanged.
// CHECK-LABEL: func.func @relu_other_user(
// CHECK:         %[[M:.*]] = accel.matmul %{{.*}}, %{{.*}} acc(f32)
// CHECK-NEXT:    %[[R:.*]] = accel.relu %[[M]] : tensor<4x16xf32>
// CHECK-NEXT:    %[[Q:.*]] = accel.quantize %[[R]]
// CHECK-NEXT:    return %[[Q]], %[[R]]
!qa = !quant.uniform<i8:f32, 0.05:3>
!qw = !quant.uniform<i8:f32, 0.1>
!qo = !quant.uniform<i8:f32, 0.2:-1>
func.func @relu_other_user(%a: tensor<4x8x!qa>, %w: tensor<8x16x!qw>) -> (tensor<4x16x!qo>, tensor<4x16xf32>) {
  %0 = accel.dequantize %a : tensor<4x8x!qa> -> tensor<4x8xf32>
  %1 = accel.dequantize %w : tensor<8x16x!qw> -> tensor<8x16xf32>
  // expected-remark @below {{not folded into a quantized accel.matmul: the f32 result of accel.relu has users besides the accel.quantize}}
  %2 = accel.matmul %0, %1 acc(f32) : tensor<4x8xf32>, tensor<8x16xf32> -> tensor<4x16xf32>
  %3 = accel.relu %2 : tensor<4x16xf32>
  %4 = accel.quantize %3 : tensor<4x16xf32> -> tensor<4x16x!qo>
  return %4, %3 : tensor<4x16x!qo>, tensor<4x16xf32>
}

// -----

// Weights quantized along K (dimension 0 of the [K, N] rhs): their scales
// do not factor out of the sum, and the quantized matmul rejects them.
// CHECK-LABEL: func.func @rhs_axis_k(
// CHECK:         accel.matmul %{{.*}}, %{{.*}} acc(f32)
// CHECK-NEXT:    accel.quantize
!qa = !quant.uniform<i8:f32, 0.05:3>
!qw = !quant.uniform<i8:f32:0, {0.1, 0.2, 0.3, 0.4}>
!qo = !quant.uniform<i8:f32, 0.2:-1>
func.func @rhs_axis_k(%a: tensor<2x4x!qa>, %w: tensor<4x3x!qw>) -> tensor<2x3x!qo> {
  %0 = accel.dequantize %a : tensor<2x4x!qa> -> tensor<2x4xf32>
  %1 = accel.dequantize %w : tensor<4x3x!qw> -> tensor<4x3xf32>
  // expected-remark @below {{not folded into a quantized accel.matmul: expected rhs quantized per tensor or along its output-channel dimension 1, found dimension 0: those scales do not factor out of the sum}}
  %2 = accel.matmul %0, %1 acc(f32) : tensor<2x4xf32>, tensor<4x3xf32> -> tensor<2x3xf32>
  %3 = accel.quantize %2 : tensor<2x3xf32> -> tensor<2x3x!qo>
  return %3 : tensor<2x3x!qo>
}

// -----

// With transpose_rhs the output channels are dimension 0 of the [N, K]
// rhs; a filter quantized along dimension 1 (K) does not fold.
// CHECK-LABEL: func.func @rhs_transposed_axis_k(
// CHECK:         accel.matmul %{{.*}}, %{{.*}} transpose_rhs acc(f32)
!qa = !quant.uniform<i8:f32, 0.05:3>
!qw = !quant.uniform<i8:f32:1, {0.1, 0.2, 0.3, 0.4}>
!qo = !quant.uniform<i8:f32, 0.2:-1>
func.func @rhs_transposed_axis_k(%a: tensor<2x4x!qa>, %w: tensor<3x4x!qw>) -> tensor<2x3x!qo> {
  %0 = accel.dequantize %a : tensor<2x4x!qa> -> tensor<2x4xf32>
  %1 = accel.dequantize %w : tensor<3x4x!qw> -> tensor<3x4xf32>
  // expected-remark @below {{expected rhs quantized per tensor or along its output-channel dimension 0, found dimension 1}}
  %2 = accel.matmul %0, %1 transpose_rhs acc(f32) : tensor<2x4xf32>, tensor<3x4xf32> -> tensor<2x3xf32>
  %3 = accel.quantize %2 : tensor<2x3xf32> -> tensor<2x3x!qo>
  return %3 : tensor<2x3x!qo>
}

// -----

// A per-axis lhs: the quantized matmul takes only per-tensor lhs.
// CHECK-LABEL: func.func @lhs_per_axis(
// CHECK:         accel.matmul %{{.*}}, %{{.*}} acc(f32)
!qa = !quant.uniform<i8:f32:0, {0.05, 0.06}>
!qw = !quant.uniform<i8:f32, 0.1>
!qo = !quant.uniform<i8:f32, 0.2:-1>
func.func @lhs_per_axis(%a: tensor<2x4x!qa>, %w: tensor<4x3x!qw>) -> tensor<2x3x!qo> {
  %0 = accel.dequantize %a : tensor<2x4x!qa> -> tensor<2x4xf32>
  %1 = accel.dequantize %w : tensor<4x3x!qw> -> tensor<4x3xf32>
  // expected-remark @below {{not folded into a quantized accel.matmul: expected per-tensor quantized lhs, found !quant.uniform<i8:f32:0, {5.000000e-02,6.000000e-02}>}}
  %2 = accel.matmul %0, %1 acc(f32) : tensor<2x4xf32>, tensor<4x3xf32> -> tensor<2x3xf32>
  %3 = accel.quantize %2 : tensor<2x3xf32> -> tensor<2x3x!qo>
  return %3 : tensor<2x3x!qo>
}

// -----

// A per-axis result: a contraction requantizes to one output scale.
// CHECK-LABEL: func.func @result_per_axis(
// CHECK:         accel.matmul %{{.*}}, %{{.*}} acc(f32)
!qa = !quant.uniform<i8:f32, 0.05:3>
!qw = !quant.uniform<i8:f32, 0.1>
!qo = !quant.uniform<i8:f32:1, {0.2, 0.3, 0.4}>
func.func @result_per_axis(%a: tensor<2x4x!qa>, %w: tensor<4x3x!qw>) -> tensor<2x3x!qo> {
  %0 = accel.dequantize %a : tensor<2x4x!qa> -> tensor<2x4xf32>
  %1 = accel.dequantize %w : tensor<4x3x!qw> -> tensor<4x3xf32>
  // expected-remark @below {{not folded into a quantized accel.matmul: expected the accel.quantize to produce a per-tensor quantized type, found !quant.uniform<i8:f32:1, {2.000000e-01,3.000000e-01,4.000000e-01}>}}
  %2 = accel.matmul %0, %1 acc(f32) : tensor<2x4xf32>, tensor<4x3xf32> -> tensor<2x3xf32>
  %3 = accel.quantize %2 : tensor<2x3xf32> -> tensor<2x3x!qo>
  return %3 : tensor<2x3x!qo>
}

// -----

// 16-bit operands: the quantized matmul takes i8, u8 and i4 storage.
// CHECK-LABEL: func.func @storage_i16(
// CHECK:         accel.matmul %{{.*}}, %{{.*}} acc(f32)
!qa = !quant.uniform<i16:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qo = !quant.uniform<i8:f32, 0.2:-1>
func.func @storage_i16(%a: tensor<2x4x!qa>, %w: tensor<4x3x!qw>) -> tensor<2x3x!qo> {
  %0 = accel.dequantize %a : tensor<2x4x!qa> -> tensor<2x4xf32>
  %1 = accel.dequantize %w : tensor<4x3x!qw> -> tensor<4x3xf32>
  // expected-remark @below {{not folded into a quantized accel.matmul: expected lhs storage i8, u8 or i4, found i16}}
  %2 = accel.matmul %0, %1 acc(f32) : tensor<2x4xf32>, tensor<4x3xf32> -> tensor<2x3xf32>
  %3 = accel.quantize %2 : tensor<2x3xf32> -> tensor<2x3x!qo>
  return %3 : tensor<2x3x!qo>
}

// -----

// f32 constant weights need quantizing, which is accel-quantize's job.
// CHECK-LABEL: func.func @rhs_f32_constant(
// CHECK:         accel.matmul %{{.*}}, %{{.*}} acc(f32)
!qa = !quant.uniform<i8:f32, 0.05:3>
!qo = !quant.uniform<i8:f32, 0.2:-1>
func.func @rhs_f32_constant(%a: tensor<2x4x!qa>) -> tensor<2x3x!qo> {
  %0 = accel.dequantize %a : tensor<2x4x!qa> -> tensor<2x4xf32>
  %w = arith.constant dense<0.5> : tensor<4x3xf32>
  // expected-remark @below {{not folded into a quantized accel.matmul: rhs is an f32 constant, not a dequantized quantized weight (accel-quantize quantizes constant weights)}}
  %2 = accel.matmul %0, %w acc(f32) : tensor<2x4xf32>, tensor<4x3xf32> -> tensor<2x3xf32>
  %3 = accel.quantize %2 : tensor<2x3xf32> -> tensor<2x3x!qo>
  return %3 : tensor<2x3x!qo>
}

// -----

// The conv2d input is a plain f32 argument: named as the op names it.
// CHECK-LABEL: func.func @conv_input_not_dequantized(
// CHECK:         accel.conv2d %{{.*}}, %{{.*}} acc(f32)
!qf = !quant.uniform<i8:f32, 0.1>
!qo = !quant.uniform<i8:f32, 0.2:-1>
func.func @conv_input_not_dequantized(%x: tensor<1x4x4x2xf32>, %f: tensor<1x1x2x3x!qf>) -> tensor<1x4x4x3x!qo> {
  %0 = accel.dequantize %f : tensor<1x1x2x3x!qf> -> tensor<1x1x2x3xf32>
  // expected-remark @below {{not folded into a quantized accel.conv2d: input does not come from accel.dequantize}}
  %1 = accel.conv2d %x, %0 acc(f32) : tensor<1x4x4x2xf32>, tensor<1x1x2x3xf32> -> tensor<1x4x4x3xf32>
  %2 = accel.quantize %1 : tensor<1x4x4x3xf32> -> tensor<1x4x4x3x!qo>
  return %2 : tensor<1x4x4x3x!qo>
}

// -----

// No dequantized operand: a float model whose output is quantized is not
// QDQ, and gets no remark.
// CHECK-LABEL: func.func @plain_f32(
// CHECK:         accel.matmul %{{.*}}, %{{.*}} acc(f32)
// CHECK-NEXT:    accel.quantize
!qo = !quant.uniform<i8:f32, 0.2:-1>
func.func @plain_f32(%a: tensor<2x4xf32>, %w: tensor<4x3xf32>) -> tensor<2x3x!qo> {
  %0 = accel.matmul %a, %w acc(f32) : tensor<2x4xf32>, tensor<4x3xf32> -> tensor<2x3xf32>
  %1 = accel.quantize %0 : tensor<2x3xf32> -> tensor<2x3x!qo>
  return %1 : tensor<2x3x!qo>
}
