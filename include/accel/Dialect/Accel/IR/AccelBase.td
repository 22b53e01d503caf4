//===- AccelBase.td - accel dialect definition and base classes -*- tablegen -*-===//
//
// This file defines the accel dialect, the Accel_Op base class and the type
// constraints shared by its ops.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_DIALECT_ACCEL_IR_ACCELBASE_TD
#define ACCEL_DIALECT_ACCEL_IR_ACCELBASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"

def Accel_Dialect : Dialect {
  let name = "accel";
  let cppNamespace = "::accel";
  let summary = "Tensor-level ops for systolic-array accelerators";
  let description = [{
    The `accel` dialect models the work a systolic-array accelerator does at
    the level of whole tensors: matrix multiplication and convolution with an
    explicit accumulator type, elementwise and pooling ops, and the
    quantize/dequantize/requantize/cast ops that move values between
    precisions.  All ops have value semantics over ranked tensors.

    Precision lives in the types.  Quantized operands use the `quant`
    dialect's `!quant.uniform` types (per-tensor and per-axis) over `i8`,
    `u8` and `i4` storage; floating-point operands are `f32`, `f16`, `bf16`,
    `tf32`, `f8E4M3FN` or `f8E5M2`.  A module's accelerator is described by
    one `#accel.target` attribute in its `accel.target` attribute; see
    docs/TargetModel.md.
  }];
  let dependentDialects = ["::mlir::quant::QuantDialect"];
  let useDefaultAttributePrinterParser = 1;
  let hasOperationAttrVerify = 1;
  let extraClassDeclaration = [{
    /// The module attribute that holds a module's #accel.target.
    static constexpr ::llvm::StringLiteral kTargetAttrName = "accel.target";
    /// Where accel-place put an op: "accelerator" or "host".
    static constexpr ::llvm::StringLiteral kPlacementAttrName =
        "accel.placement";
    /// Marks a func.func outlined by accel-outline-kernels.
    static constexpr ::llvm::StringLiteral kKernelAttrName = "accel.kernel";
    /// On a kernel being compiled to the ISA: its tensor-level signature.
    static constexpr ::llvm::StringLiteral kKernelTypeAttrName =
        "accel.kernel_type";
    /// On an SRAM memref.alloc: its byte address (accel-allocate-sram).
    static constexpr ::llvm::StringLiteral kAddressAttrName = "accel.address";
    /// On a kernel lowered to ISA ops: its DRAM layout, bindings, constants
    /// and requantization table (accel-lower-to-isa).
    static constexpr ::llvm::StringLiteral kProgramAttrName = "accel.program";

    /// Registers #accel.target (defined in AccelAttrs.cpp).
    void registerAttributes();
  }];
}

class Accel_Op<string mnemonic, list<Trait> traits = []>
    : Op<Accel_Dialect, mnemonic, traits>;

class Accel_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<Accel_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def Accel_FloatElement : AnyTypeOf<[F32, F16, BF16, TF32, F8E4M3FN, F8E5M2]>;

def Accel_QuantElement : Type<
    CPred<"::llvm::isa<::mlir::quant::UniformQuantizedType, "
          "::mlir::quant::UniformQuantizedPerAxisType>($_self)">,
    "uniform quantized type">;

/// Raw integers an array holds (operands without quantization parameters, and
/// accumulators).
def Accel_IntElement : AnyTypeOf<[I<4>, I8, I16, I32]>;

/// Anything an accel op may compute on: floats, quantized values and raw
/// integers.
def Accel_Element : AnyTypeOf<[Accel_FloatElement, Accel_QuantElement,
                               Accel_IntElement]>;

def Accel_Tensor : RankedTensorOf<[Accel_Element]>;
def Accel_FloatTensor : RankedTensorOf<[Accel_FloatElement]>;
def Accel_QuantTensor : RankedTensorOf<[Accel_QuantElement]>;
def Accel_FloatOrQuantTensor
    : RankedTensorOf<[Accel_FloatElement, Accel_QuantElement]>;
def Accel_NHWCTensor : 4DTensorOf<[Accel_Element]>;
def Accel_NHWCFloatOrQuantTensor
    : 4DTensorOf<[Accel_FloatElement, Accel_QuantElement]>;

#endif // ACCEL_DIALECT_ACCEL_IR_ACCELBASE_TD
