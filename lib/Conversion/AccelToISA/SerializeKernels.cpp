//===- SerializeKernels.cpp - ISA kernels to accel.binary ------------------===//
//
// accel-serialize-kernels: builds an isa::Program from each lowered kernel
// (its ISA ops, its accel.program layout and the memref.globals holding its
// constants), encodes it with isa::writeBinary (the one encoding table) and
// replaces the kernel by an accel.binary of the same symbol.
//
//===----------------------------------------------------------------------===//
#include "IsaUtils.h"

#include "accel/Conversion/Passes.h"
#include "accel/ISA/Binary.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace accel {
#define GEN_PASS_DEF_SERIALIZEKERNELSPASS
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;

namespace accel {
namespace {

/// The bytes of a dense constant in DRAM layout (little-endian, dense).
FailureOr<std::vector<uint8_t>> constantBytes(memref::GlobalOp global) {
  auto value = llvm::dyn_cast_or_null<DenseElementsAttr>(
      global.getInitialValue().value_or(Attribute()));
  if (!value)
    return global.emitOpError("has no dense initial value to place in DRAM");
  unsigned bytes = std::max(1u, value.getElementType().getIntOrFloatBitWidth() / 8);
  ArrayRef<char> raw = value.getRawData();
  std::vector<uint8_t> out;
  out.reserve(value.getNumElements() * bytes);
  if (value.isSplat()) {
    for (int64_t i = 0; i < value.getNumElements(); ++i)
      out.insert(out.end(), raw.begin(), raw.begin() + bytes);
  } else {
    out.assign(raw.begin(), raw.end());
  }
  return out;
}

FailureOr<isa::Program> buildProgram(func::FuncOp kernel,
                                     SymbolTable &symbols) {
  auto layout =
      kernel->getAttrOfType<DictionaryAttr>(AccelDialect::kProgramAttrName);
  TargetAttr target = getTargetAttr(kernel);
  if (!target)
    return kernel.emitError("accel-serialize-kernels needs the module's "
                            "accel.target");
  for (StringRef key : {"dram_bytes", "bindings", "constants", "qparams"})
    if (!layout.get(key))
      return kernel.emitError() << "has an accel.program without '" << key
                                << "'; run accel-lower-to-isa first";
  isa::Program program;
  program.targetName = target.getDesc().name;
  program.targetFingerprint = isa::targetFingerprint(target.getDesc());
  program.dramBytes = layout.getAs<IntegerAttr>("dram_bytes").getInt();
  for (Attribute a : layout.getAs<ArrayAttr>("bindings")) {
    auto d = llvm::cast<DictionaryAttr>(a);
    isa::Binding binding;
    binding.name = d.getAs<StringAttr>("name").str();
    binding.isOutput = d.getAs<BoolAttr>("output").getValue();
    binding.dtype =
        *symbolizeElementKind(d.getAs<StringAttr>("dtype").getValue());
    auto shape = d.getAs<DenseI64ArrayAttr>("shape").asArrayRef();
    binding.shape.assign(shape.begin(), shape.end());
    binding.dramOffset = d.getAs<IntegerAttr>("offset").getInt();
    program.bindings.push_back(std::move(binding));
  }
  for (Attribute a : layout.getAs<ArrayAttr>("constants")) {
    auto d = llvm::cast<DictionaryAttr>(a);
    auto sym = d.getAs<FlatSymbolRefAttr>("global");
    auto global = symbols.lookup<memref::GlobalOp>(sym.getValue());
    if (!global)
      return kernel.emitError() << "constant " << sym << " has no memref.global";
    FailureOr<std::vector<uint8_t>> data = constantBytes(global);
    if (failed(data))
      return failure();
    std::optional<ElementKind> kind =
        elementKindOf(global.getType().getElementType());
    if (!kind)
      return global.emitOpError("has an element type the ISA cannot hold");
    isa::Constant c;
    c.name = sym.getValue().str();
    c.dtype = *kind;
    c.shape.assign(global.getType().getShape().begin(),
                   global.getType().getShape().end());
    c.dramOffset = d.getAs<IntegerAttr>("offset").getInt();
    c.data = std::move(*data);
    program.constants.push_back(std::move(c));
  }
  for (Attribute a : layout.getAs<ArrayAttr>("qparams")) {
    auto v = llvm::cast<DenseI32ArrayAttr>(a).asArrayRef();
    program.qparams.push_back({v[0], v[1], v[2], v[3], v[4]});
  }
  for (Operation &op : kernel.getBody().front()) {
    const isa::OpcodeInfo *info = getIsaInfo(&op);
    if (!info) {
      if (llvm::isa<func::ReturnOp>(op))
        continue;
      return op.emitOpError("is not an ISA op; run accel-lower-to-isa first");
    }
    isa::Instruction inst(info->opcode);
    auto fields = op.getAttrOfType<DictionaryAttr>("fields");
    for (auto [i, f] : llvm::enumerate(info->fields))
      if (auto v = fields.getAs<IntegerAttr>(f.name))
        inst.setAt(i, v.getInt());
    uint8_t deps = 0;
    if (op.hasAttr("pop_prev"))
      deps |= isa::PopPrev;
    if (op.hasAttr("pop_next"))
      deps |= isa::PopNext;
    if (op.hasAttr("push_prev"))
      deps |= isa::PushPrev;
    if (op.hasAttr("push_next"))
      deps |= isa::PushNext;
    inst.setDeps(deps);
    program.instructions.push_back(inst);
  }
  return program;
}

struct SerializeKernelsPass
    : impl::SerializeKernelsPassBase<SerializeKernelsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    SmallVector<func::FuncOp> kernels;
    module.walk([&](func::FuncOp f) {
      if (f->hasAttr(AccelDialect::kProgramAttrName))
        kernels.push_back(f);
    });
    llvm::SmallPtrSet<Operation *, 8> usedGlobals;
    for (func::FuncOp kernel : kernels) {
      FailureOr<isa::Program> program = buildProgram(kernel, symbols);
      if (failed(program))
        return signalPassFailure();
      llvm::Expected<std::vector<uint8_t>> bytes = isa::writeBinary(*program);
      if (!bytes) {
        kernel.emitError() << "cannot be encoded: "
                           << llvm::toString(bytes.takeError());
        return signalPassFailure();
      }
      if (!dumpDir.empty() && failed(dump(kernel, *bytes)))
        return signalPassFailure();
      for (const isa::Constant &c : program->constants)
        usedGlobals.insert(symbols.lookup(c.name));
      OpBuilder b(kernel);
      auto type = llvm::cast<FunctionType>(
          kernel->getAttrOfType<TypeAttr>(AccelDialect::kKernelTypeAttrName)
              .getValue());
      auto binary = BinaryOp::create(
          b, kernel.getLoc(), kernel.getSymName(), type,
          b.getStringAttr(StringRef(reinterpret_cast<const char *>(bytes->data()),
                                    bytes->size())));
      symbols.erase(kernel);
      symbols.insert(binary);
    }
    // Constants now live inside the binaries.
    for (Operation *global : usedGlobals)
      if (global && SymbolTable::symbolKnownUseEmpty(global, module))
        global->erase();
  }

  LogicalResult dump(func::FuncOp kernel, ArrayRef<uint8_t> bytes) {
    llvm::SmallString<128> path(dumpDir);
    llvm::sys::path::append(path, kernel.getSymName() + ".accelbin");
    std::error_code ec;
    llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
    if (ec)
      return kernel.emitError() << "cannot write '" << path
                                << "': " << ec.message();
    os.write(reinterpret_cast<const char *>(bytes.data()), bytes.size());
    return success();
  }
};

} // namespace
} // namespace accel
