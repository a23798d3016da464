//===- ratios.h - Report benchmark times as ratios to a baseline ----------===//
//
// Absolute times on a shared 2-core machine say little; ratios measured in
// the same run say what matters: how much a derivative costs relative to
// the function itself. Benchmarks are named "<method>/<size>"; after the
// run, every method's median time is divided by the baseline method's at
// the same size.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_BENCH_RATIOS_H
#define HESSC_BENCH_RATIOS_H

#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace hessc::bench {

/// Forwards to the console reporter and remembers each benchmark's time.
class RatioReporter : public benchmark::ConsoleReporter {
public:
  void ReportRuns(const std::vector<Run> &Runs) override {
    ConsoleReporter::ReportRuns(Runs);
    for (const Run &R : Runs) {
      // With repetitions, keep the median; without, the single run.
      if (R.run_type == Run::RT_Aggregate && R.aggregate_name != "median")
        continue;
      std::string Name = R.run_name.function_name;
      std::string Size = R.run_name.args;
      Times[Size][Name] = R.GetAdjustedRealTime();
    }
  }

  /// Prints, for each size, time(method) / time(Baseline) for `Methods`.
  void printRatios(const std::string &Baseline,
                   const std::vector<std::string> &Methods) const {
    std::printf("\n%-10s", "N");
    for (const std::string &M : Methods)
      std::printf("  %22s", ("T(" + M + ")/T(" + Baseline + ")").c_str());
    std::printf("\n");
    for (const auto &[Size, ByMethod] : Times) {
      auto Base = ByMethod.find(Baseline);
      if (Base == ByMethod.end())
        continue;
      std::printf("%-10s", Size.c_str());
      for (const std::string &M : Methods) {
        auto It = ByMethod.find(M);
        if (It == ByMethod.end())
          std::printf("  %22s", "-");
        else
          std::printf("  %22.2f", It->second / Base->second);
      }
      std::printf("\n");
    }
  }

private:
  std::map<std::string, std::map<std::string, double>> Times;
};

} // namespace hessc::bench

#endif // HESSC_BENCH_RATIOS_H
