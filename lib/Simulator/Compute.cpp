//===- Compute.cpp - The preload and matmul instructions ------------------===//
//
// This file implements the systolic-array instructions: preload latches a
// weight tile from the scratchpad (weight-stationary targets only), and matmul
// multiplies scratchpad operands into the accumulator, with zero points and
// wrap-around i32 or f32 accumulation (docs/Numerics.md).
//
//===----------------------------------------------------------------------===//
#include "Machine.h"

#include <algorithm>
#include <cstring>

using namespace accel;
using namespace accel::isa;
using namespace accel::sim;
using namespace accel::sim::detail;

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
