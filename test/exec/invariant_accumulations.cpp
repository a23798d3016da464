// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror %s -o %t
// RUN: %t
// RUN: %hessc_cxx -fsyntax-only -fplugin-arg-hessc-dump %s 2>&1 | FileCheck %s
//
// An inner loop that only adds into the gradient sums the contributions to
// x_adj[i], whose index it does not change, in a local
// (InvariantAccumulations): also when its other accumulations reach the
// same element (j from i), and not for an index the loop changes; a
// guarded accumulation is added to its element only if it ran. Each against its value, gradient and Hessian
// derived by hand; f_hvp and the sparse Hessian by check::second_order.
// Tolerance 1e-12.

#include <hessc/hessc.h>

#include <cmath>
#include <vector>

#include "Inputs/real.h"

static const double Tol = 1e-12;

// j runs from i, so x_adj[j] is x_adj[i] once per row: both contributions
// must still arrive. f = sum_{i <= j} x_i x_j: grad_k = sum_j x_j + x_k,
// H_kl = 1 + [k = l].
HESSC_DIFF("x[n]")
double pairs_with_self(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    for (int j = i; j < n; ++j)
      s += x[i] * x[j];
  return s;
}
// CHECK-LABEL: double pairs_with_self_grad(
// CHECK: x_adj_sum = 0.0;
// CHECK: for (; j < n; ++j) {
// CHECK: x_adj_sum += s_adj * x[j];
// CHECK-NEXT: x_adj_added = true;
// CHECK-NEXT: x_adj[j] += s_adj * x[i];
// CHECK-NEXT: }
// CHECK-NEXT: if (x_adj_added) {
// CHECK-NEXT: x_adj[i] += x_adj_sum;
// The HVP inherits the sum, with its tangent.
// CHECK-LABEL: double pairs_with_self_hvp(
// CHECK: x_adj_sum_dot = 0.0;
// CHECK: x_adj_dot[i] += x_adj_sum_dot;

static void test_pairs_with_self() {
  check::Case c("pairs_with_self", Tol);
  const int n = 5;
  std::vector<double> x = real::random_vector(n, -1.5, 1.5, 51);
  real::Ref want(n);
  double total = 0;
  for (int i = 0; i < n; ++i) {
    total += x[i];
    for (int j = i; j < n; ++j)
      want.f += x[i] * x[j];
  }
  for (int k = 0; k < n; ++k) {
    want.g[k] = total + x[k];
    for (int l = 0; l < n; ++l)
      want.h(k, l) = k == l ? 2.0 : 1.0;
  }
  real::check_point(c, want, REAL_CALLS(pairs_with_self, x.data(), n));
}

// The inner loop's index changes with its counter: x_adj[j] stays as it is.
// f = sum_i sum_j w_j x_j^2 (rows times the same row sum), m rows:
// grad_k = 2 m w_k x_k, H = diag(2 m w_k).
HESSC_DIFF("x[n]")
double weighted_rows(const double *x, const double *w, int m, int n) {
  double s = 0;
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j)
      s += w[j] * x[j] * x[j];
  return s;
}
// CHECK-LABEL: double weighted_rows_grad(
// CHECK-NOT: x_adj_sum
// CHECK: return result;

static void test_weighted_rows() {
  check::Case c("weighted_rows", Tol);
  const int m = 3, n = 4;
  std::vector<double> x = real::random_vector(n, -1.5, 1.5, 52), w = real::random_vector(n, 0.5, 2.0, 53);
  real::Ref want(n);
  for (int k = 0; k < n; ++k) {
    want.f += m * w[k] * x[k] * x[k];
    want.g[k] = 2 * m * w[k] * x[k];
    want.h(k, k) = 2 * m * w[k];
  }
  real::check_point(c, want, REAL_CALLS(weighted_rows, x.data(), w.data(), m, n));
}

// The accumulation into x_adj[pivot] is guarded: with pivot = -1 it never
// happens, and the sum must not be added to x_adj[-1] after the loop (a
// flag says whether any iteration added into it). f = [pivot >= 0] x_p
// sum_i x_i: grad_k = x_p + [k = p] sum_i x_i, H_kl = [k = p] + [l = p].
HESSC_DIFF("x[n]")
double pivoted(const double *x, int n, int pivot) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    if (pivot >= 0)
      s += x[i] * x[pivot];
  return s;
}
// CHECK-LABEL: double pivoted_grad(
// CHECK: x_adj_added = false;
// CHECK: x_adj_sum += s_adj * x[i];
// CHECK-NEXT: x_adj_added = true;
// CHECK: if (x_adj_added) {
// CHECK-NEXT: x_adj[pivot] += x_adj_sum;

static void test_pivoted() {
  check::Case c("pivoted", Tol);
  const int n = 4;
  std::vector<double> x = real::random_vector(n, -1.5, 1.5, 54);
  for (int pivot : {-1, 1}) {
    real::Ref want(n);
    if (pivot >= 0) {
      double total = 0;
      for (double xi : x)
        total += xi;
      want.f = x[pivot] * total;
      for (int k = 0; k < n; ++k) {
        want.g[k] = x[pivot] + (k == pivot ? total : 0.0);
        for (int l = 0; l < n; ++l)
          want.h(k, l) = (k == pivot ? 1.0 : 0.0) + (l == pivot ? 1.0 : 0.0);
      }
    }
    c.at("pivot=%d", pivot);
    real::check_point(c, want, REAL_CALLS(pivoted, x.data(), n, pivot));
    // Nothing before the gradient is written: a -0.0 there stays -0.0
    // (adding a zero sum would make it +0.0).
    std::vector<double> buffer(n + 1, 0.0);
    buffer[0] = -0.0;
    pivoted_grad(x.data(), n, pivot, buffer.data() + 1);
    c.value(std::signbit(buffer[0]) ? 1.0 : 0.0, 1.0, "the element before grad untouched");
  }
}

int main() {
  test_pairs_with_self();
  test_weighted_rows();
  test_pivoted();
  return check::exit_code();
}
