// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror %s -o %t
// RUN: %t
// RUN: %hessc_cxx -fsyntax-only -fplugin-arg-hessc-dump %s 2>&1 | FileCheck %s
//
// A value a loop overwrites is saved before each write and restored in the
// reverse sweep. When nothing reads it after any of its restores, the saves
// and restores go (Cleanup's removeUnreadSaves): log-sum-exp's running sum
// s is only ever read after its loop. A running product, whose adjoint reads
// the value before each step, keeps them. Each against its value, gradient
// and Hessian derived by hand; f_hvp and the sparse Hessian as in
// check::second_order. Tolerance 1e-12, relative above 1.

#include <hessc/hessc.h>

#include <cmath>
#include <vector>

#include "Inputs/real.h"

static const double Tol = 1e-12;

/// log sum_i exp(a_i), shifted by the largest a_i.
static double log_sum_exp(const double *a, int n) {
  double amax = a[0];
  for (int i = 1; i < n; ++i)
    amax = std::max(amax, a[i]);
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(a[i] - amax);
  return amax + std::log(s);
}

// f = log sum exp(x): grad p = softmax(x), Hessian diag(p) - p p^T.
HESSC_DIFF("x[n]")
double soft_max(const double *x, int n) { return log_sum_exp(x, n); }
// CHECK-LABEL: static double log_sum_exp_value_and_pullback(
// CHECK-NOT: push(s)
// CHECK: real_tape.push(exp_value);
// CHECK-NEXT: exp_value = std::exp(a[i_2] - amax);
// CHECK-NEXT: s += exp_value;
// CHECK-NEXT: ++i_2_loop_iterations;
// CHECK: partial = exp_value_adj * exp_value;
// CHECK-NOT: s = real_tape.pop();
// CHECK: exp_value = real_tape.pop();
// CHECK-NEXT: }
// Nor its tangent, in f_hvp:
// CHECK-LABEL: log_sum_exp_value_and_pullback_dot_wrt_a_a_adj_without_a_adj_result_dot(
// CHECK-NOT: push(s
// CHECK-NOT: s_dot = real_tape_dot.pop();
// CHECK: return result;

// f = prod_i x_i, as a running product p = p * x_i, whose adjoint reads p
// before each step: grad prod / x_i, Hessian prod / (x_i x_j) off the
// diagonal, 0 on it (x_i != 0).
HESSC_DIFF("x[n]")
double running_product(const double *x, int n) {
  double p = 1;
  for (int i = 0; i < n; ++i)
    p = p * x[i];
  return p;
}
// CHECK-LABEL: double running_product_grad(
// CHECK: real_tape.push(p);
// CHECK: p = real_tape.pop();
// CHECK: return result;

static void test_soft_max() {
  check::Case c("soft_max", Tol);
  for (int n : {1, 2, 6}) {
    std::vector<double> x = real::random_vector(n, -3.0, 3.0, 51);
    double amax = x[0], s = 0;
    for (double e : x)
      amax = std::max(amax, e);
    for (double e : x)
      s += std::exp(e - amax);
    real::Ref want(n);
    want.f = amax + std::log(s);
    for (int i = 0; i < n; ++i) {
      double pi = std::exp(x[i] - amax) / s;
      want.g[i] = pi;
      for (int j = 0; j < n; ++j)
        want.h(i, j) = (i == j ? pi : 0.0) - pi * std::exp(x[j] - amax) / s;
    }
    c.at("n=%d", n);
    real::check_point(c, want, REAL_CALLS(soft_max, x.data(), n));
  }
}

static void test_running_product() {
  check::Case c("running_product", Tol);
  for (int n : {1, 3, 5}) {
    std::vector<double> x = real::random_vector(n, 0.5, 2.0, 52);
    real::Ref want(n);
    want.f = 1;
    for (double e : x)
      want.f *= e;
    for (int i = 0; i < n; ++i) {
      want.g[i] = want.f / x[i];
      for (int j = 0; j < n; ++j)
        want.h(i, j) = i == j ? 0.0 : want.f / (x[i] * x[j]);
    }
    c.at("n=%d", n);
    real::check_point(c, want, REAL_CALLS(running_product, x.data(), n));
  }
}

int main() {
  test_soft_max();
  test_running_product();
  return check::exit_code();
}
