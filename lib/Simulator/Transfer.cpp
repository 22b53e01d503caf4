//===- Transfer.cpp - The load and store instructions ---------------------===//
//
// This file implements the DMA instructions of the load and store queues:
// load copies DRAM rows into the scratchpad or accumulator, converting element
// types that widen losslessly or broadcasting one row; store copies SRAM rows
// back to DRAM through the output stage (requantization, relu, clamp).
//
//===----------------------------------------------------------------------===//
#include "Machine.h"

#include "accel/Numerics/Requantize.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <cmath>
#include <cstring>

using namespace accel;
using namespace accel::isa;
using namespace accel::sim;
using namespace accel::sim::detail;

static bool convertible(ElementKind from, ElementKind to) {
  if (from == to)
    return true;
  if (isIntegerKind(from) && isIntegerKind(to))
    return integerMin(to) <= integerMin(from) &&
           integerMax(from) <= integerMax(to);
  return isFloatKind(from) && isFloatKind(to);
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
