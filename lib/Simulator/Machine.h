//===- Machine.h - The simulated machine, private ---------------*- C++ -*-===//
//
// This file declares the Machine that the simulator runs a Program on: the
// DRAM image and the byte-array SRAMs, the 16-byte lines that record the last
// access of each queue for race detection, the dependency-token channels and
// the preloaded weights, plus the closed-form cycle counts (docs/Simulator.md)
// and alignment helpers that the instruction files share.  It is private to
// lib/Simulator: callers use accel/Simulator/Simulator.h.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_LIB_SIMULATOR_MACHINE_H
#define ACCEL_LIB_SIMULATOR_MACHINE_H

#include "accel/ISA/Elements.h"
#include "accel/Simulator/Simulator.h"
#include "accel/Target/TargetModel.h"

#include "llvm/Support/FormatVariadic.h"

#include <array>
#include <deque>
#include <vector>

namespace accel {
namespace sim {
namespace detail {

// The simulator's files name ISA types unqualified.
using namespace accel::isa;

//===----------------------------------------------------------------------===//
// Closed forms (docs/Simulator.md)
//===----------------------------------------------------------------------===//

inline uint64_t preloadCyclesOf(const TargetDesc &desc) { return desc.rows; }

inline uint64_t matmulCyclesOf(const TargetDesc &desc, uint64_t m,
                               uint64_t k) {
  uint64_t r = desc.rows, c = desc.cols;
  if (desc.dataflow == Dataflow::WeightStationary)
    return m + r + c - 2;
  return k + 2 * r + c - 2;
}

inline uint64_t aluCyclesOf(const TargetDesc &desc, uint64_t rows,
                            uint64_t cols) {
  return rows * ((cols + desc.cols - 1) / desc.cols);
}

inline uint64_t poolCyclesOf(const TargetDesc &desc, uint64_t rows,
                             uint64_t cols, uint64_t window) {
  return aluCyclesOf(desc, rows, cols) * window;
}

/// The byte alignment of one element of `t` (1 for sub-byte types).
inline uint64_t elemAlign(ElementKind t) {
  unsigned bits = getStorageBits(t);
  return bits < 8 ? 1 : bits / 8;
}

//===----------------------------------------------------------------------===//
// Machine state
//===----------------------------------------------------------------------===//

constexpr unsigned kLineBytes = 16;

/// Last access of one 16-byte line, for race detection.
struct Line {
  uint32_t writeSeq = 0;
  uint8_t writeQueue = 0;
  std::array<uint32_t, kNumQueues> readSeq{};
};

struct Memory {
  const char *name;
  uint8_t *data;
  uint64_t size;
  std::vector<Line> lines;
};

enum MemId { Dram = 0, Spad = 1, Acc = 2 };

using VClock = std::array<uint32_t, kNumQueues>;

struct Token {
  uint64_t ready;
  VClock clock;
};

/// Channels between neighbouring queues.
enum Channel { LoadToCompute, ComputeToLoad, ComputeToStore, StoreToCompute };

struct Weights {
  bool valid = false;
  ElementKind type = ElementKind::I8;
  uint64_t k = 0, n = 0;
  std::vector<int32_t> ints;
  std::vector<float> floats;
};

/// A rows x rowBytes region with `stride` bytes between row starts.
struct Region {
  uint64_t base, rows, rowBytes, stride;
  uint64_t end() const {
    return rows == 0 ? base : base + (rows - 1) * stride + rowBytes;
  }
};

class Machine {
public:
  Machine(const TargetDesc &desc, const Program &program,
          llvm::MutableArrayRef<uint8_t> dram)
      : desc(desc), model(desc), program(program),
        spadBytes(desc.scratchpadBytes, 0), accBytes(desc.accumulatorBytes, 0) {
    mems[Dram] = {"DRAM", dram.data(), program.dramBytes, {}};
    mems[Spad] = {"scratchpad", spadBytes.data(), spadBytes.size(), {}};
    mems[Acc] = {"accumulator", accBytes.data(), accBytes.size(), {}};
    for (Memory &m : mems)
      m.lines.resize((m.size + kLineBytes - 1) / kLineBytes);
  }

  llvm::Error run(const Options &options, Report &report,
                  std::vector<TraceEvent> *trace);

private:
  // Errors name the instruction and field.
  llvm::Error fail(llvm::StringRef field, const llvm::Twine &message) const {
    const Instruction &inst = program.instructions[current];
    std::string where =
        llvm::formatv("instruction #{0} ({1})", current, inst.getMnemonic());
    if (!field.empty())
      where += llvm::formatv(": field '{0}'", field).str();
    return llvm::createStringError(where + ": " + message.str());
  }

  llvm::Error checkRegion(MemId mem, const Region &r, llvm::StringRef field,
                          uint64_t align, llvm::StringRef strideField) const;
  llvm::Error access(MemId mem, const Region &r, bool write,
                     llvm::StringRef field);
  llvm::Error requireOp(OpKind kind, llvm::StringRef field) const {
    if (!model.supportsOp(kind))
      return fail(field, llvm::formatv("target '{0}' does not run '{1}'",
                                       desc.name, stringifyOpKind(kind)));
    return llvm::Error::success();
  }
  llvm::Error requireAccType(ElementKind t, llvm::StringRef field) const {
    if (t != ElementKind::I32 && t != ElementKind::F32)
      return fail(field, llvm::formatv("the accumulator holds i32 or f32, "
                                       "found {0}",
                                       stringifyElementKind(t)));
    return llvm::Error::success();
  }
  /// The target holds a type when one of its (input, accumulator, output)
  /// combinations names it: nothing else has a place in its SRAMs.
  llvm::Error requireTargetHolds(ElementKind t, llvm::StringRef field) const {
    for (const TypeCombo &combo : desc.typeCombos)
      if (combo.input == t || combo.accumulator == t || combo.output == t)
        return llvm::Error::success();
    return fail(field, llvm::formatv("target '{0}' holds no {1} values (its "
                                     "types name none)",
                                     desc.name, stringifyElementKind(t)));
  }
  llvm::Error requireStorageKind(ElementKind t, llvm::StringRef field) const {
    if (!isSupportedStorageKind(t))
      return fail(field, llvm::formatv("element type {0} is not supported by "
                                       "the simulator",
                                       stringifyElementKind(t)));
    return llvm::Error::success();
  }
  llvm::Expected<uint64_t> rowBytes(ElementKind t, uint64_t cols,
                                    llvm::StringRef colsField) const {
    if (t == ElementKind::I4 && cols % 2)
      return fail(colsField, llvm::formatv("{0} i4 elements per row is odd; "
                                           "i4 rows hold whole bytes",
                                           cols));
    return storageBytes(t, cols);
  }
  const QParam *qparamAt(int64_t index, uint64_t channel) const {
    return &program.qparams[index + channel];
  }

  llvm::Expected<uint64_t> execLoad(const Instruction &inst);
  llvm::Expected<uint64_t> execStore(const Instruction &inst);
  llvm::Expected<uint64_t> execPreload(const Instruction &inst);
  llvm::Expected<uint64_t> execMatmul(const Instruction &inst);
  llvm::Expected<uint64_t> execAlu(const Instruction &inst);
  llvm::Expected<uint64_t> execPool(const Instruction &inst);

  const TargetDesc &desc;
  TargetModel model;
  const Program &program;
  std::vector<uint8_t> spadBytes, accBytes;
  std::array<Memory, 3> mems;
  Weights weights;
  Report *report = nullptr;

  // Scheduling state.
  size_t current = 0;
  Queue currentQueue = Queue::Load;
  std::array<VClock, kNumQueues> clocks{};
  std::array<std::deque<Token>, 4> channels;
  /// Stream indices of each queue's instructions, in order.
  std::array<std::vector<size_t>, kNumQueues> streams;
};

} // namespace detail
} // namespace sim
} // namespace accel

#endif // ACCEL_LIB_SIMULATOR_MACHINE_H
