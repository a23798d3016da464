//===- rosenbrock.cpp - Cost of hessc's derivatives of extended Rosenbrock ===//
//
// f, hessc's rosen_grad, and a gradient written by hand as an expert would
// (one fused loop), at several N. Prints T(method)/T(f) per N at the end.
//
//===----------------------------------------------------------------------===//
#include "ratios.h"

#include <hessc/hessc.h>

#include <vector>

HESSC_DIFF("x[n]")
double rosen(const double *x, int n) {
  double sum = 0;
  for (int i = 0; i < n; i += 2) {
    double t1 = x[i + 1] - x[i] * x[i];
    double t2 = 1 - x[i];
    sum += 100 * t1 * t1 + t2 * t2;
  }
  return sum;
}

namespace {

/// The gradient an expert writes: value and gradient in one pass.
double rosenGradByHand(const double *x, int n, double *g) {
  double sum = 0;
  for (int i = 0; i < n; i += 2) {
    double t1 = x[i + 1] - x[i] * x[i];
    double t2 = 1 - x[i];
    sum += 100 * t1 * t1 + t2 * t2;
    g[i] = -400 * x[i] * t1 - 2 * t2;
    g[i + 1] = 200 * t1;
  }
  return sum;
}

std::vector<double> startingPoint(int n) {
  std::vector<double> x(n);
  for (int i = 0; i < n; ++i)
    x[i] = i % 2 ? 1.0 : -1.2 + 1e-3 * i;
  return x;
}

void f(benchmark::State &State) {
  int n = static_cast<int>(State.range(0));
  std::vector<double> x = startingPoint(n);
  for (auto _ : State) {
    benchmark::DoNotOptimize(x.data());
    benchmark::DoNotOptimize(rosen(x.data(), n));
  }
}

void grad_hessc(benchmark::State &State) {
  int n = static_cast<int>(State.range(0));
  std::vector<double> x = startingPoint(n), g(n);
  for (auto _ : State) {
    benchmark::DoNotOptimize(x.data());
    benchmark::DoNotOptimize(rosen_grad(x.data(), n, g.data()));
    benchmark::ClobberMemory();
  }
}

void grad_by_hand(benchmark::State &State) {
  int n = static_cast<int>(State.range(0));
  std::vector<double> x = startingPoint(n), g(n);
  for (auto _ : State) {
    benchmark::DoNotOptimize(x.data());
    benchmark::DoNotOptimize(rosenGradByHand(x.data(), n, g.data()));
    benchmark::ClobberMemory();
  }
}

} // namespace

#define SIZES ->Arg(10)->Arg(1000)->Arg(100000)
BENCHMARK(f) SIZES;
BENCHMARK(grad_hessc) SIZES;
BENCHMARK(grad_by_hand) SIZES;

int main(int argc, char **argv) {
  benchmark::Initialize(&argc, argv);
  hessc::bench::RatioReporter Reporter;
  benchmark::RunSpecifiedBenchmarks(&Reporter);
  Reporter.printRatios("f", {"grad_hessc", "grad_by_hand"});
  benchmark::Shutdown();
  return 0;
}
