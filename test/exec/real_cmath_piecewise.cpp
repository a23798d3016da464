// RUN: %sympy_ref %s > %t.ref.h
// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror -include %t.ref.h %s -o %t
// RUN: %t
//
// Real code, the piecewise and the remaining functions of <cmath>: fmin,
// fmax, fmod, floor, ceil, round, trunc (zero derivative), copysign, fma,
// pow with integer (also an int variable), fractional, negative and variable
// exponents and a constant base, hypot in a polyline length, std::min and
// std::max on doubles and on ints (as loop bounds), and a logistic loss
// written the numerically stable way, max(z, 0) - z y + log1p(exp(-|z|)),
// whose pieces meet smoothly. float overloads at the end.
//
// All points are away from the kinks, ties and jumps (real_kinks.cpp tests
// the conventions there). The sympy references spell fmax(a, b) as (a + b +
// |a - b|)/2 and fmin as (a + b - |a - b|)/2 (sympy's derivative of |u| is
// sign(u), exact off the kink); for fmod, floor, ceil, round, trunc and
// copysign the test computes the piece each point is in (trunc(x/y), the
// rounded values, the signs) and passes it to the sympy expression as a
// constant: fmod(x, y) = x - k y with k = trunc(x / y), copysign(a, b) =
// sign(b) |a|. The polyline, the sliding-window maximum and the stable
// logistic loss have derivatives derived by hand below.
//
// Each function at 3 or more points: f, f_grad, f_hessian and f_hvp in several
// directions, and the sparse Hessian against f_hessian's matrix
// (check::second_order). Tolerance 1e-12, relative above 1 and absolute below;
// the float function 1e-5 as in grad_float.cpp.

#include <hessc/hessc.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "Inputs/real.h"

static const double Tol = 1e-12;
static const double FloatTol = 1e-5;

static double sgn(double v) { return v > 0 ? 1.0 : -1.0; }

//===----------------------------------------------------------------------===//
// 1. fmin, fmax.
//===----------------------------------------------------------------------===//

// SYMPY: clamp_mix(x, y) = (x*y + x/2 + fabs(x*y - x/2))/2 + (sin(x) + y**2 - fabs(sin(x) - y**2))/2
HESSC_DIFF()
double clamp_mix(double x, double y) {
  return std::fmax(x * y, 0.5 * x) + std::fmin(std::sin(x), y * y);
}

//===----------------------------------------------------------------------===//
// 2. fmod with both arguments independent, and of a product by a constant.
//===----------------------------------------------------------------------===//

// k1 = trunc(x / y), k2 = trunc(x y / 2):
// SYMPY: phase_wrap(x, y; k1, k2) = (x - k1*y)**2 + sin(x*y - 2*k2)
HESSC_DIFF()
double phase_wrap(double x, double y) {
  double r = std::fmod(x, y);
  return r * r + std::sin(std::fmod(x * y, 2.0));
}

//===----------------------------------------------------------------------===//
// 3. floor, ceil, round, trunc: zero derivatives, their values as factors.
//===----------------------------------------------------------------------===//

// fl = floor(3y), ce = ceil(x), ro = round(x y), tr = trunc(y - x):
// SYMPY: quantize(x, y; fl, ce, ro, tr) = x*fl + ce*y**2 + ro*x + tr*x*y + exp(x/4)
HESSC_DIFF()
double quantize(double x, double y) {
  return x * std::floor(3.0 * y) + std::ceil(x) * y * y + std::round(x * y) * x +
         std::trunc(y - x) * x * y + std::exp(0.25 * x);
}

//===----------------------------------------------------------------------===//
// 4. copysign; s1 = sign(y), s2 = sign(y - 1).
//===----------------------------------------------------------------------===//

// SYMPY: copysign_mix(x, y; s1, s2) = s1*(x**2 + 1)*x + s2*fabs(x) + x*y
HESSC_DIFF("x, y")
double copysign_mix(double x, double y) {
  return std::copysign(x * x + 1.0, y) * x + std::copysign(x, y - 1.0) + x * y;
}

//===----------------------------------------------------------------------===//
// 5. fma.
//===----------------------------------------------------------------------===//

// SYMPY: fma_mix(x, y) = (x*y + sin(x))*(y*y + x) + (x*x - y)
HESSC_DIFF()
double fma_mix(double x, double y) {
  return std::fma(x, y, std::sin(x)) * fma(y, y, x) + std::fma(x, x, -y);
}

//===----------------------------------------------------------------------===//
// 6. pow: integer, fractional and negative constant exponents, an int
// variable exponent, a variable exponent, a constant base; x, y > 0.
//===----------------------------------------------------------------------===//

// SYMPY: pow_mix(x, y; k) = x**3 + y**(-2) + (x*y + 2)**(3/4) + x**k + y**x + (5/2)**(x*y)
HESSC_DIFF("x, y")
double pow_mix(double x, double y, int k) {
  return std::pow(x, 3) + std::pow(y, -2) + std::pow(x * y + 2.0, 0.75) +
         std::pow(x, k) + std::pow(y, x) + std::pow(2.5, x * y);
}

//===----------------------------------------------------------------------===//
// 7. hypot: the length of a polyline through n points (x_i, y_i) interleaved.
//===----------------------------------------------------------------------===//

HESSC_DIFF("p[2*n]")
double polyline_length(const double *p, int n) {
  double len = 0;
  for (int i = 0; i + 1 < n; ++i)
    len += std::hypot(p[2 * i + 2] - p[2 * i], p[2 * i + 3] - p[2 * i + 1]);
  return len;
}

/// A segment of length L along unit u: dL/d(end) = u, dL/d(start) = -u;
/// Hessian blocks (I - u u^T) / L, negated between the ends.
static void polyline_length_ref(const double *p, int n, real::Ref &r) {
  r.clear();
  for (int i = 0; i + 1 < n; ++i) {
    double d[2] = {p[2 * i + 2] - p[2 * i], p[2 * i + 3] - p[2 * i + 1]};
    double L = std::sqrt(d[0] * d[0] + d[1] * d[1]);
    double u[2] = {d[0] / L, d[1] / L};
    r.f += L;
    for (int a = 0; a < 2; ++a) {
      r.g[2 * i + 2 + a] += u[a];
      r.g[2 * i + a] -= u[a];
      r.gs[2 * i + 2 + a] += std::fabs(u[a]);
      r.gs[2 * i + a] += std::fabs(u[a]);
      for (int b = 0; b < 2; ++b) {
        double h = ((a == b) - u[a] * u[b]) / L;
        r.h(2 * i + a, 2 * i + b) += h;
        r.h(2 * i + 2 + a, 2 * i + 2 + b) += h;
        r.h(2 * i + a, 2 * i + 2 + b) -= h;
        r.h(2 * i + 2 + a, 2 * i + b) -= h;
        r.hs(2 * i + a, 2 * i + b) += std::fabs(h);
        r.hs(2 * i + 2 + a, 2 * i + 2 + b) += std::fabs(h);
      }
    }
  }
}

//===----------------------------------------------------------------------===//
// 8. std::max and std::min on ints (the window's bounds) and on doubles (the
// running maximum, a clipped term).
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double window_peaks(const double *x, int n, int w) {
  double e = 0;
  for (int i = 0; i < n; ++i) {
    int lo = std::max(0, i - w);
    int hi = std::min(n, i + w + 1);
    double m = x[lo];
    for (int j = lo + 1; j < hi; ++j)
      m = std::max(m, x[j]);
    e += m * m + std::min(x[i], 0.5) * x[i];
  }
  return e;
}

/// a(i) = the argmax of the window around i: e = sum x_a(i)^2 +
/// [x_i < 0.5] x_i^2 + [x_i >= 0.5] x_i / 2.
static void window_peaks_ref(const double *x, int n, int w, real::Ref &r) {
  r.clear();
  for (int i = 0; i < n; ++i) {
    int a = std::max(0, i - w);
    for (int j = a + 1; j < std::min(n, i + w + 1); ++j)
      if (x[j] > x[a])
        a = j;
    r.f += x[a] * x[a];
    r.g[a] += 2 * x[a];
    r.h(a, a) += 2;
    if (x[i] < 0.5) {
      r.f += x[i] * x[i];
      r.g[i] += 2 * x[i];
      r.h(i, i) += 2;
    } else {
      r.f += 0.5 * x[i];
      r.g[i] += 0.5;
    }
  }
}

//===----------------------------------------------------------------------===//
// 9. The stable logistic loss, sum max(z, 0) - z y + log1p(exp(-|z|)) with
// z = X_i . w (std::fmax and std::fabs; smooth as a whole).
//===----------------------------------------------------------------------===//

HESSC_DIFF("w[d]")
double stable_logistic(const double *w, const double *X, const double *y, int m, int d) {
  double f = 0;
  for (int i = 0; i < m; ++i) {
    double z = 0;
    for (int j = 0; j < d; ++j)
      z += w[j] * X[i * d + j];
    f += std::fmax(z, 0.0) - z * y[i] + std::log1p(std::exp(-std::fabs(z)));
  }
  return f;
}

/// = sum log(1 + e^z) - z y: grad = sum (sigma(z) - y) X_i,
/// H = sum sigma (1 - sigma) X_i X_i^T.
static void stable_logistic_ref(const double *w, const double *X, const double *y,
                                int m, int d, real::Ref &r) {
  r.clear();
  for (int i = 0; i < m; ++i) {
    double z = 0;
    for (int j = 0; j < d; ++j)
      z += w[j] * X[i * d + j];
    double s = 1 / (1 + std::exp(-z));
    r.f += (z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z))) - z * y[i];
    for (int j = 0; j < d; ++j) {
      r.g[j] += (s - y[i]) * X[i * d + j];
      r.gs[j] += std::fabs(s * X[i * d + j]) + std::fabs(y[i] * X[i * d + j]);
      for (int k = 0; k < d; ++k)
        r.h(j, k) += s * (1 - s) * X[i * d + j] * X[i * d + k];
    }
  }
}

//===----------------------------------------------------------------------===//
// 10. float: fmin, fmax, floor, copysign, pow on floats; fl = floor(2y),
// s = sign(x).
//===----------------------------------------------------------------------===//

// SYMPY: fpiece(x, y; fl, s) = (x*y + y/2 + fabs(x*y - y/2))/2 + (x**2 + 2 - fabs(x**2 - 2))/2 + fl*x + s*(y**2 + 1) + (x**2 + 1)**(5/2)
HESSC_DIFF("x, y")
float fpiece(float x, float y) {
  return std::fmax(x * y, 0.5f * y) + std::fmin(x * x, 2.0f) + std::floor(2.0f * y) * x +
         std::copysign(y * y + 1.0f, x) + std::pow(x * x + 1.0f, 2.5f);
}

//===----------------------------------------------------------------------===//

int main() {
  {
    static const double pts[][2] = {{0.5, 1.3}, {-0.7, 0.4}, {1.8, -0.5}, {-1.2, -1.9}, {2.5, 0.2}};
    check::Case c("clamp_mix (fmin fmax)", Tol);
    REAL_SYMPY_POINTS2(c, clamp_mix, double, pts);
  }
  {
    check::Case c("phase_wrap (fmod)", Tol);
    const double pts[][2] = {{5.3, 1.7}, {-4.1, 1.3}, {7.9, -2.2}, {0.4, 1.1}, {-3.3, -0.9}};
    for (const auto &p : pts) {
      double x = p[0], y = p[1];
      double k1 = std::trunc(x / y), k2 = std::trunc(x * y / 2);
      real::Ref r(2);
      REAL_SYMPY(r, phase_wrap, x, y, k1, k2);
      c.at({x, y});
      real::check_point(c, r, REAL_CALLS(phase_wrap, x, y));
    }
  }
  {
    check::Case c("quantize (floor ceil round trunc)", Tol);
    const double pts[][2] = {{0.5, 1.3}, {-0.7, 0.4}, {1.8, -0.5}, {-1.2, -1.9}, {2.6, 2.2}};
    for (const auto &p : pts) {
      double x = p[0], y = p[1];
      real::Ref r(2);
      REAL_SYMPY(r, quantize, x, y, std::floor(3 * y), std::ceil(x), std::round(x * y), std::trunc(y - x));
      c.at({x, y});
      real::check_point(c, r, REAL_CALLS(quantize, x, y));
    }
  }
  {
    check::Case c("copysign_mix", Tol);
    const double pts[][2] = {{0.5, 1.3}, {-0.7, 0.4}, {1.8, -0.5}, {-1.2, -1.9}, {0.9, 2.0}};
    for (const auto &p : pts) {
      double x = p[0], y = p[1];
      real::Ref r(2);
      REAL_SYMPY(r, copysign_mix, x, y, sgn(y), sgn(y - 1));
      c.at({x, y});
      real::check_point(c, r, REAL_CALLS(copysign_mix, x, y));
    }
  }
  {
    static const double pts[][2] = {{0.5, 1.3}, {-0.7, 0.4}, {1.8, -0.5}, {-1.2, -1.9}};
    check::Case c("fma_mix", Tol);
    REAL_SYMPY_POINTS2(c, fma_mix, double, pts);
  }
  {
    check::Case c("pow_mix (pow)", Tol);
    const double pts[][2] = {{0.5, 1.3}, {0.7, 0.4}, {1.8, 2.5}, {1.2, 0.9}};
    for (int k : {4, -3})
      for (const auto &p : pts) {
        real::Ref r(2);
        REAL_SYMPY(r, pow_mix, p[0], p[1], double(k));
        c.at("x=%g, y=%g, k=%d", p[0], p[1], k);
        real::check_point(c, r, REAL_CALLS(pow_mix, p[0], p[1], k));
      }
  }
  {
    check::Case c("polyline_length (hypot)", Tol);
    check::Rng rng(501);
    for (int n : {2, 4, 7}) {
      std::vector<double> p(2 * n);
      for (double &e : p)
        e = rng.uniform(-2, 2);
      real::Ref r(2 * n);
      polyline_length_ref(p.data(), n, r);
      c.at("n=%d", n);
      real::check_point(c, r, REAL_CALLS(polyline_length, p.data(), n));
    }
  }
  {
    check::Case c("window_peaks (std::min/max on ints and doubles)", Tol);
    check::Rng rng(502);
    for (int n : {1, 5, 9}) {
      std::vector<double> x(n);
      for (double &e : x)
        e = rng.uniform(-1, 1.5);
      real::Ref r(n);
      window_peaks_ref(x.data(), n, 2, r);
      c.at("n=%d", n);
      real::check_point(c, r, REAL_CALLS(window_peaks, x.data(), n, 2));
    }
  }
  {
    check::Case c("stable_logistic (fmax fabs log1p)", Tol);
    const int m = 8, d = 3;
    check::Rng rng(503);
    std::vector<double> X(m * d), y(m);
    for (double &e : X)
      e = rng.uniform(-2, 2);
    for (int i = 0; i < m; ++i)
      y[i] = i % 3 == 1 ? 0.0 : 1.0;
    for (int p = 0; p < 3; ++p) {
      double w[d];
      for (double &e : w)
        e = rng.uniform(-1.5, 1.5);
      real::Ref r(d);
      stable_logistic_ref(w, X.data(), y.data(), m, d, r);
      c.at({w[0], w[1], w[2]});
      real::check_point(c, r, REAL_CALLS(stable_logistic, w, X.data(), y.data(), m, d));
    }
  }
  {
    check::Case c("fpiece (float)", FloatTol);
    const float pts[][2] = {{0.625f, 1.25f}, {-0.75f, 0.375f}, {1.75f, -0.625f}, {-1.625f, -1.875f}};
    for (const auto &p : pts) {
      float x = p[0], y = p[1];
      real::Ref r(2);
      REAL_SYMPY(r, fpiece, x, y, std::floor(2.0 * y), sgn(x));
      c.at({x, y});
      real::check_point(c, r, REAL_CALLS(fpiece, x, y));
    }
  }
  return check::exit_code();
}
