//===- Assembler.cpp - accel assembly text <-> Program ----------------------===//
//
// This file implements the assembler and the disassembler.  Instruction
// operands are `field=value` pairs whose names, kinds and defaults come from
// Instructions.def; directives describe the target, DRAM, bindings,
// requantization entries and constants.
//
//===----------------------------------------------------------------------===//
#include "accel/ISA/Assembler.h"

#include "accel/ISA/Elements.h"
#include "accel/Numerics/Requantize.h"
#include "accel/Target/TargetJSON.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"

#include <cstring>

using namespace accel;
using namespace accel::isa;

//===----------------------------------------------------------------------===//
// Values
//===----------------------------------------------------------------------===//

/// A decimal float rounded once, to nearest even, into `kind`'s format
/// (going through double first would round twice). The result is exact as
/// an f32.
static std::optional<float> parseFloatAs(llvm::StringRef text,
                                         ElementKind kind) {
  const llvm::fltSemantics *semantics = &llvm::APFloat::IEEEsingle();
  if (kind == ElementKind::BF16)
    semantics = &llvm::APFloat::BFloat();
  else if (kind == ElementKind::F16)
    semantics = &llvm::APFloat::IEEEhalf();
  else if (kind == ElementKind::TF32)
    semantics = &llvm::APFloat::FloatTF32();
  llvm::APFloat value(*semantics);
  auto status =
      value.convertFromString(text, llvm::APFloat::rmNearestTiesToEven);
  if (!status) {
    llvm::consumeError(status.takeError());
    return std::nullopt;
  }
  bool lost = false;
  value.convert(llvm::APFloat::IEEEsingle(),
                llvm::APFloat::rmNearestTiesToEven, &lost);
  return value.convertToFloat();
}

/// Integers (decimal, 0x hex, optional sign) and `f:<float>` bit patterns.
static std::optional<int64_t> parseInteger(llvm::StringRef text) {
  if (text.consume_front("f:")) {
    std::optional<float> parsed = parseFloatAs(text, ElementKind::F32);
    if (!parsed)
      return std::nullopt;
    float f = *parsed;
    uint32_t bits;
    std::memcpy(&bits, &f, 4);
    return static_cast<int32_t>(bits);
  }
  bool negative = text.consume_front("-");
  uint64_t v;
  if (text.starts_with_insensitive("0x")) {
    if (text.drop_front(2).getAsInteger(16, v))
      return std::nullopt;
  } else if (text.getAsInteger(10, v)) {
    return std::nullopt;
  }
  if (v > uint64_t(INT64_MAX))
    return std::nullopt;
  return negative ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
}

static llvm::SmallVector<llvm::StringRef, 16> splitWords(llvm::StringRef s) {
  llvm::SmallVector<llvm::StringRef, 16> words;
  s.split(words, ' ', -1, /*KeepEmpty=*/false);
  llvm::SmallVector<llvm::StringRef, 16> out;
  for (llvm::StringRef w : words) {
    llvm::SmallVector<llvm::StringRef, 4> parts;
    w.split(parts, '\t', -1, false);
    out.append(parts.begin(), parts.end());
  }
  return out;
}

static llvm::Error err(const llvm::Twine &msg) {
  return llvm::createStringError(msg.str());
}

llvm::Expected<Instruction> isa::parseInstruction(llvm::StringRef line) {
  auto words = splitWords(line.trim());
  if (words.empty())
    return err("expected an instruction");
  const OpcodeInfo *info = lookupMnemonic(words[0]);
  if (!info) {
    std::string known;
    for (const OpcodeInfo &o : getAllOpcodes())
      known += (known.empty() ? "" : ", ") + std::string(o.mnemonic);
    return err(llvm::formatv("unknown mnemonic '{0}' (expected one of {1})",
                             words[0], known));
  }
  Instruction inst(info->opcode);
  uint8_t deps = 0;
  std::vector<bool> seen(info->fields.size(), false);
  for (llvm::StringRef word : llvm::ArrayRef(words).drop_front()) {
    bool isFlag = false;
    for (unsigned b = 0; b < 4; ++b)
      if (word == stringifyDepFlag(b)) {
        if (deps & (1u << b))
          return err(llvm::formatv("'{0}' given twice", word));
        deps |= uint8_t(1u << b);
        isFlag = true;
      }
    if (isFlag)
      continue;
    auto [key, value] = word.split('=');
    if (value.empty() && !word.contains('='))
      return err(llvm::formatv("{0}: expected 'field=value' or a dependency "
                               "flag, found '{1}'",
                               info->mnemonic, word));
    unsigned index = ~0u;
    for (unsigned i = 0; i < info->fields.size(); ++i)
      if (key == info->fields[i].name)
        index = i;
    if (index == ~0u) {
      std::string known;
      for (const FieldInfo &f : info->fields)
        known += (known.empty() ? "" : ", ") + std::string(f.name);
      return err(llvm::formatv("{0}: unknown field '{1}' (fields: {2})",
                               info->mnemonic, key,
                               known.empty() ? "none" : known));
    }
    if (seen[index])
      return err(llvm::formatv("{0}: field '{1}' given twice", info->mnemonic,
                               key));
    seen[index] = true;
    const FieldInfo &f = info->fields[index];
    std::optional<int64_t> v = parseFieldSpelling(f.kind, value);
    if (!v)
      v = parseInteger(value);
    if (!v)
      return err(llvm::formatv("{0}: field '{1}': cannot parse '{2}'",
                               info->mnemonic, key, value));
    if (*v < f.minValue() || *v > f.maxValue())
      return err(llvm::formatv("{0}: field '{1}' value {2} is out of range "
                               "[{3}, {4}]",
                               info->mnemonic, key, *v, f.minValue(),
                               f.maxValue()));
    inst.setAt(index, *v);
  }
  inst.setDeps(deps);
  return inst;
}

std::string isa::formatInstruction(const Instruction &inst) {
  const OpcodeInfo &info = inst.getInfo();
  std::string out = info.mnemonic;
  for (unsigned b = 0; b < 4; ++b)
    if (inst.getDeps() & (1u << b))
      out += " " + stringifyDepFlag(b).str();
  for (unsigned i = 0; i < info.fields.size(); ++i) {
    const FieldInfo &f = info.fields[i];
    int64_t v = inst.getAt(i);
    if (static_cast<uint64_t>(v) == f.defaultValue &&
        f.kind != FieldKind::Type && f.kind != FieldKind::Mem &&
        f.kind != FieldKind::AluOp && f.kind != FieldKind::PoolOp)
      continue;
    out += " " + std::string(f.name) + "=";
    if (auto s = spellFieldValue(f.kind, v))
      out += *s;
    else
      out += std::to_string(v);
  }
  return out;
}

//===----------------------------------------------------------------------===//
// Assembler
//===----------------------------------------------------------------------===//

namespace {
struct Assembler {
  llvm::StringRef fileName;
  std::string baseDir;
  unsigned line = 0;
  Program program;
  bool haveTarget = false, haveDram = false;

  llvm::Error error(const llvm::Twine &msg) {
    return err(llvm::formatv("{0}:{1}: error: {2}", fileName, line, msg.str()));
  }

  /// "i8[64,64]" -> kind and shape.
  llvm::Error parseTensorType(llvm::StringRef text, ElementKind &kind,
                              std::vector<int64_t> &shape) {
    auto [name, rest] = text.split('[');
    auto k = symbolizeElementKind(name);
    if (!k)
      return error(llvm::formatv("unknown element type '{0}'", name));
    if (!rest.consume_back("]"))
      return error(llvm::formatv("expected '<type>[d0,d1,...]', found '{0}'",
                                 text));
    kind = *k;
    shape.clear();
    llvm::SmallVector<llvm::StringRef, 8> dims;
    rest.split(dims, ',', -1, false);
    for (llvm::StringRef d : dims) {
      int64_t v;
      if (d.trim().getAsInteger(10, v) || v < 0)
        return error(llvm::formatv("bad dimension '{0}' in '{1}'", d, text));
      shape.push_back(v);
    }
    return llvm::Error::success();
  }

  llvm::Error parseOffset(llvm::StringRef text, uint64_t &offset) {
    if (!text.consume_front("@"))
      return error(llvm::formatv("expected '@<dram offset>', found '{0}'",
                                 text));
    auto v = parseInteger(text);
    if (!v || *v < 0)
      return error(llvm::formatv("bad DRAM offset '{0}'", text));
    offset = static_cast<uint64_t>(*v);
    return llvm::Error::success();
  }

  static llvm::StringRef unquote(llvm::StringRef s) {
    s = s.trim();
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"')
      return s.drop_front().drop_back();
    return s;
  }

  llvm::Error directive(llvm::StringRef text) {
    auto words = splitWords(text);
    llvm::StringRef d = words[0];
    if (d == ".target") {
      if (words.size() < 2 || words.size() > 3)
        return error(".target expects '<preset|file.json> [fingerprint=0x..]'");
      program.targetName = unquote(words[1]).str();
      if (words.size() == 3) {
        llvm::StringRef fp = words[2];
        if (!fp.consume_front("fingerprint="))
          return error(llvm::formatv("expected 'fingerprint=0x...', found '{0}'",
                                     fp));
        uint64_t v;
        if (!fp.consume_front("0x") || fp.getAsInteger(16, v))
          return error(llvm::formatv("bad fingerprint '{0}'", fp));
        program.targetFingerprint = v;
      } else {
        std::string path = program.targetName;
        if ((llvm::StringRef(path).contains('/') ||
             llvm::StringRef(path).ends_with(".json")) &&
            !llvm::sys::path::is_absolute(path) && !baseDir.empty()) {
          llvm::SmallString<256> p(baseDir);
          llvm::sys::path::append(p, path);
          path = std::string(p);
        }
        auto desc = loadTarget(path);
        if (!desc)
          return error(llvm::toString(desc.takeError()));
        program.targetFingerprint = targetFingerprint(*desc);
        // The binary names the target, not the path it was read from: a
        // relative path would resolve differently where the binary runs.
        program.targetName = desc->name;
      }
      haveTarget = true;
      return llvm::Error::success();
    }
    if (d == ".dram") {
      std::optional<int64_t> v;
      if (words.size() != 2 || !(v = parseInteger(words[1])) || *v < 0)
        return error(".dram expects a byte count");
      program.dramBytes = static_cast<uint64_t>(*v);
      haveDram = true;
      return llvm::Error::success();
    }
    if (d == ".input" || d == ".output") {
      if (words.size() != 4)
        return error(llvm::formatv("{0} expects '<name> <type>[dims] @<offset>'",
                                   d));
      Binding b;
      b.name = words[1].str();
      b.isOutput = d == ".output";
      if (auto e = parseTensorType(words[2], b.dtype, b.shape))
        return e;
      if (auto e = parseOffset(words[3], b.dramOffset))
        return e;
      if (program.findBinding(b.name))
        return error(llvm::formatv("binding '{0}' declared twice", b.name));
      program.bindings.push_back(std::move(b));
      return llvm::Error::success();
    }
    if (d == ".qparam")
      return qparam(words);
    if (d == ".const")
      return constant(text);
    return error(llvm::formatv("unknown directive '{0}'", d));
  }

  llvm::Error qparam(llvm::ArrayRef<llvm::StringRef> words) {
    std::optional<int64_t> index;
    if (words.size() < 2 || !(index = parseInteger(words[1])))
      return error(".qparam expects '<index> key=value...'");
    if (*index != static_cast<int64_t>(program.qparams.size()))
      return error(llvm::formatv(".qparam entries must be numbered in order: "
                                 "expected {0}, found {1}",
                                 program.qparams.size(), *index));
    QParam q;
    bool haveScale = false, haveMultiplier = false;
    for (llvm::StringRef w : words.drop_front(2)) {
      auto [key, value] = w.split('=');
      if (key == "scale") {
        double s;
        if (value.getAsDouble(s) || !(s > 0))
          return error(llvm::formatv("bad scale '{0}'", value));
        numerics::QuantizedMultiplier qm = numerics::quantizeMultiplier(s);
        q.multiplier = qm.multiplier;
        q.exponent = qm.exponent;
        haveScale = true;
        continue;
      }
      auto v = parseInteger(value);
      if (!v || *v < INT32_MIN || *v > INT32_MAX)
        return error(llvm::formatv(".qparam: bad value '{0}' for '{1}'", value,
                                   key));
      int32_t x = static_cast<int32_t>(*v);
      if (key == "multiplier")
        q.multiplier = x, haveMultiplier = true;
      else if (key == "exponent")
        q.exponent = x;
      else if (key == "zp")
        q.zeroPoint = x;
      else if (key == "lo")
        q.lo = x;
      else if (key == "hi")
        q.hi = x;
      else
        return error(llvm::formatv(".qparam: unknown key '{0}' (expected "
                                   "scale, multiplier, exponent, zp, lo, hi)",
                                   key));
    }
    if (haveScale && haveMultiplier)
      return error(".qparam: give either scale= or multiplier=/exponent=");
    program.qparams.push_back(q);
    return llvm::Error::success();
  }

  llvm::Error constant(llvm::StringRef text) {
    // .const NAME TYPE[dims] @OFF (= v, v | file "x.npy" | hex "..")
    auto [head, values] = text.split('=');
    bool inlineValues = text.contains('=');
    auto words = splitWords(inlineValues ? head : text);
    if (words.size() < 4)
      return error(".const expects '<name> <type>[dims] @<offset>' then "
                   "'= v, ...', 'file \"x.npy\"' or 'hex \"..\"'");
    Constant c;
    c.name = words[1].str();
    if (auto e = parseTensorType(words[2], c.dtype, c.shape))
      return e;
    if (auto e = parseOffset(words[3], c.dramOffset))
      return e;
    if (!isSupportedStorageKind(c.dtype))
      return error(llvm::formatv("constant '{0}': element type {1} is not "
                                 "supported",
                                 c.name, stringifyElementKind(c.dtype)));
    uint64_t n = c.numElements();
    c.data.assign(storageBytes(c.dtype, n), 0);
    if (inlineValues) {
      if (words.size() != 4)
        return error("unexpected words before '='");
      llvm::SmallVector<llvm::StringRef, 64> items;
      values.split(items, ',', -1, false);
      if (items.size() != n)
        return error(llvm::formatv("constant '{0}': {1} values, its shape "
                                   "needs {2}",
                                   c.name, items.size(), n));
      for (uint64_t i = 0; i < n; ++i) {
        llvm::StringRef item = items[i].trim();
        if (isIntegerKind(c.dtype)) {
          auto v = parseInteger(item);
          if (!v || *v < integerMin(c.dtype) || *v > integerMax(c.dtype))
            return error(llvm::formatv("constant '{0}': value #{1} '{2}' is "
                                       "not a {3}",
                                       c.name, i, item,
                                       stringifyElementKind(c.dtype)));
          storeInt(c.data.data(), c.dtype, i, static_cast<int32_t>(*v));
        } else {
          std::optional<float> value = parseFloatAs(item, c.dtype);
          if (!value)
            return error(llvm::formatv("constant '{0}': value #{1} '{2}' is "
                                       "not a number",
                                       c.name, i, item));
          storeFloat(c.data.data(), c.dtype, i, *value);
        }
      }
    } else {
      if (words.size() != 6)
        return error("expected 'file \"x.npy\"' or 'hex \"...\"'");
      llvm::StringRef arg = unquote(words[5]);
      if (words[4] == "hex") {
        std::string raw;
        if (arg.size() != 2 * c.data.size() ||
            !llvm::tryGetFromHex(arg, raw))
          return error(llvm::formatv("constant '{0}': expected {1} hex bytes",
                                     c.name, c.data.size()));
        std::memcpy(c.data.data(), raw.data(), raw.size());
      } else if (words[4] == "file") {
        llvm::SmallString<256> path(arg);
        if (!llvm::sys::path::is_absolute(path) && !baseDir.empty()) {
          path = baseDir;
          llvm::sys::path::append(path, arg);
        }
        auto array = readNpy(path);
        if (!array)
          return error(llvm::toString(array.takeError()));
        auto data = npyToStorage(*array, c.dtype, c.shape,
                                 ("constant '" + c.name + "'"));
        if (!data)
          return error(llvm::toString(data.takeError()));
        c.data = std::move(*data);
      } else {
        return error(llvm::formatv("expected 'file' or 'hex', found '{0}'",
                                   words[4]));
      }
    }
    program.constants.push_back(std::move(c));
    return llvm::Error::success();
  }

  llvm::Error run(llvm::StringRef text) {
    llvm::SmallVector<llvm::StringRef, 128> lines;
    text.split(lines, '\n');
    for (llvm::StringRef raw : lines) {
      ++line;
      // Strip a comment: '#' outside double quotes.
      bool quoted = false;
      size_t cut = raw.size();
      for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '"')
          quoted = !quoted;
        else if (raw[i] == '#' && !quoted) {
          cut = i;
          break;
        }
      }
      llvm::StringRef s = raw.take_front(cut).trim();
      if (s.empty())
        continue;
      if (s.starts_with(".")) {
        if (auto e = directive(s))
          return e;
        continue;
      }
      auto inst = parseInstruction(s);
      if (!inst)
        return error(llvm::toString(inst.takeError()));
      program.instructions.push_back(*inst);
    }
    line = 0;
    if (!haveTarget)
      return error("missing '.target' directive");
    if (!haveDram) {
      uint64_t end = 0;
      for (const Binding &b : program.bindings)
        end = std::max(end, b.dramOffset + b.sizeInBytes());
      for (const Constant &c : program.constants)
        end = std::max<uint64_t>(end, c.dramOffset + c.data.size());
      program.dramBytes = end;
    }
    if (auto e = verifyProgram(program))
      return error(llvm::toString(std::move(e)));
    return llvm::Error::success();
  }
};
} // namespace

llvm::Expected<Program> isa::assemble(llvm::StringRef text,
                                      llvm::StringRef fileName,
                                      llvm::StringRef baseDir) {
  Assembler a;
  a.fileName = fileName;
  a.baseDir = baseDir.str();
  if (a.baseDir.empty())
    a.baseDir = llvm::sys::path::parent_path(fileName).str();
  if (auto e = a.run(text))
    return std::move(e);
  return std::move(a.program);
}

//===----------------------------------------------------------------------===//
// Disassembler
//===----------------------------------------------------------------------===//

static std::string tensorType(ElementKind kind,
                              const std::vector<int64_t> &shape) {
  std::string s = stringifyElementKind(kind).str() + "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? "," : "") + std::to_string(shape[i]);
  return s + "]";
}

std::string isa::disassemble(const Program &p) {
  std::string out;
  llvm::raw_string_ostream os(out);
  os << "# accel binary version " << kBinaryVersionMajor << "."
     << kBinaryVersionMinor << "\n";
  os << ".target \"" << p.targetName << "\" fingerprint="
     << llvm::format_hex(p.targetFingerprint, 18) << "\n";
  os << ".dram " << p.dramBytes << "\n";
  for (const Binding &b : p.bindings)
    os << (b.isOutput ? ".output " : ".input ") << b.name << " "
       << tensorType(b.dtype, b.shape) << " @" << b.dramOffset << "\n";
  for (size_t i = 0; i < p.qparams.size(); ++i) {
    const QParam &q = p.qparams[i];
    os << ".qparam " << i << " multiplier=" << q.multiplier
       << " exponent=" << q.exponent << " zp=" << q.zeroPoint
       << " lo=" << q.lo << " hi=" << q.hi << "\n";
  }
  for (const Constant &c : p.constants)
    os << ".const " << c.name << " " << tensorType(c.dtype, c.shape) << " @"
       << c.dramOffset << " hex \"" << llvm::toHex(c.data, /*LowerCase=*/true)
       << "\"\n";
  for (size_t i = 0; i < p.instructions.size(); ++i)
    os << formatInstruction(p.instructions[i]) << "  # " << i << "\n";
  os.flush();
  return out;
}
