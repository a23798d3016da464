// RUN: %sympy_ref %s > %t.ref.h
// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror -include %t.ref.h %s -o %t
// RUN: %t
//
// Real code, calls (2 of 2): scalar code and std::vector code that calls
// user functions with visible bodies. Helpers three and four deep
// (nested_calls -> chain::middle -> chain::inner; deep_chain -> ... -> leaf),
// scalars by value and by const double&, const std::vector<double>&
// arguments, Horner's rule on namespace-scope constant tables with int sizes
// (called twice in one function and from two annotated functions), a helper
// called in a loop with &kMu[2*c], a helper with a data-dependent while
// loop; float helpers of a float function.
//
// Each function is checked at 3 or more points: f against the reference value,
// f_grad, and f_hessian and f_hvp (check::second_order, several directions,
// with the sparse Hessian against f_hessian's matrix) against sympy's exact
// derivatives (the sympy lines below) or, for the std::vector function, against
// its gradient and Hessian derived by hand.
//
// Tolerance 1e-12, relative above 1 and absolute below. The float function:
// 1e-5, as in grad_float.cpp (a few dozen float operations on the way to
// any entry, each within 2^-24 = 6e-8; no cancellation at these points).

#include <hessc/hessc.h>

#include <cmath>
#include <vector>

#include "Inputs/real.h"

static const double Tol = 1e-12;
static const double FloatTol = 1e-5;

namespace geom {
static inline double sq(double a) { return a * a; }
} // namespace geom

/// Horner's rule over m constant coefficients, c[0] + c[1] t + ...
static double poly(const double *c, int m, double t) {
  double r = c[m - 1];
  for (int k = m - 2; k >= 0; --k)
    r = r * t + c[k];
  return r;
}

static const double kCoefA[5] = {1.0, -0.5, 0.25, 0.125, -0.0625};
static const double kCoefB[3] = {0.5, 2.0, -1.5};

//===----------------------------------------------------------------------===//
// 1, 2. Horner's rule on constant tables with int sizes, called twice in one
// function and from two annotated functions, with sq and exp.
//===----------------------------------------------------------------------===//

// SYMPY: damped_poly(t, s) = (1 - t/2 + t**2/4 + t**3/8 - t**4/16)*exp(-s**2) + (1/2 + 2*s*t - 3/2*(s*t)**2)
HESSC_DIFF()
double damped_poly(double t, double s) {
  return poly(kCoefA, 5, t) * std::exp(-geom::sq(s)) + poly(kCoefB, 3, s * t);
}

// SYMPY: rational_fit(a, b) = (1 - a/2 + a**2/4 + a**3/8 - a**4/16)/(1 + (1/2 + 2*b - 3/2*b**2)**2)
HESSC_DIFF()
double rational_fit(double a, double b) {
  return poly(kCoefA, 5, a) / (1.0 + geom::sq(poly(kCoefB, 3, b)));
}

//===----------------------------------------------------------------------===//
// 3. const std::vector<double>& arguments: a nonlinear helper over v.size(),
// a linear one given the size as an int, and a scalar helper in a loop with
// constant data a[i].
//===----------------------------------------------------------------------===//

static double norm2(const std::vector<double> &v) {
  double s = 0;
  for (std::size_t i = 0; i < v.size(); ++i)
    s += v[i] * v[i];
  return s;
}

// The size is passed: a linear helper that loops to v.size() does not
// compile (see the report of this corpus; bug_vec_size_helper.cpp).
static double mean(const std::vector<double> &v, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += v[i];
  return s / n;
}

inline double smooth_abs(double x, double mu) { return std::sqrt(x * x + mu * mu); }

HESSC_DIFF("w")
double smooth_lasso(const std::vector<double> &w, const std::vector<double> &a,
                    double mu) {
  double f = std::log(1.0 + norm2(w)) + geom::sq(mean(w, int(w.size())));
  for (std::size_t i = 0; i < w.size(); ++i)
    f += smooth_abs(w[i] - a[i], mu);
  return f;
}

/// S = |w|^2, r_i = sqrt((w_i - a_i)^2 + mu^2), wbar = mean(w):
/// grad_i = 2 w_i / (1 + S) + 2 wbar / n + (w_i - a_i) / r_i;
/// H_ij = 2 [i = j] / (1 + S) - 4 w_i w_j / (1 + S)^2 + 2 / n^2
///        + [i = j] mu^2 / r_i^3.
static void smooth_lasso_ref(const std::vector<double> &w,
                             const std::vector<double> &a, double mu,
                             real::Ref &r) {
  int n = int(w.size());
  double S = 0, wbar = 0;
  for (int i = 0; i < n; ++i) {
    S += w[i] * w[i];
    wbar += w[i] / n;
  }
  r.clear();
  r.f = std::log(1 + S) + wbar * wbar;
  for (int i = 0; i < n; ++i) {
    double ri = std::sqrt((w[i] - a[i]) * (w[i] - a[i]) + mu * mu);
    r.f += ri;
    r.g[i] = 2 * w[i] / (1 + S) + 2 * wbar / n + (w[i] - a[i]) / ri;
    for (int j = 0; j < n; ++j)
      r.h(i, j) = (i == j ? 2 / (1 + S) + mu * mu / (ri * ri * ri) : 0.0) -
                  4 * w[i] * w[j] / ((1 + S) * (1 + S)) + 2.0 / (n * n);
  }
}

static void test_smooth_lasso() {
  check::Case c("smooth_lasso (std::vector)", Tol);
  check::Rng rng(55);
  for (int n : {1, 4, 7}) {
    std::vector<double> w(n), a(n);
    for (int i = 0; i < n; ++i) {
      w[i] = rng.uniform(-1, 1);
      a[i] = rng.uniform(-1, 1);
    }
    real::Ref r(n);
    smooth_lasso_ref(w, a, 0.2, r);
    c.at("n=%d", n);
    real::check_point(c, r, REAL_CALLS(smooth_lasso, w, a, 0.2));
  }
}

//===----------------------------------------------------------------------===//
// 4. Depth 3 with scalars: nested_calls -> chain::middle(const double&, double)
// -> chain::inner, each called from several places.
//===----------------------------------------------------------------------===//

namespace chain {
inline double inner(double a) { return std::sin(a) * a; }
double middle(const double &a, double b) { return inner(a * b) + b * inner(a); }
} // namespace chain

// SYMPY: nested_calls(x, y) = (sin((x + y)*y)*(x + y)*y + y*sin(x + y)*(x + y))*sin(x)*x + sin(y*x)*y*x + x*sin(y)*y
HESSC_DIFF()
double nested_calls(double x, double y) {
  return chain::middle(x + y, y) * chain::inner(x) + chain::middle(y, x);
}

//===----------------------------------------------------------------------===//
// 5. A Gaussian mixture's negative log-density: gauss2 called in a loop with
// &kMu[2*c] and kSigma[c] from constant tables.
//===----------------------------------------------------------------------===//

static const double kWeight[3] = {0.5, 0.3, 0.2};
static const double kMu[6] = {0.0, 0.0, 1.5, -0.5, -1.0, 1.0};
static const double kSigma[3] = {1.0, 0.7, 1.3};

static double gauss2(double x, double y, const double *mu, double s) {
  double r2 = geom::sq(x - mu[0]) + geom::sq(y - mu[1]);
  return std::exp(-r2 / (2 * s * s)) / (2 * 3.14159265358979323846 * s * s);
}

HESSC_DIFF()
double gmm_nll(double x, double y) {
  double p = 0;
  for (int c = 0; c < 3; ++c)
    p += kWeight[c] * gauss2(x, y, &kMu[2 * c], kSigma[c]);
  return -std::log(p);
}
// SYMPY: gmm_nll(x, y) = -log(0.5*exp(-(x**2 + y**2)/2)/(2*pi) + 0.3*exp(-((x - 1.5)**2 + (y + 0.5)**2)/(2*0.49))/(2*pi*0.49) + 0.2*exp(-((x + 1)**2 + (y - 1)**2)/(2*1.69))/(2*pi*1.69))

//===----------------------------------------------------------------------===//
// 6. Four deep, by const double& all the way down, each level also using
// its argument itself: deep_chain -> level3 -> level2 -> leaf.
//===----------------------------------------------------------------------===//

namespace deep {
static double leaf(const double &a) { return std::exp(-a * a); }
static double level2(const double &a, const double &b) { return leaf(a - b) * b; }
inline double level3(double a, const double &b) { return level2(a * b, a) + leaf(b); }
} // namespace deep

// SYMPY: deep_chain(x, y) = exp(-(x*y - x)**2)*x + exp(-y**2) + x*y
HESSC_DIFF()
double deep_chain(double x, double y) { return deep::level3(x, y) + x * y; }

//===----------------------------------------------------------------------===//
// 8. A helper with a data-dependent while loop: the upward recurrence of a
// log-rising-factorial, S(u) = sum_{k < K} log(u + k) + (u + K)^2 with K the
// first k where u + k >= 3. The loop runs on a copy of the parameter:
// overwriting the by-value parameter itself (u += 1) makes f_hessian fail
// to compile (see the report of this corpus,
// bug_helper_param_taped_dot8.cpp).
//===----------------------------------------------------------------------===//

static double log_rising(double u0) {
  double u = u0, r = 0;
  while (u < 3.0) {
    r += std::log(u);
    u += 1.0;
  }
  return r + u * u;
}

HESSC_DIFF()
double rising(double x, double y) { return log_rising(x) * y + log_rising(x * y); }

/// S, S' = sum 1/(u + k) + 2 (u + K), S'' = -sum 1/(u + k)^2 + 2; f_x = y S'(x)
/// + y S'(xy), f_y = S(x) + x S'(xy), f_xx = y S''(x) + y^2 S''(xy),
/// f_xy = S'(x) + S'(xy) + xy S''(xy), f_yy = x^2 S''(xy).
static void rising_ref(double x, double y, real::Ref &r) {
  auto S = [](double u, double &d1, double &d2) {
    double v = 0;
    d1 = 0;
    d2 = 0;
    int k = 0;
    for (; u + k < 3.0; ++k) {
      v += std::log(u + k);
      d1 += 1 / (u + k);
      d2 -= 1 / ((u + k) * (u + k));
    }
    v += (u + k) * (u + k);
    d1 += 2 * (u + k);
    d2 += 2;
    return v;
  };
  double a1, a2, b1, b2;
  double a = S(x, a1, a2), b = S(x * y, b1, b2);
  r.f = a * y + b;
  r.g = {y * a1 + y * b1, a + x * b1};
  double hxy = a1 + b1 + x * y * b2;
  r.H = {y * a2 + y * y * b2, hxy, hxy, x * x * b2};
}

//===----------------------------------------------------------------------===//
// 7. float helpers of a float function.
//===----------------------------------------------------------------------===//

static inline float fsq(float a) { return a * a; }
namespace fl {
float softplus(float a) { return std::log(1.0f + std::exp(a)); }
} // namespace fl

// SYMPY: fcall(x, y) = log(1 + exp(x*y)) + (x - log(1 + exp(y)))**2
HESSC_DIFF()
float fcall(float x, float y) { return fl::softplus(x * y) + fsq(x - fl::softplus(y)); }

int main() {
  static const double pts[][2] = {{0.5, -0.3}, {-1.2, 0.8}, {1.3, 1.1}, {0.1, -1.9}};
  {
    check::Case c("damped_poly", Tol);
    REAL_SYMPY_POINTS2(c, damped_poly, double, pts);
  }
  {
    check::Case c("rational_fit", Tol);
    REAL_SYMPY_POINTS2(c, rational_fit, double, pts);
  }
  test_smooth_lasso();
  {
    check::Case c("nested_calls", Tol);
    REAL_SYMPY_POINTS2(c, nested_calls, double, pts);
  }
  {
    static const double gmm_pts[][2] = {{0.5, -0.3}, {-1.2, 0.8}, {1.7, 1.1}, {0.1, -1.9}, {3.0, 2.5}};
    check::Case c("gmm_nll", Tol);
    REAL_SYMPY_POINTS2(c, gmm_nll, double, gmm_pts);
  }
  {
    check::Case c("deep_chain", Tol);
    REAL_SYMPY_POINTS2(c, deep_chain, double, pts);
  }
  {
    check::Case c("rising (helper with a while loop)", Tol);
    const double rpts[][2] = {{0.3, 1.7}, {1.45, 0.9}, {2.6, 1.05}, {3.5, 0.2}};
    for (const auto &p : rpts) {
      real::Ref r(2);
      rising_ref(p[0], p[1], r);
      c.at({p[0], p[1]});
      real::check_point(c, r, REAL_CALLS(rising, p[0], p[1]));
    }
  }
  {
    static const float fpts[][2] = {{0.5f, -0.3f}, {-1.25f, 0.75f}, {1.5f, 1.125f}, {0.125f, -1.75f}};
    check::Case c("fcall (float)", FloatTol);
    REAL_SYMPY_POINTS2(c, fcall, float, fpts);
  }
  return check::exit_code();
}
