// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror %s -o %t
// RUN: %t
// RUN: %hessc_cxx -fsyntax-only -fplugin-arg-hessc-dump %s 2>&1 | FileCheck %s
//
// Nested loops whose forward and reverse sweeps run in one pass (SweepFusion
// fuses the outer loop, then the inner one inside it), and nested loops
// where that would change the result: an inner loop whose adjoint needs the
// whole inner sum first, a value computed per outer iteration and read by
// the inner adjoint, an inner loop cut short by a break, a recurrence
// carried through both loops, and loop tests that read a saved value the
// adjoint half would change. Each against its value, gradient and Hessian derived
// by hand below; f_hvp and the sparse Hessian by check::second_order.
// Tolerance 1e-12, relative above 1.

#include <hessc/hessc.h>

#include <cmath>
#include <utility>
#include <vector>

#include "Inputs/real.h"

static const double Tol = 1e-12;

// A value set per outer iteration and read by every inner adjoint:
// f = sum_{i<j} x_i^2 x_j. grad_k = 2 x_k sum_{j>k} x_j + sum_{i<k} x_i^2;
// H_kk = 2 sum_{j>k} x_j, H_kl = 2 x_k for k < l.
HESSC_DIFF("x[n]")
double square_times_later(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double xi = x[i] * x[i];
    for (int j = i + 1; j < n; ++j)
      s += xi * x[j];
  }
  return s;
}
// The outer sweeps fuse; the inner adjoint adds into xi_adj, which the
// outer iteration reads after the inner loop, so the inner sweeps do not.
// CHECK-LABEL: double square_times_later_grad(
// CHECK: for (i = 0; i < n; ++i) {
// CHECK-NEXT: xi = x[i] * x[i];
// CHECK: for (; j < n; ++j) {
// CHECK: for (; [[COUNT:j_loop_iterations]] > 0; --[[COUNT]]) {
// CHECK: x_adj[i] += xi_adj * (2.0 * x[i]);
// CHECK-NEXT: xi_adj = 0.0;
// CHECK-NEXT: }
// CHECK-NEXT: result = s;

static void test_square_times_later() {
  check::Case c("square_times_later", Tol);
  for (int n : {1, 2, 7}) {
    std::vector<double> x = real::random_vector(n, -2.0, 2.0, 11);
    real::Ref want(n);
    for (int k = 0; k < n; ++k) {
      double later = 0, earlier = 0;
      for (int j = k + 1; j < n; ++j)
        later += x[j];
      for (int i = 0; i < k; ++i)
        earlier += x[i] * x[i];
      want.f += x[k] * x[k] * later;
      want.g[k] = 2 * x[k] * later + earlier;
      want.h(k, k) = 2 * later;
      for (int l = k + 1; l < n; ++l)
        want.h(k, l) = want.h(l, k) = 2 * x[k];
    }
    c.at("n=%d", n);
    real::check_point(c, want, REAL_CALLS(square_times_later, x.data(), n));
  }
}

// Pair terms, all pairs: both loops fuse, with no tape at all.
// f = sum_{i<j} (x_i - x_j)^4 / 4: grad_k = sum_{j != k} (x_k - x_j)^3;
// H_kk = 3 sum_{j != k} (x_k - x_j)^2, H_kl = -3 (x_k - x_l)^2.
HESSC_DIFF("x[n]")
double quartic_pairs(const double *x, int n) {
  double e = 0;
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) {
      double d = x[i] - x[j];
      e += 0.25 * d * d * d * d;
    }
  return e;
}
// CHECK-LABEL: double quartic_pairs_grad(
// CHECK-NOT: Tape
// CHECK: for (i = 0; i < n; ++i) {
// CHECK: for (; j < n; ++j) {
// CHECK-NEXT: d = x[i] - x[j];
// CHECK-NEXT: e += 0.25 * d * d * d * d;
// CHECK: x_adj_sum += d_adj;
// CHECK-NEXT: x_adj_added = true;
// CHECK-NEXT: x_adj[j] -= d_adj;
// CHECK-NEXT: }
// CHECK-NEXT: if (x_adj_added) {
// CHECK-NEXT: x_adj[i] += x_adj_sum;
// CHECK: return result;
// CHECK-LABEL: double quartic_pairs_hvp(
// CHECK-NOT: Tape

static void test_quartic_pairs() {
  check::Case c("quartic_pairs", Tol);
  for (int n : {2, 9}) {
    std::vector<double> x = real::random_vector(n, -1.5, 1.5, 12);
    real::Ref want(n);
    for (int k = 0; k < n; ++k)
      for (int l = 0; l < n; ++l) {
        if (l == k)
          continue;
        double d = x[k] - x[l];
        want.f += 0.125 * d * d * d * d; // each pair twice
        want.g[k] += d * d * d;
        want.h(k, k) += 3 * d * d;
        want.h(k, l) = -3 * d * d;
      }
    c.at("n=%d", n);
    real::check_point(c, want, REAL_CALLS(quartic_pairs, x.data(), n));
  }
}

// log of an inner sum per row: the row loop fuses (the inner loop's saves
// of the running sum m go: each row sets m before reading it), but the
// inner adjoint needs the row's whole sum, so the inner sweeps stay apart. f = sum_i log sum_j exp(w_ij x_j);
// with p_ij = exp(w_ij x_j) / sum_l exp(w_il x_l):
// grad_k = sum_i p_ik w_ik, H_kl = sum_i w_ik w_il (p_ik [k = l] - p_ik p_il).
HESSC_DIFF("x[n]")
double row_log_sum_exp(const double *x, const double *w, int rows, int n) {
  double s = 0;
  for (int i = 0; i < rows; ++i) {
    double m = 0;
    for (int j = 0; j < n; ++j)
      m += std::exp(w[i * n + j] * x[j]);
    s += std::log(m);
  }
  return s;
}
// The exponentials go on the tape in the inner loop and come back in its
// adjoint (CallResults), which therefore keeps counting down; those saves
// pair up within each row, so the row loop still fuses.
// CHECK-LABEL: double row_log_sum_exp_grad(
// CHECK: This loop's reverse sweep runs in it
// CHECK-NEXT: for (i = 0; i < rows; ++i) {
// CHECK-NOT: real_tape.push(m)
// CHECK: real_tape.push(exp_value);
// CHECK-NEXT: exp_value = std::exp(w[i * n + j] * x[j]);
// CHECK-NEXT: m += exp_value;
// CHECK: s += std::log(m);
// CHECK-NEXT: m_adj = s_adj * (1.0 / m);
// CHECK-NEXT: for (; j_loop_iterations > 0; --j_loop_iterations) {
// CHECK-NEXT: --j;
// CHECK-NEXT: exp_value_adj = m_adj;
// CHECK-NEXT: x_adj[j] += exp_value_adj * exp_value * w[i * n + j];
// CHECK-NEXT: exp_value = real_tape.pop();
// CHECK: return result;

static void test_row_log_sum_exp() {
  check::Case c("row_log_sum_exp", Tol);
  const int rows = 4, n = 5;
  std::vector<double> x = real::random_vector(n, -1.0, 1.0, 13), w = real::random_vector(rows * n, -2.0, 2.0, 14);
  real::Ref want(n);
  for (int i = 0; i < rows; ++i) {
    double m = 0;
    for (int j = 0; j < n; ++j)
      m += std::exp(w[i * n + j] * x[j]);
    want.f += std::log(m);
    std::vector<double> p(n);
    for (int j = 0; j < n; ++j)
      p[j] = std::exp(w[i * n + j] * x[j]) / m;
    for (int k = 0; k < n; ++k) {
      want.g[k] += p[k] * w[i * n + k];
      for (int l = 0; l < n; ++l)
        want.h(k, l) += w[i * n + k] * w[i * n + l] * ((k == l ? p[k] : 0.0) - p[k] * p[l]);
    }
  }
  c.at("rows=%d, n=%d", rows, n);
  real::check_point(c, want, REAL_CALLS(row_log_sum_exp, x.data(), w.data(), rows, n));
}

// The inner loop's last exponential is read by the next row before the
// inner loop sets it again (in a test, so that no adjoint is carried from
// row to row): the saves that the inner adjoint reads would leave an older
// exponential behind if they were paired within each row, so the row loop
// must not fuse.
// f = #{i >= 1 : exp(i x_{n-1}) > 3} + sum_i log sum_j exp((i+1) x_j).
// With p_ij = exp((i+1) x_j) / sum_l exp((i+1) x_l): grad_k = sum_i (i+1)
// p_ik and H_kl = sum_i (i+1)^2 (p_ik [k = l] - p_ik p_il).
HESSC_DIFF("x[n]")
double exp_carried(const double *x, int rows, int n) {
  double s = 0, e = 0;
  for (int i = 0; i < rows; ++i) {
    if (e > 3.0)
      s += 1.0;
    double m = 0;
    for (int j = 0; j < n; ++j) {
      e = std::exp((i + 1) * x[j]);
      m += e;
    }
    s += std::log(m);
  }
  return s;
}
// CHECK-LABEL: double exp_carried_grad(
// CHECK-NOT: This loop's reverse sweep runs in it
// CHECK: return result;

static void test_exp_carried() {
  check::Case c("exp_carried", Tol);
  const int rows = 3, n = 4;
  std::vector<double> x = real::random_vector(n, 0.5, 1.5, 15);
  real::Ref want(n);
  for (int i = 0; i < rows; ++i) {
    double m = 0;
    for (int j = 0; j < n; ++j)
      m += std::exp((i + 1) * x[j]);
    want.f += std::log(m);
    std::vector<double> p(n);
    for (int j = 0; j < n; ++j)
      p[j] = std::exp((i + 1) * x[j]) / m;
    for (int k = 0; k < n; ++k) {
      want.g[k] += (i + 1) * p[k];
      for (int l = 0; l < n; ++l)
        want.h(k, l) += (i + 1) * (i + 1) * ((k == l ? p[k] : 0.0) - p[k] * p[l]);
    }
    if (i >= 1 && std::exp(i * x[n - 1]) > 3.0)
      want.f += 1.0;
  }
  real::check_point(c, want, REAL_CALLS(exp_carried, x.data(), rows, n));
}

// The inner loop stops at the first x_j above 1: f = sum over i of x_i
// times the sum of x_j for i < j < stop_i, where stop_i is the first j > i
// with x_j > 1 (or n). grad and H from the pairs (i, j) counted.
HESSC_DIFF("x[n]")
double products_until_large(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) {
      if (x[j] > 1)
        break;
      s += x[i] * x[j];
    }
  return s;
}
// Both fuse; the break became a flag in the inner loop's condition.
// CHECK-LABEL: double products_until_large_grad(
// CHECK: for (; !stop && j < n; ++j) {
// CHECK-NEXT: branch = x[j] > 1.0;
// CHECK-NEXT: if (branch) {
// CHECK-NEXT: stop = true;
// CHECK-NEXT: } else {
// CHECK-NEXT: s += x[i] * x[j];
// CHECK-NEXT: x_adj_sum += s_adj * x[j];
// CHECK-NEXT: x_adj_added = true;
// CHECK-NEXT: x_adj[j] += s_adj * x[i];
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: if (x_adj_added) {
// CHECK-NEXT: x_adj[i] += x_adj_sum;
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: result = s;

static void test_products_until_large() {
  check::Case c("products_until_large", Tol);
  const int n = 9;
  for (int large : {-1, 3, 7}) {
    std::vector<double> x = real::random_vector(n, -1.0, 1.0, 15);
    if (large >= 0)
      x[large] = 1.5;
    real::Ref want(n);
    for (int i = 0; i < n; ++i)
      for (int j = i + 1; j < n && !(x[j] > 1); ++j) {
        want.f += x[i] * x[j];
        want.g[i] += x[j];
        want.g[j] += x[i];
        want.h(i, j) += 1;
        want.h(j, i) += 1;
      }
    c.at("n=%d, x[%d] large", n, large);
    real::check_point(c, want, REAL_CALLS(products_until_large, x.data(), n));
  }
}

// A recurrence through both loops: the adjoint of each step needs the
// steps after it, so nothing fuses. p = 1, then p <- p x_j + 1 for each
// (i, j) in order. The reference carries p's first and second derivatives
// through the same steps by the product rule (exact, no truncation).
HESSC_DIFF("x[n]")
double nested_recurrence(const double *x, int n, int rows) {
  double p = 1;
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < n; ++j)
      p = p * x[j] + 1;
  return p;
}
// CHECK-LABEL: double nested_recurrence_grad(
// CHECK: // Reverse sweep.

static void test_nested_recurrence() {
  check::Case c("nested_recurrence", Tol);
  const int n = 4, rows = 3;
  std::vector<double> x = real::random_vector(n, -1.2, 1.2, 16);
  // p, dp/dx_k and d2p/dx_k dx_l carried through the same steps by the
  // product rule: p' = p x_j + 1 gives g'_k = g_k x_j + p [k = j] and
  // H'_kl = H_kl x_j + g_k [l = j] + g_l [k = j].
  double p = 1;
  real::Ref want(n);
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < n; ++j) {
      real::Ref next(n);
      for (int k = 0; k < n; ++k) {
        next.g[k] = want.g[k] * x[j] + (k == j ? p : 0.0);
        for (int l = 0; l < n; ++l)
          next.h(k, l) = want.h(k, l) * x[j] + (l == j ? want.g[k] : 0.0) +
                         (k == j ? want.g[l] : 0.0);
      }
      p = p * x[j] + 1;
      want = next;
    }
  want.f = p;
  c.at("n=%d, rows=%d", n, rows);
  real::check_point(c, want, REAL_CALLS(nested_recurrence, x.data(), n, rows));
}

// The outer test reads the inner loop's counter, which the fused adjoint
// half would count back down before the test: the outer sweeps must stay
// apart. Pairs (i, j) for j = 2i, 2i + 1 while j < n: f = sum x_i x_j.
HESSC_DIFF("x[n]")
double pairs_by_counter(const double *x, int n) {
  double s = 0;
  int j = 0;
  for (int i = 0; j < n; ++i) {
    double xi = x[i];
    for (j = 2 * i; j < 2 * i + 2; ++j)
      s += xi * x[j];
  }
  return s;
}

// The same with one loop whose test reads a value each iteration saves:
// f = sum over even p of x_p x_{p+1}, p + 1 < n.
HESSC_DIFF("x[n]")
double pairs_by_position(const double *x, int n) {
  double s = 0;
  int p = 0;
  for (int i = 0; p + 1 < n; ++i) {
    p = 2 * i;
    s += x[p] * x[p + 1];
    p += 2;
  }
  return s;
}

/// The reference of sum x_i x_j over the given pairs.
static real::Ref pair_products(const std::vector<double> &x,
                               const std::vector<std::pair<int, int>> &pairs) {
  real::Ref want(int(x.size()));
  for (auto [i, j] : pairs) {
    want.f += x[i] * x[j];
    want.g[i] += x[j];
    want.g[j] += x[i];
    want.add_sym(i, j, i == j ? 2.0 : 1.0);
  }
  return want;
}

static void test_loop_tests_reading_saved_values() {
  check::Case c("pairs_by_counter", Tol);
  for (int n : {2, 4, 8}) {
    std::vector<double> x = real::random_vector(n, -1.5, 1.5, 17);
    std::vector<std::pair<int, int>> pairs;
    int j = 0;
    for (int i = 0; j < n; ++i)
      for (j = 2 * i; j < 2 * i + 2; ++j)
        pairs.push_back({i, j});
    c.at("n=%d", n);
    real::check_point(c, pair_products(x, pairs), REAL_CALLS(pairs_by_counter, x.data(), n));
  }
  check::Case d("pairs_by_position", Tol);
  for (int n : {2, 6, 7}) {
    std::vector<double> x = real::random_vector(n, -1.5, 1.5, 18);
    std::vector<std::pair<int, int>> pairs;
    for (int p = 0; p + 1 < n; p += 2)
      pairs.push_back({p, p + 1});
    d.at("n=%d", n);
    real::check_point(d, pair_products(x, pairs), REAL_CALLS(pairs_by_position, x.data(), n));
  }
}

int main() {
  test_square_times_later();
  test_quartic_pairs();
  test_row_log_sum_exp();
  test_exp_carried();
  test_products_until_large();
  test_nested_recurrence();
  test_loop_tests_reading_saved_values();
  return check::exit_code();
}
