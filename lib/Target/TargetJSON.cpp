//===- TargetJSON.cpp - The target description schema ---------------------===//
//
// This file implements reading and writing target descriptions as JSON.  The
// reader is strict: unknown fields, missing fields, wrong JSON types and
// out-of-range values are errors naming the field.  Value-level consistency
// (sizes, type combinations) is left to accel::validate so that descriptions
// built in C++ are checked by the same code.
//
//===----------------------------------------------------------------------===//
#include "accel/Target/TargetJSON.h"

#include "accel/Support/JSONDescribe.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <cmath>

using namespace accel;
using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

static const llvm::StringRef kTopFields[] = {
    "name",
    "kind",
    "rows",
    "cols",
    "dataflow",
    "scratchpad_bytes",
    "scratchpad_banks",
    "accumulator_bytes",
    "ops",
    "types",
    "sparsity_2_4",
    "requantizer",
    "dma_bytes_per_cycle",
    "dma_latency_cycles",
    "host_link_bytes_per_cycle",
    "host_link_latency_cycles",
    "clock_mhz",
    "energy",
};
/// Fields a systolic target must give; the others are optional.
static const llvm::StringRef kOptionalSystolicFields[] = {
    "sparsity_2_4", "requantizer", "energy"};
static const llvm::StringRef kEnergyFields[] = {
    "mac_pj", "sram_read_pj_per_byte", "sram_write_pj_per_byte",
    "dram_pj_per_byte", "host_link_pj_per_byte"};

llvm::ArrayRef<llvm::StringRef> accel::getTargetFieldNames() {
  return kTopFields;
}

namespace {
/// Reads the fields of one JSON object; remembers the first error, prefixed
/// with the object's path.
class ObjectReader {
public:
  ObjectReader(const Object &object, std::string path,
               std::optional<std::string> &error)
      : object(object), path(std::move(path)), error(error) {}

  std::string fieldPath(llvm::StringRef key) const {
    return path.empty() ? key.str() : path + "." + key.str();
  }
  bool fail(llvm::StringRef key, const llvm::Twine &message) {
    if (!error)
      error = "field '" + fieldPath(key) + "': " + message.str();
    return false;
  }
  bool has(llvm::StringRef key) const { return object.get(key) != nullptr; }
  const Value *get(llvm::StringRef key) const { return object.get(key); }

  /// Every key must be one of `allowed`.
  bool checkKnown(llvm::ArrayRef<llvm::StringRef> allowed) {
    // Report in sorted order so the message is deterministic.
    std::vector<std::string> keys;
    for (const auto &entry : object)
      keys.push_back(entry.first.str());
    llvm::sort(keys);
    for (const std::string &key : keys)
      if (!llvm::is_contained(allowed, key))
        return fail(key, "unknown field (expected one of: " +
                             llvm::join(allowed, ", ") + ")");
    return true;
  }
  const Value *require(llvm::StringRef key, llvm::StringRef why) {
    const Value *value = object.get(key);
    if (!value)
      fail(key, "missing (" + why + ")");
    return value;
  }

  bool readString(llvm::StringRef key, std::string &out, llvm::StringRef why) {
    const Value *value = require(key, why);
    if (!value)
      return false;
    auto str = value->getAsString();
    if (!str)
      return fail(key, "expected a string, found " + describeJSONValue(*value));
    out = str->str();
    return true;
  }
  bool readUInt(llvm::StringRef key, uint64_t &out, llvm::StringRef why,
                uint64_t max = UINT64_MAX) {
    const Value *value = require(key, why);
    if (!value)
      return false;
    auto num = value->getAsInteger();
    if (!num || *num < 0 || uint64_t(*num) > max) {
      std::string range =
          max == UINT64_MAX ? std::string("a non-negative integer")
                            : llvm::formatv("an integer in 0..{0}", max).str();
      return fail(key,
                  "expected " + range + ", found " + describeJSONValue(*value));
    }
    out = *num;
    return true;
  }
  bool readReal(llvm::StringRef key, double &out, llvm::StringRef why) {
    const Value *value = require(key, why);
    if (!value)
      return false;
    auto num = value->getAsNumber();
    if (!num || !std::isfinite(*num) || *num < 0)
      return fail(key, "expected a finite number >= 0, found " +
                           describeJSONValue(*value));
    out = *num;
    return true;
  }
  bool readBool(llvm::StringRef key, bool &out) {
    const Value *value = object.get(key);
    if (!value)
      return true;
    auto b = value->getAsBoolean();
    if (!b)
      return fail(key,
                  "expected true or false, found " + describeJSONValue(*value));
    out = *b;
    return true;
  }
  template <typename EnumT>
  bool readEnum(llvm::StringRef key, const Value &value, EnumT &out,
                std::optional<EnumT> (*symbolize)(llvm::StringRef),
                llvm::StringRef expected) {
    auto str = value.getAsString();
    std::optional<EnumT> sym = str ? symbolize(*str) : std::nullopt;
    if (!sym)
      return fail(key, "expected " + expected + ", found " +
                           describeJSONValue(value));
    out = *sym;
    return true;
  }

  const Object &object;
  std::string path;
  std::optional<std::string> &error;
};
} // namespace

static std::string joinElementKinds() {
  std::vector<llvm::StringRef> names;
  for (unsigned i = 0; i < kNumElementKinds; ++i)
    names.push_back(stringifyElementKind(static_cast<ElementKind>(i)));
  return "one of " + llvm::join(names, ", ");
}

static std::string joinOpKinds() {
  std::vector<llvm::StringRef> names;
  for (unsigned i = 0; i < kNumOpKinds; ++i)
    names.push_back(stringifyOpKind(static_cast<OpKind>(i)));
  return "one of " + llvm::join(names, ", ");
}

static bool readOps(ObjectReader &r, TargetDesc &desc) {
  const Value *value = r.require("ops", "required for a systolic target");
  if (!value)
    return false;
  const Array *array = value->getAsArray();
  if (!array)
    return r.fail("ops", "expected an array of op kinds, found " +
                             describeJSONValue(*value));
  for (auto [index, element] : llvm::enumerate(*array)) {
    OpKind kind;
    if (!r.readEnum(llvm::formatv("ops[{0}]", index).str(), element, kind,
                    symbolizeOpKind, joinOpKinds()))
      return false;
    desc.opKinds.push_back(kind);
  }
  return true;
}

static bool readTypes(ObjectReader &r, TargetDesc &desc) {
  const Value *value = r.require("types", "required for a systolic target");
  if (!value)
    return false;
  const Array *array = value->getAsArray();
  if (!array)
    return r.fail("types",
                  "expected an array of [input, accumulator, output] triples, "
                  "found " +
                      describeJSONValue(*value));
  for (auto [index, element] : llvm::enumerate(*array)) {
    std::string key = llvm::formatv("types[{0}]", index).str();
    const Array *triple = element.getAsArray();
    if (!triple || triple->size() != 3)
      return r.fail(key, "expected [input, accumulator, output], found " +
                             describeJSONValue(element));
    ElementKind kinds[3];
    for (unsigned i = 0; i < 3; ++i)
      if (!r.readEnum(llvm::formatv("{0}[{1}]", key, i).str(), (*triple)[i],
                      kinds[i], symbolizeElementKind, joinElementKinds()))
        return false;
    desc.typeCombos.push_back({kinds[0], kinds[1], kinds[2]});
  }
  return true;
}

static bool readEnergy(ObjectReader &r, EnergyTable &energy) {
  const Value *value = r.object.get("energy");
  if (!value)
    return true;
  const Object *object = value->getAsObject();
  if (!object)
    return r.fail("energy",
                  "expected an object, found " + describeJSONValue(*value));
  ObjectReader er(*object, r.fieldPath("energy"), r.error);
  if (!er.checkKnown(kEnergyFields))
    return false;
  if (const Value *mac = object->get("mac_pj")) {
    const Object *macObject = mac->getAsObject();
    if (!macObject)
      return er.fail("mac_pj", "expected an object mapping element types to "
                               "picojoules, found " +
                                   describeJSONValue(*mac));
    ObjectReader mr(*macObject, er.fieldPath("mac_pj"), r.error);
    std::vector<llvm::StringRef> kinds;
    for (unsigned i = 0; i < kNumElementKinds; ++i)
      kinds.push_back(stringifyElementKind(static_cast<ElementKind>(i)));
    if (!mr.checkKnown(kinds))
      return false;
    for (unsigned i = 0; i < kNumElementKinds; ++i)
      if (mr.has(kinds[i]) && !mr.readReal(kinds[i], energy.macPJ[i], ""))
        return false;
  }
  std::pair<llvm::StringRef, double *> perByte[] = {
      {"sram_read_pj_per_byte", &energy.sramReadPJPerByte},
      {"sram_write_pj_per_byte", &energy.sramWritePJPerByte},
      {"dram_pj_per_byte", &energy.dramPJPerByte},
      {"host_link_pj_per_byte", &energy.hostLinkPJPerByte}};
  for (auto [key, slot] : perByte)
    if (er.has(key) && !er.readReal(key, *slot, ""))
      return false;
  return true;
}

static bool readSystolic(ObjectReader &r, TargetDesc &desc) {
  constexpr llvm::StringLiteral why = "required for a systolic target";
  uint64_t rows, cols, banks, dmaLatency, linkLatency;
  if (!r.readUInt("rows", rows, why, UINT32_MAX) ||
      !r.readUInt("cols", cols, why, UINT32_MAX))
    return false;
  desc.rows = rows;
  desc.cols = cols;
  const Value *dataflow = r.require("dataflow", why);
  if (!dataflow ||
      !r.readEnum("dataflow", *dataflow, desc.dataflow, symbolizeDataflow,
                  "weight_stationary or output_stationary"))
    return false;
  if (!r.readUInt("scratchpad_bytes", desc.scratchpadBytes, why) ||
      !r.readUInt("scratchpad_banks", banks, why, UINT32_MAX) ||
      !r.readUInt("accumulator_bytes", desc.accumulatorBytes, why))
    return false;
  desc.scratchpadBanks = banks;
  if (!readOps(r, desc) || !readTypes(r, desc) ||
      !r.readBool("sparsity_2_4", desc.sparsity24))
    return false;
  if (const Value *requantizer = r.get("requantizer"))
    if (!r.readEnum("requantizer", *requantizer, desc.requantizer,
                    symbolizeRequantizer, "fixed_point or shift"))
      return false;
  if (!r.readReal("dma_bytes_per_cycle", desc.dmaBytesPerCycle, why) ||
      !r.readUInt("dma_latency_cycles", dmaLatency, why) ||
      !r.readReal("host_link_bytes_per_cycle", desc.hostLinkBytesPerCycle,
                  why) ||
      !r.readUInt("host_link_latency_cycles", linkLatency, why) ||
      !r.readReal("clock_mhz", desc.clockMHz, why))
    return false;
  desc.dmaLatencyCycles = dmaLatency;
  desc.hostLinkLatencyCycles = linkLatency;
  return readEnergy(r, desc.energy);
}

llvm::Expected<TargetDesc> accel::targetFromJSON(const Value &value) {
  const Object *object = value.getAsObject();
  if (!object)
    return llvm::createStringError("expected a JSON object at the top level, "
                                   "found " +
                                   describeJSONValue(value));
  std::optional<std::string> error;
  ObjectReader r(*object, "", error);
  TargetDesc desc;
  bool ok = r.checkKnown(kTopFields) &&
            r.readString("name", desc.name, "every target has one");
  if (ok) {
    const Value *kind = r.require("kind", "'cpu' or 'systolic'");
    ok = kind && r.readEnum("kind", *kind, desc.kind, symbolizeTargetKind,
                            "cpu or systolic");
  }
  if (ok && desc.kind == TargetKind::Cpu) {
    // A CPU target has no array: any array field is a mistake, not a no-op.
    for (llvm::StringRef key : kTopFields)
      if (key != "name" && key != "kind" && r.has(key)) {
        ok = r.fail(key, "not allowed for a cpu target");
        break;
      }
  } else if (ok) {
    ok = readSystolic(r, desc);
  }
  if (!ok)
    return llvm::createStringError(*error);
  if (auto problem = validate(desc)) {
    // validate() says "<field>: <problem>"; quote the field like the reader.
    auto [field, message] = llvm::StringRef(*problem).split(": ");
    return llvm::createStringError("field '" + field + "': " + message);
  }
  return desc;
}

Object accel::targetToJSON(const TargetDesc &desc, bool omitDefaults) {
  Object object{{"name", desc.name}, {"kind", stringifyTargetKind(desc.kind)}};
  if (desc.kind == TargetKind::Cpu)
    return object;
  Array ops, types;
  for (OpKind kind : desc.opKinds)
    ops.push_back(stringifyOpKind(kind));
  for (const TypeCombo &c : desc.typeCombos)
    types.push_back(Array{stringifyElementKind(c.input),
                          stringifyElementKind(c.accumulator),
                          stringifyElementKind(c.output)});
  object["rows"] = desc.rows;
  object["cols"] = desc.cols;
  object["dataflow"] = stringifyDataflow(desc.dataflow);
  object["scratchpad_bytes"] = desc.scratchpadBytes;
  object["scratchpad_banks"] = desc.scratchpadBanks;
  object["accumulator_bytes"] = desc.accumulatorBytes;
  object["ops"] = std::move(ops);
  object["types"] = std::move(types);
  if (!omitDefaults || desc.sparsity24)
    object["sparsity_2_4"] = desc.sparsity24;
  if (!omitDefaults || desc.requantizer != Requantizer::FixedPoint)
    object["requantizer"] = stringifyRequantizer(desc.requantizer);
  object["dma_bytes_per_cycle"] = desc.dmaBytesPerCycle;
  object["dma_latency_cycles"] = desc.dmaLatencyCycles;
  object["host_link_bytes_per_cycle"] = desc.hostLinkBytesPerCycle;
  object["host_link_latency_cycles"] = desc.hostLinkLatencyCycles;
  object["clock_mhz"] = desc.clockMHz;
  if (!omitDefaults || !(desc.energy == EnergyTable::defaults())) {
    Object mac;
    for (unsigned i = 0; i < kNumElementKinds; ++i)
      mac[stringifyElementKind(static_cast<ElementKind>(i))] =
          desc.energy.macPJ[i];
    object["energy"] =
        Object{{"mac_pj", std::move(mac)},
               {"sram_read_pj_per_byte", desc.energy.sramReadPJPerByte},
               {"sram_write_pj_per_byte", desc.energy.sramWritePJPerByte},
               {"dram_pj_per_byte", desc.energy.dramPJPerByte},
               {"host_link_pj_per_byte", desc.energy.hostLinkPJPerByte}};
  }
  return object;
}

llvm::Expected<TargetDesc> accel::parseTargetJSON(llvm::StringRef text,
                                                  llvm::StringRef fileName) {
  auto prefixed = [&](llvm::Error err) {
    return llvm::createStringError(fileName + ": " +
                                   llvm::toString(std::move(err)));
  };
  llvm::Expected<Value> value = llvm::json::parse(text);
  if (!value)
    return llvm::createStringError(
        fileName + ": invalid JSON: " + llvm::toString(value.takeError()));
  llvm::Expected<TargetDesc> desc = targetFromJSON(*value);
  if (!desc)
    return prefixed(desc.takeError());
  return desc;
}

//===----------------------------------------------------------------------===//
// Presets
//===----------------------------------------------------------------------===//

namespace {
struct Preset {
  llvm::StringLiteral name;
  llvm::StringLiteral json;
};
} // namespace

// Generated from targets/*.json by cmake/EmbedTargets.cmake.
static const Preset kPresets[] = {
#include "TargetPresets.inc"
};

std::vector<llvm::StringRef> accel::getTargetPresetNames() {
  std::vector<llvm::StringRef> names;
  for (const Preset &preset : kPresets)
    names.push_back(preset.name);
  return names;
}

llvm::Expected<TargetDesc> accel::loadTarget(llvm::StringRef nameOrPath) {
  bool isPath = nameOrPath.contains('/') || nameOrPath.ends_with(".json");
  if (!isPath) {
    for (const Preset &preset : kPresets)
      if (preset.name == nameOrPath)
        return parseTargetJSON(preset.json,
                               ("<preset " + nameOrPath + ">").str());
    return llvm::createStringError(
        "unknown target '" + nameOrPath +
        "' (presets: " + llvm::join(getTargetPresetNames(), ", ") +
        "; a path must contain '/' or end in .json)");
  }
  auto buffer = llvm::MemoryBuffer::getFile(nameOrPath, /*IsText=*/true);
  if (!buffer)
    return llvm::createStringError(nameOrPath + ": cannot read target file: " +
                                   buffer.getError().message());
  return parseTargetJSON((*buffer)->getBuffer(), nameOrPath);
}
