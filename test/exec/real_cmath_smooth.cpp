// RUN: %sympy_ref %s > %t.ref.h
// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror -include %t.ref.h %s -o %t
// RUN: %t
//
// Real code, the smooth functions of <cmath> beyond the basic ones: log1p,
// expm1, log2, log10, cbrt (of negative arguments too), hypot, asin, acos,
// atan, atan2, sinh, cosh, asinh, acosh, atanh, erf, erfc; in formulas, in a
// Student-t likelihood (log1p over data) and a probit regression (erfc), and
// their float overloads.
//
// sympy_ref.py knows only sin cos tan atan atan2 exp log sqrt tanh pow fabs,
// so the sympy lines spell the others out by their definitions, exact where
// the functions are defined: log1p(u) = log(1 + u), expm1(u) = exp(u) - 1,
// log2(u) = log(u) / log(2), cbrt(u) = s (s u)^(1/3) with s = sign(u) passed
// as a constant, hypot(x, y) = sqrt(x^2 + y^2), asin(u) = atan(u / sqrt(1 -
// u^2)), acos(u) = pi/2 - asin(u), sinh and cosh by exp, asinh(u) = log(u +
// sqrt(u^2 + 1)), acosh(u) = log(u + sqrt(u^2 - 1)), atanh(u) = log((1 + u) /
// (1 - u)) / 2. The forms lose at most a few digits to cancellation at these
// points (asinh of a negative argument, the worst, about one). erf and erfc
// have no such form: their derivatives (2/sqrt(pi)) e^(-u^2) and
// -(4u/sqrt(pi)) e^(-u^2) are written out by hand below, as are those of the
// probit likelihood.
//
// Each function at 3 or more points, inside its domain: f against the reference
// value, f_grad, f_hessian and f_hvp in several directions, and the sparse
// Hessian against f_hessian's matrix (check::second_order). Tolerance 1e-12,
// relative above 1 and absolute below; the float function 1e-5 as in
// grad_float.cpp.

#include <hessc/hessc.h>

#include <cmath>
#include <vector>

#include "Inputs/real.h"

static const double Tol = 1e-12;
static const double FloatTol = 1e-5;

//===----------------------------------------------------------------------===//
// 1. log1p, expm1, log2, log10; y > 0, x y > -1.
//===----------------------------------------------------------------------===//

// SYMPY: log_family(x, y) = log(1 + x*y) + exp(x - y) - 1 + log(x**2 + 1)/log(2)*log(y)/log(10)
HESSC_DIFF()
double log_family(double x, double y) {
  return std::log1p(x * y) + std::expm1(x - y) + std::log2(x * x + 1.0) * std::log10(y);
}

//===----------------------------------------------------------------------===//
// 2. asin, acos, atan; |x y| < 1, |y| < 2.
//===----------------------------------------------------------------------===//

// SYMPY: inverse_trig(x, y) = atan(x*y/sqrt(1 - x**2*y**2)) + (pi/2 - atan(y/2/sqrt(1 - y**2/4)))*atan(x)
HESSC_DIFF()
double inverse_trig(double x, double y) {
  return std::asin(x * y) + std::acos(y / 2.0) * std::atan(x);
}

//===----------------------------------------------------------------------===//
// 3. atan2, hypot, cbrt: polar coordinates; away from the cut y = 0, x < 0.
//===----------------------------------------------------------------------===//

// SYMPY: polar(x, y) = atan2(y, x)*sqrt(x**2 + y**2) + (x**2 + y**2 + 1)**(1/3)
HESSC_DIFF()
double polar(double x, double y) {
  return std::atan2(y, x) * std::hypot(x, y) + std::cbrt(x * x + y * y + 1.0);
}

//===----------------------------------------------------------------------===//
// 4. sinh, cosh, asinh, acosh, atanh; |x| < 3, (x, y) != 0.
//===----------------------------------------------------------------------===//

// SYMPY: hyperbolic(x, y) = (exp(x) - exp(-x))/2*(exp(y) + exp(-y))/2 + log(x*y + sqrt(x**2*y**2 + 1)) + log(1 + x**2 + y**2 + sqrt((1 + x**2 + y**2)**2 - 1)) + log((1 + x/3)/(1 - x/3))/2
HESSC_DIFF()
double hyperbolic(double x, double y) {
  return std::sinh(x) * std::cosh(y) + std::asinh(x * y) +
         std::acosh(1.0 + x * x + y * y) + std::atanh(x / 3.0);
}

//===----------------------------------------------------------------------===//
// 5. cbrt of arguments of both signs; s1 = sign(x y - 2), s2 = sign(y).
//===----------------------------------------------------------------------===//

// SYMPY: cbrt_signed(x, y; s1, s2) = s1*(s1*(x*y - 2))**(1/3)*x + s2*(s2*y)**(1/3)
HESSC_DIFF("x, y")
double cbrt_signed(double x, double y) { return std::cbrt(x * y - 2.0) * x + std::cbrt(y); }

//===----------------------------------------------------------------------===//
// 6. erf and erfc.
//===----------------------------------------------------------------------===//

HESSC_DIFF()
double erf_pair(double x, double y) { return std::erf(x * y) + x * std::erfc(x - y); }

/// E' = (2/sqrt(pi)) e^(-u^2), E'' = -2u E'; with a = x y, b = x - y:
/// f_x = y E'(a) + erfc(b) - x E'(b), f_y = x E'(a) + x E'(b),
/// f_xx = y^2 E''(a) - 2 E'(b) - x E''(b),
/// f_xy = E'(a) + x y E''(a) + E'(b) + x E''(b),
/// f_yy = x^2 E''(a) - x E''(b).
static void erf_pair_ref(double x, double y, real::Ref &r) {
  const double c = 2 / std::sqrt(3.14159265358979323846);
  double a = x * y, b = x - y;
  double Ea1 = c * std::exp(-a * a), Ea2 = -2 * a * Ea1;
  double Eb1 = c * std::exp(-b * b), Eb2 = -2 * b * Eb1;
  r.f = std::erf(a) + x * std::erfc(b);
  r.g = {y * Ea1 + std::erfc(b) - x * Eb1, x * Ea1 + x * Eb1};
  double hxy = Ea1 + a * Ea2 + Eb1 + x * Eb2;
  r.H = {y * y * Ea2 - 2 * Eb1 - x * Eb2, hxy, hxy, x * x * Ea2 - x * Eb2};
}

//===----------------------------------------------------------------------===//
// 7. Probit regression: -sum log Phi(y_i X_i . w), Phi(t) = erfc(-t/sqrt 2)/2.
//===----------------------------------------------------------------------===//

HESSC_DIFF("w[d]")
double probit_nll(const double *w, const double *X, const double *y, int m, int d) {
  double f = 0;
  for (int i = 0; i < m; ++i) {
    double z = 0;
    for (int j = 0; j < d; ++j)
      z += w[j] * X[i * d + j];
    f -= std::log(0.5 * std::erfc(-y[i] * z / std::sqrt(2.0)));
  }
  return f;
}

/// t = y z, lambda = phi(t) / Phi(t): d/dt (-log Phi) = -lambda,
/// d2/dt2 = lambda (t + lambda); y^2 = 1.
static void probit_nll_ref(const double *w, const double *X, const double *y,
                           int m, int d, real::Ref &r) {
  r.clear();
  for (int i = 0; i < m; ++i) {
    double z = 0;
    for (int j = 0; j < d; ++j)
      z += w[j] * X[i * d + j];
    double t = y[i] * z;
    double Phi = 0.5 * std::erfc(-t / std::sqrt(2.0));
    double phi = std::exp(-0.5 * t * t) / std::sqrt(2 * 3.14159265358979323846);
    double lam = phi / Phi;
    r.f -= std::log(Phi);
    for (int j = 0; j < d; ++j) {
      r.g[j] -= lam * y[i] * X[i * d + j];
      r.gs[j] += std::fabs(lam * X[i * d + j]);
      for (int k = 0; k < d; ++k)
        r.h(j, k) += lam * (t + lam) * X[i * d + j] * X[i * d + k];
    }
  }
}

//===----------------------------------------------------------------------===//
// 8. Student-t location and scale: log1p over data in a loop.
//===----------------------------------------------------------------------===//

static const double kData[4] = {0.3, -1.2, 2.5, 0.9};

HESSC_DIFF()
double student_t_nll(double mu, double s) {
  const double nu = 3.0;
  double f = 0;
  for (int i = 0; i < 4; ++i) {
    double z = (kData[i] - mu) / s;
    f += std::log(s) + 0.5 * (nu + 1.0) * std::log1p(z * z / nu);
  }
  return f;
}
// SYMPY: student_t_nll(mu, s) = 4*log(s) + 2*(log(1 + ((3/10 - mu)/s)**2/3) + log(1 + ((-6/5 - mu)/s)**2/3) + log(1 + ((5/2 - mu)/s)**2/3) + log(1 + ((9/10 - mu)/s)**2/3))

//===----------------------------------------------------------------------===//
// 9. float overloads: log1p, asinh, hypot, atan, expm1, cosh.
//===----------------------------------------------------------------------===//

// SYMPY: fspecial(x, y) = log(1 + x*y) + log(y + sqrt(y**2 + 1)) + sqrt(x**2 + y**2) + atan(x) + (exp(x/2) - 1)*(exp(y) + exp(-y))/2
HESSC_DIFF()
float fspecial(float x, float y) {
  return std::log1p(x * y) + std::asinh(y) + std::hypot(x, y) + std::atan(x) +
         std::expm1(0.5f * x) * std::cosh(y);
}

//===----------------------------------------------------------------------===//

int main() {
  {
    static const double pts[][2] = {{0.5, 1.3}, {-0.7, 0.4}, {1.8, 2.5}, {-0.2, 0.05}};
    check::Case c("log_family (log1p expm1 log2 log10)", Tol);
    REAL_SYMPY_POINTS2(c, log_family, double, pts);
  }
  {
    static const double pts[][2] = {{0.5, 1.3}, {-0.7, 0.4}, {1.8, -0.5}, {-0.2, -1.9}};
    check::Case c("inverse_trig (asin acos atan)", Tol);
    REAL_SYMPY_POINTS2(c, inverse_trig, double, pts);
  }
  {
    static const double pts[][2] = {{0.5, 1.3}, {-0.7, 0.4}, {1.8, -0.5}, {-0.2, -1.9}};
    check::Case c("polar (atan2 hypot cbrt)", Tol);
    REAL_SYMPY_POINTS2(c, polar, double, pts);
  }
  {
    static const double pts[][2] = {{0.5, 1.3}, {-0.7, 0.4}, {2.5, -0.5}, {-1.2, -1.9}};
    check::Case c("hyperbolic (sinh cosh asinh acosh atanh)", Tol);
    REAL_SYMPY_POINTS2(c, hyperbolic, double, pts);
  }
  {
    check::Case c("cbrt_signed", Tol);
    const double pts[][2] = {{0.5, 1.3}, {-0.7, 0.4}, {1.8, 2.5}, {-1.2, -1.9}, {2.0, -0.3}};
    for (const auto &p : pts) {
      double s1 = p[0] * p[1] - 2 > 0 ? 1 : -1, s2 = p[1] > 0 ? 1 : -1;
      real::Ref r(2);
      REAL_SYMPY(r, cbrt_signed, p[0], p[1], s1, s2);
      c.at({p[0], p[1]});
      real::check_point(c, r, REAL_CALLS(cbrt_signed, p[0], p[1]));
    }
  }
  {
    check::Case c("erf_pair (erf erfc)", Tol);
    const double pts[][2] = {{0.5, 1.3}, {-0.7, 0.4}, {1.8, -0.5}, {-1.2, -1.9}};
    for (const auto &p : pts) {
      real::Ref r(2);
      erf_pair_ref(p[0], p[1], r);
      c.at({p[0], p[1]});
      real::check_point(c, r, REAL_CALLS(erf_pair, p[0], p[1]));
    }
  }
  {
    check::Case c("probit_nll (erfc)", Tol);
    const int m = 6, d = 3;
    check::Rng rng(401);
    std::vector<double> X(m * d), y(m);
    for (double &e : X)
      e = rng.uniform(-1.5, 1.5);
    for (int i = 0; i < m; ++i)
      y[i] = i % 2 ? 1.0 : -1.0;
    for (int p = 0; p < 3; ++p) {
      double w[d];
      for (double &e : w)
        e = rng.uniform(-1, 1);
      real::Ref r(d);
      probit_nll_ref(w, X.data(), y.data(), m, d, r);
      c.at({w[0], w[1], w[2]});
      real::check_point(c, r, REAL_CALLS(probit_nll, w, X.data(), y.data(), m, d));
    }
  }
  {
    static const double pts[][2] = {{0.5, 1.3}, {-0.7, 0.4}, {1.8, 2.5}, {0.0, 0.8}};
    check::Case c("student_t_nll (log1p in a loop)", Tol);
    REAL_SYMPY_POINTS2(c, student_t_nll, double, pts);
  }
  {
    static const float pts[][2] = {{0.5f, 1.25f}, {-0.75f, 0.375f}, {1.75f, -0.5f}, {-0.25f, -1.5f}};
    check::Case c("fspecial (float)", FloatTol);
    REAL_SYMPY_POINTS2(c, fspecial, float, pts);
  }
  return check::exit_code();
}
