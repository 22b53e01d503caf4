//===- TargetDesc.h - Accelerator description (plain C++) -------*- C++ -*-===//
//
// This file declares TargetDesc, the plain data that describes one
// accelerator: its systolic array, on-chip memories, the op kinds and type
// combinations it runs, its links and its energy table.  It has no MLIR
// dependency so that the runtime and simulator can share it; the dialect's
// #accel.target attribute carries exactly one TargetDesc, and TargetModel
// answers the questions passes and verifiers ask of it.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_TARGET_TARGETDESC_H
#define ACCEL_TARGET_TARGETDESC_H

#include "llvm/ADT/Hashing.h"
#include "llvm/ADT/StringRef.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace accel {

/// Element types a systolic array can hold.  Spellings are MLIR's.
enum class ElementKind : uint8_t {
  I4, I8, U8, I16, I32, F8E4M3FN, F8E5M2, F16, BF16, TF32, F32,
};
constexpr unsigned kNumElementKinds = 11;

llvm::StringRef stringifyElementKind(ElementKind kind);
std::optional<ElementKind> symbolizeElementKind(llvm::StringRef name);
/// Storage width in bits (tf32 is stored in 32 bits, computes with 19).
unsigned getStorageBits(ElementKind kind);
bool isFloatKind(ElementKind kind);
/// Significand bits including the hidden bit (float) or value bits (integer).
unsigned getSignificandBits(ElementKind kind);

/// Op kinds of the tensor-level dialect, spelled like the op mnemonics.
/// `depthwise_conv2d` is an accel.conv2d whose groups equal its channels.
enum class OpKind : uint8_t {
  Matmul, Conv2d, DepthwiseConv2d, Relu, Clamp, Add, Sub, Mul, MaxPool2d,
  AvgPool2d, Quantize, Dequantize, Requantize, Cast,
};
constexpr unsigned kNumOpKinds = 14;

llvm::StringRef stringifyOpKind(OpKind kind);
std::optional<OpKind> symbolizeOpKind(llvm::StringRef name);

enum class Dataflow : uint8_t { WeightStationary, OutputStationary };
llvm::StringRef stringifyDataflow(Dataflow dataflow);
std::optional<Dataflow> symbolizeDataflow(llvm::StringRef name);

/// What the output stage can do when it requantizes accumulators: a
/// fixed-point multiply and rounding shift (docs/Numerics.md §2), or only
/// the rounding shift, so every scale ratio must be a power of two.
enum class Requantizer : uint8_t { FixedPoint, Shift };
llvm::StringRef stringifyRequantizer(Requantizer requantizer);
std::optional<Requantizer> symbolizeRequantizer(llvm::StringRef name);

enum class TargetKind : uint8_t { Cpu, Systolic };
llvm::StringRef stringifyTargetKind(TargetKind kind);
std::optional<TargetKind> symbolizeTargetKind(llvm::StringRef name);

/// One (input, accumulator, output) element-type combination the array runs.
struct TypeCombo {
  ElementKind input, accumulator, output;
  bool operator==(const TypeCombo &o) const {
    return input == o.input && accumulator == o.accumulator &&
           output == o.output;
  }
};

/// Energy per event in picojoules.  Defaults: Han et al. 2015 (45 nm) and
/// Horowitz 2014; see docs/TargetModel.md for how each figure is derived.
struct EnergyTable {
  /// Energy of one multiply-accumulate, indexed by the input ElementKind.
  std::array<double, kNumElementKinds> macPJ;
  double sramReadPJPerByte;
  double sramWritePJPerByte;
  double dramPJPerByte;
  double hostLinkPJPerByte;

  static EnergyTable defaults();
  double getMacPJ(ElementKind input) const {
    return macPJ[static_cast<unsigned>(input)];
  }
  bool operator==(const EnergyTable &o) const;
};

/// Everything a pass or the simulator may ask about one target.  For the
/// `cpu` kind only `name` and `kind` are meaningful.
struct TargetDesc {
  std::string name;
  TargetKind kind = TargetKind::Cpu;
  uint32_t rows = 0, cols = 0;
  Dataflow dataflow = Dataflow::WeightStationary;
  uint64_t scratchpadBytes = 0;
  uint32_t scratchpadBanks = 0;
  uint64_t accumulatorBytes = 0;
  std::vector<OpKind> opKinds;
  std::vector<TypeCombo> typeCombos;
  bool sparsity24 = false;
  Requantizer requantizer = Requantizer::FixedPoint;
  double dmaBytesPerCycle = 0;
  uint64_t dmaLatencyCycles = 0;
  double hostLinkBytesPerCycle = 0;
  uint64_t hostLinkLatencyCycles = 0;
  double clockMHz = 0;
  EnergyTable energy = EnergyTable::defaults();

  bool operator==(const TargetDesc &o) const;
  bool operator!=(const TargetDesc &o) const { return !(*this == o); }
};

llvm::hash_code hash_value(const TargetDesc &desc);

/// Checks the description for internal consistency: non-zero sizes, type
/// combinations the array can hold, memories big enough for one array tile.
/// Returns the first problem as "<field>: <problem>", or std::nullopt.
std::optional<std::string> validate(const TargetDesc &desc);

} // namespace accel

#endif // ACCEL_TARGET_TARGETDESC_H
