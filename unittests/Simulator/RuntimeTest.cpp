//===- RuntimeTest.cpp - The runtime C API ----------------------------------===//
//
// This file drives include/accel-c/Runtime.h end to end: a device, a binary
// built in memory, buffers, a launch, the report, and the errors.
//
//===----------------------------------------------------------------------===//
#include "accel-c/Runtime.h"

#include "accel/ISA/Assembler.h"
#include "accel/ISA/Binary.h"

#include "gtest/gtest.h"

#include <string>

using namespace accel;

namespace {

std::string take(AccelError e) {
  std::string m = e ? accelErrorGetMessage(e) : "";
  accelErrorDestroy(e);
  return m;
}

TEST(Runtime, LaunchAndReport) {
  EXPECT_EQ(accelRuntimeGetApiVersion(), ACCEL_RUNTIME_API_VERSION);
  AccelDevice device = nullptr;
  ASSERT_EQ(take(accelDeviceCreate("int8-16x16", &device)), "");
  EXPECT_STREQ(accelDeviceGetTargetName(device), "int8-16x16");
  EXPECT_EQ(take(accelDeviceCreate("cpu", &device)),
            "target 'cpu' has no accelerator to run binaries on");

  // y = relu(x) element-wise through the accumulator.
  auto program = isa::assemble(
      ".target int8-16x16\n"
      ".input x i32[2,4] @0\n"
      ".output y i32[2,4] @32\n"
      "load push_next mem=acc dram_type=i32 sram_type=i32 rows=2 cols=4\n"
      "alu pop_prev push_next op=relu type=i32 rows=2 cols=4\n"
      "store pop_prev mem=acc sram_type=i32 dram_type=i32 dram_addr=32 rows=2 cols=4\n"
      "halt\n",
      "relu.s");
  ASSERT_TRUE(bool(program)) << llvm::toString(program.takeError());
  auto bytes = isa::writeBinary(*program);
  ASSERT_TRUE(bool(bytes));

  AccelProgram prog = nullptr;
  ASSERT_EQ(take(accelProgramLoad(device, bytes->data(), bytes->size(), &prog)),
            "");
  ASSERT_EQ(accelProgramGetNumBindings(prog), 2u);
  AccelBindingInfo info;
  ASSERT_EQ(take(accelProgramGetBinding(prog, 1, &info)), "");
  EXPECT_STREQ(info.name, "y");
  EXPECT_EQ(info.isOutput, 1);
  EXPECT_STREQ(info.dtype, "i32");
  EXPECT_EQ(info.sizeInBytes, 32u);

  AccelBuffer x, y;
  ASSERT_EQ(take(accelBufferCreate(device, 32, &x)), "");
  ASSERT_EQ(take(accelBufferCreate(device, 32, &y)), "");
  int32_t in[8] = {-3, 4, -5, 6, 0, -1, 7, -8}, out[8];
  ASSERT_EQ(take(accelBufferWrite(x, 0, in, sizeof(in))), "");
  EXPECT_EQ(take(accelBufferWrite(x, 8, in, sizeof(in))),
            "accelBufferWrite: [8, 40) is outside the 32-byte buffer");
  const char *names[] = {"x", "y"};
  AccelBuffer buffers[] = {x, y};
  AccelLaunch launch = nullptr;
  ASSERT_EQ(take(accelLaunch(prog, 2, names, buffers, 1, &launch)), "");
  ASSERT_EQ(take(accelLaunchWait(launch)), "");
  ASSERT_EQ(take(accelBufferRead(y, 0, out, sizeof(out))), "");
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(out[i], in[i] > 0 ? in[i] : 0);
  std::string report = accelLaunchGetReportJSON(launch);
  EXPECT_NE(report.find("\"total_cycles\": 206"), std::string::npos) << report;
  EXPECT_NE(std::string(accelLaunchGetTraceJSON(launch)).find("traceEvents"),
            std::string::npos);
  accelLaunchDestroy(launch);

  const char *one[] = {"x"};
  EXPECT_EQ(take(accelLaunch(prog, 1, one, buffers, 0, &launch)),
            "accelLaunch: no buffer for output 'y'");
  const char *wrong[] = {"x", "z"};
  EXPECT_EQ(take(accelLaunch(prog, 2, wrong, buffers, 0, &launch)),
            "accelLaunch: the program has no binding named 'z'");

  AccelDevice other;
  ASSERT_EQ(take(accelDeviceCreate("int8-256x256", &other)), "");
  AccelProgram rejected;
  std::string msg =
      take(accelProgramLoad(other, bytes->data(), bytes->size(), &rejected));
  EXPECT_NE(msg.find("the binary was built for target 'int8-16x16'"),
            std::string::npos)
      << msg;

  accelBufferDestroy(x);
  accelBufferDestroy(y);
  accelProgramDestroy(prog);
  accelDeviceDestroy(device);
  accelDeviceDestroy(other);
}

} // namespace
