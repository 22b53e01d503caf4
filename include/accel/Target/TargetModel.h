//===- TargetModel.h - Queries passes and verifiers ask of a target -*- C++ -*-===//
//
// This file declares TargetModel, a read-only view over a TargetDesc that
// answers the questions the compiler and simulator ask: can this op kind run,
// in these types, how many cycles does moving N bytes take, what does it cost
// in energy.  It knows nothing about files or IR (mlir-aie's AIETargetModel
// is the model); the dialect hands it the description held by #accel.target.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_TARGET_TARGETMODEL_H
#define ACCEL_TARGET_TARGETMODEL_H

#include "accel/Target/TargetDesc.h"

namespace accel {

class TargetModel {
public:
  /// A view: `desc` must outlive the model (the #accel.target attribute's
  /// storage does, for the whole MLIRContext).
  explicit TargetModel(const TargetDesc &desc) : desc(desc) {}
  TargetModel(TargetDesc &&) = delete;

  const TargetDesc &getDesc() const { return desc; }
  llvm::StringRef getName() const { return desc.name; }
  /// False for the `cpu` target: everything runs on the host.
  bool hasAccelerator() const { return desc.kind == TargetKind::Systolic; }

  uint32_t getRows() const { return desc.rows; }
  uint32_t getCols() const { return desc.cols; }
  uint64_t getNumPEs() const { return uint64_t(desc.rows) * desc.cols; }
  Dataflow getDataflow() const { return desc.dataflow; }
  uint64_t getScratchpadBytes() const { return desc.scratchpadBytes; }
  uint64_t getScratchpadBankBytes() const {
    return desc.scratchpadBanks ? desc.scratchpadBytes / desc.scratchpadBanks
                                : 0;
  }
  uint64_t getAccumulatorBytes() const { return desc.accumulatorBytes; }
  bool supportsSparsity24() const { return hasAccelerator() && desc.sparsity24; }

  bool supportsOp(OpKind kind) const;
  /// Whether some type combination accepts `input` (any accumulator/output).
  bool supportsInputType(ElementKind input) const;
  bool supportsTypes(ElementKind input, ElementKind accumulator,
                     ElementKind output) const;

  /// Cycles for one DMA transfer of `bytes` between DRAM and SRAM (0 on the
  /// cpu target).
  uint64_t getDmaCycles(uint64_t bytes) const;
  /// Cycles for one transfer of `bytes` over the host link.
  uint64_t getHostLinkCycles(uint64_t bytes) const;
  double cyclesToSeconds(uint64_t cycles) const;

  double getMacEnergyPJ(ElementKind input) const {
    return desc.energy.getMacPJ(input);
  }
  double getDramEnergyPJ(uint64_t bytes) const {
    return bytes * desc.energy.dramPJPerByte;
  }
  double getSramReadEnergyPJ(uint64_t bytes) const {
    return bytes * desc.energy.sramReadPJPerByte;
  }
  double getSramWriteEnergyPJ(uint64_t bytes) const {
    return bytes * desc.energy.sramWritePJPerByte;
  }
  double getHostLinkEnergyPJ(uint64_t bytes) const {
    return bytes * desc.energy.hostLinkPJPerByte;
  }

private:
  const TargetDesc &desc;
};

} // namespace accel

#endif // ACCEL_TARGET_TARGETMODEL_H
