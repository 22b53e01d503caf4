//===- Compiler.cpp - C embedding API of the accel compiler ----------------===//
//
// This file implements include/accel-c/Compiler.h: the flow of accel-run
// (parse, convert TOSA, attach the target, canonicalize, accel-place,
// accel-outline-kernels, accel-verify-kernels, the accelerator path on
// accelerator targets, the CPU pipeline, the JIT, kernel launches on the
// simulator) behind opaque handles. Diagnostics are collected, as file:line:col text,
// into the returned error instead of going to stderr; placement remarks are
// dropped as accel-run does without --remarks.
//
//===----------------------------------------------------------------------===//
#include "accel-c/Compiler.h"
#include "accel-c/Runtime.h"
#include "accel/Support/CAPIError.h"
#include "accel/Pipelines/Pipelines.h"

#include "accel/Dialect/Accel/Transforms/Placement.h"
#include "accel/InitAccel.h"
#include "accel/Runner/Runner.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/AsmParser/AsmParserState.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Transforms/Passes.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <cctype>
#include <chrono>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

using namespace mlir;


struct AccelCompiler_ {
  DialectRegistry registry;
};

struct AccelCompiledModule_ {
  std::string entry;
  std::vector<accel::TensorSpec> inputs, outputs;
  std::vector<std::string> inputNames, outputNames;
  std::vector<std::string> dtypeNames[2]; // [isOutput][index]
  accel::PlacementSummary placement;
  std::vector<std::string> warnings;
  double compileSeconds = 0;
  std::optional<double> lastRunSeconds;
  unsigned runs = 0;
  std::unique_ptr<accel::CompiledModule> compiled;
  accel::CompiledModule::PackedFn fn = nullptr;
  // Memory images of the arguments, reused between runs.
  std::vector<std::vector<uint8_t>> inputImages, outputImages;
  std::string report;
  // The device kernels run on (for this module's target), if any.
  AccelDevice device = nullptr;
  ~AccelCompiledModule_() { accelDeviceDestroy(device); }
  // The kernel launches of the last run (simulator reports, JSON).
  std::vector<std::pair<std::string, std::string>> launches;
};

namespace {

AccelError makeError(const std::string &message) {
  return new AccelError_{message};
}

AccelDType toCDType(accel::NpyDType dtype) {
  switch (dtype) {
  case accel::NpyDType::Bool:
    return ACCEL_DTYPE_BOOL;
  case accel::NpyDType::I8:
    return ACCEL_DTYPE_INT8;
  case accel::NpyDType::U8:
    return ACCEL_DTYPE_UINT8;
  case accel::NpyDType::I16:
    return ACCEL_DTYPE_INT16;
  case accel::NpyDType::I32:
    return ACCEL_DTYPE_INT32;
  case accel::NpyDType::I64:
    return ACCEL_DTYPE_INT64;
  case accel::NpyDType::F16:
    return ACCEL_DTYPE_FLOAT16;
  case accel::NpyDType::F32:
  case accel::NpyDType::BF16: // never a spec dtype: exchanged as float32
    return ACCEL_DTYPE_FLOAT32;
  case accel::NpyDType::F64:
    return ACCEL_DTYPE_FLOAT64;
  }
  return ACCEL_DTYPE_FLOAT32;
}

/// The source names of every function's arguments ("x" for %x), recorded
/// by the parser before any pass runs.
llvm::StringMap<std::vector<std::string>>
argumentNames(ModuleOp module, const AsmParserState &state) {
  llvm::DenseMap<Block *, std::vector<std::string>> byBlock;
  for (const AsmParserState::BlockDefinition &def : state.getBlockDefs()) {
    std::vector<std::string> names;
    for (const AsmParserState::SMDefinition &arg : def.arguments) {
      const char *begin = arg.loc.Start.getPointer();
      const char *end = arg.loc.End.getPointer();
      llvm::StringRef text =
          begin && end > begin ? llvm::StringRef(begin, end - begin) : "";
      names.push_back(text.ltrim('%').str());
    }
    byBlock[def.block] = std::move(names);
  }
  llvm::StringMap<std::vector<std::string>> result;
  module.walk([&](func::FuncOp f) {
    if (f.isDeclaration())
      return;
    auto it = byBlock.find(&f.getBody().front());
    if (it != byBlock.end())
      result[f.getName()] = it->second;
  });
  return result;
}

bool isIdentifierLike(llvm::StringRef name) {
  if (name.empty() || !(std::isalpha(uint8_t(name[0])) || name[0] == '_'))
    return false;
  return llvm::all_of(name, [](char c) {
    return std::isalnum(uint8_t(c)) || c == '_' || c == '.' || c == '$' ||
           c == '-';
  });
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                       start)
      .count();
}

/// Compiles the text in `sourceMgr` (one buffer): accel-run's flow up to a
/// resolved entry point.
AccelError compile(AccelCompiler compiler,
                   std::unique_ptr<llvm::MemoryBuffer> buffer,
                   const char *target, const char *entry,
                   AccelCompiledModule *out) {
  auto start = std::chrono::steady_clock::now();
  auto result = std::make_unique<AccelCompiledModule_>();

  MLIRContext context(compiler->registry);
  context.printOpOnDiagnostic(false);
  context.loadAllAvailableDialects();

  // Diagnostics as name:line:col: error: ..., collected; remarks (placement
  // explains every op with one) dropped, warnings kept for the report.
  std::string diagnostics;
  llvm::raw_string_ostream diagStream(diagnostics);
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
  SourceMgrDiagnosticHandler sourceHandler(sourceMgr, &context, diagStream);
  std::vector<std::string> &warnings = result->warnings;
  ScopedDiagnosticHandler filter(&context, [&](Diagnostic &diag) {
    if (diag.getSeverity() == DiagnosticSeverity::Remark)
      return success();
    if (diag.getSeverity() == DiagnosticSeverity::Warning)
      warnings.push_back(diag.str());
    return failure(); // let the source manager handler print it
  });
  auto fail = [&](const std::string &message) {
    std::string text = diagnostics;
    if (!message.empty()) {
      if (!text.empty() && text.back() != '\n')
        text += '\n';
      text += message;
    }
    while (!text.empty() && text.back() == '\n')
      text.pop_back();
    if (text.empty())
      text = "compilation failed";
    return makeError(text);
  };

  // Parse, keeping the argument names of the source.
  ParserConfig config(&context);
  AsmParserState asmState;
  Block block;
  if (failed(parseAsmSourceFile(sourceMgr, &block, config, &asmState)))
    return fail("");
  OwningOpRef<ModuleOp> module =
      detail::constructContainerOpForParserIfNecessary<ModuleOp>(
          &block, &context,
          FileLineColLoc::get(&context,
                              sourceMgr.getMemoryBuffer(1)
                                  ->getBufferIdentifier(),
                              1, 1));
  if (!module)
    return fail("");
  if (failed(verify(*module)))
    return fail("");
  auto names = argumentNames(*module, asmState);

  // Target, canonical form, placement, kernels.
  accel::AttachTargetPassOptions attach;
  attach.target = target && *target ? target : "cpu";
  accel::PlacementPassOptions place;
  place.compiledOnly = true;
  PassManager placement(&context);
  accel::buildPlacementPipeline(placement, attach, place);
  if (failed(placement.run(*module)))
    return fail("");
  result->entry = accel::chooseEntry(*module, entry ? entry : "");
  result->placement = accel::summarizePlacement(*module, result->entry);
  // Kernels to the ISA: runs launch them on the simulator.
  if (accel::TargetAttr t = accel::getTargetAttr(*module);
      t && t.getDesc().kind == accel::TargetKind::Systolic) {
    PassManager kernels(&context);
    accel::buildKernelPipeline(kernels);
    // As accel-run, the passes are not re-verified one by one.  Here it is
    // also needed: this library keeps its copies of MLIR's template TypeIDs
    // local (--exclude-libs), so the Symbol trait's check of its parent's
    // SymbolTable trait, compiled in here, does not recognize builtin.module.
    kernels.enableVerifier(false);
    if (failed(kernels.run(*module)))
      return fail("");
    if (AccelError e = accelDeviceCreate(attach.target.c_str(),
                                         &result->device))
      return e;
  }

  if (llvm::Error error = accel::describeEntry(*module, result->entry,
                                               result->inputs,
                                               result->outputs))
    return fail(llvm::toString(std::move(error)));

  auto it = names.find(result->entry);
  for (size_t i = 0; i < result->inputs.size(); ++i) {
    std::string name;
    if (it != names.end() && i < it->second.size())
      name = it->second[i];
    if (!isIdentifierLike(name))
      name = "arg" + std::to_string(i);
    result->inputNames.push_back(name);
  }
  for (size_t i = 0; i < result->outputs.size(); ++i)
    result->outputNames.push_back("result" + std::to_string(i));
  for (int isOutput = 0; isOutput < 2; ++isOutput)
    for (const accel::TensorSpec &spec :
         isOutput ? result->outputs : result->inputs)
      result->dtypeNames[isOutput].push_back(
          accel::npyDTypeName(spec.dtype).str());

  accel::CPUPipelineOptions options;
  auto compiled = accel::CompiledModule::compile(*module, options);
  if (!compiled)
    return fail(llvm::toString(compiled.takeError()));
  auto fn = (*compiled)->lookup(result->entry);
  if (!fn)
    return fail(llvm::toString(fn.takeError()));
  result->compiled = std::move(*compiled);
  result->fn = *fn;

  for (const accel::TensorSpec &spec : result->inputs)
    result->inputImages.emplace_back(spec.numBytes());
  for (const accel::TensorSpec &spec : result->outputs)
    result->outputImages.emplace_back(spec.numBytes());
  result->compileSeconds = secondsSince(start);
  *out = result.release();
  return nullptr;
}

llvm::json::Array describeTensors(const AccelCompiledModule_ &module,
                                  bool isOutput) {
  llvm::json::Array array;
  const auto &specs = isOutput ? module.outputs : module.inputs;
  const auto &names = isOutput ? module.outputNames : module.inputNames;
  for (auto [i, spec] : llvm::enumerate(specs)) {
    llvm::json::Array shape;
    for (int64_t d : spec.shape)
      shape.push_back(d);
    array.push_back(llvm::json::Object{
        {"name", names[i]},
        {"type", spec.mlirType},
        {"shape", std::move(shape)},
        {"dtype", module.dtypeNames[isOutput][i]}});
  }
  return array;
}

} // namespace

extern "C" {

int accelCompilerGetApiVersion(void) { return ACCEL_COMPILER_API_VERSION; }

AccelError accelCompilerCreate(AccelCompiler *out) {
  if (!out)
    return makeError("accelCompilerCreate: null argument");
  auto compiler = std::make_unique<AccelCompiler_>();
  registerAllDialects(compiler->registry);
  registerAllExtensions(compiler->registry);
  accel::registerAccelDialects(compiler->registry);
  *out = compiler.release();
  return nullptr;
}

void accelCompilerDestroy(AccelCompiler compiler) { delete compiler; }

AccelError accelCompilerCompileNamed(AccelCompiler compiler,
                                     const char *mlirSource,
                                     const char *sourceName,
                                     const char *target, const char *entry,
                                     AccelCompiledModule *out) {
  if (!compiler || !mlirSource || !out)
    return makeError("accelCompilerCompile: null argument");
  *out = nullptr;
  auto buffer = llvm::MemoryBuffer::getMemBufferCopy(
      mlirSource, sourceName && *sourceName ? sourceName : "<source>");
  return compile(compiler, std::move(buffer), target, entry, out);
}

AccelError accelCompilerCompile(AccelCompiler compiler, const char *mlirSource,
                                const char *target, const char *entry,
                                AccelCompiledModule *out) {
  return accelCompilerCompileNamed(compiler, mlirSource, nullptr, target,
                                   entry, out);
}

AccelError accelCompilerCompileFile(AccelCompiler compiler, const char *path,
                                    const char *target, const char *entry,
                                    AccelCompiledModule *out) {
  if (!compiler || !path || !out)
    return makeError("accelCompilerCompileFile: null argument");
  *out = nullptr;
  std::string message;
  auto file = openInputFile(path, &message);
  if (!file)
    return makeError(message);
  return compile(compiler, std::move(file), target, entry, out);
}

void accelModuleDestroy(AccelCompiledModule module) { delete module; }

const char *accelModuleGetEntryName(AccelCompiledModule module) {
  return module ? module->entry.c_str() : "";
}
size_t accelModuleGetNumInputs(AccelCompiledModule module) {
  return module ? module->inputs.size() : 0;
}
size_t accelModuleGetNumOutputs(AccelCompiledModule module) {
  return module ? module->outputs.size() : 0;
}

AccelError accelModuleGetTensorInfo(AccelCompiledModule module, int isOutput,
                                    size_t index, AccelTensorInfo *out) {
  if (!module || !out)
    return makeError("accelModuleGetTensorInfo: null argument");
  const auto &specs = isOutput ? module->outputs : module->inputs;
  if (index >= specs.size())
    return makeError(llvm::formatv("accelModuleGetTensorInfo: {0} index {1} "
                                   "out of range (@{2} has {3})",
                                   isOutput ? "output" : "input", index,
                                   module->entry, specs.size()));
  const accel::TensorSpec &spec = specs[index];
  out->name = (isOutput ? module->outputNames : module->inputNames)[index]
                  .c_str();
  out->mlirType = spec.mlirType.c_str();
  out->rank = spec.shape.size();
  out->shape = spec.shape.data();
  out->dtype = toCDType(spec.dtype);
  out->dtypeName = module->dtypeNames[isOutput ? 1 : 0][index].c_str();
  out->elementSize = accel::npyDTypeSize(spec.dtype);
  out->numElements = size_t(spec.numElements());
  out->sizeInBytes = out->numElements * out->elementSize;
  return nullptr;
}

AccelError accelModuleRun(AccelCompiledModule module,
                          const void *const *inputs, void *const *outputs) {
  if (!module)
    return makeError("accelModuleRun: null module");
  if ((!inputs && !module->inputs.empty()) ||
      (!outputs && !module->outputs.empty()))
    return makeError("accelModuleRun: null buffer array");
  // Inputs: the exchanged dtype to the memory image (bf16 narrowed with
  // round-to-nearest-even, i4 range-checked), as toMemoryImage does.
  for (auto [i, spec] : llvm::enumerate(module->inputs)) {
    const auto *src = static_cast<const uint8_t *>(inputs[i]);
    if (!src && spec.numElements() > 0)
      return makeError(llvm::formatv("accelModuleRun: input #{0} ({1}) is "
                                     "null",
                                     i, module->inputNames[i]));
    std::vector<uint8_t> &image = module->inputImages[i];
    int64_t n = spec.numElements();
    if (spec.isBF16) {
      for (int64_t e = 0; e < n; ++e) {
        float value;
        std::memcpy(&value, src + 4 * e, 4);
        uint16_t bits = accel::floatToBF16RNE(value);
        std::memcpy(image.data() + 2 * e, &bits, 2);
      }
      continue;
    }
    if (spec.isI4) {
      for (int64_t e = 0; e < n; ++e) {
        auto value = static_cast<int8_t>(src[e]);
        if (value < -8 || value > 7)
          return makeError(llvm::formatv(
              "input #{0} ({1}) of @{2}: element {3} is {4}, outside the i4 "
              "range [-8, 7]",
              i, module->inputNames[i], module->entry, e, int(value)));
      }
    }
    if (!image.empty())
      std::memcpy(image.data(), src, image.size());
  }
  for (auto [i, spec] : llvm::enumerate(module->outputs)) {
    if (!outputs[i] && spec.numElements() > 0)
      return makeError(llvm::formatv("accelModuleRun: output #{0} is null",
                                     i));
    std::fill(module->outputImages[i].begin(), module->outputImages[i].end(),
              0);
  }

  // The packed wrapper takes a pointer to each bare data pointer.
  std::vector<void *> pointers;
  for (auto &image : module->inputImages)
    pointers.push_back(image.data());
  for (auto &image : module->outputImages)
    pointers.push_back(image.data());
  std::vector<void *> args;
  for (void *&p : pointers)
    args.push_back(&p);
  auto start = std::chrono::steady_clock::now();
  accelSessionReset();
  accelSessionSetDevice(module->device);
  module->fn(args.data());
  accelSessionSetDevice(nullptr);
  module->lastRunSeconds = secondsSince(start);
  if (const char *launchError = accelSessionGetError())
    return makeError(std::string("accelModuleRun: ") + launchError);
  ++module->runs;
  module->launches.clear();
  for (size_t i = 0, n = accelSessionGetNumLaunches(); i < n; ++i)
    module->launches.push_back({accelSessionGetLaunchKernel(i),
                                accelSessionGetLaunchReportJSON(i)});

  for (auto [i, spec] : llvm::enumerate(module->outputs)) {
    accel::NpyArray array =
        accel::fromMemoryImage(module->outputImages[i], spec);
    if (!array.data.empty())
      std::memcpy(outputs[i], array.data.data(), array.data.size());
  }
  return nullptr;
}

const char *accelModuleGetReport(AccelCompiledModule module) {
  if (!module)
    return "";
  const accel::PlacementSummary &p = module->placement;
  llvm::json::Object report{
      {"apiVersion", ACCEL_COMPILER_API_VERSION},
      {"target", p.targetName},
      {"entry", module->entry},
      {"placement", llvm::json::Object{{"accelerator", p.onAccelerator},
                                       {"host", p.onHost}}},
      {"executedOn",
       module->launches.empty() ? "cpu" : "cpu and accelerator simulator"},
      {"compileSeconds", module->compileSeconds},
      {"runs", module->runs},
      {"inputs", describeTensors(*module, false)},
      {"outputs", describeTensors(*module, true)},
  };
  if (module->lastRunSeconds)
    report["lastRunSeconds"] = *module->lastRunSeconds;
  else
    report["lastRunSeconds"] = nullptr;
  // One simulator report per kernel launch of the last run.
  llvm::json::Array kernels;
  for (const auto &[kernel, json] : module->launches) {
    llvm::Expected<llvm::json::Value> parsed = llvm::json::parse(json);
    kernels.push_back(llvm::json::Object{
        {"kernel", kernel},
        {"report", parsed ? std::move(*parsed)
                          : llvm::json::Value(llvm::toString(
                                parsed.takeError()))}});
  }
  report["kernels"] = std::move(kernels);
  report["notice"] = nullptr;
  llvm::json::Array warnings;
  for (const std::string &w : module->warnings)
    warnings.push_back(w);
  report["warnings"] = std::move(warnings);
  module->report.clear();
  llvm::raw_string_ostream os(module->report);
  os << llvm::formatv("{0:2}", llvm::json::Value(std::move(report)));
  os.flush();
  return module->report.c_str();
}

} // extern "C"
