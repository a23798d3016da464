// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror %s -o %t
// RUN: %t
//
// The variable-dimension problems of Moré, Garbow and Hillstrom, "Testing
// Unconstrained Optimization Software", ACM TOMS 7(1), 1981, numbers 20 to
// 27 (28 to 35 are in mgh_variable_b.cpp), each written from the paper's
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

static check::Rng rng(0x4d474856ULL);

/// "n=10, " for the labels.
static std::string dim(int n) { return "n=" + std::to_string(n) + ", "; }

//===----------------------------------------------------------------------===//
// 20. Watson, 2 <= n <= 31, m = 31
//   f_i = sum_{j=2..n} (j-1) x_j t_i^(j-2) - (sum_{j=1..n} x_j t_i^(j-1))^2 -
//   1, t_i = i / 29, 1 <= i <= 29; f_30 = x1, f_31 = x2 - x1^2 - 1 x0 = 0; f*
//   = 2.28767e-3 (n = 6), 1.39976e-6 (n = 9), 4.72238e-10 (n = 12)
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double watson(const double *x, int n) {
  double f = 0.0;
  for (int i = 1; i <= 29; ++i) {
    double t = i / 29.0;
    double s1 = 0.0, power = 1.0; // power = t^(j-1) for x[j] = x_{j+1}
    for (int j = 1; j < n; ++j) {
      s1 += j * x[j] * power;
      power *= t;
    }
    double s2 = 0.0;
    power = 1.0;
    for (int j = 0; j < n; ++j) {
      s2 += x[j] * power;
      power *= t;
    }
    double fi = s1 - s2 * s2 - 1.0;
    f += fi * fi;
  }
  double f30 = x[0];
  double f31 = x[1] - x[0] * x[0] - 1.0;
  return f + f30 * f30 + f31 * f31;
}

/// With k = j - 1 (0-based) and s2 = sum_k x_k t^k: df_i/dx_k = k t^(k-1)
/// - 2 s2 t^k, d2f_i/dx_k dx_l = -2 t^(k+l).
static void watson_ref(const double *x, int n, mgh::Reference &r) {
  mgh::Residual f(n);
  for (int i = 1; i <= 29; ++i) {
    double t = i / 29.0;
    double s1 = 0.0, s2 = 0.0;
    for (int k = 0; k < n; ++k) {
      if (k > 0)
        s1 += k * x[k] * std::pow(t, k - 1);
      s2 += x[k] * std::pow(t, k);
    }
    f.reset(s1 - s2 * s2 - 1.0);
    for (int k = 0; k < n; ++k) {
      f.D[k] =
          (k > 0 ? k * std::pow(t, k - 1) : 0.0) - 2.0 * s2 * std::pow(t, k);
      for (int l = k; l < n; ++l)
        f.dd(k, l, -2.0 * std::pow(t, k + l));
    }
    r.add_square(f);
  }
  f.reset(x[0]);
  f.D[0] = 1.0;
  r.add_square(f);
  f.reset(x[1] - x[0] * x[0] - 1.0);
  f.D[0] = -2.0 * x[0];
  f.D[1] = 1.0;
  f.dd(0, 0, -2.0);
  r.add_square(f);
}

static void test_watson() {
  check::Case c("MGH 20 Watson (n=2, 6, 9, 12, 31; m=31)", Tol);
  for (int n : {2, 6, 9, 12, 31}) {
    mgh::Problem p{
        n, MGH_GENERATED(watson, n),
        [n](const double *x, mgh::Reference &r) { watson_ref(x, n, r); }};
    std::vector<double> x0(n, 0.0);
    // x0 = 0: 29 residuals of -1, f30 = 0, f31 = -1. (10 x0 = x0.)
    mgh::by_hand(c, watson(x0.data(), n), 30.0, dim(n) + "f(x0) = 30");
    mgh::check_point(c, p, x0, (dim(n) + "x0").c_str());
    mgh::check_point(c, p, mgh::perturbed(x0, rng, 0.5),
                     (dim(n) + "near x0").c_str());
    mgh::check_point(c, p, mgh::perturbed(x0, rng, 2.0),
                     (dim(n) + "random").c_str());
  }
  // Newton from x0. At n = 12 the Hessian's condition number is ~1e15 (a
  // Hilbert-like moment matrix): f* is checked to its 6 digits, the
  // gradient to 1e-8 of its terms.
  const int ns[3] = {6, 9, 12};
  const double fstar[3] = {2.28767e-3, 1.39976e-6, 4.72238e-10};
  for (int k = 0; k < 3; ++k) {
    int n = ns[k];
    mgh::Problem p{
        n, MGH_GENERATED(watson, n),
        [n](const double *x, mgh::Reference &r) { watson_ref(x, n, r); }};
    mgh::newton_minimum(c, p, std::vector<double>(n, 0.0), fstar[k], 6, dim(n),
                        n == 12 ? 1e-8 : 1e-10);
  }
}

//===----------------------------------------------------------------------===//
// 21. Extended Rosenbrock, n even
//   f_{2i-1} = 10 (x_{2i} - x_{2i-1}^2), f_{2i} = 1 - x_{2i-1}
//   x0 = (-1.2, 1, ..., -1.2, 1); f* = 0 at (1, ..., 1)
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double extended_rosenbrock(const double *x, int n) {
  double f = 0.0;
  for (int i = 0; i < n; i += 2) {
    double f1 = 10.0 * (x[i + 1] - x[i] * x[i]);
    double f2 = 1.0 - x[i];
    f += f1 * f1 + f2 * f2;
  }
  return f;
}

static void extended_rosenbrock_ref(const double *x, int n, mgh::Reference &r) {
  mgh::Residual f(n);
  for (int i = 0; i < n; i += 2) {
    f.reset(10.0 * (x[i + 1] - x[i] * x[i]));
    f.D[i] = -20.0 * x[i];
    f.D[i + 1] = 10.0;
    f.dd(i, i, -20.0);
    r.add_square(f);
    f.reset(1.0 - x[i]);
    f.D[i] = -1.0;
    r.add_square(f);
  }
}

static void test_extended_rosenbrock() {
  check::Case c("MGH 21 Extended Rosenbrock (n=2, 10, 50)", Tol);
  for (int n : {2, 10, 50}) {
    mgh::Problem p{n, MGH_GENERATED(extended_rosenbrock, n),
                   [n](const double *x, mgh::Reference &r) {
                     extended_rosenbrock_ref(x, n, r);
                   }};
    std::vector<double> x0(n);
    for (int i = 0; i < n; ++i)
      x0[i] = i % 2 == 0 ? -1.2 : 1.0;
    mgh::standard_points(c, p, x0, rng, dim(n));
    // 24.2 for each pair (see mgh_fixed.cpp), 1795769 at 10 x0.
    mgh::by_hand(c, extended_rosenbrock(x0.data(), n), 24.2 * (n / 2),
                 dim(n) + "f(x0)");
    mgh::by_hand(c, extended_rosenbrock(mgh::scaled(x0, 10.0).data(), n),
                 1795769.0 * (n / 2), dim(n) + "f(10 x0)");
    mgh::exact_minimum(c, p, std::vector<double>(n, 1.0), 0.0, true, dim(n));
  }
}

//===----------------------------------------------------------------------===//
// 22. Extended Powell singular, n a multiple of 4
//   f_{4i-3} = x_{4i-3} + 10 x_{4i-2}, f_{4i-2} = 5^(1/2) (x_{4i-1} - x_{4i}),
//   f_{4i-1} = (x_{4i-2} - 2 x_{4i-1})^2, f_{4i} = 10^(1/2) (x_{4i-3} -
//   x_{4i})^2 x0 = (3, -1, 0, 1, ...); f* = 0 at the origin
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double extended_powell(const double *x, int n) {
  double f = 0.0;
  for (int i = 0; i < n; i += 4) {
    double f1 = x[i] + 10.0 * x[i + 1];
    double f2 = std::sqrt(5.0) * (x[i + 2] - x[i + 3]);
    double a = x[i + 1] - 2.0 * x[i + 2];
    double f3 = a * a;
    double b = x[i] - x[i + 3];
    double f4 = std::sqrt(10.0) * b * b;
    f += f1 * f1 + f2 * f2 + f3 * f3 + f4 * f4;
  }
  return f;
}

static void extended_powell_ref(const double *x, int n, mgh::Reference &r) {
  const double s5 = std::sqrt(5.0), s10 = std::sqrt(10.0);
  mgh::Residual f(n);
  for (int i = 0; i < n; i += 4) {
    f.reset(x[i] + 10.0 * x[i + 1]);
    f.D[i] = 1.0;
    f.D[i + 1] = 10.0;
    r.add_square(f);
    f.reset(s5 * (x[i + 2] - x[i + 3]));
    f.D[i + 2] = s5;
    f.D[i + 3] = -s5;
    r.add_square(f);
    double a = x[i + 1] - 2.0 * x[i + 2];
    f.reset(a * a);
    f.D[i + 1] = 2.0 * a;
    f.D[i + 2] = -4.0 * a;
    f.dd(i + 1, i + 1, 2.0);
    f.dd(i + 1, i + 2, -4.0);
    f.dd(i + 2, i + 2, 8.0);
    r.add_square(f);
    double b = x[i] - x[i + 3];
    f.reset(s10 * b * b);
    f.D[i] = 2.0 * s10 * b;
    f.D[i + 3] = -2.0 * s10 * b;
    f.dd(i, i, 2.0 * s10);
    f.dd(i, i + 3, -2.0 * s10);
    f.dd(i + 3, i + 3, 2.0 * s10);
    r.add_square(f);
  }
}

static void test_extended_powell() {
  check::Case c("MGH 22 Extended Powell singular (n=4, 12, 40)", Tol);
  for (int n : {4, 12, 40}) {
    mgh::Problem p{n, MGH_GENERATED(extended_powell, n),
                   [n](const double *x, mgh::Reference &r) {
                     extended_powell_ref(x, n, r);
                   }};
    std::vector<double> x0(n);
    const double block[4] = {3.0, -1.0, 0.0, 1.0};
    for (int i = 0; i < n; ++i)
      x0[i] = block[i % 4];
    mgh::standard_points(c, p, x0, rng, dim(n));
    // 215 for each block (see mgh_fixed.cpp), 1615400 at 10 x0.
    mgh::by_hand(c, extended_powell(x0.data(), n), 215.0 * (n / 4),
                 dim(n) + "f(x0)");
    mgh::by_hand(c, extended_powell(mgh::scaled(x0, 10.0).data(), n),
                 1615400.0 * (n / 4), dim(n) + "f(10 x0)");
    // Singular Hessian at the origin.
    mgh::exact_minimum(c, p, std::vector<double>(n, 0.0), 0.0, false, dim(n));
  }
}

//===----------------------------------------------------------------------===//
// 23. Penalty function I, m = n + 1
//   f_i = a^(1/2) (x_i - 1), 1 <= i <= n; f_{n+1} = sum x_j^2 - 1/4; a = 1e-5
//   x0 = (1, 2, ..., n); f* = 2.24997e-5 (n = 4), 7.08765e-5 (n = 10)
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double penalty1(const double *x, int n) {
  const double a = 1e-5;
  double f = 0.0, sum = 0.0;
  for (int i = 0; i < n; ++i) {
    double fi = std::sqrt(a) * (x[i] - 1.0);
    f += fi * fi;
    sum += x[i] * x[i];
  }
  double last = sum - 0.25;
  return f + last * last;
}

static void penalty1_ref(const double *x, int n, mgh::Reference &r) {
  const double sa = std::sqrt(1e-5);
  mgh::Residual f(n);
  double sum = 0.0;
  for (int i = 0; i < n; ++i) {
    f.reset(sa * (x[i] - 1.0));
    f.D[i] = sa;
    r.add_square(f);
    sum += x[i] * x[i];
  }
  f.reset(sum - 0.25);
  for (int j = 0; j < n; ++j) {
    f.D[j] = 2.0 * x[j];
    f.dd(j, j, 2.0);
  }
  r.add_square(f);
}

static void test_penalty1() {
  check::Case c("MGH 23 Penalty I (n=4, 10, 50)", Tol);
  for (int n : {4, 10, 50}) {
    mgh::Problem p{
        n, MGH_GENERATED(penalty1, n),
        [n](const double *x, mgh::Reference &r) { penalty1_ref(x, n, r); }};
    std::vector<double> x0(n);
    for (int j = 0; j < n; ++j)
      x0[j] = j + 1;
    mgh::standard_points(c, p, x0, rng, dim(n));
    if (n == 4) // 1e-5 (0 + 1 + 4 + 9) + (30 - 1/4)^2
      mgh::by_hand(c, penalty1(x0.data(), n), 1.4e-4 + 885.0625,
                   dim(n) + "f(x0)");
  }
  mgh::Problem p4{
      4, MGH_GENERATED(penalty1, 4),
      [](const double *x, mgh::Reference &r) { penalty1_ref(x, 4, r); }};
  mgh::newton_minimum(c, p4, {1.0, 2.0, 3.0, 4.0}, 2.24997e-5, 6, dim(4));
  mgh::Problem p10{
      10, MGH_GENERATED(penalty1, 10),
      [](const double *x, mgh::Reference &r) { penalty1_ref(x, 10, r); }};
  std::vector<double> x0(10);
  for (int j = 0; j < 10; ++j)
    x0[j] = j + 1;
  mgh::newton_minimum(c, p10, x0, 7.08765e-5, 6, dim(10));
}

//===----------------------------------------------------------------------===//
// 24. Penalty function II, m = 2n
//   f_1 = x_1 - 0.2
//   f_i = a^(1/2) (exp(x_i / 10) + exp(x_{i-1} / 10) - y_i), 2 <= i <= n
//   f_i = a^(1/2) (exp(x_{i-n+1} / 10) - exp(-1/10)), n < i < 2n
//   f_2n = sum_j (n - j + 1) x_j^2 - 1
//   a = 1e-5, y_i = exp(i / 10) + exp((i - 1) / 10)
//   x0 = (1/2, ..., 1/2); f* = 9.37629e-6 (n = 4), 2.93660e-4 (n = 10)
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double penalty2(const double *x, int n) {
  const double a = 1e-5;
  double f1 = x[0] - 0.2;
  double f = f1 * f1;
  for (int i = 2; i <= n; ++i) {
    double y = std::exp(i / 10.0) + std::exp((i - 1) / 10.0);
    double fi = std::sqrt(a) *
                (std::exp(x[i - 1] / 10.0) + std::exp(x[i - 2] / 10.0) - y);
    f += fi * fi;
  }
  for (int i = n + 1; i < 2 * n; ++i) {
    double fi = std::sqrt(a) * (std::exp(x[i - n] / 10.0) - std::exp(-0.1));
    f += fi * fi;
  }
  double sum = 0.0;
  for (int j = 1; j <= n; ++j)
    sum += (n - j + 1) * x[j - 1] * x[j - 1];
  double last = sum - 1.0;
  return f + last * last;
}

static void penalty2_ref(const double *x, int n, mgh::Reference &r) {
  const double sa = std::sqrt(1e-5);
  // e[k] = exp(x_k / 10): its first and second derivatives are e/10, e/100.
  std::vector<double> e(n);
  for (int k = 0; k < n; ++k)
    e[k] = std::exp(x[k] / 10.0);
  mgh::Residual f(n);
  f.reset(x[0] - 0.2);
  f.D[0] = 1.0;
  r.add_square(f);
  for (int i = 2; i <= n; ++i) {
    double y = std::exp(i / 10.0) + std::exp((i - 1) / 10.0);
    f.reset(sa * (e[i - 1] + e[i - 2] - y));
    f.D[i - 1] = sa * e[i - 1] / 10.0;
    f.D[i - 2] = sa * e[i - 2] / 10.0;
    f.dd(i - 1, i - 1, sa * e[i - 1] / 100.0);
    f.dd(i - 2, i - 2, sa * e[i - 2] / 100.0);
    r.add_square(f);
  }
  for (int i = n + 1; i < 2 * n; ++i) {
    int k = i - n; // x_{i-n+1}
    f.reset(sa * (e[k] - std::exp(-0.1)));
    f.D[k] = sa * e[k] / 10.0;
    f.dd(k, k, sa * e[k] / 100.0);
    r.add_square(f);
  }
  double sum = 0.0;
  for (int k = 0; k < n; ++k)
    sum += (n - k) * x[k] * x[k];
  f.reset(sum - 1.0);
  for (int k = 0; k < n; ++k) {
    f.D[k] = 2.0 * (n - k) * x[k];
    f.dd(k, k, 2.0 * (n - k));
  }
  r.add_square(f);
}

static void test_penalty2() {
  check::Case c("MGH 24 Penalty II (n=4, 10, 30)", Tol);
  for (int n : {4, 10, 30}) {
    mgh::Problem p{
        n, MGH_GENERATED(penalty2, n),
        [n](const double *x, mgh::Reference &r) { penalty2_ref(x, n, r); }};
    std::vector<double> x0(n, 0.5);
    mgh::standard_points(c, p, x0, rng, dim(n));
    if (n == 4) {
      // f_1 = 0.3; f_8 = (4 + 3 + 2 + 1) / 4 - 1 = 1.5; the rest by hand:
      // 2 e^0.05 - e^(i/10) - e^((i-1)/10) and e^0.05 - e^-0.1, times a.
      double want = 0.09 + 2.25;
      for (int i = 2; i <= 4; ++i) {
        double d = 2.0 * std::exp(0.05) - std::exp(i / 10.0) -
                   std::exp((i - 1) / 10.0);
        want += 1e-5 * d * d;
      }
      double d = std::exp(0.05) - std::exp(-0.1);
      want += 3.0 * 1e-5 * d * d;
      mgh::by_hand(c, penalty2(x0.data(), n), want, dim(n) + "f(x0)");
    }
  }
  for (int n : {4, 10}) {
    mgh::Problem p{
        n, MGH_GENERATED(penalty2, n),
        [n](const double *x, mgh::Reference &r) { penalty2_ref(x, n, r); }};
    mgh::newton_minimum(c, p, std::vector<double>(n, 0.5),
                        n == 4 ? 9.37629e-6 : 2.93660e-4, 6, dim(n));
  }
}

//===----------------------------------------------------------------------===//
// 25. Variably dimensioned, m = n + 2
//   f_i = x_i - 1, 1 <= i <= n; f_{n+1} = sum_j j (x_j - 1); f_{n+2} =
//   f_{n+1}^2 x0 = (1 - j/n); f* = 0 at (1, ..., 1)
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double variably_dimensioned(const double *x, int n) {
  double f = 0.0, s = 0.0;
  for (int j = 0; j < n; ++j) {
    double fj = x[j] - 1.0;
    f += fj * fj;
    s += (j + 1) * (x[j] - 1.0);
  }
  return f + s * s + s * s * s * s;
}

static void variably_dimensioned_ref(const double *x, int n,
                                     mgh::Reference &r) {
  mgh::Residual f(n);
  double s = 0.0;
  for (int j = 0; j < n; ++j) {
    f.reset(x[j] - 1.0);
    f.D[j] = 1.0;
    r.add_square(f);
    s += (j + 1) * (x[j] - 1.0);
  }
  f.reset(s);
  for (int j = 0; j < n; ++j)
    f.D[j] = j + 1;
  r.add_square(f);
  f.reset(s * s);
  for (int j = 0; j < n; ++j) {
    f.D[j] = 2.0 * s * (j + 1);
    for (int k = j; k < n; ++k)
      f.dd(j, k, 2.0 * (j + 1) * (k + 1));
  }
  r.add_square(f);
}

static void test_variably_dimensioned() {
  check::Case c("MGH 25 Variably dimensioned (n=2, 10, 50)", Tol);
  for (int n : {2, 10, 50}) {
    mgh::Problem p{n, MGH_GENERATED(variably_dimensioned, n),
                   [n](const double *x, mgh::Reference &r) {
                     variably_dimensioned_ref(x, n, r);
                   }};
    std::vector<double> x0(n);
    for (int j = 0; j < n; ++j)
      x0[j] = 1.0 - double(j + 1) / n;
    mgh::standard_points(c, p, x0, rng, dim(n));
    if (n == 2) {
      // x0 = (1/2, 0): f = 1/4 + 1; s = -1/2 - 2 = -5/2.
      mgh::by_hand(c, variably_dimensioned(x0.data(), n), 1.25 + 6.25 + 39.0625,
                   dim(n) + "f(x0)");
    }
    mgh::exact_minimum(c, p, std::vector<double>(n, 1.0), 0.0, true, dim(n));
  }
}

//===----------------------------------------------------------------------===//
// 26. Trigonometric, m = n
//   f_i = n - sum_j cos x_j + i (1 - cos x_i) - sin x_i
//   x0 = (1/n, ..., 1/n); f* = 0
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double trigonometric(const double *x, int n) {
  double sum_cos = 0.0;
  for (int j = 0; j < n; ++j)
    sum_cos += std::cos(x[j]);
  double f = 0.0;
  for (int i = 1; i <= n; ++i) {
    double fi =
        n - sum_cos + i * (1.0 - std::cos(x[i - 1])) - std::sin(x[i - 1]);
    f += fi * fi;
  }
  return f;
}

/// df_i/dx_j = sin x_j + [i = j] (i sin x_i - cos x_i),
/// d2f_i/dx_j^2 = cos x_j + [i = j] (i cos x_i + sin x_i).
static void trigonometric_ref(const double *x, int n, mgh::Reference &r) {
  double sum_cos = 0.0;
  for (int j = 0; j < n; ++j)
    sum_cos += std::cos(x[j]);
  mgh::Residual f(n);
  for (int i = 1; i <= n; ++i) {
    const double xi = x[i - 1];
    f.reset(n - sum_cos + i * (1.0 - std::cos(xi)) - std::sin(xi));
    for (int j = 0; j < n; ++j) {
      f.D[j] = std::sin(x[j]);
      f.dd(j, j, std::cos(x[j]));
    }
    f.D[i - 1] += i * std::sin(xi) - std::cos(xi);
    f.dd(i - 1, i - 1, i * std::cos(xi) + std::sin(xi));
    r.add_square(f);
  }
}

static void test_trigonometric() {
  check::Case c("MGH 26 Trigonometric (n=2, 10, 50)", Tol);
  for (int n : {2, 10, 50}) {
    mgh::Problem p{n, MGH_GENERATED(trigonometric, n),
                   [n](const double *x, mgh::Reference &r) {
                     trigonometric_ref(x, n, r);
                   }};
    mgh::standard_points(c, p, std::vector<double>(n, 1.0 / n), rng, dim(n));
  }
  // f* = 0: Newton from x0 at n = 2 reaches a zero of every f_i.
  mgh::Problem p{
      2, MGH_GENERATED(trigonometric, 2),
      [](const double *x, mgh::Reference &r) { trigonometric_ref(x, 2, r); }};
  mgh::newton_minimum(c, p, {0.5, 0.5}, 0.0, 0, dim(2));
}

//===----------------------------------------------------------------------===//
// 27. Brown almost-linear, m = n
//   f_i = x_i + sum_j x_j - (n + 1), 1 <= i < n; f_n = prod_j x_j - 1
//   x0 = (1/2, ..., 1/2); f* = 0 at (a, ..., a, a^(1-n)) with
//   n a^n - (n + 1) a^(n-1) + 1 = 0, for instance a = 1; f* = 1 at
//   (0, ..., 0, n + 1)
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double brown_almost_linear(const double *x, int n) {
  double sum = 0.0, prod = 1.0;
  for (int j = 0; j < n; ++j) {
    sum += x[j];
    prod *= x[j];
  }
  double f = 0.0;
  for (int i = 0; i < n - 1; ++i) {
    double fi = x[i] + sum - (n + 1);
    f += fi * fi;
  }
  double fn = prod - 1.0;
  return f + fn * fn;
}

/// The product's partials, without division (x may hold zeros):
/// d/dx_j = prod_{k != j} x_k, d2/dx_j dx_l = prod_{k != j, l} x_k.
static void brown_almost_linear_ref(const double *x, int n, mgh::Reference &r) {
  double sum = 0.0, prod = 1.0;
  for (int j = 0; j < n; ++j) {
    sum += x[j];
    prod *= x[j];
  }
  mgh::Residual f(n);
  for (int i = 0; i < n - 1; ++i) {
    f.reset(x[i] + sum - (n + 1));
    for (int j = 0; j < n; ++j)
      f.D[j] = j == i ? 2.0 : 1.0;
    r.add_square(f);
  }
  f.reset(prod - 1.0);
  for (int j = 0; j < n; ++j) {
    double pj = 1.0;
    for (int k = 0; k < n; ++k)
      if (k != j)
        pj *= x[k];
    f.D[j] = pj;
    for (int l = j + 1; l < n; ++l) {
      double pjl = 1.0;
      for (int k = 0; k < n; ++k)
        if (k != j && k != l)
          pjl *= x[k];
      f.dd(j, l, pjl);
    }
  }
  r.add_square(f);
}

static void test_brown_almost_linear() {
  check::Case c("MGH 27 Brown almost-linear (n=2, 10, 30)", Tol);
  for (int n : {2, 10, 30}) {
    mgh::Problem p{n, MGH_GENERATED(brown_almost_linear, n),
                   [n](const double *x, mgh::Reference &r) {
                     brown_almost_linear_ref(x, n, r);
                   }};
    std::vector<double> x0(n, 0.5);
    mgh::standard_points(c, p, x0, rng, dim(n));
    if (n == 2) // f_1 = 1/2 + 1 - 3, f_2 = 1/4 - 1
      mgh::by_hand(c, brown_almost_linear(x0.data(), n), 2.25 + 0.5625,
                   dim(n) + "f(x0)");
    mgh::exact_minimum(c, p, std::vector<double>(n, 1.0), 0.0, true, dim(n));
    if (n > 2) {
      // f = 1 at (0, ..., 0, n + 1), a stationary point for n >= 3 (the
      // product's gradient vanishes with two zero factors); its Hessian is
      // not checked for definiteness.
      std::vector<double> xs(n, 0.0);
      xs[n - 1] = n + 1;
      mgh::check_point(c, p, xs, (dim(n) + "(0, ..., 0, n + 1)").c_str());
      mgh::check_minimum(c, p, xs, (dim(n) + "(0, ..., 0, n + 1)").c_str(), 1.0,
                         1e-15, 1e-12, false);
    }
  }
}

int main() {
  test_watson();
  test_extended_rosenbrock();
  test_extended_powell();
  test_penalty1();
  test_penalty2();
  test_variably_dimensioned();
  test_trigonometric();
  test_brown_almost_linear();
  return check::exit_code();
}
