//===- Passes.td - accel dialect passes --------------------*- tablegen -*-===//
//
// This file declares the passes of the accel dialect.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_DIALECT_ACCEL_TRANSFORMS_PASSES_TD
#define ACCEL_DIALECT_ACCEL_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def AttachTargetPass : Pass<"accel-attach-target", "mlir::ModuleOp"> {
  let summary = "Attach an accelerator description to the module";
  let description = [{
    Loads a target by preset name (`int8-16x16`, `bf16-128x128`,
    `int8-256x256`, `cpu`) or from a JSON file (a `target` containing `/` or
    ending in `.json`) and stores it as the module's `accel.target`
    attribute, replacing any target already there.  Every later pass reads
    the accelerator from that attribute.  A bad file or unknown name is an
    error naming the file, the field and the problem.

    `accel-opt --accel-target=<name|file.json>` runs this pass before the
    requested pipeline.

    Before:

    ```mlir
    module {
      func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> { ... }
    }
    ```

    After `--accel-attach-target=target=cpu`:

    ```mlir
    module attributes {accel.target = #accel.target<name = cpu, kind = cpu>} {
      func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> { ... }
    }
    ```
  }];
  let options = [
    Option<"target", "target", "std::string", /*default=*/"",
           "Preset name or path to a target JSON file">,
  ];
  let dependentDialects = ["::accel::AccelDialect"];
}

#endif // ACCEL_DIALECT_ACCEL_TRANSFORMS_PASSES_TD
