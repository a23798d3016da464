// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror %s -o %t
// RUN: %t
// RUN: %hessc_cxx -fsyntax-only -fplugin-arg-hessc-dump %s 2>&1 | FileCheck %s
//
// Loops over samples that fill a local array per sample, then read it (a
// mixture's log-sum-exp, a network's hidden layer). The array is taped
// because every sample overwrites it; SweepFusion still fuses the sample
// loop when each iteration writes the whole array before reading any of
// it: each iteration's adjoint then finds in it the values its own forward
// half left, and leaves the array's adjoints at zero. Where an iteration
// reads what the previous one left, or fills only part of the array, the
// sweeps stay apart. Each against its value, gradient and Hessian derived
// by hand below; f_hvp and the sparse Hessian by check::second_order.
// Tolerance 1e-12, relative above 1.

#include <hessc/hessc.h>

#include <cmath>
#include <vector>

#include "Inputs/mixture.h"
#include "Inputs/real.h"

static const double Tol = 1e-12;

// A one-dimensional mixture of unit Gaussians with means mu (the reference
// derivatives are in Inputs/mixture.h).
HESSC_DIFF("mu[k]")
double mixture(const double *mu, const double *X, int m, int k) {
  std::vector<double> a(k);
  double f = 0;
  for (int i = 0; i < m; ++i) {
    for (int c = 0; c < k; ++c) {
      double t = X[i] - mu[c];
      a[c] = -0.5 * t * t;
    }
    double s = 0;
    for (int c = 0; c < k; ++c)
      s += std::exp(a[c]);
    f -= std::log(s);
  }
  return f;
}
// The sample loop fuses; a[c] is no longer taped.
// CHECK-LABEL: double mixture_grad(
// CHECK: This loop's reverse sweep runs in it
// CHECK-NEXT: for (i = 0; i < m; ++i) {
// CHECK-NOT: real_tape.push(a[c])
// CHECK: return result;

static void test_mixture() {
  check::Case c("mixture", Tol);
  for (int k : {1, 3}) {
    const int m = 5;
    std::vector<double> mu = real::random_vector(k, -1.0, 1.0, 31);
    std::vector<double> X = real::random_vector(m, -2.0, 2.0, 32);
    c.at("k=%d", k);
    real::check_point(c, mixture_reference(mu, X), REAL_CALLS(mixture, mu.data(), X.data(), m, k));
  }
}

// Each sample reads what the previous one left: a^(i) = a^(i-1) / 2 + w_i x,
// so a^(i)_c = beta_i x_c with beta_i = beta_(i-1) / 2 + w_i, and
// f = sum_i |a^(i)|^2 = B |x|^2, B = sum_i beta_i^2: grad 2 B x, H = 2 B I.
HESSC_DIFF("x[k]")
double carried(const double *x, const double *w, int m, int k) {
  std::vector<double> a(k);
  double f = 0;
  for (int i = 0; i < m; ++i) {
    for (int c = 0; c < k; ++c)
      a[c] = 0.5 * a[c] + w[i] * x[c];
    for (int c = 0; c < k; ++c)
      f += a[c] * a[c];
  }
  return f;
}
// CHECK-LABEL: double carried_grad(
// CHECK-NOT: This loop's reverse sweep runs in it
// CHECK: return result;

static void test_carried() {
  check::Case c("carried", Tol);
  for (int k : {1, 4}) {
    const int m = 4;
    std::vector<double> x = real::random_vector(k, -1.5, 1.5, 33);
    std::vector<double> w = real::random_vector(m, -1.0, 1.0, 34);
    double beta = 0, B = 0;
    for (int i = 0; i < m; ++i) {
      beta = 0.5 * beta + w[i];
      B += beta * beta;
    }
    real::Ref want(k);
    for (int a = 0; a < k; ++a) {
      want.f += B * x[a] * x[a];
      want.g[a] = 2 * B * x[a];
      want.h(a, a) = 2 * B;
    }
    c.at("k=%d", k);
    real::check_point(c, want, REAL_CALLS(carried, x.data(), w.data(), m, k));
  }
}

// The fill starts at 1: a[0] keeps the value the first line of each
// sample adds to it, so the sweeps stay apart. a^(i)_0 = x_0 W_i with
// W_i = w_1 + ... + w_i, a^(i)_c = w_i x_c^2 for c >= 1:
// f = sum_i (x_0^2 W_i + w_i sum_{c>=1} x_c^3).
HESSC_DIFF("x[k]")
double partial_fill(const double *x, const double *w, int m, int k) {
  std::vector<double> a(k);
  double f = 0;
  for (int i = 0; i < m; ++i) {
    a[0] += w[i] * x[0];
    for (int c = 1; c < k; ++c)
      a[c] = w[i] * x[c] * x[c];
    for (int c = 0; c < k; ++c)
      f += a[c] * x[c];
  }
  return f;
}
// CHECK-LABEL: double partial_fill_grad(
// CHECK-NOT: This loop's reverse sweep runs in it
// CHECK: return result;

static void test_partial_fill() {
  check::Case c("partial_fill", Tol);
  for (int k : {1, 3}) {
    const int m = 4;
    std::vector<double> x = real::random_vector(k, -1.5, 1.5, 35);
    std::vector<double> w = real::random_vector(m, -1.0, 1.0, 36);
    double SumW = 0, SumPartial = 0;
    for (int i = 0; i < m; ++i) {
      SumPartial += w[i];
      SumW += SumPartial;
    }
    double Total = SumPartial; // sum_i w_i
    real::Ref want(k);
    want.f = x[0] * x[0] * SumW;
    want.g[0] = 2 * x[0] * SumW;
    want.h(0, 0) = 2 * SumW;
    for (int a = 1; a < k; ++a) {
      want.f += Total * x[a] * x[a] * x[a];
      want.g[a] = 3 * Total * x[a] * x[a];
      want.h(a, a) = 6 * Total * x[a];
    }
    c.at("k=%d", k);
    real::check_point(c, want, REAL_CALLS(partial_fill, x.data(), w.data(), m, k));
  }
}

// A scalar the inner loop overwrites (and so tapes) and that every row
// carries on from the last: m = m / 2 + x_j, never reset. Its restores could
// go, but its adjoint carries from row to row, so the sweeps stay apart.
// With c_j = 2^-(n-1-j), L = sum_j c_j x_j and q = 2^-n, row i ends with
// m_i = L g_i, g_i = 1 + q + ... + q^(i-1): f = sum_i m_i^2 = G L^2 with
// G = sum_i g_i^2, grad_j = 2 G L c_j, H_jk = 2 G c_j c_k.
HESSC_DIFF("x[n]")
double carried_sum(const double *x, int rows, int n) {
  double m = 0, f = 0;
  for (int i = 0; i < rows; ++i) {
    for (int j = 0; j < n; ++j)
      m = 0.5 * m + x[j];
    f += m * m;
  }
  return f;
}
// CHECK-LABEL: double carried_sum_grad(
// CHECK-NOT: This loop's reverse sweep runs in it
// CHECK: return result;

static void test_carried_sum() {
  check::Case c("carried_sum", Tol);
  for (int n : {1, 4}) {
    const int rows = 3;
    std::vector<double> x = real::random_vector(n, -1.0, 1.0, 37), cj(n);
    double L = 0, q = std::pow(0.5, n), g = 0, G = 0;
    for (int j = 0; j < n; ++j) {
      cj[j] = std::pow(0.5, n - 1 - j);
      L += cj[j] * x[j];
    }
    for (int i = 0; i < rows; ++i) {
      g = g * q + 1;
      G += g * g;
    }
    real::Ref want(n);
    want.f = G * L * L;
    for (int j = 0; j < n; ++j) {
      want.g[j] = 2 * G * L * cj[j];
      for (int k = 0; k < n; ++k)
        want.h(j, k) = 2 * G * cj[j] * cj[k];
    }
    c.at("n=%d", n);
    real::check_point(c, want, REAL_CALLS(carried_sum, x.data(), rows, n));
  }
}

// The review cases (each fused wrongly before the rules that name them):
// a clamp that restores one element after the fill, in a branch. With
// a_c = X_i mu_c, clamped at 1 for c = 0: f = sum_i (a_0^2 + min(a_0, 1) +
// sum_{c>=1} a_c). Restores outside the restoring loop keep the sweeps apart.
HESSC_DIFF("mu[k]")
double clamped(const double *mu, const double *X, int m, int k) {
  std::vector<double> a(k);
  double f = 0;
  for (int i = 0; i < m; ++i) {
    for (int c = 0; c < k; ++c)
      a[c] = X[i] * mu[c];
    f += a[0] * a[0];
    if (a[0] > 1.0)
      a[0] = 1.0;
    for (int c = 0; c < k; ++c)
      f += a[c];
  }
  return f;
}
// CHECK-LABEL: double clamped_grad(
// CHECK-NOT: This loop's reverse sweep runs in it
// CHECK: return result;

static void test_clamped() {
  check::Case c("clamped", Tol);
  const int m = 4, k = 3;
  std::vector<double> mu = {0.9, -0.4, 1.3}, X = {0.5, 1.5, -1.0, 2.0};
  real::Ref want(k);
  for (int i = 0; i < m; ++i) {
    double a0 = X[i] * mu[0];
    want.f += a0 * a0 + std::fmin(a0, 1.0);
    want.g[0] += 2 * a0 * X[i] + (a0 > 1.0 ? 0.0 : X[i]);
    want.h(0, 0) += 2 * X[i] * X[i];
    for (int a = 1; a < k; ++a) {
      want.f += X[i] * mu[a];
      want.g[a] += X[i];
    }
  }
  c.at("m=%d", m);
  real::check_point(c, want, REAL_CALLS(clamped, mu.data(), X.data(), m, k));
}

// One element written again and again by a later loop: its restores do not
// step through distinct elements, so the sweeps stay apart.
// f = sum_{i<2} sum_c e^{x_c} x_c: grad (2 (1 + x_c) e^{x_c}),
// Hessian diagonal 2 (2 + x_c) e^{x_c}.
HESSC_DIFF("x[n]")
double rewritten(const double *x, int n) {
  double a[1];
  double f = 0;
  for (int i = 0; i < 2; ++i) {
    for (int c = 0; c < 1; ++c)
      a[c] = x[i];
    for (int c = 0; c < n; ++c) {
      a[0] = std::exp(x[c]);
      f += a[0] * x[c];
    }
  }
  return f;
}
// CHECK-LABEL: double rewritten_grad(
// CHECK-NOT: This loop's reverse sweep runs in it
// CHECK: return result;

static void test_rewritten() {
  check::Case c("rewritten", Tol);
  for (int n : {2, 4}) {
    std::vector<double> x = real::random_vector(n, -1.0, 1.0, 38);
    real::Ref want(n);
    for (int a = 0; a < n; ++a) {
      double e = std::exp(x[a]);
      want.f += 2 * e * x[a];
      want.g[a] = 2 * (1 + x[a]) * e;
      want.h(a, a) = 2 * (2 + x[a]) * e;
    }
    c.at("n=%d", n);
    real::check_point(c, want, REAL_CALLS(rewritten, x.data(), n));
  }
}

// The array's length parameter changes after the declaration: the fill
// `c < k` no longer covers it, and a[k] carries from one sample to the
// next. f = sum_i X_i a_k^(i), a_k^(i) = x_1 from i >= 1 (0 before):
// grad_1 = X_1 + ... + X_(m-1).
HESSC_DIFF("x")
double shrunk(const double x[2], const double *X, int m, int k) {
  std::vector<double> a(k);
  k = k - 1;
  double f = 0;
  for (int i = 0; i < m; ++i) {
    for (int c = 0; c < k; ++c)
      a[c] = x[0];
    f += X[i] * a[k];
    for (int c = 0; c < 1; ++c)
      a[k] = x[1];
  }
  return f;
}

static void test_shrunk() {
  check::Case c("shrunk", Tol);
  const int m = 4;
  std::vector<double> X = {0.5, -1.5, 2.0, 0.25};
  double x[2] = {0.7, -1.2};
  real::Ref want(2);
  for (int i = 1; i < m; ++i) {
    want.f += X[i] * x[1];
    want.g[1] += X[i];
  }
  c.at("m=%d", m);
  real::check_point(c, want, REAL_CALLS(shrunk, x, X.data(), m, 3));
}

// Local arrays declared inside the loop start from zeros in every
// iteration, as in C++ (hessc declares them once, at the top, and zeroes
// them again at the declaration). t_0 accumulates w_i x_0 in iteration i
// only: f = x_0^2 sum_i w_i^2 + sum_i (w_i x_1)^2 (the vector), so
// grad = 2 W (x_0, x_1), H = 2 W I with W = sum_i w_i^2.
HESSC_DIFF("x[n]")
double fresh_arrays(const double *x, const double *w, int m, int n) {
  double f = 0;
  for (int i = 0; i < m; ++i) {
    double t[2] = {};
    t[0] += w[i] * x[0];
    std::vector<double> u(n);
    u[1] += w[i] * x[1];
    f += t[0] * t[0] + u[1] * u[1];
  }
  return f;
}

static void test_fresh_arrays() {
  check::Case c("fresh_arrays", Tol);
  const int m = 3, n = 2;
  std::vector<double> x = {0.8, -1.1}, w = {0.5, -2.0, 1.5};
  double W = 0;
  for (double wi : w)
    W += wi * wi;
  real::Ref want(n);
  want.f = W * (x[0] * x[0] + x[1] * x[1]);
  for (int a = 0; a < n; ++a) {
    want.g[a] = 2 * W * x[a];
    want.h(a, a) = 2 * W;
  }
  c.at("m=%d", m);
  real::check_point(c, want, REAL_CALLS(fresh_arrays, x.data(), w.data(), m, n));
}

int main() {
  test_mixture();
  test_carried();
  test_partial_fill();
  test_carried_sum();
  test_clamped();
  test_rewritten();
  test_shrunk();
  test_fresh_arrays();
  return check::exit_code();
}
