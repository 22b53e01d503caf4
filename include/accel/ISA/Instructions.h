//===- Instructions.h - accel ISA instructions and their encoding -*- C++ -*-===//
//
// This file declares the in-memory form of one accel instruction and the
// generic encoder and decoder driven by Instructions.def, the only place the
// bit layout is written down.  Fields are addressed by `Field` ids generated
// from that table, so the simulator reads `inst.get(Field::Load_rows)` and
// never a bit position.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_ISA_INSTRUCTIONS_H
#define ACCEL_ISA_INSTRUCTIONS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <array>
#include <cstdint>
#include <optional>

namespace accel {
namespace isa {

/// Bytes per encoded instruction.
constexpr unsigned kInstructionBytes = 32;
constexpr unsigned kInstructionBits = kInstructionBytes * 8;

/// The three decoupled queues (VTA's load, compute and store modules).
/// `halt` belongs to none.
enum class Queue : uint8_t { Load = 0, Compute = 1, Store = 2, None = 3 };
constexpr unsigned kNumQueues = 3;
llvm::StringRef stringifyQueue(Queue queue);

enum class Opcode : uint8_t {
#define ACCEL_OPCODE(Name, mnemonic, code, queue) Name = code,
#include "accel/ISA/Instructions.def"
};

enum class AluOp : uint8_t {
#define ACCEL_ALU_OP(Name, spelling, code) Name = code,
#include "accel/ISA/Instructions.def"
};
constexpr unsigned kNumAluOps = 9;
llvm::StringRef stringifyAluOp(AluOp op);

enum class PoolOp : uint8_t { Max = 0, Avg = 1 };
/// Activation applied by `store`.
enum class Act : uint8_t { None = 0, Relu = 1, Clamp = 2 };
/// Which SRAM a load or store uses.
enum class Mem : uint8_t { Scratchpad = 0, Accumulator = 1 };

enum class FieldKind : uint8_t {
  Unsigned, Signed, Flag, Type, Mem, AluOp, PoolOp, Act, QParam
};

/// Every field of every opcode, named `<Opcode>_<field>`.
enum class Field : uint16_t {
#define ACCEL_FIELD(Op, name, lsb, width, kind, dflt) Op##_##name,
#include "accel/ISA/Instructions.def"
  NumFields
};

/// The "no requantization entry" value of a QParam field.
constexpr uint32_t kNoQParam = 0xffff;

/// Dependency flags, bits 8..11 of every instruction.
enum DepFlags : uint8_t {
  PopPrev = 1, PopNext = 2, PushPrev = 4, PushNext = 8
};
constexpr unsigned kDepFlagsLsb = 8;
llvm::StringRef stringifyDepFlag(unsigned bit);

struct FieldInfo {
  Opcode opcode;
  const char *name;
  uint16_t lsb;
  uint8_t width;
  FieldKind kind;
  uint64_t defaultValue;
  /// Smallest and largest value the field encodes (kind-specific: a Type
  /// field holds only element kinds, an AluOp only ALU ops).
  int64_t minValue() const;
  int64_t maxValue() const;
};

struct OpcodeInfo {
  Opcode opcode;
  const char *mnemonic;
  Queue queue;
  /// This opcode's fields, in table order.
  llvm::ArrayRef<FieldInfo> fields;
  unsigned firstField;
};

/// The most fields one opcode has.
constexpr unsigned kMaxFields = 16;

const OpcodeInfo *lookupOpcode(uint8_t code);
const OpcodeInfo *lookupMnemonic(llvm::StringRef mnemonic);
const OpcodeInfo &getOpcodeInfo(Opcode opcode);
const FieldInfo &getFieldInfo(Field field);
llvm::ArrayRef<OpcodeInfo> getAllOpcodes();

/// One decoded instruction.  Values are stored per field in table order;
/// a Signed field holds its sign-extended value.
class Instruction {
public:
  explicit Instruction(Opcode opcode = Opcode::Halt);

  Opcode getOpcode() const { return opcode; }
  const OpcodeInfo &getInfo() const { return getOpcodeInfo(opcode); }
  Queue getQueue() const { return getInfo().queue; }
  llvm::StringRef getMnemonic() const { return getInfo().mnemonic; }

  uint8_t getDeps() const { return deps; }
  void setDeps(uint8_t flags) { deps = flags & 0xf; }
  bool hasDep(DepFlags flag) const { return deps & flag; }

  /// Field access; `field` must belong to this opcode (asserted).
  int64_t get(Field field) const;
  void set(Field field, int64_t value);
  /// By position in getInfo().fields.
  int64_t getAt(unsigned index) const { return values[index]; }
  void setAt(unsigned index, int64_t value) { values[index] = value; }

  bool operator==(const Instruction &o) const;
  bool operator!=(const Instruction &o) const { return !(*this == o); }

private:
  unsigned indexOf(Field field) const;
  Opcode opcode;
  uint8_t deps = 0;
  std::array<int64_t, kMaxFields> values{};
};

using EncodedInstruction = std::array<uint8_t, kInstructionBytes>;

/// Encodes; fails naming the field whose value does not fit.
llvm::Expected<EncodedInstruction> encode(const Instruction &inst);
/// Decodes; fails on an unknown opcode, a field value outside its kind's
/// range, or a set reserved bit, naming the field or bit.
llvm::Expected<Instruction> decode(llvm::ArrayRef<uint8_t> bytes);

/// Spelling of an enumerated field value ("i8", "acc", "relu", ...) or
/// std::nullopt for numeric kinds.
std::optional<std::string> spellFieldValue(FieldKind kind, int64_t value);
/// Parses an enumerated spelling for `kind`.
std::optional<int64_t> parseFieldSpelling(FieldKind kind, llvm::StringRef text);

} // namespace isa
} // namespace accel

#endif // ACCEL_ISA_INSTRUCTIONS_H
