//===- accel-translate.cpp - accel assembly <-> binary ----------------------===//
//
// This file implements accel-translate, the assembler and disassembler of the
// accel ISA (docs/isa.md):
//
//   accel-translate --asm-to-bin prog.s -o prog.bin
//   accel-translate --bin-to-asm prog.bin [-o prog.s]
//
//===----------------------------------------------------------------------===//
#include "accel/ISA/Assembler.h"
#include "accel/ISA/Binary.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace accel;

namespace {
enum class Action { AsmToBin, BinToAsm };
cl::opt<Action> action(
    cl::desc("Translation:"), cl::Required,
    cl::values(clEnumValN(Action::AsmToBin, "asm-to-bin",
                          "assemble accel assembly into a binary"),
               clEnumValN(Action::BinToAsm, "bin-to-asm",
                          "disassemble a binary into accel assembly")));
cl::opt<std::string> inputFile(cl::Positional, cl::desc("<input>"),
                               cl::init("-"));
cl::opt<std::string> outputFile("o", cl::desc("Output file"),
                                cl::value_desc("filename"), cl::init("-"));
} // namespace

static int fail(const Twine &message) {
  WithColor::error(errs(), "accel-translate") << message << "\n";
  return 1;
}

int main(int argc, char **argv) {
  InitLLVM y(argc, argv);
  cl::ParseCommandLineOptions(argc, argv,
                              "accel ISA assembler and disassembler\n");
  auto buffer = MemoryBuffer::getFileOrSTDIN(inputFile, /*IsText=*/false,
                                             /*RequiresNullTerminator=*/false);
  if (!buffer)
    return fail(inputFile + ": " + buffer.getError().message());
  StringRef contents = (*buffer)->getBuffer();
  std::string name = inputFile == "-" ? "<stdin>" : inputFile.getValue();

  std::vector<uint8_t> bytes;
  std::string text;
  if (action == Action::AsmToBin) {
    auto program = isa::assemble(contents, name);
    if (!program) {
      // Already "<file>:<line>: error: ...".
      errs() << toString(program.takeError()) << "\n";
      return 1;
    }
    auto bin = isa::writeBinary(*program);
    if (!bin)
      return fail(name + ": " + toString(bin.takeError()));
    bytes = std::move(*bin);
  } else {
    auto program = isa::readBinary(
        ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(contents.data()),
                          contents.size()),
        name);
    if (!program)
      return fail(toString(program.takeError()));
    text = isa::disassemble(*program);
  }

  std::error_code ec;
  ToolOutputFile out(outputFile, ec,
                     action == Action::AsmToBin ? sys::fs::OF_None
                                                : sys::fs::OF_Text);
  if (ec)
    return fail(outputFile + ": " + ec.message());
  if (action == Action::AsmToBin)
    out.os().write(reinterpret_cast<const char *>(bytes.data()), bytes.size());
  else
    out.os() << text;
  out.keep();
  return 0;
}
