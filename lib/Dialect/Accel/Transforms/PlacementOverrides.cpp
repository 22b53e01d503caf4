//===- PlacementOverrides.cpp - user pins for accel-place -----------------===//
#include "PlacementOverrides.h"

#include "mlir/IR/Location.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace mlir;

namespace accel {

static llvm::Error ruleError(llvm::StringRef path, unsigned index,
                             const llvm::Twine &message) {
  return llvm::createStringError(
      llvm::formatv("{0}: rules[{1}]: {2}", path, index, message.str()).str());
}

llvm::Expected<PlacementOverrides>
loadPlacementOverrides(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return llvm::createStringError(
        llvm::formatv("cannot read placement overrides '{0}': {1}", path,
                      buffer.getError().message())
            .str());
  auto json = llvm::json::parse((*buffer)->getBuffer());
  if (!json)
    return llvm::createStringError(
        llvm::formatv("{0}: invalid JSON: {1}", path,
                      llvm::toString(json.takeError()))
            .str());
  const llvm::json::Object *root = json->getAsObject();
  const llvm::json::Array *rules = root ? root->getArray("rules") : nullptr;
  if (!rules)
    return llvm::createStringError(
        llvm::formatv("{0}: expected an object with a \"rules\" array", path)
            .str());
  for (const auto &entry : *root)
    if (entry.first != "rules")
      return llvm::createStringError(
          llvm::formatv("{0}: unknown field '{1}' (expected only \"rules\")",
                        path, entry.first.str())
              .str());

  PlacementOverrides overrides;
  overrides.path = path.str();
  for (auto [i, value] : llvm::enumerate(*rules)) {
    const llvm::json::Object *object = value.getAsObject();
    if (!object)
      return ruleError(path, i, "expected an object");
    PlacementRule rule;
    rule.index = i;
    std::optional<llvm::StringRef> place;
    for (const auto &field : *object) {
      std::optional<llvm::StringRef> text = field.second.getAsString();
      if (!text)
        return ruleError(path, i,
                         "field '" + field.first.str() + "' must be a string");
      if (field.first == "kind")
        rule.kind = text->str();
      else if (field.first == "name")
        rule.name = text->str();
      else if (field.first == "loc")
        rule.loc = text->str();
      else if (field.first == "place")
        place = *text;
      else
        return ruleError(path, i,
                         "unknown field '" + field.first.str() +
                             "' (expected kind, name, loc, place)");
    }
    if (!place || (*place != "host" && *place != "accelerator"))
      return ruleError(path, i,
                       "expected \"place\": \"host\" or \"accelerator\"");
    if (!rule.kind && !rule.name && !rule.loc)
      return ruleError(path, i,
                       "expected at least one selector: kind, name or loc");
    if (rule.loc) {
      auto [file, line] = llvm::StringRef(*rule.loc).rsplit(':');
      unsigned number;
      if (file.empty() || line.getAsInteger(10, number))
        return ruleError(path, i,
                         "'loc' must be \"file:line\" or \"file:line:col\", "
                         "found \"" + *rule.loc + "\"");
    }
    rule.toAccelerator = *place == "accelerator";
    overrides.rules.push_back(rule);
  }
  return overrides;
}

/// True when some NameLoc inside `loc` is called `name`.
static bool hasName(Location loc, llvm::StringRef name) {
  bool found = false;
  loc->walk([&](Location inner) {
    if (auto named = dyn_cast<NameLoc>(inner))
      found |= named.getName().getValue() == name;
    return found ? WalkResult::interrupt() : WalkResult::advance();
  });
  return found;
}

/// True when some file location inside `loc` is `file:line[:col]`, with the
/// file compared by its trailing path components.
static bool hasFileLine(Location loc, llvm::StringRef spec) {
  auto [rest, lastText] = spec.rsplit(':');
  auto [restFile, middleText] = rest.rsplit(':');
  llvm::StringRef file = rest;
  unsigned line = 0, col = 0;
  if (!middleText.empty() && !middleText.getAsInteger(10, line) &&
      !lastText.getAsInteger(10, col))
    file = restFile; // file:line:col
  else if (lastText.getAsInteger(10, line))
    return false; // not file:line
  bool found = false;
  loc->walk([&](Location inner) {
    if (auto fileLoc = dyn_cast<FileLineColLoc>(inner)) {
      llvm::StringRef name = fileLoc.getFilename().getValue();
      bool fileMatches = name == file || name.ends_with(("/" + file).str());
      found |= fileMatches && fileLoc.getLine() == line &&
               (col == 0 || fileLoc.getColumn() == col);
    }
    return found ? WalkResult::interrupt() : WalkResult::advance();
  });
  return found;
}

const PlacementRule *PlacementOverrides::match(Operation *op,
                                               const OpWork &work) const {
  const PlacementRule *result = nullptr;
  for (const PlacementRule &rule : rules) {
    if (rule.kind &&
        op->getName().stripDialect() != llvm::StringRef(*rule.kind) &&
        (!work.kind || stringifyOpKind(*work.kind) != *rule.kind))
      continue;
    if (rule.name && !hasName(op->getLoc(), *rule.name))
      continue;
    if (rule.loc && !hasFileLine(op->getLoc(), *rule.loc))
      continue;
    ++rule.matches;
    result = &rule;
  }
  return result;
}

} // namespace accel
