// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror %s -o %t
// RUN: %t
// RUN: %hessc_cxx -fsyntax-only -fplugin-arg-hessc-dump %s 2>&1 | FileCheck %s
//
// Where an adjoint is provably still zero, its first accumulation becomes a
// store, and a gradient that one loop writes in full is not zeroed first
// (FirstWrites). These functions sit on either side of every condition of
// that proof: a loop that covers every slot of the gradient once per
// iteration, and loops that leave slots unwritten (a stride that skips
// entries, a branch, an early exit, a shorter range, a bound that changes
// after the zeroing), or write one slot
// from two iterations, or carry a scalar adjoint from one iteration to the
// next, and a zeroing loop the user wrote, whose counter is read after it.
// Outputs are filled with NaN before each call (check.h), so a slot
// that the generated code no longer zeroes and no longer writes shows.
//
// Every value, gradient and Hessian is derived by hand below (piecewise
// polynomials); f_hvp and the sparse Hessian are checked against the same
// Hessians by check::second_order. Tolerance 1e-12, relative above 1.

#include <hessc/hessc.h>

#include <cmath>
#include <vector>

#include "Inputs/real.h"

static const double Tol = 1e-12;

//===----------------------------------------------------------------------===//
// One loop writes every slot: no zeroing pass, stores
//===----------------------------------------------------------------------===//

// Pairs (x[i], x[i+1]) with i += 2: each iteration writes slots i and i + 1,
// and the iterations together cover [0, n).
// f = sum over pairs of a b^2 (a = x[i], b = x[i+1]);
// grad: (b^2, 2ab); Hessian blocks [[0, 2b], [2b, 2a]].
HESSC_DIFF("x[n]")
double pair_products(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i += 2)
    s += x[i] * x[i + 1] * x[i + 1];
  return s;
}
// CHECK-LABEL: double pair_products_grad(const double *x, int n, double* grad) {
// CHECK-NOT: x_adj[{{.*}}] = 0.0;
// CHECK: s_adj = result_adj;
// CHECK: for (i = 0; i < n; i += 2) {
// CHECK-NEXT: s += x[i] * x[i + 1] * x[i + 1];
// CHECK-NEXT: partial = s_adj * x[i + 1];
// CHECK-NEXT: x_adj[i] = partial * x[i + 1];
// CHECK-NEXT: x_adj[i + 1] = partial * x[i];
// CHECK-NEXT: x_adj[i + 1] += s_adj * (x[i] * x[i + 1]);
// CHECK-NEXT: }
// CHECK-LABEL: double pair_products_hvp(
// CHECK-NOT: x_adj_dot[{{.*}}] = 0.0;
// CHECK: for (i = 0; i < n; i += 2) {
// CHECK: x_adj_dot[i] = {{.*}};
// CHECK: x_adj_dot[i + 1] = {{.*}};
// CHECK: x_adj_dot[i + 1] += {{.*}};

static void test_pair_products() {
  check::Case c("pair_products", Tol);
  for (int n : {2, 8, 20}) {
    for (unsigned seed : {1u, 2u}) {
      std::vector<double> x = real::random_vector(n, -2.0, 2.0, seed);
      real::Ref want(n);
      for (int i = 0; i < n; i += 2) {
        double a = x[i], b = x[i + 1];
        want.f += a * b * b;
        want.g[i] = b * b;
        want.g[i + 1] = 2 * a * b;
        want.h(i, i + 1) = want.h(i + 1, i) = 2 * b;
        want.h(i + 1, i + 1) = 2 * a;
      }
      c.at("n=%d, seed %u", n, seed);
      real::check_point(c, want, REAL_CALLS(pair_products, x.data(), n));
    }
  }
}

// Two array independents written by one loop: both zeroing passes go.
// f = sum x_i^2 y_i; grad_x = 2 x y, grad_y = x^2;
// Hessian: (x_i, x_i) = 2 y_i, (x_i, y_i) = 2 x_i, (y_i, y_i) = 0.
HESSC_DIFF("x[n], y[n]")
double weighted_squares(const double *x, const double *y, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i] * y[i];
  return s;
}
// CHECK-LABEL: double weighted_squares_grad(
// CHECK-NOT: _adj[{{.*}}] = 0.0;
// CHECK: for (i = 0; i < n; ++i) {
// CHECK-DAG: x_adj[i] = {{.*}};
// CHECK-DAG: y_adj[i] = {{.*}};
// CHECK: }

static void test_weighted_squares() {
  check::Case c("weighted_squares", Tol);
  for (int n : {1, 5, 16}) {
    std::vector<double> x = real::random_vector(n, -2.0, 2.0, 3), y = real::random_vector(n, -1.0, 3.0, 4);
    std::vector<double> xy(x);
    xy.insert(xy.end(), y.begin(), y.end());
    real::Ref want(2 * n);
    for (int i = 0; i < n; ++i) {
      want.f += x[i] * x[i] * y[i];
      want.g[i] = 2 * x[i] * y[i];
      want.g[n + i] = x[i] * x[i];
      want.h(i, i) = 2 * y[i];
      want.h(i, n + i) = want.h(n + i, i) = 2 * x[i];
    }
    c.at("n=%d", n);
    real::check_point(c, want, REAL_CALLS(weighted_squares, x.data(), y.data(), n));
  }
}

//===----------------------------------------------------------------------===//
// Slots left unwritten or written twice: the zeroing pass stays
//===----------------------------------------------------------------------===//

// i += 2 writing slot i only: the odd slots' gradient is the zero that the
// zeroing pass wrote. f = sum over even i of x_i^3;
// grad 3 x_i^2 at even i, 0 at odd; Hessian diagonal 6 x_i at even i.
HESSC_DIFF("x[n]")
double even_cubes(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i += 2)
    s += x[i] * x[i] * x[i];
  return s;
}
// CHECK-LABEL: double even_cubes_grad(
// CHECK: x_adj[[[Z:i_[0-9]+]]] = 0.0;
// CHECK: for (i = 0; i < n; i += 2) {
// CHECK: x_adj[i] += {{.*}};

static void test_even_cubes() {
  check::Case c("even_cubes", Tol);
  for (int n : {1, 6, 7}) {
    std::vector<double> x = real::random_vector(n, -2.0, 2.0, 5);
    real::Ref want(n);
    for (int i = 0; i < n; i += 2) {
      want.f += x[i] * x[i] * x[i];
      want.g[i] = 3 * x[i] * x[i];
      want.h(i, i) = 6 * x[i];
    }
    c.at("n=%d", n);
    real::check_point(c, want, REAL_CALLS(even_cubes, x.data(), n));
  }
}

// Slot i is written only where x_i > 0. f = sum over x_i > 0 of x_i^3.
HESSC_DIFF("x[n]")
double positive_cubes(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    if (x[i] > 0)
      s += x[i] * x[i] * x[i];
  return s;
}
// CHECK-LABEL: double positive_cubes_grad(
// CHECK: x_adj[[[Z:i_[0-9]+]]] = 0.0;

static void test_positive_cubes() {
  check::Case c("positive_cubes", Tol);
  for (int n : {4, 9}) {
    std::vector<double> x = real::random_vector(n, -2.0, 2.0, 6);
    real::Ref want(n);
    int positive = 0;
    for (int i = 0; i < n; ++i)
      if (x[i] > 0) {
        ++positive;
        want.f += x[i] * x[i] * x[i];
        want.g[i] = 3 * x[i] * x[i];
        want.h(i, i) = 6 * x[i];
      }
    c.at("n=%d", n);
    c.expect(positive > 0 && positive < n, "both signs among the x_i");
    real::check_point(c, want, REAL_CALLS(positive_cubes, x.data(), n));
  }
}

// The loop stops at the first pair whose first element exceeds 1: the
// slots after it keep the zeros. f = sum of x_i x_{i+1} over the pairs
// before that; grad (x_{i+1}, x_i); Hessian blocks [[0, 1], [1, 0]].
HESSC_DIFF("x[n]")
double pairs_until_large(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i += 2) {
    if (x[i] > 1)
      break;
    s += x[i] * x[i + 1];
  }
  return s;
}
// CHECK-LABEL: double pairs_until_large_grad(
// CHECK: x_adj[[[Z:i_[0-9]+]]] = 0.0;

static void test_pairs_until_large() {
  check::Case c("pairs_until_large", Tol);
  const int n = 10;
  for (int stop : {0, 6, 10}) {
    std::vector<double> x = real::random_vector(n, -1.0, 1.0, 7);
    if (stop < n)
      x[stop] = 1.5;
    real::Ref want(n);
    for (int i = 0; i < stop; i += 2) {
      want.f += x[i] * x[i + 1];
      want.g[i] = x[i + 1];
      want.g[i + 1] = x[i];
      want.h(i, i + 1) = want.h(i + 1, i) = 1;
    }
    c.at("n=%d, stopping at %d", n, stop);
    real::check_point(c, want, REAL_CALLS(pairs_until_large, x.data(), n));
  }
}

// A loop over the first m < n entries: the rest keep the zeros.
// f = (sum_{i<m} x_i^2) x_{n-1} with m <= n - 1: grad_i = 2 x_i x_{n-1}
// (i < m), grad_{n-1} = sum_{i<m} x_i^2; Hessian (i, i) = 2 x_{n-1},
// (i, n-1) = 2 x_i.
HESSC_DIFF("x[n]")
double prefix_squares(const double *x, int n, int m) {
  double s = 0;
  for (int i = 0; i < m; ++i)
    s += x[i] * x[i];
  return s * x[n - 1];
}
// CHECK-LABEL: double prefix_squares_grad(
// CHECK: x_adj[[[Z:i_[0-9]+]]] = 0.0;

static void test_prefix_squares() {
  check::Case c("prefix_squares", Tol);
  const int n = 8;
  for (int m : {0, 3, 7}) {
    std::vector<double> x = real::random_vector(n, -2.0, 2.0, 8);
    real::Ref want(n);
    double sum = 0;
    for (int i = 0; i < m; ++i) {
      sum += x[i] * x[i];
      want.g[i] = 2 * x[i] * x[n - 1];
      want.h(i, i) = 2 * x[n - 1];
      want.h(i, n - 1) = want.h(n - 1, i) = 2 * x[i];
    }
    want.f = sum * x[n - 1];
    want.g[n - 1] = sum;
    c.at("n=%d, m=%d", n, m);
    real::check_point(c, want, REAL_CALLS(prefix_squares, x.data(), n, m));
  }
}

// The bound changes between the zeroing and the loop: the loop covers all
// but the last slot, which keeps its zero. f = sum_{i < n-1} x_i^2.
HESSC_DIFF("x[n]")
double all_but_last(const double *x, int n) {
  double s = 0;
  n = n - 1;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i];
  return s;
}
// CHECK-LABEL: double all_but_last_grad(
// CHECK: x_adj[[[Z:i_[0-9]+]]] = 0.0;

static void test_all_but_last() {
  check::Case c("all_but_last", Tol);
  for (int n : {1, 5}) {
    std::vector<double> x = real::random_vector(n, -2.0, 2.0, 10);
    real::Ref want(n);
    for (int i = 0; i + 1 < n; ++i) {
      want.f += x[i] * x[i];
      want.g[i] = 2 * x[i];
      want.h(i, i) = 2;
    }
    c.at("n=%d", n);
    real::check_point(c, want, REAL_CALLS(all_but_last, x.data(), n));
  }
}

// Slot i + 1 is written by iteration i and again by iteration i + 1 (as
// its slot i): the gradient must accumulate. f = sum_{i<n-1} x_i^2 x_{i+1}.
// grad_i = 2 x_i x_{i+1} + x_{i-1}^2; Hessian (i, i) = 2 x_{i+1},
// (i, i+1) = 2 x_i.
HESSC_DIFF("x[n]")
double chained_products(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n - 1; ++i)
    s += x[i] * x[i] * x[i + 1];
  return s;
}
// CHECK-LABEL: double chained_products_grad(
// CHECK: x_adj[[[Z:i_[0-9]+]]] = 0.0;
// CHECK: x_adj[i + 1] += {{.*}};

static void test_chained_products() {
  check::Case c("chained_products", Tol);
  for (int n : {2, 9}) {
    std::vector<double> x = real::random_vector(n, -2.0, 2.0, 9);
    real::Ref want(n);
    for (int i = 0; i + 1 < n; ++i) {
      want.f += x[i] * x[i] * x[i + 1];
      want.g[i] += 2 * x[i] * x[i + 1];
      want.g[i + 1] += x[i] * x[i];
      want.h(i, i) += 2 * x[i + 1];
      want.h(i, i + 1) += 2 * x[i];
      want.h(i + 1, i) += 2 * x[i];
    }
    c.at("n=%d", n);
    real::check_point(c, want, REAL_CALLS(chained_products, x.data(), n));
  }
}

// A zeroing loop the user wrote, whose counter is read afterwards: not
// hessc's, so it stays, in h's tangent too (f_hvp and f_hessian call it).
// f = sum w_i^2 x_i + x_{n-1}: grad w_i^2 (+ 1 for the last), Hessian 0.
static double user_fill(const double *x, const double *w, int n) {
  std::vector<double> c(n);
  int k;
  for (k = 0; k < n; ++k)
    c[k] = 0.0;
  for (int i = 0; i < n; ++i)
    c[i] += w[i] * w[i];
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += c[i] * x[i];
  return s + x[k - 1];
}
HESSC_DIFF("x[n]")
double user_zeroing(const double *x, const double *w, int n) { return user_fill(x, w, n); }

static void test_user_zeroing() {
  check::Case c("user_zeroing", Tol);
  for (int n : {1, 6}) {
    std::vector<double> x = real::random_vector(n, -2.0, 2.0, 19);
    std::vector<double> w = real::random_vector(n, -1.0, 1.0, 20);
    real::Ref want(n);
    for (int i = 0; i < n; ++i) {
      want.f += w[i] * w[i] * x[i];
      want.g[i] = w[i] * w[i];
    }
    want.f += x[n - 1];
    want.g[n - 1] += 1;
    c.at("n=%d", n);
    real::check_point(c, want, REAL_CALLS(user_zeroing, x.data(), w.data(), n));
  }
}

//===----------------------------------------------------------------------===//
// Scalars
//===----------------------------------------------------------------------===//

// t's adjoint comes from the sum (the reverse sweep meets it first: a
// store), then from one branch or the other (each still adds).
// a > 0: f = (ab)^2 + ab, grad (2ab^2 + b, 2a^2 b + a),
//        H [[2b^2, 4ab + 1], [4ab + 1, 2a^2]];
// else:  f = 2ab, grad (2b, 2a), H [[0, 2], [2, 0]].
HESSC_DIFF()
double branch_then_sum(double a, double b) {
  double t = a * b;
  double u = 0;
  if (a > 0)
    u = t * t;
  else
    u = t;
  return u + t;
}
// CHECK-LABEL: double branch_then_sum_grad(
// CHECK: // Reverse sweep.
// CHECK-NEXT: result_adj = 1.0;
// CHECK-NEXT: u_adj = result_adj;
// CHECK-NEXT: t_adj = result_adj;
// CHECK-NEXT: if (branch) {
// CHECK-NEXT: t_adj += u_adj * (2.0 * t);
// CHECK-NEXT: } else {
// CHECK-NEXT: t_adj += u_adj;
// CHECK-NEXT: }
// CHECK-NEXT: a_adj = t_adj * b;
// CHECK-NEXT: b_adj = t_adj * a;

static void test_branch_then_sum() {
  check::Case c("branch_then_sum", Tol);
  const double pts[][2] = {{1.5, -0.75}, {0.5, 2.0}, {-1.25, 0.5}, {-0.5, -3.0}};
  for (const auto &p : pts) {
    double a = p[0], b = p[1];
    real::Ref want(2);
    if (a > 0) {
      want.f = a * b * a * b + a * b;
      want.g = {2 * a * b * b + b, 2 * a * a * b + a};
      want.H = {2 * b * b, 4 * a * b + 1, 4 * a * b + 1, 2 * a * a};
    } else {
      want.f = 2 * a * b;
      want.g = {2 * b, 2 * a};
      want.H = {0, 2, 2, 0};
    }
    c.at({a, b});
    real::check_point(c, want, REAL_CALLS(branch_then_sum, a, b));
  }
}

// The adjoint of the scalar x collects a contribution in every reverse
// iteration: it is zero before the first only.
// f = 1 + x + ... + x^n (Horner): grad sum k x^(k-1), Hessian
// sum k (k-1) x^(k-2).
HESSC_DIFF("x")
double power_sum(double x, int n) {
  double p = 1;
  for (int k = 0; k < n; ++k)
    p = p * x + 1;
  return p;
}
// CHECK-LABEL: double power_sum_grad(
// CHECK: for (; [[COUNT:k_loop_iterations]] > 0; --[[COUNT]]) {
// CHECK: p_adj_prev = p_adj;
// CHECK-NEXT: p_adj = p_adj_prev * x;
// CHECK-NEXT: x_adj += p_adj_prev * p;

static void test_power_sum() {
  check::Case c("power_sum", Tol);
  for (int n : {0, 1, 5}) {
    for (double x : {-1.5, 0.5, 1.25}) {
      real::Ref want(1);
      for (int k = 0; k <= n; ++k)
        want.f += std::pow(x, k);
      for (int k = 1; k <= n; ++k)
        want.g[0] += k * std::pow(x, k - 1);
      for (int k = 2; k <= n; ++k)
        want.H[0] += k * (k - 1) * std::pow(x, k - 2);
      c.at("x=%g, n=%d", x, n);
      real::check_point(c, want, REAL_CALLS(power_sum, x, n));
    }
  }
}

int main() {
  test_pair_products();
  test_weighted_squares();
  test_even_cubes();
  test_positive_cubes();
  test_pairs_until_large();
  test_prefix_squares();
  test_all_but_last();
  test_user_zeroing();
  test_chained_products();
  test_branch_then_sum();
  test_power_sum();
  return check::exit_code();
}
