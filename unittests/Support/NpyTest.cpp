//===- NpyTest.cpp - the .npy reader and writer ---------------------------===//
//
// This file tests round trips of every dtype, the header layout numpy writes,
// headers as other writers format them, each error message, and the bf16 and
// f16 conversions.
//
//===----------------------------------------------------------------------===//
#include "accel/Support/Npy.h"

#include "llvm/ADT/bit.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include "gtest/gtest.h"

#include <cmath>

using namespace accel;
using llvm::StringRef;

namespace {

const NpyDType kFileDTypes[] = {NpyDType::F32, NpyDType::F64, NpyDType::F16,
                                NpyDType::I8,  NpyDType::U8,  NpyDType::I16,
                                NpyDType::I32, NpyDType::I64, NpyDType::Bool};

/// An array whose bytes follow a pattern, so that misplaced bytes show.
NpyArray makeArray(NpyDType dtype, std::vector<int64_t> shape) {
  NpyArray array;
  array.dtype = dtype;
  array.shape = std::move(shape);
  array.data.resize(array.numElements() * npyDTypeSize(dtype));
  for (size_t i = 0; i < array.data.size(); ++i)
    array.data[i] = dtype == NpyDType::Bool ? i % 3 == 0 : uint8_t(i * 37 + 11);
  return array;
}

/// A .npy file with a hand-written header dict and no padding.
std::string makeFile(StringRef dict, StringRef data, char major = 1,
                     char minor = 0) {
  std::string bytes("\x93NUMPY", 6);
  bytes += major;
  bytes += minor;
  char length[4];
  llvm::support::endian::write32le(length, dict.size());
  bytes.append(length, major == 1 ? 2 : 4);
  return bytes + dict.str() + data.str();
}

std::string makeF32File(StringRef dict, size_t dataSize) {
  return makeFile(dict, std::string(dataSize, '\0'));
}

NpyArray parseOk(StringRef bytes) {
  llvm::Expected<NpyArray> result = parseNpy(bytes, "test.npy");
  if (!result) {
    ADD_FAILURE() << llvm::toString(result.takeError());
    return {};
  }
  return std::move(*result);
}

std::string parseError(StringRef bytes) {
  llvm::Expected<NpyArray> result = parseNpy(bytes, "test.npy");
  if (result)
    return "<no error>";
  return llvm::toString(result.takeError());
}

std::string shapeText(const std::vector<int64_t> &shape) {
  std::string text;
  for (int64_t dim : shape)
    text += std::to_string(dim) + "x";
  return text;
}

//===----------------------------------------------------------------------===//
// Round trips and layout
//===----------------------------------------------------------------------===//

TEST(NpyTest, RoundTripsEveryDTypeAndShape) {
  std::vector<std::vector<int64_t>> shapes = {
      {2, 3}, {}, {0}, {0, 4}, {3, 0, 2}, {5}, {1, 2, 3, 4}};
  for (NpyDType dtype : kFileDTypes) {
    for (const std::vector<int64_t> &shape : shapes) {
      SCOPED_TRACE(npyDTypeName(dtype).str() + " " + shapeText(shape));
      NpyArray in = makeArray(dtype, shape);
      NpyArray out = parseOk(serializeNpy(in));
      EXPECT_EQ(out.dtype, dtype);
      EXPECT_EQ(out.shape, in.shape);
      EXPECT_EQ(out.data, in.data);
    }
  }
}

TEST(NpyTest, ScalarAndEmptyElementCounts) {
  EXPECT_EQ(makeArray(NpyDType::I32, {}).numElements(), 1);
  EXPECT_EQ(makeArray(NpyDType::I32, {0, 4}).numElements(), 0);
  EXPECT_EQ(makeArray(NpyDType::I32, {2, 3}).numElements(), 6);
}

TEST(NpyTest, DTypeNamesAndSizes) {
  EXPECT_EQ(npyDTypeName(NpyDType::F32), "float32");
  EXPECT_EQ(npyDTypeName(NpyDType::BF16), "bfloat16");
  EXPECT_EQ(npyDTypeName(NpyDType::I8), "int8");
  EXPECT_EQ(npyDTypeName(NpyDType::Bool), "bool");
  EXPECT_EQ(npyDTypeSize(NpyDType::F64), 8u);
  EXPECT_EQ(npyDTypeSize(NpyDType::BF16), 2u);
  EXPECT_EQ(npyDTypeSize(NpyDType::Bool), 1u);
}

TEST(NpyTest, WritesWhatNumpySaveWrites) {
  // numpy.save(f, numpy.zeros((2, 3), numpy.float32)), numpy 1.24.
  std::string expected = std::string("\x93NUMPY\x01\x00v\x00", 10) +
                         "{'descr': '<f4', 'fortran_order': False, "
                         "'shape': (2, 3), }" +
                         std::string(58, ' ') + "\n" + std::string(24, '\0');
  NpyArray zeros{NpyDType::F32, {2, 3}, std::vector<uint8_t>(24, 0)};
  EXPECT_EQ(serializeNpy(zeros), expected);
}

TEST(NpyTest, HeaderEndsWithNewlineAt64ByteBoundary) {
  // Dimensions of many widths give every header length modulo 64; the
  // trailing 0 keeps the arrays empty.
  std::vector<std::vector<int64_t>> shapes = {{}, {7}};
  std::vector<int64_t> shape;
  for (int i = 0; i < 60; ++i) {
    shape.push_back(int64_t(i) * 7919 % 100003);
    shapes.push_back(shape);
    shapes.back().push_back(0);
  }
  for (const std::vector<int64_t> &shape : shapes) {
    SCOPED_TRACE(shapeText(shape));
    NpyArray array = makeArray(NpyDType::I8, shape);
    std::string bytes = serializeNpy(array);
    ASSERT_EQ(bytes[6], 1) << "version 1.0 expected";
    size_t dataOffset = 10 + llvm::support::endian::read16le(&bytes[8]);
    EXPECT_EQ(dataOffset % 64, 0u);
    EXPECT_EQ(bytes[dataOffset - 1], '\n');
    EXPECT_EQ(bytes.size(), dataOffset + array.data.size());
  }
}

TEST(NpyTest, HugeHeaderUsesVersion2) {
  // 30000 dimensions of 1 need more than a 16-bit header length.
  NpyArray in = makeArray(NpyDType::F32, std::vector<int64_t>(30000, 1));
  std::string bytes = serializeNpy(in);
  ASSERT_EQ(bytes[6], 2);
  EXPECT_EQ((12 + llvm::support::endian::read32le(&bytes[8])) % 64, 0u);
  NpyArray out = parseOk(bytes);
  EXPECT_EQ(out.shape, in.shape);
  EXPECT_EQ(out.data, in.data);
}

TEST(NpyTest, BF16IsWrittenAsFloat32) {
  NpyArray in;
  in.dtype = NpyDType::BF16;
  in.shape = {3};
  for (uint16_t bits : {0x3F80, 0xC020, 0x7FC1}) { // 1.0, -2.5, a NaN
    in.data.push_back(bits & 0xFF);
    in.data.push_back(bits >> 8);
  }
  NpyArray out = parseOk(serializeNpy(in));
  EXPECT_EQ(out.dtype, NpyDType::F32);
  EXPECT_EQ(out.shape, in.shape);
  ASSERT_EQ(out.data.size(), 12u);
  EXPECT_EQ(llvm::support::endian::read32le(&out.data[0]), 0x3F800000u);
  EXPECT_EQ(llvm::support::endian::read32le(&out.data[4]), 0xC0200000u);
  EXPECT_EQ(llvm::support::endian::read32le(&out.data[8]), 0x7FC10000u);
}

//===----------------------------------------------------------------------===//
// Headers from other writers
//===----------------------------------------------------------------------===//

TEST(NpyTest, ParsesVersion2And3Headers) {
  std::string dict = "{'descr': '<i2', 'fortran_order': False, 'shape': (2,), }"
                     "    \n";
  for (char major : {2, 3}) {
    NpyArray out =
        parseOk(makeFile(dict, StringRef("\x01\x00\x02\x00", 4), major));
    EXPECT_EQ(out.dtype, NpyDType::I16);
    EXPECT_EQ(out.shape, std::vector<int64_t>{2});
    EXPECT_EQ(out.data, (std::vector<uint8_t>{1, 0, 2, 0}));
  }
}

TEST(NpyTest, ParsesLooselyFormattedHeaders) {
  NpyArray out = parseOk(makeF32File(
      " {\"shape\":( 2 ,3, ),\t\"fortran_order\" :False,'descr':\"<f4\"}\n",
      24));
  EXPECT_EQ(out.dtype, NpyDType::F32);
  EXPECT_EQ(out.shape, (std::vector<int64_t>{2, 3}));

  // No trailing commas; Python 2 long literals; a scalar.
  out = parseOk(makeF32File(
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2L, 1L)}", 8));
  EXPECT_EQ(out.shape, (std::vector<int64_t>{2, 1}));
  out = parseOk(
      makeF32File("{'descr': '<f4', 'fortran_order': False, 'shape': ()}", 4));
  EXPECT_TRUE(out.shape.empty());
}

TEST(NpyTest, AcceptsDescrVariants) {
  std::pair<StringRef, NpyDType> cases[] = {
      {"<i1", NpyDType::I8},      {"|i1", NpyDType::I8},
      {">i1", NpyDType::I8},      {"<u1", NpyDType::U8},
      {"|u1", NpyDType::U8},      {"|b1", NpyDType::Bool},
      {"=i4", NpyDType::I32},     {"=f8", NpyDType::F64},
      {"<f2", NpyDType::F16},     {"<i8", NpyDType::I64},
      {"float32", NpyDType::F32}, {"bool", NpyDType::Bool},
  };
  for (auto [descr, dtype] : cases) {
    SCOPED_TRACE(descr.str());
    std::string dict = "{'descr': '" + descr.str() +
                       "', 'fortran_order': False, 'shape': (3,), }";
    std::string data(3 * npyDTypeSize(dtype), '\0');
    EXPECT_EQ(parseOk(makeFile(dict, data)).dtype, dtype);
  }
}

TEST(NpyTest, AcceptsFortranOrderForVectors) {
  // One dimension is laid out the same in either order.
  NpyArray out = parseOk(makeF32File(
      "{'descr': '<f4', 'fortran_order': True, 'shape': (3,), }", 12));
  EXPECT_EQ(out.shape, std::vector<int64_t>{3});
}

//===----------------------------------------------------------------------===//
// Errors
//===----------------------------------------------------------------------===//

TEST(NpyTest, ErrorMissingFile) {
  llvm::Expected<NpyArray> result = readNpy("/nonexistent/dir/x.npy");
  ASSERT_FALSE(bool(result));
  std::string message = llvm::toString(result.takeError());
  EXPECT_EQ(message.rfind("/nonexistent/dir/x.npy: cannot read .npy file: ", 0),
            0u)
      << message;
}

TEST(NpyTest, ErrorBadMagic) {
  EXPECT_EQ(parseError("PK\x03\x04zipfile"),
            "test.npy: not a .npy file: expected the magic string "
            "'\\93NUMPY', found 'PK\\03\\04zi'");
  EXPECT_EQ(parseError(""), "test.npy: not a .npy file: expected the magic "
                            "string '\\93NUMPY', found ''");
}

TEST(NpyTest, ErrorUnsupportedVersion) {
  std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (), }";
  EXPECT_EQ(parseError(makeFile(dict, "abcd", 4)),
            "test.npy: unsupported .npy format version 4.0; expected 1.0, "
            "2.0 or 3.0");
  EXPECT_EQ(parseError(makeFile(dict, "abcd", 1, 1)),
            "test.npy: unsupported .npy format version 1.1; expected 1.0, "
            "2.0 or 3.0");
}

TEST(NpyTest, ErrorTruncatedHeader) {
  std::string file = serializeNpy(makeArray(NpyDType::F32, {2}));
  EXPECT_EQ(parseError(file.substr(0, 7)),
            "test.npy: truncated header: expected a format version after the "
            "magic string, found end of file");
  EXPECT_EQ(parseError(file.substr(0, 9)),
            "test.npy: truncated header: expected a 2-byte header length, "
            "found end of file");
  EXPECT_EQ(parseError(file.substr(0, 40)),
            "test.npy: truncated header: expected 118 header bytes, found 30");
}

TEST(NpyTest, ErrorMalformedHeader) {
  std::pair<StringRef, StringRef> cases[] = {
      {"['descr']", "expected a dict starting with '{', found '['descr']'"},
      {"{'descr': '<f4', 'fortran_order': False}", "missing key 'shape'"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (), 'x': 1}",
       "unexpected key 'x'; expected only 'descr', 'fortran_order' and "
       "'shape'"},
      {"{'descr': '<f4', 'descr': '<f4'}", "duplicate key 'descr'"},
      {"{'descr': '<f4', 'fortran_order': 0, 'shape': ()}",
       "expected True or False for 'fortran_order', found '0, 'shape': ()}'"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': [2]}",
       "expected a tuple for 'shape', found '[2]}'"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (2 3)}",
       "expected ',' or ')' in 'shape', found '3)}'"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (,)}",
       "expected an integer dimension in 'shape', found ',)}'"},
      {"{'descr': '<f4' 'fortran_order': False, 'shape': ()}",
       "expected ',' or '}' after the value of 'descr', found "
       "''fortran_order':...'"},
      {"{'descr': '<f4", "expected a closing ' after a quoted string for "
                         "'descr', found ''<f4'"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': ()} x",
       "expected only padding after the closing '}', found 'x'"},
      {"{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': ()}",
       "structured dtypes are not supported; expected a plain descr such as "
       "'<f4'"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': "
       "(99999999999999999999,)}",
       "dimension 99999999999999999999 in 'shape' does not fit in 64 bits"},
  };
  for (auto [dict, message] : cases) {
    SCOPED_TRACE(dict.str());
    EXPECT_EQ(parseError(makeF32File(dict, 0)),
              "test.npy: malformed header: " + message.str());
  }
}

TEST(NpyTest, ErrorFortranOrder) {
  EXPECT_EQ(
      parseError(makeF32File(
          "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", 16)),
      "test.npy: Fortran-order arrays are not supported; save with "
      "np.ascontiguousarray");
}

TEST(NpyTest, ErrorBigEndian) {
  EXPECT_EQ(
      parseError(makeF32File(
          "{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", 8)),
      "test.npy: big-endian dtype '>f4' is not supported; convert with "
      "arr.astype('<f4') before saving");
}

TEST(NpyTest, ErrorUnsupportedDType) {
  EXPECT_EQ(
      parseError(makeF32File(
          "{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }", 16)),
      "test.npy: unsupported dtype '<c8'; expected one of float32, "
      "float64, float16, int8, uint8, int16, int32, int64, bool");
}

TEST(NpyTest, ErrorNegativeDimension) {
  EXPECT_EQ(
      parseError(makeF32File(
          "{'descr': '<f4', 'fortran_order': False, 'shape': (2, -1), }", 0)),
      "test.npy: invalid shape (2, -1): expected non-negative "
      "dimensions");
}

TEST(NpyTest, ErrorShapeTooLarge) {
  EXPECT_EQ(parseError(makeF32File("{'descr': '<f4', 'fortran_order': False, "
                                   "'shape': (4611686018427387904, 4), }",
                                   0)),
            "test.npy: shape (4611686018427387904, 4) float32 is too large");
}

TEST(NpyTest, ErrorTruncatedData) {
  std::string file = serializeNpy(makeArray(NpyDType::F32, {32, 32}));
  EXPECT_EQ(parseError(file.substr(0, 128 + 100)),
            "test.npy: truncated data: expected 4096 bytes for shape "
            "(32, 32) float32, found 100");
}

TEST(NpyTest, ErrorTrailingData) {
  std::string file = serializeNpy(makeArray(NpyDType::I8, {3}));
  EXPECT_EQ(parseError(file + "xy"),
            "test.npy: unexpected trailing data: expected 3 bytes for shape "
            "(3,) int8, found 5");
}

//===----------------------------------------------------------------------===//
// Files
//===----------------------------------------------------------------------===//

TEST(NpyTest, WritesAndReadsFiles) {
  llvm::SmallString<128> path;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("npytest", "npy", path));
  NpyArray in = makeArray(NpyDType::I64, {4, 2});
  llvm::Error error = writeNpy(path, in);
  ASSERT_FALSE(bool(error)) << llvm::toString(std::move(error));
  llvm::Expected<NpyArray> out = readNpy(path);
  ASSERT_TRUE(bool(out)) << llvm::toString(out.takeError());
  EXPECT_EQ(out->dtype, in.dtype);
  EXPECT_EQ(out->shape, in.shape);
  EXPECT_EQ(out->data, in.data);
  llvm::sys::fs::remove(path);
}

TEST(NpyTest, WriteErrorsNameTheFile) {
  llvm::Error error =
      writeNpy("/nonexistent/dir/out.npy", makeArray(NpyDType::F32, {2}));
  std::string message = llvm::toString(std::move(error));
  EXPECT_EQ(
      message.rfind("/nonexistent/dir/out.npy: cannot write .npy file: ", 0),
      0u)
      << message;

  NpyArray bad = makeArray(NpyDType::F32, {2});
  bad.data.pop_back();
  EXPECT_EQ(llvm::toString(writeNpy("/tmp/unused.npy", bad)),
            "/tmp/unused.npy: cannot write 7 bytes of data: expected 8 bytes "
            "for shape (2,) float32");
}

//===----------------------------------------------------------------------===//
// Float conversions
//===----------------------------------------------------------------------===//

float fromBits(uint32_t bits) { return llvm::bit_cast<float>(bits); }

TEST(NpyTest, BF16RoundsToNearestEven) {
  EXPECT_EQ(floatToBF16RNE(1.0f), 0x3F80);
  EXPECT_EQ(floatToBF16RNE(-0.0f), 0x8000);
  // Exactly halfway: ties go to the even mantissa.
  EXPECT_EQ(floatToBF16RNE(fromBits(0x3F808000)), 0x3F80);
  EXPECT_EQ(floatToBF16RNE(fromBits(0x3F818000)), 0x3F82);
  EXPECT_EQ(floatToBF16RNE(fromBits(0x3F808001)), 0x3F81);
  EXPECT_EQ(floatToBF16RNE(INFINITY), 0x7F80);
  EXPECT_EQ(floatToBF16RNE(3.4028235e38f), 0x7F80); // rounds up to infinity
  // NaNs stay NaN, even when the payload lies only in the dropped bits.
  EXPECT_TRUE(std::isnan(bf16ToFloat(floatToBF16RNE(NAN))));
  EXPECT_TRUE(std::isnan(bf16ToFloat(floatToBF16RNE(fromBits(0x7F800001)))));
  EXPECT_TRUE(std::isnan(bf16ToFloat(floatToBF16RNE(fromBits(0xFF800001)))));
}

TEST(NpyTest, BF16WidensExactly) {
  EXPECT_EQ(bf16ToFloat(0x3F80), 1.0f);
  EXPECT_EQ(bf16ToFloat(0xC020), -2.5f);
  EXPECT_EQ(llvm::bit_cast<uint32_t>(bf16ToFloat(0x0001)), 0x00010000u);
  for (uint32_t bits = 0; bits <= 0xFFFF; ++bits) {
    if (std::isnan(bf16ToFloat(bits)))
      continue;
    ASSERT_EQ(floatToBF16RNE(bf16ToFloat(bits)), bits);
  }
}

TEST(NpyTest, HalfConversions) {
  EXPECT_EQ(floatToHalfRNE(1.0f), 0x3C00);
  EXPECT_EQ(floatToHalfRNE(65504.0f), 0x7BFF);
  EXPECT_EQ(floatToHalfRNE(1.0e6f), 0x7C00);
  EXPECT_EQ(floatToHalfRNE(1.0f + 0x1p-11f), 0x3C00); // tie to even
  EXPECT_EQ(floatToHalfRNE(1.0f + 0x3p-11f), 0x3C02);
  EXPECT_TRUE(std::isnan(halfToFloat(floatToHalfRNE(NAN))));
  EXPECT_EQ(halfToFloat(0x3C00), 1.0f);
  EXPECT_EQ(halfToFloat(0x0001), 0x1p-24f);
  EXPECT_EQ(halfToFloat(0xFC00), -INFINITY);
}

} // namespace
