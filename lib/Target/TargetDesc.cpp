//===- TargetDesc.cpp - Accelerator description ---------------------------===//
//
// This file implements the enum spellings, energy defaults, equality, hashing
// and consistency checks of TargetDesc.
//
//===----------------------------------------------------------------------===//
#include "accel/Target/TargetDesc.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>

using namespace accel;

namespace {
struct ElementKindInfo {
  llvm::StringLiteral name;
  unsigned storageBits;
  unsigned significandBits;
  bool isFloat;
};
} // namespace

// Indexed by ElementKind.
static const ElementKindInfo kElementKinds[kNumElementKinds] = {
    {"i4", 4, 4, false},         {"i8", 8, 8, false},
    {"u8", 8, 8, false},         {"i16", 16, 16, false},
    {"i32", 32, 32, false},      {"f8E4M3FN", 8, 4, true},
    {"f8E5M2", 8, 3, true},      {"f16", 16, 11, true},
    {"bf16", 16, 8, true},       {"tf32", 32, 11, true},
    {"f32", 32, 24, true},
};

static const llvm::StringLiteral kOpKindNames[kNumOpKinds] = {
    "matmul", "conv2d", "depthwise_conv2d", "relu",      "clamp",
    "add",    "sub",    "mul",              "max_pool2d", "avg_pool2d",
    "quantize", "dequantize", "requantize", "cast",
};

llvm::StringRef accel::stringifyElementKind(ElementKind kind) {
  return kElementKinds[static_cast<unsigned>(kind)].name;
}
std::optional<ElementKind> accel::symbolizeElementKind(llvm::StringRef name) {
  for (unsigned i = 0; i < kNumElementKinds; ++i)
    if (kElementKinds[i].name == name)
      return static_cast<ElementKind>(i);
  return std::nullopt;
}
unsigned accel::getStorageBits(ElementKind kind) {
  return kElementKinds[static_cast<unsigned>(kind)].storageBits;
}
bool accel::isFloatKind(ElementKind kind) {
  return kElementKinds[static_cast<unsigned>(kind)].isFloat;
}
unsigned accel::getSignificandBits(ElementKind kind) {
  return kElementKinds[static_cast<unsigned>(kind)].significandBits;
}

llvm::StringRef accel::stringifyOpKind(OpKind kind) {
  return kOpKindNames[static_cast<unsigned>(kind)];
}
std::optional<OpKind> accel::symbolizeOpKind(llvm::StringRef name) {
  for (unsigned i = 0; i < kNumOpKinds; ++i)
    if (kOpKindNames[i] == name)
      return static_cast<OpKind>(i);
  return std::nullopt;
}

llvm::StringRef accel::stringifyRequantizer(Requantizer requantizer) {
  return requantizer == Requantizer::FixedPoint ? "fixed_point" : "shift";
}

std::optional<Requantizer> accel::symbolizeRequantizer(llvm::StringRef name) {
  if (name == "fixed_point")
    return Requantizer::FixedPoint;
  if (name == "shift")
    return Requantizer::Shift;
  return std::nullopt;
}

llvm::StringRef accel::stringifyDataflow(Dataflow dataflow) {
  return dataflow == Dataflow::WeightStationary ? "weight_stationary"
                                                : "output_stationary";
}
std::optional<Dataflow> accel::symbolizeDataflow(llvm::StringRef name) {
  if (name == "weight_stationary")
    return Dataflow::WeightStationary;
  if (name == "output_stationary")
    return Dataflow::OutputStationary;
  return std::nullopt;
}

llvm::StringRef accel::stringifyTargetKind(TargetKind kind) {
  return kind == TargetKind::Cpu ? "cpu" : "systolic";
}
std::optional<TargetKind> accel::symbolizeTargetKind(llvm::StringRef name) {
  if (name == "cpu")
    return TargetKind::Cpu;
  if (name == "systolic")
    return TargetKind::Systolic;
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Energy defaults
//===----------------------------------------------------------------------===//

// Measured 45 nm figures (Han et al. 2015, Table 1; Horowitz, ISSCC 2014).
static constexpr double kInt8MultPJ = 0.2;
static constexpr double kInt32MultPJ = 3.1;
static constexpr double kInt32AddPJ = 0.1;
static constexpr double kFp16MultPJ = 1.1;
static constexpr double kFp32MultPJ = 3.7;
static constexpr double kFp32AddPJ = 0.9;
static constexpr double kSram32BitAccessPJ = 5.0;
static constexpr double kDram32BitAccessPJ = 640.0;

/// One MAC = one multiply in the input type plus one add in the 32-bit
/// accumulator.  Unmeasured multiplier widths scale with the square of the
/// significand (an array multiplier's area and switching grow as n^2) from
/// the nearest measured point of the same family.  Rounded to 0.1 fJ: the
/// model is not more precise than that, and round figures print cleanly.
static double unroundedMacPJ(ElementKind kind);
static double defaultMacPJ(ElementKind kind) {
  return std::round(unroundedMacPJ(kind) * 1e4) / 1e4;
}

static double unroundedMacPJ(ElementKind kind) {
  double bits = getSignificandBits(kind);
  switch (kind) {
  case ElementKind::I32:
    return kInt32MultPJ + kInt32AddPJ;
  case ElementKind::F32:
    return kFp32MultPJ + kFp32AddPJ;
  default:
    break;
  }
  if (isFloatKind(kind))
    return kFp16MultPJ * (bits / 11.0) * (bits / 11.0) + kFp32AddPJ;
  return kInt8MultPJ * (bits / 8.0) * (bits / 8.0) + kInt32AddPJ;
}

EnergyTable EnergyTable::defaults() {
  EnergyTable table;
  for (unsigned i = 0; i < kNumElementKinds; ++i)
    table.macPJ[i] = defaultMacPJ(static_cast<ElementKind>(i));
  table.sramReadPJPerByte = kSram32BitAccessPJ / 4;
  table.sramWritePJPerByte = kSram32BitAccessPJ / 4;
  table.dramPJPerByte = kDram32BitAccessPJ / 4;
  // No measured figure: a byte crossing the host link is read from host DRAM
  // and written to device DRAM, and the link itself is counted as free.
  table.hostLinkPJPerByte = 2 * kDram32BitAccessPJ / 4;
  return table;
}

bool EnergyTable::operator==(const EnergyTable &o) const {
  return macPJ == o.macPJ && sramReadPJPerByte == o.sramReadPJPerByte &&
         sramWritePJPerByte == o.sramWritePJPerByte &&
         dramPJPerByte == o.dramPJPerByte &&
         hostLinkPJPerByte == o.hostLinkPJPerByte;
}

//===----------------------------------------------------------------------===//
// Equality and hashing (the MLIR attribute uniques descriptions)
//===----------------------------------------------------------------------===//

bool TargetDesc::operator==(const TargetDesc &o) const {
  return name == o.name && kind == o.kind && rows == o.rows && cols == o.cols &&
         dataflow == o.dataflow && scratchpadBytes == o.scratchpadBytes &&
         scratchpadBanks == o.scratchpadBanks &&
         accumulatorBytes == o.accumulatorBytes && opKinds == o.opKinds &&
         typeCombos == o.typeCombos && sparsity24 == o.sparsity24 &&
         requantizer == o.requantizer &&
         dmaBytesPerCycle == o.dmaBytesPerCycle &&
         dmaLatencyCycles == o.dmaLatencyCycles &&
         hostLinkBytesPerCycle == o.hostLinkBytesPerCycle &&
         hostLinkLatencyCycles == o.hostLinkLatencyCycles &&
         clockMHz == o.clockMHz && energy == o.energy;
}

llvm::hash_code accel::hash_value(const TargetDesc &desc) {
  // Hash the identifying fields; equality settles the rest.
  return llvm::hash_combine(desc.name, desc.kind, desc.rows, desc.cols,
                            desc.scratchpadBytes, desc.accumulatorBytes,
                            desc.opKinds.size(), desc.typeCombos.size());
}

//===----------------------------------------------------------------------===//
// Validation
//===----------------------------------------------------------------------===//

static std::optional<std::string> validateCombo(const TypeCombo &combo,
                                                unsigned index) {
  std::string field = llvm::formatv("types[{0}]", index).str();
  auto in = combo.input, acc = combo.accumulator, out = combo.output;
  llvm::StringRef inName = stringifyElementKind(in),
                  accName = stringifyElementKind(acc),
                  outName = stringifyElementKind(out);
  if (isFloatKind(in) != isFloatKind(acc))
    return llvm::formatv("{0}: input {1} needs {2} accumulator, found {3}",
                         field, inName, isFloatKind(in) ? "a float" : "an integer",
                         accName)
        .str();
  // Float products and sums are f32 (docs/Numerics.md).
  if (isFloatKind(in) && acc != ElementKind::F32)
    return llvm::formatv("{0}: input {1} needs an f32 accumulator, found {2}",
                         field, inName, accName)
        .str();
  // Zero-point-adjusted n-bit products need 2n+1 signed bits.
  unsigned needed = 2 * getSignificandBits(in) + 1;
  if (!isFloatKind(in) && getSignificandBits(acc) < needed)
    return llvm::formatv("{0}: accumulator {1} is narrower than the {2} x {2} "
                         "products (needs {3} bits of precision, has {4})",
                         field, accName, inName, needed,
                         getSignificandBits(acc))
        .str();
  if (isFloatKind(out) != isFloatKind(acc))
    return llvm::formatv("{0}: output {1} and accumulator {2} must both be "
                         "integer or both float",
                         field, outName, accName)
        .str();
  if (getStorageBits(out) > getStorageBits(acc))
    return llvm::formatv("{0}: output {1} is wider than accumulator {2}", field,
                         outName, accName)
        .str();
  return std::nullopt;
}

std::optional<std::string> accel::validate(const TargetDesc &desc) {
  if (desc.name.empty())
    return std::string("name: expected a non-empty string");
  if (desc.kind == TargetKind::Cpu)
    return std::nullopt;

  auto positive = [](llvm::StringRef field, double value)
      -> std::optional<std::string> {
    if (value > 0 && std::isfinite(value))
      return std::nullopt;
    return llvm::formatv("{0}: expected a positive number, found {1}", field,
                         llvm::format("%g", value))
        .str();
  };
  constexpr uint32_t kMaxArrayDim = 4096;
  if (desc.rows == 0 || desc.rows > kMaxArrayDim)
    return llvm::formatv("rows: expected 1..{0}, found {1}", kMaxArrayDim,
                         desc.rows)
        .str();
  if (desc.cols == 0 || desc.cols > kMaxArrayDim)
    return llvm::formatv("cols: expected 1..{0}, found {1}", kMaxArrayDim,
                         desc.cols)
        .str();
  if (auto err = positive("scratchpad_bytes", desc.scratchpadBytes))
    return err;
  if (auto err = positive("scratchpad_banks", desc.scratchpadBanks))
    return err;
  if (desc.scratchpadBytes % desc.scratchpadBanks != 0)
    return llvm::formatv("scratchpad_banks: {0} banks do not divide {1} bytes",
                         desc.scratchpadBanks, desc.scratchpadBytes)
        .str();
  if (auto err = positive("accumulator_bytes", desc.accumulatorBytes))
    return err;
  if (desc.opKinds.empty())
    return std::string("ops: expected at least one op kind");
  for (size_t i = 0; i < desc.opKinds.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (desc.opKinds[i] == desc.opKinds[j])
        return llvm::formatv("ops[{0}]: '{1}' is listed twice", i,
                             stringifyOpKind(desc.opKinds[i]))
            .str();
  if (desc.typeCombos.empty())
    return std::string("types: expected at least one type combination");

  uint64_t tileElems = uint64_t(desc.rows) * desc.cols;
  for (auto [index, combo] : llvm::enumerate(desc.typeCombos)) {
    if (auto err = validateCombo(combo, index))
      return err;
    // One array-sized tile of operands and of accumulators must fit on chip.
    uint64_t inBytes = (tileElems * getStorageBits(combo.input) + 7) / 8;
    if (inBytes > desc.scratchpadBytes)
      return llvm::formatv("types[{0}]: scratchpad of {1} bytes cannot hold "
                           "one {2}x{3} tile of {4} ({5} bytes)",
                           index, desc.scratchpadBytes, desc.rows, desc.cols,
                           stringifyElementKind(combo.input), inBytes)
          .str();
    uint64_t accBytes = tileElems * getStorageBits(combo.accumulator) / 8;
    if (accBytes > desc.accumulatorBytes)
      return llvm::formatv("types[{0}]: accumulator of {1} bytes cannot hold "
                           "one {2}x{3} tile of {4} ({5} bytes)",
                           index, desc.accumulatorBytes, desc.rows, desc.cols,
                           stringifyElementKind(combo.accumulator), accBytes)
          .str();
  }
  if (auto err = positive("dma_bytes_per_cycle", desc.dmaBytesPerCycle))
    return err;
  if (auto err =
          positive("host_link_bytes_per_cycle", desc.hostLinkBytesPerCycle))
    return err;
  if (auto err = positive("clock_mhz", desc.clockMHz))
    return err;
  const EnergyTable &e = desc.energy;
  for (unsigned i = 0; i < kNumElementKinds; ++i)
    if (!(e.macPJ[i] >= 0) || !std::isfinite(e.macPJ[i]))
      return llvm::formatv("energy.mac_pj.{0}: expected a finite number >= 0",
                           stringifyElementKind(static_cast<ElementKind>(i)))
          .str();
  std::pair<llvm::StringRef, double> perByte[] = {
      {"sram_read_pj_per_byte", e.sramReadPJPerByte},
      {"sram_write_pj_per_byte", e.sramWritePJPerByte},
      {"dram_pj_per_byte", e.dramPJPerByte},
      {"host_link_pj_per_byte", e.hostLinkPJPerByte}};
  for (auto [field, value] : perByte)
    if (!(value >= 0) || !std::isfinite(value))
      return llvm::formatv("energy.{0}: expected a finite number >= 0, found "
                           "{1}",
                           field, llvm::format("%g", value))
          .str();
  return std::nullopt;
}
