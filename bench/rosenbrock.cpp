//===- rosenbrock.cpp - Cost of hessc's derivatives of extended Rosenbrock ===//
//
// f, hessc's generated rosen_grad / rosen_hvp / rosen_hessian, derivatives
// written by hand as an expert would (one fused loop each), and the central
// difference HVP users compare against, at several N. Prints the cost
// ratios as a Markdown table at the end.
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

/// H v by hand: H is block diagonal with 2x2 blocks
/// [1200 a^2 - 400 b + 2, -400 a; -400 a, 200] for each pair (a, b).
double rosenHvpByHand(const double *x, int n, const double *v, double *hv) {
  double sum = 0;
  for (int i = 0; i < n; i += 2) {
    double a = x[i], b = x[i + 1];
    double t1 = b - a * a, t2 = 1 - a;
    sum += 100 * t1 * t1 + t2 * t2;
    double haa = 1200 * a * a - 400 * b + 2, hab = -400 * a;
    hv[i] = haa * v[i] + hab * v[i + 1];
    hv[i + 1] = hab * v[i] + 200 * v[i + 1];
  }
  return sum;
}

/// The approximate baseline: (g(x + eps v) - g(x - eps v)) / (2 eps).
void rosenHvpByCentralDifference(const double *x, int n, const double *v,
                                 double *hv, std::vector<double> &Work) {
  const double eps = 1e-6;
  double *xp = Work.data(), *gp = xp + n, *gm = gp + n;
  for (int i = 0; i < n; ++i)
    xp[i] = x[i] + eps * v[i];
  rosen_grad(xp, n, gp);
  for (int i = 0; i < n; ++i)
    xp[i] = x[i] - eps * v[i];
  rosen_grad(xp, n, gm);
  for (int i = 0; i < n; ++i)
    hv[i] = (gp[i] - gm[i]) / (2 * eps);
}

std::vector<double> startingPoint(int n) {
  std::vector<double> x(n);
  for (int i = 0; i < n; ++i)
    x[i] = i % 2 ? 1.0 : -1.2 + 1e-3 * i;
  return x;
}

struct Problem {
  explicit Problem(const benchmark::State &State)
      : n(static_cast<int>(State.range(0))), x(startingPoint(n)), v(n), out(n) {
    for (int i = 0; i < n; ++i)
      v[i] = 1.0 / (1 + i);
  }
  int n;
  std::vector<double> x, v, out;
};

void f(benchmark::State &State) {
  Problem P(State);
  for (auto _ : State) {
    benchmark::DoNotOptimize(P.x.data());
    benchmark::DoNotOptimize(rosen(P.x.data(), P.n));
  }
}

void grad_hessc(benchmark::State &State) {
  Problem P(State);
  for (auto _ : State) {
    benchmark::DoNotOptimize(rosen_grad(P.x.data(), P.n, P.out.data()));
    benchmark::ClobberMemory();
  }
}

void grad_by_hand(benchmark::State &State) {
  Problem P(State);
  for (auto _ : State) {
    benchmark::DoNotOptimize(rosenGradByHand(P.x.data(), P.n, P.out.data()));
    benchmark::ClobberMemory();
  }
}

void hvp_hessc(benchmark::State &State) {
  Problem P(State);
  for (auto _ : State) {
    benchmark::DoNotOptimize(rosen_hvp(P.x.data(), P.n, P.v.data(), P.out.data()));
    benchmark::ClobberMemory();
  }
}

void hvp_by_hand(benchmark::State &State) {
  Problem P(State);
  for (auto _ : State) {
    benchmark::DoNotOptimize(rosenHvpByHand(P.x.data(), P.n, P.v.data(), P.out.data()));
    benchmark::ClobberMemory();
  }
}

void hvp_central_difference(benchmark::State &State) {
  Problem P(State);
  std::vector<double> Work(3 * P.n);
  for (auto _ : State) {
    rosenHvpByCentralDifference(P.x.data(), P.n, P.v.data(), P.out.data(), Work);
    benchmark::ClobberMemory();
  }
}

void hessian_hessc(benchmark::State &State) {
  Problem P(State);
  std::vector<double> H(static_cast<size_t>(P.n) * P.n);
  for (auto _ : State) {
    benchmark::DoNotOptimize(rosen_hessian(P.x.data(), P.n, H.data()));
    benchmark::ClobberMemory();
  }
}

} // namespace

BENCHMARK(f)->Arg(10)->Arg(50)->Arg(200)->Arg(1000)->Arg(100000);
BENCHMARK(grad_hessc)->Arg(10)->Arg(1000)->Arg(100000);
BENCHMARK(grad_by_hand)->Arg(10)->Arg(1000)->Arg(100000);
BENCHMARK(hvp_hessc)->Arg(10)->Arg(50)->Arg(200)->Arg(1000)->Arg(100000);
BENCHMARK(hvp_by_hand)->Arg(10)->Arg(1000)->Arg(100000);
BENCHMARK(hvp_central_difference)->Arg(10)->Arg(1000)->Arg(100000);
BENCHMARK(hessian_hessc)->Arg(10)->Arg(50)->Arg(200);

int main(int argc, char **argv) {
  benchmark::Initialize(&argc, argv);
  hessc::bench::RatioReporter Reporter;
  benchmark::RunSpecifiedBenchmarks(&Reporter);
  using R = hessc::bench::RatioReporter;
  std::printf("\nExtended Rosenbrock: cost relative to f (median of the run)\n");
  Reporter.printTable({R::ratio("grad_hessc", "f"), R::ratio("grad_by_hand", "f"),
                       R::ratio("hvp_hessc", "f"), R::ratio("hvp_by_hand", "f"),
                       R::ratio("hvp_central_difference", "f"),
                       R::ratio("hessian_hessc", "f"),
                       R::ratio("hessian_hessc", "hvp_hessc", /*PerDirection=*/true)});
  benchmark::Shutdown();
  return 0;
}
