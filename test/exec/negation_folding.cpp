// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror %s -o %t
// RUN: %t
// RUN: %hessc_cxx -fsyntax-only -fplugin-arg-hessc-dump %s 2>&1 | FileCheck %s
//
// NegationFolding: a local assigned a negated read (`t_dot = -m_dot[j]`)
// and read once, by a later assignment, is replaced there by the negation,
// whose sign then moves out of the product (`q_dot -= ...`). It must not
// move when the read would see another value at the use: a scalar or an
// array element it reads is written in between. Each function against its
// value, gradient and Hessian derived by hand; f_hvp and the sparse Hessian
// as in check::second_order. Tolerance 1e-12, relative above 1.

#include <hessc/hessc.h>

#include <cmath>
#include <vector>

#include "Inputs/real.h"

static const double Tol = 1e-12;

/// q = sum w_j (x_j - m_j)^2: its tangent in m is the one of t = x[j] - m[j],
/// -m_dot[j], multiplied into q's.
static double sqdist(const double *m, const double *x, const double *w, int n) {
  double q = 0;
  for (int j = 0; j < n; ++j) {
    double t = x[j] - m[j];
    q += t * t * w[j];
  }
  return q;
}

// f = log(1 + q) in m: with q' = -2 w (x - m) and q'' = diag(2 w), grad
// q' / (1 + q) and Hessian q'' / (1 + q) - q' q'^T / (1 + q)^2.
HESSC_DIFF("m[n]")
double log_distance(const double *m, const double *x, const double *w, int n) {
  return std::log(1 + sqdist(m, x, w, n));
}
// CHECK-LABEL: sqdist_dot_wrt_m(
// CHECK-NOT: {{ t_dot}}
// CHECK: for (j = 0; j < n; ++j) {
// CHECK-NEXT: t = x[j] - m[j];
// CHECK-NEXT: q_dot -= 2.0 * t * m_dot[j] * w[j];
// CHECK-NEXT: q += t * t * w[j];

// The pullback's tangent reads it in a sum, as a difference.
// CHECK-LABEL: sqdist_pullback_wrt_m_dot_wrt_m_seed_m_adj_without_m_adj(
// CHECK: t_adj_dot = q_adj_dot * w[j] * (2.0 * t) - q_adj * w[j] * (2.0 * m_dot[j]);
// CHECK-NEXT: m_adj_dot[j] -= t_adj_dot;

// The same sum written in f itself: f_hvp's adjoint tangent is a negation that one
// store reads, so it moves there and the two signs cancel. Gradient and
// Hessian as q' and q'' above.
HESSC_DIFF("m[n]")
double distance(const double *m, const double *x, const double *w, int n) {
  double q = 0;
  for (int j = 0; j < n; ++j) {
    double t = x[j] - m[j];
    q += t * t * w[j];
  }
  return q;
}
// CHECK-LABEL: double distance_hvp(
// CHECK-NOT: t_adj_dot
// CHECK: m_adj_dot[j] = q_adj * w[j] * (2.0 * m_dot[j]);
// CHECK: return result;

static void test_log_distance() {
  check::Case c("log_distance, distance", Tol);
  for (int n : {1, 5}) {
    std::vector<double> m = real::random_vector(n, -2.0, 2.0, 31);
    std::vector<double> x = real::random_vector(n, -2.0, 2.0, 32);
    std::vector<double> w = real::random_vector(n, 0.5, 3.0, 33);
    double q = 0;
    std::vector<double> dq(n);
    for (int j = 0; j < n; ++j) {
      q += w[j] * (x[j] - m[j]) * (x[j] - m[j]);
      dq[j] = -2 * w[j] * (x[j] - m[j]);
    }
    real::Ref want(n);
    want.f = std::log(1 + q);
    for (int i = 0; i < n; ++i) {
      want.g[i] = dq[i] / (1 + q);
      for (int j = 0; j < n; ++j)
        want.h(i, j) = (i == j ? 2 * w[i] / (1 + q) : 0.0) - dq[i] * dq[j] / ((1 + q) * (1 + q));
    }
    c.at("log_distance, n=%d", n);
    real::check_point(c, want, REAL_CALLS(log_distance, m.data(), x.data(), w.data(), n));
    real::Ref plain(n);
    plain.f = q;
    for (int i = 0; i < n; ++i) {
      plain.g[i] = dq[i];
      plain.h(i, i) = 2 * w[i];
    }
    c.at("distance, n=%d", n);
    real::check_point(c, plain, REAL_CALLS(distance, m.data(), x.data(), w.data(), n));
  }
}

// u = -v, then v changes before u is read: f = sum (-x_i)(3 x_i) = -3 sum
// x_i^2, grad -6 x_i, Hessian -6 I. Moving -v into the product would read
// the new v (f = -9 sum x_i^2).
HESSC_DIFF("x[n]")
double scalar_between(const double *x, int n) {
  double s = 0, v = 0;
  for (int i = 0; i < n; ++i) {
    v = x[i];
    double u = -v;
    v = 3.0 * x[i];
    s += u * v;
  }
  return s;
}
// CHECK-LABEL: double scalar_between_grad(
// CHECK: v = x[i];
// CHECK-NEXT: u = -v;
// CHECK-NEXT: v = 3.0 * x[i];
// CHECK-NEXT: s += u * v;

// The same through an array element: f = sum (-x_i)(2 x_i), grad -4 x_i,
// Hessian -4 I.
HESSC_DIFF("x[n]")
double element_between(const double *x, int n) {
  double s = 0;
  double a[1] = {};
  for (int i = 0; i < n; ++i) {
    a[0] = x[i];
    double u = -a[0];
    a[0] = 2.0 * x[i];
    s += u * a[0];
  }
  return s;
}
// CHECK-LABEL: double element_between_grad(
// CHECK: a[0] = x[i];
// CHECK: u = -a[0];
// CHECK: a[0] = 2.0 * x[i];
// CHECK: s += u * a[0];

static void test_between() {
  check::Case c("written between", Tol);
  for (int n : {1, 4}) {
    std::vector<double> x = real::random_vector(n, -2.0, 2.0, 41);
    real::Ref scalar(n), element(n);
    for (int i = 0; i < n; ++i) {
      scalar.f -= 3 * x[i] * x[i];
      scalar.g[i] = -6 * x[i];
      scalar.h(i, i) = -6;
      element.f -= 2 * x[i] * x[i];
      element.g[i] = -4 * x[i];
      element.h(i, i) = -4;
    }
    c.at("scalar_between, n=%d", n);
    real::check_point(c, scalar, REAL_CALLS(scalar_between, x.data(), n));
    c.at("element_between, n=%d", n);
    real::check_point(c, element, REAL_CALLS(element_between, x.data(), n));
  }
}

int main() {
  test_log_distance();
  test_between();
  return check::exit_code();
}
