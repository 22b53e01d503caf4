// RUN: accel-opt %s --accel-attach-target=target=int8-16x16 | FileCheck %s --check-prefix=PRESET
// RUN: accel-opt %s --accel-attach-target=target=%S/../../Target/Inputs/valid-custom-energy.json | FileCheck %s --check-prefix=FILE
// RUN: accel-opt %s --accel-attach-target=target=%S/../../Target/Inputs/valid-custom-energy.json | accel-opt | FileCheck %s --check-prefix=FILE

// The pass replaces the module's existing target (here: cpu).
// PRESET: module attributes {accel.target = #accel.target<name = "int8-16x16", kind = systolic, rows = 16, cols = 16,
// PRESET-NOT: name = cpu

// A file that overrides part of the energy table prints the whole table;
// unspecified entries keep their Han et al. defaults.
// FILE: #accel.target<name = bad, kind = systolic, rows = 4, cols = 4,
// FILE-SAME: sparsity_2_4 = true,
// FILE-SAME: energy = {dram_pj_per_byte = 100.5, host_link_pj_per_byte = 320, mac_pj = {bf16 = 1.4818, f16 = 2, f32 = 4.6, f8E4M3FN = 1.0455, f8E5M2 = 0.9818, "i16" = 0.9, "i32" = 3.2, "i4" = 0.15, "i8" = 0.25, tf32 = 2, u8 = 0.3}, sram_read_pj_per_byte = 1.25, sram_write_pj_per_byte = 1.25}>

// PRESET-LABEL: func @kept
// PRESET: accel.relu
module attributes {accel.target = #accel.target<name = "cpu", kind = cpu>} {
  func.func @kept(%x: tensor<4xf32>) -> tensor<4xf32> {
    %0 = accel.relu %x : tensor<4xf32>
    return %0 : tensor<4xf32>
  }
}
