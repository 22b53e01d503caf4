// RUN: accel-opt %s --split-input-file --accel-double-buffer | FileCheck %s
//
// On the tiler's output (16x16x16 tiles of 40x24 @ 24x20, as in
// accel-tile-kernels.mlir):
// RUN: accel-opt %s --split-input-file --accel-attach-target=target=int8-16x16 --accel-tile-kernels=tile-sizes=16x16x16 --accel-double-buffer | FileCheck %s --check-prefix=TILED

// An SRAM buffer allocated inside a loop of several iterations (here k =
// 16, 32, 48, as the tiler allocates them) becomes two buffers, allocated
// once before the loop; iteration i uses buffer ((k - 16) floordiv 16) mod 2
// = i mod 2: 0, 1, 0.  Scratchpad and accumulator buffers alike.
// CHECK-DAG:   #[[$SLOT:.*]] = affine_map<(d0) -> (d0 floordiv 16 - ((d0 floordiv 16 - 1) floordiv 2) * 2 - 1)>
// CHECK-LABEL: func.func @k_loop(
// CHECK-SAME:      %[[A:.*]]: memref<16x64xi8>, %[[ACCSRC:.*]]: memref<64x16xi32>)
// CHECK-DAG:     %[[SP:.*]] = memref.alloc() : memref<2x16x16xi8, 1>
// CHECK-DAG:     %[[ACC:.*]] = memref.alloc() : memref<2x16x16xi32, 2>
// CHECK:         scf.for %[[K:[^ ]*]] = %c16 to %c64 step %c16 {
// CHECK-DAG:       %[[I1:.*]] = affine.apply #[[$SLOT]](%[[K]])
// CHECK-DAG:       %[[ACCBUF:.*]] = memref.subview %[[ACC]][%[[I1]], 0, 0] [1, 16, 16] [1, 1, 1] : memref<2x16x16xi32, 2> to memref<16x16xi32, strided<[16, 1], offset: ?>, 2>
// CHECK-DAG:       %[[I2:.*]] = affine.apply #[[$SLOT]](%[[K]])
// CHECK-DAG:       %[[SPBUF:.*]] = memref.subview %[[SP]][%[[I2]], 0, 0] [1, 16, 16] [1, 1, 1] : memref<2x16x16xi8, 1> to memref<16x16xi8, strided<[16, 1], offset: ?>, 1>
// CHECK:           %[[SRC:.*]] = memref.subview %[[A]][0, %[[K]]] [16, 16] [1, 1]
// CHECK-NEXT:      accel.dma_load %[[SRC]], %[[SPBUF]] : memref<16x16xi8, strided<[64, 1], offset: ?>>, memref<16x16xi8, strided<[16, 1], offset: ?>, 1>
// CHECK-NEXT:      %[[SRC2:.*]] = memref.subview %[[ACCSRC]][%[[K]], 0] [16, 16] [1, 1]
// CHECK-NEXT:      accel.dma_load %[[SRC2]], %[[ACCBUF]] : memref<16x16xi32, strided<[16, 1], offset: ?>>, memref<16x16xi32, strided<[16, 1], offset: ?>, 2>
// CHECK-NEXT:    }
// CHECK-NOT:     memref.alloc
func.func @k_loop(%a: memref<16x64xi8>, %acc_src: memref<64x16xi32>) attributes {accel.kernel, accel.kernel_type = (tensor<16x64xi8>, tensor<64x16xi32>) -> ()} {
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  scf.for %k = %c16 to %c64 step %c16 {
    %buf = memref.alloc() : memref<16x16xi8, 1>
    %src = memref.subview %a[0, %k] [16, 16] [1, 1] : memref<16x64xi8> to memref<16x16xi8, strided<[64, 1], offset: ?>>
    accel.dma_load %src, %buf : memref<16x16xi8, strided<[64, 1], offset: ?>>, memref<16x16xi8, 1>
    %acc = memref.alloc() : memref<16x16xi32, 2>
    %src2 = memref.subview %acc_src[%k, 0] [16, 16] [1, 1] : memref<64x16xi32> to memref<16x16xi32, strided<[16, 1], offset: ?>>
    accel.dma_load %src2, %acc : memref<16x16xi32, strided<[16, 1], offset: ?>>, memref<16x16xi32, 2>
  }
  return
}

// -----

// Left alone: a buffer outside any loop, a loop of one iteration (nothing
// to overlap), and DRAM scratch (memory space 0).
// CHECK-LABEL: func.func @left_alone(
// CHECK:         memref.alloc() : memref<16x16xi8, 1>
// CHECK:         scf.for
// CHECK-NEXT:      memref.alloc() : memref<16x16xi8, 1>
// CHECK:         scf.for
// CHECK-NEXT:      memref.alloc() : memref<16x16xi8>
// CHECK-NOT:     memref<2x
func.func @left_alone(%a: memref<16x16xi8>) attributes {accel.kernel, accel.kernel_type = (tensor<16x16xi8>) -> ()} {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  %outside = memref.alloc() : memref<16x16xi8, 1>
  accel.dma_load %a, %outside : memref<16x16xi8>, memref<16x16xi8, 1>
  scf.for %k = %c0 to %c16 step %c16 {
    %once = memref.alloc() : memref<16x16xi8, 1>
    accel.dma_load %a, %once : memref<16x16xi8>, memref<16x16xi8, 1>
  }
  scf.for %k = %c0 to %c64 step %c16 {
    %dram = memref.alloc() : memref<16x16xi8>
  }
  return
}

// -----

// Only tiled kernels (accel.kernel and accel.kernel_type) are rewritten.
// CHECK-LABEL: func.func @not_tiled(
// CHECK:         scf.for
// CHECK-NEXT:      memref.alloc() : memref<16x16xi8, 1>
// CHECK-NOT:     memref<2x
func.func @not_tiled(%a: memref<16x16xi8>) attributes {accel.kernel} {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  scf.for %k = %c0 to %c64 step %c16 {
    %buf = memref.alloc() : memref<16x16xi8, 1>
    accel.dma_load %a, %buf : memref<16x16xi8>, memref<16x16xi8, 1>
  }
  return
}

// -----

// The tiler's nest: the accumulator tile (allocated per n step) becomes two
// buffers allocated in the m loop, the two operand tiles (per k step) two
// buffers each, allocated in the n loop; each loop selects its buffer with
// (iv floordiv 16) mod 2.  The tail subviews now cut the selected buffer.
// TILED-DAG:   #[[$SLOT:.*]] = affine_map<(d0) -> ((d0 floordiv 16) mod 2)>
// TILED-DAG:   #[[$MAP20:.*]] = affine_map<(d0) -> (16, -d0 + 20)>
// TILED-LABEL: func.func private @tiled(
// TILED-SAME:      %[[A:.*]]: memref<40x24xi8>, %[[B:.*]]: memref<24x20xi8>, %[[C:.*]]: memref<40x20xi32>)
// TILED:         scf.for %[[M:[^ ]*]] =
// TILED:           %[[MT:.*]] = affine.min
// TILED:           %[[ACC:.*]] = memref.alloc() : memref<2x16x16xi32, 2>
// TILED-NEXT:      scf.for %[[N:[^ ]*]] =
// TILED-NEXT:        %[[IN:.*]] = affine.apply #[[$SLOT]](%[[N]])
// TILED-NEXT:        %[[ACCBUF:.*]] = memref.subview %[[ACC]][%[[IN]], 0, 0] [1, 16, 16] [1, 1, 1] : memref<2x16x16xi32, 2> to memref<16x16xi32, strided<[16, 1], offset: ?>, 2>
// TILED-NEXT:        %[[NT:.*]] = affine.min #[[$MAP20]](%[[N]])
// TILED-NEXT:        %[[ACCT:.*]] = memref.subview %[[ACCBUF]][0, 0] [%[[MT]], %[[NT]]] [1, 1]
// TILED-DAG:         %[[ABUFS:.*]] = memref.alloc() : memref<2x16x16xi8, 1>
// TILED-DAG:         %[[BBUFS:.*]] = memref.alloc() : memref<2x16x16xi8, 1>
// TILED:             scf.for %[[K:[^ ]*]] =
// TILED-DAG:           affine.apply #[[$SLOT]](%[[K]])
// TILED-DAG:           affine.apply #[[$SLOT]](%[[K]])
// TILED-DAG:           memref.subview %[[ABUFS]][%{{[0-9]+}}, 0, 0] [1, 16, 16] [1, 1, 1] : memref<2x16x16xi8, 1> to memref<16x16xi8, strided<[16, 1], offset: ?>, 1>
// TILED-DAG:           memref.subview %[[BBUFS]][%{{[0-9]+}}, 0, 0] [1, 16, 16] [1, 1, 1] : memref<2x16x16xi8, 1> to memref<16x16xi8, strided<[16, 1], offset: ?>, 1>
// TILED:               accel.tile_matmul %{{.*}}, %{{.*}}, %[[ACCT]] accumulate
// TILED:             accel.dma_store %[[ACCT]], %{{.*}} :
// TILED-NOT:     memref.alloc() : memref<16x16
func.func private @tiled(%a: tensor<40x24xi8>, %b: tensor<24x20xi8>) -> tensor<40x20xi32> attributes {accel.kernel} {
  %0 = accel.matmul %a, %b acc(i32) : tensor<40x24xi8>, tensor<24x20xi8> -> tensor<40x20xi32>
  return %0 : tensor<40x20xi32>
}
