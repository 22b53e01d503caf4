//===- Report.cpp - Closed-form cycles, reports and traces ----------------===//
//
// This file implements the simulator's outputs: the closed-form cycle counts
// that Simulator exposes for tests, the report as JSON and as a summary for
// humans, and the trace in the Chrome trace-event format.
//
//===----------------------------------------------------------------------===//
#include "Machine.h"

#include "llvm/Support/raw_ostream.h"

using namespace accel;
using namespace accel::isa;
using namespace accel::sim;
using namespace accel::sim::detail;

llvm::StringRef sim::stringifyUnit(Unit unit) {
  switch (unit) {
  case Unit::Load: return "load";
  case Unit::Systolic: return "systolic";
  case Unit::Alu: return "alu";
  case Unit::Store: return "store";
  }
  return "?";
}

//===----------------------------------------------------------------------===//
// Closed forms (docs/Simulator.md)
//===----------------------------------------------------------------------===//

uint64_t Simulator::preloadCycles() const { return preloadCyclesOf(desc); }

uint64_t Simulator::matmulCycles(uint64_t m, uint64_t n, uint64_t k) const {
  (void)n;
  return matmulCyclesOf(desc, m, k);
}

uint64_t Simulator::aluCycles(uint64_t rows, uint64_t cols) const {
  return aluCyclesOf(desc, rows, cols);
}

uint64_t Simulator::poolCycles(uint64_t rows, uint64_t cols,
                               uint64_t window) const {
  return poolCyclesOf(desc, rows, cols, window);
}

uint64_t Simulator::dmaCycles(uint64_t dramBytes) const {
  return TargetModel(desc).getDmaCycles(dramBytes);
}

//===----------------------------------------------------------------------===//
// Reports and traces
//===----------------------------------------------------------------------===//

llvm::json::Value Report::toJSON() const {
  llvm::json::Object busy, count;
  for (unsigned u = 0; u < kNumUnits; ++u) {
    busy[stringifyUnit(Unit(u))] = static_cast<int64_t>(busyCycles[u]);
    count[stringifyUnit(Unit(u))] = static_cast<int64_t>(instructions[u]);
  }
  return llvm::json::Object{
      {"target", targetName},
      {"clock_mhz", clockMHz},
      {"array", llvm::json::Object{{"rows", static_cast<int64_t>(rows)},
                                   {"cols", static_cast<int64_t>(cols)}}},
      {"total_cycles", static_cast<int64_t>(totalCycles)},
      {"seconds", seconds()},
      {"busy_cycles", std::move(busy)},
      {"instructions", std::move(count)},
      {"macs", static_cast<int64_t>(macs)},
      {"utilization", utilization},
      {"bytes",
       llvm::json::Object{
           {"dram_read", static_cast<int64_t>(dramRead)},
           {"dram_written", static_cast<int64_t>(dramWritten)},
           {"scratchpad_read", static_cast<int64_t>(scratchpadRead)},
           {"scratchpad_written", static_cast<int64_t>(scratchpadWritten)},
           {"accumulator_read", static_cast<int64_t>(accumulatorRead)},
           {"accumulator_written", static_cast<int64_t>(accumulatorWritten)},
           {"host_link", static_cast<int64_t>(hostLinkBytes)}}},
      {"host_link_cycles", static_cast<int64_t>(hostLinkCycles)},
      {"energy_pj",
       llvm::json::Object{{"mac", macPJ},
                          {"sram_read", sramReadPJ},
                          {"sram_write", sramWritePJ},
                          {"dram", dramPJ},
                          {"host_link", hostLinkPJ},
                          {"total", totalPJ()}}},
  };
}

std::string Report::summary() const {
  std::string out;
  llvm::raw_string_ostream os(out);
  os << llvm::formatv("target {0}: {1} cycles ({2:f3} us at {3} MHz), {4} "
                      "MACs, utilization {5:f4}\n",
                      targetName, totalCycles, seconds() * 1e6, clockMHz, macs,
                      utilization);
  os << "busy cycles:";
  for (unsigned u = 0; u < kNumUnits; ++u)
    os << " " << stringifyUnit(Unit(u)) << " " << busyCycles[u];
  os << "\n";
  os << llvm::formatv("bytes: DRAM {0} read / {1} written, scratchpad {2} / "
                      "{3}, accumulator {4} / {5}, host link {6}\n",
                      dramRead, dramWritten, scratchpadRead, scratchpadWritten,
                      accumulatorRead, accumulatorWritten, hostLinkBytes);
  os << llvm::formatv("energy: {0:f1} pJ (MAC {1:f1}, SRAM read {2:f1}, SRAM "
                      "write {3:f1}, DRAM {4:f1}, host link {5:f1})\n",
                      totalPJ(), macPJ, sramReadPJ, sramWritePJ, dramPJ,
                      hostLinkPJ);
  os.flush();
  return out;
}

std::string sim::traceToJSON(llvm::ArrayRef<TraceEvent> events,
                             llvm::StringRef targetName) {
  llvm::json::Array out;
  out.push_back(llvm::json::Object{
      {"name", "process_name"}, {"ph", "M"}, {"pid", 1}, {"tid", 0},
      {"args", llvm::json::Object{{"name", ("accel " + targetName).str()}}}});
  for (unsigned u = 0; u < kNumUnits; ++u) {
    out.push_back(llvm::json::Object{
        {"name", "thread_name"}, {"ph", "M"}, {"pid", 1},
        {"tid", static_cast<int64_t>(u)},
        {"args", llvm::json::Object{{"name", stringifyUnit(Unit(u))}}}});
    out.push_back(llvm::json::Object{
        {"name", "thread_sort_index"}, {"ph", "M"}, {"pid", 1},
        {"tid", static_cast<int64_t>(u)},
        {"args", llvm::json::Object{{"sort_index", static_cast<int64_t>(u)}}}});
  }
  for (const TraceEvent &e : events)
    out.push_back(llvm::json::Object{
        {"name", e.name},
        {"cat", stringifyUnit(e.unit)},
        {"ph", "X"},
        {"pid", 1},
        {"tid", static_cast<int64_t>(e.unit)},
        {"ts", static_cast<int64_t>(e.start)},
        {"dur", static_cast<int64_t>(e.duration)},
        {"args", llvm::json::Object{{"index", static_cast<int64_t>(e.index)},
                                    {"cycles",
                                     static_cast<int64_t>(e.duration)}}}});
  llvm::json::Object root{
      {"traceEvents", std::move(out)},
      {"otherData",
       llvm::json::Object{{"time_unit", "1 us on the timeline is 1 "
                                        "accelerator cycle"}}}};
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::json::Value(std::move(root));
  os.flush();
  return text;
}
