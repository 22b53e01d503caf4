# -*- Python -*-
# lit configuration for accel's regression tests (check-accel).
import os

import lit.formats
from lit.llvm import llvm_config

config.name = "ACCEL"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.accel_obj_root, "test")
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]

config.substitutions.append(("%accel_src_root", config.accel_src_root))
config.substitutions.append(("%accel_obj_root", config.accel_obj_root))
# Longer names first: lit substitutes in order.
config.substitutions.append(("%cmake_generator", config.cmake_generator))
config.substitutions.append(("%cmake", config.cmake_command))
config.substitutions.append(("%cxx", config.cxx_compiler))
config.substitutions.append(("%mlir_dir", config.mlir_dir))
# The numpy reference of the e2e tests; before use_default_substitutions(),
# whose own %python (lit's interpreter) would otherwise win.
config.substitutions.append(("%python", "/usr/bin/python3"))

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.add_tool_substitutions(
    ["accel-calibrate", "accel-compile", "accel-opt", "accel-lsp-server", "accel-run", "accel-translate",
     "accel-sim"], [config.accel_tools_dir])
