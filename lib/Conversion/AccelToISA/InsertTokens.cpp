//===- InsertTokens.cpp - Dependency tokens between the ISA queues ---------===//
//
// accel-insert-tokens: the load, compute and store queues run concurrently
// and are ordered only by push/pop tokens (docs/isa.md).  For each
// instruction this pass finds, per other queue, the newest earlier
// instruction touching the same bytes (at least one writing), tracked per
// 64-byte block of each memory, and makes the instruction wait for it:
// the producer pushes toward the consumer's queue and the consumer pops.
// A queue that already waited for a later instruction of that queue needs
// no new token (the queues are in order).  Load and store are not
// neighbours; their conflicts go through a zero-row `alu` on the compute
// queue that pops from one and pushes to the other.
//
//===----------------------------------------------------------------------===//
#include "IsaUtils.h"

#include "accel/Conversion/Passes.h"
#include "accel/ISA/Binary.h"

namespace accel {
#define GEN_PASS_DEF_INSERTTOKENSPASS
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;

namespace accel {
namespace {

constexpr uint64_t kBlock = 64;
enum Mem { Sp = 0, Acc = 1, Dram = 2 };
constexpr int kLoad = 0, kCompute = 1, kStore = 2;

struct Access {
  Mem mem;
  uint64_t begin, end; // bytes, [begin, end)
  bool write;
};

uint64_t bytesOf(int64_t kind, int64_t count) {
  return isa::storageBytes(static_cast<ElementKind>(kind), count);
}

/// The bounding byte range of a strided rows x rowBytes region.
Access region(Mem mem, int64_t addr, int64_t rows, uint64_t rowBytes,
              int64_t stride, bool write) {
  uint64_t s = stride ? stride : rowBytes;
  uint64_t end = rows ? addr + (rows - 1) * s + rowBytes : addr;
  return {mem, uint64_t(addr), end, write};
}

SmallVector<Access> accessesOf(Operation *op, bool outputStationary) {
  auto f = [&](StringRef name) { return getIsaField(op, name); };
  SmallVector<Access> out;
  StringRef name = op->getName().getStringRef();
  if (name == "accel.isa.load") {
    Mem mem = f("mem") ? Acc : Sp;
    out.push_back(region(Dram, f("dram_addr"), f("broadcast") ? 1 : f("rows"),
                         bytesOf(f("dram_type"), f("cols")), f("dram_stride"),
                         false));
    out.push_back(region(mem, f("sram_addr"), f("rows"),
                         bytesOf(f("sram_type"), f("cols")), f("sram_stride"),
                         true));
  } else if (name == "accel.isa.store") {
    Mem mem = f("mem") ? Acc : Sp;
    out.push_back(region(mem, f("sram_addr"), f("rows"),
                         bytesOf(f("sram_type"), f("cols")), f("sram_stride"),
                         false));
    out.push_back(region(Dram, f("dram_addr"), f("rows"),
                         bytesOf(f("dram_type"), f("cols")), f("dram_stride"),
                         true));
  } else if (name == "accel.isa.preload") {
    out.push_back(region(Sp, f("sram_addr"), f("k"),
                         bytesOf(f("type"), f("n")), f("sram_stride"), false));
  } else if (name == "accel.isa.matmul") {
    out.push_back(region(Sp, f("a_addr"), f("m"), bytesOf(f("type"), f("k")),
                         f("a_stride"), false));
    // Output-stationary matmuls read B from the scratchpad (address 0
    // included); weight-stationary ones take it from the preload.
    if (outputStationary)
      out.push_back(region(Sp, f("b_addr"), f("k"),
                           bytesOf(f("type"), f("n")), f("b_stride"), false));
    out.push_back(region(Acc, f("c_addr"), f("m"), 4 * f("n"), f("c_stride"),
                         true));
  } else if (name == "accel.isa.alu" || name == "accel.isa.pool") {
    bool isPool = name == "accel.isa.pool";
    int64_t rows = f("rows");
    uint64_t rowBytes = 4 * f("cols");
    out.push_back(region(Acc, f("src"), isPool ? rows * f("win_h") : rows,
                         isPool ? rowBytes * f("win_w") : rowBytes,
                         f("src_stride"), false));
    out.push_back(region(Acc, f("dst"), rows, rowBytes, f("dst_stride"), true));
  }
  return out;
}

/// Per block of memory: the newest reader and writer in each queue.
struct BlockState {
  int32_t lastRead[3] = {-1, -1, -1};
  int32_t lastWrite[3] = {-1, -1, -1};
};

class TokenInserter {
public:
  explicit TokenInserter(func::FuncOp kernel) : kernel(kernel) {}
  LogicalResult run();

private:
  void addToken(unsigned producer, unsigned consumer);
  Operation *insertSyncBefore(Operation *op);

  func::FuncOp kernel;
  std::vector<BlockState> blocks[3];
  std::vector<Operation *> stream; // rewritten stream, by index
  std::vector<int> queueOf;
  int waited[3][3];
};

int queueIndex(Operation *op) {
  const isa::OpcodeInfo *info = getIsaInfo(op);
  if (!info || info->queue == isa::Queue::None)
    return -1;
  return static_cast<int>(info->queue);
}

void TokenInserter::addToken(unsigned producer, unsigned consumer) {
  int pq = queueOf[producer], cq = queueOf[consumer];
  // Toward the next queue (load -> compute -> store) or the previous one.
  bool forward = cq > pq;
  stream[producer]->setAttr(forward ? "push_next" : "push_prev",
                            UnitAttr::get(kernel.getContext()));
  stream[consumer]->setAttr(forward ? "pop_prev" : "pop_next",
                            UnitAttr::get(kernel.getContext()));
  waited[cq][pq] = std::max(waited[cq][pq], int(producer));
}

Operation *TokenInserter::insertSyncBefore(Operation *op) {
  OpBuilder b(op);
  OperationState state(op->getLoc(), "accel.isa.alu");
  Builder fb(kernel.getContext());
  // mov of zero rows: no data, no cycles, only tokens.  Its type is one
  // the target's accumulator holds (the simulator checks it).
  const TargetDesc &desc = getTargetAttr(kernel).getDesc();
  ElementKind acc = desc.typeCombos.empty() ? ElementKind::I32
                                            : desc.typeCombos[0].accumulator;
  state.addAttribute(
      "fields",
      fb.getDictionaryAttr(
          {fb.getNamedAttr("op", fb.getI64IntegerAttr(int64_t(isa::AluOp::Mov))),
           fb.getNamedAttr("type", fb.getI64IntegerAttr(int64_t(acc))),
           fb.getNamedAttr("rows", fb.getI64IntegerAttr(0))}));
  return b.create(state);
}

LogicalResult TokenInserter::run() {
  auto program =
      kernel->getAttrOfType<DictionaryAttr>(AccelDialect::kProgramAttrName);
  auto dram = program.getAs<IntegerAttr>("dram_bytes");
  TargetAttr target = getTargetAttr(kernel);
  if (!dram)
    return kernel.emitError("has an accel.program without dram_bytes; run "
                            "accel-lower-to-isa first");
  if (!target)
    return kernel.emitError("accel-insert-tokens needs the module's "
                            "accel.target");
  uint64_t dramBytes = dram.getInt();
  uint64_t sizes[3] = {target.getDesc().scratchpadBytes,
                       target.getDesc().accumulatorBytes, dramBytes};
  for (int m = 0; m < 3; ++m)
    blocks[m].resize(sizes[m] / kBlock + 1);
  for (auto &row : waited)
    for (int &w : row)
      w = -1;

  SmallVector<Operation *> ops;
  for (Operation &op : kernel.getBody().front())
    if (queueIndex(&op) >= 0)
      ops.push_back(&op);
  for (Operation *op : ops) {
    int q = queueIndex(op);
    SmallVector<Access> accesses = accessesOf(
        op, target.getDesc().dataflow == Dataflow::OutputStationary);
    // The newest conflicting instruction of each queue.
    int dep[3] = {-1, -1, -1};
    for (const Access &a : accesses) {
      if (a.end > sizes[a.mem])
        return op->emitOpError() << "touches bytes up to " << a.end
                                 << " of a memory of " << sizes[a.mem];
      for (uint64_t blk = a.begin / kBlock; blk * kBlock < a.end; ++blk) {
        BlockState &s = blocks[a.mem][blk];
        for (int other = 0; other < 3; ++other) {
          if (other == q)
            continue;
          dep[other] = std::max(dep[other], s.lastWrite[other]);
          if (a.write)
            dep[other] = std::max(dep[other], s.lastRead[other]);
        }
      }
    }
    unsigned index = stream.size();
    // The non-neighbour queue first: its synchronizing compute instruction
    // is newer than any compute instruction this one conflicts with, so
    // waiting for it covers both with the one pop a queue has per
    // neighbour.
    int order[2];
    unsigned n = 0;
    for (int other : {0, 1, 2})
      if (other != q && std::abs(other - q) == 2)
        order[n++] = other;
    for (int other : {0, 1, 2})
      if (other != q && std::abs(other - q) == 1)
        order[n++] = other;
    for (unsigned o = 0; o < n; ++o) {
      int other = order[o];
      int d = dep[other];
      if (d <= waited[q][other])
        continue;
      if (std::abs(other - q) == 1) {
        stream.push_back(op);
        queueOf.push_back(q);
        addToken(d, index);
        stream.pop_back();
        queueOf.pop_back();
        continue;
      }
      // Load <-> store: through a synchronizing compute instruction.
      Operation *sync = insertSyncBefore(op);
      unsigned s = stream.size();
      stream.push_back(sync);
      queueOf.push_back(kCompute);
      if (d > waited[kCompute][other])
        addToken(d, s);
      index = stream.size();
      stream.push_back(op);
      queueOf.push_back(q);
      addToken(s, index);
      stream.pop_back();
      queueOf.pop_back();
      waited[q][other] = std::max(waited[q][other], d);
    }
    stream.push_back(op);
    queueOf.push_back(q);
    for (const Access &a : accesses)
      for (uint64_t blk = a.begin / kBlock; blk * kBlock < a.end; ++blk) {
        BlockState &s = blocks[a.mem][blk];
        (a.write ? s.lastWrite : s.lastRead)[q] = int32_t(index);
      }
  }
  return success();
}

struct InsertTokensPass : impl::InsertTokensPassBase<InsertTokensPass> {
  void runOnOperation() override {
    WalkResult result = getOperation().walk([&](func::FuncOp f) {
      if (!f->hasAttr(AccelDialect::kProgramAttrName))
        return WalkResult::advance();
      if (failed(TokenInserter(f).run()))
        return WalkResult::interrupt();
      return WalkResult::advance();
    });
    if (result.wasInterrupted())
      signalPassFailure();
  }
};

} // namespace
} // namespace accel
