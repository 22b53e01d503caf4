//===- ISATest.cpp - Encoding, container and assembler tests ---------------===//
//
// This file tests the table-driven encoder and decoder at every field's
// boundary values, the binary container (round trip and rejection of
// corrupt files) and the assembler/disassembler round trip.
//
//===----------------------------------------------------------------------===//
#include "accel/ISA/Assembler.h"
#include "accel/ISA/Binary.h"
#include "accel/ISA/Elements.h"
#include "accel/ISA/Instructions.h"
#include "accel/Target/TargetJSON.h"

#include "gtest/gtest.h"

#include <cmath>
#include <limits>
#include <random>

using namespace accel;
using namespace accel::isa;

namespace {

std::string errorOf(llvm::Error err) { return llvm::toString(std::move(err)); }

template <typename T> std::string errorOf(llvm::Expected<T> value) {
  if (value)
    return "";
  return llvm::toString(value.takeError());
}

TEST(Encoding, EveryFieldAtItsBoundaries) {
  for (const OpcodeInfo &op : getAllOpcodes()) {
    for (unsigned i = 0; i < op.fields.size(); ++i) {
      const FieldInfo &f = op.fields[i];
      for (int64_t v : {f.minValue(), f.maxValue(), (f.minValue() + f.maxValue()) / 2}) {
        for (uint8_t deps : {0, 5, 10, 15}) {
          Instruction inst(op.opcode);
          inst.setDeps(deps);
          inst.setAt(i, v);
          auto enc = encode(inst);
          ASSERT_TRUE(bool(enc)) << errorOf(enc.takeError());
          auto dec = decode(*enc);
          ASSERT_TRUE(bool(dec)) << op.mnemonic << "." << f.name << "=" << v
                                 << ": " << errorOf(dec.takeError());
          EXPECT_EQ(*dec, inst) << op.mnemonic << "." << f.name << "=" << v;
        }
      }
    }
    // All fields at their maximum at once: no two fields overlap.
    Instruction all(op.opcode);
    for (unsigned i = 0; i < op.fields.size(); ++i)
      all.setAt(i, op.fields[i].maxValue());
    auto enc = encode(all);
    ASSERT_TRUE(bool(enc));
    auto dec = decode(*enc);
    ASSERT_TRUE(bool(dec)) << errorOf(dec.takeError());
    EXPECT_EQ(*dec, all) << op.mnemonic;
    // Text round trip of the same instruction.
    auto parsed = parseInstruction(formatInstruction(all));
    ASSERT_TRUE(bool(parsed)) << errorOf(parsed.takeError());
    EXPECT_EQ(*parsed, all) << formatInstruction(all);
  }
}

TEST(Encoding, FieldsDoNotOverlap) {
  for (const OpcodeInfo &op : getAllOpcodes()) {
    std::vector<bool> used(kInstructionBits, false);
    for (unsigned b = 0; b < 12; ++b)
      used[b] = true;
    for (const FieldInfo &f : op.fields) {
      ASSERT_LE(f.lsb + f.width, kInstructionBits) << f.name;
      for (unsigned b = f.lsb; b < f.lsb + f.width; ++b) {
        EXPECT_FALSE(used[b]) << op.mnemonic << "." << f.name << " bit " << b;
        used[b] = true;
      }
    }
  }
}

TEST(Encoding, RejectsOutOfRange) {
  Instruction inst(Opcode::Matmul);
  inst.set(Field::Matmul_m, 1 << 16);
  EXPECT_EQ(errorOf(encode(inst)),
            "matmul: field 'm' value 65536 is out of range [0, 65535]");
  inst = Instruction(Opcode::Matmul);
  inst.set(Field::Matmul_a_zp, -129);
  EXPECT_EQ(errorOf(encode(inst)),
            "matmul: field 'a_zp' value -129 is out of range [-128, 127]");

  EncodedInstruction bytes{};
  bytes[0] = 0x42;
  EXPECT_EQ(errorOf(decode(bytes)), "field 'opcode': unknown opcode 66");
  bytes[0] = static_cast<uint8_t>(Opcode::Matmul);
  bytes[1] = 0xf0; // type = 15 (bits 12..15)
  EXPECT_EQ(errorOf(decode(bytes)),
            "matmul: field 'type' value 15 is out of range [0, 10]");
  bytes[1] = 0;
  bytes[31] = 0x00;
  bytes[2] |= 0x00;
  Instruction halt(Opcode::Halt);
  auto enc = encode(halt);
  ASSERT_TRUE(bool(enc));
  (*enc)[20] = 1;
  EXPECT_EQ(errorOf(decode(*enc)), "halt: reserved bit 160 is set");
}

Program sampleProgram() {
  Program p;
  p.targetName = "int8-16x16";
  auto desc = loadTarget("int8-16x16");
  EXPECT_TRUE(bool(desc));
  p.targetFingerprint = targetFingerprint(*desc);
  p.dramBytes = 4096;
  p.bindings.push_back({"x", false, ElementKind::I8, {4, 16}, 0});
  p.bindings.push_back({"y", true, ElementKind::I4, {4, 16}, 1024});
  QParam q;
  q.multiplier = 1 << 30;
  q.exponent = -3;
  q.zeroPoint = 5;
  p.qparams.push_back(q);
  Constant c;
  c.name = "w";
  c.dtype = ElementKind::I8;
  c.shape = {16, 16};
  c.dramOffset = 2048;
  for (int i = 0; i < 256; ++i)
    c.data.push_back(uint8_t(i * 7));
  p.constants.push_back(c);
  Instruction load(Opcode::Load);
  load.set(Field::Load_rows, 4);
  load.set(Field::Load_cols, 16);
  load.setDeps(PushNext);
  p.instructions.push_back(load);
  Instruction mm(Opcode::Matmul);
  mm.set(Field::Matmul_a_zp, -128);
  mm.setDeps(PopPrev);
  p.instructions.push_back(mm);
  p.instructions.push_back(Instruction(Opcode::Halt));
  return p;
}

TEST(Binary, RoundTrip) {
  Program p = sampleProgram();
  auto bytes = writeBinary(p);
  ASSERT_TRUE(bool(bytes)) << errorOf(bytes.takeError());
  auto back = readBinary(*bytes);
  ASSERT_TRUE(bool(back)) << errorOf(back.takeError());
  EXPECT_EQ(back->targetName, p.targetName);
  EXPECT_EQ(back->targetFingerprint, p.targetFingerprint);
  EXPECT_EQ(back->dramBytes, p.dramBytes);
  ASSERT_EQ(back->bindings.size(), 2u);
  EXPECT_EQ(back->bindings[1].name, "y");
  EXPECT_TRUE(back->bindings[1].isOutput);
  EXPECT_EQ(back->bindings[1].dtype, ElementKind::I4);
  EXPECT_EQ(back->bindings[1].sizeInBytes(), 32u);
  EXPECT_EQ(back->qparams, p.qparams);
  EXPECT_EQ(back->constants[0].data, p.constants[0].data);
  EXPECT_EQ(back->instructions, p.instructions);
  auto again = writeBinary(*back);
  ASSERT_TRUE(bool(again));
  EXPECT_EQ(*again, *bytes);

  // Text round trip: disassemble, assemble, same bytes.
  std::string text = disassemble(*back);
  auto assembled = assemble(text, "roundtrip.s");
  ASSERT_TRUE(bool(assembled)) << errorOf(assembled.takeError());
  auto fromText = writeBinary(*assembled);
  ASSERT_TRUE(bool(fromText));
  EXPECT_EQ(*fromText, *bytes);
  EXPECT_EQ(disassemble(*assembled), text);
}

/// Rewrites the checksum so that a deliberately corrupted field reaches the
/// field checks.
void reseal(std::vector<uint8_t> &bytes) {
  uint64_t sum = fnv1a64(llvm::ArrayRef<uint8_t>(bytes).drop_back(8));
  for (unsigned i = 0; i < 8; ++i)
    bytes[bytes.size() - 8 + i] = uint8_t(sum >> (8 * i));
}

TEST(Binary, RejectsCorruptFiles) {
  auto good = writeBinary(sampleProgram());
  ASSERT_TRUE(bool(good));
  const std::vector<uint8_t> &bytes = *good;

  std::vector<uint8_t> bad = bytes;
  bad[0] = 'X';
  EXPECT_EQ(errorOf(readBinary(bad, "f")),
            "f: at offset 0: bad magic: not an accel binary (expected "
            "'ACCELBIN')");

  bad = bytes;
  bad[8] = 2;
  reseal(bad);
  EXPECT_EQ(errorOf(readBinary(bad, "f")),
            "f: at offset 8: field 'version_major': unsupported version 2.0 "
            "(this reader reads 1.x)");

  // Every truncation is rejected, none crashes.
  for (size_t n = 0; n < bytes.size(); ++n) {
    std::string e = errorOf(readBinary(
        llvm::ArrayRef<uint8_t>(bytes).take_front(n), "f"));
    EXPECT_FALSE(e.empty()) << n;
  }
  EXPECT_EQ(errorOf(readBinary(llvm::ArrayRef<uint8_t>(bytes).take_front(100),
                               "f")),
            "f: at offset 16: field 'file_bytes': the header says " +
                std::to_string(bytes.size()) +
                " bytes, the file has 100 (truncated)");

  // Every single-byte corruption is rejected (checksum or magic).
  for (size_t i = 0; i < bytes.size(); ++i) {
    bad = bytes;
    bad[i] ^= 0x10;
    EXPECT_FALSE(errorOf(readBinary(bad, "f")).empty()) << i;
  }

  // An out-of-range field behind a valid checksum: the matmul's type.
  size_t instAt = bytes.size() - 8 - 3 * kInstructionBytes;
  bad = bytes;
  bad[instAt + kInstructionBytes + 1] |= 0xf0;
  reseal(bad);
  EXPECT_EQ(errorOf(readBinary(bad, "f")),
            "f: at offset " + std::to_string(instAt + kInstructionBytes) +
                ": instruction #1: matmul: field 'type' value 15 is out of "
                "range [0, 10]");

  // A binding outside DRAM.
  Program p = sampleProgram();
  p.bindings[1].dramOffset = 4090;
  EXPECT_EQ(errorOf(writeBinary(p)),
            "binding 'y': DRAM range [4090, 4122) exceeds dram_bytes 4096");
  // No halt at the end.
  p = sampleProgram();
  p.instructions.pop_back();
  EXPECT_EQ(errorOf(writeBinary(p)),
            "the instruction stream must end with 'halt'");
}

TEST(Binary, FingerprintIgnoresFormatting) {
  auto a = loadTarget("int8-16x16");
  ASSERT_TRUE(bool(a));
  TargetDesc b = *a;
  EXPECT_EQ(targetFingerprint(*a), targetFingerprint(b));
  b.dmaLatencyCycles += 1;
  EXPECT_NE(targetFingerprint(*a), targetFingerprint(b));
}

TEST(Assembler, Diagnostics) {
  EXPECT_EQ(errorOf(assemble(".target int8-16x16\nfoo\nhalt\n", "t.s")),
            "t.s:2: error: unknown mnemonic 'foo' (expected one of load, "
            "store, preload, matmul, alu, pool, halt)");
  EXPECT_EQ(errorOf(assemble("halt\n", "t.s")),
            "t.s:0: error: missing '.target' directive");
  EXPECT_EQ(errorOf(assemble(".target int8-16x16\nload rows=1 rows=2\nhalt\n",
                             "t.s")),
            "t.s:2: error: load: field 'rows' given twice");
  EXPECT_EQ(errorOf(assemble(".target int8-16x16\n.const c i8[2] @0 = 1, 300\n"
                             "halt\n",
                             "t.s")),
            "t.s:2: error: constant 'c': value #1 '300' is not a i8");
  auto p = assemble(".target int8-16x16 # comment\n"
                    ".qparam 0 scale=0.025 zp=-1\n"
                    ".const c f32[2] @0 = 1.5, -2\n"
                    "alu op=clamp type=f32 imm=f:-1.5 imm2=f:2.0\n"
                    "halt\n",
                    "t.s");
  ASSERT_TRUE(bool(p)) << errorOf(p.takeError());
  EXPECT_EQ(p->qparams[0].multiplier, 1717986918);
  EXPECT_EQ(p->qparams[0].exponent, -5);
  EXPECT_EQ(p->dramBytes, 8u);
  EXPECT_EQ(p->instructions[0].get(Field::Alu_imm), int32_t(0xbfc00000));
}

} // namespace

namespace {

float roundTrip(ElementKind kind, float value) {
  uint8_t byte = 0;
  storeFloat(&byte, kind, 0, value);
  return loadFloat(&byte, kind, 0);
}

// docs/Numerics.md section 6: nearest even, infinity for f8E5M2 overflow,
// saturation to +-448 for f8E4M3FN (which has no infinity), NaN stays NaN,
// subnormals kept.
TEST(Elements, Fp8Conversions) {
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_EQ(roundTrip(ElementKind::F8E4M3FN, 0.1f), 0.1015625f);
  EXPECT_EQ(roundTrip(ElementKind::F8E4M3FN, 448.0f), 448.0f);
  EXPECT_EQ(roundTrip(ElementKind::F8E4M3FN, 463.0f), 448.0f);
  EXPECT_EQ(roundTrip(ElementKind::F8E4M3FN, 1e30f), 448.0f);
  EXPECT_EQ(roundTrip(ElementKind::F8E4M3FN, -inf), -448.0f);
  EXPECT_TRUE(std::isnan(roundTrip(ElementKind::F8E4M3FN, NAN)));
  // Smallest subnormal of f8E4M3FN is 2^-9.
  EXPECT_EQ(roundTrip(ElementKind::F8E4M3FN, std::ldexp(1.0f, -9)),
            std::ldexp(1.0f, -9));
  EXPECT_EQ(roundTrip(ElementKind::F8E5M2, 57344.0f), 57344.0f);
  EXPECT_EQ(roundTrip(ElementKind::F8E5M2, 1e6f), inf);
  EXPECT_EQ(roundTrip(ElementKind::F8E5M2, -inf), -inf);
  // Ties to even: 1.125 lies between 1.0 and 1.25 in f8E5M2 -> 1.0.
  EXPECT_EQ(roundTrip(ElementKind::F8E5M2, 1.125f), 1.0f);
  EXPECT_EQ(roundTrip(ElementKind::F8E5M2, 1.375f), 1.5f);
  EXPECT_TRUE(std::isnan(roundTrip(ElementKind::F8E5M2, NAN)));
  // Every byte widens to f32 and back unchanged (NaNs stay NaN).
  for (ElementKind kind : {ElementKind::F8E4M3FN, ElementKind::F8E5M2})
    for (unsigned b = 0; b < 256; ++b) {
      uint8_t byte = uint8_t(b), again = 0;
      float wide = loadFloat(&byte, kind, 0);
      storeFloat(&again, kind, 0, wide);
      if (std::isnan(wide))
        EXPECT_TRUE(std::isnan(loadFloat(&again, kind, 0)));
      else
        EXPECT_EQ(again, byte) << "byte " << b;
    }
}

} // namespace
