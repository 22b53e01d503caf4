//===- Runner.h - compile a module for the CPU path and call it --*- C++ -*-===//
//
// The JIT side of accel-run and the benchmarks: lower a module with the CPU
// pipeline, hand it to MLIR's ExecutionEngine (LLVM -O3 with the host CPU's
// features), and call an entry function on caller-owned buffers.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_RUNNER_RUNNER_H
#define ACCEL_RUNNER_RUNNER_H

#include "accel/Pipelines/Pipelines.h"
#include "accel/Support/Npy.h"

#include "mlir/IR/BuiltinOps.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace mlir {
class ExecutionEngine;
} // namespace mlir

namespace accel {

/// One argument or result of an entry function, as host memory sees it.
struct TensorSpec {
  std::string mlirType;       // as written, e.g. tensor<4x8x!quant.uniform<...>>
  std::vector<int64_t> shape;
  NpyDType dtype;             // the .npy dtype it is exchanged as
  unsigned storageBytes = 0;  // bytes per element in memory
  /// bf16 lives in memory as 2 bytes but is exchanged as float32 (numpy has
  /// no bfloat16); i4 lives in one byte per element and is exchanged as int8.
  bool isBF16 = false;
  bool isI4 = false;
  int64_t numElements() const;
  size_t numBytes() const { return size_t(numElements()) * storageBytes; }
};

/// The entry function to run: `requested` when given, else the module's only
/// public function definition, else "main".
std::string chooseEntry(mlir::ModuleOp module, llvm::StringRef requested);

/// Describes `entry`'s arguments and results from its (tensor-level)
/// signature; errors name the entry and the offending argument.
llvm::Error describeEntry(mlir::ModuleOp module, llvm::StringRef entry,
                          std::vector<TensorSpec> &inputs,
                          std::vector<TensorSpec> &outputs);

/// Converts a loaded .npy array to the memory image of `spec`, or explains
/// why it does not match (`what` names the argument in messages).
llvm::Expected<std::vector<uint8_t>>
toMemoryImage(const NpyArray &array, const TensorSpec &spec,
              llvm::StringRef what);
/// The inverse: a result buffer as a .npy array.
NpyArray fromMemoryImage(llvm::ArrayRef<uint8_t> bytes, const TensorSpec &spec);

/// A module compiled for the CPU path and loaded into the JIT.
class CompiledModule {
public:
  /// Lowers `module` (consumed) with the CPU pipeline and JIT-compiles it.
  static llvm::Expected<std::unique_ptr<CompiledModule>>
  compile(mlir::ModuleOp module, const CPUPipelineOptions &options);
  ~CompiledModule();

  /// Calls `entry` with one pointer per input followed by one per output
  /// (the bare-pointer, out-parameter convention of the CPU pipeline).
  llvm::Error call(llvm::StringRef entry, llvm::ArrayRef<void *> buffers);

  /// The packed entry point, for callers that time repeated calls.
  using PackedFn = void (*)(void **);
  llvm::Expected<PackedFn> lookup(llvm::StringRef entry);

private:
  CompiledModule() = default;
  std::unique_ptr<mlir::ExecutionEngine> engine;
};

} // namespace accel

#endif // ACCEL_RUNNER_RUNNER_H
