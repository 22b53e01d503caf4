// RUN: accel-opt %s --split-input-file -verify-diagnostics --accel-attach-target=target=int8-16x16 --accel-serialize-kernels | FileCheck %s
//
// dump-dir also writes <dir>/<kernel>.accelbin, which the disassembler reads
// and which reassembles to the same bytes.
// RUN: rm -rf %t && mkdir -p %t/bins
// RUN: accel-opt %s --split-input-file -verify-diagnostics --accel-attach-target=target=int8-16x16 --accel-serialize-kernels=dump-dir=%t/bins -o /dev/null
// RUN: accel-translate --bin-to-asm %t/bins/k.accelbin -o %t/k.s
// RUN: FileCheck %s --check-prefix=ASM < %t/k.s
// RUN: accel-translate --asm-to-bin %t/k.s -o %t/k2.accelbin
// RUN: cmp %t/bins/k.accelbin %t/k2.accelbin
//
// RUN: not accel-opt %s --split-input-file --accel-attach-target=target=int8-16x16 --accel-serialize-kernels=dump-dir=%t/does-not-exist -o /dev/null 2>&1 | FileCheck %s --check-prefix=NO-DIR
// NO-DIR: error: cannot write '{{.*}}does-not-exist{{[/\\]}}k.accelbin'
//
// Without a target there is no fingerprint to write: an error, not a crash.
// RUN: echo 'func.func @k() attributes {accel.kernel, accel.kernel_type = () -> (), accel.program = {dram_bytes = 0 : i64, bindings = [], constants = [], qparams = []}} { accel.isa.halt {} return }' > %t.no-target.mlir
// RUN: not accel-opt %t.no-target.mlir --accel-serialize-kernels 2>&1 | FileCheck %s --check-prefix=NO-TARGET
// NO-TARGET: error: {{.*}}accel.target

// relu(requantize(A @ W)) for a 16x16 int8 tile on int8-16x16, with the
// weights a constant (the shape accel-lower-to-isa and accel-insert-tokens
// leave).  The kernel becomes an accel.binary of the same symbol and the
// tensor-level signature, so the launch still verifies; the constant only
// the kernel used is erased (it is inside the binary), the one a host
// function uses stays.
// CHECK-NOT:   memref.global "private" constant @k_w
// CHECK:       memref.global "private" constant @kept : memref<4xi8> = dense<[1, 2, 3, 4]>
// CHECK-NOT:   memref.global "private" constant @k_w
// CHECK-LABEL: func.func @main
// CHECK:         accel.launch @k(%{{.*}}) : (tensor<16x16xi8>) -> tensor<16x16xi8>
// CHECK-NOT:   func.func private @k(
// The header: magic, version 1.0, 64 header bytes; then the target name.
// CHECK:       accel.binary @k : (tensor<16x16xi8>) -> tensor<16x16xi8> "ACCELBIN\01\00\00\00@\00\00\00{{.*}}\0A\00int8-16x16\04\00arg0
// CHECK-NOT:   func.func private @k(
// CHECK-NOT:   accel.isa

// ASM:      .target "int8-16x16" fingerprint=0x{{[0-9a-f]+}}
// ASM-NEXT: .dram 768
// ASM-NEXT: .input arg0 i8[16,16] @0
// ASM-NEXT: .output result0 i8[16,16] @512
// ASM-NEXT: .qparam 0 multiplier=1073741824 exponent=-4 zp=3 lo=-128 hi=127
// ASM-NEXT: .const k_w i8[16,16] @256 hex "{{(01)+}}"{{$}}
// ASM-NEXT: load mem=sp dram_type=i8 sram_type=i8 rows=16 cols=16 dram_stride=16 sram_stride=16  # 0
// ASM-NEXT: load push_next mem=sp dram_type=i8 sram_type=i8 sram_addr=256 dram_addr=256 rows=16 cols=16 dram_stride=16 sram_stride=16  # 1
// ASM-NEXT: preload pop_prev type=i8 sram_addr=256 k=16 n=16 sram_stride=16  # 2
// ASM-NEXT: matmul push_next type=i8 m=16 n=16 k=16 a_stride=16 c_stride=64 a_zp=-3  # 3
// ASM-NEXT: store pop_prev mem=acc sram_type=i32 dram_type=i8 act=relu dram_addr=512 rows=16 cols=16 dram_stride=16 sram_stride=64 qparam=0  # 4
// ASM-NEXT: halt  # 5
// ASM-NOT:  {{.}}

memref.global "private" constant @k_w : memref<16x16xi8> = dense<1>
memref.global "private" constant @kept : memref<4xi8> = dense<[1, 2, 3, 4]>

func.func @main(%x: tensor<16x16xi8>) -> tensor<16x16xi8> {
  %d = accel.host_to_device %x : tensor<16x16xi8>
  %r = accel.launch @k(%d) : (tensor<16x16xi8>) -> tensor<16x16xi8>
  %h = accel.device_to_host %r : tensor<16x16xi8>
  return %h : tensor<16x16xi8>
}

func.func @host() -> memref<4xi8> {
  %0 = memref.get_global @kept : memref<4xi8>
  return %0 : memref<4xi8>
}

func.func private @k(%a: memref<16x16xi8>, %out: memref<16x16xi8>) attributes {accel.kernel, accel.kernel_type = (tensor<16x16xi8>) -> tensor<16x16xi8>, accel.program = {dram_bytes = 768 : i64, bindings = [{dtype = "i8", name = "arg0", offset = 0 : i64, output = false, shape = array<i64: 16, 16>}, {dtype = "i8", name = "result0", offset = 512 : i64, output = true, shape = array<i64: 16, 16>}], constants = [{global = @k_w, offset = 256 : i64}], qparams = [array<i32: 1073741824, -4, 3, -128, 127>]}} {
  accel.isa.load {mem = 0, dram_type = 1, sram_type = 1, sram_addr = 0, dram_addr = 0, rows = 16, cols = 16, dram_stride = 16, sram_stride = 16}
  accel.isa.load {mem = 0, dram_type = 1, sram_type = 1, sram_addr = 256, dram_addr = 256, rows = 16, cols = 16, dram_stride = 16, sram_stride = 16} {push_next}
  accel.isa.preload {type = 1, sram_addr = 256, k = 16, n = 16, sram_stride = 16} {pop_prev}
  accel.isa.matmul {type = 1, a_addr = 0, c_addr = 0, m = 16, n = 16, k = 16, a_stride = 16, c_stride = 64, a_zp = -3} {push_next}
  accel.isa.store {mem = 1, sram_type = 4, dram_type = 1, act = 1, sram_addr = 0, dram_addr = 512, rows = 16, cols = 16, dram_stride = 16, sram_stride = 64, qparam = 0} {pop_prev}
  accel.isa.halt {}
  return
}

// -----

// Functions without accel.program (not lowered yet) are left alone.
// CHECK-LABEL: func.func private @not_lowered
// CHECK-NOT:   accel.binary
func.func private @not_lowered(%a: memref<4xi8>) attributes {accel.kernel, accel.kernel_type = (tensor<4xi8>) -> ()} {
  return
}

// -----

// The stream is encoded through isa::writeBinary, whose checks apply.
// expected-error @+1 {{cannot be encoded: the instruction stream must end with 'halt'}}
func.func private @no_halt() attributes {accel.kernel, accel.kernel_type = () -> (), accel.program = {dram_bytes = 0 : i64, bindings = [], constants = [], qparams = []}} {
  accel.isa.preload {type = 1, sram_addr = 0, k = 16, n = 16, sram_stride = 16}
  return
}

// -----

// expected-error @+1 {{cannot be encoded: binding 'result0' (DRAM [128, 384)) overlaps binding 'arg0' (DRAM [0, 256))}}
func.func private @overlap(%a: memref<16x16xi8>, %out: memref<16x16xi8>) attributes {accel.kernel, accel.kernel_type = (tensor<16x16xi8>) -> tensor<16x16xi8>, accel.program = {dram_bytes = 512 : i64, bindings = [{dtype = "i8", name = "arg0", offset = 0 : i64, output = false, shape = array<i64: 16, 16>}, {dtype = "i8", name = "result0", offset = 128 : i64, output = true, shape = array<i64: 16, 16>}], constants = [], qparams = []}} {
  accel.isa.halt {}
  return
}

// -----

func.func private @not_isa() attributes {accel.kernel, accel.kernel_type = () -> (), accel.program = {dram_bytes = 0 : i64, bindings = [], constants = [], qparams = []}} {
  // expected-error @+1 {{'arith.constant' op is not an ISA op; run accel-lower-to-isa first}}
  %c0 = arith.constant 0 : index
  accel.isa.halt {}
  return
}

// -----

// expected-error @+1 {{constant @nope has no memref.global}}
func.func private @no_global() attributes {accel.kernel, accel.kernel_type = () -> (), accel.program = {dram_bytes = 64 : i64, bindings = [], constants = [{global = @nope, offset = 0 : i64}], qparams = []}} {
  accel.isa.halt {}
  return
}
