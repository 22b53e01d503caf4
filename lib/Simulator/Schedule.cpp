//===- Schedule.cpp - The queue scheduler and Simulator::run --------------===//
//
// This file implements the simulator's driver.  Instructions are dispatched
// to the load, compute and store queues in stream order; the scheduler always
// runs the queue whose next instruction can start earliest, so the three
// queues overlap exactly as far as their dependency tokens allow.  Every
// instruction executes functionally when it is scheduled, and the tokens
// carry vector clocks that Memory.cpp uses to detect races.  Simulator::run
// then turns the counts into energy and utilization.
//
//===----------------------------------------------------------------------===//
#include "Machine.h"

#include <algorithm>

using namespace accel;
using namespace accel::isa;
using namespace accel::sim;
using namespace accel::sim::detail;

llvm::Error sim::checkTarget(const Program &program, const TargetDesc &desc) {
  if (desc.kind != TargetKind::Systolic)
    return llvm::createStringError(
        llvm::formatv("target '{0}' has no accelerator", desc.name).str());
  uint64_t fp = targetFingerprint(desc);
  if (fp != program.targetFingerprint)
    return llvm::createStringError(
        llvm::formatv("the binary was built for target '{0}' (fingerprint "
                      "{1:x16}), not for target '{2}' (fingerprint {3:x16})",
                      program.targetName, program.targetFingerprint, desc.name,
                      fp)
            .str());
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// Scheduling
//===----------------------------------------------------------------------===//

namespace {
struct QueueLink {
  int popPrev, popNext, pushPrev, pushNext; // channel or -1
};
} // namespace

static QueueLink linksOf(Queue q) {
  switch (q) {
  case Queue::Load: return {-1, ComputeToLoad, -1, LoadToCompute};
  case Queue::Compute:
    return {LoadToCompute, StoreToCompute, ComputeToLoad, ComputeToStore};
  case Queue::Store: return {ComputeToStore, -1, StoreToCompute, -1};
  default: return {-1, -1, -1, -1};
  }
}

llvm::Error Machine::run(const Options &options, Report &rep,
                         std::vector<TraceEvent> *trace) {
  report = &rep;
  for (size_t i = 0; i < program.instructions.size(); ++i) {
    const Instruction &inst = program.instructions[i];
    if (inst.getQueue() == Queue::None)
      continue;
    current = i;
    QueueLink links = linksOf(inst.getQueue());
    const int chans[4] = {links.popPrev, links.popNext, links.pushPrev,
                          links.pushNext};
    for (unsigned b = 0; b < 4; ++b)
      if ((inst.getDeps() & (1u << b)) && chans[b] < 0)
        return fail(stringifyDepFlag(b),
                    llvm::formatv("the {0} queue has no {1} queue",
                                  stringifyQueue(inst.getQueue()),
                                  b % 2 ? "next" : "previous"));
    streams[static_cast<unsigned>(inst.getQueue())].push_back(i);
  }
  std::array<size_t, kNumQueues> pc{};
  std::array<uint64_t, kNumQueues> freeAt{};
  uint64_t end = 0;
  while (true) {
    int best = -1;
    uint64_t bestStart = 0;
    bool anyLeft = false;
    for (unsigned q = 0; q < kNumQueues; ++q) {
      if (pc[q] >= streams[q].size())
        continue;
      anyLeft = true;
      const Instruction &inst = program.instructions[streams[q][pc[q]]];
      QueueLink links = linksOf(inst.getQueue());
      uint64_t start = freeAt[q];
      bool ready = true;
      if (inst.hasDep(PopPrev)) {
        if (channels[links.popPrev].empty())
          ready = false;
        else
          start = std::max(start, channels[links.popPrev].front().ready);
      }
      if (inst.hasDep(PopNext)) {
        if (channels[links.popNext].empty())
          ready = false;
        else
          start = std::max(start, channels[links.popNext].front().ready);
      }
      if (ready && (best < 0 || start < bestStart)) {
        best = static_cast<int>(q);
        bestStart = start;
      }
    }
    if (!anyLeft)
      break;
    if (best < 0) {
      std::string heads;
      for (unsigned q = 0; q < kNumQueues; ++q)
        if (pc[q] < streams[q].size()) {
          size_t i = streams[q][pc[q]];
          heads += llvm::formatv("{0}#{1} ({2}, {3} queue)",
                                 heads.empty() ? "" : ", ", i,
                                 program.instructions[i].getMnemonic(),
                                 stringifyQueue(Queue(q)))
                       .str();
        }
      return llvm::createStringError(
          "deadlock: every remaining queue waits for a dependency token "
          "that is never pushed; blocked instructions: " +
          heads);
    }
    unsigned q = static_cast<unsigned>(best);
    current = streams[q][pc[q]++];
    currentQueue = Queue(q);
    const Instruction &inst = program.instructions[current];
    QueueLink links = linksOf(inst.getQueue());
    VClock &vc = clocks[q];
    vc[q] += 1;
    auto popFrom = [&](int ch) {
      Token tok = channels[ch].front();
      channels[ch].pop_front();
      for (unsigned o = 0; o < kNumQueues; ++o)
        vc[o] = std::max(vc[o], tok.clock[o]);
    };
    if (inst.hasDep(PopPrev))
      popFrom(links.popPrev);
    if (inst.hasDep(PopNext))
      popFrom(links.popNext);

    llvm::Expected<uint64_t> cycles = uint64_t(0);
    Unit unit = Unit::Load;
    switch (inst.getOpcode()) {
    case Opcode::Load: cycles = execLoad(inst); unit = Unit::Load; break;
    case Opcode::Store: cycles = execStore(inst); unit = Unit::Store; break;
    case Opcode::Preload:
      cycles = execPreload(inst);
      unit = Unit::Systolic;
      break;
    case Opcode::Matmul:
      cycles = execMatmul(inst);
      unit = Unit::Systolic;
      break;
    case Opcode::Alu: cycles = execAlu(inst); unit = Unit::Alu; break;
    case Opcode::Pool: cycles = execPool(inst); unit = Unit::Alu; break;
    case Opcode::Halt: break;
    }
    if (!cycles)
      return cycles.takeError();
    uint64_t finish = bestStart + *cycles;
    freeAt[q] = finish;
    end = std::max(end, finish);
    rep.busyCycles[static_cast<unsigned>(unit)] += *cycles;
    rep.instructions[static_cast<unsigned>(unit)] += 1;
    if (inst.hasDep(PushPrev))
      channels[links.pushPrev].push_back({finish, vc});
    if (inst.hasDep(PushNext))
      channels[links.pushNext].push_back({finish, vc});
    if (trace)
      trace->push_back({unit, static_cast<uint32_t>(current),
                        inst.getMnemonic().str(), bestStart, *cycles});
  }
  rep.totalCycles = end;
  rep.hostLinkBytes = options.hostLinkBytes;
  rep.hostLinkCycles = model.getHostLinkCycles(options.hostLinkBytes);
  return llvm::Error::success();
}

llvm::Expected<Report> Simulator::run(const Program &program,
                                      llvm::MutableArrayRef<uint8_t> dram,
                                      const Options &options,
                                      std::vector<TraceEvent> *trace) const {
  if (desc.kind != TargetKind::Systolic)
    return llvm::createStringError(
        llvm::formatv("target '{0}' has no accelerator", desc.name).str());
  if (dram.size() < program.dramBytes)
    return llvm::createStringError(
        llvm::formatv("the DRAM image has {0} bytes, the program needs {1}",
                      dram.size(), program.dramBytes)
            .str());
  Report rep;
  rep.targetName = desc.name;
  rep.clockMHz = desc.clockMHz;
  rep.rows = desc.rows;
  rep.cols = desc.cols;
  Machine machine(desc, program, dram);
  if (auto e = machine.run(options, rep, trace))
    return std::move(e);
  const EnergyTable &en = desc.energy;
  rep.sramReadPJ = (rep.scratchpadRead + rep.accumulatorRead) *
                   en.sramReadPJPerByte;
  rep.sramWritePJ = (rep.scratchpadWritten + rep.accumulatorWritten) *
                    en.sramWritePJPerByte;
  rep.dramPJ = (rep.dramRead + rep.dramWritten) * en.dramPJPerByte;
  rep.hostLinkPJ = rep.hostLinkBytes * en.hostLinkPJPerByte;
  double peak = double(desc.rows) * desc.cols * rep.totalCycles;
  rep.utilization = peak > 0 ? rep.macs / peak : 0;
  return rep;
}
