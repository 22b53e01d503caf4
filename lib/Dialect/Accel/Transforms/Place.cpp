//===- Place.cpp - the accel-place pass -----------------------------------===//
//
// Decides accelerator or host for every accel compute op, in program order so
// that an op knows where its producers went (and hence which operands cross
// the host link). Legality, then the cost model, then the user's overrides.
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Accel/Transforms/Passes.h"

#include "PlacementOverrides.h"

#include "accel/Dialect/Accel/IR/AccelDialect.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"
#include "accel/Dialect/Accel/Transforms/Placement.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace accel {
#define GEN_PASS_DEF_PLACEMENTPASS
#include "accel/Dialect/Accel/Transforms/Passes.h.inc"
} // namespace accel

using namespace mlir;

namespace accel {
namespace {

std::string locationString(Location loc) {
  std::string s;
  llvm::raw_string_ostream os(s);
  loc.print(os);
  return s;
}

/// Seconds in a unit people read: ns, us, ms or s.
std::string formatSeconds(double seconds) {
  if (seconds < 1e-6)
    return llvm::formatv("{0:f1} ns", seconds * 1e9);
  if (seconds < 1e-3)
    return llvm::formatv("{0:f2} us", seconds * 1e6);
  if (seconds < 1)
    return llvm::formatv("{0:f2} ms", seconds * 1e3);
  return llvm::formatv("{0:f2} s", seconds);
}

struct Decision {
  bool onAccelerator = false;
  bool legal = false;
  std::string reason;
  std::string pinError; // an override pins an illegal op to the accelerator
  OpWork work;
  OpCost cost;
};

struct PlacementPass : impl::PlacementPassBase<PlacementPass> {
  using PlacementPassBase::PlacementPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    TargetAttr targetAttr = getTargetAttr(module);
    if (!targetAttr) {
      module.emitError("accel-place needs the module's 'accel.target'; run "
                       "accel-attach-target first (or pass --accel-target)");
      return signalPassFailure();
    }
    const TargetDesc &desc = targetAttr.getDesc();
    TargetModel target(desc);
    HostModel host;
    host.gflops = hostGflops;
    host.gbytesPerSecond = hostGbps;

    std::optional<PlacementOverrides> rules;
    if (!overrides.empty()) {
      auto loaded = loadPlacementOverrides(overrides);
      if (!loaded) {
        module.emitError(llvm::toString(loaded.takeError()));
        return signalPassFailure();
      }
      rules = std::move(*loaded);
    }

    if (!(hostGflops > 0) || !(hostGbps > 0)) {
      module.emitError() << "accel-place: host-gflops and host-gbps must be "
                            "positive, found "
                         << hostGflops << " and " << hostGbps;
      return signalPassFailure();
    }

    SmallVector<Operation *> ops;
    SmallVector<OpWork> works;
    SmallVector<const PlacementRule *> pins;
    module.walk([&](Operation *op) {
      OpWork work = describeWork(op);
      if (!work.kind)
        return;
      ops.push_back(op);
      works.push_back(work);
      pins.push_back(rules ? rules->match(op, work) : nullptr);
    });

    // Whether a result crosses the host link depends on where its users
    // go, which is decided later in program order. Start by assuming every
    // legal user is offloaded, then re-decide with the previous round's
    // placements until nothing changes (a few rounds at most).
    SmallVector<Decision> decisions;
    llvm::DenseMap<Operation *, bool> previous;
    for (int round = 0; round < 4; ++round) {
      llvm::DenseMap<Operation *, bool> current;
      decisions.clear();
      for (auto [op, work, pin] : llvm::zip(ops, works, pins)) {
        Decision d = decide(op, work, target, host, current,
                            round == 0 ? nullptr : &previous);
        if (pin)
          applyRule(*pin, *rules, d);
        current[op] = d.onAccelerator;
        decisions.push_back(std::move(d));
      }
      bool stable = round > 0 && current == previous;
      previous = std::move(current);
      if (stable)
        break;
    }

    llvm::json::Array entries;
    bool failedPin = false;
    for (auto [index, op, d] : llvm::enumerate(ops, decisions)) {
      if (!d.pinError.empty()) {
        op->emitError() << d.pinError;
        failedPin = true;
        continue;
      }
      op->setAttr(AccelDialect::kPlacementAttrName,
                  StringAttr::get(op->getContext(), d.onAccelerator
                                                        ? "accelerator"
                                                        : "host"));
      emitExplanation(op, d);
      entries.push_back(toJSON(op, d, index));
    }
    if (failedPin)
      return signalPassFailure();
    if (rules)
      for (const PlacementRule &rule : rules->rules)
        if (rule.matches == 0)
          module.emitWarning() << rules->path << ": rules[" << rule.index
                               << "] matches no operation";
    if (!report.empty() && failed(writeReport(desc, std::move(entries))))
      return signalPassFailure();
  }

  /// Legality, then cost. `users` holds the previous round's placements
  /// (null in the first round, when legal users count as offloaded).
  Decision decide(Operation *op, const OpWork &work, const TargetModel &target,
                  const HostModel &host,
                  const llvm::DenseMap<Operation *, bool> &producers,
                  const llvm::DenseMap<Operation *, bool> *users) {
    Decision d;
    d.work = work;
    std::optional<std::string> illegal = checkLegality(work, target);
    // Ops the accelerator path cannot compile stay on the host, so kernels
    // hold only what runs on the accelerator.
    if (!illegal && compiledOnly && target.hasAccelerator())
      illegal = checkCompilable(op);
    d.legal = !illegal;
    if (illegal) {
      d.reason = *illegal;
      return d;
    }
    d.cost = estimateCost(work, target, host,
                          linkBytes(op, target, producers, users));
    if (!costModel) {
      d.onAccelerator = true;
      d.reason = "legal (cost model off)";
      return d;
    }
    d.onAccelerator = d.cost.acceleratorSeconds < d.cost.hostSeconds;
    d.reason = d.onAccelerator ? "offload is faster" : "host is faster";
    return d;
  }

  /// Bytes over the host link if `op` runs on the accelerator: operands not
  /// produced there, and results that some user outside the accelerator
  /// (a host op, the function's return, or an op the target cannot run)
  /// reads.
  static uint64_t linkBytes(Operation *op, const TargetModel &target,
                            const llvm::DenseMap<Operation *, bool> &producers,
                            const llvm::DenseMap<Operation *, bool> *users) {
    uint64_t bytes = 0;
    auto sizeOf = [](Value v) -> uint64_t {
      auto type = cast<RankedTensorType>(v.getType());
      auto kind = classifyElementType(type.getElementType());
      return (type.getNumElements() * (kind ? getStorageBits(*kind) : 32) +
              7) /
             8;
    };
    for (Value operand : op->getOperands()) {
      Operation *producer = operand.getDefiningOp();
      auto it = producer ? producers.find(producer) : producers.end();
      if (it == producers.end() || !it->second)
        bytes += sizeOf(operand);
    }
    auto onHost = [&](Operation *user) {
      if (users) {
        auto it = users->find(user);
        return it == users->end() || !it->second;
      }
      OpWork userWork = describeWork(user);
      return !userWork.kind || checkLegality(userWork, target).has_value();
    };
    for (Value result : op->getResults())
      if (llvm::any_of(result.getUsers(), onHost))
        bytes += sizeOf(result);
    return bytes;
  }

  static void applyRule(const PlacementRule &rule,
                        const PlacementOverrides &rules, Decision &d) {
    std::string origin =
        llvm::formatv("{0}: rules[{1}]", rules.path, rule.index).str();
    if (rule.toAccelerator && !d.legal) {
      d.pinError = origin +
                   " pins this op to the accelerator, but the target cannot "
                   "run it: " +
                   d.reason;
      return;
    }
    d.onAccelerator = rule.toAccelerator;
    d.reason = "pinned by " + origin + " (was: " + d.reason + ")";
  }

  void emitExplanation(Operation *op, const Decision &d) {
    InFlightDiagnostic remark = op->emitRemark()
                                << (d.onAccelerator ? "accelerator: "
                                                    : "host: ")
                                << d.reason;
    if (!d.legal)
      return;
    remark << llvm::formatv(
        "; accelerator {0} cycles ({1} compute, {2} DMA) + {3} host-link "
        "cycles = {4} vs host {5}; {6} B over the host link; {7:f1} nJ",
        d.cost.acceleratorCycles, d.cost.computeCycles, d.cost.dmaCycles,
        d.cost.linkCycles, formatSeconds(d.cost.acceleratorSeconds),
        formatSeconds(d.cost.hostSeconds), d.cost.linkBytes,
        d.cost.energyPJ / 1000.0);
  }

  llvm::json::Object toJSON(Operation *op, const Decision &d, unsigned index) {
    llvm::json::Object entry{
        {"index", index},
        {"op", op->getName().getStringRef()},
        {"loc", locationString(op->getLoc())},
        {"placement", d.onAccelerator ? "accelerator" : "host"},
        {"legal", d.legal},
        {"reason", d.reason},
    };
    if (auto func = op->getParentOfType<func::FuncOp>())
      entry["function"] = func.getName();
    if (d.work.accumulator)
      entry["macs"] = int64_t(d.work.macs());
    if (d.legal) {
      entry["accelerator_cycles"] = int64_t(d.cost.acceleratorCycles);
      entry["compute_cycles"] = int64_t(d.cost.computeCycles);
      entry["dma_cycles"] = int64_t(d.cost.dmaCycles);
      entry["link_bytes"] = int64_t(d.cost.linkBytes);
      entry["link_cycles"] = int64_t(d.cost.linkCycles);
      entry["accelerator_seconds"] = d.cost.acceleratorSeconds;
      entry["host_seconds"] = d.cost.hostSeconds;
      entry["energy_pj"] = d.cost.energyPJ;
    }
    return entry;
  }

  LogicalResult writeReport(const TargetDesc &desc, llvm::json::Array entries) {
    unsigned accelerator = 0;
    for (const llvm::json::Value &entry : entries)
      if (entry.getAsObject()->getString("placement") == "accelerator")
        ++accelerator;
    unsigned total = entries.size();
    llvm::json::Object root{
        {"target", desc.name},
        {"cost_model", bool(costModel)},
        {"host_gflops", double(hostGflops)},
        {"host_gbps", double(hostGbps)},
        {"summary",
         llvm::json::Object{{"accelerator", accelerator},
                            {"host", total - accelerator}}},
        {"ops", std::move(entries)},
    };
    std::error_code ec;
    llvm::raw_fd_ostream os(report, ec, llvm::sys::fs::OF_Text);
    if (ec)
      return getOperation().emitError()
             << "cannot write placement report '" << report
             << "': " << ec.message();
    os << llvm::formatv("{0:2}", llvm::json::Value(std::move(root))) << "\n";
    return success();
  }
};

} // namespace
} // namespace accel
