//===- LowerLaunch.cpp - kernels on the CPU path --------------------------===//
//
// Until the simulator backend runs kernels, a launch on the CPU path is a
// plain call of the kernel function and transfers are no-ops: the data is
// already in host memory. accel-run says so when it happens.
//
//===----------------------------------------------------------------------===//
#include "LoweringUtils.h"

#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

using namespace mlir;

namespace accel {
namespace {

struct LaunchLowering : OpConversionPattern<LaunchOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(LaunchOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<Type> types;
    if (failed(getTypeConverter()->convertTypes(op.getResultTypes(), types)))
      return failure();
    rewriter.replaceOpWithNewOp<func::CallOp>(op, op.getKernel(), types,
                                              adaptor.getArgs());
    return success();
  }
};

template <typename OpTy>
struct TransferLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, adaptor.getInput());
    return success();
  }
};

} // namespace

void populateLaunchLowering(const TypeConverter &converter,
                            RewritePatternSet &patterns) {
  patterns.add<LaunchLowering, TransferLowering<HostToDeviceOp>,
               TransferLowering<DeviceToHostOp>>(converter,
                                                 patterns.getContext());
}

} // namespace accel
