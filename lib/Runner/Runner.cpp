//===- Runner.cpp - compile a module for the CPU path and call it ---------===//
#include "accel/Runner/Runner.h"

#include "accel-c/Runtime.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/TargetSelect.h"

#include <cstring>

using namespace mlir;

namespace accel {

int64_t TensorSpec::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

static std::string typeString(Type type) {
  std::string s;
  llvm::raw_string_ostream os(s);
  type.print(os);
  return s;
}

/// The host view of one tensor type, or an error message.
static llvm::Expected<TensorSpec> describeTensor(Type type,
                                                 llvm::StringRef what) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape())
    return llvm::createStringError(
        llvm::formatv("{0} has type {1}; only statically shaped ranked "
                      "tensors can be passed in and out",
                      what, typeString(type))
            .str());
  TensorSpec spec;
  spec.mlirType = typeString(type);
  spec.shape.assign(tensor.getShape().begin(), tensor.getShape().end());
  Type element = tensor.getElementType();
  bool isSigned = true;
  if (auto quant = dyn_cast<quant::QuantizedType>(element)) {
    isSigned = quant.isSigned();
    element = quant.getStorageType();
  }
  auto set = [&](NpyDType dtype, unsigned bytes) {
    spec.dtype = dtype;
    spec.storageBytes = bytes;
    return spec;
  };
  if (element.isF32())
    return set(NpyDType::F32, 4);
  if (element.isF64())
    return set(NpyDType::F64, 8);
  if (element.isF16())
    return set(NpyDType::F16, 2);
  if (element.isBF16()) {
    spec.isBF16 = true;
    return set(NpyDType::F32, 2);
  }
  if (auto intType = dyn_cast<IntegerType>(element)) {
    if (intType.isUnsigned())
      isSigned = false;
    switch (intType.getWidth()) {
    case 1:
      return set(NpyDType::Bool, 1);
    case 4:
      spec.isI4 = true;
      return set(NpyDType::I8, 1);
    case 8:
      return set(isSigned ? NpyDType::I8 : NpyDType::U8, 1);
    case 16:
      return set(NpyDType::I16, 2);
    case 32:
      return set(NpyDType::I32, 4);
    case 64:
      return set(NpyDType::I64, 8);
    default:
      break;
    }
  }
  return llvm::createStringError(
      llvm::formatv("{0} has element type {1}; accel-run exchanges f32, f64, "
                    "f16, bf16 (as float32), i1, i4 (as int8), i8, u8, i16, "
                    "i32 and i64 tensors",
                    what, typeString(tensor.getElementType()))
          .str());
}

std::string chooseEntry(ModuleOp module, llvm::StringRef requested) {
  if (!requested.empty())
    return requested.str();
  std::vector<std::string> candidates;
  for (auto f : module.getOps<func::FuncOp>())
    if (!f.isDeclaration() && f.isPublic())
      candidates.push_back(f.getName().str());
  if (candidates.size() == 1)
    return candidates.front();
  return "main";
}

llvm::Error describeEntry(ModuleOp module, llvm::StringRef entry,
                          std::vector<TensorSpec> &inputs,
                          std::vector<TensorSpec> &outputs) {
  auto func = module.lookupSymbol<func::FuncOp>(entry);
  if (!func || func.isDeclaration()) {
    std::string names;
    for (auto f : module.getOps<func::FuncOp>())
      if (!f.isDeclaration() && f.isPublic())
        names += (names.empty() ? "@" : ", @") + f.getName().str();
    return llvm::createStringError(
        llvm::formatv("no function @{0} in the module (functions: {1})",
                      entry, names.empty() ? "none" : names)
            .str());
  }
  FunctionType type = func.getFunctionType();
  for (auto [i, t] : llvm::enumerate(type.getInputs())) {
    auto spec = describeTensor(
        t, llvm::formatv("argument #{0} of @{1}", i, entry).str());
    if (!spec)
      return spec.takeError();
    inputs.push_back(*spec);
  }
  for (auto [i, t] : llvm::enumerate(type.getResults())) {
    auto spec = describeTensor(
        t, llvm::formatv("result #{0} of @{1}", i, entry).str());
    if (!spec)
      return spec.takeError();
    outputs.push_back(*spec);
  }
  return llvm::Error::success();
}

static std::string shapeString(llvm::ArrayRef<int64_t> shape) {
  std::string s = "(";
  for (auto [i, d] : llvm::enumerate(shape))
    s += (i ? ", " : "") + std::to_string(d);
  if (shape.size() == 1)
    s += ",";
  return s + ")";
}

llvm::Expected<std::vector<uint8_t>>
toMemoryImage(const NpyArray &array, const TensorSpec &spec,
              llvm::StringRef what) {
  if (array.dtype != spec.dtype || array.shape != spec.shape)
    return llvm::createStringError(
        llvm::formatv("{0}: expected {1} {2} (for {3}), found {4} {5}", what,
                      npyDTypeName(spec.dtype), shapeString(spec.shape),
                      spec.mlirType, npyDTypeName(array.dtype),
                      shapeString(array.shape))
            .str());
  std::vector<uint8_t> image(spec.numBytes());
  int64_t n = spec.numElements();
  if (spec.isBF16) {
    for (int64_t i = 0; i < n; ++i) {
      float value;
      std::memcpy(&value, array.data.data() + 4 * i, 4);
      uint16_t bits = floatToBF16RNE(value);
      std::memcpy(image.data() + 2 * i, &bits, 2);
    }
    return image;
  }
  if (spec.isI4) {
    for (int64_t i = 0; i < n; ++i) {
      auto value = static_cast<int8_t>(array.data[i]);
      if (value < -8 || value > 7)
        return llvm::createStringError(
            llvm::formatv("{0}: element {1} is {2}, outside the i4 range "
                          "[-8, 7]",
                          what, i, int(value))
                .str());
    }
  }
  std::memcpy(image.data(), array.data.data(), image.size());
  return image;
}

NpyArray fromMemoryImage(llvm::ArrayRef<uint8_t> bytes,
                         const TensorSpec &spec) {
  NpyArray array;
  array.dtype = spec.dtype;
  array.shape = spec.shape;
  int64_t n = spec.numElements();
  array.data.resize(size_t(n) * npyDTypeSize(spec.dtype));
  if (spec.isBF16) {
    for (int64_t i = 0; i < n; ++i) {
      uint16_t bits;
      std::memcpy(&bits, bytes.data() + 2 * i, 2);
      float value = bf16ToFloat(bits);
      std::memcpy(array.data.data() + 4 * i, &value, 4);
    }
    return array;
  }
  if (spec.isI4) {
    // LLVM keeps an i4 in the low bits of its byte; sign-extend it.
    for (int64_t i = 0; i < n; ++i)
      array.data[i] = uint8_t(int8_t(uint8_t(bytes[i] << 4)) >> 4);
    return array;
  }
  std::memcpy(array.data.data(), bytes.data(), array.data.size());
  return array;
}

CompiledModule::~CompiledModule() = default;

llvm::Expected<std::unique_ptr<CompiledModule>>
CompiledModule::compile(ModuleOp module, const CPUPipelineOptions &options) {
  MLIRContext *ctx = module.getContext();
  // The input was verified when parsed; re-verifying after every pass of
  // the pipeline costs a third of the compile time of deep models
  // (bench/compile-time), so it is left to accel-opt.
  PassManager pm(ctx);
  pm.enableVerifier(false);
  if (failed(buildCPUPipeline(pm, options)))
    return llvm::createStringError("internal error: invalid CPU pipeline");
  if (failed(pm.run(module)))
    return llvm::createStringError(
        "lowering to the CPU path failed (see the diagnostics above)");

  static bool initialized = [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    return true;
  }();
  (void)initialized;
  DialectRegistry registry;
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  ctx->appendDialectRegistry(registry);

  // Optimize for this machine: LLVM's vectorizers and instruction selection
  // need the host CPU's features (AVX2 and FMA on the CI machines).
  auto builder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!builder)
    return builder.takeError();
  builder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Aggressive);
  auto targetMachine = builder->createTargetMachine();
  if (!targetMachine)
    return targetMachine.takeError();
  ExecutionEngineOptions engineOptions;
  auto transformer = makeOptimizingTransformer(/*optLevel=*/3,
                                               /*sizeLevel=*/0,
                                               targetMachine->get());
  engineOptions.transformer = transformer;
  // Copies between strided buffers (e.g. into a padded tensor) lower to a
  // call of MLIR's runtime routine memrefCopy.
  llvm::StringRef runtimeLibs[] = {ACCEL_MLIR_C_RUNNER_UTILS};
  engineOptions.sharedLibPaths = runtimeLibs;
  engineOptions.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  auto engine = ExecutionEngine::create(module, engineOptions);
  if (!engine)
    return engine.takeError();
  // Host code calls the runtime for every launch of an accel.binary.
  (*engine)->registerSymbols([](llvm::orc::MangleAndInterner interner) {
    llvm::orc::SymbolMap symbols;
    symbols[interner("accelRuntimeLaunchKernel")] = {
        llvm::orc::ExecutorAddr::fromPtr(&accelRuntimeLaunchKernel),
        llvm::JITSymbolFlags::Exported};
    return symbols;
  });
  std::unique_ptr<CompiledModule> compiled(new CompiledModule());
  compiled->engine = std::move(*engine);
  return compiled;
}

llvm::Expected<CompiledModule::PackedFn>
CompiledModule::lookup(llvm::StringRef entry) {
  auto fn = engine->lookupPacked(entry);
  if (!fn)
    return fn.takeError();
  return *fn;
}

llvm::Error CompiledModule::call(llvm::StringRef entry,
                                 llvm::ArrayRef<void *> buffers) {
  auto fn = lookup(entry);
  if (!fn)
    return fn.takeError();
  // The packed wrapper takes one pointer per argument, each pointing at the
  // argument's value: here, at a bare data pointer.
  std::vector<void *> pointers(buffers.begin(), buffers.end());
  std::vector<void *> args;
  for (void *&p : pointers)
    args.push_back(&p);
  (*fn)(args.data());
  return llvm::Error::success();
}

} // namespace accel
