//===- LowerLaunch.cpp - Kernel launches on the host -----------------------===//
//
// A launch of a kernel compiled to an accel.binary becomes a call of the
// runtime's accelRuntimeLaunchKernel (include/accel-c/Runtime.h) with the
// binary embedded as a constant global: the model of MLIR's gpu.binary and
// gpu-to-llvm, so JIT-compiled and ahead-of-time objects work alike.
// Arguments are passed as buffer addresses in binding order (arguments,
// then results) in a heap table; results are fresh buffers the runtime
// fills.
//
// A launch of a kernel that was not compiled (the CPU fallback) is a plain
// call of the kernel function.  Transfers are no-ops: on the host both
// sides share memory.
//
//===----------------------------------------------------------------------===//
#include "LoweringUtils.h"

#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

using namespace mlir;

namespace accel {

constexpr llvm::StringLiteral kLaunchFunction = "accelRuntimeLaunchKernel";

void prepareBinaryLaunches(ModuleOp module, EmbeddedBinaries &binaries) {
  SmallVector<BinaryOp> ops(module.getOps<BinaryOp>());
  if (ops.empty())
    return;
  SymbolTable symbols(module);
  OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
  Location loc = module.getLoc();
  auto addBytesGlobal = [&](StringRef name, ArrayRef<char> bytes) {
    auto type = RankedTensorType::get({int64_t(bytes.size())}, b.getI8Type());
    auto global = memref::GlobalOp::create(
        b, loc, name, b.getStringAttr("private"),
        MemRefType::get(type.getShape(), b.getI8Type()),
        DenseElementsAttr::getFromRawBuffer(type, bytes), /*constant=*/true,
        b.getI64IntegerAttr(64));
    symbols.insert(global);
    return global.getSymName().str();
  };
  for (BinaryOp op : ops) {
    EmbeddedBinary info;
    StringRef data = op.getData();
    info.binarySize = data.size();
    info.binaryGlobal = addBytesGlobal(("__accel_binary_" + op.getSymName()).str(),
                                       ArrayRef<char>(data.data(), data.size()));
    std::string name = op.getSymName().str();
    name.push_back('\0');
    info.nameSize = name.size();
    info.nameGlobal = addBytesGlobal(("__accel_name_" + op.getSymName()).str(),
                                     ArrayRef<char>(name.data(), name.size()));
    binaries[op.getSymName()] = info;
    symbols.erase(op);
  }
  if (!symbols.lookup(kLaunchFunction)) {
    Type index = b.getIndexType();
    auto decl = func::FuncOp::create(
        b, loc, kLaunchFunction,
        b.getFunctionType({index, index, index, index, index}, b.getI32Type()));
    decl.setPrivate();
    symbols.insert(decl);
  }
}

namespace {

struct LaunchLowering : OpConversionPattern<LaunchOp> {
  LaunchLowering(const TypeConverter &converter, MLIRContext *ctx,
                 const EmbeddedBinaries &binaries)
      : OpConversionPattern(converter, ctx), binaries(binaries) {}

  LogicalResult
  matchAndRewrite(LaunchOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<Type> types;
    if (failed(getTypeConverter()->convertTypes(op.getResultTypes(), types)))
      return failure();
    auto it = binaries.find(op.getKernel());
    if (it == binaries.end()) {
      rewriter.replaceOpWithNewOp<func::CallOp>(op, op.getKernel(), types,
                                                adaptor.getArgs());
      return success();
    }
    const EmbeddedBinary &info = it->second;
    Location loc = op.getLoc();
    auto address = [&](Value memref) -> Value {
      return memref::ExtractAlignedPointerAsIndexOp::create(rewriter, loc,
                                                            memref);
    };
    auto constant = [&](int64_t v) -> Value {
      return arith::ConstantIndexOp::create(rewriter, loc, v);
    };
    auto global = [&](StringRef name, int64_t size) {
      return memref::GetGlobalOp::create(
          rewriter, loc, MemRefType::get({size}, rewriter.getI8Type()), name);
    };
    SmallVector<Value> buffers, results;
    for (Value arg : adaptor.getArgs()) {
      auto t = llvm::cast<RankedTensorType>(arg.getType());
      buffers.push_back(bufferization::ToBufferOp::create(
          rewriter, loc, MemRefType::get(t.getShape(), t.getElementType()),
          arg, /*read_only=*/true));
    }
    for (Type t : types) {
      auto tensor = llvm::cast<RankedTensorType>(t);
      Value out = memref::AllocOp::create(
          rewriter, loc,
          MemRefType::get(tensor.getShape(), tensor.getElementType()));
      buffers.push_back(out);
      results.push_back(out);
    }
    int64_t n = buffers.size();
    // On the heap (freed by the pipeline's buffer deallocation): a launch
    // inside a host loop must not grow the stack.
    Value table = memref::AllocOp::create(
        rewriter, loc, MemRefType::get({n}, rewriter.getIndexType()));
    for (auto [i, buffer] : llvm::enumerate(buffers))
      memref::StoreOp::create(rewriter, loc, address(buffer), table,
                              ValueRange{constant(i)});
    func::CallOp::create(
        rewriter, loc, kLaunchFunction, rewriter.getI32Type(),
        ValueRange{address(global(info.nameGlobal, info.nameSize)),
                   address(global(info.binaryGlobal, info.binarySize)),
                   constant(info.binarySize), address(table), constant(n)});
    SmallVector<Value> tensors;
    for (auto [t, buffer] : llvm::zip(types, results))
      tensors.push_back(bufferization::ToTensorOp::create(
          rewriter, loc, t, buffer, /*restrict=*/true, /*writable=*/true));
    rewriter.replaceOp(op, tensors);
    return success();
  }

  const EmbeddedBinaries &binaries;
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
                            const EmbeddedBinaries &binaries,
                            RewritePatternSet &patterns) {
  patterns.add<LaunchLowering>(converter, patterns.getContext(), binaries);
  patterns.add<TransferLowering<HostToDeviceOp>,
               TransferLowering<DeviceToHostOp>>(converter,
                                                 patterns.getContext());
}

} // namespace accel
