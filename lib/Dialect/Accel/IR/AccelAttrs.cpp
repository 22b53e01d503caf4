//===- AccelAttrs.cpp - #accel.target parsing and printing ----------------===//
//
// This file implements the textual form of #accel.target.  The attribute's
// body is the JSON target schema written in MLIR's attribute syntax
// (`key = value`, `[...]`, `{...}`, bare keywords and types for strings), so
// it is read into an llvm::json::Value and handed to the same reader that
// loads targets/*.json: one schema, one set of checks and messages.
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Accel/IR/AccelDialect.h"
#include "accel/Target/TargetJSON.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cstdlib>

using namespace mlir;
using namespace accel;
using llvm::json::Array;
using llvm::json::Object;
using JSONValue = llvm::json::Value;

#define GET_ATTRDEF_CLASSES
#include "accel/Dialect/Accel/IR/AccelAttrs.cpp.inc"

//===----------------------------------------------------------------------===//
// MLIR syntax -> JSON
//===----------------------------------------------------------------------===//

static ParseResult parseJSONValue(AsmParser &parser, JSONValue &out);

/// `key = value, ...` up to (not including) the closing delimiter.
static ParseResult parseJSONMembers(AsmParser &parser, Object &out,
                                    AsmParser::Delimiter delimiter) {
  return parser.parseCommaSeparatedList(delimiter, [&]() -> ParseResult {
    std::string key;
    llvm::SMLoc loc = parser.getCurrentLocation();
    if (parser.parseKeywordOrString(&key) || parser.parseEqual())
      return failure();
    JSONValue value = nullptr;
    if (parseJSONValue(parser, value))
      return failure();
    if (!out.try_emplace(key, std::move(value)).second)
      return parser.emitError(loc) << "field '" << key << "' is given twice";
    return success();
  });
}

static ParseResult parseJSONValue(AsmParser &parser, JSONValue &out) {
  if (succeeded(parser.parseOptionalLBrace())) {
    Object object;
    if (failed(parser.parseOptionalRBrace()) &&
        (parseJSONMembers(parser, object, AsmParser::Delimiter::None) ||
         parser.parseRBrace()))
      return failure();
    out = std::move(object);
    return success();
  }
  if (succeeded(parser.parseOptionalLSquare())) {
    Array array;
    if (failed(parser.parseOptionalRSquare())) {
      if (parser.parseCommaSeparatedList([&]() -> ParseResult {
            JSONValue element = nullptr;
            if (parseJSONValue(parser, element))
              return failure();
            array.push_back(std::move(element));
            return success();
          }) ||
          parser.parseRSquare())
        return failure();
    }
    out = std::move(array);
    return success();
  }
  std::string str;
  if (succeeded(parser.parseOptionalString(&str))) {
    out = str;
    return success();
  }
  StringRef keyword;
  if (succeeded(parser.parseOptionalKeyword(&keyword))) {
    if (keyword == "true" || keyword == "false")
      out = keyword == "true";
    else
      out = keyword.str();
    return success();
  }
  // Numbers, and types such as `i8` that the lexer does not see as keywords.
  llvm::SMLoc loc = parser.getCurrentLocation();
  Attribute attr;
  OptionalParseResult parsed = parser.parseOptionalAttribute(attr);
  if (!parsed.has_value())
    return parser.emitError(loc, "expected a string, number, keyword, type, "
                                 "list or {...} in #accel.target");
  if (failed(*parsed))
    return failure();
  return TypeSwitch<Attribute, ParseResult>(attr)
      .Case([&](IntegerAttr a) {
        out = a.getValue().getSExtValue();
        return success();
      })
      .Case([&](FloatAttr a) {
        out = a.getValueAsDouble();
        return success();
      })
      .Case([&](TypeAttr a) {
        std::string name;
        llvm::raw_string_ostream os(name);
        a.getValue().print(os);
        out = name;
        return success();
      })
      .Default([&](Attribute) {
        return parser.emitError(loc, "unexpected attribute in #accel.target");
      });
}

Attribute TargetAttr::parse(AsmParser &parser, Type) {
  llvm::SMLoc loc = parser.getCurrentLocation();
  Object object;
  if (parser.parseLess() ||
      parseJSONMembers(parser, object, AsmParser::Delimiter::None) ||
      parser.parseGreater())
    return {};
  llvm::Expected<TargetDesc> desc = targetFromJSON(JSONValue(std::move(object)));
  if (!desc) {
    parser.emitError(loc) << "invalid #accel.target: "
                          << llvm::toString(desc.takeError());
    return {};
  }
  return TargetAttr::getChecked([&] { return parser.emitError(loc); },
                                parser.getContext(), std::move(*desc));
}

//===----------------------------------------------------------------------===//
// JSON -> MLIR syntax
//===----------------------------------------------------------------------===//

/// Whether `s` reads back as the same string when printed without quotes:
/// an identifier that the lexer does not take for an integer type or bool.
static bool isBareWord(StringRef s) {
  if (s.empty() || !(llvm::isAlpha(s[0]) || s[0] == '_'))
    return false;
  if (!llvm::all_of(s, [](char c) { return llvm::isAlnum(c) || c == '_'; }))
    return false;
  return s != "true" && s != "false";
}
static bool isIntegerTypeSpelling(StringRef s) {
  StringRef rest = s;
  rest.consume_front("s") || rest.consume_front("u");
  return rest.consume_front("i") && !rest.empty() &&
         llvm::all_of(rest, llvm::isDigit);
}

/// Shortest "%g" form that reads back exactly, always with a '.' so that
/// MLIR's lexer sees a float literal.
static std::string formatDouble(double d) {
  std::string text;
  for (int precision : {6, 15, 17}) {
    text = llvm::formatv("{0}", llvm::format("%.*g", precision, d)).str();
    if (std::strtod(text.c_str(), nullptr) == d)
      break;
  }
  size_t exponent = text.find_first_of("eE");
  if (text.find('.') == std::string::npos)
    text.insert(exponent == std::string::npos ? text.size() : exponent, ".0");
  return text;
}

static void printJSONValue(AsmPrinter &printer, const JSONValue &value);

static void printKey(AsmPrinter &printer, StringRef key) {
  if (isBareWord(key) && !isIntegerTypeSpelling(key))
    printer.getStream() << key;
  else
    printer.printString(key);
}

static void printJSONMembers(AsmPrinter &printer, const Object &object,
                             ArrayRef<StringRef> order) {
  std::vector<StringRef> keys(order.begin(), order.end());
  if (keys.empty()) {
    for (const auto &entry : object)
      keys.push_back(entry.first);
    llvm::sort(keys);
  }
  bool first = true;
  for (StringRef key : keys) {
    const JSONValue *value = object.get(key);
    if (!value)
      continue;
    if (!first)
      printer.getStream() << ", ";
    first = false;
    printKey(printer, key);
    printer.getStream() << " = ";
    printJSONValue(printer, *value);
  }
}

static void printJSONValue(AsmPrinter &printer, const JSONValue &value) {
  raw_ostream &os = printer.getStream();
  if (const Object *object = value.getAsObject()) {
    os << "{";
    printJSONMembers(printer, *object, {});
    os << "}";
  } else if (const Array *array = value.getAsArray()) {
    os << "[";
    llvm::interleaveComma(*array, os,
                          [&](const JSONValue &v) { printJSONValue(printer, v); });
    os << "]";
  } else if (auto str = value.getAsString()) {
    if (isBareWord(*str))
      os << *str;
    else
      printer.printString(*str);
  } else if (auto b = value.getAsBoolean()) {
    os << (*b ? "true" : "false");
  } else if (auto i = value.getAsInteger()) {
    os << *i;
  } else if (auto d = value.getAsNumber()) {
    os << formatDouble(*d);
  } else {
    os << "null";
  }
}

void TargetAttr::print(AsmPrinter &printer) const {
  printer << "<";
  printJSONMembers(printer, targetToJSON(getDesc(), /*omitDefaults=*/true),
                   getTargetFieldNames());
  printer << ">";
}

LogicalResult TargetAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                 TargetDesc desc) {
  if (auto problem = validate(desc))
    return emitError() << "invalid #accel.target: " << *problem;
  return success();
}

//===----------------------------------------------------------------------===//
// Dialect hooks
//===----------------------------------------------------------------------===//

void AccelDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "accel/Dialect/Accel/IR/AccelAttrs.cpp.inc"
      >();
}
