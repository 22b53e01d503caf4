//===- SimulatorTest.cpp - Functional, timing and energy tests -------------===//
//
// This file checks the simulator against straightforward reference loops on
// random shapes and values, the closed-form timing of docs/Simulator.md with
// unlimited DMA bandwidth, the energy accounting, and the errors that name
// an instruction and field.  Programs are built with the C++ API, the way
// the compiler builds them.
//
//===----------------------------------------------------------------------===//
#include "accel/ISA/Elements.h"
#include "accel/Numerics/Requantize.h"
#include "accel/Simulator/Simulator.h"
#include "accel/Target/TargetJSON.h"

#include "gtest/gtest.h"

#include <cstring>
#include <random>

using namespace accel;
using namespace accel::isa;
using namespace accel::sim;

namespace {

TargetDesc target(llvm::StringRef name) {
  auto desc = loadTarget(name);
  EXPECT_TRUE(bool(desc));
  return *desc;
}

Instruction load(ElementKind dt, ElementKind st, bool acc, uint64_t dram,
                 uint64_t sram, uint64_t rows, uint64_t cols, uint8_t deps = 0) {
  Instruction i(Opcode::Load);
  i.set(Field::Load_mem, acc);
  i.set(Field::Load_dram_type, int64_t(dt));
  i.set(Field::Load_sram_type, int64_t(st));
  i.set(Field::Load_dram_addr, dram);
  i.set(Field::Load_sram_addr, sram);
  i.set(Field::Load_rows, rows);
  i.set(Field::Load_cols, cols);
  i.setDeps(deps);
  return i;
}

Instruction store(ElementKind st, ElementKind dt, uint64_t sram, uint64_t dram,
                  uint64_t rows, uint64_t cols, uint8_t deps = 0) {
  Instruction i(Opcode::Store);
  i.set(Field::Store_mem, 1);
  i.set(Field::Store_sram_type, int64_t(st));
  i.set(Field::Store_dram_type, int64_t(dt));
  i.set(Field::Store_sram_addr, sram);
  i.set(Field::Store_dram_addr, dram);
  i.set(Field::Store_rows, rows);
  i.set(Field::Store_cols, cols);
  i.setDeps(deps);
  return i;
}

std::string errorOf(llvm::Expected<Report> r) {
  return r ? "" : llvm::toString(r.takeError());
}

/// C[m x n] = (A - azp)[m x k] (B - bzp)[k x n] (+ Cinit) on one array tile,
/// against a reference loop, for random shapes and integer kinds.
void randomIntMatmul(llvm::StringRef targetName, ElementKind kind,
                     unsigned seed) {
  TargetDesc desc = target(targetName);
  std::mt19937 rng(seed);
  bool ws = desc.dataflow == Dataflow::WeightStationary;
  for (int trial = 0; trial < 20; ++trial) {
    auto pick = [&](uint64_t lo, uint64_t hi) {
      return std::uniform_int_distribution<uint64_t>(lo, hi)(rng);
    };
    uint64_t m = pick(1, 40), k = pick(1, std::min<uint64_t>(desc.rows, 40)),
             n = pick(1, std::min<uint64_t>(desc.cols, 40));
    if (kind == ElementKind::I4) {
      k += k % 2;
      n += n % 2;
    }
    int64_t lo = integerMin(kind), hi = integerMax(kind);
    int32_t azp = int32_t(pick(0, 1) ? pick(0, 255) - 128 : 0);
    int32_t bzp = int32_t(pick(0, 1) ? pick(0, 255) - 128 : 0);
    bool accumulate = pick(0, 1);
    std::vector<int32_t> a(m * k), b(k * n), c0(m * n);
    for (auto &x : a) x = int32_t(pick(0, hi - lo) + lo);
    for (auto &x : b) x = int32_t(pick(0, hi - lo) + lo);
    for (auto &x : c0) x = int32_t(pick(0, 1u << 31)) - (1 << 30);
    // Saturation corner: extreme values in the first row.
    for (uint64_t kk = 0; kk < k; ++kk) a[kk] = int32_t(lo);

    Program p;
    p.targetName = desc.name;
    p.targetFingerprint = targetFingerprint(desc);
    uint64_t aAt = 0, bAt = 8192, cAt = 16384;
    p.dramBytes = cAt + m * n * 4;
    std::vector<uint8_t> dram(p.dramBytes, 0);
    for (uint64_t i = 0; i < m * k; ++i) storeInt(dram.data() + aAt, kind, i, a[i]);
    for (uint64_t i = 0; i < k * n; ++i) storeInt(dram.data() + bAt, kind, i, b[i]);
    std::memcpy(dram.data() + cAt, c0.data(), m * n * 4);
    uint64_t spB = 65536;
    p.instructions.push_back(load(kind, kind, false, aAt, 0, m, k));
    p.instructions.push_back(load(kind, kind, false, bAt, spB, k, n));
    p.instructions.push_back(
        load(ElementKind::I32, ElementKind::I32, true, cAt, 0, m, n, PushNext));
    if (ws) {
      Instruction pre(Opcode::Preload);
      pre.set(Field::Preload_type, int64_t(kind));
      pre.set(Field::Preload_sram_addr, spB);
      pre.set(Field::Preload_k, k);
      pre.set(Field::Preload_n, n);
      pre.setDeps(PopPrev);
      p.instructions.push_back(pre);
    }
    Instruction mm(Opcode::Matmul);
    mm.set(Field::Matmul_type, int64_t(kind));
    mm.set(Field::Matmul_accumulate, accumulate);
    mm.set(Field::Matmul_b_addr, ws ? 0 : spB);
    mm.set(Field::Matmul_m, m);
    mm.set(Field::Matmul_n, n);
    mm.set(Field::Matmul_k, k);
    mm.set(Field::Matmul_a_zp, azp);
    mm.set(Field::Matmul_b_zp, bzp);
    mm.setDeps(uint8_t((ws ? 0 : PopPrev) | PushNext));
    p.instructions.push_back(mm);
    p.instructions.push_back(
        store(ElementKind::I32, ElementKind::I32, 0, cAt, m, n, PopPrev));
    p.instructions.push_back(Instruction(Opcode::Halt));

    auto report = Simulator(desc).run(p, dram);
    ASSERT_TRUE(bool(report)) << errorOf(std::move(report));
    for (uint64_t i = 0; i < m; ++i)
      for (uint64_t j = 0; j < n; ++j) {
        uint32_t acc = accumulate ? uint32_t(c0[i * n + j]) : 0;
        for (uint64_t kk = 0; kk < k; ++kk)
          acc += uint32_t((a[i * k + kk] - azp) * (b[kk * n + j] - bzp));
        int32_t got;
        std::memcpy(&got, dram.data() + cAt + (i * n + j) * 4, 4);
        ASSERT_EQ(got, int32_t(acc)) << "trial " << trial << " at " << i
                                     << "," << j;
      }
    EXPECT_EQ(report->macs, m * n * k);
  }
}

TEST(Functional, IntMatmulWeightStationary) {
  randomIntMatmul("int8-16x16", ElementKind::I8, 1);
}
TEST(Functional, U8AndI4Matmul) {
  randomIntMatmul("int8-256x256", ElementKind::U8, 2);
  randomIntMatmul("int8-256x256", ElementKind::I4, 3);
}

TEST(Functional, FloatMatmulOutputStationary) {
  TargetDesc desc = target("bf16-128x128");
  std::mt19937 rng(4);
  std::uniform_real_distribution<float> dist(-4, 4);
  for (ElementKind kind : {ElementKind::BF16, ElementKind::F16}) {
    uint64_t m = 20, n = 24, k = 150; // k streams: any size on OS
    Program p;
    p.targetName = desc.name;
    p.targetFingerprint = targetFingerprint(desc);
    p.dramBytes = 65536;
    std::vector<uint8_t> dram(p.dramBytes, 0);
    std::vector<float> a(m * k), b(k * n);
    for (uint64_t i = 0; i < m * k; ++i) {
      storeFloat(dram.data(), kind, i, dist(rng));
      a[i] = loadFloat(dram.data(), kind, i);
    }
    for (uint64_t i = 0; i < k * n; ++i) {
      storeFloat(dram.data() + 16384, kind, i, dist(rng));
      b[i] = loadFloat(dram.data() + 16384, kind, i);
    }
    p.instructions.push_back(load(kind, kind, false, 0, 0, m, k));
    p.instructions.push_back(load(kind, kind, false, 16384, 32768, k, n, PushNext));
    Instruction mm(Opcode::Matmul);
    mm.set(Field::Matmul_type, int64_t(kind));
    mm.set(Field::Matmul_b_addr, 32768);
    mm.set(Field::Matmul_m, m);
    mm.set(Field::Matmul_n, n);
    mm.set(Field::Matmul_k, k);
    mm.setDeps(PopPrev | PushNext);
    p.instructions.push_back(mm);
    p.instructions.push_back(
        store(ElementKind::F32, kind, 0, 40000, m, n, PopPrev));
    p.instructions.push_back(Instruction(Opcode::Halt));
    auto report = Simulator(desc).run(p, dram);
    ASSERT_TRUE(bool(report)) << errorOf(std::move(report));
    for (uint64_t i = 0; i < m; ++i)
      for (uint64_t j = 0; j < n; ++j) {
        float acc = 0;
        double exact = 0, mag = 0;
        for (uint64_t kk = 0; kk < k; ++kk) {
          acc += a[i * k + kk] * b[kk * n + j];
          exact += double(a[i * k + kk]) * b[kk * n + j];
          mag += std::fabs(double(a[i * k + kk]) * b[kk * n + j]);
        }
        std::vector<uint8_t> tmp(4);
        storeFloat(tmp.data(), kind, 0, acc);
        float want = loadFloat(tmp.data(), kind, 0);
        float got = loadFloat(dram.data() + 40000, kind, i * n + j);
        EXPECT_EQ(got, want) << i << "," << j;
        // docs/Numerics.md's tolerance against the exact value.
        double ulp = std::ldexp(std::fabs(exact) + 1e-30,
                                kind == ElementKind::BF16 ? -7 : -10);
        EXPECT_LE(std::fabs(got - exact), (k + 1) * std::ldexp(mag, -24) + ulp);
      }
  }
}

TEST(Functional, RequantizingStorePerChannelReluClamp) {
  TargetDesc desc = target("int8-16x16");
  std::mt19937 rng(5);
  uint64_t rows = 16, cols = 16;
  Program p;
  p.targetName = desc.name;
  p.targetFingerprint = targetFingerprint(desc);
  p.dramBytes = 4096;
  std::vector<uint8_t> dram(p.dramBytes, 0);
  std::vector<int32_t> x(rows * cols);
  for (auto &v : x) v = int32_t(rng());
  // Rounding and saturation edges.
  const int32_t edges[] = {INT32_MIN, INT32_MAX, 0, -1, 1, 16, -16, 48, -48};
  for (unsigned i = 0; i < sizeof(edges) / sizeof(edges[0]); ++i) x[i] = edges[i];
  std::memcpy(dram.data(), x.data(), x.size() * 4);
  for (uint64_t c = 0; c < cols; ++c) {
    numerics::QuantizedMultiplier qm =
        numerics::quantizeMultiplier(c == 0 ? 1.0 / 32 : 0.0001 * (c + 1) * (c + 1));
    QParam q;
    q.multiplier = qm.multiplier;
    q.exponent = qm.exponent;
    q.zeroPoint = int32_t(c) - 8;
    q.lo = -100;
    q.hi = 100;
    p.qparams.push_back(q);
  }
  for (int act = 0; act < 3; ++act) {
    p.instructions.clear();
    p.instructions.push_back(load(ElementKind::I32, ElementKind::I32, true, 0, 0,
                                  rows, cols, PushNext));
    Instruction mv(Opcode::Alu); // compute queue relays the token to store
    mv.set(Field::Alu_op, int64_t(AluOp::Max));
    mv.set(Field::Alu_type, int64_t(ElementKind::I32));
    mv.set(Field::Alu_use_imm, 1);
    mv.set(Field::Alu_imm, INT32_MIN);
    mv.set(Field::Alu_rows, rows);
    mv.set(Field::Alu_cols, cols);
    mv.setDeps(PopPrev | PushNext);
    p.instructions.push_back(mv);
    Instruction st = store(ElementKind::I32, ElementKind::I8, 0, 2048, rows,
                           cols, PopPrev);
    st.set(Field::Store_qparam, 0);
    st.set(Field::Store_per_channel, 1);
    st.set(Field::Store_act, act);
    p.instructions.push_back(st);
    p.instructions.push_back(Instruction(Opcode::Halt));
    auto report = Simulator(desc).run(p, dram);
    ASSERT_TRUE(bool(report)) << errorOf(std::move(report));
    for (uint64_t i = 0; i < rows * cols; ++i) {
      const QParam &q = p.qparams[i % cols];
      numerics::QuantizedMultiplier qm{q.multiplier, q.exponent};
      int32_t lo = -128, hi = 127;
      if (act == 2) lo = q.lo, hi = q.hi;
      if (act == 1) lo = std::max(lo, q.zeroPoint);
      int32_t want = numerics::requantize(x[i], qm, q.zeroPoint, lo, hi);
      ASSERT_EQ(int8_t(dram[2048 + i]), want) << "act " << act << " i " << i;
    }
  }
  // The documented example of Numerics.md: acc 1234 and -20 with M = 0.025.
  EXPECT_EQ(numerics::requantize(1234, numerics::quantizeMultiplier(0.025), -1,
                                 -128, 127),
            30);
}

TEST(Functional, AluAndPooling) {
  TargetDesc desc = target("int8-256x256"); // has avg_pool2d and requantize
  std::mt19937 rng(6);
  uint64_t h = 6, w = 6, c = 8;
  Program p;
  p.targetName = desc.name;
  p.targetFingerprint = targetFingerprint(desc);
  p.dramBytes = 8192;
  std::vector<uint8_t> dram(p.dramBytes, 0);
  std::vector<int32_t> x(h * w * c);
  for (auto &v : x) v = int32_t(rng() % 255) - 127;
  std::memcpy(dram.data(), x.data(), x.size() * 4);
  p.instructions.push_back(load(ElementKind::I32, ElementKind::I32, true, 0, 0,
                                h * w, c, PushNext));
  // avg pool 3x3 stride 3 -> 2x2, one instruction per output row.
  for (uint64_t oh = 0; oh < 2; ++oh) {
    Instruction pool(Opcode::Pool);
    pool.set(Field::Pool_op, int64_t(PoolOp::Avg));
    pool.set(Field::Pool_type, int64_t(ElementKind::I32));
    pool.set(Field::Pool_src, oh * 3 * w * c * 4);
    pool.set(Field::Pool_dst, 4096 + oh * 2 * c * 4);
    pool.set(Field::Pool_rows, 2);
    pool.set(Field::Pool_cols, c);
    pool.set(Field::Pool_src_stride, 3 * c * 4);
    pool.set(Field::Pool_win_h, 3);
    pool.set(Field::Pool_win_w, 3);
    pool.set(Field::Pool_win_stride_h, w * c * 4);
    pool.set(Field::Pool_win_stride_w, c * 4);
    pool.setDeps(oh == 0 ? PopPrev : 0);
    p.instructions.push_back(pool);
  }
  Instruction add(Opcode::Alu); // then add -5 and relu
  add.set(Field::Alu_op, int64_t(AluOp::Add));
  add.set(Field::Alu_type, int64_t(ElementKind::I32));
  add.set(Field::Alu_use_imm, 1);
  add.set(Field::Alu_imm, -5);
  add.set(Field::Alu_dst, 4096);
  add.set(Field::Alu_rows, 4);
  add.set(Field::Alu_cols, c);
  p.instructions.push_back(add);
  Instruction relu = add;
  relu.set(Field::Alu_op, int64_t(AluOp::Relu));
  relu.set(Field::Alu_use_imm, 0);
  relu.set(Field::Alu_imm, 0);
  relu.setDeps(PushNext);
  p.instructions.push_back(relu);
  p.instructions.push_back(
      store(ElementKind::I32, ElementKind::I32, 4096, 6000, 4, c, PopPrev));
  p.instructions.push_back(Instruction(Opcode::Halt));
  auto report = Simulator(desc).run(p, dram);
  ASSERT_TRUE(bool(report)) << errorOf(std::move(report));
  for (uint64_t oh = 0; oh < 2; ++oh)
    for (uint64_t ow = 0; ow < 2; ++ow)
      for (uint64_t ch = 0; ch < c; ++ch) {
        int64_t sum = 0;
        for (int i = 0; i < 3; ++i)
          for (int j = 0; j < 3; ++j)
            sum += x[((oh * 3 + i) * w + ow * 3 + j) * c + ch];
        int32_t want = std::max(numerics::roundedDivide(sum, 9) - 5, 0);
        int32_t got;
        std::memcpy(&got, dram.data() + 6000 + ((oh * 2 + ow) * c + ch) * 4, 4);
        ASSERT_EQ(got, want);
      }
  Simulator sim(desc);
  EXPECT_EQ(report->busyCycles[unsigned(Unit::Alu)],
            2 * sim.poolCycles(2, c, 9) + 2 * sim.aluCycles(4, c));
}

/// A K x N weight matrix tiled over the array, M rows streamed: with
/// unlimited DMA bandwidth and no latency the systolic array's busy cycles
/// equal the closed form of docs/Simulator.md.
TEST(Timing, ClosedFormsWithUnlimitedBandwidth) {
  for (llvm::StringRef name : {"int8-16x16", "bf16-128x128"}) {
    TargetDesc desc = target(name);
    desc.dmaBytesPerCycle = 1e15;
    desc.dmaLatencyCycles = 0;
    desc.rows = 8;
    desc.cols = 4;
    bool ws = desc.dataflow == Dataflow::WeightStationary;
    ElementKind kind = desc.typeCombos[0].input;
    uint64_t R = desc.rows, C = desc.cols;
    uint64_t M = ws ? 37 : 8, K = ws ? 24 : 53, N = 12;
    Program p;
    p.targetName = desc.name;
    p.targetFingerprint = targetFingerprint(desc);
    p.dramBytes = 1 << 20;
    std::vector<uint8_t> dram(p.dramBytes, 0);
    p.instructions.push_back(load(kind, kind, false, 0, 0, 1, 2, PushNext));
    uint64_t folds = 0;
    if (ws) {
      for (uint64_t k0 = 0; k0 < K; k0 += R)
        for (uint64_t n0 = 0; n0 < N; n0 += C) {
          Instruction pre(Opcode::Preload);
          pre.set(Field::Preload_type, int64_t(kind));
          pre.set(Field::Preload_k, std::min(R, K - k0));
          pre.set(Field::Preload_n, std::min(C, N - n0));
          pre.setDeps(folds == 0 ? PopPrev : 0);
          p.instructions.push_back(pre);
          Instruction mm(Opcode::Matmul);
          mm.set(Field::Matmul_type, int64_t(kind));
          mm.set(Field::Matmul_m, M);
          mm.set(Field::Matmul_k, std::min(R, K - k0));
          mm.set(Field::Matmul_n, std::min(C, N - n0));
          p.instructions.push_back(mm);
          ++folds;
        }
    } else {
      for (uint64_t n0 = 0; n0 < N; n0 += C) {
        Instruction mm(Opcode::Matmul);
        mm.set(Field::Matmul_type, int64_t(kind));
        mm.set(Field::Matmul_b_addr, 65536);
        mm.set(Field::Matmul_m, M);
        mm.set(Field::Matmul_k, K);
        mm.set(Field::Matmul_n, std::min(C, N - n0));
        mm.setDeps(folds == 0 ? PopPrev : 0);
        p.instructions.push_back(mm);
        ++folds;
      }
    }
    p.instructions.back().setDeps(p.instructions.back().getDeps() | PushNext);
    p.instructions.push_back(store(ws ? ElementKind::I32 : ElementKind::F32,
                                   ws ? ElementKind::I32 : ElementKind::F32, 0,
                                   0, 1, 1, PopPrev));
    p.instructions.push_back(Instruction(Opcode::Halt));
    auto report = Simulator(desc).run(p, dram);
    ASSERT_TRUE(bool(report)) << errorOf(std::move(report));
    // WS: per fold, R cycles of preload plus M + R + C - 2 (SCALE-Sim's
    // 2R + C + M - 2).  OS: K + R + C - 2 plus R to drain.
    uint64_t perFold = ws ? R + (M + R + C - 2) : K + 2 * R + C - 2;
    uint64_t foldsWant = ws ? ((K + R - 1) / R) * ((N + C - 1) / C)
                            : (N + C - 1) / C;
    EXPECT_EQ(folds, foldsWant);
    EXPECT_EQ(report->busyCycles[unsigned(Unit::Systolic)], folds * perFold)
        << name.str();
    // One cycle for each (unlimited-bandwidth) DMA transfer.
    EXPECT_EQ(report->totalCycles, 1 + folds * perFold + 1) << name.str();
    EXPECT_EQ(report->macs, M * K * N);
    EXPECT_DOUBLE_EQ(report->utilization,
                     double(M * K * N) / (R * C * report->totalCycles));
  }
}

TEST(Energy, Breakdown) {
  TargetDesc desc = target("int8-16x16");
  desc.energy.macPJ[unsigned(ElementKind::I8)] = 2;
  desc.energy.sramReadPJPerByte = 3;
  desc.energy.sramWritePJPerByte = 5;
  desc.energy.dramPJPerByte = 7;
  desc.energy.hostLinkPJPerByte = 11;
  Program p;
  p.targetName = desc.name;
  p.targetFingerprint = targetFingerprint(desc);
  p.dramBytes = 4096;
  std::vector<uint8_t> dram(p.dramBytes, 1);
  p.instructions.push_back(load(ElementKind::I8, ElementKind::I8, false, 0, 0, 8, 16));
  p.instructions.push_back(load(ElementKind::I8, ElementKind::I8, false, 128, 256, 16, 16, PushNext));
  Instruction pre(Opcode::Preload);
  pre.set(Field::Preload_type, int64_t(ElementKind::I8));
  pre.set(Field::Preload_sram_addr, 256);
  pre.set(Field::Preload_k, 16);
  pre.set(Field::Preload_n, 16);
  pre.setDeps(PopPrev);
  p.instructions.push_back(pre);
  Instruction mm(Opcode::Matmul);
  mm.set(Field::Matmul_type, int64_t(ElementKind::I8));
  mm.set(Field::Matmul_m, 8);
  mm.set(Field::Matmul_n, 16);
  mm.set(Field::Matmul_k, 16);
  mm.setDeps(PushNext);
  p.instructions.push_back(mm);
  p.instructions.push_back(store(ElementKind::I32, ElementKind::I8, 0, 1024, 8, 16, PopPrev));
  p.instructions.push_back(Instruction(Opcode::Halt));
  Options options;
  options.hostLinkBytes = 1000;
  auto r = Simulator(desc).run(p, dram, options);
  ASSERT_TRUE(bool(r)) << errorOf(std::move(r));
  EXPECT_EQ(r->macs, 8u * 16 * 16);
  EXPECT_EQ(r->dramRead, 128u + 256);
  EXPECT_EQ(r->dramWritten, 128u);
  EXPECT_EQ(r->scratchpadWritten, 384u);
  EXPECT_EQ(r->scratchpadRead, 256u + 128); // preload + A
  EXPECT_EQ(r->accumulatorWritten, 512u);
  EXPECT_EQ(r->accumulatorRead, 512u); // the store
  EXPECT_DOUBLE_EQ(r->macPJ, 2048.0 * 2);
  EXPECT_DOUBLE_EQ(r->sramReadPJ, (384 + 512) * 3.0);
  EXPECT_DOUBLE_EQ(r->sramWritePJ, (384 + 512) * 5.0);
  EXPECT_DOUBLE_EQ(r->dramPJ, 512 * 7.0);
  EXPECT_DOUBLE_EQ(r->hostLinkPJ, 1000 * 11.0);
  EXPECT_DOUBLE_EQ(r->totalPJ(), 4096 + 2688 + 4480 + 3584 + 11000.0);
  EXPECT_EQ(r->hostLinkCycles, desc.hostLinkLatencyCycles + 125);
}

TEST(Errors, NameInstructionAndField) {
  TargetDesc desc = target("int8-16x16");
  Program p;
  p.targetName = desc.name;
  p.targetFingerprint = targetFingerprint(desc);
  p.dramBytes = 1024;
  std::vector<uint8_t> dram(p.dramBytes, 0);
  auto run = [&](std::vector<Instruction> insts) {
    p.instructions = insts;
    p.instructions.push_back(Instruction(Opcode::Halt));
    return errorOf(Simulator(desc).run(p, dram));
  };
  EXPECT_EQ(run({load(ElementKind::I8, ElementKind::I8, false, 1000, 0, 2, 16)}),
            "instruction #0 (load): field 'dram_addr': DRAM bytes [1000, 1032) "
            "are out of bounds (DRAM has 1024 bytes)");
  EXPECT_EQ(run({load(ElementKind::I8, ElementKind::I8, false, 0, 262140, 1, 16)}),
            "instruction #0 (load): field 'sram_addr': scratchpad bytes "
            "[262140, 262156) are out of bounds (scratchpad has 262144 bytes)");
  EXPECT_EQ(run({load(ElementKind::I32, ElementKind::I32, true, 0, 2, 1, 4)}),
            "instruction #0 (load): field 'sram_addr': address 2 is not a "
            "multiple of 4 bytes");
  EXPECT_EQ(run({load(ElementKind::I32, ElementKind::I8, false, 0, 0, 1, 4)}),
            "instruction #0 (load): field 'sram_type': cannot convert i32 to i8");
  Instruction mm(Opcode::Matmul);
  mm.set(Field::Matmul_type, int64_t(ElementKind::I8));
  mm.set(Field::Matmul_m, 1);
  mm.set(Field::Matmul_n, 1);
  mm.set(Field::Matmul_k, 17);
  EXPECT_EQ(run({mm}), "instruction #0 (matmul): field 'k': 17 exceeds the "
                       "array's 16 rows (weight-stationary)");
  mm.set(Field::Matmul_k, 1);
  EXPECT_EQ(run({mm}), "instruction #0 (matmul): no weights preloaded (a "
                       "weight-stationary matmul needs a 'preload' first)");
  mm.set(Field::Matmul_type, int64_t(ElementKind::BF16));
  EXPECT_EQ(run({mm}), "instruction #0 (matmul): field 'type': target "
                       "'int8-16x16' has no bf16 operands");
  Instruction st = store(ElementKind::I32, ElementKind::U8, 0, 0, 1, 4);
  EXPECT_EQ(run({st}), "instruction #0 (store): field 'dram_type': target "
                       "'int8-16x16' has no type combination with accumulator "
                       "i32 and output u8");
  Instruction waits = load(ElementKind::I8, ElementKind::I8, false, 0, 0, 1, 1,
                           PopNext);
  EXPECT_EQ(run({waits}), "deadlock: every remaining queue waits for a "
                          "dependency token that is never pushed; blocked "
                          "instructions: #0 (load, load queue)");
  Instruction bad = load(ElementKind::I8, ElementKind::I8, false, 0, 0, 1, 1,
                         PopPrev);
  EXPECT_EQ(run({bad}), "instruction #0 (load): field 'pop_prev': the load "
                        "queue has no previous queue");

  TargetDesc os = target("bf16-128x128");
  p.targetName = os.name;
  Instruction pre(Opcode::Preload);
  p.instructions = {pre, Instruction(Opcode::Halt)};
  EXPECT_EQ(errorOf(Simulator(os).run(p, dram)),
            "instruction #0 (preload): field 'opcode': target 'bf16-128x128' "
            "is output-stationary; preload needs a weight-stationary array");
}

} // namespace
