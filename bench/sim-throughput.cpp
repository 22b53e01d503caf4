//===- sim-throughput.cpp - simulated MACs per second ---------------------===//
//
// Runs ~10^9 int8 MACs of systolic matmul instructions on the simulator (a
// 1024x16x16 tile per instruction on int8-16x16, operands resident in the
// scratchpad) and prints simulated MACs per wall-clock second, next to a
// naive int8 triple loop (i32 accumulation) over the same MAC count,
// measured in the same run.
//
//   accel-bench-sim-throughput [total-macs=1e9]
//
//===----------------------------------------------------------------------===//
#include "BenchUtil.h"

#include "accel/ISA/Assembler.h"
#include "accel/Simulator/Simulator.h"
#include "accel/Target/TargetJSON.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <random>
#include <string>

using namespace accel;

int main(int argc, char **argv) {
  double totalMacs = argc > 1 ? std::stod(argv[1]) : 1e9;
  auto target = loadTarget("int8-16x16");
  if (!target) {
    llvm::errs() << llvm::toString(target.takeError()) << "\n";
    return 1;
  }
  constexpr int64_t m = 1024, n = 16, k = 16;
  int64_t perInstruction = m * n * k;
  int64_t count = std::max<int64_t>(1, int64_t(totalMacs / perInstruction));

  // A [1024 x 16] and B [16 x 16] are loaded once; every matmul overwrites
  // the same accumulator tile, which is stored at the end.
  std::string text = ".target int8-16x16\n"
                     ".input A i8[1024,16] @0\n"
                     ".input B i8[16,16] @16384\n"
                     ".output C i32[1024,16] @16640\n"
                     "load mem=sp dram_type=i8 sram_type=i8 dram_addr=0 "
                     "sram_addr=0 rows=1024 cols=16\n"
                     "load push_next mem=sp dram_type=i8 sram_type=i8 "
                     "dram_addr=16384 sram_addr=16384 rows=16 cols=16\n"
                     "preload pop_prev type=i8 sram_addr=16384 k=16 n=16\n";
  for (int64_t i = 0; i < count; ++i)
    text += llvm::formatv("matmul {0}type=i8 a_addr=0 c_addr=0 m={1} n={2} "
                          "k={3}\n",
                          i + 1 == count ? "push_next " : "", m, n, k)
                .str();
  text += "store pop_prev mem=acc sram_type=i32 dram_type=i32 sram_addr=0 "
          "dram_addr=16640 rows=1024 cols=16\nhalt\n";
  auto program = isa::assemble(text, "sim-throughput.s", ".");
  if (!program) {
    llvm::errs() << llvm::toString(program.takeError()) << "\n";
    return 1;
  }
  std::vector<uint8_t> dram(program->dramBytes);
  std::mt19937 rng(3);
  for (size_t i = 0; i < 16640; ++i)
    dram[i] = uint8_t(rng());

  sim::Simulator simulator(*target);
  sim::Report report;
  auto start = std::chrono::steady_clock::now();
  auto result = simulator.run(*program, dram);
  double simSeconds = std::chrono::duration<double>(
                          std::chrono::steady_clock::now() - start)
                          .count();
  if (!result) {
    llvm::errs() << llvm::toString(result.takeError()) << "\n";
    return 1;
  }
  report = *result;

  // Naive baseline: the same MACs as a plain triple loop.
  std::vector<int8_t> a(m * k), b(k * n);
  std::vector<int32_t> c(m * n);
  for (auto &x : a)
    x = int8_t(rng());
  for (auto &x : b)
    x = int8_t(rng());
  int64_t naiveReps = std::max<int64_t>(1, count / 16);
  auto naiveStart = std::chrono::steady_clock::now();
  for (int64_t r = 0; r < naiveReps; ++r) {
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) {
        int32_t acc = 0;
        for (int64_t p = 0; p < k; ++p)
          acc += int32_t(a[i * k + p]) * int32_t(b[p * n + j]);
        c[i * n + j] = acc + int32_t(r);
      }
    a[r % a.size()] ^= int8_t(c[r % c.size()]); // keep the loop alive
  }
  double naiveSeconds = std::chrono::duration<double>(
                            std::chrono::steady_clock::now() - naiveStart)
                            .count();
  double simRate = double(report.macs) / simSeconds;
  double naiveRate = double(naiveReps * perInstruction) / naiveSeconds;
  llvm::outs() << llvm::formatv(
      "simulator: {0} MACs in {1} instructions, {2:f2} s wall, {3:e} "
      "simulated MACs/s ({4} simulated cycles, utilization {5:f3})\n"
      "naive int8 loop: {6:e} MACs/s; simulator / naive = {7:f2}\n",
      report.macs, count, simSeconds, simRate, report.totalCycles,
      report.utilization, naiveRate, simRate / naiveRate);
  return 0;
}
