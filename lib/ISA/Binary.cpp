//===- Binary.cpp - Reading and writing the accel container ----------------===//
//
// This file implements the versioned container of docs/isa.md ("Binary
// container"): a 64-byte header, the target name, bindings, requantization
// table, constants, the instruction stream and an FNV-1a 64 checksum.  All
// integers are little-endian.
//
//===----------------------------------------------------------------------===//
#include "accel/ISA/Binary.h"

#include "accel/Target/TargetJSON.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>
#include <algorithm>
#include <set>

using namespace accel;
using namespace accel::isa;

static uint64_t product(const std::vector<int64_t> &shape) {
  uint64_t n = 1;
  for (int64_t d : shape)
    n *= static_cast<uint64_t>(d);
  return n;
}

uint64_t isa::storageBytes(ElementKind kind, uint64_t count) {
  unsigned bits = getStorageBits(kind);
  return (count * bits + 7) / 8;
}

uint64_t Binding::numElements() const { return product(shape); }
uint64_t Binding::sizeInBytes() const {
  return storageBytes(dtype, numElements());
}
uint64_t Constant::numElements() const { return product(shape); }

const Binding *Program::findBinding(llvm::StringRef name) const {
  for (const Binding &b : bindings)
    if (b.name == name)
      return &b;
  return nullptr;
}

uint64_t isa::fnv1a64(llvm::ArrayRef<uint8_t> bytes) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (uint8_t b : bytes) {
    h ^= b;
    h *= 0x100000001b3ull;
  }
  return h;
}

uint64_t isa::targetFingerprint(const TargetDesc &desc) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::json::Value(targetToJSON(desc, /*omitDefaults=*/false));
  os.flush();
  return fnv1a64(llvm::ArrayRef<uint8_t>(
      reinterpret_cast<const uint8_t *>(text.data()), text.size()));
}

static llvm::Error fail(const llvm::Twine &message) {
  return llvm::createStringError(message.str());
}

/// At most 8 dimensions, none negative, and at most kMaxDramBytes elements
/// in all (checked without overflowing: a wrapped product would make a huge
/// tensor look empty).
static bool validShape(const std::vector<int64_t> &shape) {
  if (shape.size() > 8)
    return false;
  uint64_t elements = 1;
  for (int64_t d : shape) {
    if (d < 0)
      return false;
    if (d != 0 && elements > isa::kMaxDramBytes / uint64_t(d))
      return false;
    elements *= uint64_t(d);
  }
  return true;
}

/// Names become file names (accel-sim writes <name>.npy): letters, digits,
/// '_', '-' and '.', not starting with '.'.
static bool validName(llvm::StringRef name) {
  if (name.empty() || name.front() == '.')
    return false;
  return llvm::all_of(name, [](char c) {
    return llvm::isAlnum(c) || c == '_' || c == '-' || c == '.';
  });
}

llvm::Error isa::verifyProgram(const Program &p) {
  if (p.dramBytes > kMaxDramBytes)
    return fail(llvm::formatv("field 'dram_bytes': {0} exceeds the "
                              "simulator's limit of {1} bytes",
                              p.dramBytes, kMaxDramBytes));
  std::set<std::string> names;
  // DRAM ranges of bindings and constants, which must not overlap: a launch
  // writes constants and then inputs, so an overlap silently loses data.
  struct Range {
    uint64_t begin, end;
    std::string what;
  };
  std::vector<Range> ranges;
  for (size_t i = 0; i < p.bindings.size(); ++i) {
    const Binding &b = p.bindings[i];
    if (!validName(b.name))
      return fail(llvm::formatv("binding #{0}: invalid name '{1}' (expected "
                                "letters, digits, '_', '-' or '.', not "
                                "starting with '.')",
                                i, b.name));
    if (!names.insert(b.name).second)
      return fail(llvm::formatv("binding '{0}': duplicate name", b.name));
    if (!validShape(b.shape))
      return fail(llvm::formatv("binding '{0}': invalid shape (at most 8 "
                                "non-negative dimensions and {1} elements)",
                                b.name, kMaxDramBytes));
    if (b.dramOffset > p.dramBytes ||
        b.sizeInBytes() > p.dramBytes - b.dramOffset)
      return fail(llvm::formatv(
          "binding '{0}': DRAM range [{1}, {2}) exceeds dram_bytes {3}",
          b.name, b.dramOffset, b.dramOffset + b.sizeInBytes(), p.dramBytes));
    ranges.push_back({b.dramOffset, b.dramOffset + b.sizeInBytes(),
                      "binding '" + b.name + "'"});
  }
  for (size_t i = 0; i < p.qparams.size(); ++i) {
    const QParam &q = p.qparams[i];
    if (q.multiplier < 0)
      return fail(llvm::formatv("qparam #{0}: field 'multiplier' {1} is "
                                "negative", i, q.multiplier));
    if (q.exponent < -31 || q.exponent > 30)
      return fail(llvm::formatv("qparam #{0}: field 'exponent' {1} is out of "
                                "range [-31, 30]", i, q.exponent));
    if (q.lo > q.hi)
      return fail(llvm::formatv("qparam #{0}: field 'lo' {1} is above field "
                                "'hi' {2}", i, q.lo, q.hi));
  }
  for (size_t i = 0; i < p.constants.size(); ++i) {
    const Constant &c = p.constants[i];
    if (!validShape(c.shape))
      return fail(llvm::formatv("constant '{0}': invalid shape (at most 8 "
                                "non-negative dimensions and {1} elements)",
                                c.name, kMaxDramBytes));
    uint64_t want = storageBytes(c.dtype, c.numElements());
    if (c.data.size() != want)
      return fail(llvm::formatv("constant '{0}': {1} data bytes, its shape "
                                "needs {2}", c.name, c.data.size(), want));
    if (c.dramOffset > p.dramBytes || want > p.dramBytes - c.dramOffset)
      return fail(llvm::formatv(
          "constant '{0}': DRAM range [{1}, {2}) exceeds dram_bytes {3}",
          c.name, c.dramOffset, c.dramOffset + want, p.dramBytes));
    ranges.push_back({c.dramOffset, c.dramOffset + want,
                      "constant '" + c.name + "'"});
  }
  std::sort(ranges.begin(), ranges.end(), [](const Range &a, const Range &b) {
    return a.begin < b.begin;
  });
  // Sorted by start, a range overlaps an earlier one exactly when it starts
  // before the furthest end seen so far.
  size_t furthest = 0;
  for (size_t i = 0; i < ranges.size(); ++i) {
    if (ranges[i].begin == ranges[i].end)
      continue;
    if (i > 0 && ranges[i].begin < ranges[furthest].end)
      return fail(llvm::formatv("{0} (DRAM [{1}, {2})) overlaps {3} (DRAM "
                                "[{4}, {5}))",
                                ranges[i].what, ranges[i].begin, ranges[i].end,
                                ranges[furthest].what, ranges[furthest].begin,
                                ranges[furthest].end));
    if (ranges[i].end > ranges[furthest].end || i == 0)
      furthest = i;
  }
  if (p.instructions.empty() ||
      p.instructions.back().getOpcode() != Opcode::Halt)
    return fail("the instruction stream must end with 'halt'");
  for (size_t i = 0; i + 1 < p.instructions.size(); ++i)
    if (p.instructions[i].getOpcode() == Opcode::Halt)
      return fail(llvm::formatv("instruction #{0}: 'halt' before the end of "
                                "the stream", i));
  if (p.instructions.back().getDeps() != 0)
    return fail(llvm::formatv("instruction #{0}: 'halt' takes no dependency "
                              "flags", p.instructions.size() - 1));
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// Writing
//===----------------------------------------------------------------------===//

namespace {
struct Writer {
  std::vector<uint8_t> out;
  void bytes(const void *data, size_t n) {
    const uint8_t *p = static_cast<const uint8_t *>(data);
    out.insert(out.end(), p, p + n);
  }
  void u8(uint8_t v) { out.push_back(v); }
  void u16(uint16_t v) { le(v, 2); }
  void u32(uint32_t v) { le(v, 4); }
  void u64(uint64_t v) { le(v, 8); }
  void le(uint64_t v, unsigned n) {
    for (unsigned i = 0; i < n; ++i)
      out.push_back(uint8_t(v >> (8 * i)));
  }
  void str(llvm::StringRef s) {
    u16(static_cast<uint16_t>(s.size()));
    bytes(s.data(), s.size());
  }
  void patch64(size_t at, uint64_t v) {
    for (unsigned i = 0; i < 8; ++i)
      out[at + i] = uint8_t(v >> (8 * i));
  }
};
} // namespace

llvm::Expected<std::vector<uint8_t>> isa::writeBinary(const Program &p) {
  if (llvm::Error err = verifyProgram(p))
    return std::move(err);
  if (p.targetName.size() > 0xffff)
    return fail("target name longer than 65535 bytes");
  Writer w;
  w.bytes(kBinaryMagic, 8);
  w.u16(kBinaryVersionMajor);
  w.u16(kBinaryVersionMinor);
  w.u32(kBinaryHeaderBytes);
  w.u64(0); // file_bytes, patched below
  w.u64(p.targetFingerprint);
  w.u64(p.dramBytes);
  w.u32(static_cast<uint32_t>(p.bindings.size()));
  w.u32(static_cast<uint32_t>(p.qparams.size()));
  w.u32(static_cast<uint32_t>(p.constants.size()));
  w.u32(static_cast<uint32_t>(p.instructions.size()));
  w.u64(0); // reserved
  w.str(p.targetName);
  for (const Binding &b : p.bindings) {
    if (b.name.size() > 0xffff)
      return fail("binding name longer than 65535 bytes");
    w.str(b.name);
    w.u8(b.isOutput ? 1 : 0);
    w.u8(static_cast<uint8_t>(b.dtype));
    w.u8(static_cast<uint8_t>(b.shape.size()));
    w.u8(0);
    w.u64(b.dramOffset);
    for (int64_t d : b.shape)
      w.u64(static_cast<uint64_t>(d));
  }
  for (const QParam &q : p.qparams) {
    w.u32(static_cast<uint32_t>(q.multiplier));
    w.u32(static_cast<uint32_t>(q.exponent));
    w.u32(static_cast<uint32_t>(q.zeroPoint));
    w.u32(static_cast<uint32_t>(q.lo));
    w.u32(static_cast<uint32_t>(q.hi));
  }
  for (const Constant &c : p.constants) {
    if (c.name.size() > 0xffff)
      return fail("constant name longer than 65535 bytes");
    w.str(c.name);
    w.u8(static_cast<uint8_t>(c.dtype));
    w.u8(static_cast<uint8_t>(c.shape.size()));
    w.u16(0);
    w.u64(c.dramOffset);
    w.u64(c.data.size());
    for (int64_t d : c.shape)
      w.u64(static_cast<uint64_t>(d));
    w.bytes(c.data.data(), c.data.size());
  }
  for (size_t i = 0; i < p.instructions.size(); ++i) {
    auto enc = encode(p.instructions[i]);
    if (!enc)
      return fail(llvm::formatv("instruction #{0}: {1}", i,
                                llvm::toString(enc.takeError())));
    w.bytes(enc->data(), enc->size());
  }
  w.patch64(16, w.out.size() + 8);
  w.u64(fnv1a64(w.out));
  return std::move(w.out);
}

//===----------------------------------------------------------------------===//
// Reading
//===----------------------------------------------------------------------===//

namespace {
struct Reader {
  llvm::ArrayRef<uint8_t> data;
  size_t end; // excludes the checksum
  size_t pos = 0;
  std::string name;
  std::string error;

  bool need(size_t n, llvm::StringRef what) {
    if (end - pos >= n && pos <= end)
      return true;
    if (error.empty())
      error = llvm::formatv("{0}: truncated at offset {1}: {2} needs {3} "
                            "bytes, {4} left",
                            name, pos, what, n, end > pos ? end - pos : 0)
                  .str();
    return false;
  }
  uint64_t le(unsigned n) {
    uint64_t v = 0;
    for (unsigned i = 0; i < n; ++i)
      v |= uint64_t(data[pos + i]) << (8 * i);
    pos += n;
    return v;
  }
  bool u8(uint8_t &v, llvm::StringRef what) {
    if (!need(1, what))
      return false;
    v = uint8_t(le(1));
    return true;
  }
  bool u16(uint16_t &v, llvm::StringRef what) {
    if (!need(2, what))
      return false;
    v = uint16_t(le(2));
    return true;
  }
  bool u32(uint32_t &v, llvm::StringRef what) {
    if (!need(4, what))
      return false;
    v = uint32_t(le(4));
    return true;
  }
  bool u64(uint64_t &v, llvm::StringRef what) {
    if (!need(8, what))
      return false;
    v = le(8);
    return true;
  }
  bool str(std::string &s, llvm::StringRef what) {
    uint16_t len;
    if (!u16(len, what) || !need(len, what))
      return false;
    s.assign(reinterpret_cast<const char *>(data.data() + pos), len);
    pos += len;
    return true;
  }
};
} // namespace

static llvm::Error failAt(llvm::StringRef name, size_t offset,
                          const llvm::Twine &message) {
  return llvm::createStringError(
      llvm::formatv("{0}: at offset {1}: {2}", name, offset, message.str())
          .str());
}

llvm::Expected<Program> isa::readBinary(llvm::ArrayRef<uint8_t> bytes,
                                        llvm::StringRef nameForErrors) {
  std::string name = nameForErrors.str();
  if (bytes.size() < 8 || std::memcmp(bytes.data(), kBinaryMagic, 8) != 0)
    return failAt(name, 0, "bad magic: not an accel binary (expected "
                           "'ACCELBIN')");
  if (bytes.size() < kBinaryHeaderBytes + 8)
    return fail(llvm::formatv("{0}: truncated: {1} bytes, the header and "
                              "checksum alone need {2}",
                              name, bytes.size(), kBinaryHeaderBytes + 8));
  Reader r{bytes, bytes.size(), 8, name, ""};
  uint16_t major = 0, minor = 0;
  uint32_t headerBytes = 0;
  r.u16(major, "version_major");
  r.u16(minor, "version_minor");
  if (major != kBinaryVersionMajor)
    return failAt(name, 8, llvm::formatv("field 'version_major': unsupported "
                                         "version {0}.{1} (this reader "
                                         "reads {2}.x)",
                                         major, minor, kBinaryVersionMajor));
  r.u32(headerBytes, "header_bytes");
  if (headerBytes != kBinaryHeaderBytes)
    return failAt(name, 12, llvm::formatv("field 'header_bytes': expected {0}, "
                                          "found {1}",
                                          kBinaryHeaderBytes, headerBytes));
  uint64_t fileBytes = 0;
  r.u64(fileBytes, "file_bytes");
  if (fileBytes != bytes.size())
    return failAt(name, 16,
                  llvm::formatv("field 'file_bytes': the header says {0} "
                                "bytes, the file has {1}{2}",
                                fileBytes, bytes.size(),
                                fileBytes > bytes.size() ? " (truncated)" : ""));
  size_t sumAt = bytes.size() - 8;
  uint64_t stored = 0;
  for (unsigned i = 0; i < 8; ++i)
    stored |= uint64_t(bytes[sumAt + i]) << (8 * i);
  uint64_t actual = fnv1a64(bytes.take_front(sumAt));
  if (stored != actual)
    return failAt(name, sumAt,
                  llvm::formatv("bad checksum: stored {0:x16}, computed "
                                "{1:x16}",
                                stored, actual));
  r.end = sumAt;

  Program p;
  uint32_t numBindings = 0, numQParams = 0, numConstants = 0,
           numInstructions = 0;
  uint64_t reserved = 0;
  r.u64(p.targetFingerprint, "target_fingerprint");
  r.u64(p.dramBytes, "dram_bytes");
  r.u32(numBindings, "num_bindings");
  r.u32(numQParams, "num_qparams");
  r.u32(numConstants, "num_constants");
  r.u32(numInstructions, "num_instructions");
  r.u64(reserved, "reserved");
  if (reserved != 0)
    return failAt(name, 56, "field 'reserved' must be zero");
  if (!r.str(p.targetName, "target name"))
    return fail(r.error);

  auto readShape = [&](std::vector<int64_t> &shape, uint8_t rank,
                       llvm::StringRef what) -> bool {
    for (unsigned d = 0; d < rank; ++d) {
      uint64_t v;
      if (!r.u64(v, what))
        return false;
      shape.push_back(static_cast<int64_t>(v));
    }
    return true;
  };
  auto badType = [&](size_t at, uint8_t v) {
    return failAt(name, at, llvm::formatv("field 'dtype': {0} is not an "
                                          "element type", v));
  };

  for (uint32_t i = 0; i < numBindings; ++i) {
    Binding b;
    std::string what = llvm::formatv("binding #{0}", i).str();
    uint8_t kind, dtype, rank, pad;
    if (!r.str(b.name, what) || !r.u8(kind, what))
      return fail(r.error);
    if (kind > 1)
      return failAt(name, r.pos - 1, llvm::formatv("{0} '{1}': field 'kind' "
                                                   "{2} is not 0 (input) or 1 "
                                                   "(output)", what, b.name,
                                                   kind));
    if (!r.u8(dtype, what))
      return fail(r.error);
    if (dtype >= kNumElementKinds)
      return badType(r.pos - 1, dtype);
    if (!r.u8(rank, what) || !r.u8(pad, what) || !r.u64(b.dramOffset, what) ||
        !readShape(b.shape, rank, what))
      return fail(r.error);
    b.isOutput = kind == 1;
    b.dtype = static_cast<ElementKind>(dtype);
    p.bindings.push_back(std::move(b));
  }
  for (uint32_t i = 0; i < numQParams; ++i) {
    std::string what = llvm::formatv("qparam #{0}", i).str();
    uint32_t v[5];
    for (uint32_t &x : v)
      if (!r.u32(x, what))
        return fail(r.error);
    QParam q;
    q.multiplier = static_cast<int32_t>(v[0]);
    q.exponent = static_cast<int32_t>(v[1]);
    q.zeroPoint = static_cast<int32_t>(v[2]);
    q.lo = static_cast<int32_t>(v[3]);
    q.hi = static_cast<int32_t>(v[4]);
    p.qparams.push_back(q);
  }
  for (uint32_t i = 0; i < numConstants; ++i) {
    Constant c;
    std::string what = llvm::formatv("constant #{0}", i).str();
    uint8_t dtype, rank;
    uint16_t pad;
    uint64_t size;
    if (!r.str(c.name, what) || !r.u8(dtype, what))
      return fail(r.error);
    if (dtype >= kNumElementKinds)
      return badType(r.pos - 1, dtype);
    if (!r.u8(rank, what) || !r.u16(pad, what) || !r.u64(c.dramOffset, what) ||
        !r.u64(size, what) || !readShape(c.shape, rank, what) ||
        !r.need(size, what))
      return fail(r.error);
    c.dtype = static_cast<ElementKind>(dtype);
    c.data.assign(bytes.begin() + r.pos, bytes.begin() + r.pos + size);
    r.pos += size;
    p.constants.push_back(std::move(c));
  }
  for (uint32_t i = 0; i < numInstructions; ++i) {
    std::string what = llvm::formatv("instruction #{0}", i).str();
    if (!r.need(kInstructionBytes, what))
      return fail(r.error);
    size_t at = r.pos;
    auto inst = decode(bytes.slice(at, kInstructionBytes));
    if (!inst)
      return failAt(name, at, llvm::formatv("instruction #{0}: {1}", i,
                                            llvm::toString(inst.takeError())));
    r.pos += kInstructionBytes;
    p.instructions.push_back(*inst);
  }
  if (r.pos != r.end)
    return failAt(name, r.pos, llvm::formatv("{0} unexpected bytes before the "
                                             "checksum", r.end - r.pos));
  if (llvm::Error err = verifyProgram(p))
    return fail(llvm::formatv("{0}: {1}", name, llvm::toString(std::move(err))));
  return std::move(p);
}
