//===- ConvertAccelToLinalg.cpp - the convert-accel-to-linalg pass --------===//
//
// Drives the pattern groups of this directory with a dialect conversion that
// also rewrites function signatures, calls and returns from quantized to
// storage types, so a converted module has no `!quant` types left.
//
//===----------------------------------------------------------------------===//
#include "accel/Conversion/Passes.h"

#include "LoweringUtils.h"

#include "accel/Dialect/Accel/IR/AccelDialect.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/SCF/Transforms/Patterns.h"
#include "mlir/Transforms/DialectConversion.h"

namespace accel {
#define GEN_PASS_DEF_CONVERTACCELTOLINALGPASS
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;

namespace accel {
namespace {

struct ConvertAccelToLinalgPass
    : impl::ConvertAccelToLinalgPassBase<ConvertAccelToLinalgPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    // Unsupported shapes and element types are reported before anything is
    // rewritten, one error per offending op.
    bool supported = true;
    module.walk([&](Operation *op) {
      if (isa<AccelDialect>(op->getDialect()) &&
          failed(checkCPUSupported(op)))
        supported = false;
    });
    if (!supported)
      return signalPassFailure();

    MLIRContext *ctx = &getContext();
    EmbeddedBinaries binaries;
    prepareBinaryLaunches(module, binaries);
    QuantToStorageTypeConverter converter;
    ConversionTarget target(*ctx);
    target.addIllegalDialect<AccelDialect>();
    target.addIllegalOp<quant::StorageCastOp>();
    target.addLegalDialect<arith::ArithDialect, linalg::LinalgDialect,
                           math::MathDialect, tensor::TensorDialect>();
    target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp op) {
      return converter.isSignatureLegal(op.getFunctionType()) &&
             converter.isLegal(&op.getBody());
    });
    target.markUnknownOpDynamicallyLegal(
        [&](Operation *op) { return converter.isLegal(op); });

    RewritePatternSet patterns(ctx);
    populateContractionLowering(converter, patterns);
    populateElementwiseLowering(converter, patterns);
    populatePoolingLowering(converter, patterns);
    populateQuantLowering(converter, patterns);
    populateLaunchLowering(converter, binaries, patterns);
    populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(patterns,
                                                                   converter);
    populateCallOpTypeConversionPattern(patterns, converter);
    populateReturnOpTypeConversionPattern(patterns, converter);
    // Loops and branches that carry quantized tensors.
    scf::populateSCFStructuralTypeConversionsAndLegality(converter, patterns,
                                                         target);
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
} // namespace accel
