//===- consumer.cpp - uses the installed accel dialect --------------------===//
//
// This file implements a minimal frontend built against the installed
// AccelMLIR package: it parses a module with accel ops and a target, verifies
// it, and asks the target model what the accelerator supports.
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Accel/IR/AccelOps.h"
#include "accel/Target/TargetJSON.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/raw_ostream.h"

int main(int argc, char **argv) {
  mlir::MLIRContext context;
  context.loadDialect<accel::AccelDialect, mlir::func::FuncDialect>();
  llvm::Expected<accel::TargetDesc> desc = accel::loadTarget("int8-16x16");
  if (!desc) {
    llvm::errs() << llvm::toString(desc.takeError()) << "\n";
    return 1;
  }
  const char *source = R"mlir(
    func.func @f(%x: tensor<4x16xf32>) -> tensor<4x16xf32> {
      %0 = accel.relu %x : tensor<4x16xf32>
      return %0 : tensor<4x16xf32>
    })mlir";
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(source, &context);
  if (!module)
    return 1;
  (*module)->setAttr(accel::AccelDialect::kTargetAttrName,
                     accel::TargetAttr::get(&context, *desc));
  if (mlir::failed(mlir::verify(*module)))
    return 1;
  accel::TargetAttr target = accel::getTargetAttr(module->getOperation());
  accel::TargetModel model = target.getModel();
  llvm::outs() << "target " << model.getName() << ": " << model.getNumPEs()
               << " PEs, relu "
               << (model.supportsOp(accel::OpKind::Relu) ? "yes" : "no")
               << ", cast "
               << (model.supportsOp(accel::OpKind::Cast) ? "yes" : "no")
               << "\n";
  module->print(llvm::outs());
  return 0;
}
