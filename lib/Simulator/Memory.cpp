//===- Memory.cpp - SRAM/DRAM region checks and race detection ------------===//
//
// This file implements the Machine's memory checks: a region must be aligned,
// have a stride no smaller than its rows and fit in its memory; every access
// then visits the 16-byte lines it touches and compares their last writer and
// readers against the vector clock of the running queue, so an access that no
// dependency token orders after a conflicting one (a race) is an error.
//
//===----------------------------------------------------------------------===//
#include "Machine.h"

#include <algorithm>

using namespace accel;
using namespace accel::isa;
using namespace accel::sim;
using namespace accel::sim::detail;

llvm::Error Machine::checkRegion(MemId mem, const Region &r,
                                 llvm::StringRef field, uint64_t align,
                                 llvm::StringRef strideField) const {
  const Memory &m = mems[mem];
  if (r.rows == 0 || r.rowBytes == 0)
    return llvm::Error::success();
  if (r.base % align)
    return fail(field, llvm::formatv("address {0} is not a multiple of {1} "
                                     "bytes",
                                     r.base, align));
  if (r.rows > 1 && r.stride % align)
    return fail(strideField, llvm::formatv("stride {0} is not a multiple of "
                                           "{1} bytes",
                                           r.stride, align));
  if (r.rows > 1 && r.stride < r.rowBytes)
    return fail(strideField, llvm::formatv("stride {0} is smaller than a row "
                                           "({1} bytes)",
                                           r.stride, r.rowBytes));
  if (r.end() > m.size)
    return fail(field, llvm::formatv("{0} bytes [{1}, {2}) are out of bounds "
                                     "({0} has {3} bytes)",
                                     m.name, r.base, r.end(), m.size));
  return llvm::Error::success();
}

llvm::Error Machine::access(MemId mem, const Region &r, bool write,
                            llvm::StringRef field) {
  if (r.rows == 0 || r.rowBytes == 0)
    return llvm::Error::success();
  Memory &m = mems[mem];
  unsigned q = static_cast<unsigned>(currentQueue);
  const VClock &vc = clocks[q];
  uint32_t seq = vc[q];
  for (uint64_t row = 0; row < r.rows; ++row) {
    uint64_t begin = r.base + row * r.stride;
    uint64_t first = begin / kLineBytes,
             last = (begin + r.rowBytes - 1) / kLineBytes;
    for (uint64_t l = first; l <= last; ++l) {
      Line &line = m.lines[l];
      if (line.writeSeq && line.writeQueue != q &&
          vc[line.writeQueue] < line.writeSeq)
        return fail(field, llvm::formatv(
                               "{0} {1} bytes [{2}, {3}) that instruction #{5} "
                               "({4} queue) wrote, with no dependency "
                               "token ordering the two",
                               write ? "overwrites" : "reads", m.name,
                               l * kLineBytes, (l + 1) * kLineBytes,
                               stringifyQueue(Queue(line.writeQueue)),
                               streams[line.writeQueue][line.writeSeq - 1]));
      if (write) {
        for (unsigned o = 0; o < kNumQueues; ++o)
          if (o != q && line.readSeq[o] > vc[o])
            return fail(field,
                        llvm::formatv("overwrites {0} bytes [{1}, {2}) that "
                                      "instruction #{4} ({3} queue) reads, "
                                      "with no dependency token ordering the "
                                      "two",
                                      m.name, l * kLineBytes,
                                      (l + 1) * kLineBytes,
                                      stringifyQueue(Queue(o)),
                                      streams[o][line.readSeq[o] - 1]));
        line.writeSeq = seq;
        line.writeQueue = static_cast<uint8_t>(q);
      } else {
        line.readSeq[q] = std::max(line.readSeq[q], seq);
      }
    }
  }
  return llvm::Error::success();
}
