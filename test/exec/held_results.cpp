// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror %s -o %t
// RUN: %t
// RUN: %hessc_cxx -fsyntax-only -fplugin-arg-hessc-dump %s 2>&1 | FileCheck %s
//
// The derivative of exp, sqrt and tanh is written with their result. After
// `t = f(args)`, the reverse sweep finds that result in t until t is
// restored, so it reads t there instead of calling f again, and restores t
// afterwards. These functions assign such results to a local of the loop
// body, to a scalar that every iteration overwrites (taped), to array
// elements overwritten per sample (taped, in a nested loop), and, where t is
// an argument of its own call (u = tanh(u + x)), must not: there the result
// is recomputed from the restored u; and results inside larger expressions,
// named by CallResults. Each against its value, gradient and
// Hessian derived by hand; f_hvp and the sparse Hessian as in
// check::second_order. Tolerance 1e-12, relative above 1.

#include <hessc/hessc.h>

#include <cmath>
#include <vector>

#include "Inputs/real.h"

static const double Tol = 1e-12;

// f = sum exp(x_i)^2: grad 2 e^{2 x_i}, Hessian diagonal 4 e^{2 x_i}.
HESSC_DIFF("x[n]")
double exp_squares(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double t = std::exp(x[i]);
    s += t * t;
  }
  return s;
}
// CHECK-LABEL: double exp_squares_grad(
// CHECK: t = std::exp(x[i]);
// CHECK-NOT: std::exp
// CHECK: x_adj[i] = t_adj * t;
// CHECK: return result;

static void test_exp_squares() {
  check::Case c("exp_squares", Tol);
  for (int n : {1, 6}) {
    std::vector<double> x = real::random_vector(n, -1.5, 1.5, 21);
    real::Ref want(n);
    for (int i = 0; i < n; ++i) {
      double e2 = std::exp(2 * x[i]);
      want.f += e2;
      want.g[i] = 2 * e2;
      want.h(i, i) = 4 * e2;
    }
    c.at("n=%d", n);
    real::check_point(c, want, REAL_CALLS(exp_squares, x.data(), n));
  }
}

// q overwritten by every iteration: f = sum q_i x_i with q_i = sqrt(x_i^2 + 1);
// grad (2 x_i^2 + 1) / q_i, Hessian diagonal x_i (2 x_i^2 + 3) / q_i^3.
// Each iteration sets q before reading it, so the loop's sweeps fuse and q
// needs no tape.
HESSC_DIFF("x[n]")
double sqrt_weights(const double *x, int n) {
  double s = 0, q = 0;
  for (int i = 0; i < n; ++i) {
    q = std::sqrt(x[i] * x[i] + 1);
    s += q * x[i];
  }
  return s;
}
// CHECK-LABEL: double sqrt_weights_grad(
// CHECK-NOT: Tape
// CHECK: for (i = 0; i < n; ++i) {
// CHECK-NEXT: q = std::sqrt(x[i] * x[i] + 1.0);
// CHECK-NOT: std::sqrt
// CHECK: x_adj[i] += q_adj * (0.5 / q) * (2.0 * x[i]);
// CHECK: return result;

static void test_sqrt_weights() {
  check::Case c("sqrt_weights", Tol);
  for (int n : {1, 7}) {
    std::vector<double> x = real::random_vector(n, -3.0, 3.0, 22);
    real::Ref want(n);
    for (int i = 0; i < n; ++i) {
      double q = std::sqrt(x[i] * x[i] + 1);
      want.f += q * x[i];
      want.g[i] = (2 * x[i] * x[i] + 1) / q;
      want.h(i, i) = x[i] * (2 * x[i] * x[i] + 3) / (q * q * q);
    }
    c.at("n=%d", n);
    real::check_point(c, want, REAL_CALLS(sqrt_weights, x.data(), n));
  }
}

// Hidden units overwritten per sample: f = sum_s sum_j tanh(w_j X_s) y_s.
// With t = tanh(w_j X_s): grad_j = sum_s (1 - t^2) X_s y_s, Hessian diagonal
// sum_s -2 t (1 - t^2) X_s^2 y_s. a[j] is taped; its restore follows the
// derivative, which reads a[j].
HESSC_DIFF("w[n]")
double hidden_units(const double *w, int n, const double *X, const double *y, int samples) {
  std::vector<double> a(n);
  double loss = 0;
  for (int s = 0; s < samples; ++s)
    for (int j = 0; j < n; ++j) {
      a[j] = std::tanh(w[j] * X[s]);
      loss += a[j] * y[s];
    }
  return loss;
}
// CHECK-LABEL: double hidden_units_grad(
// CHECK: // Reverse sweep.
// CHECK-NOT: std::tanh
// CHECK: w_adj[j] += a_adj[j] * (1.0 - a[j] * a[j]) * X[s];
// CHECK-NEXT: a_adj[j] = 0.0;
// CHECK-NEXT: a[j] = [[TAPE:real_tape]].pop();
// CHECK: return result;

static void test_hidden_units() {
  check::Case c("hidden_units", Tol);
  const int n = 5, samples = 3;
  std::vector<double> w = real::random_vector(n, -1.0, 1.0, 23);
  std::vector<double> X = real::random_vector(samples, -2.0, 2.0, 24);
  std::vector<double> y = real::random_vector(samples, -1.0, 1.0, 25);
  real::Ref want(n);
  for (int s = 0; s < samples; ++s)
    for (int j = 0; j < n; ++j) {
      double t = std::tanh(w[j] * X[s]);
      want.f += t * y[s];
      want.g[j] += (1 - t * t) * X[s] * y[s];
      want.h(j, j) += -2 * t * (1 - t * t) * X[s] * X[s] * y[s];
    }
  c.at("n=%d, samples=%d", n, samples);
  real::check_point(c, want, REAL_CALLS(hidden_units, w.data(), n, X.data(), y.data(), samples));
}

// u = tanh(u + x_i) reads u: the result is recomputed from the restored u.
// With z = u_prev + x_i: grad u = (1 - u^2)(grad u_prev + e_i), and
// H u = (1 - u^2) H u_prev - 2 u (1 - u^2) (grad u_prev + e_i)(...)^T,
// carried through the steps below.
HESSC_DIFF("x[n]")
double tanh_chain(const double *x, int n) {
  double u = 0;
  for (int i = 0; i < n; ++i)
    u = std::tanh(u + x[i]);
  return u;
}
// CHECK-LABEL: double tanh_chain_grad(
// CHECK: // Reverse sweep.
// CHECK: u = [[TAPE:real_tape]].pop();
// CHECK: tanh_value = std::tanh(u + x[i]);
// CHECK-NEXT: partial = u_adj_prev * (1.0 - tanh_value * tanh_value);

static void test_tanh_chain() {
  check::Case c("tanh_chain", Tol);
  const int n = 6;
  std::vector<double> x = real::random_vector(n, -1.0, 1.0, 26);
  double u = 0;
  real::Ref want(n);
  for (int i = 0; i < n; ++i) {
    double t = std::tanh(u + x[i]);
    std::vector<double> dz(want.g);
    dz[i] += 1;
    real::Ref next(n);
    for (int k = 0; k < n; ++k) {
      next.g[k] = (1 - t * t) * dz[k];
      for (int l = 0; l < n; ++l)
        next.h(k, l) = (1 - t * t) * want.h(k, l) - 2 * t * (1 - t * t) * dz[k] * dz[l];
    }
    u = t;
    want = next;
  }
  want.f = u;
  c.at("n=%d", n);
  real::check_point(c, want, REAL_CALLS(tanh_chain, x.data(), n));
}

// The same for a division: after `t = a / b`, d t / d b = -t / b reads t,
// and is -t * t when a is 1, with no second division; the HVP's tangent
// likewise. f = sum u_i^2 + w_i with u_i = 1 / (x_i^2 + 1) and
// w_i = x_i / (x_i^2 + 2): grad -4 x u^3 + (2 - x^2) / (x^2 + 2)^2,
// Hessian diagonal -4 u^3 + 24 x^2 u^4 + (2 x^3 - 12 x) / (x^2 + 2)^3.
HESSC_DIFF("x[n]")
double quotients(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double u = 1 / (x[i] * x[i] + 1);
    double w = x[i] / (x[i] * x[i] + 2);
    s += u * u + w;
  }
  return s;
}
// CHECK-LABEL: double quotients_grad(
// CHECK: u = 1.0 / (x[i] * x[i] + 1.0);
// CHECK: w = x[i] / (x[i] * x[i] + 2.0);
// CHECK: -= w_adj * w / (x[i] * x[i] + 2.0) *
// CHECK: -= u_adj * (u * u) *
// CHECK: return result;
// CHECK-LABEL: double quotients_hvp(
// CHECK: u_dot = -(u * u * (
// CHECK: return result;

static void test_quotients() {
  check::Case c("quotients", Tol);
  for (int n : {1, 5}) {
    std::vector<double> x = real::random_vector(n, -2.0, 2.0, 23);
    real::Ref want(n);
    for (int i = 0; i < n; ++i) {
      double xi = x[i], u = 1 / (xi * xi + 1), b = xi * xi + 2;
      want.f += u * u + xi / b;
      want.g[i] = -4 * xi * u * u * u + (2 - xi * xi) / (b * b);
      want.h(i, i) = -4 * u * u * u + 24 * xi * xi * u * u * u * u +
                     (2 * xi * xi * xi - 12 * xi) / (b * b * b);
    }
    c.at("n=%d", n);
    real::check_point(c, want, REAL_CALLS(quotients, x.data(), n));
  }
}

// A quotient returned from inside a loop: `result = s / x[i]` is saved and
// restored by the reverse sweep, which reads it for the derivative; f_grad
// must still return the forward value. With S_i = x_0^2 + ... + x_i^2 and
// e the first i with S_i > 1: f = S_e / x_e (or S_(n-1) if none);
// grad_j = 2 x_j / x_e (j < e), 2 - S_e / x_e^2 (j = e); Hessian
// H_jj = 2 / x_e, H_je = -2 x_j / x_e^2, H_ee = -2 / x_e + 2 S_e / x_e^3.
// Also through a helper (its pullback that returns the value) times y.
static double early_ratio(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    s += x[i] * x[i];
    if (s > 1.0)
      return s / x[i];
  }
  return s;
}

HESSC_DIFF("x[n]")
double ratio(const double *x, int n) { return early_ratio(x, n); }

HESSC_DIFF("x[n], y")
double scaled_ratio(const double *x, int n, double y) { return y * early_ratio(x, n); }

/// The reference for early_ratio, scaled by y (y independent, last).
static real::Ref ratio_reference(const std::vector<double> &x, double y, bool WithY) {
  int n = static_cast<int>(x.size());
  real::Ref r(n + (WithY ? 1 : 0));
  double S = 0;
  int e = -1;
  for (int i = 0; i < n && e < 0; ++i) {
    S += x[i] * x[i];
    if (S > 1.0)
      e = i;
  }
  std::vector<double> g(n, 0.0), H(std::size_t(n) * n, 0.0);
  double f;
  if (e < 0) {
    f = S;
    for (int j = 0; j < n; ++j) {
      g[j] = 2 * x[j];
      H[j * n + j] = 2;
    }
  } else {
    double xe = x[e];
    f = S / xe;
    for (int j = 0; j < e; ++j) {
      g[j] = 2 * x[j] / xe;
      H[j * n + j] = 2 / xe;
      H[j * n + e] = H[e * n + j] = -2 * x[j] / (xe * xe);
    }
    g[e] = 2 - S / (xe * xe);
    H[e * n + e] = -2 / xe + 2 * S / (xe * xe * xe);
  }
  double k = WithY ? y : 1.0;
  r.f = k * f;
  for (int j = 0; j < n; ++j) {
    r.g[j] = k * g[j];
    for (int l = 0; l < n; ++l)
      r.h(j, l) = k * H[j * n + l];
  }
  if (WithY) {
    r.g[n] = f;
    for (int j = 0; j < n; ++j)
      r.h(j, n) = r.h(n, j) = g[j];
  }
  return r;
}

static void test_ratio() {
  check::Case c("ratio, returned from a loop", Tol);
  for (std::vector<double> x : {std::vector<double>{0.3, 0.4, 1.2, -0.5},
                                std::vector<double>{0.2, -0.3, 0.1}}) {
    int n = static_cast<int>(x.size());
    c.at("n=%d", n);
    real::check_point(c, ratio_reference(x, 1.0, false), REAL_CALLS(ratio, x.data(), n));
    c.at("n=%d, scaled", n);
    real::check_point(c, ratio_reference(x, -1.5, true),
                      REAL_CALLS(scaled_ratio, x.data(), n, -1.5));
  }
}

// A result inside a larger expression has no local of its own in the user's
// code: CallResults gives it one before differentiation, and the loop
// (which cannot fuse: f = log of the sum) tapes it instead of calling exp
// and tanh again in its reverse sweep. With u_i = exp(x_i), t_i = tanh(u_i),
// g_i = x_i t_i and S = sum g_i: f = log S, g'_i = t_i + x_i (1 - t_i^2) u_i,
// g''_i = 2 (1 - t_i^2) u_i + x_i (1 - t_i^2) u_i (1 - 2 t_i u_i);
// grad_i = g'_i / S, H_ij = [i = j] g''_i / S - g'_i g'_j / S^2.
HESSC_DIFF("x[n]")
double nested_results(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * std::tanh(std::exp(x[i]));
  return std::log(s);
}
// CHECK-LABEL: double nested_results_grad(
// CHECK: for (i = 0; i < n; ++i) {
// CHECK: exp_value = std::exp(x[i]);
// CHECK: tanh_value = std::tanh(exp_value);
// CHECK: s += x[i] * tanh_value;
// CHECK: // Reverse sweep.
// CHECK-NOT: std::exp(
// CHECK-NOT: std::tanh(
// CHECK: return result;

static void test_nested_results() {
  check::Case c("nested_results", Tol);
  const int n = 4;
  std::vector<double> x = real::random_vector(n, 0.2, 1.0, 61);
  std::vector<double> d1(n), d2(n);
  real::Ref want(n);
  double S = 0;
  for (int i = 0; i < n; ++i) {
    double u = std::exp(x[i]), t = std::tanh(u), sech2 = 1 - t * t;
    S += x[i] * t;
    d1[i] = t + x[i] * sech2 * u;
    d2[i] = 2 * sech2 * u + x[i] * sech2 * u * (1 - 2 * t * u);
  }
  want.f = std::log(S);
  for (int i = 0; i < n; ++i) {
    want.g[i] = d1[i] / S;
    for (int j = 0; j < n; ++j)
      want.h(i, j) = (i == j ? d2[i] / S : 0.0) - d1[i] * d1[j] / (S * S);
  }
  real::check_point(c, want, REAL_CALLS(nested_results, x.data(), n));
}

// Calls whose value only a comparison reads get no local of their own: its
// adjoint would be 0 times the call's partial, NaN where the partial is
// infinite (sqrt at 0, exp beyond overflow). At x = (0, 0) the norm is 0
// and r = x_0: grad (1, 0), H = 0. At x = (0.6, 0.8), |x| = 1: r = |x|,
// grad = x, H = I - x x^T.
HESSC_DIFF("x[2]")
double safe_norm(const double *x) {
  double q = x[0] * x[0] + x[1] * x[1];
  return std::sqrt(q) > 1e-8 ? std::sqrt(q) : x[0];
}
// The sqrt's derivative is taken only in the branch that returns it.
// CHECK-LABEL: double safe_norm_grad(
// CHECK: // Reverse sweep.
// CHECK-NOT: std::sqrt
// CHECK: if (sqrt_value > 1e-08) {
// CHECK-NEXT: q_adj = result_adj * (0.5 / std::sqrt(q));
// CHECK-NEXT: } else {

// exp(x_i) beyond the largest double is capped: at x = (800, 0.5),
// f = 1e300 + e^0.5, grad (0, e^0.5), H = diag(0, e^0.5).
HESSC_DIFF("x[n]")
double capped_exps(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(x[i]) < 1e300 ? std::exp(x[i]) : 1e300;
  return s;
}

static void test_comparisons_only() {
  check::Case c("comparisons_only", Tol);
  {
    double x[2] = {0.0, 0.0};
    real::Ref want(2);
    want.g[0] = 1;
    c.at("x=(0, 0)");
    real::check_point(c, want, REAL_CALLS(safe_norm, x));
  }
  {
    double x[2] = {0.6, 0.8};
    real::Ref want(2);
    want.f = 1;
    for (int a = 0; a < 2; ++a) {
      want.g[a] = x[a];
      for (int b = 0; b < 2; ++b)
        want.h(a, b) = (a == b ? 1.0 : 0.0) - x[a] * x[b];
    }
    c.at("x=(0.6, 0.8)");
    real::check_point(c, want, REAL_CALLS(safe_norm, x));
  }
  {
    std::vector<double> x = {800.0, 0.5};
    real::Ref want(2);
    want.f = 1e300 + std::exp(0.5);
    want.g[1] = want.h(1, 1) = std::exp(0.5);
    c.at("x=(800, 0.5)");
    real::check_point(c, want, REAL_CALLS(capped_exps, x.data(), 2));
  }
}

int main() {
  test_exp_squares();
  test_sqrt_weights();
  test_hidden_units();
  test_tanh_chain();
  test_quotients();
  test_ratio();
  test_nested_results();
  test_comparisons_only();
  return check::exit_code();
}
