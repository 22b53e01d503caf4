//===- accel-sim.cpp - Run an accel binary on the simulator -----------------===//
//
// This file implements accel-sim, which runs an accel binary through the
// runtime C API (include/accel-c/Runtime.h) on the simulator:
//
//   accel-sim prog.bin [--target=<preset|file.json>] --input=A=a.npy ...
//             [--output-dir=out/] [--report=report.json] [--trace=trace.json]
//
// Without --target the binary's own target name is loaded.  Outputs are
// written as <output-dir>/<name>.npy; the human summary goes to stdout.
//
//===----------------------------------------------------------------------===//
#include "accel-c/Runtime.h"

#include "accel/ISA/Binary.h"
#include "accel/ISA/Elements.h"
#include "accel/Support/Npy.h"
#include "accel/Target/TargetJSON.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

using namespace llvm;
using namespace accel;

namespace {
cl::opt<std::string> binaryFile(cl::Positional, cl::desc("<program.bin>"),
                                cl::Required);
cl::opt<std::string> targetName(
    "target", cl::desc("Target preset name or JSON file (default: the "
                       "binary's own target)"),
    cl::value_desc("preset|file.json"));
cl::list<std::string> inputs("input",
                             cl::desc("Bind an input to a .npy file"),
                             cl::value_desc("name=file.npy"));
cl::opt<std::string> outputDir("output-dir",
                               cl::desc("Directory for <output>.npy files"),
                               cl::value_desc("dir"));
cl::opt<std::string> reportFile("report", cl::desc("Write the JSON report"),
                                cl::value_desc("file.json"));
cl::opt<std::string> traceFile("trace",
                               cl::desc("Write a Chrome trace-event timeline"),
                               cl::value_desc("file.json"));
cl::opt<bool> quiet("quiet", cl::desc("Do not print the summary"));
} // namespace

static int fail(const Twine &message) {
  WithColor::error(errs(), "accel-sim") << message << "\n";
  return 1;
}

static int failWith(AccelError error) {
  int rc = fail(accelErrorGetMessage(error));
  accelErrorDestroy(error);
  return rc;
}

static bool writeText(StringRef path, StringRef text, std::string &error) {
  std::error_code ec;
  ToolOutputFile out(path, ec, sys::fs::OF_Text);
  if (ec) {
    error = (path + ": " + ec.message()).str();
    return false;
  }
  out.os() << text;
  out.keep();
  return true;
}

int main(int argc, char **argv) {
  InitLLVM y(argc, argv);
  cl::ParseCommandLineOptions(argc, argv, "accel simulator\n");

  std::map<std::string, std::string> inputFiles;
  for (const std::string &spec : inputs) {
    auto [name, file] = StringRef(spec).split('=');
    if (name.empty() || file.empty())
      return fail("--input expects name=file.npy, found '" + spec + "'");
    if (!inputFiles.emplace(name.str(), file.str()).second)
      return fail("--input '" + name + "' given twice");
  }

  // Read the binary once to learn its target when --target is absent.
  auto buffer = MemoryBuffer::getFile(binaryFile, /*IsText=*/false,
                                      /*RequiresNullTerminator=*/false);
  if (!buffer)
    return fail(binaryFile + ": cannot read: " + buffer.getError().message());
  StringRef bytes = (*buffer)->getBuffer();
  std::string target = targetName;
  if (target.empty()) {
    auto program = isa::readBinary(
        ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(bytes.data()),
                          bytes.size()),
        binaryFile);
    if (!program)
      return fail(toString(program.takeError()));
    target = program->targetName;
    std::vector<llvm::StringRef> presets = getTargetPresetNames();
    if (!llvm::is_contained(presets, target))
      return fail(binaryFile + " was built for target '" + target +
                  "', which is not a preset: pass its description with "
                  "--target=<file.json>");
  }

  AccelDevice device;
  if (AccelError e = accelDeviceCreate(target.c_str(), &device))
    return failWith(e);
  AccelProgram program;
  if (AccelError e = accelProgramLoadFile(device, binaryFile.c_str(), &program))
    return failWith(e);

  size_t n = accelProgramGetNumBindings(program);
  std::vector<AccelBindingInfo> infos(n);
  std::vector<AccelBuffer> buffers(n);
  std::vector<const char *> names(n);
  for (size_t i = 0; i < n; ++i) {
    if (AccelError e = accelProgramGetBinding(program, i, &infos[i]))
      return failWith(e);
    const AccelBindingInfo &info = infos[i];
    names[i] = info.name;
    if (AccelError e = accelBufferCreate(device, info.sizeInBytes, &buffers[i]))
      return failWith(e);
    if (info.isOutput)
      continue;
    auto it = inputFiles.find(info.name);
    if (it == inputFiles.end())
      return fail(Twine("no --input for input '") + info.name + "'");
    auto array = readNpy(it->second);
    if (!array)
      return fail(toString(array.takeError()));
    ElementKind kind = *symbolizeElementKind(info.dtype);
    auto data = isa::npyToStorage(
        *array, kind, ArrayRef<int64_t>(info.shape, info.rank),
        (it->second + " (input '" + info.name + "')"));
    if (!data)
      return fail(toString(data.takeError()));
    if (AccelError e =
            accelBufferWrite(buffers[i], 0, data->data(), data->size()))
      return failWith(e);
    inputFiles.erase(it);
  }
  for (auto &[name, file] : inputFiles) {
    (void)file;
    return fail("the program has no input named '" + name + "'");
  }

  AccelLaunch launch;
  if (AccelError e = accelLaunch(program, n, names.data(), buffers.data(),
                                 !traceFile.empty(), &launch))
    return failWith(e);
  if (AccelError e = accelLaunchWait(launch))
    return failWith(e);

  std::string error;
  if (!outputDir.empty()) {
    if (std::error_code ec = sys::fs::create_directories(outputDir))
      return fail(outputDir + ": " + ec.message());
  }
  for (size_t i = 0; i < n; ++i) {
    const AccelBindingInfo &info = infos[i];
    if (!info.isOutput || outputDir.empty())
      continue;
    std::vector<uint8_t> data(info.sizeInBytes);
    if (AccelError e = accelBufferRead(buffers[i], 0, data.data(), data.size()))
      return failWith(e);
    NpyArray array = isa::storageToNpy(
        data, *symbolizeElementKind(info.dtype),
        ArrayRef<int64_t>(info.shape, info.rank));
    SmallString<256> path(outputDir);
    sys::path::append(path, Twine(info.name) + ".npy");
    if (Error e = writeNpy(path, array))
      return fail(toString(std::move(e)));
  }
  if (!reportFile.empty() &&
      !writeText(reportFile, Twine(accelLaunchGetReportJSON(launch)).str() +
                                 "\n",
                 error))
    return fail(error);
  if (!traceFile.empty() &&
      !writeText(traceFile, accelLaunchGetTraceJSON(launch), error))
    return fail(error);
  if (!quiet)
    outs() << accelLaunchGetSummary(launch);

  accelLaunchDestroy(launch);
  for (AccelBuffer b : buffers)
    accelBufferDestroy(b);
  accelProgramDestroy(program);
  accelDeviceDestroy(device);
  return 0;
}
