//===- AccelTileOps.td - SRAM tile and ISA-level ops -------*- tablegen -*-===//
//
// This file defines the two lower levels of the accel dialect that the
// accelerator path compiles kernels through (docs/AcceleratorPath.md):
//
// * Tile ops work on memrefs.  DRAM tensors are memrefs in the default
//   memory space; on-chip SRAM buffers are memrefs in memory space 1 (the
//   scratchpad) or 2 (the accumulator).  Tiling, double buffering and SRAM
//   allocation are visible at this level.
// * ISA ops map 1:1 onto the instructions of include/accel/ISA/
//   Instructions.def; their fields are checked against that table.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_DIALECT_ACCEL_IR_ACCELTILEOPS_TD
#define ACCEL_DIALECT_ACCEL_IR_ACCELTILEOPS_TD

include "accel/Dialect/Accel/IR/AccelBase.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/OpBase.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Accel_Memref2D : MemRefRankOf<[AnyType], [2]>;

//===----------------------------------------------------------------------===//
// Tile level
//===----------------------------------------------------------------------===//

def Accel_DmaLoadOp : Accel_Op<"dma_load"> {
  let summary = "Copy a 2-D DRAM region into an SRAM buffer";
  let description = [{
    Copies `source` (a 2-D DRAM memref, usually a subview) into `dest`, a
    2-D memref in the scratchpad (memory space 1) or the accumulator (memory
    space 2) of the same shape.  Integer elements may widen (`i8` into an
    `i32` accumulator).  With `broadcast`, `source` has one row and every row
    of `dest` receives it (a bias).  Lowers to one ISA `load`.

    Example:

    ```mlir
    accel.dma_load %a_tile, %sp : memref<16x64xi8, strided<[256, 1], offset: ?>>,
                                  memref<16x64xi8, 1>
    accel.dma_load %bias, %acc broadcast : memref<1x16xi32>, memref<64x16xi32, 2>
    ```
  }];
  let arguments = (ins Arg<Accel_Memref2D, "", [MemRead]>:$source,
                       Arg<Accel_Memref2D, "", [MemWrite]>:$dest,
                       UnitAttr:$broadcast);
  let assemblyFormat = [{
    $source `,` $dest (`broadcast` $broadcast^)? attr-dict
    `:` type($source) `,` type($dest)
  }];
  let hasVerifier = 1;
}

def Accel_DmaIm2colOp : Accel_Op<"dma_im2col"> {
  let summary = "Gather convolution patches from DRAM into a scratchpad tile";
  let description = [{
    Fills `dest`, a `[rows, cols]` scratchpad tile, with rows `pixel ..
    pixel + rows` and columns `k .. k + cols` of the implicit im2col matrix
    of the NHWC DRAM tensor `input` for a convolution with `kernel` `[KH,
    KW]`, `strides`, `dilations`, `padding` `[top, bottom, left, right]`
    and output size `output` `[OH, OW]`:

        dest[r, c] = input[n, oh*sh + kh*dh - top, ow*sw + kw*dw - left, ci]

    with `p = pixel + r = (n*OH + oh)*OW + ow` and `k + c = (kh*KW + kw)*C
    + ci`.  Taps outside the input read `pad_row`, a `[1, C]` DRAM row of
    the input's zero point.  `k` and `cols` cover whole taps (multiples of
    `C`).  Lowers to one ISA `load` per tap and output-row segment (a
    broadcast `load` of `pad_row` for padding), so a convolution streams
    through the systolic array as a matrix multiplication.

    Example:

    ```mlir
    accel.dma_im2col %x, %panel, %zp pixel(%m0) k(%c0) {kernel = array<i64: 3, 3>,
        strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>,
        padding = array<i64: 1, 1, 1, 1>, output = array<i64: 56, 56>}
        : memref<1x56x56x64xi8>, memref<128x576xi8, 1>, memref<1x64xi8>
    ```
  }];
  let arguments = (ins Arg<MemRefRankOf<[AnyType], [4]>, "", [MemRead]>:$input,
                       Arg<Accel_Memref2D, "", [MemWrite]>:$dest,
                       Arg<Accel_Memref2D, "", [MemRead]>:$pad_row,
                       Index:$pixel, Index:$k,
                       DenseI64ArrayAttr:$kernel, DenseI64ArrayAttr:$strides,
                       DenseI64ArrayAttr:$dilations,
                       DenseI64ArrayAttr:$padding, DenseI64ArrayAttr:$output);
  let assemblyFormat = [{
    $input `,` $dest `,` $pad_row `pixel` `(` $pixel `)` `k` `(` $k `)`
    attr-dict `:` type($input) `,` type($dest) `,` type($pad_row)
  }];
  let hasVerifier = 1;
}

def Accel_DmaStoreOp : Accel_Op<"dma_store"> {
  let summary = "Copy an SRAM buffer to DRAM, requantizing and activating";
  let description = [{
    Copies the 2-D SRAM buffer `source` to the DRAM memref `dest` of the same
    shape, converting to the destination element type on the way.

    * `requant` (optional) is a list of `[multiplier, exponent, zero_point]`
      triples (docs/Numerics.md section 2): one for the whole tensor, or one
      per output channel, in which case `channel_offset` says which channel
      the first column is.  An entry may carry two more integers, its own
      clamp bounds `lo, hi`, which `activation clamp` then uses instead of
      `lo` and `hi` (per-channel quantized clamps).
    * `activation` is `none`, `relu` or `clamp`; clamp bounds are `lo` and
      `hi` (in the stored integer domain, or f32 values for float results).

    Lowers to one ISA `store`.

    Example:

    ```mlir
    accel.dma_store %acc, %c_tile requant [[1518500250, -7, 3]] {activation = "relu"}
        : memref<64x16xi32, 2>, memref<64x16xi8, strided<[64, 1], offset: ?>>
    ```
  }];
  let arguments = (ins Arg<Accel_Memref2D, "", [MemRead]>:$source,
                       Arg<Accel_Memref2D, "", [MemWrite]>:$dest,
                       Optional<Index>:$channel_offset,
                       OptionalAttr<ArrayAttr>:$requant,
                       DefaultValuedAttr<StrAttr, "\"none\"">:$activation,
                       OptionalAttr<F64Attr>:$lo, OptionalAttr<F64Attr>:$hi);
  let assemblyFormat = [{
    $source `,` $dest (`channel_offset` `(` $channel_offset^ `)`)?
    (`requant` $requant^)? attr-dict `:` type($source) `,` type($dest)
  }];
  let hasVerifier = 1;
}

def Accel_TileMatmulOp : Accel_Op<"tile_matmul"> {
  let summary = "Multiply SRAM tiles into an accumulator tile";
  let description = [{
    `acc[m, n] (+)= sum_k (lhs[m, k] - lhs_zp) * (rhs[k, n] - rhs_zp)` with
    `lhs` and `rhs` in the scratchpad and `acc` in the accumulator.  The
    tile may exceed the array: the ISA lowering splits it into array-sized
    `preload`/`matmul` instructions (weight-stationary: `k` and `n` split to
    the array, `m` streams; output-stationary: `m` and `n` split).  When
    `accumulate` is false the first contribution overwrites `acc`; it is an
    operand so that one loop body serves the first `k` step and the rest.

    Example:

    ```mlir
    %more = arith.cmpi ne, %k0, %c0 : index
    accel.tile_matmul %a, %b, %c accumulate(%more) {lhs_zp = 3 : i64}
        : memref<64x16xi8, 1>, memref<16x16xi8, 1>, memref<64x16xi32, 2>
    ```
  }];
  let arguments = (ins Arg<Accel_Memref2D, "", [MemRead]>:$lhs,
                       Arg<Accel_Memref2D, "", [MemRead]>:$rhs,
                       Arg<Accel_Memref2D, "", [MemRead, MemWrite]>:$acc,
                       I1:$accumulate,
                       DefaultValuedAttr<I64Attr, "0">:$lhs_zp,
                       DefaultValuedAttr<I64Attr, "0">:$rhs_zp);
  let assemblyFormat = [{
    $lhs `,` $rhs `,` $acc `accumulate` `(` $accumulate `)` attr-dict
    `:` type($lhs) `,` type($rhs) `,` type($acc)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// ISA level
//===----------------------------------------------------------------------===//

class Accel_IsaOp<string name, string queue>
    : Accel_Op<"isa." # name, [MemoryEffects<[MemRead, MemWrite]>]> {
  let summary = "The ISA `" # name # "` instruction (" # queue # ")";
  let description = [{
    One `}] # name # [{` instruction of docs/isa.md.  `fields` holds the
    instruction's fields by their names in include/accel/ISA/
    Instructions.def (absent fields take the table's default); the unit
    attributes `pop_prev`, `pop_next`, `push_prev` and `push_next` are the
    dependency-token flags.  The verifier checks every field name and range
    against the table, so a module of ISA ops always encodes.

    Example:

    ```mlir
    accel.isa.}] # name # [{ {} {push_next}
    ```
  }];
  let arguments = (ins DictionaryAttr:$fields, UnitAttr:$pop_prev,
                       UnitAttr:$pop_next, UnitAttr:$push_prev,
                       UnitAttr:$push_next);
  let assemblyFormat = "$fields attr-dict";
  let hasVerifier = 1;
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::verify() {
      return verifyIsaFields(getOperation(), "}] # name # [{", getFields());
    }
  }];
}

def Accel_IsaLoadOp : Accel_IsaOp<"load", "load queue">;
def Accel_IsaStoreOp : Accel_IsaOp<"store", "store queue">;
def Accel_IsaPreloadOp : Accel_IsaOp<"preload", "compute queue">;
def Accel_IsaMatmulOp : Accel_IsaOp<"matmul", "compute queue">;
def Accel_IsaAluOp : Accel_IsaOp<"alu", "compute queue">;
def Accel_IsaPoolOp : Accel_IsaOp<"pool", "compute queue">;
def Accel_IsaHaltOp : Accel_IsaOp<"halt", "end of stream">;

def Accel_BinaryOp : Accel_Op<"binary", [Symbol]> {
  let summary = "A kernel compiled to an accel binary";
  let description = [{
    Holds the serialized program (docs/isa.md, "Binary container") of the
    kernel whose symbol it takes over; `accel.launch` ops that named the
    kernel now run this binary, and `function_type` is the kernel's
    tensor-level signature they are checked against.  Produced by
    `accel-serialize-kernels`, the model of `gpu.binary`.

    Example:

    ```mlir
    accel.binary @main_kernel0 : (tensor<4x8xi8>) -> tensor<4x8xi8> "ACCELBIN..."
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name,
                       TypeAttrOf<FunctionType>:$function_type, StrAttr:$data);
  let assemblyFormat = "$sym_name `:` $function_type $data attr-dict";
}

#endif // ACCEL_DIALECT_ACCEL_IR_ACCELTILEOPS_TD
