//===- AccelAttrs.td - accel attributes --------------------*- tablegen -*-===//
//
// This file defines #accel.target, the description of the accelerator a
// module is compiled for.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_DIALECT_ACCEL_IR_ACCELATTRS_TD
#define ACCEL_DIALECT_ACCEL_IR_ACCELATTRS_TD

include "accel/Dialect/Accel/IR/AccelBase.td"

/// Held by value in the attribute storage and read by const reference.
def Accel_TargetDescParameter
    : AttrParameter<"::accel::TargetDesc", "the accelerator description",
                    "const ::accel::TargetDesc &">;

def Accel_TargetAttr : Accel_Attr<"Target", "target"> {
  let summary = "Description of the accelerator a module is compiled for";
  let description = [{
    Carries one accelerator description: the systolic array's size and
    dataflow, scratchpad and accumulator capacity, the op kinds and
    (input, accumulator, output) element-type combinations the array runs,
    2:4 structured-sparsity support, DMA and host-link bandwidth and latency,
    clock, and the energy table.  Its fields are exactly those of the JSON
    files in `targets/` (docs/TargetModel.md documents each); they are read
    and checked by the same code, so a field means the same thing in both.
    The `energy` and `sparsity_2_4` fields are printed only when they differ
    from their defaults.

    Passes and verifiers do not read fields directly: they ask the
    `accel::TargetModel` returned by `getModel()`.

    Example:

    ```mlir
    module attributes {accel.target = #accel.target<name = "tiny",
        kind = systolic, rows = 4, cols = 4, dataflow = weight_stationary,
        scratchpad_bytes = 4096, scratchpad_banks = 2, accumulator_bytes = 1024,
        ops = [matmul, relu], types = [[i8, i32, i8]],
        dma_bytes_per_cycle = 8.0, dma_latency_cycles = 10,
        host_link_bytes_per_cycle = 4.0, host_link_latency_cycles = 100,
        clock_mhz = 500.0>} {}
    ```

    The CPU target has no array: `#accel.target<name = cpu, kind = cpu>`.
    Strings print without quotes when they read back as keywords.
  }];
  let parameters = (ins Accel_TargetDescParameter:$desc);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// The query interface over this description.
    ::accel::TargetModel getModel() const {
      return ::accel::TargetModel(getDesc());
    }
  }];
}

#endif // ACCEL_DIALECT_ACCEL_IR_ACCELATTRS_TD
