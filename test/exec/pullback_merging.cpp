// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror %s -o %t
// RUN: %t
// RUN: %hessc_cxx -fsyntax-only -fplugin-arg-hessc-dump %s 2>&1 | FileCheck %s
//
// A helper's pullback runs the helper's forward sweep again. Where the
// gradient calls the helper and then, in the same block and on the same
// arguments, its pullback, the two become one call of the pullback variant
// that also returns the value (PullbackMerging): a log-sum-exp in a fused
// sample loop, a helper in straight-line code. Where an argument changes
// in between, they stay two calls. Each against its value, gradient and
// Hessian derived by hand below; f_hvp and the sparse Hessian by
// check::second_order. Tolerance 1e-12, relative above 1.

#include <hessc/hessc.h>

#include <cmath>
#include <vector>

#include "Inputs/mixture.h"
#include "Inputs/real.h"

static const double Tol = 1e-12;

/// log sum_c exp(a[c]), shifted by the largest a[c].
static double lse(const double *a, int k) {
  double amax = a[0];
  for (int c = 1; c < k; ++c)
    amax = std::fmax(amax, a[c]);
  double s = 0;
  for (int c = 0; c < k; ++c)
    s += std::exp(a[c] - amax);
  return amax + std::log(s);
}

// The mixture of Inputs/mixture.h, through a shifted log-sum-exp (the shift
// by the largest term cancels from every derivative).
HESSC_DIFF("mu[k]")
double mixture_lse(const double *mu, const double *X, int m, int k) {
  std::vector<double> a(k);
  double f = 0;
  for (int i = 0; i < m; ++i) {
    for (int c = 0; c < k; ++c) {
      double t = X[i] - mu[c];
      a[c] = -0.5 * t * t;
    }
    f -= lse(&a[0], k);
  }
  return f;
}
// CHECK-LABEL: double mixture_lse_grad(
// CHECK-NOT: = lse(
// CHECK: lse_result = lse_value_and_pullback(a.data() + 0, k, lse_result_adj, a_adj.data() + 0);
// CHECK-NEXT: f -= lse_result;
// CHECK: return result;

static void test_mixture_lse() {
  check::Case c("mixture_lse", Tol);
  for (int k : {1, 3}) {
    const int m = 4;
    std::vector<double> mu = real::random_vector(k, -1.0, 1.0, 41);
    std::vector<double> X = real::random_vector(m, -2.0, 2.0, 42);
    c.at("k=%d", k);
    real::check_point(c, mixture_reference(mu, X), REAL_CALLS(mixture_lse, mu.data(), X.data(), m, k));
  }
}

static double scaled_exp(double x, double y) { return x * std::exp(y); }

// Straight-line code: f = 3 x e^y. grad (3 e^y, 3 x e^y); H = [[0, 3 e^y],
// [3 e^y, 3 x e^y]].
HESSC_DIFF()
double thrice(double x, double y) { return 3 * scaled_exp(x, y); }
// CHECK-LABEL: double thrice_grad(
// CHECK-NOT: = scaled_exp(
// CHECK: scaled_exp_result = scaled_exp_value_and_pullback(x, y, scaled_exp_result_adj, x_adj, y_adj);
// CHECK: return result;

static void test_thrice() {
  check::Case c("thrice", Tol);
  for (double x : {-1.5, 0.5})
    for (double y : {-0.5, 1.0}) {
      double e = std::exp(y);
      real::Ref want(2);
      want.f = 3 * x * e;
      want.g[0] = 3 * e;
      want.g[1] = 3 * x * e;
      want.h(0, 1) = want.h(1, 0) = 3 * e;
      want.h(1, 1) = 3 * x * e;
      c.at("x=%g y=%g", x, y);
      real::check_point(c, want, REAL_CALLS(thrice, x, y));
    }
}

static double square(double u) { return u * u; }

// The argument changes between the call and the pullback: two calls.
// f = sum x_i^2 (x_i + 1): grad 3 x^2 + 2 x, Hessian diagonal 6 x + 2.
HESSC_DIFF("x[n]")
double shifted_cubes(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double u = x[i];
    double v = square(u);
    u = u + 1;
    s += v * u;
  }
  return s;
}
// CHECK-LABEL: double shifted_cubes_grad(
// CHECK-NOT: square_value_and_pullback
// CHECK: return result;

static void test_shifted_cubes() {
  check::Case c("shifted_cubes", Tol);
  for (int n : {1, 5}) {
    std::vector<double> x = real::random_vector(n, -2.0, 2.0, 43);
    real::Ref want(n);
    for (int i = 0; i < n; ++i) {
      want.f += x[i] * x[i] * (x[i] + 1);
      want.g[i] = 3 * x[i] * x[i] + 2 * x[i];
      want.h(i, i) = 6 * x[i] + 2;
    }
    c.at("n=%d", n);
    real::check_point(c, want, REAL_CALLS(shifted_cubes, x.data(), n));
  }
}

static double pair_term(double r2) {
  double s = 1 / (r2 * r2 * r2);
  return s * s - s;
}

// Pairs inside a cutoff: the forward branch and its adjoint's, on the same
// condition, join, and the helper call and its pullback with them. With
// d = x_i - x_j, r = d^2 + 1 and p(r) = r^-6 - r^-3 for r < 4:
// f = sum p(r); d f / d x_i = 2 d p'(r), H_ii += 4 d^2 p'' + 2 p', H_ij the
// negative of that for the pair, p' = -6 r^-7 + 3 r^-4, p'' = 42 r^-8 - 12 r^-5.
HESSC_DIFF("x[n]")
double cut_pairs(const double *x, int n) {
  double e = 0;
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) {
      double d = x[i] - x[j];
      double r2 = d * d + 1;
      if (r2 < 4)
        e += pair_term(r2);
    }
  return e;
}
// CHECK-LABEL: double cut_pairs_grad(
// CHECK: if (branch) {
// CHECK-NEXT: pair_term_result_adj = e_adj;
// CHECK-NEXT: pair_term_result = pair_term_value_and_pullback(r2, pair_term_result_adj, r2_adj);
// CHECK-NEXT: e += pair_term_result;
// CHECK: return result;

static void test_cut_pairs() {
  check::Case c("cut_pairs", Tol);
  for (int n : {2, 5}) {
    std::vector<double> x = real::random_vector(n, -1.5, 1.5, 44);
    real::Ref want(n);
    for (int i = 0; i < n; ++i)
      for (int j = i + 1; j < n; ++j) {
        double d = x[i] - x[j], r = d * d + 1;
        if (!(r < 4))
          continue;
        double p = std::pow(r, -6) - std::pow(r, -3);
        double p1 = -6 * std::pow(r, -7) + 3 * std::pow(r, -4);
        double p2 = 42 * std::pow(r, -8) - 12 * std::pow(r, -5);
        double hii = 4 * d * d * p2 + 2 * p1;
        want.f += p;
        want.g[i] += 2 * d * p1;
        want.g[j] -= 2 * d * p1;
        want.h(i, i) += hii;
        want.h(j, j) += hii;
        want.h(i, j) -= hii;
        want.h(j, i) -= hii;
      }
    c.at("n=%d", n);
    real::check_point(c, want, REAL_CALLS(cut_pairs, x.data(), n));
  }
}

int main() {
  test_mixture_lse();
  test_thrice();
  test_shifted_cubes();
  test_cut_pairs();
  return check::exit_code();
}
