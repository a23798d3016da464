//===- rosenbrock.cpp - hessc's first example -----------------------------===//
//
// Extended Rosenbrock, annotated once; its exact gradient is then called by
// name. The program checks rosen_grad against the analytic gradient and
// runs a few steps of gradient descent with it.
//
// Build: clang++-19 -fplugin=<prefix>/lib/hessc/HesscPlugin.so -I<prefix>/include
//        -O2 rosenbrock.cpp
//
//===----------------------------------------------------------------------===//
#include <hessc/hessc.h>

#include <cmath>
#include <cstdio>
#include <vector>

/// f(x) = sum over pairs (x[2i], x[2i+1]) of 100 (x[2i+1] - x[2i]^2)^2 + (1 - x[2i])^2.
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

// Everything below calls rosen_grad, which the plugin generated above.

static void analyticGradient(const double *x, int n, double *g) {
  for (int i = 0; i < n; i += 2) {
    double t1 = x[i + 1] - x[i] * x[i];
    g[i] = -400 * x[i] * t1 - 2 * (1 - x[i]);
    g[i + 1] = 200 * t1;
  }
}

int main() {
  const int n = 6;
  std::vector<double> x(n), g(n), reference(n);
  for (int i = 0; i < n; i += 2) {
    x[i] = -1.2;
    x[i + 1] = 1.0;
  }

  double f = rosen_grad(x.data(), n, g.data());
  analyticGradient(x.data(), n, reference.data());
  double worst = 0;
  for (int i = 0; i < n; ++i)
    worst = std::fmax(worst, std::fabs(g[i] - reference[i]) /
                                 std::fmax(1.0, std::fabs(reference[i])));
  std::printf("extended Rosenbrock, n = %d, at x0 = (-1.2, 1, ...)\n", n);
  std::printf("  f(x0)        = %.6f\n", f);
  std::printf("  grad f(x0)   = (%.4f, %.4f, ...)\n", g[0], g[1]);
  std::printf("  largest relative difference from the analytic gradient: %.1e\n",
              worst);

  // Gradient descent with a fixed step: slow, as the condition number of
  // Rosenbrock's Hessian predicts; Newton's method comes with the runtime.
  const double step = 1e-3;
  for (int iteration = 1; iteration <= 20000; ++iteration) {
    f = rosen_grad(x.data(), n, g.data());
    for (int i = 0; i < n; ++i)
      x[i] -= step * g[i];
    if (iteration % 5000 == 0)
      std::printf("  gradient descent, step %5d: f = %.3e\n", iteration, f);
  }
  return worst < 1e-12 ? 0 : 1;
}
