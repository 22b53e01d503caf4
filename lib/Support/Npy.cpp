//===- Npy.cpp - Reading and writing NumPy .npy files ---------------------===//
//
// This file implements the .npy container: the magic string and version,
// the header length, the dtype table and the data size checks.  The header
// dict itself is parsed in NpyHeader.cpp.  Layout, as numpy's format.py:
//
//   "\x93NUMPY" major minor  header-length (u16 LE for 1.0, u32 LE for 2.0/3.0)
//   header dict, space padded, '\n'-terminated, so data starts 64-aligned
//   data, C order
//
//===----------------------------------------------------------------------===//
#include "accel/Support/Npy.h"

#include "NpyHeader.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/bit.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SwapByteOrder.h"
#include "llvm/Support/raw_ostream.h"

#include <cassert>
#include <optional>

using namespace accel;
using namespace accel::npy_detail;
using llvm::Expected;
using llvm::StringRef;
using llvm::Twine;

static constexpr StringRef kMagic("\x93NUMPY", 6);
/// numpy pads so that the data of every file starts at this alignment.
static constexpr size_t kArrayAlign = 64;

namespace {
struct DTypeInfo {
  NpyDType dtype;
  StringRef name;
  /// The descr without its byte-order character; empty for BF16.
  StringRef code;
  size_t size;
};
} // namespace

static constexpr DTypeInfo kDTypes[] = {
    {NpyDType::F32, "float32", "f4", 4}, {NpyDType::F64, "float64", "f8", 8},
    {NpyDType::F16, "float16", "f2", 2}, {NpyDType::BF16, "bfloat16", "", 2},
    {NpyDType::I8, "int8", "i1", 1},     {NpyDType::U8, "uint8", "u1", 1},
    {NpyDType::I16, "int16", "i2", 2},   {NpyDType::I32, "int32", "i4", 4},
    {NpyDType::I64, "int64", "i8", 8},   {NpyDType::Bool, "bool", "b1", 1},
};

static const DTypeInfo &getInfo(NpyDType dtype) {
  for (const DTypeInfo &info : kDTypes)
    if (info.dtype == dtype)
      return info;
  llvm_unreachable("NpyDType missing from kDTypes");
}

StringRef accel::npyDTypeName(NpyDType dtype) { return getInfo(dtype).name; }

size_t accel::npyDTypeSize(NpyDType dtype) { return getInfo(dtype).size; }

int64_t NpyArray::numElements() const {
  int64_t count = 1;
  for (int64_t dim : shape)
    count *= dim;
  return count;
}

/// The descr numpy writes: '|' for single bytes, where order means nothing.
static std::string getDescr(NpyDType dtype) {
  const DTypeInfo &info = getInfo(dtype);
  assert(!info.code.empty() && "BF16 has no descr");
  return (info.size == 1 ? "|" : "<") + info.code.str();
}

/// Maps a descr such as '<f4', '|b1' or '=i8' (or a bare numpy name such as
/// 'float32') to a dtype.  The message has no file name.
static Expected<NpyDType> parseDescr(StringRef descr) {
  StringRef code = descr;
  char order = 0;
  if (!code.empty() && StringRef("<>|=").contains(code.front())) {
    order = code.front();
    code = code.drop_front();
  }
  const DTypeInfo *found = nullptr;
  for (const DTypeInfo &info : kDTypes)
    if (!info.code.empty() && (info.code == code || info.name == descr))
      found = &info;
  if (!found) {
    std::string names;
    for (const DTypeInfo &info : kDTypes)
      if (!info.code.empty())
        names += (names.empty() ? "" : ", ") + info.name.str();
    return llvm::createStringError("unsupported dtype '" + descr +
                                   "'; expected one of " + names);
  }
  // '=' and '|' (or nothing) mean the writer's native order; we can only
  // assume the writer ran on a host like ours.
  bool bigEndian = order == '>' || (order != '<' && llvm::sys::IsBigEndianHost);
  if (found->size > 1 && bigEndian)
    return llvm::createStringError(
        "big-endian dtype '" + descr +
        "' is not supported; convert with arr.astype('<" + found->code +
        "') before saving");
  return found->dtype;
}

/// The bytes of data a non-negative `shape` needs, or nothing if that
/// overflows.
static std::optional<uint64_t> getDataSize(llvm::ArrayRef<int64_t> shape,
                                           NpyDType dtype) {
  int64_t size = npyDTypeSize(dtype);
  for (int64_t dim : shape)
    if (llvm::MulOverflow(size, dim, size))
      return std::nullopt;
  return size;
}

/// "shape (32, 32) float32" for data size messages.
static std::string describe(llvm::ArrayRef<int64_t> shape, NpyDType dtype) {
  return "shape " + formatShape(shape) + " " + npyDTypeName(dtype).str();
}

Expected<NpyArray> accel::parseNpy(StringRef bytes, StringRef nameForErrors) {
  auto fail = [&](const Twine &message) {
    return llvm::createStringError(nameForErrors + ": " + message);
  };

  if (!bytes.starts_with(kMagic)) {
    std::string found;
    llvm::raw_string_ostream os(found);
    llvm::printEscapedString(bytes.take_front(kMagic.size()), os);
    return fail("not a .npy file: expected the magic string '\\93NUMPY', "
                "found '" +
                found + "'");
  }
  if (bytes.size() < kMagic.size() + 2)
    return fail("truncated header: expected a format version after the "
                "magic string, found end of file");
  unsigned major = uint8_t(bytes[6]), minor = uint8_t(bytes[7]);
  if (minor != 0 || major < 1 || major > 3)
    return fail("unsupported .npy format version " + Twine(major) + "." +
                Twine(minor) + "; expected 1.0, 2.0 or 3.0");

  // Version 1.0 has a 16-bit header length; 2.0 and 3.0 (which only changes
  // the header's text encoding) have a 32-bit one.
  size_t lengthSize = major == 1 ? 2 : 4;
  size_t prefixSize = kMagic.size() + 2 + lengthSize;
  if (bytes.size() < prefixSize)
    return fail("truncated header: expected a " + Twine(lengthSize) +
                "-byte header length, found end of file");
  const char *lengthPtr = bytes.data() + kMagic.size() + 2;
  size_t headerSize = lengthSize == 2
                          ? llvm::support::endian::read16le(lengthPtr)
                          : llvm::support::endian::read32le(lengthPtr);
  if (bytes.size() - prefixSize < headerSize)
    return fail("truncated header: expected " + Twine(headerSize) +
                " header bytes, found " + Twine(bytes.size() - prefixSize));

  Expected<HeaderDict> dict =
      parseHeaderDict(bytes.substr(prefixSize, headerSize));
  if (!dict)
    return fail("malformed header: " + llvm::toString(dict.takeError()));
  Expected<NpyDType> dtype = parseDescr(dict->descr);
  if (!dtype)
    return fail(llvm::toString(dtype.takeError()));
  // With at most one dimension Fortran and C order are the same layout.
  if (dict->fortranOrder && dict->shape.size() > 1)
    return fail("Fortran-order arrays are not supported; save with "
                "np.ascontiguousarray");
  if (llvm::any_of(dict->shape, [](int64_t dim) { return dim < 0; }))
    return fail("invalid shape " + formatShape(dict->shape) +
                ": expected non-negative dimensions");

  std::optional<uint64_t> dataSize = getDataSize(dict->shape, *dtype);
  if (!dataSize)
    return fail(describe(dict->shape, *dtype) + " is too large");

  StringRef data = bytes.drop_front(prefixSize + headerSize);
  if (data.size() != *dataSize)
    return fail(Twine(data.size() < *dataSize ? "truncated data"
                                              : "unexpected trailing data") +
                ": expected " + Twine(*dataSize) + " bytes for " +
                describe(dict->shape, *dtype) + ", found " +
                Twine(data.size()));

  NpyArray array;
  array.dtype = *dtype;
  array.shape = std::move(dict->shape);
  array.data.assign(data.bytes_begin(), data.bytes_end());
  return array;
}

Expected<NpyArray> accel::readNpy(StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return llvm::createStringError(
        path + ": cannot read .npy file: " + buffer.getError().message());
  return parseNpy((*buffer)->getBuffer(), path);
}

/// A copy of a BF16 array widened, exactly, to float32.
static NpyArray widenBF16(const NpyArray &array) {
  NpyArray wide;
  wide.dtype = NpyDType::F32;
  wide.shape = array.shape;
  wide.data.resize(array.data.size() * 2);
  for (size_t i = 0, e = array.data.size() / 2; i < e; ++i) {
    float value =
        bf16ToFloat(llvm::support::endian::read16le(&array.data[2 * i]));
    llvm::support::endian::write32le(&wide.data[4 * i],
                                     llvm::bit_cast<uint32_t>(value));
  }
  return wide;
}

std::string accel::serializeNpy(const NpyArray &array) {
  if (array.dtype == NpyDType::BF16)
    return serializeNpy(widenBF16(array));
  assert(llvm::all_of(array.shape, [](int64_t dim) { return dim >= 0; }) &&
         "negative dimension");
  assert(array.data.size() ==
             size_t(array.numElements()) * npyDTypeSize(array.dtype) &&
         "data size does not match shape and dtype");

  std::string dict = printHeaderDict(getDescr(array.dtype), array.shape);
  // As numpy's _wrap_header: version 1.0 unless the header needs more than
  // 16 bits of length, and always at least one byte of padding before '\n'.
  size_t textSize = dict.size() + 1;
  size_t lengthSize = 2;
  auto padding = [&] {
    return kArrayAlign -
           (kMagic.size() + 2 + lengthSize + textSize) % kArrayAlign;
  };
  if (textSize + padding() > UINT16_MAX)
    lengthSize = 4;
  uint32_t headerSize = textSize + padding();

  std::string bytes = kMagic.str();
  bytes += char(lengthSize == 2 ? 1 : 2);
  bytes += char(0);
  char length[4];
  llvm::support::endian::write32le(length, headerSize);
  bytes.append(length, lengthSize);
  bytes += dict;
  bytes.append(padding(), ' ');
  bytes += '\n';
  bytes.append(array.data.begin(), array.data.end());
  return bytes;
}

llvm::Error accel::writeNpy(StringRef path, const NpyArray &array) {
  if (llvm::any_of(array.shape, [](int64_t dim) { return dim < 0; }))
    return llvm::createStringError(path + ": cannot write invalid shape " +
                                   formatShape(array.shape));
  std::optional<uint64_t> expectedSize = getDataSize(array.shape, array.dtype);
  if (!expectedSize)
    return llvm::createStringError(path + ": cannot write " +
                                   describe(array.shape, array.dtype) +
                                   ": too large");
  if (array.data.size() != *expectedSize)
    return llvm::createStringError(
        path + ": cannot write " + Twine(array.data.size()) +
        " bytes of data: expected " + Twine(*expectedSize) + " bytes for " +
        describe(array.shape, array.dtype));

  std::error_code error;
  llvm::raw_fd_ostream os(path, error);
  if (!error) {
    os << serializeNpy(array);
    os.close();
    error = os.error();
    os.clear_error();
  }
  if (error)
    return llvm::createStringError(
        path + ": cannot write .npy file: " + error.message());
  return llvm::Error::success();
}

uint16_t accel::floatToBF16RNE(float value) {
  llvm::APFloat converted(value);
  bool losesInfo;
  converted.convert(llvm::APFloat::BFloat(), llvm::APFloat::rmNearestTiesToEven,
                    &losesInfo);
  return converted.bitcastToAPInt().getZExtValue();
}

float accel::bf16ToFloat(uint16_t bits) {
  // bf16 is the top half of a float32; shifting also keeps NaN payloads,
  // which an APFloat conversion would quiet.
  return llvm::bit_cast<float>(uint32_t(bits) << 16);
}

uint16_t accel::floatToHalfRNE(float value) {
  llvm::APFloat converted(value);
  bool losesInfo;
  converted.convert(llvm::APFloat::IEEEhalf(),
                    llvm::APFloat::rmNearestTiesToEven, &losesInfo);
  return converted.bitcastToAPInt().getZExtValue();
}

float accel::halfToFloat(uint16_t bits) {
  return llvm::APFloat(llvm::APFloat::IEEEhalf(), llvm::APInt(16, bits))
      .convertToFloat();
}
