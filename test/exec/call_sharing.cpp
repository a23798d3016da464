// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror %s -o %t
// RUN: %t
// RUN: %hessc_cxx -fsyntax-only -fplugin-arg-hessc-dump %s 2>&1 | FileCheck %s
//
// A math call that the derivatives repeat is computed once (CallSharing):
// the compiler cannot merge libm calls, which may set errno. Not across a
// write to what the call reads, not out of the arm of a ?: that may not
// run, and not out of a loop header. Each against its value, gradient and Hessian derived by hand; f_hvp
// and the sparse Hessian as in check::second_order. Tolerance 1e-12,
// relative above 1.

#include <hessc/hessc.h>

#include <cmath>
#include <vector>

#include "Inputs/real.h"

static const double Tol = 1e-12;

// The logistic loss of a linear model: f = sum_i log(1 + exp(-y_i w.x_i)).
// With p_i = 1 / (1 + exp(-y_i z_i)), z_i = w.x_i:
// grad = -sum_i (1 - p_i) y_i x_i, H = sum_i p_i (1 - p_i) x_i x_i^T.
HESSC_DIFF("w[d]")
double logistic(const double *w, const double *X, const double *y, int m, int d) {
  double loss = 0;
  for (int i = 0; i < m; ++i) {
    double z = 0;
    for (int j = 0; j < d; ++j)
      z += w[j] * X[i * d + j];
    loss += std::log1p(std::exp(-y[i] * z));
  }
  return loss;
}
// One exp per sample in the gradient and in the HVP.
// CHECK-LABEL: double logistic_grad(
// CHECK: [[E:exp_value]] = std::exp(-(y[i] * z));
// CHECK-NOT: std::exp
// CHECK: return result;
// CHECK-LABEL: double logistic_hvp(
// CHECK: [[E:exp_value]] = std::exp(-(y[i] * z));
// CHECK-NOT: std::exp
// CHECK: return result;

static void test_logistic() {
  check::Case c("logistic", Tol);
  const int m = 6, d = 3;
  std::vector<double> w = real::random_vector(d, -1.0, 1.0, 31);
  std::vector<double> X = real::random_vector(m * d, -2.0, 2.0, 32);
  std::vector<double> y(m);
  for (int i = 0; i < m; ++i)
    y[i] = i % 3 == 0 ? -1.0 : 1.0;
  real::Ref want(d);
  for (int i = 0; i < m; ++i) {
    double z = 0;
    for (int j = 0; j < d; ++j)
      z += w[j] * X[i * d + j];
    want.f += std::log1p(std::exp(-y[i] * z));
    double p = 1 / (1 + std::exp(-y[i] * z));
    for (int j = 0; j < d; ++j) {
      want.g[j] += -(1 - p) * y[i] * X[i * d + j];
      for (int k = 0; k < d; ++k)
        want.h(j, k) += p * (1 - p) * X[i * d + j] * X[i * d + k];
    }
  }
  c.at("m=%d, d=%d", m, d);
  real::check_point(c, want, REAL_CALLS(logistic, w.data(), X.data(), y.data(), m, d));
}

// exp(u) before and after u changes: f = e^x e^{2x} = e^{3x}, grad 3 e^{3x},
// Hessian 9 e^{3x}. The two calls read different u and stay two.
HESSC_DIFF()
double rescaled(double x) {
  double u = x;
  double p = std::exp(u);
  u = u * 2;
  double q = std::exp(u);
  return p * q;
}
// CHECK-LABEL: double rescaled_hvp(
// CHECK: std::exp(u)
// CHECK: u = u * 2.0;
// CHECK: std::exp(u)

static void test_rescaled() {
  check::Case c("rescaled", Tol);
  for (double x : {-1.0, 0.25, 0.8}) {
    real::Ref want(1);
    want.f = std::exp(3 * x);
    want.g[0] = 3 * want.f;
    want.H[0] = 9 * want.f;
    c.at({x});
    real::check_point(c, want, REAL_CALLS(rescaled, x));
  }
}

// exp in the arms of a ?: runs only in the arm taken; it is not hoisted out.
// f = e^{|x|} y: grad (sign(x) e^{|x|} y, e^{|x|}),
// H [[e^{|x|} y, sign(x) e^{|x|}], [sign(x) e^{|x|}, 0]].
HESSC_DIFF()
double two_sided(double x, double y) {
  double e = x > 0 ? std::exp(x) : std::exp(-x);
  return e * y;
}
// CHECK-LABEL: double two_sided_grad(
// CHECK-NOT: exp_value = std::exp(-x);
// CHECK: return result;

static void test_two_sided() {
  check::Case c("two_sided", Tol);
  const double pts[][2] = {{0.7, 1.5}, {-1.2, -0.5}, {2.0, 0.25}};
  for (const auto &p : pts) {
    double x = p[0], y = p[1], e = std::exp(std::fabs(x)), sign = x > 0 ? 1.0 : -1.0;
    real::Ref want(2);
    want.f = e * y;
    want.g = {sign * e * y, e};
    want.H = {e * y, sign * e, sign * e, 0};
    c.at({x, y});
    real::check_point(c, want, REAL_CALLS(two_sided, x, y));
  }
}

// A loop header's init with a repeated call: the header holds one statement,
// so nothing is hoisted out of it. f = sum w x_i^2 with w = e^{-2a}:
// grad 2 w x_i, Hessian diagonal 2 w.
HESSC_DIFF("x[n]")
double scaled_squares(const double *x, int n, double a) {
  double s = 0;
  int i = 0;
  for (double w = std::exp(-a) * std::exp(-a); i < n; ++i)
    s += w * x[i] * x[i];
  return s;
}

static void test_scaled_squares() {
  check::Case c("scaled_squares", Tol);
  const double a = 0.3;
  for (int n : {1, 5}) {
    std::vector<double> x = real::random_vector(n, -2.0, 2.0, 33);
    double w = std::exp(-2 * a);
    real::Ref want(n);
    for (int i = 0; i < n; ++i) {
      want.f += w * x[i] * x[i];
      want.g[i] = 2 * w * x[i];
      want.h(i, i) = 2 * w;
    }
    c.at("n=%d", n);
    real::check_point(c, want, REAL_CALLS(scaled_squares, x.data(), n, a));
  }
}

int main() {
  test_logistic();
  test_rescaled();
  test_two_sided();
  test_scaled_squares();
  return check::exit_code();
}
