//===- Passes.td - accel conversion passes -----------------*- tablegen -*-===//
//
// Conversions out of the accel dialect.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_CONVERSION_PASSES_TD
#define ACCEL_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertAccelToLinalgPass
    : Pass<"convert-accel-to-linalg", "mlir::ModuleOp"> {
  let summary = "Lower accel ops to linalg, arith, math and tensor (the CPU path)";
  let description = [{
    Rewrites every tensor-level accel op into linalg on tensors with exactly
    the numerics of docs/Numerics.md:

    * Quantized tensors become tensors of their storage type (signless `i8`
      for both `i8` and `u8` storage; signedness is remembered by the
      lowering). Function signatures, returns and `quant.scast` are
      converted with them, so a converted module has no `!quant` types left.
    * Integer contractions widen `q - zero_point` to the accumulator type
      once per operand element (exact: the verifier guarantees the
      accumulator holds it) and run `linalg.matmul` /
      `linalg.batch_matmul` on same-typed operands.
    * `conv2d` with one group becomes im2col (a gather `linalg.generic` into
      `[N*OH*OW, KH*KW*C]`) and one `linalg.matmul`, so it takes the tuned
      GEMM schedule; grouped and depthwise convolutions use one
      `linalg.generic` over `[G, C/G]` (not vectorized yet).
    * Requantization (`accel.requantize`, quantized contraction results)
      emits the fixed-point recipe of include/accel/Numerics/Requantize.h
      operation by operation, with multipliers computed at compile time by
      the same header.
    * Float contractions accumulate in f32; narrower float elementwise ops
      compute in f32 and round once.

    Limitations are errors, never silent: dynamic shapes, and `tf32` or fp8
    element types, are reported on the op that has them.

    Example:

    ```mlir
    %0 = accel.relu %x : tensor<4xf32>
    ```

    becomes

    ```mlir
    %0 = linalg.generic {...} ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) {
      ^bb0(%in: f32, %out: f32):
        %c0 = arith.constant 0.0 : f32
        %m = arith.maximumf %in, %c0 : f32
        linalg.yield %m : f32
    } -> tensor<4xf32>
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect", "::mlir::tensor::TensorDialect",
    "::mlir::func::FuncDialect", "::mlir::memref::MemRefDialect",
    "::mlir::bufferization::BufferizationDialect"
  ];
}

def CPUTileAndVectorizePass
    : Pass<"accel-cpu-tile-and-vectorize", "mlir::ModuleOp"> {
  let summary = "Tile and vectorize contractions for the host CPU";
  let description = [{
    Applies a transform-dialect schedule, generated for the module, to every
    `linalg.matmul` and `linalg.batch_matmul` on tensors (what
    convert-accel-to-linalg emits for contractions and convolutions):

    * a cache tile chosen per shape (each dimension whole when it fits the
      limit, else the largest divisor in [limit/2, limit], else the limit);
    * a register tile computed as a chain of vector FMAs (`vector.contract`
      lowered to outer products), with the accumulator tile hoisted out of
      the reduction loop so it stays in registers; register loops that do
      not divide their cache tile are peeled, so only the last row and
      column tiles are vectorized with masks.

    The register tile defaults from the host's vector width (8x32 with
    AVX-512, 4x16 otherwise: 16 or 8 accumulator registers).
    `schedule=<file.mlir>` replaces the generated schedule with a text file
    of `transform` ops, so researchers can try their own; `print-schedule`
    prints the one applied. See docs/CPUPath.md.

    Example: a 64x64x32 f32 `linalg.matmul` with `register-tile=4,16`
    becomes loops over 4x16 tiles whose k loop carries a `vector<4x16xf32>`
    accumulator updated by four `vector.fma` on `vector<16xf32>`.
  }];
  let options = [
    ListOption<"cacheTile", "cache-tile", "int64_t",
               "M, N, K cache tile limits (default 256,256,128)">,
    ListOption<"registerTile", "register-tile", "int64_t",
               "M, N register tile (default: from the host's vector width)">,
    Option<"schedule", "schedule", "std::string", /*default=*/"",
           "Transform-dialect schedule file replacing the built-in one">,
    Option<"printSchedule", "print-schedule", "bool", /*default=*/"false",
           "Print the schedule that is applied to stderr">,
  ];
  let dependentDialects = [
    "::mlir::transform::TransformDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::vector::VectorDialect", "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect", "::mlir::arith::ArithDialect"
  ];
}

//===----------------------------------------------------------------------===//
// Conversions into accel (frontends)
//===----------------------------------------------------------------------===//

def ConvertTosaToAccelPass
    : Pass<"convert-tosa-to-accel", "mlir::ModuleOp"> {
  let summary = "Convert TOSA contractions, elementwise ops, rescale and "
                "pooling to accel ops";
  let description = [{
    Rewrites the TOSA ops accel can run into accel ops; every other op (and
    every op whose form accel cannot express) is left unchanged and flows
    through upstream `tosa-to-linalg` on the host path.

    * `tosa.matmul` becomes a batched `accel.matmul`: float operands
      accumulate in f32; `i8` operands with zero points 0 become a raw
      `i8 x i8 -> i32` contraction, and non-zero zero points are expressed
      with `quant.scast` to `!quant.uniform<i8:f32, 1.0:zp>` operands and
      raw `i32` accumulators (exact: the scale of a raw accumulator never
      matters).
    * `tosa.conv2d` (filter `[F, KH, KW, C]`) becomes `accel.conv2d` with
      the filter transposed to `[KH, KW, C, F]` (folded for constants), its
      pad/stride/dilation, and the bias (dropped when it is a zero constant).
    * `tosa.depthwise_conv2d` (filter `[KH, KW, C, M]`) becomes
      `accel.conv2d` with `groups = C` and filter `[KH, KW, 1, C*M]`.
    * `tosa.add`/`sub`/`mul` (float; `mul` with shift 0) become
      `accel.add`/`sub`/`mul`; `tosa.clamp` on floats becomes `accel.clamp`
      (`accel.relu` for `[0, +inf]`).
    * `tosa.rescale` with 32-bit multipliers normalized to [2^30, 2^31)
      becomes `accel.requantize` between `quant.scast`s: the input scale is
      `multiplier * 2^-shift` (per tensor, or per channel along the last
      dimension), the output scale 1.0, so accel recomputes the same
      multiplier and shift, and its rounding equals TOSA's `DOUBLE_ROUND`
      (and `SINGLE_ROUND` for shifts up to 31) bit for bit.
    * `tosa.max_pool2d` and (float) `tosa.avg_pool2d` become accel pooling.

    TOSA's integer elementwise ops and integer `avg_pool2d` (their results
    depend on scales TOSA does not carry), `i16` contractions, unsigned
    rescales, `INEXACT_ROUND` and unnormalized multipliers, non-zero `mul`
    shifts and dynamic shapes stay TOSA (test/Conversion/TosaToAccel/unsupported.mlir).

    Example:

    ```mlir
    %0 = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>,
        pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>}
        : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>, tensor<1xf32>,
           tensor<1xf32>) -> tensor<1x8x8x4xf32>
    ```

    becomes

    ```mlir
    %t = linalg.transpose ins(%w : tensor<4x3x3x3xf32>) outs(%e : tensor<3x3x3x4xf32>)
        permutation = [1, 2, 3, 0]
    %0 = accel.conv2d %x, %t bias(%b : tensor<4xf32>) padding [1, 1, 1, 1] acc(f32)
        : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x8x8x4xf32>
    ```
  }];
  let dependentDialects = [
    "::accel::AccelDialect", "::mlir::quant::QuantDialect",
    "::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
    "::mlir::arith::ArithDialect"
  ];
}

def ConvertLinalgToAccelPass
    : Pass<"convert-linalg-to-accel", "mlir::ModuleOp"> {
  let summary = "Convert linalg contractions, convolutions and pooling to "
                "accel ops";
  let description = [{
    Recognizes linalg named ops on tensors and rewrites them into accel:

    * `linalg.matmul` / `linalg.batch_matmul` (default indexing maps, signed
      casts) become `accel.matmul`. An init that is a `linalg.fill` of zero
      is dropped; any other float init is added back with `accel.add`.
    * `linalg.conv_2d_nhwc_hwcf` becomes `accel.conv2d`; a producing
      `tensor.pad` of zero on H and W becomes the `padding` attribute.
    * `linalg.depthwise_conv_2d_nhwc_hwc` (filter `[KH, KW, C]`) becomes
      `accel.conv2d` with `groups = C` and filter `[KH, KW, 1, C]`.
    * `linalg.pooling_nhwc_max` with a `-inf` (or lowest) fill init becomes
      `accel.max_pool2d`; a `-inf` `tensor.pad` becomes its padding.
    * An elementwise `linalg.generic` computing `max(x, 0)` on floats becomes
      `accel.relu`.

    Float contractions accumulate in f32. Mixed-type integer ops (`i8`
    inputs, `i32` output) become raw integer accel ops. Anything else is left
    unchanged, with the reason given as a match-failure note
    (`--debug-only=dialect-conversion`).

    Example:

    ```mlir
    %z = linalg.fill ins(%c0 : f32) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
    %0 = linalg.matmul ins(%a, %b : tensor<4x16xf32>, tensor<16x8xf32>)
                       outs(%z : tensor<4x8xf32>) -> tensor<4x8xf32>
    ```

    becomes

    ```mlir
    %0 = accel.matmul %a, %b acc(f32) : tensor<4x16xf32>, tensor<16x8xf32> -> tensor<4x8xf32>
    ```
  }];
  let dependentDialects = [
    "::accel::AccelDialect", "::mlir::tensor::TensorDialect"
  ];
}


//===----------------------------------------------------------------------===//
// The accelerator path: kernels to the accel ISA (docs/AcceleratorPath.md)
//===----------------------------------------------------------------------===//

def TileKernelsPass : Pass<"accel-tile-kernels", "mlir::ModuleOp"> {
  let summary = "Tile accelerator kernels into DMA and SRAM tile ops";
  let description = [{
    Rewrites every outlined kernel (`func.func` with `accel.kernel`) from
    tensor-level accel ops into memref-level tile ops: DRAM tensors become
    memrefs (results become trailing out-parameters, weights become
    `memref.global` constants), and each op becomes a loop nest of
    `accel.dma_load` / `accel.dma_im2col`, `accel.tile_matmul` and
    `accel.dma_store` on SRAM buffers (`memref.alloc` in memory space 1, the
    scratchpad, and 2, the accumulator):

    * `accel.matmul`, 2-D or batched (a shared 2-D rhs folds the batch into
      M, a batched rhs becomes a loop over the batch);
    * `accel.conv2d` with one group, as a matrix multiplication whose lhs
      tiles are im2col gathers;
    * a `relu`/`clamp` on a contraction's single-use result, and the
      contraction's requantization, folded into the store;
    * a standalone `relu`, quantized `clamp` or `requantize`, streamed
      through the accumulator with the store applying it.

    Tile sizes come from the target: the SRAM tile is `Mt x Kt` (lhs),
    `Kt x Nt` (rhs) and `Mt x Nt` (accumulator), with room for two of each
    (double buffering).  Candidates are scored by a model of the target's
    array and DMA (`max(compute, load, store)` cycles plus the pipeline fill
    of odd k-step counts, DRAM bytes as tie-break); the lhs panel stays
    resident across the `n` loop when that wins.  Tail tiles use
    `affine.min` sizes.  The original signature is kept in
    `accel.kernel_type`.

    A kernel holding an op the path does not compile (the per-op rules are
    `checkCompilable`, which placement also applies) stays tensor-level and
    runs on the CPU path, with a remark naming the reason.  With
    `fallback=false` that is an error.
  }];
  let options = [
    Option<"fallback", "fallback", "bool", /*default=*/"true",
           "Leave kernels with unsupported ops on the CPU path (remark) "
           "instead of failing">,
    Option<"tileSizes", "tile-sizes", "std::string", /*default=*/"\"\"",
           "Force the SRAM tile 'MtxNtxKt' (for tests and experiments)">,
  ];
  let dependentDialects = [
    "::mlir::affine::AffineDialect", "::mlir::arith::ArithDialect",
    "::mlir::memref::MemRefDialect", "::mlir::scf::SCFDialect",
    "::accel::AccelDialect"
  ];
}

def DoubleBufferPass : Pass<"accel-double-buffer", "mlir::ModuleOp"> {
  let summary = "Double-buffer the SRAM tiles of kernel loops";
  let description = [{
    Every SRAM `memref.alloc` inside an `scf.for` of a tiled kernel is
    expanded into two buffers with upstream `memref::multiBuffer`: iteration
    `i` uses buffer `i mod 2`, so the DMA load for tile `i+1` does not wait
    for the compute on tile `i`.  `accel-insert-tokens` later synchronizes
    exactly the accesses that still conflict.
  }];
  let dependentDialects = ["::mlir::affine::AffineDialect",
                           "::mlir::memref::MemRefDialect"];
}

def AllocateSramPass : Pass<"accel-allocate-sram", "mlir::ModuleOp"> {
  let summary = "Assign scratchpad and accumulator addresses";
  let description = [{
    Gives every SRAM `memref.alloc` of a tiled kernel a byte address
    (`accel.address`).  A buffer is live from the top-level op holding it to
    the last top-level op using a view of it; buffers live at the same time
    get disjoint 64-byte-aligned ranges, first fit.  A kernel whose live
    buffers exceed the target's `scratchpad_bytes` or `accumulator_bytes`
    is an error naming the memory, the bytes needed and the capacity.
  }];
}

def LowerToIsaPass : Pass<"accel-lower-to-isa", "mlir::ModuleOp"> {
  let summary = "Lower tiled kernels to ISA ops (one per instruction)";
  let description = [{
    Lays out each tiled kernel's DRAM (bindings for the arguments and
    out-parameters, constants, scratch for intermediates), then walks the
    loop nests with constant trip counts and emits `accel.isa.*` ops with
    concrete addresses: `dma_load` → `load`, `dma_store` → `store` (with a
    requantization table entry), `tile_matmul` → `preload` + `matmul`
    (weight-stationary: `k`/`n` split to the array, `m` streams) or
    `matmul` (output-stationary: `m`/`n` split), and a final `halt`.  The
    layout goes into the kernel's `accel.program` attribute.
  }];
}

def InsertTokensPass : Pass<"accel-insert-tokens", "mlir::ModuleOp"> {
  let summary = "Insert dependency tokens between the ISA queues";
  let description = [{
    For every pair of ISA instructions on different queues that touch the
    same SRAM bytes, at least one writing, makes the later one wait for the
    earlier through push/pop token flags (docs/isa.md, "Dependency
    tokens").  Only the newest conflicting instruction of each neighbour
    queue is waited for (the queues are in order), and a pop is added only
    when it orders something not yet ordered.  Load/store conflicts, whose
    queues are not neighbours, are routed through a zero-row compute
    instruction.
  }];
}

def SerializeKernelsPass : Pass<"accel-serialize-kernels", "mlir::ModuleOp"> {
  let summary = "Encode ISA kernels into accel.binary ops";
  let description = [{
    Builds an `isa::Program` from each kernel's ISA ops and `accel.program`
    layout (constants from their `memref.global`s), encodes it through
    include/accel/ISA/Instructions.def and `isa::writeBinary`, and replaces
    the kernel with an `accel.binary` of the same symbol.  Globals only
    kernels used are erased.
  }];
  let options = [
    Option<"dumpDir", "dump-dir", "std::string", /*default=*/"\"\"",
           "Also write each binary to <dir>/<kernel>.accelbin">,
  ];
}

#endif // ACCEL_CONVERSION_PASSES_TD
