#===- AccelInstall.cmake - install rules and the AccelMLIR package ---------===#
#
# `cmake --install` puts headers (source and generated), the accel libraries
# and tools under the prefix, plus lib/cmake/AccelMLIR so that a frontend can
#
#   find_package(AccelMLIR REQUIRED)
#   target_link_libraries(my-tool PRIVATE AccelMLIR::MLIRAccelDialect)
#
#===----------------------------------------------------------------------===#
include(CMakePackageConfigHelpers)

get_property(accel_libs GLOBAL PROPERTY ACCEL_EXPORTED_LIBS)
install(TARGETS ${accel_libs}
  EXPORT AccelMLIRTargets
  ARCHIVE DESTINATION lib
  LIBRARY DESTINATION lib
  INCLUDES DESTINATION include)
install(DIRECTORY ${ACCEL_SOURCE_DIR}/include/accel
  DESTINATION include
  FILES_MATCHING PATTERN "*.h" PATTERN "*.td")
install(DIRECTORY ${ACCEL_BINARY_DIR}/include/accel
  DESTINATION include
  FILES_MATCHING PATTERN "*.inc"
  PATTERN "CMakeFiles" EXCLUDE)
install(DIRECTORY ${ACCEL_SOURCE_DIR}/targets DESTINATION share/accel)
# The Python package (ctypes over lib/libAccelCompilerC.so, which it finds
# three directories up): PYTHONPATH=<prefix>/lib/python3/dist-packages.
install(DIRECTORY ${ACCEL_SOURCE_DIR}/python/accel
  DESTINATION lib/python3/dist-packages
  PATTERN "__pycache__" EXCLUDE)

set(ACCEL_CMAKE_DIR lib/cmake/AccelMLIR)
install(EXPORT AccelMLIRTargets
  NAMESPACE AccelMLIR::
  DESTINATION ${ACCEL_CMAKE_DIR})
configure_package_config_file(
  ${ACCEL_SOURCE_DIR}/cmake/AccelMLIRConfig.cmake.in
  ${ACCEL_BINARY_DIR}/AccelMLIRConfig.cmake
  INSTALL_DESTINATION ${ACCEL_CMAKE_DIR})
write_basic_package_version_file(
  ${ACCEL_BINARY_DIR}/AccelMLIRConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${ACCEL_BINARY_DIR}/AccelMLIRConfig.cmake
  ${ACCEL_BINARY_DIR}/AccelMLIRConfigVersion.cmake
  DESTINATION ${ACCEL_CMAKE_DIR})
