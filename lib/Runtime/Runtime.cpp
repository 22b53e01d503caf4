//===- Runtime.cpp - C API of the accel runtime ----------------------------===//
//
// This file implements include/accel-c/Runtime.h over the simulator: a
// device owns a TargetDesc, a program a validated isa::Program, a buffer a
// byte vector; a launch builds the DRAM image (constants, then inputs),
// runs the simulator and copies outputs back.
//
//===----------------------------------------------------------------------===//
#include "accel-c/Runtime.h"
#include "accel/Support/CAPIError.h"

#include "accel/ISA/Binary.h"
#include "accel/Simulator/Simulator.h"
#include "accel/Target/TargetJSON.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>
#include <memory>
#include <string>
#include <vector>

using namespace accel;

struct AccelDevice_ {
  TargetDesc desc;
};
struct AccelProgram_ {
  AccelDevice device;
  isa::Program program;
  std::vector<std::string> dtypes;
};
struct AccelBuffer_ {
  std::vector<uint8_t> data;
};
struct AccelLaunch_ {
  std::string error, report, summary, trace;
};

static AccelError makeError(const std::string &message) {
  return new AccelError_{message};
}
static AccelError makeError(llvm::Error err) {
  return makeError(llvm::toString(std::move(err)));
}

extern "C" {

int accelRuntimeGetApiVersion(void) { return ACCEL_RUNTIME_API_VERSION; }


static AccelError finishDevice(llvm::Expected<TargetDesc> desc,
                               AccelDevice *out) {
  if (!desc)
    return makeError(desc.takeError());
  if (desc->kind != TargetKind::Systolic)
    return makeError(llvm::formatv("target '{0}' has no accelerator to run "
                                   "binaries on",
                                   desc->name)
                         .str());
  *out = new AccelDevice_{std::move(*desc)};
  return nullptr;
}

AccelError accelDeviceCreate(const char *target, AccelDevice *out) {
  if (!target || !out)
    return makeError("accelDeviceCreate: null argument");
  return finishDevice(loadTarget(target), out);
}

AccelError accelDeviceCreateFromJSON(const char *json, AccelDevice *out) {
  if (!json || !out)
    return makeError("accelDeviceCreateFromJSON: null argument");
  return finishDevice(parseTargetJSON(json, "<json>"), out);
}

const char *accelDeviceGetTargetName(AccelDevice device) {
  return device ? device->desc.name.c_str() : "";
}
void accelDeviceDestroy(AccelDevice device) { delete device; }

static AccelError loadProgram(AccelDevice device, llvm::ArrayRef<uint8_t> bytes,
                              llvm::StringRef name, AccelProgram *out) {
  auto program = isa::readBinary(bytes, name);
  if (!program)
    return makeError(program.takeError());
  if (llvm::Error err = sim::checkTarget(*program, device->desc))
    return makeError(name.str() + ": " + llvm::toString(std::move(err)));
  auto *p = new AccelProgram_{device, std::move(*program), {}};
  for (const isa::Binding &b : p->program.bindings)
    p->dtypes.push_back(stringifyElementKind(b.dtype).str());
  *out = p;
  return nullptr;
}

AccelError accelProgramLoad(AccelDevice device, const void *data, size_t size,
                            AccelProgram *out) {
  if (!device || (!data && size) || !out)
    return makeError("accelProgramLoad: null argument");
  return loadProgram(device,
                     llvm::ArrayRef<uint8_t>(
                         static_cast<const uint8_t *>(data), size),
                     "binary", out);
}

AccelError accelProgramLoadFile(AccelDevice device, const char *path,
                                AccelProgram *out) {
  if (!device || !path || !out)
    return makeError("accelProgramLoadFile: null argument");
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return makeError(llvm::formatv("{0}: cannot read: {1}", path,
                                   buffer.getError().message())
                         .str());
  llvm::StringRef bytes = (*buffer)->getBuffer();
  return loadProgram(device,
                     llvm::ArrayRef<uint8_t>(
                         reinterpret_cast<const uint8_t *>(bytes.data()),
                         bytes.size()),
                     path, out);
}

void accelProgramDestroy(AccelProgram program) { delete program; }

size_t accelProgramGetNumBindings(AccelProgram program) {
  return program ? program->program.bindings.size() : 0;
}

AccelError accelProgramGetBinding(AccelProgram program, size_t index,
                                  AccelBindingInfo *out) {
  if (!program || !out)
    return makeError("accelProgramGetBinding: null argument");
  if (index >= program->program.bindings.size())
    return makeError(llvm::formatv("binding index {0} out of range (the "
                                   "program has {1})",
                                   index, program->program.bindings.size())
                         .str());
  const isa::Binding &b = program->program.bindings[index];
  out->name = b.name.c_str();
  out->isOutput = b.isOutput;
  out->dtype = program->dtypes[index].c_str();
  out->rank = b.shape.size();
  out->shape = b.shape.data();
  out->sizeInBytes = b.sizeInBytes();
  return nullptr;
}

AccelError accelBufferCreate(AccelDevice device, size_t size,
                             AccelBuffer *out) {
  if (!device || !out)
    return makeError("accelBufferCreate: null argument");
  *out = new AccelBuffer_{std::vector<uint8_t>(size, 0)};
  return nullptr;
}

size_t accelBufferGetSize(AccelBuffer buffer) {
  return buffer ? buffer->data.size() : 0;
}

AccelError accelBufferWrite(AccelBuffer buffer, size_t offset,
                            const void *data, size_t size) {
  if (!buffer || (!data && size))
    return makeError("accelBufferWrite: null argument");
  if (offset > buffer->data.size() || size > buffer->data.size() - offset)
    return makeError(llvm::formatv("accelBufferWrite: [{0}, {1}) is outside "
                                   "the {2}-byte buffer",
                                   offset, offset + size, buffer->data.size())
                         .str());
  if (size)
    std::memcpy(buffer->data.data() + offset, data, size);
  return nullptr;
}

AccelError accelBufferRead(AccelBuffer buffer, size_t offset, void *data,
                           size_t size) {
  if (!buffer || (!data && size))
    return makeError("accelBufferRead: null argument");
  if (offset > buffer->data.size() || size > buffer->data.size() - offset)
    return makeError(llvm::formatv("accelBufferRead: [{0}, {1}) is outside "
                                   "the {2}-byte buffer",
                                   offset, offset + size, buffer->data.size())
                         .str());
  if (size)
    std::memcpy(data, buffer->data.data() + offset, size);
  return nullptr;
}

void accelBufferDestroy(AccelBuffer buffer) { delete buffer; }

AccelError accelLaunch(AccelProgram program, size_t numBindings,
                       const char *const *names, const AccelBuffer *buffers,
                       int trace, AccelLaunch *out) {
  if (!program || !out || (numBindings && (!names || !buffers)))
    return makeError("accelLaunch: null argument");
  const isa::Program &p = program->program;
  std::vector<AccelBuffer> bound(p.bindings.size(), nullptr);
  for (size_t i = 0; i < numBindings; ++i) {
    if (!names[i] || !buffers[i])
      return makeError(llvm::formatv("accelLaunch: binding #{0} has a null "
                                     "name or buffer",
                                     i)
                           .str());
    size_t index = p.bindings.size();
    for (size_t j = 0; j < p.bindings.size(); ++j)
      if (p.bindings[j].name == names[i])
        index = j;
    if (index == p.bindings.size())
      return makeError(llvm::formatv("accelLaunch: the program has no binding "
                                     "named '{0}'",
                                     names[i])
                           .str());
    if (bound[index])
      return makeError(llvm::formatv("accelLaunch: binding '{0}' given twice",
                                     names[i])
                           .str());
    if (buffers[i]->data.size() != p.bindings[index].sizeInBytes())
      return makeError(llvm::formatv("accelLaunch: binding '{0}' needs {1} "
                                     "bytes, the buffer has {2}",
                                     names[i], p.bindings[index].sizeInBytes(),
                                     buffers[i]->data.size())
                           .str());
    bound[index] = buffers[i];
  }
  for (size_t j = 0; j < p.bindings.size(); ++j)
    if (!bound[j])
      return makeError(llvm::formatv("accelLaunch: no buffer for {0} '{1}'",
                                     p.bindings[j].isOutput ? "output"
                                                            : "input",
                                     p.bindings[j].name)
                           .str());
  // DRAM image: constants, then inputs.
  std::vector<uint8_t> dram(p.dramBytes, 0);
  uint64_t hostBytes = 0;
  for (const isa::Constant &c : p.constants) {
    std::memcpy(dram.data() + c.dramOffset, c.data.data(), c.data.size());
    hostBytes += c.data.size();
  }
  for (size_t j = 0; j < p.bindings.size(); ++j)
    if (!p.bindings[j].isOutput) {
      std::memcpy(dram.data() + p.bindings[j].dramOffset,
                  bound[j]->data.data(), bound[j]->data.size());
      hostBytes += bound[j]->data.size();
    }
  sim::Simulator simulator(program->device->desc);
  sim::Options options;
  options.trace = trace != 0;
  for (size_t j = 0; j < p.bindings.size(); ++j)
    if (p.bindings[j].isOutput)
      hostBytes += bound[j]->data.size();
  options.hostLinkBytes = hostBytes;
  std::vector<sim::TraceEvent> events;
  auto report = simulator.run(p, dram, options, trace ? &events : nullptr);
  auto *launch = new AccelLaunch_();
  if (!report) {
    launch->error = llvm::toString(report.takeError());
  } else {
    for (size_t j = 0; j < p.bindings.size(); ++j)
      if (p.bindings[j].isOutput)
        std::memcpy(bound[j]->data.data(),
                    dram.data() + p.bindings[j].dramOffset,
                    bound[j]->data.size());
    llvm::raw_string_ostream os(launch->report);
    os << llvm::formatv("{0:2}", report->toJSON());
    os.flush();
    launch->summary = report->summary();
    if (trace)
      launch->trace = sim::traceToJSON(events, program->device->desc.name);
  }
  *out = launch;
  return nullptr;
}

AccelError accelLaunchWait(AccelLaunch launch) {
  if (!launch)
    return makeError("accelLaunchWait: null argument");
  if (!launch->error.empty())
    return makeError(launch->error);
  return nullptr;
}

const char *accelLaunchGetReportJSON(AccelLaunch launch) {
  return launch ? launch->report.c_str() : "";
}
const char *accelLaunchGetSummary(AccelLaunch launch) {
  return launch ? launch->summary.c_str() : "";
}
const char *accelLaunchGetTraceJSON(AccelLaunch launch) {
  return launch ? launch->trace.c_str() : "";
}
void accelLaunchDestroy(AccelLaunch launch) { delete launch; }

} // extern "C"
