// RUN: %sympy_ref %s > %t.ref.h
// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror -include %t.ref.h %s -o %t
// RUN: %t
//
// The fixed-dimension problems of Moré, Garbow and Hillstrom, "Testing
// Unconstrained Optimization Software", ACM TOMS 7(1), 1981, numbers 10
// to 19 (1 to 9 are in mgh_fixed_a.cpp), each written from the paper's
// definition f = sum_i f_i(x)^2 as a user would write it, and checked against
// sympy (see Inputs/mgh.h):
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
// several problems are badly scaled on purpose (Meyer's f(x0) ~ 1e9 with
// exp(x2 / (t + x3)) ~ 1e6 and Hessian entries from ~1e3 to ~1e13, Gulf's
// |y - x2|^x3 with a variable exponent), so the two sides differ by more
// ulps than in the seed tests (up to ~1e-12 here), yet by orders of
// magnitude less than 1e-10.

#include <hessc/hessc.h>

#include <cmath>
#include <vector>

#include "Inputs/check.h"
#include "Inputs/mgh.h"

static const double Tol = 1e-10;

// The arguments of a reference for an array x: x[0], x[1], ...
#define X3 x[0], x[1], x[2]
#define X4 x[0], x[1], x[2], x[3]
#define X5 x[0], x[1], x[2], x[3], x[4]
#define X6 x[0], x[1], x[2], x[3], x[4], x[5]
#define X11 x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], x[8], x[9], x[10]

static check::Rng rng(0x4d474842ULL);

/// Derivatives at x0, 10 x0 and two random points near x0.
static void standard_points(check::Case &c, const mgh::Problem &p,
                            const std::vector<double> &x0) {
  mgh::standard_points(c, p, x0, rng);
}

using mgh::exact_minimum;
using mgh::newton_minimum;

//===----------------------------------------------------------------------===//
// 10. Meyer, n = 3, m = 16
//   f_i = x1 exp(x2 / (t_i + x3)) - y_i, t_i = 45 + 5i
//   x0 = (0.02, 4000, 250); f* = 87.9458
//===----------------------------------------------------------------------===//

static const double meyer_y[16] = {34780, 28610, 23650, 19630, 16370, 13720,
                                   11540, 9744,  8261,  7030,  6005,  5147,
                                   4427,  3820,  3307,  2872};

// SYMPY: meyer_term(x1, x2, x3; t, y) = (x1*exp(x2/(t + x3)) - y)**2
HESSC_DIFF("x[3]")
double meyer(const double *x, const double *y) {
  double f = 0.0;
  for (int i = 1; i <= 16; ++i) {
    double t = 45.0 + 5.0 * i;
    double fi = x[0] * std::exp(x[1] / (t + x[2])) - y[i - 1];
    f += fi * fi;
  }
  return f;
}

static void test_meyer() {
  check::Case c("MGH 10 Meyer (n=3, m=16)", Tol);
  mgh::Problem p{
      3, MGH_GENERATED(meyer, meyer_y), [](const double *x, mgh::Reference &r) {
        for (int i = 1; i <= 16; ++i)
          MGH_SYMPY_TERM(meyer_term, 3, X3, 45.0 + 5.0 * i, meyer_y[i - 1]);
      }};
  standard_points(c, p, {0.02, 4000.0, 250.0});
  newton_minimum(c, p, {0.0056096, 6181.35, 345.224}, 87.9458, 6);
}

//===----------------------------------------------------------------------===//
// 11. Gulf research and development, n = 3, m = 99 (3 <= m <= 100)
//   f_i = exp(-|y_i - x2|^x3 / x1) - t_i, t_i = i / 100,
//   y_i = 25 + (-50 ln t_i)^(2/3); x0 = (5, 2.5, 0.15); f* = 0 at (50, 25, 1.5)
//===----------------------------------------------------------------------===//

// SYMPY: gulf_term(x1, x2, x3; t, y) = (exp(-Abs(y - x2)**x3/x1) - t)**2
HESSC_DIFF("x[3]")
double gulf(const double *x, int m) {
  double f = 0.0;
  for (int i = 1; i <= m; ++i) {
    double t = i / 100.0;
    double y = 25.0 + std::pow(-50.0 * std::log(t), 2.0 / 3.0);
    double fi = std::exp(-std::pow(std::fabs(y - x[1]), x[2]) / x[0]) - t;
    f += fi * fi;
  }
  return f;
}

static void test_gulf() {
  check::Case c("MGH 11 Gulf research and development (n=3, m=99)", Tol);
  const int m = 99;
  mgh::Problem p{3, MGH_GENERATED(gulf, m),
                 [](const double *x, mgh::Reference &r) {
                   for (int i = 1; i <= m; ++i) {
                     double t = i / 100.0;
                     double y = 25.0 + std::pow(-50.0 * std::log(t), 2.0 / 3.0);
                     MGH_SYMPY_TERM(gulf_term, 3, X3, t, y);
                   }
                 }};
  // 10 x0 is the minimiser.
  standard_points(c, p, {5.0, 2.5, 0.15});
  mgh::check_point(c, p, {40.0, 30.0, 2.0}, "x2 above some y_i");
  exact_minimum(c, p, {50.0, 25.0, 1.5}, 0.0);
}

//===----------------------------------------------------------------------===//
// 12. Box three-dimensional, n = 3, m = 10 (m >= n)
//   f_i = exp(-t_i x1) - exp(-t_i x2) - x3 (exp(-t_i) - exp(-10 t_i)),
//   t_i = 0.1 i; x0 = (0, 10, 20); f* = 0 at (1, 10, 1), (10, 1, -1) and
//   wherever x1 = x2, x3 = 0
//===----------------------------------------------------------------------===//

// SYMPY: box3d_term(x1, x2, x3; t) = (exp(-t*x1) - exp(-t*x2) - x3*(exp(-t) - exp(-10*t)))**2
HESSC_DIFF("x[3]")
double box3d(const double *x) {
  double f = 0.0;
  for (int i = 1; i <= 10; ++i) {
    double t = 0.1 * i;
    double fi = std::exp(-t * x[0]) - std::exp(-t * x[1]) -
                x[2] * (std::exp(-t) - std::exp(-10.0 * t));
    f += fi * fi;
  }
  return f;
}

static void test_box3d() {
  check::Case c("MGH 12 Box three-dimensional (n=3, m=10)", Tol);
  mgh::Problem p{3, MGH_GENERATED(box3d),
                 [](const double *x, mgh::Reference &r) {
                   for (int i = 1; i <= 10; ++i)
                     MGH_SYMPY_TERM(box3d_term, 3, X3, 0.1 * i);
                 }};
  standard_points(c, p, {0.0, 10.0, 20.0});
  exact_minimum(c, p, {1.0, 10.0, 1.0}, 0.0);
  exact_minimum(c, p, {10.0, 1.0, -1.0}, 0.0);
  // A minimiser on the line x1 = x2, x3 = 0; the Hessian is singular there.
  exact_minimum(c, p, {3.5, 3.5, 0.0}, 0.0, false);
}

//===----------------------------------------------------------------------===//
// 13. Powell singular, n = 4, m = 4
//   f1 = x1 + 10 x2, f2 = 5^(1/2) (x3 - x4), f3 = (x2 - 2 x3)^2,
//   f4 = 10^(1/2) (x1 - x4)^2; x0 = (3, -1, 0, 1); f* = 0 at the origin
//===----------------------------------------------------------------------===//

// SYMPY: powell_singular(x1, x2, x3, x4) = (x1 + 10*x2)**2 + (sqrt(5)*(x3 - x4))**2 + ((x2 - 2*x3)**2)**2 + (sqrt(10)*(x1 - x4)**2)**2
HESSC_DIFF()
double powell_singular(double x1, double x2, double x3, double x4) {
  double f1 = x1 + 10.0 * x2;
  double f2 = std::sqrt(5.0) * (x3 - x4);
  double f3 = (x2 - 2.0 * x3) * (x2 - 2.0 * x3);
  double f4 = std::sqrt(10.0) * (x1 - x4) * (x1 - x4);
  return f1 * f1 + f2 * f2 + f3 * f3 + f4 * f4;
}

static void test_powell_singular() {
  check::Case c("MGH 13 Powell singular (n=4)", Tol);
  mgh::Problem p{
      4,
      [](const double *x) { return powell_singular(X4); },
      [](const double *x, double *g) { return powell_singular_grad(X4, g); },
      [](const double *x, double *h) { return powell_singular_hessian(X4, h); },
      [](const double *x, const double *v, double *hv) {
        return powell_singular_hvp(X4, v, hv);
      },
      [](const double *x, hessc::SparsityPattern &pattern) {
        return powell_singular_hessian_sparsity(X4, pattern);
      },
      [](const double *x, const hessc::HessianColoring &coloring,
         double *values) {
        return powell_singular_hessian_sparse(X4, coloring, values);
      },
      MGH_SYMPY_WHOLE(powell_singular, 4, X4)};
  std::vector<double> x0 = {3.0, -1.0, 0.0, 1.0};
  standard_points(c, p, x0);
  // 49 + 5 + 1 + 10 * 16; at 10 x0: 4900 + 500 + 10^4 + 10 * 20^4.
  mgh::by_hand(c, powell_singular(3.0, -1.0, 0.0, 1.0), 215.0, "f(x0) = 215");
  mgh::by_hand(c, powell_singular(30.0, -10.0, 0.0, 10.0), 1615400.0,
               "f(10 x0) = 1615400");
  // The Hessian at the origin is singular (f3, f4 are squares).
  exact_minimum(c, p, {0.0, 0.0, 0.0, 0.0}, 0.0, false);
}

//===----------------------------------------------------------------------===//
// 14. Wood, n = 4, m = 6
//   f1 = 10 (x2 - x1^2), f2 = 1 - x1, f3 = 90^(1/2) (x4 - x3^2), f4 = 1 - x3,
//   f5 = 10^(1/2) (x2 + x4 - 2), f6 = 10^(-1/2) (x2 - x4)
//   x0 = (-3, -1, -3, -1); f* = 0 at (1, 1, 1, 1)
//===----------------------------------------------------------------------===//

// SYMPY: wood(x1, x2, x3, x4) = (10*(x2 - x1**2))**2 + (1 - x1)**2 + (sqrt(90)*(x4 - x3**2))**2 + (1 - x3)**2 + (sqrt(10)*(x2 + x4 - 2))**2 + ((x2 - x4)/sqrt(10))**2
HESSC_DIFF("x[4]")
double wood(const double *x) {
  double f1 = 10.0 * (x[1] - x[0] * x[0]);
  double f2 = 1.0 - x[0];
  double f3 = std::sqrt(90.0) * (x[3] - x[2] * x[2]);
  double f4 = 1.0 - x[2];
  double f5 = std::sqrt(10.0) * (x[1] + x[3] - 2.0);
  double f6 = (x[1] - x[3]) / std::sqrt(10.0);
  return f1 * f1 + f2 * f2 + f3 * f3 + f4 * f4 + f5 * f5 + f6 * f6;
}

static void test_wood() {
  check::Case c("MGH 14 Wood (n=4)", Tol);
  mgh::Problem p{4, MGH_GENERATED(wood), MGH_SYMPY_WHOLE(wood, 4, X4)};
  std::vector<double> x0 = {-3.0, -1.0, -3.0, -1.0};
  standard_points(c, p, x0);
  // 10^4 + 16 + 90 * 100 + 16 + 10 * 16 + 0.
  mgh::by_hand(c, wood(x0.data()), 19192.0, "f(x0) = 19192");
  // 910^2 * (100 + 90) + 2 * 31^2 + 10 * 22^2 + 0.
  const double x10[4] = {-30.0, -10.0, -30.0, -10.0};
  mgh::by_hand(c, wood(x10), 157345762.0, "f(10 x0) = 157345762");
  exact_minimum(c, p, {1.0, 1.0, 1.0, 1.0}, 0.0);
}

//===----------------------------------------------------------------------===//
// 15. Kowalik and Osborne, n = 4, m = 11
//   f_i = y_i - x1 (u_i^2 + u_i x2) / (u_i^2 + u_i x3 + x4)
//   x0 = (0.25, 0.39, 0.415, 0.39); f* = 3.07505e-4
//===----------------------------------------------------------------------===//

static const double kowalik_y[11] = {0.1957, 0.1947, 0.1735, 0.1600,
                                     0.0844, 0.0627, 0.0456, 0.0342,
                                     0.0323, 0.0235, 0.0246};
static const double kowalik_u[11] = {4.0,   2.0, 1.0,    0.5,    0.25,  0.167,
                                     0.125, 0.1, 0.0833, 0.0714, 0.0625};

// SYMPY: kowalik_osborne_term(x1, x2, x3, x4; u, y) = (y - x1*(u**2 + u*x2)/(u**2 + u*x3 + x4))**2
HESSC_DIFF("x[4]")
double kowalik_osborne(const double *x, const double *y, const double *u) {
  double f = 0.0;
  for (int i = 0; i < 11; ++i) {
    double fi = y[i] - x[0] * (u[i] * u[i] + u[i] * x[1]) /
                           (u[i] * u[i] + u[i] * x[2] + x[3]);
    f += fi * fi;
  }
  return f;
}

static void test_kowalik_osborne() {
  check::Case c("MGH 15 Kowalik and Osborne (n=4, m=11)", Tol);
  mgh::Problem p{4, MGH_GENERATED(kowalik_osborne, kowalik_y, kowalik_u),
                 [](const double *x, mgh::Reference &r) {
                   for (int i = 0; i < 11; ++i)
                     MGH_SYMPY_TERM(kowalik_osborne_term, 4, X4, kowalik_u[i],
                                    kowalik_y[i]);
                 }};
  standard_points(c, p, {0.25, 0.39, 0.415, 0.39});
  newton_minimum(c, p, {0.1928, 0.1913, 0.1231, 0.1361}, 3.07505e-4, 6);
}

//===----------------------------------------------------------------------===//
// 16. Brown and Dennis, n = 4, m = 20
//   f_i = (x1 + t_i x2 - exp(t_i))^2 + (x3 + x4 sin(t_i) - cos(t_i))^2,
//   t_i = i / 5; x0 = (25, 5, -5, -1); f* = 85822.2 (m = 20)
//===----------------------------------------------------------------------===//

// SYMPY: brown_dennis_term(x1, x2, x3, x4; t) = ((x1 + t*x2 - exp(t))**2 + (x3 + x4*sin(t) - cos(t))**2)**2
HESSC_DIFF("x[4]")
double brown_dennis(const double *x, int m) {
  double f = 0.0;
  for (int i = 1; i <= m; ++i) {
    double t = i / 5.0;
    double a = x[0] + t * x[1] - std::exp(t);
    double b = x[2] + x[3] * std::sin(t) - std::cos(t);
    double fi = a * a + b * b;
    f += fi * fi;
  }
  return f;
}

static void test_brown_dennis() {
  check::Case c("MGH 16 Brown and Dennis (n=4, m=20)", Tol);
  const int m = 20;
  mgh::Problem p{4, MGH_GENERATED(brown_dennis, m),
                 [](const double *x, mgh::Reference &r) {
                   for (int i = 1; i <= m; ++i)
                     MGH_SYMPY_TERM(brown_dennis_term, 4, X4, i / 5.0);
                 }};
  standard_points(c, p, {25.0, 5.0, -5.0, -1.0});
  newton_minimum(c, p, {-11.59, 13.20, -0.4034, 0.2368}, 85822.2, 6);
}

//===----------------------------------------------------------------------===//
// 17. Osborne 1, n = 5, m = 33
//   f_i = y_i - (x1 + x2 exp(-t_i x4) + x3 exp(-t_i x5)), t_i = 10 (i - 1)
//   x0 = (0.5, 1.5, -1, 0.01, 0.02); f* = 5.46489e-5
//===----------------------------------------------------------------------===//

static const double osborne1_y[33] = {
    0.844, 0.908, 0.932, 0.936, 0.925, 0.908, 0.881, 0.850, 0.818,
    0.784, 0.751, 0.718, 0.685, 0.658, 0.628, 0.603, 0.580, 0.558,
    0.538, 0.522, 0.506, 0.490, 0.478, 0.467, 0.457, 0.448, 0.438,
    0.431, 0.424, 0.420, 0.414, 0.411, 0.406};

// SYMPY: osborne1_term(x1, x2, x3, x4, x5; t, y) = (y - (x1 + x2*exp(-t*x4) + x3*exp(-t*x5)))**2
HESSC_DIFF("x[5]")
double osborne1(const double *x, const double *y) {
  double f = 0.0;
  for (int i = 1; i <= 33; ++i) {
    double t = 10.0 * (i - 1);
    double fi = y[i - 1] - (x[0] + x[1] * std::exp(-t * x[3]) +
                            x[2] * std::exp(-t * x[4]));
    f += fi * fi;
  }
  return f;
}

static void test_osborne1() {
  check::Case c("MGH 17 Osborne 1 (n=5, m=33)", Tol);
  mgh::Problem p{5, MGH_GENERATED(osborne1, osborne1_y),
                 [](const double *x, mgh::Reference &r) {
                   for (int i = 1; i <= 33; ++i)
                     MGH_SYMPY_TERM(osborne1_term, 5, X5, 10.0 * (i - 1),
                                    osborne1_y[i - 1]);
                 }};
  standard_points(c, p, {0.5, 1.5, -1.0, 0.01, 0.02});
  newton_minimum(c, p, {0.3754, 1.9358, -1.4647, 0.01287, 0.02212}, 5.46489e-5,
                 6);
}

//===----------------------------------------------------------------------===//
// 18. Biggs EXP6, n = 6, m = 13 (m >= n)
//   f_i = x3 exp(-t_i x1) - x4 exp(-t_i x2) + x6 exp(-t_i x5) - y_i,
//   t_i = 0.1 i, y_i = exp(-t_i) - 5 exp(-10 t_i) + 3 exp(-4 t_i)
//   x0 = (1, 2, 1, 1, 1, 1); f* = 0 at (1, 10, 1, 5, 4, 3)
//===----------------------------------------------------------------------===//

// SYMPY: biggs_exp6_term(x1, x2, x3, x4, x5, x6; t, y) = (x3*exp(-t*x1) - x4*exp(-t*x2) + x6*exp(-t*x5) - y)**2
HESSC_DIFF("x[6]")
double biggs_exp6(const double *x, int m) {
  double f = 0.0;
  for (int i = 1; i <= m; ++i) {
    double t = 0.1 * i;
    double y =
        std::exp(-t) - 5.0 * std::exp(-10.0 * t) + 3.0 * std::exp(-4.0 * t);
    double fi = x[2] * std::exp(-t * x[0]) - x[3] * std::exp(-t * x[1]) +
                x[5] * std::exp(-t * x[4]) - y;
    f += fi * fi;
  }
  return f;
}

static void test_biggs_exp6() {
  check::Case c("MGH 18 Biggs EXP6 (n=6, m=13)", Tol);
  const int m = 13;
  mgh::Problem p{6, MGH_GENERATED(biggs_exp6, m),
                 [](const double *x, mgh::Reference &r) {
                   for (int i = 1; i <= m; ++i) {
                     double t = 0.1 * i;
                     double y = std::exp(-t) - 5.0 * std::exp(-10.0 * t) +
                                3.0 * std::exp(-4.0 * t);
                     MGH_SYMPY_TERM(biggs_exp6_term, 6, X6, t, y);
                   }
                 }};
  standard_points(c, p, {1.0, 2.0, 1.0, 1.0, 1.0, 1.0});
  // At the minimiser the residuals vanish to rounding only (y is a sum of
  // exponentials computed in another order): f* = 0 to 1e-15, not exactly.
  exact_minimum(c, p, {1.0, 10.0, 1.0, 5.0, 4.0, 3.0}, 0.0);
}

//===----------------------------------------------------------------------===//
// 19. Osborne 2, n = 11, m = 65
//   f_i = y_i - (x1 exp(-t_i x5) + x2 exp(-(t_i - x9)^2 x6)
//               + x3 exp(-(t_i - x10)^2 x7) + x4 exp(-(t_i - x11)^2 x8)),
//   t_i = (i - 1) / 10; x0 = (1.3, 0.65, 0.65, 0.7, 0.6, 3, 5, 7, 2, 4.5,
//   5.5); f* = 4.01377e-2
//===----------------------------------------------------------------------===//

static const double osborne2_y[65] = {
    1.366, 1.191, 1.112, 1.013, 0.991, 0.885, 0.831, 0.847, 0.786, 0.725, 0.746,
    0.679, 0.608, 0.655, 0.616, 0.606, 0.602, 0.626, 0.651, 0.724, 0.649, 0.649,
    0.694, 0.644, 0.624, 0.661, 0.612, 0.558, 0.533, 0.495, 0.500, 0.423, 0.395,
    0.375, 0.372, 0.391, 0.396, 0.405, 0.428, 0.429, 0.523, 0.562, 0.607, 0.653,
    0.672, 0.708, 0.633, 0.668, 0.645, 0.632, 0.591, 0.559, 0.597, 0.625, 0.739,
    0.710, 0.729, 0.720, 0.636, 0.581, 0.428, 0.292, 0.162, 0.098, 0.054};

// SYMPY: osborne2_term(x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11; t, y) = (y - (x1*exp(-t*x5) + x2*exp(-(t - x9)**2*x6) + x3*exp(-(t - x10)**2*x7) + x4*exp(-(t - x11)**2*x8)))**2
HESSC_DIFF("x[11]")
double osborne2(const double *x, const double *y) {
  double f = 0.0;
  for (int i = 0; i < 65; ++i) {
    double t = i / 10.0;
    double a = t - x[8], b = t - x[9], c = t - x[10];
    double fi =
        y[i] -
        (x[0] * std::exp(-t * x[4]) + x[1] * std::exp(-a * a * x[5]) +
         x[2] * std::exp(-b * b * x[6]) + x[3] * std::exp(-c * c * x[7]));
    f += fi * fi;
  }
  return f;
}

static void test_osborne2() {
  check::Case c("MGH 19 Osborne 2 (n=11, m=65)", Tol);
  mgh::Problem p{11, MGH_GENERATED(osborne2, osborne2_y),
                 [](const double *x, mgh::Reference &r) {
                   for (int i = 0; i < 65; ++i)
                     MGH_SYMPY_TERM(osborne2_term, 11, X11, i / 10.0,
                                    osborne2_y[i]);
                 }};
  standard_points(c, p,
                  {1.3, 0.65, 0.65, 0.7, 0.6, 3.0, 5.0, 7.0, 2.0, 4.5, 5.5});
  newton_minimum(c, p,
                 {1.31, 0.4316, 0.6337, 0.5994, 0.7542, 0.9043, 1.366, 4.824,
                  2.399, 4.569, 5.675},
                 4.01377e-2, 6);
}

int main() {
  test_meyer();
  test_gulf();
  test_box3d();
  test_powell_singular();
  test_wood();
  test_kowalik_osborne();
  test_brown_dennis();
  test_osborne1();
  test_biggs_exp6();
  test_osborne2();
  return check::exit_code();
}
