//===- Simulator.cpp - Functional, timing and energy model -----------------===//
//
// This file implements the accel simulator.  Instructions are dispatched to
// the load, compute and store queues in stream order; the scheduler always
// runs the queue whose next instruction can start earliest, so the three
// queues overlap exactly as far as their dependency tokens allow.  Every
// instruction executes functionally on byte-array SRAMs when it is
// scheduled; vector clocks carried by the tokens detect accesses that no
// token orders (races), at 16-byte line granularity.
//
//===----------------------------------------------------------------------===//
#include "accel/Simulator/Simulator.h"

#include "accel/ISA/Elements.h"
#include "accel/Numerics/Requantize.h"
#include "accel/Target/TargetModel.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstring>
#include <deque>

using namespace accel;
using namespace accel::isa;
using namespace accel::sim;

llvm::StringRef sim::stringifyUnit(Unit unit) {
  switch (unit) {
  case Unit::Load: return "load";
  case Unit::Systolic: return "systolic";
  case Unit::Alu: return "alu";
  case Unit::Store: return "store";
  }
  return "?";
}

//===----------------------------------------------------------------------===//
// Closed forms (docs/Simulator.md)
//===----------------------------------------------------------------------===//

static uint64_t preloadCyclesOf(const TargetDesc &desc) { return desc.rows; }

static uint64_t matmulCyclesOf(const TargetDesc &desc, uint64_t m,
                               uint64_t k) {
  uint64_t r = desc.rows, c = desc.cols;
  if (desc.dataflow == Dataflow::WeightStationary)
    return m + r + c - 2;
  return k + 2 * r + c - 2;
}

static uint64_t aluCyclesOf(const TargetDesc &desc, uint64_t rows,
                            uint64_t cols) {
  return rows * ((cols + desc.cols - 1) / desc.cols);
}

static uint64_t poolCyclesOf(const TargetDesc &desc, uint64_t rows,
                             uint64_t cols, uint64_t window) {
  return aluCyclesOf(desc, rows, cols) * window;
}

uint64_t Simulator::preloadCycles() const { return preloadCyclesOf(desc); }

uint64_t Simulator::matmulCycles(uint64_t m, uint64_t n, uint64_t k) const {
  (void)n;
  return matmulCyclesOf(desc, m, k);
}

uint64_t Simulator::aluCycles(uint64_t rows, uint64_t cols) const {
  return aluCyclesOf(desc, rows, cols);
}

uint64_t Simulator::poolCycles(uint64_t rows, uint64_t cols,
                               uint64_t window) const {
  return poolCyclesOf(desc, rows, cols, window);
}

uint64_t Simulator::dmaCycles(uint64_t dramBytes) const {
  return TargetModel(desc).getDmaCycles(dramBytes);
}

llvm::Error sim::checkTarget(const Program &program, const TargetDesc &desc) {
  if (desc.kind != TargetKind::Systolic)
    return llvm::createStringError(
        llvm::formatv("target '{0}' has no accelerator", desc.name).str());
  uint64_t fp = targetFingerprint(desc);
  if (fp != program.targetFingerprint)
    return llvm::createStringError(
        llvm::formatv("the binary was built for target '{0}' (fingerprint "
                      "{1:x16}), not for target '{2}' (fingerprint {3:x16})",
                      program.targetName, program.targetFingerprint, desc.name,
                      fp)
            .str());
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// Machine state
//===----------------------------------------------------------------------===//

namespace {

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

} // namespace

llvm::Error Machine::checkRegion(MemId mem, const Region &r,
                                 llvm::StringRef field, uint64_t align,
                                 llvm::StringRef strideField) const {
  const Memory &m = mems[mem];
  if (r.rows == 0 || r.rowBytes == 0)
    return llvm::Error::success();
  if (r.base % align)
    return fail(field, llvm::formatv("address {0} is not a multiple of {1} "
                                     "bytes",
                                     r.base, align));
  if (r.rows > 1 && r.stride % align)
    return fail(strideField, llvm::formatv("stride {0} is not a multiple of "
                                           "{1} bytes",
                                           r.stride, align));
  if (r.rows > 1 && r.stride < r.rowBytes)
    return fail(strideField, llvm::formatv("stride {0} is smaller than a row "
                                           "({1} bytes)",
                                           r.stride, r.rowBytes));
  if (r.end() > m.size)
    return fail(field, llvm::formatv("{0} bytes [{1}, {2}) are out of bounds "
                                     "({0} has {3} bytes)",
                                     m.name, r.base, r.end(), m.size));
  return llvm::Error::success();
}

llvm::Error Machine::access(MemId mem, const Region &r, bool write,
                            llvm::StringRef field) {
  if (r.rows == 0 || r.rowBytes == 0)
    return llvm::Error::success();
  Memory &m = mems[mem];
  unsigned q = static_cast<unsigned>(currentQueue);
  const VClock &vc = clocks[q];
  uint32_t seq = vc[q];
  for (uint64_t row = 0; row < r.rows; ++row) {
    uint64_t begin = r.base + row * r.stride;
    uint64_t first = begin / kLineBytes,
             last = (begin + r.rowBytes - 1) / kLineBytes;
    for (uint64_t l = first; l <= last; ++l) {
      Line &line = m.lines[l];
      if (line.writeSeq && line.writeQueue != q &&
          vc[line.writeQueue] < line.writeSeq)
        return fail(field, llvm::formatv(
                               "{0} {1} bytes [{2}, {3}) that instruction #{5} "
                               "({4} queue) wrote, with no dependency "
                               "token ordering the two",
                               write ? "overwrites" : "reads", m.name,
                               l * kLineBytes, (l + 1) * kLineBytes,
                               stringifyQueue(Queue(line.writeQueue)),
                               streams[line.writeQueue][line.writeSeq - 1]));
      if (write) {
        for (unsigned o = 0; o < kNumQueues; ++o)
          if (o != q && line.readSeq[o] > vc[o])
            return fail(field,
                        llvm::formatv("overwrites {0} bytes [{1}, {2}) that "
                                      "instruction #{4} ({3} queue) reads, "
                                      "with no dependency token ordering the "
                                      "two",
                                      m.name, l * kLineBytes,
                                      (l + 1) * kLineBytes,
                                      stringifyQueue(Queue(o)),
                                      streams[o][line.readSeq[o] - 1]));
        line.writeSeq = seq;
        line.writeQueue = static_cast<uint8_t>(q);
      } else {
        line.readSeq[q] = std::max(line.readSeq[q], seq);
      }
    }
  }
  return llvm::Error::success();
}

static bool convertible(ElementKind from, ElementKind to) {
  if (from == to)
    return true;
  if (isIntegerKind(from) && isIntegerKind(to))
    return integerMin(to) <= integerMin(from) &&
           integerMax(from) <= integerMax(to);
  return isFloatKind(from) && isFloatKind(to);
}

static uint64_t elemAlign(ElementKind t) {
  unsigned bits = getStorageBits(t);
  return bits < 8 ? 1 : bits / 8;
}

//===----------------------------------------------------------------------===//
// load / store
//===----------------------------------------------------------------------===//

llvm::Expected<uint64_t> Machine::execLoad(const Instruction &inst) {
  MemId mem = inst.get(Field::Load_mem) ? Acc : Spad;
  auto dt = static_cast<ElementKind>(inst.get(Field::Load_dram_type));
  auto st = static_cast<ElementKind>(inst.get(Field::Load_sram_type));
  uint64_t rows = inst.get(Field::Load_rows), cols = inst.get(Field::Load_cols);
  if (auto e = requireTargetHolds(dt, "dram_type"))
    return e;
  if (auto e = requireStorageKind(dt, "dram_type"))
    return std::move(e);
  if (auto e = requireTargetHolds(st, "sram_type"))
    return e;
  if (auto e = requireStorageKind(st, "sram_type"))
    return std::move(e);
  if (mem == Acc)
    if (auto e = requireAccType(st, "sram_type"))
      return std::move(e);
  if (!convertible(dt, st))
    return fail("sram_type", llvm::formatv("cannot convert {0} to {1}",
                                           stringifyElementKind(dt),
                                           stringifyElementKind(st)));
  auto dramRow = rowBytes(dt, cols, "cols");
  if (!dramRow)
    return dramRow.takeError();
  auto sramRow = rowBytes(st, cols, "cols");
  if (!sramRow)
    return sramRow.takeError();
  uint64_t ds = inst.get(Field::Load_dram_stride);
  uint64_t ss = inst.get(Field::Load_sram_stride);
  bool broadcast = inst.get(Field::Load_broadcast);
  // A broadcast load reads one DRAM row and writes it to every SRAM row.
  Region dr{static_cast<uint64_t>(inst.get(Field::Load_dram_addr)),
            broadcast ? std::min<uint64_t>(rows, 1) : rows, *dramRow,
            ds ? ds : *dramRow};
  Region sr{static_cast<uint64_t>(inst.get(Field::Load_sram_addr)), rows,
            *sramRow, ss ? ss : *sramRow};
  if (auto e = checkRegion(Dram, dr, "dram_addr", elemAlign(dt), "dram_stride"))
    return std::move(e);
  if (auto e = checkRegion(mem, sr, "sram_addr",
                           mem == Acc ? 4 : elemAlign(st), "sram_stride"))
    return std::move(e);
  if (auto e = access(Dram, dr, false, "dram_addr"))
    return std::move(e);
  if (auto e = access(mem, sr, true, "sram_addr"))
    return std::move(e);
  uint8_t *src = mems[Dram].data, *dst = mems[mem].data;
  for (uint64_t r = 0; r < rows && cols; ++r) {
    const uint8_t *s = src + dr.base + (broadcast ? 0 : r) * dr.stride;
    uint8_t *d = dst + sr.base + r * sr.stride;
    if (dt == st) {
      std::memmove(d, s, *dramRow);
      continue;
    }
    for (uint64_t c = 0; c < cols; ++c) {
      if (isIntegerKind(dt))
        storeInt(d, st, c, loadInt(s, dt, c));
      else
        storeFloat(d, st, c, loadFloat(s, dt, c));
    }
  }
  uint64_t moved = dr.rows * *dramRow;
  report->dramRead += moved;
  (mem == Acc ? report->accumulatorWritten : report->scratchpadWritten) +=
      rows * *sramRow;
  return model.getDmaCycles(moved);
}

llvm::Expected<uint64_t> Machine::execStore(const Instruction &inst) {
  MemId mem = inst.get(Field::Store_mem) ? Acc : Spad;
  auto st = static_cast<ElementKind>(inst.get(Field::Store_sram_type));
  auto dt = static_cast<ElementKind>(inst.get(Field::Store_dram_type));
  auto act = static_cast<Act>(inst.get(Field::Store_act));
  int64_t qindex = inst.get(Field::Store_qparam);
  bool perChannel = inst.get(Field::Store_per_channel);
  uint64_t rows = inst.get(Field::Store_rows),
           cols = inst.get(Field::Store_cols);
  if (auto e = requireTargetHolds(st, "sram_type"))
    return e;
  if (auto e = requireStorageKind(st, "sram_type"))
    return std::move(e);
  if (auto e = requireStorageKind(dt, "dram_type"))
    return std::move(e);
  // A converting store from the accumulator must match a type combination
  // (below); any other store writes a type the target must hold.
  if (mem != Acc || st == dt)
    if (auto e = requireTargetHolds(dt, "dram_type"))
      return e;
  if (mem == Acc) {
    if (auto e = requireAccType(st, "sram_type"))
      return std::move(e);
    bool ok = llvm::any_of(desc.typeCombos, [&](const TypeCombo &c) {
      return c.accumulator == st && c.output == dt;
    });
    if (!ok && st != dt)
      return fail("dram_type",
                  llvm::formatv("target '{0}' has no type combination with "
                                "accumulator {1} and output {2}",
                                desc.name, stringifyElementKind(st),
                                stringifyElementKind(dt)));
  }
  if (isIntegerKind(st) != isIntegerKind(dt))
    return fail("dram_type", llvm::formatv("cannot store {0} as {1}",
                                           stringifyElementKind(st),
                                           stringifyElementKind(dt)));
  if (act == Act::Relu)
    if (auto e = requireOp(OpKind::Relu, "act"))
      return std::move(e);
  if (act == Act::Clamp) {
    if (auto e = requireOp(OpKind::Clamp, "act"))
      return std::move(e);
    if (qindex == kNoQParam)
      return fail("act", "clamp takes its bounds from a qparam entry; "
                         "qparam is none");
  }
  if (qindex != kNoQParam) {
    uint64_t needed = qindex + (perChannel ? cols : 1);
    if (needed > program.qparams.size())
      return fail("qparam", llvm::formatv("entries [{0}, {1}) are out of range "
                                          "(the table has {2})",
                                          qindex, needed,
                                          program.qparams.size()));
  } else if (perChannel) {
    return fail("per_channel", "per_channel needs a qparam entry");
  }
  auto sramRow = rowBytes(st, cols, "cols");
  if (!sramRow)
    return sramRow.takeError();
  auto dramRow = rowBytes(dt, cols, "cols");
  if (!dramRow)
    return dramRow.takeError();
  uint64_t ds = inst.get(Field::Store_dram_stride);
  uint64_t ss = inst.get(Field::Store_sram_stride);
  Region sr{static_cast<uint64_t>(inst.get(Field::Store_sram_addr)), rows,
            *sramRow, ss ? ss : *sramRow};
  Region dr{static_cast<uint64_t>(inst.get(Field::Store_dram_addr)), rows,
            *dramRow, ds ? ds : *dramRow};
  if (auto e = checkRegion(mem, sr, "sram_addr",
                           mem == Acc ? 4 : elemAlign(st), "sram_stride"))
    return std::move(e);
  if (auto e = checkRegion(Dram, dr, "dram_addr", elemAlign(dt), "dram_stride"))
    return std::move(e);
  if (auto e = access(mem, sr, false, "sram_addr"))
    return std::move(e);
  if (auto e = access(Dram, dr, true, "dram_addr"))
    return std::move(e);

  // Per-column output stage parameters.
  bool isInt = isIntegerKind(st);
  std::vector<numerics::QuantizedMultiplier> qm(cols);
  std::vector<int32_t> zp(cols, 0), lo(cols), hi(cols);
  std::vector<float> flo(cols, -INFINITY), fhi(cols, INFINITY);
  for (uint64_t c = 0; c < cols; ++c) {
    const QParam *q =
        qindex == kNoQParam ? nullptr : qparamAt(qindex, perChannel ? c : 0);
    lo[c] = static_cast<int32_t>(integerMin(dt));
    hi[c] = static_cast<int32_t>(integerMax(dt));
    if (q) {
      qm[c].multiplier = q->multiplier;
      qm[c].exponent = q->exponent;
      zp[c] = q->zeroPoint;
      if (act == Act::Clamp) {
        lo[c] = std::max(lo[c], q->lo);
        hi[c] = std::min(hi[c], q->hi);
        std::memcpy(&flo[c], &q->lo, 4);
        std::memcpy(&fhi[c], &q->hi, 4);
      }
    }
    if (act == Act::Relu) {
      lo[c] = std::max(lo[c], zp[c]);
      flo[c] = 0.0f;
    }
  }
  uint8_t *src = mems[mem].data, *dst = mems[Dram].data;
  for (uint64_t r = 0; r < rows; ++r) {
    const uint8_t *s = src + sr.base + r * sr.stride;
    uint8_t *d = dst + dr.base + r * dr.stride;
    for (uint64_t c = 0; c < cols; ++c) {
      if (isInt) {
        int32_t x = loadInt(s, st, c);
        int32_t v = qindex != kNoQParam
                        ? numerics::requantize(x, qm[c], zp[c], lo[c], hi[c])
                        : std::min(std::max(x, lo[c]), hi[c]);
        storeInt(d, dt, c, v);
      } else {
        float x = loadFloat(s, st, c);
        if (act != Act::None) {
          if (x < flo[c])
            x = flo[c];
          if (x > fhi[c])
            x = fhi[c];
        }
        storeFloat(d, dt, c, x);
      }
    }
  }
  uint64_t moved = rows * *dramRow;
  report->dramWritten += moved;
  (mem == Acc ? report->accumulatorRead : report->scratchpadRead) +=
      rows * *sramRow;
  return model.getDmaCycles(moved);
}

//===----------------------------------------------------------------------===//
// preload / matmul
//===----------------------------------------------------------------------===//

llvm::Expected<uint64_t> Machine::execPreload(const Instruction &inst) {
  if (desc.dataflow != Dataflow::WeightStationary)
    return fail("opcode", llvm::formatv("target '{0}' is output-stationary; "
                                        "preload needs a weight-stationary "
                                        "array",
                                        desc.name));
  auto t = static_cast<ElementKind>(inst.get(Field::Preload_type));
  uint64_t k = inst.get(Field::Preload_k), n = inst.get(Field::Preload_n);
  if (!model.supportsInputType(t))
    return fail("type", llvm::formatv("target '{0}' has no {1} operands",
                                      desc.name, stringifyElementKind(t)));
  if (k < 1 || k > desc.rows)
    return fail("k", llvm::formatv("{0} is outside [1, {1}] (the array's "
                                   "rows)",
                                   k, desc.rows));
  if (n < 1 || n > desc.cols)
    return fail("n", llvm::formatv("{0} is outside [1, {1}] (the array's "
                                   "columns)",
                                   n, desc.cols));
  auto row = rowBytes(t, n, "n");
  if (!row)
    return row.takeError();
  uint64_t stride = inst.get(Field::Preload_sram_stride);
  Region r{static_cast<uint64_t>(inst.get(Field::Preload_sram_addr)), k, *row,
           stride ? stride : *row};
  if (auto e = checkRegion(Spad, r, "sram_addr", elemAlign(t), "sram_stride"))
    return std::move(e);
  if (auto e = access(Spad, r, false, "sram_addr"))
    return std::move(e);
  weights.valid = true;
  weights.type = t;
  weights.k = k;
  weights.n = n;
  const uint8_t *base = mems[Spad].data;
  if (isIntegerKind(t)) {
    weights.ints.resize(k * n);
    for (uint64_t i = 0; i < k; ++i)
      for (uint64_t j = 0; j < n; ++j)
        weights.ints[i * n + j] = loadInt(base + r.base + i * r.stride, t, j);
  } else {
    weights.floats.resize(k * n);
    for (uint64_t i = 0; i < k; ++i)
      for (uint64_t j = 0; j < n; ++j)
        weights.floats[i * n + j] =
            loadFloat(base + r.base + i * r.stride, t, j);
  }
  report->scratchpadRead += k * *row;
  return preloadCyclesOf(desc);
}

llvm::Expected<uint64_t> Machine::execMatmul(const Instruction &inst) {
  auto t = static_cast<ElementKind>(inst.get(Field::Matmul_type));
  bool accumulate = inst.get(Field::Matmul_accumulate);
  uint64_t m = inst.get(Field::Matmul_m), n = inst.get(Field::Matmul_n),
           k = inst.get(Field::Matmul_k);
  int32_t azp = static_cast<int32_t>(inst.get(Field::Matmul_a_zp));
  int32_t bzp = static_cast<int32_t>(inst.get(Field::Matmul_b_zp));
  bool ws = desc.dataflow == Dataflow::WeightStationary;
  if (!model.supportsOp(OpKind::Matmul) && !model.supportsOp(OpKind::Conv2d))
    return fail("opcode", llvm::formatv("target '{0}' runs neither matmul nor "
                                        "conv2d",
                                        desc.name));
  if (!model.supportsInputType(t))
    return fail("type", llvm::formatv("target '{0}' has no {1} operands",
                                      desc.name, stringifyElementKind(t)));
  if (!isSupportedStorageKind(t))
    return fail("type", llvm::formatv("element type {0} is not supported by "
                                      "the simulator",
                                      stringifyElementKind(t)));
  bool isInt = isIntegerKind(t);
  if (!isInt && azp)
    return fail("a_zp", "a zero point needs integer operands");
  if (!isInt && bzp)
    return fail("b_zp", "a zero point needs integer operands");
  if (m < 1)
    return fail("m", "must be at least 1");
  if (n < 1)
    return fail("n", "must be at least 1");
  if (k < 1)
    return fail("k", "must be at least 1");
  if (ws) {
    if (k > desc.rows)
      return fail("k", llvm::formatv("{0} exceeds the array's {1} rows "
                                     "(weight-stationary)",
                                     k, desc.rows));
    if (n > desc.cols)
      return fail("n", llvm::formatv("{0} exceeds the array's {1} columns", n,
                                     desc.cols));
    if (inst.get(Field::Matmul_b_addr))
      return fail("b_addr", "must be 0 on a weight-stationary target: the "
                            "weights come from 'preload'");
    if (!weights.valid)
      return fail("", "no weights preloaded (a weight-stationary matmul "
                      "needs a 'preload' first)");
    if (weights.type != t)
      return fail("type", llvm::formatv("the preloaded weights are {0}, the "
                                        "matmul says {1}",
                                        stringifyElementKind(weights.type),
                                        stringifyElementKind(t)));
    if (weights.k != k)
      return fail("k", llvm::formatv("{0} differs from the preloaded "
                                     "weights' {1} rows",
                                     k, weights.k));
    if (weights.n != n)
      return fail("n", llvm::formatv("{0} differs from the preloaded "
                                     "weights' {1} columns",
                                     n, weights.n));
  } else {
    if (m > desc.rows)
      return fail("m", llvm::formatv("{0} exceeds the array's {1} rows "
                                     "(output-stationary)",
                                     m, desc.rows));
    if (n > desc.cols)
      return fail("n", llvm::formatv("{0} exceeds the array's {1} columns", n,
                                     desc.cols));
  }
  auto aRow = rowBytes(t, k, "k");
  if (!aRow)
    return aRow.takeError();
  auto bRow = rowBytes(t, n, "n");
  if (!bRow)
    return bRow.takeError();
  uint64_t as = inst.get(Field::Matmul_a_stride),
           bs = inst.get(Field::Matmul_b_stride),
           cs = inst.get(Field::Matmul_c_stride);
  Region ar{static_cast<uint64_t>(inst.get(Field::Matmul_a_addr)), m, *aRow,
            as ? as : *aRow};
  Region br{static_cast<uint64_t>(inst.get(Field::Matmul_b_addr)),
            ws ? 0 : k, *bRow, bs ? bs : *bRow};
  Region cr{static_cast<uint64_t>(inst.get(Field::Matmul_c_addr)), m, n * 4,
            cs ? cs : n * 4};
  if (auto e = checkRegion(Spad, ar, "a_addr", elemAlign(t), "a_stride"))
    return std::move(e);
  if (auto e = checkRegion(Spad, br, "b_addr", elemAlign(t), "b_stride"))
    return std::move(e);
  if (auto e = checkRegion(Acc, cr, "c_addr", 4, "c_stride"))
    return std::move(e);
  if (auto e = access(Spad, ar, false, "a_addr"))
    return std::move(e);
  if (auto e = access(Spad, br, false, "b_addr"))
    return std::move(e);
  if (accumulate)
    if (auto e = access(Acc, cr, false, "c_addr"))
      return std::move(e);
  if (auto e = access(Acc, cr, true, "c_addr"))
    return std::move(e);

  const uint8_t *spad = mems[Spad].data;
  uint8_t *acc = mems[Acc].data;
  if (isInt) {
    std::vector<int32_t> a(m * k), b(k * n);
    for (uint64_t i = 0; i < m; ++i)
      for (uint64_t kk = 0; kk < k; ++kk)
        a[i * k + kk] = loadInt(spad + ar.base + i * ar.stride, t, kk) - azp;
    for (uint64_t kk = 0; kk < k; ++kk)
      for (uint64_t j = 0; j < n; ++j)
        b[kk * n + j] =
            (ws ? weights.ints[kk * n + j]
                : loadInt(spad + br.base + kk * br.stride, t, j)) -
            bzp;
    // Wrap-around accumulation (docs/Numerics.md): unsigned arithmetic.
    std::vector<uint32_t> row(n);
    // n == 0 writes nothing; `row` (and `a` when k == 0) have no storage.
    for (uint64_t i = 0; i < m && n != 0; ++i) {
      uint8_t *c = acc + cr.base + i * cr.stride;
      if (accumulate)
        std::memcpy(row.data(), c, n * 4);
      else
        std::fill(row.begin(), row.end(), 0u);
      const int32_t *ai = a.data() + i * k;
      for (uint64_t kk = 0; kk < k; ++kk) {
        uint32_t av = static_cast<uint32_t>(ai[kk]);
        if (!av)
          continue;
        const int32_t *bk = b.data() + kk * n;
        uint32_t *rp = row.data();
        for (uint64_t j = 0; j < n; ++j)
          rp[j] += av * static_cast<uint32_t>(bk[j]);
      }
      std::memcpy(c, row.data(), n * 4);
    }
  } else {
    std::vector<float> a(m * k), b(k * n);
    for (uint64_t i = 0; i < m; ++i)
      for (uint64_t kk = 0; kk < k; ++kk)
        a[i * k + kk] = loadFloat(spad + ar.base + i * ar.stride, t, kk);
    for (uint64_t kk = 0; kk < k; ++kk)
      for (uint64_t j = 0; j < n; ++j)
        b[kk * n + j] = ws ? weights.floats[kk * n + j]
                           : loadFloat(spad + br.base + kk * br.stride, t, j);
    std::vector<float> row(n);
    for (uint64_t i = 0; i < m && n != 0; ++i) {
      uint8_t *c = acc + cr.base + i * cr.stride;
      if (accumulate)
        std::memcpy(row.data(), c, n * 4);
      else
        std::fill(row.begin(), row.end(), 0.0f);
      for (uint64_t kk = 0; kk < k; ++kk) {
        float av = a[i * k + kk];
        const float *bk = b.data() + kk * n;
        for (uint64_t j = 0; j < n; ++j)
          row[j] += av * bk[j];
      }
      std::memcpy(c, row.data(), n * 4);
    }
  }
  uint64_t macs = m * n * k;
  report->macs += macs;
  report->macPJ += macs * desc.energy.getMacPJ(t);
  report->scratchpadRead += m * *aRow + (ws ? 0 : k * *bRow);
  if (accumulate)
    report->accumulatorRead += m * n * 4;
  report->accumulatorWritten += m * n * 4;
  return matmulCyclesOf(desc, m, k);
}

//===----------------------------------------------------------------------===//
// alu / pool
//===----------------------------------------------------------------------===//

llvm::Expected<uint64_t> Machine::execAlu(const Instruction &inst) {
  auto op = static_cast<AluOp>(inst.get(Field::Alu_op));
  auto t = static_cast<ElementKind>(inst.get(Field::Alu_type));
  bool useImm = inst.get(Field::Alu_use_imm);
  bool perChannel = inst.get(Field::Alu_per_channel);
  uint64_t rows = inst.get(Field::Alu_rows), cols = inst.get(Field::Alu_cols);
  int64_t qindex = inst.get(Field::Alu_qparam);
  if (auto e = requireTargetHolds(t, "type"))
    return e;
  if (auto e = requireAccType(t, "type"))
    return std::move(e);
  switch (op) {
  case AluOp::Add:
    if (auto e = requireOp(OpKind::Add, "op"))
      return std::move(e);
    break;
  case AluOp::Sub:
    if (auto e = requireOp(OpKind::Sub, "op"))
      return std::move(e);
    break;
  case AluOp::Mul:
    if (auto e = requireOp(OpKind::Mul, "op"))
      return std::move(e);
    break;
  case AluOp::Relu:
    if (auto e = requireOp(OpKind::Relu, "op"))
      return std::move(e);
    break;
  case AluOp::Clamp:
    if (auto e = requireOp(OpKind::Clamp, "op"))
      return std::move(e);
    break;
  case AluOp::Requant:
    if (auto e = requireOp(OpKind::Requantize, "op"))
      return std::move(e);
    if (t != ElementKind::I32)
      return fail("type", "requant works on i32");
    if (qindex == kNoQParam)
      return fail("qparam", "requant needs a qparam entry");
    if (uint64_t(qindex) + (perChannel ? cols : 1) > program.qparams.size())
      return fail("qparam", llvm::formatv("entries [{0}, {1}) are out of range "
                                          "(the table has {2})",
                                          qindex,
                                          qindex + (perChannel ? cols : 1),
                                          program.qparams.size()));
    break;
  default:
    break;
  }
  bool binary = op == AluOp::Add || op == AluOp::Sub || op == AluOp::Mul ||
                op == AluOp::Max || op == AluOp::Min || op == AluOp::Mov;
  bool readsSrc = binary && !useImm;
  bool readsDst = op != AluOp::Mov;
  uint64_t ds = inst.get(Field::Alu_dst_stride),
           ss = inst.get(Field::Alu_src_stride);
  Region dr{static_cast<uint64_t>(inst.get(Field::Alu_dst)), rows, cols * 4,
            ds ? ds : cols * 4};
  Region sr{static_cast<uint64_t>(inst.get(Field::Alu_src)),
            readsSrc ? rows : 0, cols * 4, ss ? ss : cols * 4};
  if (auto e = checkRegion(Acc, dr, "dst", 4, "dst_stride"))
    return std::move(e);
  if (auto e = checkRegion(Acc, sr, "src", 4, "src_stride"))
    return std::move(e);
  if (auto e = access(Acc, sr, false, "src"))
    return std::move(e);
  if (readsDst)
    if (auto e = access(Acc, dr, false, "dst"))
      return std::move(e);
  if (auto e = access(Acc, dr, true, "dst"))
    return std::move(e);

  uint8_t *acc = mems[Acc].data;
  int32_t imm = static_cast<int32_t>(inst.get(Field::Alu_imm));
  int32_t imm2 = static_cast<int32_t>(inst.get(Field::Alu_imm2));
  float fimm, fimm2;
  std::memcpy(&fimm, &imm, 4);
  std::memcpy(&fimm2, &imm2, 4);
  for (uint64_t r = 0; r < rows; ++r) {
    uint8_t *d = acc + dr.base + r * dr.stride;
    const uint8_t *s = acc + sr.base + r * sr.stride;
    for (uint64_t c = 0; c < cols; ++c) {
      if (t == ElementKind::I32) {
        int32_t x = loadInt(d, t, c);
        int32_t y = useImm ? imm : (readsSrc ? loadInt(s, t, c) : 0);
        uint32_t ux = static_cast<uint32_t>(x), uy = static_cast<uint32_t>(y);
        int32_t v = x;
        switch (op) {
        case AluOp::Add: v = static_cast<int32_t>(ux + uy); break;
        case AluOp::Sub: v = static_cast<int32_t>(ux - uy); break;
        case AluOp::Mul: v = static_cast<int32_t>(ux * uy); break;
        case AluOp::Max: v = std::max(x, y); break;
        case AluOp::Min: v = std::min(x, y); break;
        case AluOp::Relu: v = std::max(x, 0); break;
        case AluOp::Clamp: v = std::min(std::max(x, imm), imm2); break;
        case AluOp::Mov: v = y; break;
        case AluOp::Requant: {
          const QParam *q = qparamAt(qindex, perChannel ? c : 0);
          numerics::QuantizedMultiplier qm;
          qm.multiplier = q->multiplier;
          qm.exponent = q->exponent;
          v = numerics::requantize(x, qm, q->zeroPoint, q->lo, q->hi);
          break;
        }
        }
        storeInt(d, t, c, v);
      } else {
        float x = loadFloat(d, t, c);
        float y = useImm ? fimm : (readsSrc ? loadFloat(s, t, c) : 0.0f);
        float v = x;
        switch (op) {
        case AluOp::Add: v = x + y; break;
        case AluOp::Sub: v = x - y; break;
        case AluOp::Mul: v = x * y; break;
        case AluOp::Max: v = y > x ? y : x; break;
        case AluOp::Min: v = y < x ? y : x; break;
        case AluOp::Relu: v = x < 0.0f ? 0.0f : x; break;
        case AluOp::Clamp:
          v = x < fimm ? fimm : x;
          v = v > fimm2 ? fimm2 : v;
          break;
        case AluOp::Mov: v = y; break;
        case AluOp::Requant: break;
        }
        storeFloat(d, t, c, v);
      }
    }
  }
  uint64_t bytes = rows * cols * 4;
  report->accumulatorRead += bytes * ((readsSrc ? 1 : 0) + (readsDst ? 1 : 0));
  report->accumulatorWritten += bytes;
  return aluCyclesOf(desc, rows, cols);
}

llvm::Expected<uint64_t> Machine::execPool(const Instruction &inst) {
  auto op = static_cast<PoolOp>(inst.get(Field::Pool_op));
  auto t = static_cast<ElementKind>(inst.get(Field::Pool_type));
  uint64_t rows = inst.get(Field::Pool_rows), cols = inst.get(Field::Pool_cols);
  uint64_t wh = inst.get(Field::Pool_win_h), ww = inst.get(Field::Pool_win_w);
  uint64_t wsh = inst.get(Field::Pool_win_stride_h),
           wsw = inst.get(Field::Pool_win_stride_w);
  if (auto e = requireOp(op == PoolOp::Max ? OpKind::MaxPool2d
                                           : OpKind::AvgPool2d,
                         "op"))
    return std::move(e);
  if (auto e = requireTargetHolds(t, "type"))
    return e;
  if (auto e = requireAccType(t, "type"))
    return std::move(e);
  if (wh < 1)
    return fail("win_h", "must be at least 1");
  if (ww < 1)
    return fail("win_w", "must be at least 1");
  if (wsh % 4)
    return fail("win_stride_h", llvm::formatv("stride {0} is not a multiple "
                                              "of 4 bytes",
                                              wsh));
  if (wsw % 4)
    return fail("win_stride_w", llvm::formatv("stride {0} is not a multiple "
                                              "of 4 bytes",
                                              wsw));
  uint64_t ds = inst.get(Field::Pool_dst_stride),
           ss = inst.get(Field::Pool_src_stride);
  Region dr{static_cast<uint64_t>(inst.get(Field::Pool_dst)), rows, cols * 4,
            ds ? ds : cols * 4};
  // The source footprint: every window of every row, as rows of the span
  // from the first to the last window element.
  uint64_t span = (wh - 1) * wsh + (ww - 1) * wsw + cols * 4;
  uint64_t srcStride = ss ? ss : cols * 4;
  Region sr{static_cast<uint64_t>(inst.get(Field::Pool_src)), rows, span,
            std::max(srcStride, span)};
  if (rows > 1 && srcStride < span) {
    // Overlapping windows: one contiguous footprint.
    sr = Region{sr.base, 1, (rows - 1) * srcStride + span, span};
  }
  if (srcStride % 4)
    return fail("src_stride", llvm::formatv("stride {0} is not a multiple of "
                                            "4 bytes",
                                            srcStride));
  if (auto e = checkRegion(Acc, dr, "dst", 4, "dst_stride"))
    return std::move(e);
  if (auto e = checkRegion(Acc, sr, "src", 4, "src_stride"))
    return std::move(e);
  if (auto e = access(Acc, sr, false, "src"))
    return std::move(e);
  if (auto e = access(Acc, dr, true, "dst"))
    return std::move(e);
  uint8_t *acc = mems[Acc].data;
  uint64_t base = inst.get(Field::Pool_src);
  uint64_t count = wh * ww;
  std::vector<uint8_t> out(rows * cols * 4);
  for (uint64_t r = 0; r < rows; ++r)
    for (uint64_t c = 0; c < cols; ++c) {
      auto elem = [&](uint64_t i, uint64_t j) {
        return acc + base + r * srcStride + i * wsh + j * wsw + c * 4;
      };
      if (t == ElementKind::I32) {
        int64_t sum = 0;
        int32_t best = INT32_MIN;
        for (uint64_t i = 0; i < wh; ++i)
          for (uint64_t j = 0; j < ww; ++j) {
            int32_t x = loadInt(elem(i, j), t, 0);
            sum += x;
            best = std::max(best, x);
          }
        int32_t v = op == PoolOp::Max
                        ? best
                        : numerics::roundedDivide(sum, int64_t(count));
        storeInt(out.data(), t, r * cols + c, v);
      } else {
        float sum = 0.0f, best = -INFINITY;
        for (uint64_t i = 0; i < wh; ++i)
          for (uint64_t j = 0; j < ww; ++j) {
            float x = loadFloat(elem(i, j), t, 0);
            sum += x;
            best = x > best ? x : best;
          }
        float v = op == PoolOp::Max ? best : sum / static_cast<float>(count);
        storeFloat(out.data(), t, r * cols + c, v);
      }
    }
  // An empty window region writes nothing (and `out` has no storage).
  for (uint64_t r = 0; r < rows && cols != 0; ++r)
    std::memcpy(acc + dr.base + r * dr.stride, out.data() + r * cols * 4,
                cols * 4);
  report->accumulatorRead += rows * cols * 4 * count;
  report->accumulatorWritten += rows * cols * 4;
  return poolCyclesOf(desc, rows, cols, count);
}

//===----------------------------------------------------------------------===//
// Scheduling
//===----------------------------------------------------------------------===//

namespace {
struct QueueLink {
  int popPrev, popNext, pushPrev, pushNext; // channel or -1
};
} // namespace

static QueueLink linksOf(Queue q) {
  switch (q) {
  case Queue::Load: return {-1, ComputeToLoad, -1, LoadToCompute};
  case Queue::Compute:
    return {LoadToCompute, StoreToCompute, ComputeToLoad, ComputeToStore};
  case Queue::Store: return {ComputeToStore, -1, StoreToCompute, -1};
  default: return {-1, -1, -1, -1};
  }
}

llvm::Error Machine::run(const Options &options, Report &rep,
                         std::vector<TraceEvent> *trace) {
  report = &rep;
  for (size_t i = 0; i < program.instructions.size(); ++i) {
    const Instruction &inst = program.instructions[i];
    if (inst.getQueue() == Queue::None)
      continue;
    current = i;
    QueueLink links = linksOf(inst.getQueue());
    const int chans[4] = {links.popPrev, links.popNext, links.pushPrev,
                          links.pushNext};
    for (unsigned b = 0; b < 4; ++b)
      if ((inst.getDeps() & (1u << b)) && chans[b] < 0)
        return fail(stringifyDepFlag(b),
                    llvm::formatv("the {0} queue has no {1} queue",
                                  stringifyQueue(inst.getQueue()),
                                  b % 2 ? "next" : "previous"));
    streams[static_cast<unsigned>(inst.getQueue())].push_back(i);
  }
  std::array<size_t, kNumQueues> pc{};
  std::array<uint64_t, kNumQueues> freeAt{};
  uint64_t end = 0;
  while (true) {
    int best = -1;
    uint64_t bestStart = 0;
    bool anyLeft = false;
    for (unsigned q = 0; q < kNumQueues; ++q) {
      if (pc[q] >= streams[q].size())
        continue;
      anyLeft = true;
      const Instruction &inst = program.instructions[streams[q][pc[q]]];
      QueueLink links = linksOf(inst.getQueue());
      uint64_t start = freeAt[q];
      bool ready = true;
      if (inst.hasDep(PopPrev)) {
        if (channels[links.popPrev].empty())
          ready = false;
        else
          start = std::max(start, channels[links.popPrev].front().ready);
      }
      if (inst.hasDep(PopNext)) {
        if (channels[links.popNext].empty())
          ready = false;
        else
          start = std::max(start, channels[links.popNext].front().ready);
      }
      if (ready && (best < 0 || start < bestStart)) {
        best = static_cast<int>(q);
        bestStart = start;
      }
    }
    if (!anyLeft)
      break;
    if (best < 0) {
      std::string heads;
      for (unsigned q = 0; q < kNumQueues; ++q)
        if (pc[q] < streams[q].size()) {
          size_t i = streams[q][pc[q]];
          heads += llvm::formatv("{0}#{1} ({2}, {3} queue)",
                                 heads.empty() ? "" : ", ", i,
                                 program.instructions[i].getMnemonic(),
                                 stringifyQueue(Queue(q)))
                       .str();
        }
      return llvm::createStringError(
          "deadlock: every remaining queue waits for a dependency token "
          "that is never pushed; blocked instructions: " +
          heads);
    }
    unsigned q = static_cast<unsigned>(best);
    current = streams[q][pc[q]++];
    currentQueue = Queue(q);
    const Instruction &inst = program.instructions[current];
    QueueLink links = linksOf(inst.getQueue());
    VClock &vc = clocks[q];
    vc[q] += 1;
    auto popFrom = [&](int ch) {
      Token tok = channels[ch].front();
      channels[ch].pop_front();
      for (unsigned o = 0; o < kNumQueues; ++o)
        vc[o] = std::max(vc[o], tok.clock[o]);
    };
    if (inst.hasDep(PopPrev))
      popFrom(links.popPrev);
    if (inst.hasDep(PopNext))
      popFrom(links.popNext);

    llvm::Expected<uint64_t> cycles = uint64_t(0);
    Unit unit = Unit::Load;
    switch (inst.getOpcode()) {
    case Opcode::Load: cycles = execLoad(inst); unit = Unit::Load; break;
    case Opcode::Store: cycles = execStore(inst); unit = Unit::Store; break;
    case Opcode::Preload:
      cycles = execPreload(inst);
      unit = Unit::Systolic;
      break;
    case Opcode::Matmul:
      cycles = execMatmul(inst);
      unit = Unit::Systolic;
      break;
    case Opcode::Alu: cycles = execAlu(inst); unit = Unit::Alu; break;
    case Opcode::Pool: cycles = execPool(inst); unit = Unit::Alu; break;
    case Opcode::Halt: break;
    }
    if (!cycles)
      return cycles.takeError();
    uint64_t finish = bestStart + *cycles;
    freeAt[q] = finish;
    end = std::max(end, finish);
    rep.busyCycles[static_cast<unsigned>(unit)] += *cycles;
    rep.instructions[static_cast<unsigned>(unit)] += 1;
    if (inst.hasDep(PushPrev))
      channels[links.pushPrev].push_back({finish, vc});
    if (inst.hasDep(PushNext))
      channels[links.pushNext].push_back({finish, vc});
    if (trace)
      trace->push_back({unit, static_cast<uint32_t>(current),
                        inst.getMnemonic().str(), bestStart, *cycles});
  }
  rep.totalCycles = end;
  rep.hostLinkBytes = options.hostLinkBytes;
  rep.hostLinkCycles = model.getHostLinkCycles(options.hostLinkBytes);
  return llvm::Error::success();
}

llvm::Expected<Report> Simulator::run(const Program &program,
                                      llvm::MutableArrayRef<uint8_t> dram,
                                      const Options &options,
                                      std::vector<TraceEvent> *trace) const {
  if (desc.kind != TargetKind::Systolic)
    return llvm::createStringError(
        llvm::formatv("target '{0}' has no accelerator", desc.name).str());
  if (dram.size() < program.dramBytes)
    return llvm::createStringError(
        llvm::formatv("the DRAM image has {0} bytes, the program needs {1}",
                      dram.size(), program.dramBytes)
            .str());
  Report rep;
  rep.targetName = desc.name;
  rep.clockMHz = desc.clockMHz;
  rep.rows = desc.rows;
  rep.cols = desc.cols;
  Machine machine(desc, program, dram);
  if (auto e = machine.run(options, rep, trace))
    return std::move(e);
  const EnergyTable &en = desc.energy;
  rep.sramReadPJ = (rep.scratchpadRead + rep.accumulatorRead) *
                   en.sramReadPJPerByte;
  rep.sramWritePJ = (rep.scratchpadWritten + rep.accumulatorWritten) *
                    en.sramWritePJPerByte;
  rep.dramPJ = (rep.dramRead + rep.dramWritten) * en.dramPJPerByte;
  rep.hostLinkPJ = rep.hostLinkBytes * en.hostLinkPJPerByte;
  double peak = double(desc.rows) * desc.cols * rep.totalCycles;
  rep.utilization = peak > 0 ? rep.macs / peak : 0;
  return rep;
}

//===----------------------------------------------------------------------===//
// Reports and traces
//===----------------------------------------------------------------------===//

llvm::json::Value Report::toJSON() const {
  llvm::json::Object busy, count;
  for (unsigned u = 0; u < kNumUnits; ++u) {
    busy[stringifyUnit(Unit(u))] = static_cast<int64_t>(busyCycles[u]);
    count[stringifyUnit(Unit(u))] = static_cast<int64_t>(instructions[u]);
  }
  return llvm::json::Object{
      {"target", targetName},
      {"clock_mhz", clockMHz},
      {"array", llvm::json::Object{{"rows", static_cast<int64_t>(rows)},
                                   {"cols", static_cast<int64_t>(cols)}}},
      {"total_cycles", static_cast<int64_t>(totalCycles)},
      {"seconds", seconds()},
      {"busy_cycles", std::move(busy)},
      {"instructions", std::move(count)},
      {"macs", static_cast<int64_t>(macs)},
      {"utilization", utilization},
      {"bytes",
       llvm::json::Object{
           {"dram_read", static_cast<int64_t>(dramRead)},
           {"dram_written", static_cast<int64_t>(dramWritten)},
           {"scratchpad_read", static_cast<int64_t>(scratchpadRead)},
           {"scratchpad_written", static_cast<int64_t>(scratchpadWritten)},
           {"accumulator_read", static_cast<int64_t>(accumulatorRead)},
           {"accumulator_written", static_cast<int64_t>(accumulatorWritten)},
           {"host_link", static_cast<int64_t>(hostLinkBytes)}}},
      {"host_link_cycles", static_cast<int64_t>(hostLinkCycles)},
      {"energy_pj",
       llvm::json::Object{{"mac", macPJ},
                          {"sram_read", sramReadPJ},
                          {"sram_write", sramWritePJ},
                          {"dram", dramPJ},
                          {"host_link", hostLinkPJ},
                          {"total", totalPJ()}}},
  };
}

std::string Report::summary() const {
  std::string out;
  llvm::raw_string_ostream os(out);
  os << llvm::formatv("target {0}: {1} cycles ({2:f3} us at {3} MHz), {4} "
                      "MACs, utilization {5:f4}\n",
                      targetName, totalCycles, seconds() * 1e6, clockMHz, macs,
                      utilization);
  os << "busy cycles:";
  for (unsigned u = 0; u < kNumUnits; ++u)
    os << " " << stringifyUnit(Unit(u)) << " " << busyCycles[u];
  os << "\n";
  os << llvm::formatv("bytes: DRAM {0} read / {1} written, scratchpad {2} / "
                      "{3}, accumulator {4} / {5}, host link {6}\n",
                      dramRead, dramWritten, scratchpadRead, scratchpadWritten,
                      accumulatorRead, accumulatorWritten, hostLinkBytes);
  os << llvm::formatv("energy: {0:f1} pJ (MAC {1:f1}, SRAM read {2:f1}, SRAM "
                      "write {3:f1}, DRAM {4:f1}, host link {5:f1})\n",
                      totalPJ(), macPJ, sramReadPJ, sramWritePJ, dramPJ,
                      hostLinkPJ);
  os.flush();
  return out;
}

std::string sim::traceToJSON(llvm::ArrayRef<TraceEvent> events,
                             llvm::StringRef targetName) {
  llvm::json::Array out;
  out.push_back(llvm::json::Object{
      {"name", "process_name"}, {"ph", "M"}, {"pid", 1}, {"tid", 0},
      {"args", llvm::json::Object{{"name", ("accel " + targetName).str()}}}});
  for (unsigned u = 0; u < kNumUnits; ++u) {
    out.push_back(llvm::json::Object{
        {"name", "thread_name"}, {"ph", "M"}, {"pid", 1},
        {"tid", static_cast<int64_t>(u)},
        {"args", llvm::json::Object{{"name", stringifyUnit(Unit(u))}}}});
    out.push_back(llvm::json::Object{
        {"name", "thread_sort_index"}, {"ph", "M"}, {"pid", 1},
        {"tid", static_cast<int64_t>(u)},
        {"args", llvm::json::Object{{"sort_index", static_cast<int64_t>(u)}}}});
  }
  for (const TraceEvent &e : events)
    out.push_back(llvm::json::Object{
        {"name", e.name},
        {"cat", stringifyUnit(e.unit)},
        {"ph", "X"},
        {"pid", 1},
        {"tid", static_cast<int64_t>(e.unit)},
        {"ts", static_cast<int64_t>(e.start)},
        {"dur", static_cast<int64_t>(e.duration)},
        {"args", llvm::json::Object{{"index", static_cast<int64_t>(e.index)},
                                    {"cycles",
                                     static_cast<int64_t>(e.duration)}}}});
  llvm::json::Object root{
      {"traceEvents", std::move(out)},
      {"otherData",
       llvm::json::Object{{"time_unit", "1 us on the timeline is 1 "
                                        "accelerator cycle"}}}};
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::json::Value(std::move(root));
  os.flush();
  return text;
}
