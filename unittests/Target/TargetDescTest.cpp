//===- TargetDescTest.cpp - target descriptions and their JSON schema ------===//
//
// This file tests TargetDesc validation, the JSON reader and writer, and the
// energy defaults, without MLIR.
//
//===----------------------------------------------------------------------===//
#include "accel/Target/TargetJSON.h"

#include "gtest/gtest.h"

using namespace accel;

namespace {

TargetDesc smallSystolic() {
  TargetDesc desc;
  desc.name = "small";
  desc.kind = TargetKind::Systolic;
  desc.rows = desc.cols = 4;
  desc.scratchpadBytes = 4096;
  desc.scratchpadBanks = 2;
  desc.accumulatorBytes = 1024;
  desc.opKinds = {OpKind::Matmul, OpKind::Relu};
  desc.typeCombos = {{ElementKind::I8, ElementKind::I32, ElementKind::I8}};
  desc.dmaBytesPerCycle = 8;
  desc.dmaLatencyCycles = 10;
  desc.hostLinkBytesPerCycle = 4;
  desc.hostLinkLatencyCycles = 100;
  desc.clockMHz = 500;
  return desc;
}

std::string errorOf(llvm::Expected<TargetDesc> desc) {
  if (desc)
    return "<no error>";
  return llvm::toString(desc.takeError());
}

TEST(TargetDesc, EverySpellingRoundTrips) {
  for (unsigned i = 0; i < kNumElementKinds; ++i) {
    auto kind = static_cast<ElementKind>(i);
    EXPECT_EQ(symbolizeElementKind(stringifyElementKind(kind)), kind);
  }
  for (unsigned i = 0; i < kNumOpKinds; ++i) {
    auto kind = static_cast<OpKind>(i);
    EXPECT_EQ(symbolizeOpKind(stringifyOpKind(kind)), kind);
  }
  EXPECT_FALSE(symbolizeElementKind("i64").has_value());
  EXPECT_FALSE(symbolizeOpKind("softmax").has_value());
}

TEST(TargetDesc, EnergyDefaultsFollowHanEtAl) {
  EnergyTable e = EnergyTable::defaults();
  // 32-bit figures are taken as measured: mult + 32-bit add.
  EXPECT_DOUBLE_EQ(e.getMacPJ(ElementKind::F32), 3.7 + 0.9);
  EXPECT_DOUBLE_EQ(e.getMacPJ(ElementKind::I32), 3.1 + 0.1);
  // 8-bit int mult 0.2 pJ (Horowitz) + 32-bit int add.
  EXPECT_DOUBLE_EQ(e.getMacPJ(ElementKind::I8), 0.3);
  // fp16 mult 1.1 pJ + fp32 add; bf16 scales the multiplier by (8/11)^2.
  EXPECT_DOUBLE_EQ(e.getMacPJ(ElementKind::F16), 2.0);
  EXPECT_DOUBLE_EQ(e.getMacPJ(ElementKind::BF16), 1.4818);
  EXPECT_DOUBLE_EQ(e.dramPJPerByte, 160.0);
  EXPECT_DOUBLE_EQ(e.sramReadPJPerByte, 1.25);
  // DRAM costs orders of magnitude more than arithmetic.
  EXPECT_GT(e.dramPJPerByte / e.getMacPJ(ElementKind::I8), 100.0);
}

TEST(TargetDesc, ValidateAcceptsAndRejects) {
  EXPECT_EQ(validate(smallSystolic()), std::nullopt);

  TargetDesc zeroRows = smallSystolic();
  zeroRows.rows = 0;
  EXPECT_EQ(validate(zeroRows), "rows: expected 1..4096, found 0");

  TargetDesc narrow = smallSystolic();
  narrow.typeCombos = {{ElementKind::I8, ElementKind::I16, ElementKind::I8},
                       {ElementKind::I8, ElementKind::I8, ElementKind::I8}};
  EXPECT_EQ(validate(narrow), "types[0]: accumulator i16 is narrower than the "
                              "i8 x i8 products (needs 17 bits of precision, "
                              "has 16)");

  TargetDesc halfAcc = smallSystolic();
  halfAcc.typeCombos = {{ElementKind::F8E4M3FN, ElementKind::F16,
                         ElementKind::F16}};
  EXPECT_EQ(validate(halfAcc),
            "types[0]: input f8E4M3FN needs an f32 accumulator, found f16");

  TargetDesc tinyAcc = smallSystolic();
  tinyAcc.accumulatorBytes = 63;
  EXPECT_EQ(validate(tinyAcc), "types[0]: accumulator of 63 bytes cannot hold "
                               "one 4x4 tile of i32 (64 bytes)");

  TargetDesc dupOps = smallSystolic();
  dupOps.opKinds.push_back(OpKind::Matmul);
  EXPECT_EQ(validate(dupOps), "ops[2]: 'matmul' is listed twice");

  TargetDesc cpu;
  cpu.name = "cpu";
  EXPECT_EQ(validate(cpu), std::nullopt);
}

TEST(TargetJSON, WriteThenReadIsIdentity) {
  TargetDesc desc = smallSystolic();
  desc.sparsity24 = true;
  desc.energy.macPJ[static_cast<unsigned>(ElementKind::I8)] = 0.25;
  for (bool omitDefaults : {false, true}) {
    llvm::json::Value json = targetToJSON(desc, omitDefaults);
    llvm::Expected<TargetDesc> back = targetFromJSON(json);
    ASSERT_TRUE(static_cast<bool>(back)) << llvm::toString(back.takeError());
    EXPECT_EQ(*back, desc);
  }
}

TEST(TargetJSON, EveryPresetLoadsAndIsNamedAfterItsFile) {
  std::vector<llvm::StringRef> names = getTargetPresetNames();
  ASSERT_EQ(names.size(), 4u);
  for (llvm::StringRef name : names) {
    llvm::Expected<TargetDesc> desc = loadTarget(name);
    ASSERT_TRUE(static_cast<bool>(desc)) << llvm::toString(desc.takeError());
    EXPECT_EQ(desc->name, name.str());
  }
  EXPECT_EQ(loadTarget("cpu")->kind, TargetKind::Cpu);
}

TEST(TargetJSON, ReaderMessagesNameTheField) {
  EXPECT_EQ(errorOf(parseTargetJSON("{\"name\": \"x\"}", "t.json")),
            "t.json: field 'kind': missing ('cpu' or 'systolic')");
  EXPECT_EQ(errorOf(parseTargetJSON("{\"name\": 3, \"kind\": \"cpu\"}",
                                    "t.json")),
            "t.json: field 'name': expected a string, found 3");
  EXPECT_EQ(errorOf(parseTargetJSON(
                "{\"name\": \"x\", \"kind\": \"gpu\"}", "t.json")),
            "t.json: field 'kind': expected cpu or systolic, found \"gpu\"");
  EXPECT_EQ(errorOf(parseTargetJSON("{\"name\": \"\", \"kind\": \"cpu\"}",
                                    "t.json")),
            "t.json: field 'name': expected a non-empty string");
}

} // namespace
