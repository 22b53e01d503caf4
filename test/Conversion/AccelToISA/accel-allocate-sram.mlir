// RUN: accel-opt %s --split-input-file -verify-diagnostics --accel-attach-target=target=int8-16x16 --accel-allocate-sram | FileCheck %s
//
// On the tiler's double-buffered output (16x16x16 tiles):
// RUN: accel-opt %s --split-input-file -verify-diagnostics --accel-attach-target=target=int8-16x16 --accel-tile-kernels=tile-sizes=16x16x16 --accel-double-buffer --accel-allocate-sram | FileCheck %s --check-prefix=TILED
//
// A forced tile too large for the target is an error here (the tiler trusts
// tile-sizes): 256x256 i32 accumulators need 262144 bytes, and 16x8256 plus
// 8256x16 i8 operands 264192 bytes.
// RUN: not accel-opt %s --split-input-file --accel-attach-target=target=int8-16x16 --accel-tile-kernels=tile-sizes=256x256x8256 --accel-allocate-sram -o /dev/null 2>&1 | FileCheck %s --check-prefix=TOO-BIG
// TOO-BIG: error: 'memref.alloc' op does not fit: the kernel needs 262144 bytes of accumulator here, and target 'int8-16x16' has 65536
// TOO-BIG: error: 'memref.alloc' op does not fit: the kernel needs 264192 bytes of scratchpad here, and target 'int8-16x16' has 262144
//
// RUN: not accel-opt %s --split-input-file --accel-allocate-sram -o /dev/null 2>&1 | FileCheck %s --check-prefix=NO-TARGET
// NO-TARGET: error: accel-allocate-sram needs the module's accel.target

// Buffers get byte addresses in program order, each memory counted on its
// own, every buffer starting 64-byte aligned; DRAM scratch (memory space 0)
// gets none.  A buffer lives from its top-level op to the last top-level op
// using a view of it: %hoisted is used in the first loop nest, so that nest
// places around it; the second nest starts again at 0.
//   scratchpad: 200 B at 0 -> 256 B at 256 -> 100 B at 512 -> 512 B at 640
//   accumulator: 60 B at 0 -> 1024 B at 64 -> 4 B at 1088
// CHECK-LABEL: func.func @layout(
// CHECK:         memref.alloc() {accel.address = 0 : i64} : memref<2x10x10xi8, 1>
// CHECK:         scf.for
// CHECK-NEXT:      memref.alloc() {accel.address = 256 : i64} : memref<16x16xi8, 1>
// CHECK-NEXT:      memref.alloc() {accel.address = 0 : i64} : memref<3x5xi32, 2>
// CHECK-NEXT:      memref.alloc() : memref<16x16xi8>
// CHECK-NEXT:      scf.for
// CHECK-NEXT:        memref.alloc() {accel.address = 512 : i64} : memref<10x10xi8, 1>
// CHECK-NEXT:        memref.alloc() {accel.address = 64 : i64} : memref<16x16xf32, 2>
// CHECK-NEXT:        memref.alloc() {accel.address = 640 : i64} : memref<16x16xbf16, 1>
// CHECK-NEXT:      }
// CHECK-NEXT:      memref.alloc() {accel.address = 1088 : i64} : memref<1x1xi32, 2>
// CHECK-NEXT:      memref.subview
// CHECK-NEXT:    }
// CHECK-NEXT:    scf.for
// CHECK-NEXT:      memref.alloc() {accel.address = 0 : i64} : memref<16x16xi8, 1>
// CHECK-NEXT:      memref.alloc() {accel.address = 0 : i64} : memref<16x16xi32, 2>
func.func @layout(%a: memref<64x64xi8>) attributes {accel.kernel, accel.kernel_type = (tensor<64x64xi8>) -> ()} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %hoisted = memref.alloc() : memref<2x10x10xi8, 1>
  scf.for %i = %c0 to %c1 step %c1 {
    %sp0 = memref.alloc() : memref<16x16xi8, 1>
    %acc0 = memref.alloc() : memref<3x5xi32, 2>
    %scratch = memref.alloc() : memref<16x16xi8>
    scf.for %j = %c0 to %c1 step %c1 {
      %sp1 = memref.alloc() : memref<10x10xi8, 1>
      %acc1 = memref.alloc() : memref<16x16xf32, 2>
      %sp2 = memref.alloc() : memref<16x16xbf16, 1>
    }
    %acc2 = memref.alloc() : memref<1x1xi32, 2>
    %slot = memref.subview %hoisted[0, 0, 0] [1, 10, 10] [1, 1, 1] : memref<2x10x10xi8, 1> to memref<10x10xi8, strided<[10, 1]>, 1>
  }
  scf.for %i = %c0 to %c1 step %c1 {
    %sp3 = memref.alloc() : memref<16x16xi8, 1>
    %acc3 = memref.alloc() : memref<16x16xi32, 2>
  }
  return
}

// -----

// Only tiled kernels (accel.kernel and accel.kernel_type) are allocated.
// CHECK-LABEL: func.func @not_a_kernel(
// CHECK-NEXT:    memref.alloc() : memref<16x16xi8, 1>
func.func @not_a_kernel() {
  %sp = memref.alloc() : memref<16x16xi8, 1>
  return
}

// -----

// The accumulator holds exactly 65536 bytes: a 128x128 i32 tile fills it.
// Buffers in one loop nest are live together.
func.func @accumulator_full() attributes {accel.kernel, accel.kernel_type = () -> ()} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %c1 step %c1 {
    %full = memref.alloc() : memref<128x128xi32, 2>
    // expected-error @+1 {{'memref.alloc' op does not fit: the kernel needs 65540 bytes of accumulator here, and target 'int8-16x16' has 65536}}
    %more = memref.alloc() : memref<1x1xi32, 2>
  }
  return
}

// -----

// Straight-line buffers (a one-trip loop folded away) stay live while a
// later top-level op uses them.
func.func @live_across_ops(%d: memref<1x16xi32>) attributes {accel.kernel, accel.kernel_type = () -> ()} {
  %a = memref.alloc() : memref<128x120xi32, 2>
  // expected-error @+1 {{'memref.alloc' op does not fit: the kernel needs 66048 bytes of accumulator here, and target 'int8-16x16' has 65536}}
  %b = memref.alloc() : memref<128x9xi32, 2>
  %va = memref.subview %a[0, 0] [1, 16] [1, 1] : memref<128x120xi32, 2> to memref<1x16xi32, strided<[120, 1]>, 2>
  accel.dma_load %d, %va : memref<1x16xi32>, memref<1x16xi32, strided<[120, 1]>, 2>
  return
}

// -----

// Dead buffers free their space: %gone is used by nothing after its op.
// CHECK-LABEL: func.func @reuse_after_last_use(
// CHECK:         memref.alloc() {accel.address = 0 : i64} : memref<128x128xi32, 2>
// CHECK:         memref.alloc() {accel.address = 0 : i64} : memref<128x128xi32, 2>
func.func @reuse_after_last_use() attributes {accel.kernel, accel.kernel_type = () -> ()} {
  %gone = memref.alloc() : memref<128x128xi32, 2>
  %next = memref.alloc() : memref<128x128xi32, 2>
  return
}

// -----

func.func @scratchpad_full() attributes {accel.kernel, accel.kernel_type = () -> ()} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %c1 step %c1 {
    %a = memref.alloc() : memref<256x1000xi8, 1>
    // expected-error @+1 {{'memref.alloc' op does not fit: the kernel needs 264000 bytes of scratchpad here, and target 'int8-16x16' has 262144}}
    %b = memref.alloc() : memref<8x1000xi8, 1>
  }
  return
}

// -----

func.func @unknown_memory_space() attributes {accel.kernel, accel.kernel_type = () -> ()} {
  // expected-error @+1 {{'memref.alloc' op is in memory space 3; expected 0 (DRAM), 1 (scratchpad) or 2 (accumulator)}}
  %x = memref.alloc() : memref<16x16xi8, 3>
  return
}

// -----

// The tiler's double-buffered 16x16 tiles: two 16x16 i32 accumulator tiles
// (2048 B) and two pairs of 16x16 i8 operand tiles (512 B each).
// TILED-LABEL: func.func private @tiled(
// TILED:         memref.alloc() {accel.address = 0 : i64} : memref<2x16x16xi32, 2>
// TILED:         memref.alloc() {accel.address = 0 : i64} : memref<2x16x16xi8, 1>
// TILED-NEXT:    memref.alloc() {accel.address = 512 : i64} : memref<2x16x16xi8, 1>
// TILED-NOT:     memref.alloc
func.func private @tiled(%a: tensor<40x24xi8>, %b: tensor<24x20xi8>) -> tensor<40x20xi32> attributes {accel.kernel} {
  %0 = accel.matmul %a, %b acc(i32) : tensor<40x24xi8>, tensor<24x20xi8> -> tensor<40x20xi32>
  return %0 : tensor<40x20xi32>
}

// -----

// TILED-LABEL: func.func private @too_big_for_forced_tiles(
func.func private @too_big_for_forced_tiles(%a: tensor<256x256xi8>, %b: tensor<256x256xi8>) -> tensor<256x256xi32> attributes {accel.kernel} {
  %0 = accel.matmul %a, %b acc(i32) : tensor<256x256xi8>, tensor<256x256xi8> -> tensor<256x256xi32>
  return %0 : tensor<256x256xi32>
}

// -----

// TILED-LABEL: func.func private @long_k(
func.func private @long_k(%a: tensor<16x8256xi8>, %b: tensor<8256x16xi8>) -> tensor<16x16xi32> attributes {accel.kernel} {
  %0 = accel.matmul %a, %b acc(i32) : tensor<16x8256xi8>, tensor<8256x16xi8> -> tensor<16x16xi32>
  return %0 : tensor<16x16xi32>
}
