//===- LoweringUtils.h - shared helpers of convert-accel-to-linalg -*- C++ -*-===//
//
// Quantization parameters as the lowering needs them, the quant-to-storage
// type converter, and builders for the elementwise linalg.generic ops and
// the scalar arithmetic (widening, requantization) every pattern shares.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_LIB_CONVERSION_ACCELTOLINALG_LOWERINGUTILS_H
#define ACCEL_LIB_CONVERSION_ACCELTOLINALG_LOWERINGUTILS_H

#include "llvm/ADT/StringMap.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"
#include "mlir/Transforms/DialectConversion.h"

#include "llvm/ADT/SmallVector.h"

#include <functional>
#include <optional>

namespace accel {

/// Storage and quantization parameters of one element type. Raw signless
/// integers are "quantized" with scale 1 and zero point 0, so integer and
/// quantized code paths coincide.
struct QuantInfo {
  mlir::IntegerType storageType; // signless, as the converted IR stores it
  bool isSigned = true;
  int64_t qmin = 0, qmax = 0;
  llvm::SmallVector<double> scales;    // one per channel, or one
  llvm::SmallVector<int64_t> zeroPoints;
  int64_t axis = -1; // quantized dimension, -1 when per-tensor
  bool isQuantized = false;

  bool isPerAxis() const { return axis >= 0; }
  unsigned bitWidth() const { return storageType.getWidth(); }
};

/// Returns the parameters of a quantized or signless-integer element type.
std::optional<QuantInfo> getQuantInfo(mlir::Type elementType);

/// Maps `!quant.uniform` element types (scalar or inside ranked tensors) to
/// their signless storage type and leaves every other type alone.
class QuantToStorageTypeConverter : public mlir::TypeConverter {
public:
  QuantToStorageTypeConverter();
};

/// Builds an all-parallel linalg.generic producing `outType`. Inputs are
/// tensors with their indexing maps, and per-channel parameters that are
/// either folded to constants (when all channels agree) or passed as 1-D
/// constant tensors indexed by a dimension of the iteration space.
class ElementwiseBuilder {
public:
  /// A handle to a per-channel parameter.
  struct Param {
    int inputIndex = -1; // -1: use `uniform`
    int64_t uniformInt = 0;
    double uniformFloat = 0;
    bool isFloat = false;
  };
  /// What a body sees: input scalars and parameter values.
  class Body {
  public:
    mlir::Value input(unsigned i) const { return args[i]; }
    mlir::Value param(const Param &p) const;
    mlir::OpBuilder &b;
    mlir::Location loc;
    mlir::ValueRange args;
  };

  ElementwiseBuilder(mlir::OpBuilder &b, mlir::Location loc,
                     mlir::RankedTensorType outType)
      : b(b), loc(loc), outType(outType) {}

  /// Adds a tensor input; `map` defaults to the identity.
  unsigned addInput(mlir::Value tensor, mlir::AffineMap map = {});
  Param addIntParam(llvm::ArrayRef<int32_t> values, int64_t channelDim);
  Param addFloatParam(llvm::ArrayRef<float> values, int64_t channelDim);
  /// Creates the generic; `body` returns the scalar to yield.
  mlir::Value build(const std::function<mlir::Value(const Body &)> &body);

private:
  mlir::OpBuilder &b;
  mlir::Location loc;
  mlir::RankedTensorType outType;
  llvm::SmallVector<mlir::Value> inputs;
  llvm::SmallVector<mlir::AffineMap> maps;
};

/// The identity map of rank `rank` and the map selecting dimension `dim`.
mlir::AffineMap identityMap(mlir::MLIRContext *ctx, unsigned rank);
mlir::AffineMap dimMap(mlir::MLIRContext *ctx, unsigned rank, unsigned dim);

/// Scalar helpers for generic bodies.
mlir::Value constI32(mlir::OpBuilder &b, mlir::Location loc, int64_t v);
mlir::Value constI64(mlir::OpBuilder &b, mlir::Location loc, int64_t v);
mlir::Value constF32(mlir::OpBuilder &b, mlir::Location loc, double v);
/// Extends an integer of the given signedness to `to` (or truncates).
mlir::Value castInt(mlir::OpBuilder &b, mlir::Location loc, mlir::Value v,
                    mlir::Type to, bool isSigned);
/// Clamps a signed integer to [lo, hi] in its own type.
mlir::Value clampSigned(mlir::OpBuilder &b, mlir::Location loc, mlir::Value v,
                        int64_t lo, int64_t hi);
/// Extends a float to f32 (no-op for f32).
mlir::Value extToF32(mlir::OpBuilder &b, mlir::Location loc, mlir::Value v);
/// Rounds an f32 to `to` (no-op for f32).
mlir::Value truncFromF32(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Value v, mlir::Type to);

/// Emits MBQM plus the output stage of include/accel/Numerics/Requantize.h:
/// clamp(zp + RDBPOT(SRDHM(sat32(x << left), m), right), qmin, qmax), all in
/// i64 until the final i32 result. `x`, `multiplier`, `leftShift`,
/// `rightShift` are i32 values.
mlir::Value emitRequantize(mlir::OpBuilder &b, mlir::Location loc,
                           mlir::Value x, mlir::Value multiplier,
                           mlir::Value leftShift, mlir::Value rightShift,
                           int64_t zeroPoint, int64_t qmin, int64_t qmax);

/// Precomputed multipliers for requantizing from per-channel input scales
/// (`inScales[c]`, possibly products of two scales) to one output scale.
/// Bounds of a clamp on a quantized tensor, per channel: the real bounds
/// rounded inward (ceil for min, floor for max) and intersected with the
/// storage range, per docs/Numerics.md §4.
void quantizedClampBounds(const QuantInfo &info, double lo, double hi,
                          llvm::SmallVectorImpl<int32_t> &los,
                          llvm::SmallVectorImpl<int32_t> &his);

struct RequantParams {
  llvm::SmallVector<int32_t> multiplier, leftShift, rightShift;
};
RequantParams computeRequantParams(llvm::ArrayRef<double> inScales,
                                   double outScale);

/// Emits `q - zp` widened to `to` for a quantized scalar `q`.
mlir::Value emitSubZeroPoint(mlir::OpBuilder &b, mlir::Location loc,
                             mlir::Value q, mlir::Value zeroPoint,
                             const QuantInfo &info, mlir::Type to);

/// Dequantizes a stored scalar to f32 per docs/Numerics.md §3:
/// (q - zp) * s in f32. `scale` is f32, `zeroPoint` i32.
mlir::Value emitDequantize(mlir::OpBuilder &b, mlir::Location loc,
                           mlir::Value q, mlir::Value scale,
                           mlir::Value zeroPoint, const QuantInfo &info);
/// Quantizes an f32 scalar: clamp(round_half_even(x / s) + zp, qmin, qmax),
/// returned in the storage type. NaN becomes qmin.
mlir::Value emitQuantize(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Value x, mlir::Value scale,
                         mlir::Value zeroPoint, const QuantInfo &info);

/// Pads an NHWC tensor by `padding` = [top, bottom, left, right] with the
/// scalar `padValue`; returns `x` unchanged when there is no padding.
mlir::Value padNHWC(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x,
                    llvm::ArrayRef<int64_t> padding, mlir::Value padValue);

/// Checks that every operand and result of `op` has a static shape and an
/// element type the CPU path supports; otherwise reports on `op`.
mlir::LogicalResult checkCPUSupported(mlir::Operation *op);

/// Pattern groups, one file each.
void populateContractionLowering(const mlir::TypeConverter &converter,
                                 mlir::RewritePatternSet &patterns);
void populateElementwiseLowering(const mlir::TypeConverter &converter,
                                 mlir::RewritePatternSet &patterns);
void populatePoolingLowering(const mlir::TypeConverter &converter,
                             mlir::RewritePatternSet &patterns);
void populateQuantLowering(const mlir::TypeConverter &converter,
                           mlir::RewritePatternSet &patterns);
/// Where an accel.binary's bytes and name were placed (memref.globals) by
/// prepareBinaryLaunches.
struct EmbeddedBinary {
  std::string binaryGlobal, nameGlobal;
  int64_t binarySize = 0, nameSize = 0;
};
using EmbeddedBinaries = llvm::StringMap<EmbeddedBinary>;

/// Moves every accel.binary into memref.globals, declares the runtime entry
/// point (accelRuntimeLaunchKernel, include/accel-c/Runtime.h) and erases
/// the binaries; launches of them are then lowered by the launch patterns.
void prepareBinaryLaunches(mlir::ModuleOp module, EmbeddedBinaries &binaries);

/// Launches of kernel functions become calls; launches of binaries become
/// runtime calls with the embedded bytes; transfers become no-ops.
void populateLaunchLowering(const mlir::TypeConverter &converter,
                            const EmbeddedBinaries &binaries,
                            mlir::RewritePatternSet &patterns);

} // namespace accel

#endif // ACCEL_LIB_CONVERSION_ACCELTOLINALG_LOWERINGUTILS_H
