// Every chunk runs on every preset; each prefix states what that preset
// decides for the chunk's op and why (the remark) and, for the first, where
// the op ends up (the accel.placement attribute).
//
// RUN: accel-opt --accel-target=int8-16x16 --accel-place %s --split-input-file -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=I16
// RUN: accel-opt --accel-target=bf16-128x128 --accel-place %s --split-input-file -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=B128
// RUN: accel-opt --accel-target=int8-256x256 --accel-place %s --split-input-file -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=I256
// RUN: accel-opt --accel-target=cpu --accel-place %s --split-input-file -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=CPU
//
// The decisions land in the IR as attributes.
// RUN: accel-opt --accel-target=int8-16x16 --accel-place %s --split-input-file 2>/dev/null | FileCheck %s --check-prefix=IR16
// RUN: accel-opt --accel-target=cpu --accel-place %s --split-input-file 2>/dev/null | FileCheck %s --check-prefix=IRCPU
//
// cost-model=false: every legal op goes to the accelerator, however small;
// illegal ops still stay on the host.
// RUN: accel-opt --accel-target=int8-16x16 --accel-place=cost-model=false %s --split-input-file -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOCOST16
// RUN: accel-opt --accel-target=bf16-128x128 --accel-place=cost-model=false %s --split-input-file -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOCOST128
// RUN: accel-opt --accel-target=cpu --accel-place=cost-model=false %s --split-input-file -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOCOSTCPU
//
// A host 25x faster than the default 40 GFLOP/s wins the big matmul back.
// RUN: accel-opt --accel-target=int8-16x16 "--accel-place=host-gflops=1000" %s --split-input-file -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=FASTHOST
//
// Without a target the pass refuses to run, in every chunk.
// RUN: not accel-opt --accel-place %s --split-input-file -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOTARGET
// NOTARGET: error: accel-place needs the module's 'accel.target'; run accel-attach-target first (or pass --accel-target)
// NOTARGET-NOT: remark:

!q = !quant.uniform<i8:f32, 0.05:3>

// A 512x512x512 quantized i8 matmul.
//
// int8-16x16 (weight-stationary, R = C = 16, DMA 16 B/cycle + 100, link
// 8 B/cycle + 2000, 1000 MHz):
//   compute = ceil(K/R) * ceil(N/C) * (R + M + R + C - 2)
//           = 32 * 32 * (16 + 512 + 16 + 16 - 2) = 1024 * 558 = 571392
//   DMA     = 3 * 512 * 512 B = 786432 B -> 786432 / 16 + 100 = 49252
//   link    = both operands in, the result out = 786432 B
//             -> 786432 / 8 + 2000 = 100304
//   time    = (571392 + 100304) cycles / 1 GHz = 671.70 us
//   host    = 2 * 512^3 / 40 GFLOP/s = 6.71 ms
//   energy  = 512^3 MACs * 0.3 pJ + 786432 B * (1.25 + 1.25 + 160) pJ
//             + 786432 B * 320 pJ = 419718758.4 pJ = 419718.8 nJ
// int8-256x256 (R = C = 256, DMA 32 B/cycle + 300, link 20 B/cycle + 1400,
// 700 MHz):
//   compute = 2 * 2 * (256 + 512 + 256 + 256 - 2) = 5112
//   DMA     = 786432 / 32 + 300 = 24876 (> compute: DMA-bound)
//   link    = ceil(786432 / 20) + 1400 = 39322 + 1400 = 40722
//   time    = (24876 + 40722) / 700 MHz = 93.71 us
// I16: accel-place.mlir:[[@LINE+8]]:8: remark: accelerator: offload is faster; accelerator 571392 cycles (571392 compute, 49252 DMA) + 100304 host-link cycles = 671.70 us vs host 6.71 ms; 786432 B over the host link; 419718.8 nJ
// B128: accel-place.mlir:[[@LINE+7]]:8: remark: host: type combination (i8, i32, i8) is not in the target's types{{$}}
// I256: accel-place.mlir:[[@LINE+6]]:8: remark: accelerator: offload is faster; accelerator 24876 cycles (5112 compute, 24876 DMA) + 40722 host-link cycles = 93.71 us vs host 6.71 ms; 786432 B over the host link; 419718.8 nJ
// CPU: accel-place.mlir:[[@LINE+5]]:8: remark: host: target 'cpu' has no accelerator{{$}}
// FASTHOST: accel-place.mlir:[[@LINE+4]]:8: remark: host: host is faster; accelerator 571392 cycles (571392 compute, 49252 DMA) + 100304 host-link cycles = 671.70 us vs host 268.44 us;
// IR16-LABEL: func @matmul_i8_512
// IR16: accel.matmul {{.*}} {accel.placement = "accelerator"}
func.func @matmul_i8_512(%a: tensor<512x512x!q>, %b: tensor<512x512x!q>) -> tensor<512x512x!q> {
  %0 = accel.matmul %a, %b acc(i32) : tensor<512x512x!q>, tensor<512x512x!q> -> tensor<512x512x!q>
  return %0 : tensor<512x512x!q>
}

// -----

!q = !quant.uniform<i8:f32, 0.05:3>

// A 4x4x4 quantized i8 matmul: fill, drain and the link latency dwarf 64
// MACs. int8-16x16: compute = 1 * 1 * (16 + 4 + 16 + 16 - 2) = 50;
// DMA = 48 B / 16 + 100 = 103; link = 48 B / 8 + 2000 = 2006;
// host = 2 * 64 / 40 GFLOP/s = 3.2 ns.
// I16: accel-place.mlir:[[@LINE+12]]:8: remark: host: host is faster; accelerator 103 cycles (50 compute, 103 DMA) + 2006 host-link cycles = 2.11 us vs host 3.2 ns; 48 B over the host link
// B128: accel-place.mlir:[[@LINE+11]]:8: remark: host: type combination (i8, i32, i8) is not in the target's types{{$}}
// I256: accel-place.mlir:[[@LINE+10]]:8: remark: host: host is faster; accelerator 770 cycles (770 compute, 302 DMA) + 1403 host-link cycles = 3.10 us vs host 3.2 ns; 48 B over the host link
// CPU: accel-place.mlir:[[@LINE+9]]:8: remark: host: target 'cpu' has no accelerator{{$}}
// NOCOST16: accel-place.mlir:[[@LINE+8]]:8: remark: accelerator: legal (cost model off); accelerator 103 cycles (50 compute, 103 DMA) + 2006 host-link cycles = 2.11 us vs host 3.2 ns;
// NOCOST128: accel-place.mlir:[[@LINE+7]]:8: remark: host: type combination (i8, i32, i8) is not in the target's types{{$}}
// NOCOSTCPU: accel-place.mlir:[[@LINE+6]]:8: remark: host: target 'cpu' has no accelerator{{$}}
// IR16-LABEL: func @matmul_i8_4
// IR16: accel.matmul {{.*}} {accel.placement = "host"}
// IRCPU-LABEL: func @matmul_i8_4
// IRCPU: accel.matmul {{.*}} {accel.placement = "host"}
func.func @matmul_i8_4(%a: tensor<4x4x!q>, %b: tensor<4x4x!q>) -> tensor<4x4x!q> {
  %0 = accel.matmul %a, %b acc(i32) : tensor<4x4x!q>, tensor<4x4x!q> -> tensor<4x4x!q>
  return %0 : tensor<4x4x!q>
}

// -----

!q = !quant.uniform<i8:f32, 0.05:3>

// avg_pool2d: only int8-256x256 runs it on i8. There: compute = 32*32*64
// outputs * 4 window / 256 columns = 1024; DMA = (262144 + 65536) B / 32 +
// 300 = 10540; host = 327680 B * 4 / 8 GB/s = 163.84 us.
// I16: accel-place.mlir:[[@LINE+7]]:8: remark: host: target 'int8-16x16' does not run 'avg_pool2d'{{$}}
// B128: accel-place.mlir:[[@LINE+6]]:8: remark: host: element type i8 is not an input type of the target{{$}}
// I256: accel-place.mlir:[[@LINE+5]]:8: remark: accelerator: offload is faster; accelerator 10540 cycles (1024 compute, 10540 DMA) + 17784 host-link cycles = 40.46 us vs host 163.84 us
// CPU: accel-place.mlir:[[@LINE+4]]:8: remark: host: target 'cpu' has no accelerator{{$}}
// IR16-LABEL: func @avg_pool_i8
// IR16: accel.avg_pool2d {{.*}} {accel.placement = "host"}
func.func @avg_pool_i8(%x: tensor<1x64x64x64x!q>) -> tensor<1x32x32x64x!q> {
  %0 = accel.avg_pool2d %x window [2, 2] strides [2, 2] : tensor<1x64x64x64x!q> -> tensor<1x32x32x64x!q>
  return %0 : tensor<1x32x32x64x!q>
}

// -----

// A 1024^3 bf16 matmul: only bf16-128x128 holds bf16.
// bf16-128x128 (output-stationary, R = C = 128, DMA 128 B/cycle + 200,
// link 16 B/cycle + 1500, 940 MHz):
//   compute = ceil(M/R) * ceil(N/C) * (K + R + C - 2) = 8 * 8 * 1278 = 81792
//   DMA     = 3 * 2 MiB = 6291456 B / 128 + 200 = 49352
//   link    = 6291456 / 16 + 1500 = 394716
//   time    = (81792 + 394716) / 940 MHz = 506.92 us; host = 2 * 2^30 / 40e9 = 53.69 ms
// I16: accel-place.mlir:[[@LINE+7]]:8: remark: host: type combination (bf16, f32, bf16) is not in the target's types{{$}}
// B128: accel-place.mlir:[[@LINE+6]]:8: remark: accelerator: offload is faster; accelerator 81792 cycles (81792 compute, 49352 DMA) + 394716 host-link cycles = 506.92 us vs host 53.69 ms; 6291456 B over the host link
// I256: accel-place.mlir:[[@LINE+5]]:8: remark: host: type combination (bf16, f32, bf16) is not in the target's types{{$}}
// CPU: accel-place.mlir:[[@LINE+4]]:8: remark: host: target 'cpu' has no accelerator{{$}}
// IR16-LABEL: func @matmul_bf16_1024
// IR16: accel.matmul {{.*}} {accel.placement = "host"}
func.func @matmul_bf16_1024(%a: tensor<1024x1024xbf16>, %b: tensor<1024x1024xbf16>) -> tensor<1024x1024xbf16> {
  %0 = accel.matmul %a, %b acc(f32) : tensor<1024x1024xbf16>, tensor<1024x1024xbf16> -> tensor<1024x1024xbf16>
  return %0 : tensor<1024x1024xbf16>
}

// -----

// A small bf16 matmul stays on the host unless the cost model is off.
// bf16-128x128: compute = 1 * 1 * (8 + 128 + 128 - 2) = 262.
// B128: accel-place.mlir:[[@LINE+3]]:8: remark: host: host is faster; accelerator 262 cycles (262 compute, 203 DMA) + 1524 host-link cycles = 1.90 us vs host 25.6 ns; 384 B over the host link
// NOCOST128: accel-place.mlir:[[@LINE+2]]:8: remark: accelerator: legal (cost model off); accelerator 262 cycles
func.func @matmul_bf16_8(%a: tensor<8x8xbf16>, %b: tensor<8x8xbf16>) -> tensor<8x8xbf16> {
  %0 = accel.matmul %a, %b acc(f32) : tensor<8x8xbf16>, tensor<8x8xbf16> -> tensor<8x8xbf16>
  return %0 : tensor<8x8xbf16>
}

// -----

!q = !quant.uniform<i8:f32, 0.05:3>

// A plain quantized conv2d as an implicit GEMM: M = 30*30 = 900,
// K = 3*3*64 = 576, N = 64. int8-16x16: compute = ceil(576/16) *
// ceil(64/16) * (16 + 900 + 16 + 16 - 2) = 36 * 4 * 946 = 136224.
// I16: accel-place.mlir:[[@LINE+6]]:8: remark: accelerator: offload is faster; accelerator 136224 cycles (136224 compute, 20900 DMA) + 43600 host-link cycles = 179.82 us vs host 1.66 ms; 332800 B over the host link
// B128: accel-place.mlir:[[@LINE+5]]:8: remark: host: type combination (i8, i32, i32) is not in the target's types{{$}}
// I256: accel-place.mlir:[[@LINE+4]]:8: remark: accelerator: offload is faster; accelerator 10700 cycles (4998 compute, 10700 DMA)
// IR16-LABEL: func @conv_i8
// IR16: accel.conv2d {{.*}} {accel.placement = "accelerator"}
func.func @conv_i8(%x: tensor<1x32x32x64x!q>, %w: tensor<3x3x64x64x!q>) -> tensor<1x30x30x64xi32> {
  %0 = accel.conv2d %x, %w acc(i32) : tensor<1x32x32x64x!q>, tensor<3x3x64x64x!q> -> tensor<1x30x30x64xi32>
  return %0 : tensor<1x30x30x64xi32>
}

// -----

!q = !quant.uniform<i8:f32, 0.05:3>

// A grouped (groups = 2, not depthwise) convolution: never on the
// accelerator, whatever the types (bf16-128x128 says so before it looks at
// the types), not even with the cost model off.
// I16: accel-place.mlir:[[@LINE+6]]:8: remark: host: grouped convolution (groups = 2) is not supported by the accelerator path{{$}}
// B128: accel-place.mlir:[[@LINE+5]]:8: remark: host: grouped convolution (groups = 2) is not supported by the accelerator path{{$}}
// I256: accel-place.mlir:[[@LINE+4]]:8: remark: host: grouped convolution (groups = 2) is not supported by the accelerator path{{$}}
// CPU: accel-place.mlir:[[@LINE+3]]:8: remark: host: target 'cpu' has no accelerator{{$}}
// NOCOST16: accel-place.mlir:[[@LINE+2]]:8: remark: host: grouped convolution (groups = 2) is not supported by the accelerator path{{$}}
func.func @conv_grouped(%x: tensor<1x32x32x64x!q>, %w: tensor<3x3x32x64x!q>) -> tensor<1x30x30x64xi32> {
  %0 = accel.conv2d %x, %w groups 2 acc(i32) : tensor<1x32x32x64x!q>, tensor<3x3x32x64x!q> -> tensor<1x30x30x64xi32>
  return %0 : tensor<1x30x30x64xi32>
}

// -----

// A depthwise convolution (groups = channels = 32) is the op kind
// depthwise_conv2d, which only bf16-128x128 runs. There it is 32 one-column
// GEMMs (M = 62*62 = 3844, K = 9, N = 1): compute = 32 * ceil(3844/128) *
// ceil(1/128) * (9 + 128 + 128 - 2) = 32 * 31 * 263 = 260896 cycles for
// 1107072 MACs, so the host (55.35 us) wins unless the cost model is off.
// I16: accel-place.mlir:[[@LINE+7]]:8: remark: host: target 'int8-16x16' does not run 'depthwise_conv2d'{{$}}
// B128: accel-place.mlir:[[@LINE+6]]:8: remark: host: host is faster; accelerator 260896 cycles (260896 compute, 4175 DMA) + 33296 host-link cycles = 312.97 us vs host 55.35 us
// I256: accel-place.mlir:[[@LINE+5]]:8: remark: host: target 'int8-256x256' does not run 'depthwise_conv2d'{{$}}
// CPU: accel-place.mlir:[[@LINE+4]]:8: remark: host: target 'cpu' has no accelerator{{$}}
// NOCOST16: accel-place.mlir:[[@LINE+3]]:8: remark: host: target 'int8-16x16' does not run 'depthwise_conv2d'{{$}}
// NOCOST128: accel-place.mlir:[[@LINE+2]]:8: remark: accelerator: legal (cost model off); accelerator 260896 cycles
func.func @conv_depthwise_bf16(%x: tensor<1x64x64x32xbf16>, %w: tensor<3x3x1x32xbf16>) -> tensor<1x62x62x32xbf16> {
  %0 = accel.conv2d %x, %w groups 32 acc(f32) : tensor<1x64x64x32xbf16>, tensor<3x3x1x32xbf16> -> tensor<1x62x62x32xbf16>
  return %0 : tensor<1x62x62x32xbf16>
}

// -----

// Elementwise ops need their element type among the target's input types.
// I16: accel-place.mlir:[[@LINE+4]]:8: remark: host: target 'int8-16x16' does not run 'mul'{{$}}
// B128: accel-place.mlir:[[@LINE+3]]:8: remark: host: element type f32 is not an input type of the target{{$}}
// I256: accel-place.mlir:[[@LINE+2]]:8: remark: host: target 'int8-256x256' does not run 'mul'{{$}}
func.func @mul_f32(%x: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %0 = accel.mul %x, %x : tensor<64x64xf32>, tensor<64x64xf32> -> tensor<64x64xf32>
  return %0 : tensor<64x64xf32>
}

// -----

// Quantize is checked against the type it produces (i8). On int8-256x256 the
// offload wins narrowly: (10540 + 17784) cycles / 700 MHz = 40.46 us against
// 327680 B / 8 GB/s = 40.96 us.
// I16: accel-place.mlir:[[@LINE+4]]:8: remark: host: target 'int8-16x16' does not run 'quantize'{{$}}
// B128: accel-place.mlir:[[@LINE+3]]:8: remark: host: target 'bf16-128x128' does not run 'quantize'{{$}}
// I256: accel-place.mlir:[[@LINE+2]]:8: remark: accelerator: offload is faster; accelerator 10540 cycles (256 compute, 10540 DMA) + 17784 host-link cycles = 40.46 us vs host 40.96 us
func.func @quantize(%x: tensor<256x256xf32>) -> tensor<256x256x!quant.uniform<i8:f32, 0.05:3>> {
  %0 = accel.quantize %x : tensor<256x256xf32> -> tensor<256x256x!quant.uniform<i8:f32, 0.05:3>>
  return %0 : tensor<256x256x!quant.uniform<i8:f32, 0.05:3>>
}

// -----

// Dynamic shapes cannot be tiled.
// I16: accel-place.mlir:[[@LINE+4]]:8: remark: host: dynamic shapes cannot be tiled for the accelerator{{$}}
// I256: accel-place.mlir:[[@LINE+3]]:8: remark: host: dynamic shapes cannot be tiled for the accelerator{{$}}
// NOCOST16: accel-place.mlir:[[@LINE+2]]:8: remark: host: dynamic shapes cannot be tiled for the accelerator{{$}}
func.func @dynamic(%a: tensor<?x16xi8>, %b: tensor<16x16xi8>) -> tensor<?x16xi32> {
  %0 = accel.matmul %a, %b acc(i32) : tensor<?x16xi8>, tensor<16x16xi8> -> tensor<?x16xi32>
  return %0 : tensor<?x16xi32>
}

// -----

!q = !quant.uniform<i8:f32, 0.05:3>

// i8 x i4 operands: no type entry names two input kinds (not even
// int8-256x256's [i4, i32, i8]).
// I16: accel-place.mlir:[[@LINE+3]]:8: remark: host: mixed operand types i8 x i4 are not in any of the target's type combinations{{$}}
// I256: accel-place.mlir:[[@LINE+2]]:8: remark: host: mixed operand types i8 x i4 are not in any of the target's type combinations{{$}}
func.func @mixed(%a: tensor<256x256x!q>, %w: tensor<256x256x!quant.uniform<i4:f32, 0.5>>) -> tensor<256x256xi32> {
  %0 = accel.matmul %a, %w acc(i32) : tensor<256x256x!q>, tensor<256x256x!quant.uniform<i4:f32, 0.5>> -> tensor<256x256xi32>
  return %0 : tensor<256x256xi32>
}

// -----

!q = !quant.uniform<i8:f32, 0.05:3>

// Host-link bytes follow the data: the matmul's operands come from the host
// (2 * 256 KiB) but its result stays on the accelerator (its users can run
// there); the relu reads and writes only device data (0 B), so it offloads
// although alone it would lose; the add returns its result (256 KiB).
// I16: accel-place.mlir:[[@LINE+6]]:8: remark: accelerator: offload is faster; accelerator 571392 cycles (571392 compute, 49252 DMA) + 67536 host-link cycles = 638.93 us vs host 6.71 ms; 524288 B over the host link
// I16: accel-place.mlir:[[@LINE+6]]:8: remark: accelerator: offload is faster; accelerator 32868 cycles (16384 compute, 32868 DMA) + 0 host-link cycles = 32.87 us vs host 65.54 us; 0 B over the host link
// I16: accel-place.mlir:[[@LINE+6]]:8: remark: accelerator: offload is faster; accelerator 49252 cycles (16384 compute, 49252 DMA) + 34768 host-link cycles = 84.02 us vs host 98.30 us; 262144 B over the host link
// IR16-LABEL: func @chain
// IR16-COUNT-3: {accel.placement = "accelerator"}
func.func @chain(%a: tensor<512x512x!q>, %b: tensor<512x512x!q>) -> tensor<512x512x!q> {
  %0 = accel.matmul %a, %b acc(i32) : tensor<512x512x!q>, tensor<512x512x!q> -> tensor<512x512x!q>
  %1 = accel.relu %0 : tensor<512x512x!q>
  %2 = accel.add %1, %0 : tensor<512x512x!q>, tensor<512x512x!q> -> tensor<512x512x!q>
  return %2 : tensor<512x512x!q>
}
