//===- Session.cpp - Launches from compiled host code ----------------------===//
//
// This file implements accelRuntimeLaunchKernel and the process-wide
// session of include/accel-c/Runtime.h on top of the runtime's own C API:
// host buffers are copied into device buffers, the program (cached per
// embedded binary) is launched, outputs are copied back and the report is
// kept.
//
//===----------------------------------------------------------------------===//
#include "accel-c/Runtime.h"

#include "accel/ISA/Binary.h"

#include "llvm/Support/FormatVariadic.h"

#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace {

struct LaunchRecord {
  std::string kernel, report, summary, trace;
};

struct Session {
  std::mutex mutex;
  AccelDevice device = nullptr;     // borrowed
  std::map<std::string, AccelDevice> ownDevices; // by target name
  struct Loaded {
    AccelProgram program;
    AccelDevice device;
    // What was loaded from this address: another binary may later sit
    // there (a module unloaded and another loaded).
    int64_t size;
    uint64_t checksum;
  };
  std::map<const void *, Loaded> programs;
  bool trace = false;
  // A deque: the strings handed out stay put while launches are added.
  std::deque<LaunchRecord> launches;
  std::string error;
  bool failed = false;

  void clear() {
    for (auto &[key, loaded] : programs)
      accelProgramDestroy(loaded.program);
    programs.clear();
    launches.clear();
    error.clear();
    failed = false;
  }
  ~Session() {
    clear();
    for (auto &[name, device] : ownDevices)
      accelDeviceDestroy(device);
  }
};

Session &session() {
  static Session s;
  return s;
}

/// Takes an AccelError's message and destroys it.
std::string take(AccelError error) {
  std::string message = accelErrorGetMessage(error);
  accelErrorDestroy(error);
  return message;
}

std::string launch(Session &s, const char *kernel, const void *binary,
                   int64_t size, const int64_t *addresses, int64_t count) {
  if (!binary || size <= 0 || (count && !addresses))
    return "null or empty binary or buffer table";
  AccelProgram program = nullptr;
  AccelDevice device = s.device;
  auto bytes = llvm::ArrayRef<uint8_t>(static_cast<const uint8_t *>(binary),
                                      size_t(size));
  // The container ends with its FNV-1a checksum: reading it identifies the
  // contents without hashing the binary on every launch.
  uint64_t checksum = 0;
  if (bytes.size() >= sizeof(checksum))
    std::memcpy(&checksum, bytes.end() - sizeof(checksum), sizeof(checksum));
  auto cached = s.programs.find(binary);
  if (cached != s.programs.end() && (cached->second.size != size ||
                                     cached->second.checksum != checksum)) {
    accelProgramDestroy(cached->second.program);
    s.programs.erase(cached);
    cached = s.programs.end();
  }
  if (cached != s.programs.end()) {
    program = cached->second.program;
    device = cached->second.device;
  } else {
    if (!device) {
      // The binary names its target; make a device from that preset.
      auto parsed = accel::isa::readBinary(bytes, kernel);
      if (!parsed)
        return llvm::toString(parsed.takeError());
      AccelDevice &own = s.ownDevices[parsed->targetName];
      if (!own)
        if (AccelError e = accelDeviceCreate(parsed->targetName.c_str(), &own))
          return take(e);
      device = own;
    }
    if (AccelError e = accelProgramLoad(device, binary, size_t(size), &program))
      return take(e);
    s.programs[binary] = {program, device, size, checksum};
  }
  size_t numBindings = accelProgramGetNumBindings(program);
  if (size_t(count) != numBindings)
    return llvm::formatv("the host passed {0} buffers for {1} bindings", count,
                         numBindings)
        .str();
  std::vector<AccelBuffer> buffers(numBindings, nullptr);
  std::vector<const char *> names(numBindings);
  std::vector<AccelBindingInfo> infos(numBindings);
  auto release = [&] {
    for (AccelBuffer b : buffers)
      accelBufferDestroy(b);
  };
  for (size_t i = 0; i < numBindings; ++i) {
    AccelBindingInfo &info = infos[i];
    if (AccelError e = accelProgramGetBinding(program, i, &info)) {
      release();
      return take(e);
    }
    names[i] = info.name;
    if (AccelError e =
            accelBufferCreate(device, info.sizeInBytes, &buffers[i])) {
      release();
      return take(e);
    }
    if (!info.isOutput)
      if (AccelError e = accelBufferWrite(
              buffers[i], 0, reinterpret_cast<const void *>(addresses[i]),
              info.sizeInBytes)) {
        release();
        return take(e);
      }
  }
  AccelLaunch run = nullptr;
  AccelError e = accelLaunch(program, numBindings, names.data(),
                             buffers.data(), s.trace ? 1 : 0, &run);
  if (!e)
    e = accelLaunchWait(run);
  if (e) {
    accelLaunchDestroy(run);
    release();
    return take(e);
  }
  for (size_t i = 0; i < numBindings; ++i)
    if (infos[i].isOutput)
      if (AccelError re =
              accelBufferRead(buffers[i], 0,
                              reinterpret_cast<void *>(addresses[i]),
                              infos[i].sizeInBytes)) {
        accelLaunchDestroy(run);
        release();
        return take(re);
      }
  s.launches.push_back({kernel ? kernel : "", accelLaunchGetReportJSON(run),
                        accelLaunchGetSummary(run),
                        accelLaunchGetTraceJSON(run)});
  accelLaunchDestroy(run);
  release();
  return "";
}

} // namespace

extern "C" {

int32_t accelRuntimeLaunchKernel(const char *kernelName, const void *binary,
                                 int64_t size, const int64_t *bufferAddresses,
                                 int64_t numBuffers) {
  Session &s = session();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (s.failed)
    return 1;
  std::string error =
      launch(s, kernelName, binary, size, bufferAddresses, numBuffers);
  if (error.empty())
    return 0;
  s.failed = true;
  s.error = llvm::formatv("kernel '{0}': {1}", kernelName ? kernelName : "?",
                          error)
                .str();
  return 1;
}

void accelSessionSetDevice(AccelDevice device) {
  Session &s = session();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (s.device != device) {
    for (auto &[key, loaded] : s.programs)
      accelProgramDestroy(loaded.program);
    s.programs.clear();
  }
  s.device = device;
}

void accelSessionSetTrace(int enabled) { session().trace = enabled != 0; }

size_t accelSessionGetNumLaunches(void) { return session().launches.size(); }

static const LaunchRecord *record(size_t index) {
  Session &s = session();
  return index < s.launches.size() ? &s.launches[index] : nullptr;
}
const char *accelSessionGetLaunchKernel(size_t index) {
  const LaunchRecord *r = record(index);
  return r ? r->kernel.c_str() : "";
}
const char *accelSessionGetLaunchReportJSON(size_t index) {
  const LaunchRecord *r = record(index);
  return r ? r->report.c_str() : "";
}
const char *accelSessionGetLaunchSummary(size_t index) {
  const LaunchRecord *r = record(index);
  return r ? r->summary.c_str() : "";
}
const char *accelSessionGetLaunchTraceJSON(size_t index) {
  const LaunchRecord *r = record(index);
  return r ? r->trace.c_str() : "";
}
const char *accelSessionGetError(void) {
  Session &s = session();
  return s.failed ? s.error.c_str() : nullptr;
}
void accelSessionReset(void) {
  Session &s = session();
  std::lock_guard<std::mutex> lock(s.mutex);
  s.clear();
}

} // extern "C"
