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

#include <algorithm>
#include <string>
#include <vector>

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

namespace {

/// A binary copying (rows x 4) i32 values from x to y through the
/// accumulator, as host code embeds it.
std::vector<uint8_t> copyBinary(int rows) {
  std::string r = std::to_string(rows);
  auto program = isa::assemble(
      ".target int8-16x16\n"
      ".input x i32[" + r + ",4] @0\n"
      ".output y i32[" + r + ",4] @256\n"
      "load push_next mem=acc dram_type=i32 sram_type=i32 rows=" + r +
          " cols=4\n"
      "alu pop_prev push_next op=mov type=i32 rows=0 cols=0\n"
      "store pop_prev mem=acc sram_type=i32 dram_type=i32 dram_addr=256 "
      "rows=" + r + " cols=4\n"
      "halt\n",
      "copy.s");
  EXPECT_TRUE(bool(program)) << llvm::toString(program.takeError());
  auto bytes = isa::writeBinary(*program);
  EXPECT_TRUE(bool(bytes));
  return *bytes;
}

TEST(Runtime, SessionLaunchesFromHostCode) {
  accelSessionReset();
  // Two different binaries at the same address, one after the other (a
  // module unloaded and another loaded): the second must not run the
  // first's cached program.
  std::vector<uint8_t> first = copyBinary(4), second = copyBinary(1);
  std::vector<uint8_t> slot(std::max(first.size(), second.size()));
  int32_t x[16], y[16];
  for (int i = 0; i < 16; ++i)
    x[i] = i + 1;
  int64_t table[2] = {int64_t(reinterpret_cast<intptr_t>(x)),
                      int64_t(reinterpret_cast<intptr_t>(y))};
  std::copy(first.begin(), first.end(), slot.begin());
  ASSERT_EQ(accelRuntimeLaunchKernel("first", slot.data(), first.size(),
                                     table, 2),
            0)
      << accelSessionGetError();
  const char *firstName = accelSessionGetLaunchKernel(0);
  std::copy(second.begin(), second.end(), slot.begin());
  int32_t guard[16];
  std::fill(std::begin(y), std::end(y), -1);
  std::fill(std::begin(guard), std::end(guard), -1);
  ASSERT_EQ(accelRuntimeLaunchKernel("second", slot.data(), second.size(),
                                     table, 2),
            0)
      << accelSessionGetError();
  for (int i = 0; i < 16; ++i)
    EXPECT_EQ(y[i], i < 4 ? x[i] : -1) << "element " << i;
  // Strings from earlier launches stay valid while launches are added.
  for (int i = 0; i < 40; ++i)
    ASSERT_EQ(accelRuntimeLaunchKernel("again", slot.data(), second.size(),
                                       table, 2),
              0);
  EXPECT_STREQ(firstName, "first");
  EXPECT_EQ(accelSessionGetNumLaunches(), 42u);
  EXPECT_EQ(accelSessionGetError(), nullptr);

  // A buffer table of the wrong length is an error for this and every
  // later launch until the session is reset.
  EXPECT_EQ(accelRuntimeLaunchKernel("short", slot.data(), second.size(),
                                     table, 1),
            1);
  EXPECT_NE(std::string(accelSessionGetError()).find("kernel 'short'"),
            std::string::npos);
  EXPECT_EQ(accelRuntimeLaunchKernel("after", slot.data(), second.size(),
                                     table, 2),
            1);
  accelSessionReset();
  EXPECT_EQ(accelSessionGetError(), nullptr);
  EXPECT_EQ(accelSessionGetNumLaunches(), 0u);
}

} // namespace
