// RUN: accel-opt %s --split-input-file -verify-diagnostics --accel-attach-target=target=int8-16x16 --accel-lower-to-isa | FileCheck %s
// RUN: accel-opt %s --split-input-file -verify-diagnostics --accel-attach-target=target=bf16-128x128 --accel-lower-to-isa | FileCheck %s --check-prefix=OS
//
// The tiler's double-buffered nest, through accel-allocate-sram (the error
// cases below fail differently there, hence `not` and 2>/dev/null; the
// checked kernel must still come out):
// RUN: not accel-opt %s --split-input-file --accel-attach-target=target=int8-16x16 --accel-tile-kernels=tile-sizes=16x16x16 --accel-double-buffer --accel-allocate-sram --accel-lower-to-isa 2>/dev/null | FileCheck %s --check-prefix=TILED
//
// RUN: not accel-opt %s --split-input-file --accel-lower-to-isa -o /dev/null 2>&1 | FileCheck %s --check-prefix=NO-TARGET
// NO-TARGET: error: accel-lower-to-isa needs the module's accel.target
//
// A kernel declaration (no body) has nothing to lower: left alone, as
// accel-tile-kernels and accel-allocate-sram leave it.
// RUN: echo 'func.func private @declared(memref<4x8xi8>, memref<4x8xi8>) attributes {accel.kernel, accel.kernel_type = (tensor<4x8xi8>) -> tensor<4x8xi8>}' > %t.declaration.mlir
// RUN: accel-opt %t.declaration.mlir --accel-attach-target=target=int8-16x16 --accel-lower-to-isa | FileCheck %s --check-prefix=DECL
// DECL: func.func private @declared(memref<4x8xi8>, memref<4x8xi8>) attributes {accel.kernel, accel.kernel_type = (tensor<4x8xi8>) -> tensor<4x8xi8>}{{$}}

// One 40x24 @ 24x20 i8 tile on the weight-stationary int8-16x16 (a 16x16
// array): k and n split to the array (24 = 16 + 8, 20 = 16 + 4), m = 40
// streams through.  Each (n, k) piece is a preload of the k x n weights and a
// matmul; only the first k piece of a column block overwrites the
// accumulator.  WS matmuls take B from the preload (no b_addr).
//   DRAM: arg0 40x24 i8 @0 (960 B), arg1 24x20 i8 @960 (480 B, next 64-byte
//   boundary 1472), result0 40x20 i32 @1472 (3200 B): 4672 bytes.
//   Scratchpad rows: A 24 B, B 20 B; accumulator rows 80 B.
//   B(k, n) = 960 + 20 k + n: (16, 0) = 1280, (0, 16) = 976, (16, 16) = 1296.
// CHECK-LABEL: func.func @ws(
// CHECK-SAME:    accel.program = {bindings = [
// CHECK-SAME:      {dtype = "i8", name = "arg0", offset = 0 : i64, output = false, shape = array<i64: 40, 24>},
// CHECK-SAME:      {dtype = "i8", name = "arg1", offset = 960 : i64, output = false, shape = array<i64: 24, 20>},
// CHECK-SAME:      {dtype = "i32", name = "result0", offset = 1472 : i64, output = true, shape = array<i64: 40, 20>}],
// CHECK-SAME:      constants = [], dram_bytes = 4672 : i64, qparams = []}} {
// CHECK-NEXT:  accel.isa.load {broadcast = 0 : i64, cols = 24 : i64, dram_addr = 0 : i64, dram_stride = 24 : i64, dram_type = 1 : i64, mem = 0 : i64, rows = 40 : i64, sram_addr = 0 : i64, sram_stride = 24 : i64, sram_type = 1 : i64}
// CHECK-NEXT:  accel.isa.load {broadcast = 0 : i64, cols = 20 : i64, dram_addr = 960 : i64, dram_stride = 20 : i64, dram_type = 1 : i64, mem = 0 : i64, rows = 24 : i64, sram_addr = 960 : i64, sram_stride = 20 : i64, sram_type = 1 : i64}
// CHECK-NEXT:  accel.isa.preload {k = 16 : i64, n = 16 : i64, sram_addr = 960 : i64, sram_stride = 20 : i64, type = 1 : i64}
// CHECK-NEXT:  accel.isa.matmul {a_addr = 0 : i64, a_stride = 24 : i64, a_zp = 3 : i64, accumulate = 0 : i64, b_zp = -2 : i64, c_addr = 0 : i64, c_stride = 80 : i64, k = 16 : i64, m = 40 : i64, n = 16 : i64, type = 1 : i64}
// CHECK-NEXT:  accel.isa.preload {k = 8 : i64, n = 16 : i64, sram_addr = 1280 : i64, sram_stride = 20 : i64, type = 1 : i64}
// CHECK-NEXT:  accel.isa.matmul {a_addr = 16 : i64, a_stride = 24 : i64, a_zp = 3 : i64, accumulate = 1 : i64, b_zp = -2 : i64, c_addr = 0 : i64, c_stride = 80 : i64, k = 8 : i64, m = 40 : i64, n = 16 : i64, type = 1 : i64}
// CHECK-NEXT:  accel.isa.preload {k = 16 : i64, n = 4 : i64, sram_addr = 976 : i64, sram_stride = 20 : i64, type = 1 : i64}
// CHECK-NEXT:  accel.isa.matmul {a_addr = 0 : i64, a_stride = 24 : i64, a_zp = 3 : i64, accumulate = 0 : i64, b_zp = -2 : i64, c_addr = 64 : i64, c_stride = 80 : i64, k = 16 : i64, m = 40 : i64, n = 4 : i64, type = 1 : i64}
// CHECK-NEXT:  accel.isa.preload {k = 8 : i64, n = 4 : i64, sram_addr = 1296 : i64, sram_stride = 20 : i64, type = 1 : i64}
// CHECK-NEXT:  accel.isa.matmul {a_addr = 16 : i64, a_stride = 24 : i64, a_zp = 3 : i64, accumulate = 1 : i64, b_zp = -2 : i64, c_addr = 64 : i64, c_stride = 80 : i64, k = 8 : i64, m = 40 : i64, n = 4 : i64, type = 1 : i64}
// CHECK-NEXT:  accel.isa.store {act = 0 : i64, cols = 20 : i64, dram_addr = 1472 : i64, dram_stride = 80 : i64, dram_type = 4 : i64, mem = 1 : i64, per_channel = 0 : i64, qparam = 65535 : i64, rows = 40 : i64, sram_addr = 0 : i64, sram_stride = 80 : i64, sram_type = 4 : i64}
// CHECK-NEXT:  accel.isa.halt {}
// CHECK-NEXT:  return
func.func @ws(%a: memref<40x24xi8>, %b: memref<24x20xi8>, %c: memref<40x20xi32>) attributes {accel.kernel, accel.kernel_type = (tensor<40x24xi8>, tensor<24x20xi8>) -> tensor<40x20xi32>} {
  %false = arith.constant false
  %sa = memref.alloc() {accel.address = 0 : i64} : memref<40x24xi8, 1>
  %sb = memref.alloc() {accel.address = 960 : i64} : memref<24x20xi8, 1>
  %acc = memref.alloc() {accel.address = 0 : i64} : memref<40x20xi32, 2>
  accel.dma_load %a, %sa : memref<40x24xi8>, memref<40x24xi8, 1>
  accel.dma_load %b, %sb : memref<24x20xi8>, memref<24x20xi8, 1>
  accel.tile_matmul %sa, %sb, %acc accumulate(%false) {lhs_zp = 3 : i64, rhs_zp = -2 : i64} : memref<40x24xi8, 1>, memref<24x20xi8, 1>, memref<40x20xi32, 2>
  accel.dma_store %acc, %c : memref<40x20xi32, 2>, memref<40x20xi32>
  return
}

// -----

// One 160x32 @ 32x144 bf16 tile on the output-stationary bf16-128x128: m and
// n split to the array (160 = 128 + 32, 144 = 128 + 16), k = 32 streams; no
// preload, B comes from b_addr.  With `accumulate` every matmul adds.
//   Scratchpad: A @0 (rows 64 B), B @10240 (rows 288 B); accumulator rows
//   576 B.  A(128, 0) = 8192; B(0, 128) = 10240 + 256 = 10496;
//   C(0, 128) = 512, C(128, 0) = 73728, C(128, 128) = 74240.
// The relu is the store's act = 1; f32 (10) to f32 DRAM.
// OS-LABEL: func.func @os(
// OS-SAME:    {dtype = "bf16", name = "arg0", offset = 0 : i64, output = false, shape = array<i64: 160, 32>}
// OS-SAME:    {dtype = "bf16", name = "arg1", offset = 10240 : i64, output = false, shape = array<i64: 32, 144>}
// OS-SAME:    {dtype = "f32", name = "result0", offset = 19456 : i64, output = true, shape = array<i64: 160, 144>}
// OS-SAME:    dram_bytes = 111616 : i64
// OS-NEXT:  accel.isa.load {broadcast = 0 : i64, cols = 32 : i64, dram_addr = 0 : i64, dram_stride = 64 : i64, dram_type = 8 : i64, mem = 0 : i64, rows = 160 : i64, sram_addr = 0 : i64, sram_stride = 64 : i64, sram_type = 8 : i64}
// OS-NEXT:  accel.isa.load {broadcast = 0 : i64, cols = 144 : i64, dram_addr = 10240 : i64, dram_stride = 288 : i64, dram_type = 8 : i64, mem = 0 : i64, rows = 32 : i64, sram_addr = 10240 : i64, sram_stride = 288 : i64, sram_type = 8 : i64}
// OS-NEXT:  accel.isa.matmul {a_addr = 0 : i64, a_stride = 64 : i64, a_zp = 0 : i64, accumulate = 1 : i64, b_addr = 10240 : i64, b_stride = 288 : i64, b_zp = 0 : i64, c_addr = 0 : i64, c_stride = 576 : i64, k = 32 : i64, m = 128 : i64, n = 128 : i64, type = 8 : i64}
// OS-NEXT:  accel.isa.matmul {a_addr = 0 : i64, a_stride = 64 : i64, a_zp = 0 : i64, accumulate = 1 : i64, b_addr = 10496 : i64, b_stride = 288 : i64, b_zp = 0 : i64, c_addr = 512 : i64, c_stride = 576 : i64, k = 32 : i64, m = 128 : i64, n = 16 : i64, type = 8 : i64}
// OS-NEXT:  accel.isa.matmul {a_addr = 8192 : i64, a_stride = 64 : i64, a_zp = 0 : i64, accumulate = 1 : i64, b_addr = 10240 : i64, b_stride = 288 : i64, b_zp = 0 : i64, c_addr = 73728 : i64, c_stride = 576 : i64, k = 32 : i64, m = 32 : i64, n = 128 : i64, type = 8 : i64}
// OS-NEXT:  accel.isa.matmul {a_addr = 8192 : i64, a_stride = 64 : i64, a_zp = 0 : i64, accumulate = 1 : i64, b_addr = 10496 : i64, b_stride = 288 : i64, b_zp = 0 : i64, c_addr = 74240 : i64, c_stride = 576 : i64, k = 32 : i64, m = 32 : i64, n = 16 : i64, type = 8 : i64}
// OS-NEXT:  accel.isa.store {act = 1 : i64, cols = 144 : i64, dram_addr = 19456 : i64, dram_stride = 576 : i64, dram_type = 10 : i64, mem = 1 : i64, per_channel = 0 : i64, qparam = 65535 : i64, rows = 160 : i64, sram_addr = 0 : i64, sram_stride = 576 : i64, sram_type = 10 : i64}
// OS-NEXT:  accel.isa.halt {}
// On the weight-stationary target the same tile is preload/matmul pairs.
// CHECK-LABEL: func.func @os(
// CHECK-COUNT-18: accel.isa.preload
// CHECK-NOT:      accel.isa.preload
func.func @os(%a: memref<160x32xbf16>, %b: memref<32x144xbf16>, %c: memref<160x144xf32>) attributes {accel.kernel, accel.kernel_type = (tensor<160x32xbf16>, tensor<32x144xbf16>) -> tensor<160x144xf32>} {
  %true = arith.constant true
  %sa = memref.alloc() {accel.address = 0 : i64} : memref<160x32xbf16, 1>
  %sb = memref.alloc() {accel.address = 10240 : i64} : memref<32x144xbf16, 1>
  %acc = memref.alloc() {accel.address = 0 : i64} : memref<160x144xf32, 2>
  accel.dma_load %a, %sa : memref<160x32xbf16>, memref<160x32xbf16, 1>
  accel.dma_load %b, %sb : memref<32x144xbf16>, memref<32x144xbf16, 1>
  accel.tile_matmul %sa, %sb, %acc accumulate(%true) : memref<160x32xbf16, 1>, memref<32x144xbf16, 1>, memref<160x144xf32, 2>
  accel.dma_store %acc, %c {activation = "relu"} : memref<160x144xf32, 2>, memref<160x144xf32>
  return
}

// -----

// The epilogue: a bias broadcast into the accumulator (one 16-byte DRAM row
// to every accumulator row), a per-channel requantizing store of columns
// 2..3 (channel_offset 2: entry 0 + 2 of the four-entry group, per_channel;
// the column offset moves both addresses: accumulator 2 * 4 = 8, DRAM 384 + 2)
// and a per-tensor clamping store (a new entry, 4, holding lo/hi).  Entries
// are [multiplier, exponent, zero_point, lo, hi]; no clamp is the int32 range.
// CHECK-LABEL: func.func @epilogue(
// CHECK-SAME:    {dtype = "i32", name = "arg2", offset = 320 : i64, output = false, shape = array<i64: 4>}
// CHECK-SAME:    {dtype = "i8", name = "result0", offset = 384 : i64, output = true, shape = array<i64: 16, 4>}
// CHECK-SAME:    {dtype = "i8", name = "result1", offset = 448 : i64, output = true, shape = array<i64: 16, 4>}
// CHECK-SAME:    dram_bytes = 512 : i64, qparams = [array<i32: 1073741824, -4, 3, -2147483648, 2147483647>, array<i32: 1073741824, -5, 3, -2147483648, 2147483647>, array<i32: 1073741824, -6, 3, -2147483648, 2147483647>, array<i32: 1073741824, -7, 3, -2147483648, 2147483647>, array<i32: 1073741824, -4, 3, -10, 100>]}} {
// CHECK-NEXT:  accel.isa.load {broadcast = 1 : i64, cols = 4 : i64, dram_addr = 320 : i64, dram_stride = 16 : i64, dram_type = 4 : i64, mem = 1 : i64, rows = 16 : i64, sram_addr = 0 : i64, sram_stride = 16 : i64, sram_type = 4 : i64}
// CHECK-NEXT:  accel.isa.load {{.*}}dram_addr = 0 : i64
// CHECK-NEXT:  accel.isa.load {{.*}}dram_addr = 256 : i64
// CHECK-NEXT:  accel.isa.preload
// CHECK-NEXT:  accel.isa.matmul {{.*}}accumulate = 1 : i64
// CHECK-NEXT:  accel.isa.store {act = 1 : i64, cols = 2 : i64, dram_addr = 386 : i64, dram_stride = 4 : i64, dram_type = 1 : i64, mem = 1 : i64, per_channel = 1 : i64, qparam = 2 : i64, rows = 16 : i64, sram_addr = 8 : i64, sram_stride = 16 : i64, sram_type = 4 : i64}
// CHECK-NEXT:  accel.isa.store {act = 2 : i64, cols = 4 : i64, dram_addr = 448 : i64, dram_stride = 4 : i64, dram_type = 1 : i64, mem = 1 : i64, per_channel = 0 : i64, qparam = 4 : i64, rows = 16 : i64, sram_addr = 0 : i64, sram_stride = 16 : i64, sram_type = 4 : i64}
// CHECK-NEXT:  accel.isa.halt {}
func.func @epilogue(%a: memref<16x16xi8>, %b: memref<16x4xi8>, %bias: memref<4xi32>, %c: memref<16x4xi8>, %d: memref<16x4xi8>) attributes {accel.kernel, accel.kernel_type = (tensor<16x16xi8>, tensor<16x4xi8>, tensor<4xi32>) -> (tensor<16x4xi8>, tensor<16x4xi8>)} {
  %c2 = arith.constant 2 : index
  %true = arith.constant true
  %sa = memref.alloc() {accel.address = 0 : i64} : memref<16x16xi8, 1>
  %sb = memref.alloc() {accel.address = 256 : i64} : memref<16x4xi8, 1>
  %acc = memref.alloc() {accel.address = 0 : i64} : memref<16x4xi32, 2>
  %bias2d = memref.expand_shape %bias [[0, 1]] output_shape [1, 4] : memref<4xi32> into memref<1x4xi32>
  accel.dma_load %bias2d, %acc broadcast : memref<1x4xi32>, memref<16x4xi32, 2>
  accel.dma_load %a, %sa : memref<16x16xi8>, memref<16x16xi8, 1>
  accel.dma_load %b, %sb : memref<16x4xi8>, memref<16x4xi8, 1>
  accel.tile_matmul %sa, %sb, %acc accumulate(%true) : memref<16x16xi8, 1>, memref<16x4xi8, 1>, memref<16x4xi32, 2>
  %acc_hi = memref.subview %acc[0, 2] [16, 2] [1, 1] : memref<16x4xi32, 2> to memref<16x2xi32, strided<[4, 1], offset: 2>, 2>
  %c_hi = memref.subview %c[0, 2] [16, 2] [1, 1] : memref<16x4xi8> to memref<16x2xi8, strided<[4, 1], offset: 2>>
  accel.dma_store %acc_hi, %c_hi channel_offset(%c2) requant [[1073741824, -4, 3], [1073741824, -5, 3], [1073741824, -6, 3], [1073741824, -7, 3]] {activation = "relu"} : memref<16x2xi32, strided<[4, 1], offset: 2>, 2>, memref<16x2xi8, strided<[4, 1], offset: 2>>
  accel.dma_store %acc, %d requant [[1073741824, -4, 3]] {activation = "clamp", lo = -10.0 : f64, hi = 100.0 : f64} : memref<16x4xi32, 2>, memref<16x4xi8>
  return
}

// -----

// The tiler's nest for 32x32 @ 32x16 in 16x16x16 tiles, double-buffered:
// the loops unroll into straight-line code, the operand tiles alternate
// between their two buffers (A: 0 / 256, B: 512 / 768) with the k step,
// the first k step of each output tile overwrites the accumulator.
//   A(m, k) in DRAM = 32 m + k: 0, 16, 512, 528; B(k, 0) = 1024 + 16 k.
// TILED-LABEL: func.func private @tiled(
// TILED-NEXT:  accel.isa.load {{.*}}dram_addr = 0 : i64{{.*}}sram_addr = 0 : i64
// TILED-NEXT:  accel.isa.load {{.*}}dram_addr = 1024 : i64{{.*}}sram_addr = 512 : i64
// TILED-NEXT:  accel.isa.preload {{.*}}sram_addr = 512 : i64
// TILED-NEXT:  accel.isa.matmul {a_addr = 0 : i64, {{.*}}accumulate = 0 : i64, {{.*}}c_addr = 0 : i64
// TILED-NEXT:  accel.isa.load {{.*}}dram_addr = 16 : i64{{.*}}sram_addr = 256 : i64
// TILED-NEXT:  accel.isa.load {{.*}}dram_addr = 1280 : i64{{.*}}sram_addr = 768 : i64
// TILED-NEXT:  accel.isa.preload {{.*}}sram_addr = 768 : i64
// TILED-NEXT:  accel.isa.matmul {a_addr = 256 : i64, {{.*}}accumulate = 1 : i64, {{.*}}c_addr = 0 : i64
// TILED-NEXT:  accel.isa.store {{.*}}dram_addr = 1536 : i64
// TILED-NEXT:  accel.isa.load {{.*}}dram_addr = 512 : i64{{.*}}sram_addr = 0 : i64
// TILED-NEXT:  accel.isa.load {{.*}}dram_addr = 1024 : i64{{.*}}sram_addr = 512 : i64
// TILED-NEXT:  accel.isa.preload {{.*}}sram_addr = 512 : i64
// TILED-NEXT:  accel.isa.matmul {a_addr = 0 : i64, {{.*}}accumulate = 0 : i64
// TILED-NEXT:  accel.isa.load {{.*}}dram_addr = 528 : i64{{.*}}sram_addr = 256 : i64
// TILED-NEXT:  accel.isa.load {{.*}}dram_addr = 1280 : i64{{.*}}sram_addr = 768 : i64
// TILED-NEXT:  accel.isa.preload {{.*}}sram_addr = 768 : i64
// TILED-NEXT:  accel.isa.matmul {a_addr = 256 : i64, {{.*}}accumulate = 1 : i64
// TILED-NEXT:  accel.isa.store {{.*}}dram_addr = 2560 : i64
// TILED-NEXT:  accel.isa.halt {}
func.func private @tiled(%a: tensor<32x32xi8>, %b: tensor<32x16xi8>) -> tensor<32x16xi32> attributes {accel.kernel} {
  %0 = accel.matmul %a, %b acc(i32) : tensor<32x32xi8>, tensor<32x16xi8> -> tensor<32x16xi32>
  return %0 : tensor<32x16xi32>
}

// -----

func.func @no_address(%a: memref<16x16xi8>) attributes {accel.kernel, accel.kernel_type = (tensor<16x16xi8>) -> ()} {
  // expected-error @+1 {{'memref.alloc' op has no SRAM address: run accel-allocate-sram first}}
  %sp = memref.alloc() : memref<16x16xi8, 1>
  accel.dma_load %a, %sp : memref<16x16xi8>, memref<16x16xi8, 1>
  return
}

// -----

func.func @unsupported_op(%a: memref<16x16xi8>) attributes {accel.kernel, accel.kernel_type = (tensor<16x16xi8>) -> ()} {
  %sp = memref.alloc() {accel.address = 0 : i64} : memref<16x16xi8, 1>
  // expected-error @+1 {{'memref.copy' op is not supported in a kernel compiled to the ISA}}
  memref.copy %a, %sp : memref<16x16xi8> to memref<16x16xi8, 1>
  return
}

// -----

func.func @subview_outside(%a: memref<16x16xi8>) attributes {accel.kernel, accel.kernel_type = (tensor<16x16xi8>) -> ()} {
  %c8 = arith.constant 8 : index
  %sp = memref.alloc() {accel.address = 0 : i64} : memref<16x16xi8, 1>
  // expected-error @+1 {{'memref.subview' op reaches outside its source in dimension 1}}
  %s = memref.subview %a[0, %c8] [16, 16] [1, 1] : memref<16x16xi8> to memref<16x16xi8, strided<[16, 1], offset: ?>>
  accel.dma_load %s, %sp : memref<16x16xi8, strided<[16, 1], offset: ?>>, memref<16x16xi8, 1>
  return
}

// -----

func.func @strided_rows(%a: memref<16x32xi8>) attributes {accel.kernel, accel.kernel_type = (tensor<16x32xi8>) -> ()} {
  %sp = memref.alloc() {accel.address = 0 : i64} : memref<16x16xi8, 1>
  %s = memref.subview %a[0, 0] [16, 16] [1, 2] : memref<16x32xi8> to memref<16x16xi8, strided<[32, 2]>>
  // expected-error @+1 {{'accel.dma_load' op needs the source with contiguous rows (unit inner stride)}}
  accel.dma_load %s, %sp : memref<16x16xi8, strided<[32, 2]>>, memref<16x16xi8, 1>
  return
}

// -----

// rows and cols are 16-bit fields.
func.func @too_many_rows(%a: memref<70000x16xi8>) attributes {accel.kernel, accel.kernel_type = (tensor<70000x16xi8>) -> ()} {
  %sp = memref.alloc() {accel.address = 0 : i64} : memref<70000x16xi8, 1>
  // expected-error @+1 {{'accel.dma_load' op moves 70000x16 elements of the source; an instruction moves at most 65535x65535}}
  accel.dma_load %a, %sp : memref<70000x16xi8>, memref<70000x16xi8, 1>
  return
}

// -----

func.func @loop_carried(%a: memref<16x16xi8>) attributes {accel.kernel, accel.kernel_type = (tensor<16x16xi8>) -> ()} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // expected-error @+1 {{'scf.for' op carries values, which tiled kernels never do}}
  %r = scf.for %i = %c0 to %c1 step %c1 iter_args(%x = %c0) -> (index) {
    scf.yield %x : index
  }
  return
}

// -----

func.func @zero_step(%a: memref<16x16xi8>) attributes {accel.kernel, accel.kernel_type = (tensor<16x16xi8>) -> ()} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // expected-error @+1 {{'scf.for' op has a non-positive step}}
  scf.for %i = %c0 to %c1 step %c0 {
  }
  return
}

// -----

// 32768 x 32769 bytes is more than the 1 GiB a program may address.
// expected-error @+1 {{needs 1073774592 bytes of DRAM; a program may address at most 1073741824}}
func.func @too_much_dram(%a: memref<32768x32769xi8>) attributes {accel.kernel, accel.kernel_type = (tensor<32768x32769xi8>) -> ()} {
  return
}

// -----

// expected-error @+1 {{has a memref 'memref<?x16xi8>' the ISA cannot address}}
func.func @dynamic_memref(%a: memref<?x16xi8>) attributes {accel.kernel, accel.kernel_type = (tensor<?x16xi8>) -> ()} {
  return
}
