//===- Vector.cpp - The alu and pool instructions -------------------------===//
//
// This file implements the vector-unit instructions, which work on i32 or
// f32 accumulator rows: alu applies an elementwise operation (binary with a
// source row or an immediate, relu, clamp, requantization), and pool reduces
// max or average windows.
//
//===----------------------------------------------------------------------===//
#include "Machine.h"

#include "accel/Numerics/Requantize.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>
#include <optional>

using namespace accel;
using namespace accel::isa;
using namespace accel::sim;
using namespace accel::sim::detail;

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
  // The target op kind each ALU operation needs (max, min and mov need
  // none: they serve pooling and data movement).
  std::optional<OpKind> needed;
  switch (op) {
  case AluOp::Add: needed = OpKind::Add; break;
  case AluOp::Sub: needed = OpKind::Sub; break;
  case AluOp::Mul: needed = OpKind::Mul; break;
  case AluOp::Relu: needed = OpKind::Relu; break;
  case AluOp::Clamp: needed = OpKind::Clamp; break;
  default: break;
  }
  if (needed)
    if (auto e = requireOp(*needed, "op"))
      return std::move(e);
  switch (op) {
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
