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

def PlacementPass : Pass<"accel-place", "mlir::ModuleOp"> {
  let summary = "Decide, per accel op, accelerator or host (host fallback)";
  let description = [{
    Reads the module's `accel.target` (see `accel-attach-target`) and puts
    every accel compute op on the accelerator or the host, recording the
    decision as `accel.placement = "accelerator" | "host"` on the op.

    1. **Legality.** The target must have an accelerator, run the op kind
       (a depthwise convolution is `depthwise_conv2d`; other grouped
       convolutions stay on the host), hold the element types (a
       contraction's `(input, accumulator, output)` triple must be one of
       the target's `types`; other ops need their element type among the
       target's input types), and the shapes must be static.
    2. **Cost** (unless `cost-model=false`). Estimated accelerator time
       (systolic fill/drain and tiles, or vector throughput, against DMA
       time, whichever is larger) plus the host-link transfer of operands
       produced on the host and of results the host consumes, against the
       host's estimated time (`host-gflops`, `host-gbps`). A legal op whose
       offload loses stays on the host.
    3. **Overrides.** Rules from `overrides=<file.json>` pin ops by kind,
       location name or file:line; the last matching rule wins. Pinning to
       the accelerator an op the target cannot run is an error.

    Every decision is explained by a remark on the op (reason, estimated
    cycles and seconds on both sides, bytes over the host link, energy), and
    `report=<file.json>` writes the same facts as JSON. See
    docs/Placement.md.

    Example (`--accel-place` on an `int8-16x16` module):

    ```mlir
    %0 = accel.matmul %a, %b acc(i32) {accel.placement = "accelerator"} : ...
    %1 = accel.avg_pool2d %0 window [2, 2] {accel.placement = "host"} : ...
    ```
  }];
  let options = [
    Option<"costModel", "cost-model", "bool", /*default=*/"true",
           "Keep legal ops on the host when offloading them loses">,
    Option<"report", "report", "std::string", /*default=*/"",
           "Write the decisions as JSON to this file ('-' for stdout)">,
    Option<"overrides", "overrides", "std::string", /*default=*/"",
           "JSON file of rules pinning ops to the host or the accelerator">,
    Option<"hostGflops", "host-gflops", "double", /*default=*/"40.0",
           "Host contraction throughput assumed by the cost model (GFLOP/s)">,
    Option<"compiledOnly", "compiled-only", "bool", /*default=*/"false",
           "Keep on the host the ops the accelerator path cannot compile to "
           "the ISA yet (checkCompilable), so kernels never fall back to the "
           "CPU; accel-run, accel-compile and the C API set it">,
    Option<"hostGbps", "host-gbps", "double", /*default=*/"8.0",
           "Host streaming throughput for elementwise ops (GB/s)">,
  ];
  let dependentDialects = ["::accel::AccelDialect"];
}

def OutlineKernelsPass : Pass<"accel-outline-kernels", "mlir::ModuleOp"> {
  let summary = "Outline runs of accelerator ops into kernel functions";
  let description = [{
    Every maximal run of consecutive ops placed on the accelerator (constants
    in between stay on the host and become kernel arguments) becomes a
    private `func.func @<function>_kernel<N>` marked `accel.kernel`, and the
    run is replaced by an `accel.launch` of it. Values entering a kernel
    pass through `accel.host_to_device`, values leaving it through
    `accel.device_to_host`, so each host-link transfer is an op. Run after
    `accel-place`.

    Example:

    ```mlir
    %0 = accel.matmul %a, %b acc(i32) {accel.placement = "accelerator"} : ...
    %1 = accel.relu %0 {accel.placement = "accelerator"} : ...
    ```

    becomes

    ```mlir
    %da = accel.host_to_device %a : ...
    %db = accel.host_to_device %b : ...
    %r = accel.launch @main_kernel0(%da, %db) : (...) -> ...
    %1 = accel.device_to_host %r : ...
    ```
  }];
  let dependentDialects = ["::accel::AccelDialect",
                           "::mlir::func::FuncDialect"];
}

def VerifyKernelsPass : Pass<"accel-verify-kernels", "mlir::ModuleOp"> {
  let summary = "Check that kernels hold only ops the target can run";
  let description = [{
    The backend contract of the accelerator path: every op in a function
    marked `accel.kernel` must be an accel compute op that the module's
    target can run (the legality of `accel-place`) or the function's return,
    and every launch must name a kernel. Anything else is an error naming
    the op and the reason; the module is not changed.
  }];
}

#endif // ACCEL_DIALECT_ACCEL_TRANSFORMS_PASSES_TD
