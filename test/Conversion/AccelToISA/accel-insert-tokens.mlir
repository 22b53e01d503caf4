// RUN: accel-opt %s --split-input-file -verify-diagnostics --accel-attach-target=target=int8-16x16 --accel-insert-tokens | FileCheck %s
// RUN: accel-opt %s --split-input-file -verify-diagnostics --accel-attach-target=target=bf16-128x128 --accel-insert-tokens | FileCheck %s --check-prefix=BF16
//
// Without a target the pass has no memory sizes: an error, not a crash.
// RUN: echo 'func.func @k() attributes {accel.kernel, accel.kernel_type = () -> (), accel.program = {dram_bytes = 0 : i64, bindings = [], constants = [], qparams = []}} { accel.isa.halt {} return }' > %t.no-target.mlir
// RUN: not accel-opt %t.no-target.mlir --accel-insert-tokens 2>&1 | FileCheck %s --check-prefix=NO-TARGET
// NO-TARGET: error: {{.*}}accel.target

// Hand-written ISA streams (the output of accel-lower-to-isa): the pass
// only reads the fields, the target's memory sizes and the program's
// dram_bytes.  Queues: load (load), compute (preload, matmul, alu), store
// (store); load -> compute -> store are "next", the reverse "prev".

// Two rounds of load / preload / matmul / store on the same buffers.
//   #1 -> #2: the preload reads the weights the load wrote (RAW, sp 256).
//   #3 -> #4: the store reads the accumulator the matmul wrote (RAW).
//   #3 -> #5: the load overwrites the lhs the matmul read (WAR, sp 0).
//   #4 -> #6: the matmul overwrites the accumulator the store read (WAR).
//   #5 -> #6: the matmul reads the new lhs (RAW).
//   #6 -> #7: RAW on the accumulator.
// The matmul #3 reads sp 0 written by #0, but the compute queue already
// waited for #1, which the in-order load queue ran after #0: no token.
// CHECK-LABEL: func.func @two_rounds
// CHECK-NEXT:    accel.isa.load {{[{][^}]*}}sram_addr = 0 : i64{{[^}]*}}}{{$}}
// CHECK-NEXT:    accel.isa.load {{[{][^}]*}}sram_addr = 256 : i64{{[^}]*}}} {push_next}{{$}}
// CHECK-NEXT:    accel.isa.preload {{[{][^}]*}}} {pop_prev}{{$}}
// CHECK-NEXT:    accel.isa.matmul {{[{][^}]*}}} {push_next, push_prev}{{$}}
// CHECK-NEXT:    accel.isa.store {{[{][^}]*}}dram_addr = 512 : i64{{[^}]*}}} {pop_prev, push_prev}{{$}}
// CHECK-NEXT:    accel.isa.load {{[{][^}]*}}sram_addr = 0 : i64{{[^}]*}}} {pop_next, push_next}{{$}}
// CHECK-NEXT:    accel.isa.matmul {{[{][^}]*}}} {pop_next, pop_prev, push_next}{{$}}
// CHECK-NEXT:    accel.isa.store {{[{][^}]*}}dram_addr = 1536 : i64{{[^}]*}}} {pop_prev}{{$}}
// CHECK-NEXT:    accel.isa.halt {}{{$}}
// CHECK-NEXT:    return
func.func @two_rounds() attributes {accel.kernel, accel.kernel_type = () -> (), accel.program = {dram_bytes = 2560 : i64, bindings = [], constants = [], qparams = []}} {
  accel.isa.load {mem = 0, dram_type = 1, sram_type = 1, sram_addr = 0, dram_addr = 0, rows = 16, cols = 16, dram_stride = 16, sram_stride = 16}
  accel.isa.load {mem = 0, dram_type = 1, sram_type = 1, sram_addr = 256, dram_addr = 256, rows = 16, cols = 16, dram_stride = 16, sram_stride = 16}
  accel.isa.preload {type = 1, sram_addr = 256, k = 16, n = 16, sram_stride = 16}
  accel.isa.matmul {type = 1, a_addr = 0, c_addr = 0, m = 16, n = 16, k = 16, a_stride = 16, c_stride = 64}
  accel.isa.store {mem = 1, sram_type = 4, dram_type = 4, sram_addr = 0, dram_addr = 512, rows = 16, cols = 16, dram_stride = 64, sram_stride = 64}
  accel.isa.load {mem = 0, dram_type = 1, sram_type = 1, sram_addr = 0, dram_addr = 0, rows = 16, cols = 16, dram_stride = 16, sram_stride = 16}
  accel.isa.matmul {type = 1, a_addr = 0, c_addr = 0, m = 16, n = 16, k = 16, a_stride = 16, c_stride = 64}
  accel.isa.store {mem = 1, sram_type = 4, dram_type = 4, sram_addr = 0, dram_addr = 1536, rows = 16, cols = 16, dram_stride = 64, sram_stride = 64}
  accel.isa.halt {}
  return
}

// -----

// Instructions on disjoint bytes need no token at all, and a second reader
// of the same tile waits only once (the first pop already ordered it).
// CHECK-LABEL: func.func @independent
// CHECK-NEXT:    accel.isa.load {{[{][^}]*}}sram_addr = 0 : i64{{[^}]*}}} {push_next}{{$}}
// CHECK-NEXT:    accel.isa.load {{[{][^}]*}}sram_addr = 1024 : i64{{[^}]*}}}{{$}}
// CHECK-NEXT:    accel.isa.preload {{[{][^}]*}}} {pop_prev}{{$}}
// CHECK-NEXT:    accel.isa.preload {{[{][^}]*}}}{{$}}
// CHECK-NEXT:    accel.isa.halt {}{{$}}
func.func @independent() attributes {accel.kernel, accel.kernel_type = () -> (), accel.program = {dram_bytes = 512 : i64, bindings = [], constants = [], qparams = []}} {
  accel.isa.load {mem = 0, dram_type = 1, sram_type = 1, sram_addr = 0, dram_addr = 0, rows = 16, cols = 16, dram_stride = 16, sram_stride = 16}
  accel.isa.load {mem = 0, dram_type = 1, sram_type = 1, sram_addr = 1024, dram_addr = 256, rows = 16, cols = 16, dram_stride = 16, sram_stride = 16}
  accel.isa.preload {type = 1, sram_addr = 0, k = 16, n = 16, sram_stride = 16}
  accel.isa.preload {type = 1, sram_addr = 0, k = 16, n = 16, sram_stride = 16}
  accel.isa.halt {}
  return
}

// -----

// The load and store queues are not neighbours: a bias loaded into the
// accumulator and stored straight back is ordered through a zero-row
// compute `alu` (op 8 = mov) that pops from one and pushes to the other, and
// so is the next load that overwrites what the store read.  Its type is an
// accumulator type of the target (i32 = 4 on int8-16x16, f32 = 10 on
// bf16-128x128).
// CHECK-LABEL: func.func @load_store_sync
// CHECK-NEXT:    accel.isa.load {{[{][^}]*}}dram_addr = 0 : i64{{[^}]*}}} {push_next}{{$}}
// CHECK-NEXT:    accel.isa.alu {op = 8 : i64, rows = 0 : i64, type = 4 : i64} {pop_prev, push_next}{{$}}
// CHECK-NEXT:    accel.isa.store {{[{][^}]*}}} {pop_prev, push_prev}{{$}}
// CHECK-NEXT:    accel.isa.alu {op = 8 : i64, rows = 0 : i64, type = 4 : i64} {pop_next, push_prev}{{$}}
// CHECK-NEXT:    accel.isa.load {{[{][^}]*}}dram_addr = 64 : i64{{[^}]*}}} {pop_next}{{$}}
// CHECK-NEXT:    accel.isa.halt {}{{$}}
// BF16-LABEL: func.func @load_store_sync
// BF16:         accel.isa.alu {op = 8 : i64, rows = 0 : i64, type = 10 : i64} {pop_prev, push_next}{{$}}
// BF16:         accel.isa.alu {op = 8 : i64, rows = 0 : i64, type = 10 : i64} {pop_next, push_prev}{{$}}
func.func @load_store_sync() attributes {accel.kernel, accel.kernel_type = () -> (), accel.program = {dram_bytes = 1280 : i64, bindings = [], constants = [], qparams = []}} {
  accel.isa.load {mem = 1, dram_type = 4, sram_type = 4, broadcast = 1, sram_addr = 0, dram_addr = 0, rows = 16, cols = 16, dram_stride = 64, sram_stride = 64}
  accel.isa.store {mem = 1, sram_type = 4, dram_type = 4, sram_addr = 0, dram_addr = 256, rows = 16, cols = 16, dram_stride = 64, sram_stride = 64}
  accel.isa.load {mem = 1, dram_type = 4, sram_type = 4, broadcast = 1, sram_addr = 0, dram_addr = 64, rows = 16, cols = 16, dram_stride = 64, sram_stride = 64}
  accel.isa.halt {}
  return
}

// -----

// A load that must wait for both other queues: it overwrites the lhs the
// matmul #3 read (compute) and reads the DRAM bytes the store #4 wrote
// (store, through the sync alu).  This is what accel-lower-to-isa emits for
// two chained contractions in one kernel (the second reads the first's
// output from DRAM scratch into the scratchpad the first used).  A flag
// pops one token, so exactly one compute instruction may push toward the
// load queue for it: the sync alu, which runs after #3 in the in-order
// compute queue and so covers both.  Were #3 to push as well, the load would
// consume #3's token and race with the store (accel-sim: "overwrites DRAM
// bytes [512, 528) that instruction #6 (load queue) reads"), and the alu's
// token would be left for a later pop.
// CHECK-LABEL: func.func @load_waits_for_compute_and_store
// CHECK-NEXT:    accel.isa.load {{[{][^}]*}}dram_addr = 0 : i64{{[^}]*}}}{{$}}
// CHECK-NEXT:    accel.isa.load {{[{][^}]*}}dram_addr = 256 : i64{{[^}]*}}} {push_next}{{$}}
// CHECK-NEXT:    accel.isa.preload {{[{][^}]*}}} {pop_prev}{{$}}
// CHECK-NEXT:    accel.isa.matmul {{[{][^}]*}}} {push_next}{{$}}
// CHECK-NEXT:    accel.isa.store {{[{][^}]*}}dram_addr = 512 : i64{{[^}]*}}} {pop_prev, push_prev}{{$}}
// CHECK-NEXT:    accel.isa.alu {op = 8 : i64, rows = 0 : i64, type = 4 : i64} {pop_next, push_prev}{{$}}
// CHECK-NEXT:    accel.isa.load {{[{][^}]*}}dram_addr = 512 : i64{{[^}]*}}} {pop_next, push_next}{{$}}
// CHECK-NEXT:    accel.isa.matmul {{[{][^}]*}}} {pop_prev, push_next}{{$}}
// CHECK-NEXT:    accel.isa.store {{[{][^}]*}}dram_addr = 768 : i64{{[^}]*}}} {pop_prev}{{$}}
// CHECK-NEXT:    accel.isa.halt {}{{$}}
func.func @load_waits_for_compute_and_store() attributes {accel.kernel, accel.kernel_type = () -> (), accel.program = {dram_bytes = 1024 : i64, bindings = [], constants = [], qparams = []}} {
  accel.isa.load {mem = 0, dram_type = 1, sram_type = 1, sram_addr = 0, dram_addr = 0, rows = 16, cols = 16, dram_stride = 16, sram_stride = 16}
  accel.isa.load {mem = 0, dram_type = 1, sram_type = 1, sram_addr = 256, dram_addr = 256, rows = 16, cols = 16, dram_stride = 16, sram_stride = 16}
  accel.isa.preload {type = 1, sram_addr = 256, k = 16, n = 16, sram_stride = 16}
  accel.isa.matmul {type = 1, a_addr = 0, c_addr = 0, m = 16, n = 16, k = 16, a_stride = 16, c_stride = 64}
  accel.isa.store {mem = 1, sram_type = 4, dram_type = 1, sram_addr = 0, dram_addr = 512, rows = 16, cols = 16, dram_stride = 16, sram_stride = 64, qparam = 0}
  accel.isa.load {mem = 0, dram_type = 1, sram_type = 1, sram_addr = 0, dram_addr = 512, rows = 16, cols = 16, dram_stride = 16, sram_stride = 16}
  accel.isa.matmul {type = 1, a_addr = 0, c_addr = 0, m = 16, n = 16, k = 16, a_stride = 16, c_stride = 64}
  accel.isa.store {mem = 1, sram_type = 4, dram_type = 1, sram_addr = 0, dram_addr = 768, rows = 16, cols = 16, dram_stride = 16, sram_stride = 64, qparam = 0}
  accel.isa.halt {}
  return
}

// -----

// Functions without accel.program are not touched.
// CHECK-LABEL: func.func @not_lowered
// CHECK-NEXT:    accel.isa.load {{[{][^}]*}}}{{$}}
// CHECK-NEXT:    accel.isa.preload {{[{][^}]*}}}{{$}}
func.func @not_lowered() attributes {accel.kernel} {
  accel.isa.load {mem = 0, dram_type = 1, sram_type = 1, sram_addr = 0, dram_addr = 0, rows = 16, cols = 16, dram_stride = 16, sram_stride = 16}
  accel.isa.preload {type = 1, sram_addr = 0, k = 16, n = 16, sram_stride = 16}
  accel.isa.halt {}
  return
}

// -----

// Addresses are checked against the memories (both targets' scratchpads
// are smaller than 4 GiB).
func.func @out_of_range() attributes {accel.kernel, accel.kernel_type = () -> (), accel.program = {dram_bytes = 256 : i64, bindings = [], constants = [], qparams = []}} {
  // expected-error @+1 {{'accel.isa.load' op touches bytes up to 4294967296 of a memory of}}
  accel.isa.load {mem = 0, dram_type = 1, sram_type = 1, sram_addr = 4294967040, dram_addr = 0, rows = 16, cols = 16, dram_stride = 16, sram_stride = 16}
  accel.isa.halt {}
  return
}
