// Each preset loads by name and by path, prints its fields, and the printed
// attribute parses back to the same attribute.

// RUN: accel-opt %s --accel-target=int8-16x16 | FileCheck %s --check-prefix=I8-16
// RUN: accel-opt %s --accel-target=%accel_src_root/targets/int8-16x16.json | FileCheck %s --check-prefix=I8-16
// RUN: accel-opt %s --accel-target=int8-16x16 | accel-opt | FileCheck %s --check-prefix=I8-16
// I8-16: module attributes {accel.target = #accel.target<name = "int8-16x16", kind = systolic, rows = 16, cols = 16, dataflow = weight_stationary, scratchpad_bytes = 262144, scratchpad_banks = 4, accumulator_bytes = 65536, ops = [matmul, conv2d, relu, clamp, add, max_pool2d, requantize], types = {{\[}}[i8, i32, i8], [i8, i32, i32]], dma_bytes_per_cycle = 16, dma_latency_cycles = 100, host_link_bytes_per_cycle = 8, host_link_latency_cycles = 2000, clock_mhz = 1000>}

// RUN: accel-opt %s --accel-target=bf16-128x128 | accel-opt | FileCheck %s --check-prefix=BF16
// BF16: #accel.target<name = "bf16-128x128", kind = systolic, rows = 128, cols = 128, dataflow = output_stationary,
// BF16-SAME: ops = [matmul, conv2d, depthwise_conv2d, relu, clamp, add, sub, mul, max_pool2d, avg_pool2d, cast]
// BF16-SAME: types = {{\[}}[bf16, f32, bf16], [bf16, f32, f32], [f16, f32, f16], [f16, f32, f32]]
// BF16-SAME: clock_mhz = 940>

// RUN: accel-opt %s --accel-target=int8-256x256 | accel-opt | FileCheck %s --check-prefix=I8-256
// I8-256: #accel.target<name = "int8-256x256", kind = systolic, rows = 256, cols = 256, dataflow = weight_stationary, scratchpad_bytes = 25165824, scratchpad_banks = 32, accumulator_bytes = 4194304,
// I8-256-SAME: types = {{\[}}[i8, i32, i8], [i8, i32, i32], [u8, i32, u8], [i4, i32, i8]], sparsity_2_4 = true,

// RUN: accel-opt %s --accel-target=cpu | accel-opt | FileCheck %s --check-prefix=CPU
// CPU: module attributes {accel.target = #accel.target<name = cpu, kind = cpu>}

// CHECK-NOT: energy
func.func @f() {
  return
}
