//===- Assembler.h - accel assembly text <-> Program ------------*- C++ -*-===//
//
// This file declares the assembler and disassembler of the accel ISA text
// syntax (docs/isa.md, "Assembly syntax").  Both are driven by the field
// table of Instructions.def.  disassemble(assemble(t)) is the canonical form
// of t, and assembling a disassembly reproduces the binary byte for byte.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_ISA_ASSEMBLER_H
#define ACCEL_ISA_ASSEMBLER_H

#include "accel/ISA/Binary.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace accel {
namespace isa {

/// Assembles `text`.  Messages are "<fileName>:<line>: error: ...".
/// `file "x.npy"` constants are read relative to `baseDir` (the directory of
/// fileName when empty).
llvm::Expected<Program> assemble(llvm::StringRef text, llvm::StringRef fileName,
                                 llvm::StringRef baseDir = "");

/// The canonical text of one instruction (fields that differ from their
/// default, in table order).
std::string formatInstruction(const Instruction &inst);
/// Parses one instruction line (no comment, no directive).
llvm::Expected<Instruction> parseInstruction(llvm::StringRef line);

/// The canonical text of a whole program.
std::string disassemble(const Program &program);

} // namespace isa
} // namespace accel

#endif // ACCEL_ISA_ASSEMBLER_H
