//===- BinaryFuzzer.cpp - libFuzzer target for the loader and simulator ---===//
//
// Feeds arbitrary bytes to isa::readBinary; whatever loads is checked
// against its target and run on the simulator. Any crash, sanitizer report
// or hang is a bug: malformed input must only ever produce an llvm::Error.
// Built with clang only (ACCEL_ENABLE_FUZZING); scripts/fuzz.sh runs it.
//
//===----------------------------------------------------------------------===//
#include "accel/ISA/Binary.h"
#include "accel/Simulator/Simulator.h"
#include "accel/Target/TargetJSON.h"

#include <cstddef>
#include <cstdint>
#include <vector>

using namespace accel;

/// Makes `bytes` pass the container's whole-file checks (file size field,
/// checksum), so that mutations reach the sections, the instruction
/// decoder and the simulator instead of stopping at the checksum.
static void fixUpContainer(std::vector<uint8_t> &bytes) {
  if (bytes.size() < isa::kBinaryHeaderBytes + 8)
    return;
  uint64_t size = bytes.size();
  for (unsigned i = 0; i < 8; ++i)
    bytes[16 + i] = uint8_t(size >> (8 * i));
  size_t sumAt = bytes.size() - 8;
  uint64_t sum = isa::fnv1a64(llvm::ArrayRef(bytes).take_front(sumAt));
  for (unsigned i = 0; i < 8; ++i)
    bytes[sumAt + i] = uint8_t(sum >> (8 * i));
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // The raw bytes exercise the early checks ...
  auto raw = isa::readBinary(llvm::ArrayRef<uint8_t>(data, size), "fuzz");
  if (!raw)
    llvm::consumeError(raw.takeError());
  // ... and the repaired copy everything behind them.
  std::vector<uint8_t> bytes(data, data + size);
  fixUpContainer(bytes);
  auto program = isa::readBinary(bytes, "fuzz-input");
  if (!program) {
    llvm::consumeError(program.takeError());
    return 0;
  }
  // Keep runs short and memory bounded; large programs are not more
  // interesting than small ones with the same instructions.
  if (program->dramBytes > (16u << 20) || program->instructions.size() > 512)
    return 0;
  auto target = loadTarget(program->targetName);
  if (!target) {
    llvm::consumeError(target.takeError());
    return 0;
  }
  if (llvm::Error error = sim::checkTarget(*program, *target)) {
    llvm::consumeError(std::move(error));
    return 0;
  }
  std::vector<uint8_t> dram(program->dramBytes);
  sim::Simulator simulator(*target);
  auto report = simulator.run(*program, dram);
  if (!report)
    llvm::consumeError(report.takeError());
  // A program that loads must also write back identically.
  auto written = isa::writeBinary(*program);
  if (!written)
    llvm::consumeError(written.takeError());
  return 0;
}
