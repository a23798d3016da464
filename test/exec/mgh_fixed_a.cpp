// RUN: %sympy_ref %s > %t.ref.h
// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror -include %t.ref.h %s -o %t
// RUN: %t
//
// The fixed-dimension problems of Moré, Garbow and Hillstrom, "Testing
// Unconstrained Optimization Software", ACM TOMS 7(1), 1981, numbers 1 to
// 9 (10 to 19 are in mgh_fixed_b.cpp), each written from the paper's definition
// f = sum_i f_i(x)^2 as a user would write it, and checked against sympy (see
// Inputs/mgh.h):
//  - f_grad, f_hessian and f_hvp (several directions, check::second_order)
//    against sympy's exact derivatives at the standard starting point x0, at
//    10 x0, at random points near x0 and at the minimisers;
//  - at the same points, the sparse Hessian (f_hessian_sparsity's pattern
//    and its star colouring, f_hessian_sparse's values) against f_hessian's
//    matrix;
//  - f(x0) against its value worked out by hand where it is simple;
//  - at the minimisers the paper gives (exactly, or as f* with Newton's
//    method from a nearby point, see mgh::minimise): f against the published
//    f*, to the digits it is published with, the reference gradient zero and
//    the Hessian positive definite.
// The SYMPY lines of the problems with up to 6 residuals give the whole f;
// for the ones with a data table, a residual squared, with the data as
// constants, which the test sums over the table.
//
// Data tables are parameters of the functions (const double *y): hessc does
// not read namespace-scope arrays yet.
//
// Tolerance 1e-10, relative above 1 and absolute below, each entry relative
// to the sum of the magnitudes of its terms where it is a sum over
// residuals: the references are exact derivatives evaluated in double, and
// several problems are badly scaled on purpose (Brown's f(x0) ~ 1e12, Powell's
// minimiser has coordinates 1e-5 and 9, Jennrich-Sampson's f at 10 x0 is
// ~ 1e35), so the two sides differ by more ulps than in the seed tests (up to
// ~1e-13 here), yet by orders of magnitude less than 1e-10.

#include <hessc/hessc.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "Inputs/check.h"
#include "Inputs/mgh.h"

static const double Tol = 1e-10;

// The arguments of a reference for an array x: x[0], x[1], ...
#define X2 x[0], x[1]
#define X3 x[0], x[1], x[2]

static check::Rng rng(0x4d4748ULL);

/// Derivatives at x0, 10 x0 and two random points near x0.
static void standard_points(check::Case &c, const mgh::Problem &p,
                            const std::vector<double> &x0) {
  mgh::standard_points(c, p, x0, rng);
}

using mgh::exact_minimum;
using mgh::newton_minimum;

//===----------------------------------------------------------------------===//
// 1. Rosenbrock, n = 2, m = 2
//   f1 = 10 (x2 - x1^2), f2 = 1 - x1; x0 = (-1.2, 1); f* = 0 at (1, 1)
//===----------------------------------------------------------------------===//

// SYMPY: rosenbrock(x1, x2) = (10*(x2 - x1**2))**2 + (1 - x1)**2
HESSC_DIFF()
double rosenbrock(double x1, double x2) {
  double f1 = 10.0 * (x2 - x1 * x1);
  double f2 = 1.0 - x1;
  return f1 * f1 + f2 * f2;
}

static void test_rosenbrock() {
  check::Case c("MGH 1 Rosenbrock (n=2)", Tol);
  mgh::Problem p{
      2,
      [](const double *x) { return rosenbrock(x[0], x[1]); },
      [](const double *x, double *g) { return rosenbrock_grad(x[0], x[1], g); },
      [](const double *x, double *h) {
        return rosenbrock_hessian(x[0], x[1], h);
      },
      [](const double *x, const double *v, double *hv) {
        return rosenbrock_hvp(x[0], x[1], v, hv);
      },
      [](const double *x, hessc::SparsityPattern &pattern) {
        return rosenbrock_hessian_sparsity(x[0], x[1], pattern);
      },
      [](const double *x, const hessc::HessianColoring &coloring,
         double *values) {
        return rosenbrock_hessian_sparse(x[0], x[1], coloring, values);
      },
      MGH_SYMPY_WHOLE(rosenbrock, 2, X2)};
  std::vector<double> x0 = {-1.2, 1.0};
  standard_points(c, p, x0);
  // f1 = 10 (1 - 1.44) = -4.4, f2 = 2.2: 19.36 + 4.84.
  mgh::by_hand(c, rosenbrock(-1.2, 1.0), 24.2, "f(x0) = 24.2");
  // f1 = 10 (10 - 144) = -1340, f2 = 13.
  mgh::by_hand(c, rosenbrock(-12.0, 10.0), 1795769.0, "f(10 x0) = 1795769");
  exact_minimum(c, p, {1.0, 1.0}, 0.0);
}

//===----------------------------------------------------------------------===//
// 2. Freudenstein and Roth, n = 2, m = 2
//   f1 = -13 + x1 + ((5 - x2) x2 - 2) x2
//   f2 = -29 + x1 + ((x2 + 1) x2 - 14) x2
//   x0 = (0.5, -2); f* = 0 at (5, 4); f* = 48.9842... at (11.41..., -0.8968...)
//===----------------------------------------------------------------------===//

// SYMPY: freudenstein_roth(x1, x2) = (-13 + x1 + ((5 - x2)*x2 - 2)*x2)**2 + (-29 + x1 + ((x2 + 1)*x2 - 14)*x2)**2
HESSC_DIFF("x[2]")
double freudenstein_roth(const double *x) {
  double f1 = -13.0 + x[0] + ((5.0 - x[1]) * x[1] - 2.0) * x[1];
  double f2 = -29.0 + x[0] + ((x[1] + 1.0) * x[1] - 14.0) * x[1];
  return f1 * f1 + f2 * f2;
}

static void test_freudenstein_roth() {
  check::Case c("MGH 2 Freudenstein and Roth (n=2)", Tol);
  mgh::Problem p{2, MGH_GENERATED(freudenstein_roth),
                 MGH_SYMPY_WHOLE(freudenstein_roth, 2, X2)};
  std::vector<double> x0 = {0.5, -2.0};
  standard_points(c, p, x0);
  // f1 = -12.5 + (-16)(-2) = 19.5, f2 = -28.5 + (-12)(-2) = -4.5.
  mgh::by_hand(c, freudenstein_roth(x0.data()), 400.5, "f(x0) = 400.5");
  // f1 = -8 + (-502)(-20) = 10032, f2 = -24 + (366)(-20) = -7344.
  const double x10[2] = {5.0, -20.0};
  mgh::by_hand(c, freudenstein_roth(x10), 154575360.0, "f(10 x0) = 154575360");
  exact_minimum(c, p, {5.0, 4.0}, 0.0);
  newton_minimum(c, p, {11.41, -0.8968}, 48.9842, 6);
}

//===----------------------------------------------------------------------===//
// 3. Powell badly scaled, n = 2, m = 2
//   f1 = 10^4 x1 x2 - 1, f2 = exp(-x1) + exp(-x2) - 1.0001
//   x0 = (0, 1); f* = 0 at (1.098...e-5, 9.106...)
//===----------------------------------------------------------------------===//

// SYMPY: powell_badly_scaled(x1, x2) = (10000*x1*x2 - 1)**2 + (exp(-x1) + exp(-x2) - 1.0001)**2
HESSC_DIFF()
double powell_badly_scaled(double x1, double x2) {
  double f1 = 1e4 * x1 * x2 - 1.0;
  double f2 = std::exp(-x1) + std::exp(-x2) - 1.0001;
  return f1 * f1 + f2 * f2;
}

static void test_powell_badly_scaled() {
  check::Case c("MGH 3 Powell badly scaled (n=2)", Tol);
  mgh::Problem p{
      2,
      [](const double *x) { return powell_badly_scaled(x[0], x[1]); },
      [](const double *x, double *g) {
        return powell_badly_scaled_grad(x[0], x[1], g);
      },
      [](const double *x, double *h) {
        return powell_badly_scaled_hessian(x[0], x[1], h);
      },
      [](const double *x, const double *v, double *hv) {
        return powell_badly_scaled_hvp(x[0], x[1], v, hv);
      },
      [](const double *x, hessc::SparsityPattern &pattern) {
        return powell_badly_scaled_hessian_sparsity(x[0], x[1], pattern);
      },
      [](const double *x, const hessc::HessianColoring &coloring,
         double *values) {
        return powell_badly_scaled_hessian_sparse(x[0], x[1], coloring, values);
      },
      MGH_SYMPY_WHOLE(powell_badly_scaled, 2, X2)};
  std::vector<double> x0 = {0.0, 1.0};
  standard_points(c, p, x0);
  // f1 = -1, f2 = exp(-1) - 0.0001.
  double f2 = std::exp(-1.0) - 1e-4;
  mgh::by_hand(c, powell_badly_scaled(0.0, 1.0), 1.0 + f2 * f2, "f(x0)");
  // The minimiser's coordinates differ in scale by 1e6: Newton's method
  // from the published (1.098e-5, 9.106) reaches f = 0 to rounding.
  newton_minimum(c, p, {1.098e-5, 9.106}, 0.0, 0);
}

//===----------------------------------------------------------------------===//
// 4. Brown badly scaled, n = 2, m = 3
//   f1 = x1 - 10^6, f2 = x2 - 2 10^-6, f3 = x1 x2 - 2
//   x0 = (1, 1); f* = 0 at (10^6, 2 10^-6)
//===----------------------------------------------------------------------===//

// SYMPY: brown_badly_scaled(x1, x2) = (x1 - 10**6)**2 + (x2 - 2/10**6)**2 + (x1*x2 - 2)**2
HESSC_DIFF()
double brown_badly_scaled(double x1, double x2) {
  double f1 = x1 - 1e6;
  double f2 = x2 - 2e-6;
  double f3 = x1 * x2 - 2.0;
  return f1 * f1 + f2 * f2 + f3 * f3;
}

static void test_brown_badly_scaled() {
  check::Case c("MGH 4 Brown badly scaled (n=2)", Tol);
  mgh::Problem p{2,
                 [](const double *x) { return brown_badly_scaled(x[0], x[1]); },
                 [](const double *x, double *g) {
                   return brown_badly_scaled_grad(x[0], x[1], g);
                 },
                 [](const double *x, double *h) {
                   return brown_badly_scaled_hessian(x[0], x[1], h);
                 },
                 [](const double *x, const double *v, double *hv) {
                   return brown_badly_scaled_hvp(x[0], x[1], v, hv);
                 },
                 [](const double *x, hessc::SparsityPattern &pattern) {
                   return brown_badly_scaled_hessian_sparsity(x[0], x[1],
                                                              pattern);
                 },
                 [](const double *x, const hessc::HessianColoring &coloring,
                    double *values) {
                   return brown_badly_scaled_hessian_sparse(x[0], x[1],
                                                            coloring, values);
                 },
                 MGH_SYMPY_WHOLE(brown_badly_scaled, 2, X2)};
  std::vector<double> x0 = {1.0, 1.0};
  standard_points(c, p, x0);
  // (1 - 10^6)^2 + (1 - 2e-6)^2 + 1 = 999998000003 - 4e-6 (+4e-12).
  mgh::by_hand(c, brown_badly_scaled(1.0, 1.0), 999998000002.999996, "f(x0)");
  exact_minimum(c, p, {1e6, 2e-6}, 0.0);
}

//===----------------------------------------------------------------------===//
// 5. Beale, n = 2, m = 3
//   f_i = y_i - x1 (1 - x2^i), y = (1.5, 2.25, 2.625)
//   x0 = (1, 1); f* = 0 at (3, 0.5)
//===----------------------------------------------------------------------===//

// SYMPY: beale(x1, x2) = (1.5 - x1*(1 - x2))**2 + (2.25 - x1*(1 - x2**2))**2 + (2.625 - x1*(1 - x2**3))**2
HESSC_DIFF("x[2]")
double beale(const double *x) {
  double f1 = 1.5 - x[0] * (1.0 - x[1]);
  double f2 = 2.25 - x[0] * (1.0 - x[1] * x[1]);
  double f3 = 2.625 - x[0] * (1.0 - std::pow(x[1], 3));
  return f1 * f1 + f2 * f2 + f3 * f3;
}

static void test_beale() {
  check::Case c("MGH 5 Beale (n=2)", Tol);
  mgh::Problem p{2, MGH_GENERATED(beale), MGH_SYMPY_WHOLE(beale, 2, X2)};
  std::vector<double> x0 = {1.0, 1.0};
  standard_points(c, p, x0);
  // At x2 = 1 every f_i = y_i: 2.25 + 5.0625 + 6.890625.
  mgh::by_hand(c, beale(x0.data()), 14.203125, "f(x0) = 14.203125");
  exact_minimum(c, p, {3.0, 0.5}, 0.0);
}

//===----------------------------------------------------------------------===//
// 6. Jennrich and Sampson, n = 2, m = 10
//   f_i = 2 + 2i - (exp(i x1) + exp(i x2))
//   x0 = (0.3, 0.4); f* = 124.362 at x1 = x2 = 0.2578 (m = 10)
//===----------------------------------------------------------------------===//

// SYMPY: jennrich_sampson_term(x1, x2; i) = (2 + 2*i - (exp(i*x1) + exp(i*x2)))**2
HESSC_DIFF()
double jennrich_sampson(double x1, double x2) {
  double f = 0.0;
  for (int i = 1; i <= 10; ++i) {
    double fi = 2.0 + 2.0 * i - (std::exp(i * x1) + std::exp(i * x2));
    f += fi * fi;
  }
  return f;
}

static void test_jennrich_sampson() {
  check::Case c("MGH 6 Jennrich and Sampson (n=2, m=10)", Tol);
  mgh::Problem p{2,
                 [](const double *x) { return jennrich_sampson(x[0], x[1]); },
                 [](const double *x, double *g) {
                   return jennrich_sampson_grad(x[0], x[1], g);
                 },
                 [](const double *x, double *h) {
                   return jennrich_sampson_hessian(x[0], x[1], h);
                 },
                 [](const double *x, const double *v, double *hv) {
                   return jennrich_sampson_hvp(x[0], x[1], v, hv);
                 },
                 [](const double *x, hessc::SparsityPattern &pattern) {
                   return jennrich_sampson_hessian_sparsity(x[0], x[1],
                                                            pattern);
                 },
                 [](const double *x, const hessc::HessianColoring &coloring,
                    double *values) {
                   return jennrich_sampson_hessian_sparse(x[0], x[1], coloring,
                                                          values);
                 },
                 [](const double *x, mgh::Reference &r) {
                   for (int i = 1; i <= 10; ++i)
                     MGH_SYMPY_TERM(jennrich_sampson_term, 2, X2, double(i));
                 }};
  standard_points(c, p, {0.3, 0.4});
  newton_minimum(c, p, {0.2578, 0.2578}, 124.362, 6);
}

//===----------------------------------------------------------------------===//
// 7. Helical valley, n = 3, m = 3
//   f1 = 10 (x3 - 10 theta(x1, x2)), f2 = 10 (sqrt(x1^2 + x2^2) - 1), f3 = x3
//   theta = atan(x2 / x1) / (2 pi), + 0.5 if x1 < 0
//   x0 = (-1, 0, 0); f* = 0 at (1, 0, 0)
//===----------------------------------------------------------------------===//

// SYMPY: helical_valley_pos(x1, x2, x3) = (10*(x3 - 10*atan(x2/x1)/(2*pi)))**2 + (10*(sqrt(x1**2 + x2**2) - 1))**2 + x3**2
// SYMPY: helical_valley_neg(x1, x2, x3) = (10*(x3 - 10*(atan(x2/x1)/(2*pi) + 1/2)))**2 + (10*(sqrt(x1**2 + x2**2) - 1))**2 + x3**2
HESSC_DIFF("x[3]")
double helical_valley(const double *x) {
  const double pi = 3.14159265358979323846;
  double theta = std::atan(x[1] / x[0]) / (2.0 * pi);
  if (x[0] < 0.0)
    theta += 0.5;
  double f1 = 10.0 * (x[2] - 10.0 * theta);
  double f2 = 10.0 * (std::sqrt(x[0] * x[0] + x[1] * x[1]) - 1.0);
  double f3 = x[2];
  return f1 * f1 + f2 * f2 + f3 * f3;
}

static void test_helical_valley() {
  check::Case c("MGH 7 Helical valley (n=3)", Tol);
  mgh::Problem p{3, MGH_GENERATED(helical_valley),
                 [](const double *x, mgh::Reference &r) {
                   if (x[0] < 0.0)
                     MGH_SYMPY_TERM(helical_valley_neg, 3, X3);
                   else
                     MGH_SYMPY_TERM(helical_valley_pos, 3, X3);
                 }};
  std::vector<double> x0 = {-1.0, 0.0, 0.0};
  standard_points(c, p, x0);
  // theta = 0.5: f1 = -50, f2 = 0 (and 90 at 10 x0), f3 = 0.
  mgh::by_hand(c, helical_valley(x0.data()), 2500.0, "f(x0) = 2500");
  const double x10[3] = {-10.0, 0.0, 0.0};
  mgh::by_hand(c, helical_valley(x10), 10600.0, "f(10 x0) = 10600");
  // The other branch (x1 > 0), away from the minimiser and near it.
  mgh::check_point(c, p, {0.8, -0.6, 0.3}, "x1 > 0");
  mgh::check_point(c, p, mgh::perturbed({1.0, 0.0, 0.0}, rng, 0.05), "near x*");
  exact_minimum(c, p, {1.0, 0.0, 0.0}, 0.0);
}

//===----------------------------------------------------------------------===//
// 8. Bard, n = 3, m = 15
//   f_i = y_i - (x1 + u_i / (v_i x2 + w_i x3)), u_i = i, v_i = 16 - i,
//   w_i = min(u_i, v_i); x0 = (1, 1, 1); f* = 8.21487e-3
//===----------------------------------------------------------------------===//

static const double bard_y[15] = {0.14, 0.18, 0.22, 0.25, 0.29,
                                  0.32, 0.35, 0.39, 0.37, 0.58,
                                  0.73, 0.96, 1.34, 2.10, 4.39};

// SYMPY: bard_term(x1, x2, x3; u, v, w, y) = (y - (x1 + u/(v*x2 + w*x3)))**2
HESSC_DIFF("x[3]")
double bard(const double *x, const double *y) {
  double f = 0.0;
  for (int i = 1; i <= 15; ++i) {
    double u = i;
    double v = 16 - i;
    double w = std::min(u, v);
    double fi = y[i - 1] - (x[0] + u / (v * x[1] + w * x[2]));
    f += fi * fi;
  }
  return f;
}

static void test_bard() {
  check::Case c("MGH 8 Bard (n=3, m=15)", Tol);
  mgh::Problem p{3, MGH_GENERATED(bard, bard_y),
                 [](const double *x, mgh::Reference &r) {
                   for (int i = 1; i <= 15; ++i) {
                     double u = i, v = 16 - i, w = std::min(u, v);
                     MGH_SYMPY_TERM(bard_term, 3, X3, u, v, w, bard_y[i - 1]);
                   }
                 }};
  standard_points(c, p, {1.0, 1.0, 1.0});
  newton_minimum(c, p, {0.0824, 1.133, 2.344}, 8.21487e-3, 6);
}

//===----------------------------------------------------------------------===//
// 9. Gaussian, n = 3, m = 15
//   f_i = x1 exp(-x2 (t_i - x3)^2 / 2) - y_i, t_i = (8 - i) / 2
//   x0 = (0.4, 1, 0); f* = 1.12793e-8
//===----------------------------------------------------------------------===//

static const double gaussian_y[15] = {0.0009, 0.0044, 0.0175, 0.0540, 0.1295,
                                      0.2420, 0.3521, 0.3989, 0.3521, 0.2420,
                                      0.1295, 0.0540, 0.0175, 0.0044, 0.0009};

// SYMPY: gaussian_term(x1, x2, x3; t, y) = (x1*exp(-x2*(t - x3)**2/2) - y)**2
HESSC_DIFF("x[3]")
double gaussian(const double *x, const double *y) {
  double f = 0.0;
  for (int i = 1; i <= 15; ++i) {
    double t = (8 - i) / 2.0;
    double d = t - x[2];
    double fi = x[0] * std::exp(-x[1] * d * d / 2.0) - y[i - 1];
    f += fi * fi;
  }
  return f;
}

static void test_gaussian() {
  check::Case c("MGH 9 Gaussian (n=3, m=15)", Tol);
  mgh::Problem p{3, MGH_GENERATED(gaussian, gaussian_y),
                 [](const double *x, mgh::Reference &r) {
                   for (int i = 1; i <= 15; ++i)
                     MGH_SYMPY_TERM(gaussian_term, 3, X3, (8 - i) / 2.0,
                                    gaussian_y[i - 1]);
                 }};
  standard_points(c, p, {0.4, 1.0, 0.0});
  newton_minimum(c, p, {0.4, 1.0, 0.0}, 1.12793e-8, 6);
}

int main() {
  test_rosenbrock();
  test_freudenstein_roth();
  test_powell_badly_scaled();
  test_brown_badly_scaled();
  test_beale();
  test_jennrich_sampson();
  test_helical_valley();
  test_bard();
  test_gaussian();
  return check::exit_code();
}
