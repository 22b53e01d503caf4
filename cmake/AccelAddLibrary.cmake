#===- AccelAddLibrary.cmake - one wrapper over add_mlir_library ------------===#
#
# accel_add_library(name SRCS... [LINK_LIBS libs...] [DEPENDS tgts...])
#
# A static library that links MLIR through libMLIR.so (never its archives), is
# installed and exported as AccelMLIR::<name>.
#
#===----------------------------------------------------------------------===#
set_property(GLOBAL PROPERTY ACCEL_EXPORTED_LIBS "")

function(accel_add_library name)
  cmake_parse_arguments(ARG "" "" "LINK_LIBS;DEPENDS" ${ARGN})
  add_mlir_library(${name} ${ARG_UNPARSED_ARGUMENTS}
    DISABLE_INSTALL
    EXCLUDE_FROM_LIBMLIR
    DEPENDS ${ARG_DEPENDS}
    LINK_LIBS PUBLIC ${ARG_LINK_LIBS})
  target_include_directories(${name} PUBLIC
    $<BUILD_INTERFACE:${ACCEL_SOURCE_DIR}/include>
    $<BUILD_INTERFACE:${ACCEL_BINARY_DIR}/include>
    $<INSTALL_INTERFACE:include>)
  # Consumers of the installed package need LLVM's and MLIR's headers too; the
  # imported MLIR targets do not carry them.
  target_include_directories(${name} SYSTEM PUBLIC
    ${LLVM_INCLUDE_DIRS} ${MLIR_INCLUDE_DIRS})
  set_property(GLOBAL APPEND PROPERTY ACCEL_EXPORTED_LIBS ${name})
endfunction()
