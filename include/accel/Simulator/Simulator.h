//===- Simulator.h - Functional, timing and energy model --------*- C++ -*-===//
//
// This file declares the accel simulator: it runs a Program against a DRAM
// image on the SRAMs of one TargetDesc, bit-exactly (integer requantization
// through accel/Numerics/Requantize.h), while a timing model runs the load,
// compute and store queues concurrently, synchronized by dependency tokens,
// and an energy model charges every MAC and byte moved.  docs/Simulator.md
// gives the closed forms; the functions below expose them for tests.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SIMULATOR_SIMULATOR_H
#define ACCEL_SIMULATOR_SIMULATOR_H

#include "accel/ISA/Binary.h"
#include "accel/Target/TargetDesc.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace accel {
namespace sim {

/// The units that get a timeline track and a busy-cycle count.  The
/// systolic array and the vector ALU share the compute queue.
enum class Unit : uint8_t { Load = 0, Systolic = 1, Alu = 2, Store = 3 };
constexpr unsigned kNumUnits = 4;
llvm::StringRef stringifyUnit(Unit unit);

struct TraceEvent {
  Unit unit;
  uint32_t index; // instruction index in the stream
  std::string name;
  uint64_t start, duration;
};

struct Report {
  std::string targetName;
  double clockMHz = 0;
  uint64_t rows = 0, cols = 0;
  /// Cycles from the first instruction's start to the last one's end.
  uint64_t totalCycles = 0;
  std::array<uint64_t, kNumUnits> busyCycles{};
  std::array<uint64_t, kNumUnits> instructions{};
  uint64_t macs = 0;
  /// macs / (rows * cols * totalCycles).
  double utilization = 0;
  uint64_t dramRead = 0, dramWritten = 0;
  uint64_t scratchpadRead = 0, scratchpadWritten = 0;
  uint64_t accumulatorRead = 0, accumulatorWritten = 0;
  uint64_t hostLinkBytes = 0, hostLinkCycles = 0;
  /// Picojoules.
  double macPJ = 0, sramReadPJ = 0, sramWritePJ = 0, dramPJ = 0,
         hostLinkPJ = 0;
  double totalPJ() const {
    return macPJ + sramReadPJ + sramWritePJ + dramPJ + hostLinkPJ;
  }
  double seconds() const {
    return clockMHz > 0 ? totalCycles / (clockMHz * 1e6) : 0;
  }

  llvm::json::Value toJSON() const;
  /// A few lines for humans.
  std::string summary() const;
};

struct Options {
  /// Collect one TraceEvent per instruction.
  bool trace = false;
  /// Bytes the host moved over the host link for this launch (inputs,
  /// outputs, constants); charged in the report, not in totalCycles.
  uint64_t hostLinkBytes = 0;
};

class Simulator {
public:
  /// `desc` must be a systolic target and outlive the simulator.
  explicit Simulator(const TargetDesc &desc) : desc(desc) {}

  /// Runs `program` on `dram` (at least program.dramBytes bytes; updated in
  /// place).  Errors name the instruction index, mnemonic and field.
  llvm::Expected<Report> run(const isa::Program &program,
                             llvm::MutableArrayRef<uint8_t> dram,
                             const Options &options = {},
                             std::vector<TraceEvent> *trace = nullptr) const;

  /// Closed forms of docs/Simulator.md.
  uint64_t preloadCycles() const;
  uint64_t matmulCycles(uint64_t m, uint64_t n, uint64_t k) const;
  uint64_t aluCycles(uint64_t rows, uint64_t cols) const;
  uint64_t poolCycles(uint64_t rows, uint64_t cols, uint64_t window) const;
  uint64_t dmaCycles(uint64_t dramBytes) const;

private:
  const TargetDesc &desc;
};

/// Chrome trace-event JSON (one track per unit; 1 us on the timeline is one
/// accelerator cycle).
std::string traceToJSON(llvm::ArrayRef<TraceEvent> events,
                        llvm::StringRef targetName);

/// Checks that `program` was built for `desc`; the message names both.
llvm::Error checkTarget(const isa::Program &program, const TargetDesc &desc);

} // namespace sim
} // namespace accel

#endif // ACCEL_SIMULATOR_SIMULATOR_H
