// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror %s -o %t
// RUN: %t
//
// The variable-dimension problems of Moré, Garbow and Hillstrom, "Testing
// Unconstrained Optimization Software", ACM TOMS 7(1), 1981, numbers 28 to
// 35 (20 to 27 are in mgh_variable_a.cpp), each written from the paper's
// definition f = sum_i f_i(x)^2 as a user would write it (loops over x[n],
// running sums and products, branches at the ends of a band, a band loop that
// skips entries with continue), and checked against references derived by hand
// (see Inputs/mgh.h): each residual f_i with its first and second partial
// derivatives written out below, summed into f, its gradient 2 sum f_i grad f_i
// and its Hessian 2 sum (grad f_i grad f_i' + f_i Hess f_i). At several n per
// problem:
//  - f_grad, f_hessian and f_hvp (several directions, check::second_order)
//    at the standard starting point x0, at 10 x0 (where it differs), at
//    random points near x0 and at the minimisers;
//  - at the same points, the sparse Hessian (f_hessian_sparsity's pattern
//    and its star colouring, f_hessian_sparse's values) against f_hessian's
//    matrix;
//  - f(x0) against its value worked out by hand where it is simple;
//  - at the minimisers the paper gives (exactly, or as f* with Newton's
//    method, see mgh::minimise): f against the published f* to its digits,
//    the reference gradient zero and (where it is) the Hessian positive
//    definite.
//
// Tolerance 1e-10, relative above 1 and absolute below, each entry relative
// to the sum of the magnitudes of its terms: the references evaluate the
// exact derivatives in double, in another order than the generated code, and
// at 10 x0 several problems reach f ~ 1e10 (Penalty I, Brown almost-linear)
// with gradients that are sums of terms far larger than the result.

#include <hessc/hessc.h>

#include <cmath>
#include <string>
#include <vector>

#include "Inputs/check.h"
#include "Inputs/mgh.h"

static const double Tol = 1e-10;

static check::Rng rng(0x4d474857ULL);

/// "n=10, " for the labels.
static std::string dim(int n) { return "n=" + std::to_string(n) + ", "; }

//===----------------------------------------------------------------------===//
// 28. Discrete boundary value, m = n
//   f_i = 2 x_i - x_{i-1} - x_{i+1} + h^2 (x_i + t_i + 1)^3 / 2,
//   h = 1 / (n + 1), t_i = i h, x_0 = x_{n+1} = 0
//   x0 = (t_j (t_j - 1)); f* = 0
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double discrete_boundary_value(const double *x, int n) {
  double h = 1.0 / (n + 1);
  double f = 0.0;
  for (int i = 0; i < n; ++i) {
    double t = (i + 1) * h;
    double left = i > 0 ? x[i - 1] : 0.0;
    double right = i < n - 1 ? x[i + 1] : 0.0;
    double u = x[i] + t + 1.0;
    double fi = 2.0 * x[i] - left - right + h * h * u * u * u / 2.0;
    f += fi * fi;
  }
  return f;
}

static void discrete_boundary_value_ref(const double *x, int n,
                                        mgh::Reference &r) {
  double h = 1.0 / (n + 1);
  mgh::Residual f(n);
  for (int i = 0; i < n; ++i) {
    double u = x[i] + (i + 1) * h + 1.0;
    double left = i > 0 ? x[i - 1] : 0.0, right = i < n - 1 ? x[i + 1] : 0.0;
    f.reset(2.0 * x[i] - left - right + h * h * u * u * u / 2.0);
    f.D[i] = 2.0 + 1.5 * h * h * u * u;
    if (i > 0)
      f.D[i - 1] = -1.0;
    if (i < n - 1)
      f.D[i + 1] = -1.0;
    f.dd(i, i, 3.0 * h * h * u);
    r.add_square(f);
  }
}

static std::vector<double> discrete_x0(int n) {
  std::vector<double> x0(n);
  double h = 1.0 / (n + 1);
  for (int j = 0; j < n; ++j) {
    double t = (j + 1) * h;
    x0[j] = t * (t - 1.0);
  }
  return x0;
}

static void test_discrete_boundary_value() {
  check::Case c("MGH 28 Discrete boundary value (n=1, 2, 10, 50)", Tol);
  for (int n : {1, 2, 10, 50}) {
    mgh::Problem p{n, MGH_GENERATED(discrete_boundary_value, n),
                   [n](const double *x, mgh::Reference &r) {
                     discrete_boundary_value_ref(x, n, r);
                   }};
    mgh::standard_points(c, p, discrete_x0(n), rng, dim(n));
    mgh::newton_minimum(c, p, discrete_x0(n), 0.0, 0, dim(n));
  }
}

//===----------------------------------------------------------------------===//
// 29. Discrete integral equation, m = n
//   f_i = x_i + h [(1 - t_i) sum_{j<=i} t_j (x_j + t_j + 1)^3
//                  + t_i sum_{j>i} (1 - t_j) (x_j + t_j + 1)^3] / 2
//   h = 1 / (n + 1), t_i = i h; x0 = (t_j (t_j - 1)); f* = 0
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double discrete_integral_equation(const double *x, int n) {
  double h = 1.0 / (n + 1);
  double f = 0.0;
  for (int i = 1; i <= n; ++i) {
    double ti = i * h;
    double below = 0.0, above = 0.0;
    for (int j = 1; j <= i; ++j) {
      double tj = j * h;
      double u = x[j - 1] + tj + 1.0;
      below += tj * u * u * u;
    }
    for (int j = i + 1; j <= n; ++j) {
      double tj = j * h;
      double u = x[j - 1] + tj + 1.0;
      above += (1.0 - tj) * u * u * u;
    }
    double fi = x[i - 1] + h * ((1.0 - ti) * below + ti * above) / 2.0;
    f += fi * fi;
  }
  return f;
}

/// With c_ij = (1 - t_i) t_j for j <= i and t_i (1 - t_j) for j > i, and
/// u_j = x_j + t_j + 1: df_i/dx_j = [i = j] + 3 h c_ij u_j^2 / 2,
/// d2f_i/dx_j^2 = 3 h c_ij u_j.
static void discrete_integral_equation_ref(const double *x, int n,
                                           mgh::Reference &r) {
  double h = 1.0 / (n + 1);
  mgh::Residual f(n);
  for (int i = 1; i <= n; ++i) {
    double ti = i * h, sum = 0.0;
    std::vector<double> cu(n); // c_ij u_j
    for (int j = 1; j <= n; ++j) {
      double tj = j * h, u = x[j - 1] + tj + 1.0;
      double cij = j <= i ? (1.0 - ti) * tj : ti * (1.0 - tj);
      sum += cij * u * u * u;
      cu[j - 1] = cij * u;
    }
    f.reset(x[i - 1] + h * sum / 2.0);
    for (int j = 1; j <= n; ++j) {
      double u = x[j - 1] + j * h + 1.0;
      f.D[j - 1] = (j == i ? 1.0 : 0.0) + 1.5 * h * cu[j - 1] * u;
      f.dd(j - 1, j - 1, 3.0 * h * cu[j - 1]);
    }
    r.add_square(f);
  }
}

static void test_discrete_integral_equation() {
  check::Case c("MGH 29 Discrete integral equation (n=1, 2, 10, 30)", Tol);
  for (int n : {1, 2, 10, 30}) {
    mgh::Problem p{n, MGH_GENERATED(discrete_integral_equation, n),
                   [n](const double *x, mgh::Reference &r) {
                     discrete_integral_equation_ref(x, n, r);
                   }};
    mgh::standard_points(c, p, discrete_x0(n), rng, dim(n));
    mgh::newton_minimum(c, p, discrete_x0(n), 0.0, 0, dim(n));
  }
}

//===----------------------------------------------------------------------===//
// 30. Broyden tridiagonal, m = n
//   f_i = (3 - 2 x_i) x_i - x_{i-1} - 2 x_{i+1} + 1, x_0 = x_{n+1} = 0
//   x0 = (-1, ..., -1); f* = 0
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double broyden_tridiagonal(const double *x, int n) {
  double f = 0.0;
  for (int i = 0; i < n; ++i) {
    double fi = (3.0 - 2.0 * x[i]) * x[i] + 1.0;
    if (i > 0)
      fi -= x[i - 1];
    if (i < n - 1)
      fi -= 2.0 * x[i + 1];
    f += fi * fi;
  }
  return f;
}

static void broyden_tridiagonal_ref(const double *x, int n, mgh::Reference &r) {
  mgh::Residual f(n);
  for (int i = 0; i < n; ++i) {
    double left = i > 0 ? x[i - 1] : 0.0, right = i < n - 1 ? x[i + 1] : 0.0;
    f.reset((3.0 - 2.0 * x[i]) * x[i] - left - 2.0 * right + 1.0);
    f.D[i] = 3.0 - 4.0 * x[i];
    if (i > 0)
      f.D[i - 1] = -1.0;
    if (i < n - 1)
      f.D[i + 1] = -2.0;
    f.dd(i, i, -4.0);
    r.add_square(f);
  }
}

static void test_broyden_tridiagonal() {
  check::Case c("MGH 30 Broyden tridiagonal (n=1, 2, 10, 50)", Tol);
  for (int n : {1, 2, 10, 50}) {
    mgh::Problem p{n, MGH_GENERATED(broyden_tridiagonal, n),
                   [n](const double *x, mgh::Reference &r) {
                     broyden_tridiagonal_ref(x, n, r);
                   }};
    std::vector<double> x0(n, -1.0);
    mgh::standard_points(c, p, x0, rng, dim(n));
    // f_i = -5 + 1 + 1 + 2 = -1 inside, -2 at the first, -3 at the last one.
    if (n >= 2)
      mgh::by_hand(c, broyden_tridiagonal(x0.data(), n), 4.0 + 9.0 + (n - 2),
                   dim(n) + "f(x0)");
    mgh::newton_minimum(c, p, x0, 0.0, 0, dim(n));
  }
}

//===----------------------------------------------------------------------===//
// 31. Broyden banded, m = n
//   f_i = x_i (2 + 5 x_i^2) + 1 - sum_{j in J_i} x_j (1 + x_j),
//   J_i = {j : j != i, max(1, i - 5) <= j <= min(n, i + 1)}
//   x0 = (-1, ..., -1); f* = 0
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double broyden_banded(const double *x, int n) {
  const int lower = 5, upper = 1;
  double f = 0.0;
  for (int i = 0; i < n; ++i) {
    double fi = x[i] * (2.0 + 5.0 * x[i] * x[i]) + 1.0;
    for (int j = i - lower; j <= i + upper; ++j) {
      if (j < 0 || j >= n || j == i)
        continue;
      fi -= x[j] * (1.0 + x[j]);
    }
    f += fi * fi;
  }
  return f;
}

static void broyden_banded_ref(const double *x, int n, mgh::Reference &r) {
  mgh::Residual f(n);
  for (int i = 0; i < n; ++i) {
    double v = x[i] * (2.0 + 5.0 * x[i] * x[i]) + 1.0;
    for (int j = 0; j < n; ++j)
      if (j != i && j >= i - 5 && j <= i + 1)
        v -= x[j] * (1.0 + x[j]);
    f.reset(v);
    f.D[i] = 2.0 + 15.0 * x[i] * x[i];
    f.dd(i, i, 30.0 * x[i]);
    for (int j = 0; j < n; ++j)
      if (j != i && j >= i - 5 && j <= i + 1) {
        f.D[j] = -(1.0 + 2.0 * x[j]);
        f.dd(j, j, -2.0);
      }
    r.add_square(f);
  }
}

static void test_broyden_banded() {
  check::Case c("MGH 31 Broyden banded (n=1, 2, 10, 50)", Tol);
  for (int n : {1, 2, 10, 50}) {
    mgh::Problem p{n, MGH_GENERATED(broyden_banded, n),
                   [n](const double *x, mgh::Reference &r) {
                     broyden_banded_ref(x, n, r);
                   }};
    std::vector<double> x0(n, -1.0);
    mgh::standard_points(c, p, x0, rng, dim(n));
    // x_j (1 + x_j) = 0 at x_j = -1: every f_i = -7 + 1.
    mgh::by_hand(c, broyden_banded(x0.data(), n), 36.0 * n, dim(n) + "f(x0)");
    mgh::newton_minimum(c, p, x0, 0.0, 0, dim(n));
  }
}

//===----------------------------------------------------------------------===//
// 32. Linear function - full rank, m >= n
//   f_i = x_i - (2/m) sum_j x_j - 1, 1 <= i <= n
//   f_i = -(2/m) sum_j x_j - 1, n < i <= m
//   x0 = (1, ..., 1); f* = m - n at (-1, ..., -1)
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double linear_full_rank(const double *x, int n, int m) {
  double sum = 0.0;
  for (int j = 0; j < n; ++j)
    sum += x[j];
  double f = 0.0;
  for (int i = 0; i < m; ++i) {
    double fi = -2.0 * sum / m - 1.0;
    if (i < n)
      fi += x[i];
    f += fi * fi;
  }
  return f;
}

static void linear_full_rank_ref(const double *x, int n, int m,
                                 mgh::Reference &r) {
  double sum = 0.0;
  for (int j = 0; j < n; ++j)
    sum += x[j];
  mgh::Residual f(n);
  for (int i = 0; i < m; ++i) {
    f.reset((i < n ? x[i] : 0.0) - 2.0 * sum / m - 1.0);
    for (int j = 0; j < n; ++j)
      f.D[j] = (j == i ? 1.0 : 0.0) - 2.0 / m;
    r.add_square(f);
  }
}

static void test_linear_full_rank() {
  check::Case c("MGH 32 Linear function, full rank (n=1, 5, 30; m=n..2n)", Tol);
  const int dims[][2] = {{1, 1}, {5, 5}, {5, 12}, {30, 45}};
  for (const auto &d : dims) {
    int n = d[0], m = d[1];
    mgh::Problem p{n, MGH_GENERATED(linear_full_rank, n, m),
                   [n, m](const double *x, mgh::Reference &r) {
                     linear_full_rank_ref(x, n, m, r);
                   }};
    std::string pre = dim(n) + "m=" + std::to_string(m) + ", ";
    std::vector<double> x0(n, 1.0);
    mgh::standard_points(c, p, x0, rng, pre);
    // f_i = 1 - 2n/m - 1 (i <= n), -2n/m - 1 (i > n).
    double a = -2.0 * n / m, b = -2.0 * n / m - 1.0;
    mgh::by_hand(c, linear_full_rank(x0.data(), n, m),
                 n * a * a + (m - n) * b * b, pre + "f(x0)");
    mgh::exact_minimum(c, p, std::vector<double>(n, -1.0), m - n, true, pre);
  }
}

//===----------------------------------------------------------------------===//
// 33. Linear function - rank 1, m >= n
//   f_i = i (sum_j j x_j) - 1; x0 = (1, ..., 1)
//   f* = m (m - 1) / (2 (2m + 1)) wherever sum_j j x_j = 3 / (2m + 1)
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double linear_rank1(const double *x, int n, int m) {
  double s = 0.0;
  for (int j = 1; j <= n; ++j)
    s += j * x[j - 1];
  double f = 0.0;
  for (int i = 1; i <= m; ++i) {
    double fi = i * s - 1.0;
    f += fi * fi;
  }
  return f;
}

static void linear_rank1_ref(const double *x, int n, int m, mgh::Reference &r) {
  double s = 0.0;
  for (int j = 1; j <= n; ++j)
    s += j * x[j - 1];
  mgh::Residual f(n);
  for (int i = 1; i <= m; ++i) {
    f.reset(i * s - 1.0);
    for (int j = 1; j <= n; ++j)
      f.D[j - 1] = double(i) * j;
    r.add_square(f);
  }
}

static void test_linear_rank1() {
  check::Case c("MGH 33 Linear function, rank 1 (n=1, 5, 20; m=n..2n)", Tol);
  const int dims[][2] = {{1, 1}, {5, 5}, {5, 10}, {20, 30}};
  for (const auto &d : dims) {
    int n = d[0], m = d[1];
    mgh::Problem p{n, MGH_GENERATED(linear_rank1, n, m),
                   [n, m](const double *x, mgh::Reference &r) {
                     linear_rank1_ref(x, n, m, r);
                   }};
    std::string pre = dim(n) + "m=" + std::to_string(m) + ", ";
    mgh::standard_points(c, p, std::vector<double>(n, 1.0), rng, pre);
    // A minimiser: x_1 = 3 / (2m + 1), the rest 0. The Hessian has rank 1.
    std::vector<double> xs(n, 0.0);
    xs[0] = 3.0 / (2 * m + 1);
    mgh::exact_minimum(c, p, xs, m * (m - 1.0) / (2.0 * (2 * m + 1)), n == 1,
                       pre);
  }
}

//===----------------------------------------------------------------------===//
// 34. Linear function - rank 1 with zero columns and rows, m >= n
//   f_1 = -1, f_m = -1, f_i = (i - 1) (sum_{j=2..n-1} j x_j) - 1, 2 <= i < m
//   x0 = (1, ..., 1); f* = (m^2 + 3m - 6) / (2 (2m - 3)) wherever
//   sum_{j=2..n-1} j x_j = 3 / (2m - 3)
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double linear_rank1_zero(const double *x, int n, int m) {
  double s = 0.0;
  for (int j = 2; j <= n - 1; ++j)
    s += j * x[j - 1];
  double f = 2.0; // f_1 = f_m = -1
  for (int i = 2; i <= m - 1; ++i) {
    double fi = (i - 1) * s - 1.0;
    f += fi * fi;
  }
  return f;
}

static void linear_rank1_zero_ref(const double *x, int n, int m,
                                  mgh::Reference &r) {
  double s = 0.0;
  for (int j = 2; j <= n - 1; ++j)
    s += j * x[j - 1];
  mgh::Residual f(n);
  f.reset(-1.0);
  r.add_square(f);
  r.add_square(f);
  for (int i = 2; i <= m - 1; ++i) {
    f.reset((i - 1) * s - 1.0);
    for (int j = 2; j <= n - 1; ++j)
      f.D[j - 1] = double(i - 1) * j;
    r.add_square(f);
  }
}

static void test_linear_rank1_zero() {
  check::Case c(
      "MGH 34 Linear function, rank 1 with zero columns and rows (n=3, 5, "
      "20; m=n..2n)",
      Tol);
  const int dims[][2] = {{3, 3}, {5, 5}, {5, 10}, {20, 30}};
  for (const auto &d : dims) {
    int n = d[0], m = d[1];
    mgh::Problem p{n, MGH_GENERATED(linear_rank1_zero, n, m),
                   [n, m](const double *x, mgh::Reference &r) {
                     linear_rank1_zero_ref(x, n, m, r);
                   }};
    std::string pre = dim(n) + "m=" + std::to_string(m) + ", ";
    mgh::standard_points(c, p, std::vector<double>(n, 1.0), rng, pre);
    // A minimiser: x_2 = 3 / (2 (2m - 3)), the rest 0. Singular Hessian.
    std::vector<double> xs(n, 0.0);
    xs[1] = 3.0 / (2.0 * (2 * m - 3));
    mgh::exact_minimum(c, p, xs, (m * m + 3.0 * m - 6.0) / (2.0 * (2 * m - 3)),
                       false, pre);
  }
}

//===----------------------------------------------------------------------===//
// 35. Chebyquad, m >= n (here m = n)
//   f_i = (1/n) sum_j T_i(x_j) - integral_0^1 T_i, T_i the Chebyshev
//   polynomial shifted to [0, 1]; the integral is 0 for odd i and
//   -1 / (i^2 - 1) for even i
//   x0 = (j / (n + 1)); f* = 0 (n = 1..7, 9), 3.51687e-3 (n = 8),
//   6.50395e-3 (n = 10)
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double chebyquad(const double *x, int n, int m) {
  double f = 0.0;
  for (int i = 1; i <= m; ++i) {
    double sum = 0.0;
    for (int j = 0; j < n; ++j) {
      double y = 2.0 * x[j] - 1.0;
      double t0 = 1.0, t1 = y; // T_{k-1}, T_k
      for (int k = 2; k <= i; ++k) {
        double t2 = 2.0 * y * t1 - t0;
        t0 = t1;
        t1 = t2;
      }
      sum += t1;
    }
    double fi = sum / n;
    if (i % 2 == 0)
      fi += 1.0 / (i * i - 1.0);
    f += fi * fi;
  }
  return f;
}

/// C_i(y), C_i'(y), C_i''(y) by the recurrences C_{k+1} = 2y C_k - C_{k-1},
/// C'_{k+1} = 2 C_k + 2y C'_k - C'_{k-1}, C''_{k+1} = 4 C'_k + 2y C''_k -
/// C''_{k-1}; T_i(x) = C_i(2x - 1), so dT_i/dx = 2 C_i', d2T_i/dx2 = 4 C_i''.
static void chebyshev(int i, double y, double &c, double &dc, double &ddc) {
  double c0 = 1.0, d0 = 0.0, e0 = 0.0; // C_0 and its derivatives
  double c1 = y, d1 = 1.0, e1 = 0.0;   // C_1
  if (i == 0) {
    c = c0, dc = d0, ddc = e0;
    return;
  }
  for (int k = 1; k < i; ++k) {
    double c2 = 2.0 * y * c1 - c0;
    double d2 = 2.0 * c1 + 2.0 * y * d1 - d0;
    double e2 = 4.0 * d1 + 2.0 * y * e1 - e0;
    c0 = c1, d0 = d1, e0 = e1;
    c1 = c2, d1 = d2, e1 = e2;
  }
  c = c1, dc = d1, ddc = e1;
}

static void chebyquad_ref(const double *x, int n, int m, mgh::Reference &r) {
  mgh::Residual f(n);
  for (int i = 1; i <= m; ++i) {
    double sum = 0.0;
    std::vector<double> d(n), dd(n);
    for (int j = 0; j < n; ++j) {
      double c, dc, ddc;
      chebyshev(i, 2.0 * x[j] - 1.0, c, dc, ddc);
      sum += c;
      d[j] = 2.0 * dc / n;
      dd[j] = 4.0 * ddc / n;
    }
    f.reset(sum / n + (i % 2 == 0 ? 1.0 / (i * i - 1.0) : 0.0));
    for (int j = 0; j < n; ++j) {
      f.D[j] = d[j];
      f.dd(j, j, dd[j]);
    }
    r.add_square(f);
  }
}

static void test_chebyquad() {
  check::Case c("MGH 35 Chebyquad (n=m=1..10, 20)", Tol);
  for (int n = 1; n <= 10; ++n) {
    mgh::Problem p{
        n, MGH_GENERATED(chebyquad, n, n),
        [n](const double *x, mgh::Reference &r) { chebyquad_ref(x, n, n, r); }};
    std::vector<double> x0(n);
    for (int j = 0; j < n; ++j)
      x0[j] = (j + 1.0) / (n + 1);
    // 10 x0 lies outside [0, 1], where T_i grows like (2x)^i: checked at
    // the smaller n only.
    if (n <= 5) {
      mgh::standard_points(c, p, x0, rng, dim(n));
    } else {
      mgh::check_point(c, p, x0, (dim(n) + "x0").c_str());
      mgh::check_point(c, p, mgh::perturbed(x0, rng, 0.05),
                       (dim(n) + "near x0").c_str());
    }
    double fstar = n == 8 ? 3.51687e-3 : n == 10 ? 6.50395e-3 : 0.0;
    mgh::newton_minimum(c, p, x0, fstar, fstar == 0.0 ? 0 : 6, dim(n));
  }
  mgh::Problem p{
      20, MGH_GENERATED(chebyquad, 20, 20),
      [](const double *x, mgh::Reference &r) { chebyquad_ref(x, 20, 20, r); }};
  std::vector<double> x0(20);
  for (int j = 0; j < 20; ++j)
    x0[j] = (j + 1.0) / 21;
  mgh::check_point(c, p, x0, "n=20, x0");
}

int main() {
  test_discrete_boundary_value();
  test_discrete_integral_equation();
  test_broyden_tridiagonal();
  test_broyden_banded();
  test_linear_full_rank();
  test_linear_rank1();
  test_linear_rank1_zero();
  test_chebyquad();
  return check::exit_code();
}
