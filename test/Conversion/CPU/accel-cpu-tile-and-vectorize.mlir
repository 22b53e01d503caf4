// The register tile is given explicitly: its default depends on the host.
// RUN: accel-opt --accel-cpu-tile-and-vectorize="register-tile=4,16" --canonicalize %s --split-input-file | FileCheck %s
// RUN: accel-opt --accel-cpu-tile-and-vectorize="register-tile=4,16 print-schedule" %s --split-input-file -o /dev/null 2>&1 | FileCheck %s --check-prefix=SCHEDULE
// RUN: not accel-opt --accel-cpu-tile-and-vectorize="schedule=%S/does-not-exist.mlir" %s --split-input-file -o /dev/null 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: echo 'module attributes {transform.with_named_sequence} {}' > %t.empty.mlir
// RUN: not accel-opt --accel-cpu-tile-and-vectorize="schedule=%t.empty.mlir" %s --split-input-file -o /dev/null 2>&1 | FileCheck %s --check-prefix=NO-ENTRY

// MISSING: error: cannot read schedule '{{.*}}does-not-exist.mlir'
// NO-ENTRY: error: the schedule has no @__transform_main

// A matmul that fits one cache tile: register tiles of 4x16, each a chain
// of vector FMAs on vector<16xf32> (one per row of the tile), with the
// accumulator tile read before and written after the k loop.
// SCHEDULE: %g0 = transform.structured.match ops{["linalg.matmul"]}
// SCHEDULE: tile_sizes [64, 32, 64]
// SCHEDULE: tile_sizes [4, 16, 1]
// SCHEDULE-NOT: transform.loop.peel
// CHECK-LABEL: func.func @fits
// CHECK-NOT:     linalg.matmul
// CHECK:         scf.for %{{.*}} = %c0 to %c64 step %c4
// CHECK:           scf.for %{{.*}} = %c0 to %c32 step %c16
// CHECK:             vector.transfer_read {{.*}} : tensor<4x16xf32>, vector<4x16xf32>
// CHECK:             scf.for %{{.*}} = %c0 to %c64 step %c1 iter_args({{.*}}) -> (vector<4x16xf32>)
// CHECK-COUNT-4:       vector.fma {{.*}} : vector<16xf32>
// CHECK:               scf.yield
// CHECK:             vector.transfer_write {{.*}} : vector<4x16xf32>, tensor<4x16xf32>
// CHECK-NOT:     linalg.matmul
func.func @fits(%a: tensor<64x64xf32>, %b: tensor<64x32xf32>, %c: tensor<64x32xf32>) -> tensor<64x32xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<64x64xf32>, tensor<64x32xf32>) outs(%c : tensor<64x32xf32>) -> tensor<64x32xf32>
  return %0 : tensor<64x32xf32>
}

// -----

// 10 rows and 20 columns do not divide the 4x16 register tile: the M and N
// loops are peeled, so full tiles stay unmasked (in_bounds, no mask operand)
// and only the last row and column tiles are masked (a 4x16 vector over a
// 2x4 corner).
// SCHEDULE-LABEL: tile_sizes [10, 20, 33]
// SCHEDULE: transform.loop.peel %g0p1
// SCHEDULE: transform.loop.peel %g0p0
// CHECK-LABEL: func.func @tails
// CHECK-NOT:     linalg.matmul
// CHECK:         scf.for %{{.*}} = %c0 to %c8 step %c4
// CHECK:           vector.transfer_read %{{.*}}[%c0, %c0], %{{[a-z0-9_]+}} {in_bounds = [true, true]} : tensor<4x16xf32>, vector<4x16xf32>
// CHECK:           vector.fma {{.*}} : vector<16xf32>
// CHECK:         vector.transfer_write {{.*}} : vector<4x16xf32>, tensor<2x4xf32>
// CHECK-NOT:     linalg.matmul
func.func @tails(%a: tensor<10x33xf32>, %b: tensor<33x20xf32>, %c: tensor<10x20xf32>) -> tensor<10x20xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<10x33xf32>, tensor<33x20xf32>) outs(%c : tensor<10x20xf32>) -> tensor<10x20xf32>
  return %0 : tensor<10x20xf32>
}

// -----

// Cache tiles are chosen per shape: M = 3136 is tiled by 224 (a divisor and
// a multiple of 4), K = 576 by 96, N = 64 whole.
// SCHEDULE: tile_sizes [224, 64, 96]
// CHECK-LABEL: func.func @conv_like
// CHECK:         scf.for %{{.*}} = %c0 to %c3136 step %c224
// CHECK:           scf.for %{{.*}} = %c0 to %c576 step %c96
// CHECK-NOT:     linalg.matmul
func.func @conv_like(%a: tensor<3136x576xf32>, %b: tensor<576x64xf32>, %c: tensor<3136x64xf32>) -> tensor<3136x64xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<3136x576xf32>, tensor<576x64xf32>) outs(%c : tensor<3136x64xf32>) -> tensor<3136x64xf32>
  return %0 : tensor<3136x64xf32>
}

// -----

// Batched matmuls: one batch at a time, then the same register tiles; i32
// accumulation uses vector multiply-add on vector<16xi32>.
// SCHEDULE: %g0 = transform.structured.match ops{["linalg.batch_matmul"]}
// SCHEDULE: tile_sizes [1, 8, 16, 8]
// CHECK-LABEL: func.func @batched
// CHECK-NOT:     linalg.batch_matmul
// CHECK:         arith.muli {{.*}} : vector<16xi32>
// CHECK:         arith.addi {{.*}} : vector<16xi32>
// CHECK-NOT:     linalg.batch_matmul
func.func @batched(%a: tensor<3x8x8xi32>, %b: tensor<3x8x16xi32>, %c: tensor<3x8x16xi32>) -> tensor<3x8x16xi32> {
  %0 = linalg.batch_matmul ins(%a, %b : tensor<3x8x8xi32>, tensor<3x8x16xi32>) outs(%c : tensor<3x8x16xi32>) -> tensor<3x8x16xi32>
  return %0 : tensor<3x8x16xi32>
}

// Bad tile options are errors, not crashes.
// RUN: not accel-opt --accel-cpu-tile-and-vectorize="register-tile=0,16" %s --split-input-file -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD-ZERO
// BAD-ZERO: error: accel-cpu-tile-and-vectorize: 'register-tile' sizes must be in [1, 64], found 0
// RUN: not accel-opt --accel-cpu-tile-and-vectorize="register-tile=3" %s --split-input-file -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD-COUNT
// BAD-COUNT: error: accel-cpu-tile-and-vectorize: expected 2 sizes for 'register-tile', found 1
// RUN: not accel-opt --accel-cpu-tile-and-vectorize="cache-tile=-1,2,3" %s --split-input-file -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD-CACHE
// BAD-CACHE: error: accel-cpu-tile-and-vectorize: 'cache-tile' sizes must be in [1, 4096], found -1
// RUN: not accel-opt --accel-cpu-tile-and-vectorize="cache-tile=2,2,2 register-tile=4,16" %s --split-input-file -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD-NEST
// BAD-NEST: error: accel-cpu-tile-and-vectorize: the cache tile must be at least the register tile in M and N
