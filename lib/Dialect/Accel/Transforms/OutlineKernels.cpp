//===- OutlineKernels.cpp - the accel-outline-kernels pass ----------------===//
//
// Maximal runs of consecutive accelerator-placed ops become kernel functions
// (MLIR's gpu-kernel-outlining is the model). Constants inside a run stay on
// the host: they do not break the run and become kernel arguments. Because
// only constants may sit between the run's ops, every value the run reads
// is defined before its last op and every outside user comes after it, so
// the launch goes right after the last op.
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Accel/Transforms/Passes.h"

#include "accel/Dialect/Accel/IR/AccelDialect.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"

#include "llvm/ADT/SetVector.h"

namespace accel {
#define GEN_PASS_DEF_OUTLINEKERNELSPASS
#include "accel/Dialect/Accel/Transforms/Passes.h.inc"
} // namespace accel

using namespace mlir;

namespace accel {
namespace {

bool isOnAccelerator(Operation *op) {
  auto placement =
      op->getAttrOfType<StringAttr>(AccelDialect::kPlacementAttrName);
  return placement && placement.getValue() == "accelerator";
}

struct OutlineKernelsPass
    : impl::OutlineKernelsPassBase<OutlineKernelsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    SmallVector<func::FuncOp> functions;
    for (auto func : module.getOps<func::FuncOp>())
      if (!func->hasAttr(AccelDialect::kKernelAttrName))
        functions.push_back(func);
    for (func::FuncOp func : functions) {
      unsigned counter = 0;
      // Kernels follow their function in launch order.
      Operation *insertAfter = func;
      // Runs may sit in nested regions (loop bodies): the launch then
      // stays in the loop.
      SmallVector<Block *> blocks;
      func.getBody().walk([&](Block *block) { blocks.push_back(block); });
      for (Block *block : blocks)
        for (SmallVector<Operation *> &run : findRuns(*block))
          insertAfter = outline(func, run, symbols, counter, insertAfter);
    }
  }

  static SmallVector<SmallVector<Operation *>> findRuns(Block &block) {
    SmallVector<SmallVector<Operation *>> runs(1);
    for (Operation &op : block) {
      if (isOnAccelerator(&op))
        runs.back().push_back(&op);
      else if (!op.hasTrait<OpTrait::ConstantLike>() && !runs.back().empty())
        runs.emplace_back();
    }
    if (runs.back().empty())
      runs.pop_back();
    return runs;
  }

  /// Outlines `run` into a kernel placed after `insertAfter`; returns it.
  Operation *outline(func::FuncOp func, ArrayRef<Operation *> run,
                     SymbolTable &symbols, unsigned &counter,
                     Operation *insertAfter) {
    llvm::SmallPtrSet<Operation *, 16> inRun(run.begin(), run.end());
    llvm::SetVector<Value> inputs, outputs;
    for (Operation *op : run) {
      for (Value operand : op->getOperands())
        if (!inRun.contains(operand.getDefiningOp()))
          inputs.insert(operand);
      for (Value result : op->getResults())
        if (llvm::any_of(result.getUsers(), [&](Operation *user) {
              return !inRun.contains(user);
            }))
          outputs.insert(result);
    }

    // The kernel function.
    OpBuilder builder(func);
    builder.setInsertionPointAfter(insertAfter);
    auto type = builder.getFunctionType(
        ValueRange(inputs.getArrayRef()).getTypes(),
        ValueRange(outputs.getArrayRef()).getTypes());
    auto kernel = func::FuncOp::create(
        builder, run.front()->getLoc(),
        (func.getName() + "_kernel" + llvm::Twine(counter++)).str(), type);
    kernel.setPrivate();
    kernel->setAttr(AccelDialect::kKernelAttrName, builder.getUnitAttr());
    // Renames on a clash; the kernel is already at its place in the module.
    symbols.insert(kernel, Block::iterator(kernel));
    Block *body = kernel.addEntryBlock();
    IRMapping mapping;
    mapping.map(inputs.getArrayRef(), body->getArguments());
    OpBuilder bodyBuilder = OpBuilder::atBlockEnd(body);
    for (Operation *op : run)
      bodyBuilder.clone(*op, mapping);
    SmallVector<Value> returned;
    for (Value output : outputs)
      returned.push_back(mapping.lookup(output));
    func::ReturnOp::create(bodyBuilder, run.back()->getLoc(), returned);

    // The launch, with a transfer on every value crossing the boundary.
    builder.setInsertionPointAfter(run.back());
    Location loc = run.back()->getLoc();
    SmallVector<Value> deviceInputs;
    for (Value input : inputs)
      deviceInputs.push_back(HostToDeviceOp::create(builder, loc, input));
    auto launch = LaunchOp::create(builder, loc, type.getResults(),
                                   kernel.getSymName(), deviceInputs);
    for (auto [output, result] : llvm::zip(outputs, launch.getResults())) {
      Value onHost = DeviceToHostOp::create(builder, loc, result);
      Value(output).replaceUsesWithIf(onHost, [&](OpOperand &use) {
        return !inRun.contains(use.getOwner());
      });
    }
    for (Operation *op : llvm::reverse(run))
      op->erase();
    return kernel;
  }
};

} // namespace
} // namespace accel
