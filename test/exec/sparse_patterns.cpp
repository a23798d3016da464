// f_hessian_sparsity finds exactly the structurally nonzero entries of
// functions whose Hessian structure is known by hand: banded (chained
// Rosenbrock: tridiagonal; Broyden tridiagonal: pentadiagonal, its Hessian
// being Jᵀ J + Σ r_i ∇²r_i with a tridiagonal J), block-diagonal (extended
// Rosenbrock, and 3x3 blocks through a helper function), arrow-head, dense
// (log-sum-exp), empty (linear). The colour counts are the optimum of a star
// colouring for those shapes (3, 5, 2, 2, N; test/unit/SparsityTest.cpp
// finds the optima by exhaustive search), f_hessian_sparse equals f_hessian
// entry by entry (to 1e-14 relative: the two sum in different orders), and
// the values of the banded ones equal Hessians derived by hand, and
// the dense Hessian is exactly zero outside the pattern, and DependsOnPoint
// is set exactly when a condition reads the independents.
//
// Where control flow depends on x the pattern is that of the path taken at
// x; a branch of fmax/fmin is chosen by a zero adjoint rather than by the
// control flow, so the pattern also holds the other argument's curvature
// (smooth_max below: the diagonal too). That is the documented safe side.
// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror %s -o %t
// RUN: %t | FileCheck %s
// RUN: %t | FileCheck %s --check-prefix=VALUES
// RUN: %hessc_cxx -fsyntax-only -fplugin-arg-hessc-dump %s 2>&1 | FileCheck %s --check-prefix=GEN
#include <hessc/hessc.h>

#include <cmath>
#include <cstdio>
#include <set>
#include <utility>
#include <vector>

// GEN-LABEL: static double chained_hvp_sparsity(const double *x, int n, const hessc::IndexSet* v, hessc::IndexSet* hv) {
// GEN: hessc::IndexSet t_dot;
// GEN: t_dot = x_dot[i + 1] - 2.0 * x[i] * x_dot[i];
// GEN-LABEL: double chained_hessian_sparsity(const double *x, int n, hessc::SparsityPattern& pattern) {
// GEN-NEXT: return hessc::hessianSparsity<double>(n, /*DependsOnPoint=*/false, pattern,
// GEN-LABEL: double chained_hessian_sparse(const double *x, int n, const hessc::HessianColoring& coloring, double* values) {
// GEN-NEXT: return hessc::sparseHessian<8>(
HESSC_DIFF("x[n]")
double chained(const double *x, int n) {
  double s = 0;
  for (int i = 0; i + 1 < n; ++i) {
    double t = x[i + 1] - x[i] * x[i];
    s += 100 * t * t + (1 - x[i]) * (1 - x[i]);
  }
  return s;
}

HESSC_DIFF("x[n]")
double extended(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i += 2) {
    double t1 = x[i + 1] - x[i] * x[i];
    double t2 = 1 - x[i];
    s += 100 * t1 * t1 + t2 * t2;
  }
  return s;
}

HESSC_DIFF("x[n]")
double broyden(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double left = i > 0 ? x[i - 1] : 0.0;
    double right = i + 1 < n ? x[i + 1] : 0.0;
    double r = (3 - 2 * x[i]) * x[i] - left - 2 * right + 1;
    s += r * r;
  }
  return s;
}

static double triple(double a, double b, double c) { return a * b * c + a * a; }

// triple's Hessian: (a,a) = 2, (b,a) = c, (c,a) = b, (c,b) = a; (b,b) and
// (c,c) are structurally zero. The index-set tangent of its pullback (the
// variant that also returns its value: PullbackMerging) leaves the adjoints
// themselves alone (OutputPruning): only their sets are read, and the
// adjoints are not even parameters.
// GEN-LABEL: static double triple_value_and_pullback_dot_sparsity_wrt_a_b_c_a_adj_b_adj_c_adj_without_a_adj_b_adj_c_adj_result_dot(double a, double b, double c, double seed, hessc::IndexSet a_dot, hessc::IndexSet b_dot, hessc::IndexSet c_dot, hessc::IndexSet& a_adj_dot, hessc::IndexSet& b_adj_dot, hessc::IndexSet& c_adj_dot) {
HESSC_DIFF("x[n]")
double blocks(const double *x, int n) {
  double s = 0;
  for (int k = 0; k + 2 < n; k += 3)
    s += triple(x[k], x[k + 1], x[k + 2]);
  return s;
}

HESSC_DIFF("x[n]")
double arrow(const double *x, int n) {
  double s = 0;
  for (int i = 1; i < n; ++i)
    s += std::sin(x[0] * x[i]) + x[i] * x[i];
  return s;
}

HESSC_DIFF("x[n]")
double logsumexp(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(x[i]);
  return std::log(s);
}

HESSC_DIFF("x[n]")
double linear(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += (i + 1) * x[i];
  return s;
}

// GEN-LABEL: double kinked_hessian_sparsity(
// GEN: /*DependsOnPoint=*/true
HESSC_DIFF("x[n]")
double kinked(const double *x, int n) {
  double s = 0;
  for (int i = 0; i + 1 < n; ++i) {
    if (x[i] > 0)
      s += x[i] * x[i + 1];
    else
      s += x[i] * x[i];
  }
  return s;
}

// GEN-LABEL: double smooth_max_hessian_sparsity(
// GEN: /*DependsOnPoint=*/true
HESSC_DIFF("x[n]")
double smooth_max(const double *x, int n) {
  double s = 0;
  for (int i = 0; i + 1 < n; ++i)
    s += std::fmax(x[i] * x[i + 1], 0.5 * x[i] * x[i]);
  return s;
}

using Entry = std::pair<int, int>;
using Pattern = std::set<Entry>; // (row, column), row >= column

static int failures = 0;

static Pattern patternOf(const hessc::SparsityPattern &P) {
  Pattern Out;
  for (int j = 0; j < P.Dimension; ++j)
    for (int k = P.ColumnStarts[j]; k < P.ColumnStarts[j + 1]; ++k)
      Out.insert({P.RowIndices[k], j});
  return Out;
}

static Pattern band(int n, int width) {
  Pattern Out;
  for (int i = 0; i < n; ++i)
    for (int j = i - width; j <= i; ++j)
      if (j >= 0)
        Out.insert({i, j});
  return Out;
}

static Pattern blockDiagonal(int n, int size) {
  Pattern Out;
  for (int i = 0; i < n; ++i)
    for (int j = i - i % size; j <= i; ++j)
      Out.insert({i, j});
  return Out;
}

/// Compares the pattern at x with Want, the colour count with WantColors and
/// f_hessian_sparse with f_hessian; prints one line.
template <typename SparsityFn, typename SparseFn, typename DenseFn>
static void check(const char *Name, const std::vector<double> &x, const Pattern &Want,
                  int WantColors, bool WantDependsOnPoint, SparsityFn Sparsity,
                  SparseFn Sparse, DenseFn Dense) {
  int n = static_cast<int>(x.size());
  hessc::SparsityPattern P;
  Sparsity(x.data(), n, P);
  Pattern Got = patternOf(P);
  hessc::HessianColoring C(P);
  std::vector<double> Values(P.nonZeros()), H(static_cast<size_t>(n) * n);
  Sparse(x.data(), n, C, Values.data());
  Dense(x.data(), n, H.data());
  double MaxError = 0;
  for (int j = 0; j < n; ++j)
    for (int k = P.ColumnStarts[j]; k < P.ColumnStarts[j + 1]; ++k) {
      double Want = H[P.RowIndices[k] * n + j];
      MaxError = std::fmax(MaxError, std::fabs(Values[k] - Want) /
                                         std::fmax(1.0, std::fabs(Want)));
    }
  // Outside the pattern the dense Hessian must be exactly zero.
  for (int i = 0; i < n; ++i)
    for (int j = 0; j <= i; ++j)
      if (!Got.count({i, j}) && H[i * n + j] != 0.0)
        MaxError = INFINITY;
  bool Ok = Got == Want && C.colors() == WantColors &&
            P.DependsOnPoint == WantDependsOnPoint && MaxError <= 1e-14;
  failures += !Ok;
  std::printf("%s n=%d: %s (nonzeros %zu, want %zu; colours %d, want %d; depends on "
              "point %d; max |sparse - dense| %g)\n",
              Name, n, Ok ? "ok" : "FAILED", Got.size(), Want.size(), C.colors(),
              WantColors, P.DependsOnPoint, MaxError);
}

/// Compares f_hessian_sparse with the Hessian derived by hand, Want(i, j)
/// for i >= j, entry by entry (1e-12 relative), on the pattern's entries.
template <typename SparsityFn, typename SparseFn, typename WantFn>
static void checkValues(const char *Name, const std::vector<double> &x, SparsityFn Sparsity,
                        SparseFn Sparse, WantFn Want) {
  int n = static_cast<int>(x.size());
  hessc::SparsityPattern P;
  Sparsity(x.data(), n, P);
  hessc::HessianColoring C(P);
  std::vector<double> Values(P.nonZeros());
  Sparse(x.data(), n, C, Values.data());
  double MaxError = 0;
  for (int j = 0; j < n; ++j)
    for (int k = P.ColumnStarts[j]; k < P.ColumnStarts[j + 1]; ++k) {
      double W = Want(P.RowIndices[k], j);
      MaxError = std::fmax(MaxError, std::fabs(Values[k] - W) / std::fmax(1.0, std::fabs(W)));
    }
  bool Ok = MaxError <= 1e-12;
  failures += !Ok;
  std::printf("%s n=%d values against the hand-derived Hessian: %s (max error %g)\n", Name, n,
              Ok ? "ok" : "FAILED", MaxError);
}

#define CHECK_PATTERN(fn, x, want, colors, depends)                            \
  check(#fn, x, want, colors, depends, fn##_hessian_sparsity,                  \
        fn##_hessian_sparse, fn##_hessian)

int main() {
  for (int n : {12, 30, 60}) {
    std::vector<double> x(n);
    for (int i = 0; i < n; ++i)
      x[i] = 0.3 + 0.05 * i;
    CHECK_PATTERN(chained, x, band(n, 1), 3, false);
    // Chained Rosenbrock: H_ii = [i < n-1](1200 x_i^2 - 400 x_{i+1} + 2)
    // + [i > 0] 200, H_{i+1,i} = -400 x_i.
    checkValues("chained", x, chained_hessian_sparsity, chained_hessian_sparse,
                [&](int i, int j) {
                  if (i == j + 1)
                    return -400 * x[j];
                  if (i != j)
                    return 0.0;
                  double d = i > 0 ? 200.0 : 0.0;
                  if (i + 1 < n)
                    d += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
                  return d;
                });
    CHECK_PATTERN(extended, x, blockDiagonal(n, 2), 2, false);
    // Extended Rosenbrock, pair (a, b) = (x_i, x_{i+1}), i even:
    // [[1200 a^2 - 400 b + 2, -400 a], [-400 a, 200]].
    checkValues("extended", x, extended_hessian_sparsity, extended_hessian_sparse,
                [&](int i, int j) {
                  if (j % 2 == 1)
                    return i == j ? 200.0 : 0.0;
                  if (i == j)
                    return 1200 * x[j] * x[j] - 400 * x[j + 1] + 2;
                  return i == j + 1 ? -400 * x[j] : 0.0;
                });
    CHECK_PATTERN(broyden, x, band(n, 2), 5, false);
    // Broyden tridiagonal, r_i = (3 - 2 x_i) x_i - x_{i-1} - 2 x_{i+1} + 1,
    // H = 2 (J^T J + diag(-4 r)): H_jj = 2 ((3 - 4 x_j)^2 + [j > 0] 4
    // + [j < n-1] 1 - 4 r_j), H_{j+1,j} = 2 (-2 (3 - 4 x_j) - (3 - 4 x_{j+1})),
    // H_{j+2,j} = 4.
    checkValues("broyden", x, broyden_hessian_sparsity, broyden_hessian_sparse,
                [&](int i, int j) {
                  auto at = [&](int k) { return k >= 0 && k < n ? x[k] : 0.0; };
                  double d = 3 - 4 * x[j];
                  if (i == j) {
                    double r = (3 - 2 * x[j]) * x[j] - at(j - 1) - 2 * at(j + 1) + 1;
                    return 2 * (d * d + (j > 0 ? 4.0 : 0.0) + (j + 1 < n ? 1.0 : 0.0) - 4 * r);
                  }
                  if (i == j + 1)
                    return 2 * (-2 * d - (3 - 4 * x[j + 1]));
                  return i == j + 2 ? 4.0 : 0.0;
                });
    Pattern Blocks;
    for (int k = 0; k + 2 < n; k += 3)
      Blocks.insert({{k, k}, {k + 1, k}, {k + 2, k}, {k + 2, k + 1}});
    CHECK_PATTERN(blocks, x, Blocks, 3, false);
    Pattern Arrow;
    for (int i = 0; i < n; ++i)
      Arrow.insert({i, 0}), Arrow.insert({i, i});
    CHECK_PATTERN(arrow, x, Arrow, 2, false);
    CHECK_PATTERN(logsumexp, x, band(n, n), n, false);
    CHECK_PATTERN(linear, x, Pattern(), 0, false);
    // kinked: (i+1, i) where x_i > 0, (i, i) where x_i <= 0. With every
    // third x_i negative the graph is paths of at most three vertices,
    // which two colours star-colour.
    std::vector<double> y = x;
    Pattern Kinked;
    for (int i = 0; i + 1 < n; ++i) {
      if (i % 3 == 1)
        y[i] = -y[i];
      Kinked.insert(y[i] > 0 ? Entry{i + 1, i} : Entry{i, i});
    }
    CHECK_PATTERN(kinked, y, Kinked, 2, true);
    // smooth_max takes x_i x_{i+1} (its Hessian: (i+1, i)) where that is
    // the larger, as everywhere at x; the pattern adds the curvature of
    // 0.5 x_i² on (i, i), multiplied by a zero adjoint at x.
    Pattern Max;
    for (int i = 0; i + 1 < n; ++i)
      Max.insert({{i + 1, i}, {i, i}});
    CHECK_PATTERN(smooth_max, x, Max, 3, true);
  }
  return failures ? 1 : 0;
}
// CHECK-COUNT-27: {{^[a-z_]+ n=[0-9]+: ok}}
// CHECK-NOT: FAILED
// VALUES-COUNT-9: values against the hand-derived Hessian: ok
