//===- PrecisionPolicy.cpp - the accel-precision-policy pass --------------===//
//
// This file implements the pass that moves the f32 accel ops a float
// accelerator cannot run in f32 to a precision it can run: operands are cast
// down with accel.cast, contractions keep their f32 accumulator (and their
// f32 bias), and a result the op cannot produce in f32 is cast back to f32.
//
// Whether a precision works is decided by building the rewritten op and
// asking it what accel-place asks (checkLegality, then checkCompilable), so
// the two passes cannot disagree: an op is only cast when the accelerator
// path will really run it.
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Accel/Transforms/Passes.h"

#include "accel/Dialect/Accel/IR/AccelDialect.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"
#include "accel/Dialect/Accel/Transforms/Placement.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <iterator>
#include <optional>
#include <string>

namespace accel {
#define GEN_PASS_DEF_PRECISIONPOLICYPASS
#include "accel/Dialect/Accel/Transforms/Passes.h.inc"
} // namespace accel

using namespace mlir;

namespace accel {
namespace {

/// A precision the policy may choose, spelled as in `allowed`.
struct Precision {
  llvm::StringLiteral name;
  ElementKind kind;
};

/// Every precision the policy knows, in the default order of `allowed`.
constexpr Precision kPrecisions[] = {
    {"bf16", ElementKind::BF16},     {"f16", ElementKind::F16},
    {"tf32", ElementKind::TF32},     {"f8E4M3FN", ElementKind::F8E4M3FN},
    {"f8E5M2", ElementKind::F8E5M2},
};

Type getPrecisionType(MLIRContext *context, ElementKind kind) {
  switch (kind) {
  case ElementKind::BF16:
    return BFloat16Type::get(context);
  case ElementKind::F16:
    return Float16Type::get(context);
  case ElementKind::TF32:
    return FloatTF32Type::get(context);
  case ElementKind::F8E4M3FN:
    return Float8E4M3FNType::get(context);
  case ElementKind::F8E5M2:
    return Float8E5M2Type::get(context);
  default:
    llvm_unreachable("not a precision of kPrecisions");
  }
}

/// "bf16, f16, ..." for messages.
std::string joinNames(llvm::ArrayRef<Precision> precisions) {
  std::string names;
  llvm::raw_string_ostream os(names);
  llvm::interleaveComma(precisions, os,
                        [&](const Precision &p) { os << p.name; });
  return names;
}

bool isContraction(Operation *op) { return isa<MatmulOp, Conv2DOp>(op); }

/// How many leading operands the policy retypes: a contraction's two inputs
/// (its bias is in the accumulator type, which stays f32), every operand of
/// the other ops.
unsigned getNumNarrowedOperands(Operation *op) {
  return isContraction(op) ? 2 : op->getNumOperands();
}

bool isF32Tensor(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && tensor.getElementType().isF32();
}

/// Whether `op` computes entirely in f32: the operands the policy would
/// retype, the result and a contraction's accumulator. Ops the user typed in
/// another precision (or quantized) keep their types.
bool computesInF32(Operation *op) {
  for (unsigned i = 0, e = getNumNarrowedOperands(op); i < e; ++i)
    if (!isF32Tensor(op->getOperand(i).getType()))
      return false;
  if (op->getNumResults() != 1 || !isF32Tensor(op->getResult(0).getType()))
    return false;
  if (auto matmul = dyn_cast<MatmulOp>(op))
    return matmul.getAccumulatorType().isF32();
  if (auto conv = dyn_cast<Conv2DOp>(op))
    return conv.getAccumulatorType().isF32();
  return true;
}

/// Whether the host can hold `kind` tensors: the casts the policy inserts,
/// and the transfers of their results, run on the CPU path, which lowers
/// only f32, f16 and bf16 (checkCPUSupported in the AccelToLinalg
/// conversion).
bool hostHolds(ElementKind kind) {
  return kind == ElementKind::BF16 || kind == ElementKind::F16;
}

/// Whether the target holds some float type: the policy has nothing to
/// choose on integer-only accelerators (and on the cpu target).
bool runsAnyFloat(const TargetModel &target) {
  for (unsigned i = 0; i < kNumElementKinds; ++i) {
    auto kind = static_cast<ElementKind>(i);
    if (isFloatKind(kind) && target.supportsInputType(kind))
      return true;
  }
  return false;
}

/// Why accel-place would keep `op` off the accelerator, or std::nullopt.
/// `legal` tells whether the op passed checkLegality (and only the
/// accelerator path refuses it).
std::optional<std::string>
whyNotOnAccelerator(Operation *op, const TargetModel &target, bool &legal) {
  std::optional<std::string> reason = checkLegality(describeWork(op), target);
  legal = !reason;
  if (!reason)
    reason = checkCompilable(op);
  return reason;
}

struct PrecisionPolicyPass
    : impl::PrecisionPolicyPassBase<PrecisionPolicyPass> {
  using PrecisionPolicyPassBase::PrecisionPolicyPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    std::optional<SmallVector<Precision>> precisions = parseAllowed();
    if (!precisions)
      return signalPassFailure();

    TargetAttr targetAttr = getTargetAttr(module);
    if (!targetAttr) {
      module.emitError("accel-precision-policy needs the module's "
                       "'accel.target'; run accel-attach-target first (or "
                       "pass --accel-target)");
      return signalPassFailure();
    }
    TargetModel target(targetAttr.getDesc());
    if (!runsAnyFloat(target))
      return;

    SmallVector<Operation *> ops;
    module.walk([&](Operation *op) {
      if (isa<MatmulOp, Conv2DOp, ReluOp, ClampOp, AddOp, SubOp, MulOp,
              MaxPool2DOp, AvgPool2DOp>(op) &&
          computesInF32(op))
        ops.push_back(op);
    });
    // Program order: an op sees its producers already rewritten, so a value
    // cast back to f32 by one op can be read in its precision by the next.
    for (Operation *op : ops)
      applyPolicy(op, target, *precisions);

    // Casts back to f32 that every user now bypasses.
    for (Operation *castBack : castBacks)
      if (castBack->use_empty())
        castBack->erase();
    castBacks.clear();
  }

  /// The precisions to try, in order; std::nullopt after an error.
  std::optional<SmallVector<Precision>> parseAllowed() {
    if (allowed.empty())
      return SmallVector<Precision>(std::begin(kPrecisions),
                                    std::end(kPrecisions));
    SmallVector<Precision> precisions;
    for (const std::string &name : allowed) {
      const Precision *known = llvm::find_if(
          kPrecisions, [&](const Precision &p) { return p.name == name; });
      if (known == std::end(kPrecisions)) {
        getOperation().emitError()
            << "accel-precision-policy: unknown precision '" << name
            << "' in 'allowed'; expected one of " << joinNames(kPrecisions);
        return std::nullopt;
      }
      if (llvm::none_of(precisions, [&](const Precision &p) {
            return p.kind == known->kind;
          }))
        precisions.push_back(*known);
    }
    return precisions;
  }

  /// Rewrites `op` in the first allowed precision the target runs it in, or
  /// leaves it in f32 with a remark saying why.
  void applyPolicy(Operation *op, const TargetModel &target,
                   llvm::ArrayRef<Precision> precisions) {
    bool legal;
    if (!whyNotOnAccelerator(op, target, legal))
      return; // The target runs it in f32.

    // A contraction tries an f32 result first, then a result in the
    // precision cast back to f32; other ops compute in the precision.
    SmallVector<bool, 2> narrowResultChoices =
        isContraction(op) ? SmallVector<bool, 2>{false, true}
                          : SmallVector<bool, 2>{true};
    SmallVector<std::string> reasons;
    std::optional<std::string> pathReason;
    for (const Precision &precision : precisions) {
      for (bool narrowResult : narrowResultChoices) {
        Attempt attempt = tryPrecision(op, target, precision, narrowResult);
        if (attempt.replacement) {
          InFlightDiagnostic remark = attempt.replacement->emitRemark()
                                      << "cast to " << precision.name;
          if (isContraction(attempt.replacement)) {
            remark << " with f32 accumulation";
            if (narrowResult)
              remark << " and a " << precision.name << " result";
          }
          return;
        }
        if (attempt.legal && !pathReason)
          pathReason = attempt.reason;
        reasons.push_back(std::move(attempt.reason));
      }
    }
    op->emitRemark() << "kept in f32: "
                     << explainRefusal(op, target, precisions, reasons,
                                       pathReason);
  }

  /// One reason for all refused attempts: the reason they share (a property
  /// of the op, not of the precision), else what the accelerator path says
  /// of an op whose types the target holds, else that no precision fits.
  static std::string
  explainRefusal(Operation *op, const TargetModel &target,
                 llvm::ArrayRef<Precision> precisions,
                 llvm::ArrayRef<std::string> reasons,
                 const std::optional<std::string> &pathReason) {
    if (!reasons.empty() && llvm::all_equal(reasons))
      return reasons.front();
    if (pathReason)
      return *pathReason;
    return llvm::formatv("target '{0}' runs '{1}' in none of the allowed "
                         "precisions ({2})",
                         target.getName(),
                         stringifyOpKind(*describeWork(op).kind),
                         joinNames(precisions))
        .str();
  }

  struct Attempt {
    Operation *replacement = nullptr; // set when `op` was rewritten
    std::string reason;               // why not, otherwise
    bool legal = false; // refused by the accelerator path, not the target
  };

  /// Builds `op` with its operands in `precision` (and its result, if
  /// `narrowResult`) and asks placement's questions of it. Keeps it in place
  /// of `op` when the accelerator can run it; erases it again otherwise.
  Attempt tryPrecision(Operation *op, const TargetModel &target,
                       const Precision &precision, bool narrowResult) {
    Type elementType = getPrecisionType(op->getContext(), precision.kind);
    Location loc = op->getLoc();
    OpBuilder builder(op);

    SmallVector<Operation *> createdCasts;
    llvm::SmallDenseMap<Value, Value> narrowed; // `mul %x, %x` casts once
    Operation *candidate = builder.clone(*op);
    builder.setInsertionPoint(candidate);
    for (unsigned i = 0, e = getNumNarrowedOperands(op); i < e; ++i) {
      Value operand = op->getOperand(i);
      Value &value = narrowed[operand];
      if (!value)
        value = narrow(builder, loc, operand, elementType, createdCasts);
      candidate->setOperand(i, value);
    }
    auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
    if (narrowResult)
      candidate->getResult(0).setType(resultType.clone(elementType));

    Attempt attempt;
    std::optional<std::string> reason =
        whyNotOnAccelerator(candidate, target, attempt.legal);
    if (!reason && !hostHolds(precision.kind))
      reason = llvm::formatv("the casts to {0} would run on the host, whose "
                             "CPU path cannot hold {0} tensors yet",
                             precision.name)
                   .str();
    if (reason) {
      candidate->erase();
      for (Operation *createdCast : llvm::reverse(createdCasts))
        createdCast->erase();
      attempt.reason = std::move(*reason);
      return attempt;
    }

    Value replacement = candidate->getResult(0);
    if (narrowResult) {
      builder.setInsertionPointAfter(candidate);
      auto castBack = CastOp::create(builder, loc, resultType, replacement);
      castBacks.push_back(castBack);
      replacement = castBack;
    }
    op->getResult(0).replaceAllUsesWith(replacement);
    op->erase();
    attempt.replacement = candidate;
    return attempt;
  }

  /// `value` in `elementType`. A value that is itself a widening
  /// `accel.cast` from that type (the previous op's result cast back to f32)
  /// is read before the cast: the widening is exact, so casting down again
  /// would give the same value, and consecutive ops stay in the precision.
  static Value narrow(OpBuilder &builder, Location loc, Value value,
                      Type elementType,
                      SmallVectorImpl<Operation *> &createdCasts) {
    RankedTensorType type =
        cast<RankedTensorType>(value.getType()).clone(elementType);
    if (auto widening = value.getDefiningOp<CastOp>())
      if (widening.getInput().getType() == type)
        return widening.getInput();
    auto narrowing = CastOp::create(builder, loc, type, value);
    createdCasts.push_back(narrowing);
    return narrowing;
  }

  /// Casts back to f32 this run created; erased at the end when unused.
  SmallVector<Operation *> castBacks;
};

} // namespace
} // namespace accel
