//===- cpu-gemm.cpp - the CPU path's GEMM against OpenBLAS and gemmlowp ---===//
//
// For each shape, compiles `accel.matmul` through accel-cpu-pipeline, JITs it
// and times it single-threaded, next to OpenBLAS sgemm (one thread) for f32
// and gemmlowp's exact u8 x u8 -> i32 GEMM (one thread) with zero points for
// int8, measured in the same run. Each line also checks the result against
// the baseline's.
//
//   accel-bench-cpu-gemm [--quick]
//
//===----------------------------------------------------------------------===//
#include "BenchUtil.h"

#include "accel/InitAccel.h"
#include "accel/Runner/Runner.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <cblas.h>
#include <gemmlowp/public/gemmlowp.h>

#include <cmath>
#include <cstring>
#include <random>
#include <string>

extern "C" void openblas_set_num_threads(int);

using namespace mlir;

namespace {

struct Shape {
  int64_t m, n, k;
  const char *label;
};

/// Compiles `source` and returns the packed entry, or exits with a message.
std::unique_ptr<accel::CompiledModule> compile(MLIRContext &ctx,
                                               const std::string &source) {
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(source, &ctx);
  if (!module) {
    llvm::errs() << "cannot parse benchmark module\n";
    std::exit(1);
  }
  accel::CPUPipelineOptions options;
  auto compiled = accel::CompiledModule::compile(*module, options);
  if (!compiled) {
    llvm::errs() << llvm::toString(compiled.takeError()) << "\n";
    std::exit(1);
  }
  return std::move(*compiled);
}

std::string matmulSource(const Shape &s, llvm::StringRef in,
                         llvm::StringRef acc) {
  return llvm::formatv(
      "func.func @gemm(%a: tensor<{0}x{2}x{3}>, %b: tensor<{2}x{1}x{3}>) -> "
      "tensor<{0}x{1}x{4}> {\n"
      "  %0 = accel.matmul %a, %b acc({4}) : tensor<{0}x{2}x{3}>, "
      "tensor<{2}x{1}x{3}> -> tensor<{0}x{1}x{4}>\n"
      "  return %0 : tensor<{0}x{1}x{4}>\n}\n",
      s.m, s.n, s.k, in, acc);
}

/// Times the JIT-compiled @gemm on the given buffers.
double timeAccel(accel::CompiledModule &module, void *a, void *b, void *c) {
  auto fn = module.lookup("gemm");
  if (!fn) {
    llvm::errs() << llvm::toString(fn.takeError()) << "\n";
    std::exit(1);
  }
  void *pa = a, *pb = b, *pc = c;
  void *args[] = {&pa, &pb, &pc};
  return accel::bench::medianSeconds([&] { (*fn)(args); });
}

void benchF32(MLIRContext &ctx, const Shape &s) {
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> dist(-1, 1);
  std::vector<float> a(s.m * s.k), b(s.k * s.n), c(s.m * s.n), ref(s.m * s.n);
  for (float &x : a)
    x = dist(rng);
  for (float &x : b)
    x = dist(rng);
  auto module = compile(ctx, matmulSource(s, "f32", "f32"));
  double ours = timeAccel(*module, a.data(), b.data(), c.data());
  double blas = accel::bench::medianSeconds([&] {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, s.m, s.n, s.k, 1.0f,
                a.data(), s.k, b.data(), s.n, 0.0f, ref.data(), s.n);
  });
  double maxErr = 0;
  for (size_t i = 0; i < c.size(); ++i)
    maxErr = std::max<double>(maxErr, std::fabs(c[i] - ref[i]));
  double flops = 2.0 * s.m * s.n * s.k;
  llvm::outs() << llvm::formatv(
      "f32   {0,-22} accel {1,7:f1} GFLOP/s   OpenBLAS {2,7:f1} GFLOP/s   "
      "ratio {3,5:f2}   max|diff| {4:e}\n",
      s.label, flops / ours / 1e9, flops / blas / 1e9, blas / ours, maxErr);
}

void benchInt8(MLIRContext &ctx, const Shape &s) {
  std::mt19937 rng(2);
  std::uniform_int_distribution<int> dist(0, 255);
  // The same work on both sides: u8 operands with zero point 128
  // (!quant.uniform<u8:f32, 1.0:128>, raw i32 accumulators) for accel,
  // u8 with offsets -128 for gemmlowp. Both compute sum (a - 128)(b - 128)
  // exactly.
  std::vector<uint8_t> ua(s.m * s.k), ub(s.k * s.n), ubColMajor(s.k * s.n);
  for (uint8_t &x : ua)
    x = uint8_t(dist(rng));
  for (uint8_t &x : ub)
    x = uint8_t(dist(rng));
  for (int64_t k = 0; k < s.k; ++k)
    for (int64_t n = 0; n < s.n; ++n)
      ubColMajor[n * s.k + k] = ub[k * s.n + n];
  std::vector<int32_t> c(s.m * s.n), ref(s.m * s.n);
  auto module =
      compile(ctx, matmulSource(s, "!quant.uniform<u8:f32, 1.0:128>", "i32"));
  double ours = timeAccel(*module, ua.data(), ub.data(), c.data());

  gemmlowp::GemmContext context;
  context.set_max_num_threads(1);
  gemmlowp::MatrixMap<const uint8_t, gemmlowp::MapOrder::RowMajor> lhs(
      ua.data(), s.m, s.k);
  gemmlowp::MatrixMap<const uint8_t, gemmlowp::MapOrder::ColMajor> rhs(
      ubColMajor.data(), s.k, s.n);
  gemmlowp::MatrixMap<int32_t, gemmlowp::MapOrder::RowMajor> result(
      ref.data(), s.m, s.n);
  std::tuple<> noOutputStages;
  double lowp = accel::bench::medianSeconds([&] {
    gemmlowp::GemmWithOutputPipeline<uint8_t, int32_t,
                                     gemmlowp::DefaultL8R8BitDepthParams>(
        &context, lhs, rhs, &result, /*lhs_offset=*/-128,
        /*rhs_offset=*/-128, noOutputStages);
  });
  int64_t mismatches = 0;
  for (size_t i = 0; i < c.size(); ++i)
    mismatches += c[i] != ref[i];
  double ops = 2.0 * s.m * s.n * s.k;
  llvm::outs() << llvm::formatv(
      "u8    {0,-22} accel {1,7:f1} GOP/s     gemmlowp {2,7:f1} GOP/s     "
      "ratio {3,5:f2}   mismatches {4}\n",
      s.label, ops / ours / 1e9, ops / lowp / 1e9, lowp / ours, mismatches);
}

} // namespace

int main(int argc, char **argv) {
  bool quick = argc > 1 && std::string(argv[1]) == "--quick";
  openblas_set_num_threads(1);
  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  accel::registerAccelDialects(registry);
  MLIRContext ctx(registry);
  ctx.loadAllAvailableDialects();

  std::vector<Shape> f32Shapes = {{256, 256, 256, "256x256x256"},
                                  {512, 512, 512, "512x512x512"},
                                  {1024, 1024, 1024, "1024x1024x1024"},
                                  {3136, 64, 576, "3136x64x576 (conv)"},
                                  {196, 256, 2304, "196x256x2304 (conv)"}};
  std::vector<Shape> int8Shapes = {{256, 256, 256, "256x256x256"},
                                   {1024, 1024, 1024, "1024x1024x1024"}};
  if (quick) {
    f32Shapes = {f32Shapes[0]};
    int8Shapes = {int8Shapes[0]};
  }
  llvm::outs() << "CPU path vs single-threaded baselines (median wall time; "
                  "ratio = baseline time / accel time)\n";
  for (const Shape &s : f32Shapes)
    benchF32(ctx, s);
  for (const Shape &s : int8Shapes)
    benchInt8(ctx, s);
  return 0;
}
