//===- TargetModelTest.cpp - queries over a target ------------------------===//
//
// This file tests the TargetModel queries against the presets' figures.
//
//===----------------------------------------------------------------------===//
#include "accel/Target/TargetJSON.h"
#include "accel/Target/TargetModel.h"

#include "gtest/gtest.h"

using namespace accel;

namespace {

TargetDesc load(llvm::StringRef name) {
  llvm::Expected<TargetDesc> desc = loadTarget(name);
  if (!desc) {
    ADD_FAILURE() << llvm::toString(desc.takeError());
    return {};
  }
  return *desc;
}

TEST(TargetModel, Int8Preset) {
  TargetDesc desc = load("int8-16x16");
  TargetModel model(desc);
  EXPECT_TRUE(model.hasAccelerator());
  EXPECT_EQ(model.getNumPEs(), 256u);
  EXPECT_EQ(model.getScratchpadBankBytes(), 65536u);
  EXPECT_TRUE(model.supportsOp(OpKind::Matmul));
  EXPECT_FALSE(model.supportsOp(OpKind::Cast));
  EXPECT_TRUE(model.supportsTypes(ElementKind::I8, ElementKind::I32,
                                  ElementKind::I8));
  EXPECT_FALSE(model.supportsTypes(ElementKind::I4, ElementKind::I32,
                                   ElementKind::I8));
  EXPECT_TRUE(model.supportsInputType(ElementKind::I8));
  EXPECT_FALSE(model.supportsInputType(ElementKind::BF16));
  EXPECT_FALSE(model.supportsSparsity24());
}

TEST(TargetModel, TransfersAndEnergy) {
  TargetDesc desc = load("int8-16x16");
  TargetModel model(desc);
  // 16 B/cycle + 100 cycles latency; partial beats round up.
  EXPECT_EQ(model.getDmaCycles(0), 0u);
  EXPECT_EQ(model.getDmaCycles(16), 101u);
  EXPECT_EQ(model.getDmaCycles(17), 102u);
  // 8 B/cycle + 2000 cycles.
  EXPECT_EQ(model.getHostLinkCycles(4096), 2512u);
  EXPECT_DOUBLE_EQ(model.cyclesToSeconds(1000), 1e-6);
  EXPECT_DOUBLE_EQ(model.getDramEnergyPJ(4), 640.0);
  EXPECT_DOUBLE_EQ(model.getMacEnergyPJ(ElementKind::I8), 0.3);
}

TEST(TargetModel, CpuHasNoAccelerator) {
  TargetDesc desc = load("cpu");
  TargetModel model(desc);
  EXPECT_FALSE(model.hasAccelerator());
  EXPECT_FALSE(model.supportsOp(OpKind::Matmul));
  EXPECT_FALSE(model.supportsSparsity24());
  EXPECT_EQ(model.getScratchpadBankBytes(), 0u);
}

TEST(TargetModel, SparsityOnlyWhereDeclared) {
  TargetDesc desc = load("int8-256x256");
  TargetModel model(desc);
  EXPECT_TRUE(model.supportsSparsity24());
  EXPECT_TRUE(model.supportsTypes(ElementKind::I4, ElementKind::I32,
                                  ElementKind::I8));
}

} // namespace
