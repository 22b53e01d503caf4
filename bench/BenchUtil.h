//===- BenchUtil.h - timing and module helpers for bench/ ------*- C++ -*-===//
//
// Benchmarks print ratios against baselines measured in the same run; they
// are never part of the test suite.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_BENCH_BENCHUTIL_H
#define ACCEL_BENCH_BENCHUTIL_H

#include <algorithm>
#include <chrono>
#include <functional>
#include <vector>

namespace accel::bench {

/// Median wall time of `fn` in seconds over `reps` runs after one warm-up;
/// repetitions stop early once `budgetSeconds` is spent (at least 3 runs).
inline double medianSeconds(const std::function<void()> &fn, int reps = 15,
                            double budgetSeconds = 4.0) {
  fn();
  std::vector<double> times;
  double spent = 0;
  for (int i = 0; i < reps && (i < 3 || spent < budgetSeconds); ++i) {
    auto start = std::chrono::steady_clock::now();
    fn();
    double t = std::chrono::duration<double>(
                   std::chrono::steady_clock::now() - start)
                   .count();
    times.push_back(t);
    spent += t;
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

} // namespace accel::bench

#endif // ACCEL_BENCH_BENCHUTIL_H
