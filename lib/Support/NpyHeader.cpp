//===- NpyHeader.cpp - The dict literal in a .npy header ------------------===//
//
// This file implements a parser for the small subset of Python literal syntax
// that .npy headers use: one dict with string keys whose values are a string,
// a bool and a tuple of ints.  numpy reads the header with `ast.literal_eval`,
// so other writers vary whitespace, quotes and trailing commas; the parser
// accepts all of that and nothing that numpy itself would reject, except a
// parenthesised lone int for the shape (`(5)`), which it takes as `(5,)`.
//
//===----------------------------------------------------------------------===//
#include "NpyHeader.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"

#include <utility>

using namespace accel;
using namespace accel::npy_detail;
using llvm::Error;
using llvm::Expected;
using llvm::StringRef;
using llvm::Twine;

/// numpy's GROWTH_AXIS_MAX_DIGITS: room for the first dimension to grow to
/// any 64-bit size without rewriting the data.
static constexpr size_t kGrowthAxisMaxDigits = 21;

namespace {

class DictParser {
public:
  explicit DictParser(StringRef text) : rest(text) {}

  Expected<HeaderDict> parse();

private:
  void skipSpace() { rest = rest.ltrim(" \t\r\n"); }

  bool consume(char c) {
    skipSpace();
    if (!rest.starts_with(StringRef(&c, 1)))
      return false;
    rest = rest.drop_front();
    return true;
  }

  bool consumeWord(StringRef word) {
    skipSpace();
    return rest.consume_front(word);
  }

  /// "expected <what>, found <the next few characters>".
  Error expected(const Twine &what) {
    skipSpace();
    std::string found = "end of header";
    if (!rest.empty()) {
      StringRef next = rest.take_front(16);
      found = "'" + next.str() + (next.size() < rest.size() ? "...'" : "'");
    }
    return llvm::createStringError("expected " + what + ", found " + found);
  }

  Expected<std::string> parseString(StringRef what);
  Expected<bool> parseBool();
  Expected<std::vector<int64_t>> parseShape();
  Expected<int64_t> parseDim();

  StringRef rest;
};

} // namespace

Expected<std::string> DictParser::parseString(StringRef what) {
  skipSpace();
  if (rest.empty() || (rest.front() != '\'' && rest.front() != '"'))
    return expected(what);
  char quote = rest.front();
  size_t end = rest.find(quote, 1);
  if (end == StringRef::npos)
    return expected(Twine("a closing ") + Twine(quote) + " after " + what);
  std::string value = rest.slice(1, end).str();
  rest = rest.drop_front(end + 1);
  return value;
}

Expected<bool> DictParser::parseBool() {
  if (consumeWord("True"))
    return true;
  if (consumeWord("False"))
    return false;
  return expected("True or False for 'fortran_order'");
}

Expected<int64_t> DictParser::parseDim() {
  skipSpace();
  bool negative = rest.consume_front("-");
  size_t digits = 0;
  while (digits < rest.size() && llvm::isDigit(rest[digits]))
    ++digits;
  if (digits == 0)
    return expected("an integer dimension in 'shape'");
  uint64_t magnitude;
  if (rest.take_front(digits).getAsInteger(10, magnitude) ||
      magnitude > uint64_t(INT64_MAX))
    return llvm::createStringError("dimension " + rest.take_front(digits) +
                                   " in 'shape' does not fit in 64 bits");
  rest = rest.drop_front(digits);
  // Python 2 wrote long integers with an L suffix; numpy still reads them.
  rest.consume_front("L");
  return negative ? -int64_t(magnitude) : int64_t(magnitude);
}

Expected<std::vector<int64_t>> DictParser::parseShape() {
  if (!consume('('))
    return expected("a tuple for 'shape'");
  std::vector<int64_t> shape;
  if (consume(')'))
    return shape;
  while (true) {
    Expected<int64_t> dim = parseDim();
    if (!dim)
      return dim.takeError();
    shape.push_back(*dim);
    if (consume(')'))
      return shape;
    if (!consume(','))
      return expected("',' or ')' in 'shape'");
    if (consume(')'))
      return shape;
  }
}

Expected<HeaderDict> DictParser::parse() {
  if (!consume('{'))
    return expected("a dict starting with '{'");
  HeaderDict dict;
  bool seenDescr = false, seenFortran = false, seenShape = false;
  while (!consume('}')) {
    Expected<std::string> key = parseString("a quoted key or '}'");
    if (!key)
      return key.takeError();
    bool *seen = *key == "descr"           ? &seenDescr
                 : *key == "fortran_order" ? &seenFortran
                 : *key == "shape"         ? &seenShape
                                           : nullptr;
    if (!seen)
      return llvm::createStringError(
          "unexpected key '" + *key +
          "'; expected only 'descr', 'fortran_order' and 'shape'");
    if (*seen)
      return llvm::createStringError("duplicate key '" + *key + "'");
    *seen = true;
    if (!consume(':'))
      return expected("':' after '" + *key + "'");

    if (*key == "descr") {
      skipSpace();
      // Record dtypes are lists of (name, descr) pairs.
      if (rest.starts_with("["))
        return llvm::createStringError(
            "structured dtypes are not supported; expected a plain descr "
            "such as '<f4'");
      Expected<std::string> descr = parseString("a quoted string for 'descr'");
      if (!descr)
        return descr.takeError();
      dict.descr = std::move(*descr);
    } else if (*key == "fortran_order") {
      Expected<bool> fortranOrder = parseBool();
      if (!fortranOrder)
        return fortranOrder.takeError();
      dict.fortranOrder = *fortranOrder;
    } else {
      Expected<std::vector<int64_t>> shape = parseShape();
      if (!shape)
        return shape.takeError();
      dict.shape = std::move(*shape);
    }

    if (consume('}'))
      break;
    if (!consume(','))
      return expected("',' or '}' after the value of '" + *key + "'");
  }
  skipSpace();
  if (!rest.empty())
    return expected("only padding after the closing '}'");

  for (auto [seen, name] :
       {std::pair{seenDescr, "descr"}, std::pair{seenFortran, "fortran_order"},
        std::pair{seenShape, "shape"}})
    if (!seen)
      return llvm::createStringError(Twine("missing key '") + name + "'");
  return dict;
}

Expected<HeaderDict> npy_detail::parseHeaderDict(StringRef text) {
  return DictParser(text).parse();
}

std::string npy_detail::formatShape(llvm::ArrayRef<int64_t> shape) {
  std::string text = "(";
  for (int64_t dim : shape) {
    if (text.size() > 1)
      text += ", ";
    text += std::to_string(dim);
  }
  // A one-element Python tuple keeps its comma.
  if (shape.size() == 1)
    text += ",";
  return text + ")";
}

std::string npy_detail::printHeaderDict(StringRef descr,
                                        llvm::ArrayRef<int64_t> shape) {
  // Keys sorted and each followed by ", ", as numpy's _write_array_header.
  std::string dict =
      "{'descr': '" + descr.str() +
      "', 'fortran_order': False, 'shape': " + formatShape(shape) + ", }";
  if (!shape.empty())
    dict.append(kGrowthAxisMaxDigits - std::to_string(shape.front()).size(),
                ' ');
  return dict;
}
