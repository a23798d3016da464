//===- ratios.h - Report benchmark times as ratios to a baseline ----------===//
//
// Absolute times on a shared 2-core machine say little; ratios measured in
// the same run say what matters: how much a derivative costs relative to
// the function itself. Benchmarks are named "<method>/<size>"; after the
// run, every method's median time is divided by the baseline method's at
// the same size, and the table is printed in Markdown for the README.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_BENCH_RATIOS_H
#define HESSC_BENCH_RATIOS_H

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
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

  /// The median time of `Method` at `Size`, or a negative number if it did
  /// not run.
  double time(const std::string &Method, const std::string &Size) const {
    auto BySize = Times.find(Size);
    if (BySize == Times.end())
      return -1;
    auto It = BySize->second.find(Method);
    return It == BySize->second.end() ? -1 : It->second;
  }

  /// One column of the ratio table: a heading and how to compute it from
  /// the times at one size (N is the size as a number).
  struct Column {
    std::string Heading;
    std::function<double(const RatioReporter &, const std::string &Size, double N)> Ratio;
  };

  /// time(Numerator) / time(Denominator), or NaN when either is missing.
  static Column ratio(const std::string &Numerator, const std::string &Denominator,
                      bool PerDirection = false) {
    std::string Heading = "T(" + Numerator + ")/" + (PerDirection ? "(N*" : "") +
                          "T(" + Denominator + ")" + (PerDirection ? ")" : "");
    return {Heading, [=](const RatioReporter &R, const std::string &Size, double N) {
              double Num = R.time(Numerator, Size), Den = R.time(Denominator, Size);
              if (Num < 0 || Den < 0)
                return std::nan("");
              return Num / (PerDirection ? N * Den : Den);
            }};
  }

  /// Prints one row per size (in increasing order) and one column each.
  /// `SizeHeading` names the benchmark argument; when `SizeToN` is given,
  /// a column N (the number of independents) follows it, and per-direction
  /// ratios divide by that N rather than by the argument.
  void printTable(const std::vector<Column> &Columns, const std::string &SizeHeading = "N",
                  const std::function<double(double)> &SizeToN = nullptr) const {
    std::printf("\n| %-8s |", SizeHeading.c_str());
    if (SizeToN)
      std::printf(" %-8s |", "N");
    for (const Column &C : Columns)
      std::printf(" %s |", C.Heading.c_str());
    std::printf("\n|---|");
    if (SizeToN)
      std::printf("---|");
    for (size_t I = 0; I < Columns.size(); ++I)
      std::printf("---|");
    std::printf("\n");
    for (const std::string &Size : sizes()) {
      double N = SizeToN ? SizeToN(std::stod(Size)) : std::stod(Size);
      std::printf("| %-8s |", Size.c_str());
      if (SizeToN)
        std::printf(" %-8.0f |", N);
      for (const Column &C : Columns) {
        double Value = C.Ratio(*this, Size, N);
        if (std::isnan(Value))
          std::printf(" %*s |", static_cast<int>(C.Heading.size()), "-");
        else
          std::printf(" %*.2f |", static_cast<int>(C.Heading.size()), Value);
      }
      std::printf("\n");
    }
  }

  /// The sizes that ran, in increasing order.
  std::vector<std::string> sizes() const {
    std::vector<std::string> Sizes;
    for (const auto &Entry : Times)
      Sizes.push_back(Entry.first);
    std::sort(Sizes.begin(), Sizes.end(), [](const std::string &A, const std::string &B) {
      return std::stod(A) < std::stod(B);
    });
    return Sizes;
  }

private:
  std::map<std::string, std::map<std::string, double>> Times;
};

} // namespace hessc::bench

#endif // HESSC_BENCH_RATIOS_H
