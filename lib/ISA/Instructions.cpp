//===- Instructions.cpp - Table-driven encoder and decoder ----------------===//
//
// This file implements the accel instruction encoder and decoder.  Both walk
// the field table built from Instructions.def; there is no other copy of the
// bit layout.
//
//===----------------------------------------------------------------------===//
#include "accel/ISA/Instructions.h"

#include "accel/Target/TargetDesc.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <cassert>

using namespace accel;
using namespace accel::isa;

static const FieldInfo kFields[] = {
#define ACCEL_FIELD(Op, name, lsb, width, kind, dflt)                         \
  {Opcode::Op, #name, lsb, width, FieldKind::kind, dflt},
#include "accel/ISA/Instructions.def"
};
static_assert(sizeof(kFields) / sizeof(kFields[0]) ==
                  static_cast<size_t>(Field::NumFields),
              "field table and Field enum disagree");

namespace {
struct OpcodeTable {
  std::vector<OpcodeInfo> infos;
  OpcodeTable() {
    struct Raw {
      Opcode op;
      const char *mnemonic;
      Queue queue;
    };
    const Raw raws[] = {
#define ACCEL_OPCODE(Name, mnemonic, code, queue)                             \
  {Opcode::Name, mnemonic, Queue::queue},
#include "accel/ISA/Instructions.def"
    };
    for (const Raw &raw : raws) {
      unsigned first = 0, count = 0;
      bool seen = false;
      for (unsigned i = 0, e = static_cast<unsigned>(Field::NumFields); i < e;
           ++i) {
        if (kFields[i].opcode != raw.op)
          continue;
        if (!seen)
          first = i;
        seen = true;
        assert(first + count == i && "fields of one opcode must be adjacent");
        ++count;
      }
      assert(count <= kMaxFields && "raise kMaxFields");
      infos.push_back({raw.op, raw.mnemonic, raw.queue,
                       llvm::ArrayRef<FieldInfo>(kFields + first, count),
                       first});
    }
  }
};
} // namespace

static const OpcodeTable &getTable() {
  static const OpcodeTable table;
  return table;
}

llvm::ArrayRef<OpcodeInfo> isa::getAllOpcodes() { return getTable().infos; }

const OpcodeInfo *isa::lookupOpcode(uint8_t code) {
  for (const OpcodeInfo &info : getTable().infos)
    if (static_cast<uint8_t>(info.opcode) == code)
      return &info;
  return nullptr;
}

const OpcodeInfo *isa::lookupMnemonic(llvm::StringRef mnemonic) {
  for (const OpcodeInfo &info : getTable().infos)
    if (mnemonic == info.mnemonic)
      return &info;
  return nullptr;
}

const OpcodeInfo &isa::getOpcodeInfo(Opcode opcode) {
  const OpcodeInfo *info = lookupOpcode(static_cast<uint8_t>(opcode));
  assert(info && "unknown opcode");
  return *info;
}

const FieldInfo &isa::getFieldInfo(Field field) {
  return kFields[static_cast<unsigned>(field)];
}

llvm::StringRef isa::stringifyQueue(Queue queue) {
  switch (queue) {
  case Queue::Load: return "load";
  case Queue::Compute: return "compute";
  case Queue::Store: return "store";
  case Queue::None: return "none";
  }
  return "?";
}

llvm::StringRef isa::stringifyAluOp(AluOp op) {
  switch (op) {
#define ACCEL_ALU_OP(Name, spelling, code)                                    \
  case AluOp::Name:                                                           \
    return spelling;
#include "accel/ISA/Instructions.def"
  }
  return "?";
}

llvm::StringRef isa::stringifyDepFlag(unsigned bit) {
  static const char *names[] = {"pop_prev", "pop_next", "push_prev",
                                "push_next"};
  return bit < 4 ? names[bit] : "?";
}

int64_t FieldInfo::minValue() const {
  if (kind == FieldKind::Signed)
    return -(int64_t(1) << (width - 1));
  return 0;
}

int64_t FieldInfo::maxValue() const {
  switch (kind) {
  case FieldKind::Signed: return (int64_t(1) << (width - 1)) - 1;
  case FieldKind::Type: return kNumElementKinds - 1;
  case FieldKind::Mem: return 1;
  case FieldKind::AluOp: return kNumAluOps - 1;
  case FieldKind::PoolOp: return 1;
  case FieldKind::Act: return 2;
  default:
    return width >= 63 ? INT64_MAX : (int64_t(1) << width) - 1;
  }
}

//===----------------------------------------------------------------------===//
// Instruction
//===----------------------------------------------------------------------===//

Instruction::Instruction(Opcode opcode) : opcode(opcode) {
  const OpcodeInfo &info = getOpcodeInfo(opcode);
  for (unsigned i = 0; i < info.fields.size(); ++i)
    values[i] = static_cast<int64_t>(info.fields[i].defaultValue);
}

unsigned Instruction::indexOf(Field field) const {
  const FieldInfo &fi = getFieldInfo(field);
  (void)fi;
  assert(fi.opcode == opcode && "field of another opcode");
  return static_cast<unsigned>(field) - getInfo().firstField;
}

int64_t Instruction::get(Field field) const { return values[indexOf(field)]; }
void Instruction::set(Field field, int64_t value) {
  values[indexOf(field)] = value;
}

bool Instruction::operator==(const Instruction &o) const {
  if (opcode != o.opcode || deps != o.deps)
    return false;
  for (unsigned i = 0, e = getInfo().fields.size(); i < e; ++i)
    if (values[i] != o.values[i])
      return false;
  return true;
}

//===----------------------------------------------------------------------===//
// Bit packing
//===----------------------------------------------------------------------===//

static void putBits(EncodedInstruction &bytes, unsigned lsb, unsigned width,
                    uint64_t value) {
  for (unsigned i = 0; i < width; ++i) {
    unsigned bit = lsb + i;
    uint8_t mask = uint8_t(1u << (bit % 8));
    if ((value >> i) & 1)
      bytes[bit / 8] |= mask;
    else
      bytes[bit / 8] &= uint8_t(~mask);
  }
}

static uint64_t getBits(llvm::ArrayRef<uint8_t> bytes, unsigned lsb,
                        unsigned width) {
  uint64_t value = 0;
  for (unsigned i = 0; i < width; ++i) {
    unsigned bit = lsb + i;
    if ((bytes[bit / 8] >> (bit % 8)) & 1)
      value |= uint64_t(1) << i;
  }
  return value;
}

llvm::Expected<EncodedInstruction> isa::encode(const Instruction &inst) {
  EncodedInstruction bytes{};
  const OpcodeInfo &info = inst.getInfo();
  putBits(bytes, 0, 8, static_cast<uint8_t>(inst.getOpcode()));
  putBits(bytes, kDepFlagsLsb, 4, inst.getDeps());
  for (unsigned i = 0; i < info.fields.size(); ++i) {
    const FieldInfo &f = info.fields[i];
    int64_t v = inst.getAt(i);
    if (v < f.minValue() || v > f.maxValue())
      return llvm::createStringError(
          llvm::formatv("{0}: field '{1}' value {2} is out of range [{3}, {4}]",
                        info.mnemonic, f.name, v, f.minValue(), f.maxValue())
              .str());
    putBits(bytes, f.lsb, f.width, static_cast<uint64_t>(v));
  }
  return bytes;
}

llvm::Expected<Instruction> isa::decode(llvm::ArrayRef<uint8_t> bytes) {
  if (bytes.size() < kInstructionBytes)
    return llvm::createStringError(
        llvm::formatv("instruction needs {0} bytes, found {1}",
                      kInstructionBytes, bytes.size())
            .str());
  uint8_t code = static_cast<uint8_t>(getBits(bytes, 0, 8));
  const OpcodeInfo *info = lookupOpcode(code);
  if (!info)
    return llvm::createStringError(
        llvm::formatv("field 'opcode': unknown opcode {0}", code).str());
  Instruction inst(info->opcode);
  inst.setDeps(static_cast<uint8_t>(getBits(bytes, kDepFlagsLsb, 4)));
  std::array<bool, kInstructionBits> covered{};
  for (unsigned b = 0; b < 12; ++b)
    covered[b] = true;
  for (unsigned i = 0; i < info->fields.size(); ++i) {
    const FieldInfo &f = info->fields[i];
    uint64_t raw = getBits(bytes, f.lsb, f.width);
    int64_t v = static_cast<int64_t>(raw);
    if (f.kind == FieldKind::Signed && f.width < 64 &&
        (raw >> (f.width - 1)) & 1)
      v = static_cast<int64_t>(raw | (~uint64_t(0) << f.width));
    if (v < f.minValue() || v > f.maxValue())
      return llvm::createStringError(
          llvm::formatv("{0}: field '{1}' value {2} is out of range [{3}, {4}]",
                        info->mnemonic, f.name, v, f.minValue(), f.maxValue())
              .str());
    inst.setAt(i, v);
    for (unsigned b = 0; b < f.width; ++b)
      covered[f.lsb + b] = true;
  }
  for (unsigned b = 0; b < kInstructionBits; ++b)
    if (!covered[b] && getBits(bytes, b, 1))
      return llvm::createStringError(
          llvm::formatv("{0}: reserved bit {1} is set", info->mnemonic, b)
              .str());
  return inst;
}

//===----------------------------------------------------------------------===//
// Spellings of enumerated fields
//===----------------------------------------------------------------------===//

std::optional<std::string> isa::spellFieldValue(FieldKind kind, int64_t value) {
  switch (kind) {
  case FieldKind::Type:
    if (value >= 0 && value < kNumElementKinds)
      return stringifyElementKind(static_cast<ElementKind>(value)).str();
    return std::nullopt;
  case FieldKind::Mem:
    return std::string(value == 0 ? "sp" : "acc");
  case FieldKind::AluOp:
    if (value >= 0 && value < kNumAluOps)
      return stringifyAluOp(static_cast<AluOp>(value)).str();
    return std::nullopt;
  case FieldKind::PoolOp:
    return std::string(value == 0 ? "max" : "avg");
  case FieldKind::Act: {
    static const char *names[] = {"none", "relu", "clamp"};
    if (value >= 0 && value < 3)
      return std::string(names[value]);
    return std::nullopt;
  }
  case FieldKind::QParam:
    if (value == kNoQParam)
      return std::string("none");
    return std::nullopt;
  default:
    return std::nullopt;
  }
}

std::optional<int64_t> isa::parseFieldSpelling(FieldKind kind,
                                               llvm::StringRef text) {
  switch (kind) {
  case FieldKind::Type:
    if (auto k = symbolizeElementKind(text))
      return static_cast<int64_t>(*k);
    return std::nullopt;
  case FieldKind::Mem:
    if (text == "sp")
      return 0;
    if (text == "acc")
      return 1;
    return std::nullopt;
  case FieldKind::AluOp:
    for (unsigned i = 0; i < kNumAluOps; ++i)
      if (text == stringifyAluOp(static_cast<AluOp>(i)))
        return i;
    return std::nullopt;
  case FieldKind::PoolOp:
    if (text == "max")
      return 0;
    if (text == "avg")
      return 1;
    return std::nullopt;
  case FieldKind::Act:
    if (text == "none")
      return 0;
    if (text == "relu")
      return 1;
    if (text == "clamp")
      return 2;
    return std::nullopt;
  case FieldKind::QParam:
    if (text == "none")
      return kNoQParam;
    return std::nullopt;
  default:
    return std::nullopt;
  }
}
