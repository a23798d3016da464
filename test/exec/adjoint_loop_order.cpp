// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror %s -o %t
// RUN: %t
// RUN: %hessc_cxx -fsyntax-only -fplugin-arg-hessc-dump %s 2>&1 | FileCheck %s
//
// Adjoint loops whose iterations need nothing from each other run in the
// order of their forward loop (AdjointLoopOrder), and those where the order
// matters keep counting down: an adjoint chained through a running maximum,
// a temporary read after the loop, a product carried from one iteration to
// the next, a restore from the tape. Each against its value, gradient and Hessian derived by hand;
// f_hvp and the sparse Hessian by check::second_order. Tolerance 1e-12.

#include <hessc/hessc.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "Inputs/real.h"

static const double Tol = 1e-12;

// A mixture of unit Gaussians in d dimensions, written as the benchmark's
// is, with helpers: f(mu) = -sum_i log sum_c exp(-|X_i - mu_c|^2 / 2), mu
// k rows of d. With t_icj = X_ij - mu_cj and r_ic the softmax over c of
// -|t_ic|^2 / 2: grad_cj = -sum_i r_ic t_icj, and
// H_(cj)(el) = sum_i r_ic (d_ce d_jl - d_ce t_icj t_icl + r_ie t_icj t_iel).
static double half_sqdist(const double *x, const double *mu, int d) {
  double q = 0;
  for (int j = 0; j < d; ++j) {
    double t = x[j] - mu[j];
    q += t * t;
  }
  return 0.5 * q;
}

static double log_sum_exp(const double *a, int k) {
  double amax = a[0];
  for (int c = 1; c < k; ++c)
    amax = std::max(amax, a[c]);
  double s = 0;
  for (int c = 0; c < k; ++c)
    s += std::exp(a[c] - amax);
  return amax + std::log(s);
}

HESSC_DIFF("mu[k*d]")
double mixture_in_d(const double *mu, const double *X, int m, int k, int d) {
  std::vector<double> a(k);
  double f = 0;
  for (int i = 0; i < m; ++i) {
    for (int c = 0; c < k; ++c)
      a[c] = -half_sqdist(X + i * d, mu + c * d, d);
    f -= log_sum_exp(&a[0], k);
  }
  return f;
}
// The running maximum's adjoint carries amax_adj down the components: it
// keeps counting down.
// CHECK-LABEL: log_sum_exp_value_and_pullback(
// CHECK: for (; c_loop_iterations > 0; --c_loop_iterations) {
// CHECK-NEXT: --c;
// CHECK: return result;
// Each component's adjoint reads only its own a_adj[c] and adds into its own
// row of the gradient: the same header as the forward loop.
// CHECK-LABEL: double mixture_in_d_grad(
// CHECK: for (i = 0; i < m; ++i) {
// CHECK: // This loop's adjoint iterations need nothing from each other: they run in the forward order.
// CHECK-NEXT: for (c = 0; c < k; ++c) {
// CHECK-NEXT: half_sqdist_result_adj = -a_adj[c];
// CHECK-NEXT: a_adj[c] = 0.0;
// CHECK-NEXT: half_sqdist_pullback_wrt_mu(X + i * d, mu + c * d, d, half_sqdist_result_adj, mu_adj + c * d);
// CHECK-NEXT: }
// CHECK: return result;

static void test_mixture_in_d() {
  check::Case c("mixture_in_d", Tol);
  const int m = 4, k = 3, d = 2, n = k * d;
  std::vector<double> mu = real::random_vector(n, -1.0, 1.0, 41);
  std::vector<double> X = real::random_vector(m * d, -2.0, 2.0, 42);
  real::Ref want(n);
  for (int i = 0; i < m; ++i) {
    std::vector<double> t(n), r(k);
    double s = 0;
    for (int a = 0; a < k; ++a) {
      double q = 0;
      for (int j = 0; j < d; ++j) {
        t[a * d + j] = X[i * d + j] - mu[a * d + j];
        q += t[a * d + j] * t[a * d + j];
      }
      r[a] = std::exp(-0.5 * q);
      s += r[a];
    }
    want.f -= std::log(s);
    for (int a = 0; a < k; ++a)
      r[a] /= s;
    for (int a = 0; a < k; ++a)
      for (int j = 0; j < d; ++j) {
        want.g[a * d + j] -= r[a] * t[a * d + j];
        for (int e = 0; e < k; ++e)
          for (int l = 0; l < d; ++l) {
            double h = r[a] * r[e] * t[a * d + j] * t[e * d + l];
            if (a == e)
              h += r[a] * ((j == l ? 1.0 : 0.0) - t[a * d + j] * t[a * d + l]);
            want.h(a * d + j, e * d + l) += h;
          }
      }
  }
  c.at("m=%d, k=%d, d=%d", m, k, d);
  real::check_point(c, want, REAL_CALLS(mixture_in_d, mu.data(), X.data(), m, k, d));
}

// Neighbouring elements of a local array: the second loop fuses with its
// adjoint, which adds into a_adj[c] and a_adj[c - 1]; the first loop's
// adjoint restores a[c] from the tape as it goes, which ties it to the
// reverse order.
// f = sum_{c >= 1} x_c^2 x_{c-1}^2. grad_c = 2 x_c (x_{c-1}^2 + x_{c+1}^2),
// H_cc = 2 (x_{c-1}^2 + x_{c+1}^2), H_c,c+1 = 4 x_c x_{c+1} (terms that exist).
HESSC_DIFF("x[n]")
double neighbours(const double *x, int n) {
  std::vector<double> a(n);
  for (int c = 0; c < n; ++c)
    a[c] = x[c] * x[c];
  double s = 0;
  for (int c = 1; c < n; ++c)
    s += a[c] * a[c - 1];
  return s;
}
// CHECK-LABEL: double neighbours_grad(
// CHECK: for (; c_loop_iterations > 0; --c_loop_iterations) {
// CHECK-NEXT: --c;
// CHECK-NEXT: a[c] = real_tape.pop();
// CHECK: return result;

static void test_neighbours() {
  check::Case c("neighbours", Tol);
  const int n = 5;
  std::vector<double> x = real::random_vector(n, -1.5, 1.5, 43);
  real::Ref want(n);
  for (int a = 1; a < n; ++a)
    want.f += x[a] * x[a] * x[a - 1] * x[a - 1];
  for (int a = 0; a < n; ++a) {
    double around = (a > 0 ? x[a - 1] * x[a - 1] : 0.0) + (a + 1 < n ? x[a + 1] * x[a + 1] : 0.0);
    want.g[a] = 2 * x[a] * around;
    want.h(a, a) = 2 * around;
    if (a + 1 < n)
      want.add_sym(a, a + 1, 4 * x[a] * x[a + 1]);
  }
  real::check_point(c, want, REAL_CALLS(neighbours, x.data(), n));
}

// The last iteration's t is read after the loop, so the adjoint of that
// iteration alone starts with a nonzero t_adj: the order matters, though the
// adjoint uses no tape (t's derivative reads x[c], not t).
// f = sum_c x_c^2 + 3 x_{n-1}^2: grad_c = 2 x_c (1 + 3 [c = n-1]), H diagonal,
// 2 (1 + 3 [c = n-1]).
HESSC_DIFF("x[n]")
double last_term(const double *x, int n) {
  double s = 0, t = 0;
  for (int c = 0; c < n; ++c) {
    t = x[c] * x[c];
    s += t;
  }
  return s + 3 * t;
}
// CHECK-LABEL: double last_term_grad(
// CHECK-NOT: real_tape
// CHECK: for (; c_loop_iterations > 0; --c_loop_iterations) {
// CHECK-NEXT: --c;
// CHECK: return result;

static void test_last_term() {
  check::Case c("last_term", Tol);
  const int n = 4;
  std::vector<double> x = real::random_vector(n, -1.0, 1.0, 44);
  real::Ref want(n);
  for (int a = 0; a < n; ++a) {
    double w = a == n - 1 ? 4.0 : 1.0;
    want.f += w * x[a] * x[a];
    want.g[a] = 2 * w * x[a];
    want.h(a, a) = 2 * w;
  }
  real::check_point(c, want, REAL_CALLS(last_term, x.data(), n));
}

// A product carried from one iteration to the next: each adjoint needs the
// product of the iterations before it. f = prod_c x_c.
HESSC_DIFF("x[n]")
double product(const double *x, int n) {
  double p = 1;
  for (int c = 0; c < n; ++c)
    p = p * x[c];
  return p;
}
// CHECK-LABEL: double product_grad(
// CHECK-NOT: This loop's adjoint iterations need nothing
// CHECK: return result;

static void test_product() {
  check::Case c("product", Tol);
  const int n = 4;
  std::vector<double> x = real::random_vector(n, 0.5, 1.5, 45);
  real::Ref want(n);
  want.f = 1;
  for (int a = 0; a < n; ++a)
    want.f *= x[a];
  for (int a = 0; a < n; ++a) {
    want.g[a] = want.f / x[a];
    for (int b = 0; b < n; ++b)
      if (a != b)
        want.h(a, b) = want.f / (x[a] * x[b]);
  }
  real::check_point(c, want, REAL_CALLS(product, x.data(), n));
}

int main() {
  test_mixture_in_d();
  test_neighbours();
  test_last_term();
  test_product();
  return check::exit_code();
}
