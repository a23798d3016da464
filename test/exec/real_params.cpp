// RUN: %sympy_ref %s > %t.ref.h
// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror -include %t.ref.h %s -o %t
// RUN: %t
//
// Real code, parameters: fixed-size arrays double x[3] and const float x[3]
// (spec "x", no length), std::array<double, 4> by value and
// std::array<double, 3> by const& (with a scalar after it in the spec), const
// std::vector<double>& with its length from .size() (HESSC_DIFF("w")),
// functions in nested namespaces, static and inline annotated functions,
// constexpr constants, a namespace-scope static const table (Gauss-Legendre
// nodes and weights) read as data; float functions. Constant struct
// parameters do not compile yet (see 5, 6 below): their data is passed as
// arrays and scalars instead.
//
// References: sympy for the closed forms (constants passed after ';'), and
// derivatives derived by hand for the logistic loss and the quadrature rule
// (see their _ref functions). Each function at 3 or more points: f, f_grad,
// f_hessian and f_hvp in several directions, and the sparse Hessian against
// f_hessian's matrix (check::second_order). Tolerance 1e-12, relative above
// 1 and absolute below; the float function 1e-5 as in grad_float.cpp.

#include <hessc/hessc.h>

#include <array>
#include <cmath>
#include <vector>

#include "Inputs/real.h"

static const double Tol = 1e-12;
static const double FloatTol = 1e-5;

//===----------------------------------------------------------------------===//
// 1. double x[3]: a point charge's potential plus an angular term.
//===----------------------------------------------------------------------===//

// SYMPY: charge_field(x0, x1, x2; q) = q/sqrt(x0**2 + x1**2 + x2**2) + x2*atan2(x1, x0) + x0*x1*x2/10
HESSC_DIFF("x")
double charge_field(double x[3], double q) {
  double r = std::sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
  return q / r + x[2] * std::atan2(x[1], x[0]) + x[0] * x[1] * x[2] / 10.0;
}

//===----------------------------------------------------------------------===//
// 2. std::array<double, 4> by value: a quaternion that should rotate e_x
// onto a target, and stay of unit norm.
//===----------------------------------------------------------------------===//

// R(q) e_x = (q0^2 + q1^2 - q2^2 - q3^2, 2 (q1 q2 + q0 q3), 2 (q1 q3 - q0 q2)).
// SYMPY: quat_misfit(q0, q1, q2, q3; t0, t1, t2) = (q0**2 + q1**2 - q2**2 - q3**2 - t0)**2 + (2*(q1*q2 + q0*q3) - t1)**2 + (2*(q1*q3 - q0*q2) - t2)**2 + (q0**2 + q1**2 + q2**2 + q3**2 - 1)**2
HESSC_DIFF("q")
double quat_misfit(std::array<double, 4> q, const double *target) {
  double r0 = q[0] * q[0] + q[1] * q[1] - q[2] * q[2] - q[3] * q[3];
  double r1 = 2.0 * (q[1] * q[2] + q[0] * q[3]);
  double r2 = 2.0 * (q[1] * q[3] - q[0] * q[2]);
  double n2 = 0;
  for (int k = 0; k < 4; ++k)
    n2 += q[k] * q[k];
  return (r0 - target[0]) * (r0 - target[0]) + (r1 - target[1]) * (r1 - target[1]) +
         (r2 - target[2]) * (r2 - target[2]) + (n2 - 1.0) * (n2 - 1.0);
}

//===----------------------------------------------------------------------===//
// 3. const std::array<double, 3>& and a scalar, both independent ("p, k"); a
// constant std::array anchor.
//===----------------------------------------------------------------------===//

// SYMPY: spring3d(p0, p1, p2, k; a0, a1, a2, L) = k/2*(sqrt((p0 - a0)**2 + (p1 - a1)**2 + (p2 - a2)**2) - L)**2
HESSC_DIFF("p, k")
double spring3d(const std::array<double, 3> &p, double k,
                const std::array<double, 3> &anchor, double len) {
  double d2 = 0;
  for (int i = 0; i < 3; ++i)
    d2 += (p[i] - anchor[i]) * (p[i] - anchor[i]);
  double stretch = std::sqrt(d2) - len;
  return 0.5 * k * stretch * stretch;
}

//===----------------------------------------------------------------------===//
// 4. const std::vector<double>& w with no length in the spec: w.size().
// L2-regularised logistic regression over data in std::vectors.
//===----------------------------------------------------------------------===//

HESSC_DIFF("w")
double logistic_loss(const std::vector<double> &w, const std::vector<double> &X,
                     const std::vector<double> &y, double lambda) {
  std::size_t d = w.size();
  double f = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    double z = 0;
    for (std::size_t j = 0; j < d; ++j)
      z += w[j] * X[i * d + j];
    f += std::log(1.0 + std::exp(-y[i] * z));
  }
  for (std::size_t j = 0; j < d; ++j)
    f += 0.5 * lambda * w[j] * w[j];
  return f;
}

/// s_i = sigma(-y_i z_i): grad = sum -y_i s_i X_i + lambda w,
/// H = sum s_i (1 - s_i) X_i X_i^T + lambda I (y_i = +-1).
static void logistic_loss_ref(const std::vector<double> &w,
                              const std::vector<double> &X,
                              const std::vector<double> &y, double lambda,
                              real::Ref &r) {
  r.clear();
  int d = int(w.size());
  for (std::size_t i = 0; i < y.size(); ++i) {
    double z = 0;
    for (int j = 0; j < d; ++j)
      z += w[j] * X[i * d + j];
    double s = 1 / (1 + std::exp(y[i] * z));
    r.f += std::log(1 + std::exp(-y[i] * z));
    for (int j = 0; j < d; ++j) {
      r.g[j] += -y[i] * s * X[i * d + j];
      r.gs[j] += std::fabs(s * X[i * d + j]);
      for (int k = 0; k < d; ++k)
        r.h(j, k) += s * (1 - s) * X[i * d + j] * X[i * d + k];
    }
  }
  for (int j = 0; j < d; ++j) {
    r.f += 0.5 * lambda * w[j] * w[j];
    r.g[j] += lambda * w[j];
    r.gs[j] += std::fabs(lambda * w[j]);
    r.h(j, j) += lambda;
  }
}

//===----------------------------------------------------------------------===//
// 5, 6. Material and polynomial data. These were meant as constant struct
// parameters (Material by const&, with a nested struct Lame and an array
// member thickness[2]; Poly by value with an int member as the loop bound):
// every generated function then declares the struct parameter unnamed
// (const Material &/*m*/) but reads m.lame.lambda, and the file does not
// compile (see the report of this corpus, bug_struct_param_unnamed.cpp). The
// same numbers are passed here as a constant array and scalars.
//===----------------------------------------------------------------------===//

struct Lame {
  double lambda, mu;
};
struct Material {
  Lame lame;
  double density;
  double thickness[2];
};

// mat = {lambda, mu, density, thickness[0], thickness[1]}.
// SYMPY: strain_energy(ex, ey, g; lam, mu, rho, t0, t1) = t0*(lam/2*(ex + ey)**2 + mu*(ex**2 + ey**2 + g**2/2)) + rho*t1*(ex*ey - g**2/4)**2
HESSC_DIFF("ex, ey, g")
double strain_energy(double ex, double ey, double g, const double *mat) {
  double tr = ex + ey;
  double lin = 0.5 * mat[0] * tr * tr + mat[1] * (ex * ex + ey * ey + 0.5 * g * g);
  double det = ex * ey - 0.25 * g * g;
  return mat[3] * lin + mat[2] * mat[4] * det * det;
}

struct Poly {
  int degree;
  double coef[8];
  double scale;
};

// With degree 4:
// SYMPY: poly_surface(x, y; c0, c1, c2, c3, c4, sc) = c0 + c1*(x*y*sc) + c2*(x*y*sc)**2 + c3*(x*y*sc)**3 + c4*(x*y*sc)**4 + x**2
HESSC_DIFF("x, y")
double poly_surface(double x, double y, int degree, const double *coef, double scale) {
  double s = 0, t = 1;
  for (int k = 0; k <= degree; ++k) {
    s += coef[k] * t;
    t *= x * y * scale;
  }
  return s + x * x;
}

//===----------------------------------------------------------------------===//
// 7. Nested namespaces, constexpr constants: a driven pendulum's action
// density.
//===----------------------------------------------------------------------===//

namespace mech {
namespace consts {
constexpr double kGravity = 9.81;
constexpr double kLength = 1.5;
} // namespace consts

// SYMPY: pendulum(th, om) = 9/16*om**2 - 981/100*3/2*(1 - cos(th)) + sin(th)*om/10
HESSC_DIFF()
double pendulum(double th, double om) {
  constexpr double half = 0.5;
  return half * consts::kLength * om * om * consts::kLength * half -
         consts::kGravity * consts::kLength * (1.0 - std::cos(th)) +
         std::sin(th) * om / 10.0;
}
} // namespace mech

//===----------------------------------------------------------------------===//
// 8, 9. A static and an inline annotated function.
//===----------------------------------------------------------------------===//

// SYMPY: static_fn(x, y) = exp(x - y)*y + tanh(x*y)
HESSC_DIFF()
static double static_fn(double x, double y) { return std::exp(x - y) * y + std::tanh(x * y); }

// SYMPY: inline_fn(x, y) = log(1 + x**2*y**2) - x/y
HESSC_DIFF()
inline double inline_fn(double x, double y) { return std::log(1.0 + x * x * y * y) - x / y; }

//===----------------------------------------------------------------------===//
// 10. A namespace-scope static const table read as data: 5-point
// Gauss-Legendre quadrature of g(t) = 1 / (1 + t^2) over [a, b].
//===----------------------------------------------------------------------===//

constexpr int kGaussPoints = 5;
static const double kGaussNode[kGaussPoints] = {
    -0.90617984593866399280, -0.53846931010568309104, 0.0,
    0.53846931010568309104, 0.90617984593866399280};
static const double kGaussWeight[kGaussPoints] = {
    0.23692688505618908751, 0.47862867049936646804, 0.56888888888888888889,
    0.47862867049936646804, 0.23692688505618908751};

HESSC_DIFF()
double gauss_integral(double a, double b) {
  double h = 0.5 * (b - a), mid = 0.5 * (a + b);
  double s = 0;
  for (int i = 0; i < kGaussPoints; ++i) {
    double t = h * kGaussNode[i] + mid;
    s += kGaussWeight[i] / (1.0 + t * t);
  }
  return h * s;
}

/// Each term w_i h g(t_i), t_i = h xi_i + mid: with dh = (-1/2, 1/2) and
/// dt = ((1 - xi)/2, (1 + xi)/2), its gradient is w (g dh + h g' dt) and its
/// Hessian w (g' (dh dt^T + dt dh^T) + h g'' dt dt^T); g' = -2t / (1 + t^2)^2,
/// g'' = (6t^2 - 2) / (1 + t^2)^3.
static void gauss_integral_ref(double a, double b, real::Ref &r) {
  r.clear();
  double h = 0.5 * (b - a), mid = 0.5 * (a + b);
  const double dh[2] = {-0.5, 0.5};
  for (int i = 0; i < kGaussPoints; ++i) {
    double xi = kGaussNode[i], w = kGaussWeight[i];
    double t = h * xi + mid, q = 1 + t * t;
    double g = 1 / q, g1 = -2 * t / (q * q), g2 = (6 * t * t - 2) / (q * q * q);
    double dt[2] = {0.5 * (1 - xi), 0.5 * (1 + xi)};
    r.f += w * h * g;
    for (int k = 0; k < 2; ++k) {
      r.g[k] += w * (g * dh[k] + h * g1 * dt[k]);
      for (int l = 0; l < 2; ++l)
        r.h(k, l) += w * (g1 * (dh[k] * dt[l] + dt[k] * dh[l]) + h * g2 * dt[k] * dt[l]);
    }
  }
}

//===----------------------------------------------------------------------===//
// 11. float: const float x[3] and the spring of spring3d (k independent too,
// after x); the anchor and rest length as constant float data (a struct of
// them does not compile, as above).
//===----------------------------------------------------------------------===//

HESSC_DIFF("x, k")
float fspring(const float x[3], float k, const float *anchor, float rest) {
  float d2 = 0.0f;
  for (int i = 0; i < 3; ++i)
    d2 += (x[i] - anchor[i]) * (x[i] - anchor[i]);
  float stretch = std::sqrt(d2) - rest;
  return 0.5f * k * stretch * stretch;
}

//===----------------------------------------------------------------------===//

int main() {
  {
    check::Case c("charge_field (double x[3])", Tol);
    const double pts[][4] = {{1.0, 0.5, -0.3, 2.0}, {-0.7, 1.2, 0.8, -1.0}, {0.4, -0.9, 1.5, 0.5}, {2.0, 2.0, -1.0, 3.0}};
    for (const auto &p : pts) {
      double x[3] = {p[0], p[1], p[2]};
      real::Ref r(3);
      REAL_SYMPY(r, charge_field, p[0], p[1], p[2], p[3]);
      c.at({p[0], p[1], p[2], p[3]});
      real::check_point(c, r, REAL_CALLS(charge_field, x, p[3]));
    }
  }
  {
    check::Case c("quat_misfit (std::array<double, 4> by value)", Tol);
    const double target[3] = {0.6, 0.8, 0.0};
    const double pts[][4] = {{1.0, 0.1, -0.2, 0.3}, {0.7, -0.5, 0.4, 0.2}, {0.2, 0.9, 0.1, -0.6}, {-0.4, 0.3, 0.8, 0.5}};
    for (const auto &p : pts) {
      std::array<double, 4> q = {p[0], p[1], p[2], p[3]};
      real::Ref r(4);
      REAL_SYMPY(r, quat_misfit, p[0], p[1], p[2], p[3], target[0], target[1], target[2]);
      c.at({p[0], p[1], p[2], p[3]});
      real::check_point(c, r, REAL_CALLS(quat_misfit, q, target));
    }
  }
  {
    check::Case c("spring3d (const std::array<double, 3>&, \"p, k\")", Tol);
    const std::array<double, 3> anchor = {0.5, -1.0, 2.0};
    const double pts[][4] = {{1.0, 0.5, -0.3, 2.0}, {-0.7, 1.2, 0.8, 0.5}, {0.4, -0.9, 1.5, 10.0}, {2.0, 2.0, -1.0, 3.0}};
    for (const auto &p : pts) {
      std::array<double, 3> pos = {p[0], p[1], p[2]};
      real::Ref r(4);
      REAL_SYMPY(r, spring3d, p[0], p[1], p[2], p[3], anchor[0], anchor[1], anchor[2], 1.25);
      c.at({p[0], p[1], p[2], p[3]});
      real::check_point(c, r, REAL_CALLS(spring3d, pos, p[3], anchor, 1.25));
    }
  }
  {
    check::Case c("logistic_loss (const std::vector<double>&, .size())", Tol);
    check::Rng rng(301);
    for (int d : {1, 3, 5}) {
      const int m = 7;
      std::vector<double> w(d), X(m * d), y(m);
      for (double &e : w)
        e = rng.uniform(-1, 1);
      for (double &e : X)
        e = rng.uniform(-2, 2);
      for (int i = 0; i < m; ++i)
        y[i] = i % 3 == 0 ? -1.0 : 1.0;
      real::Ref r(d);
      logistic_loss_ref(w, X, y, 0.3, r);
      c.at("d=%d", d);
      real::check_point(c, r, REAL_CALLS(logistic_loss, w, X, y, 0.3));
    }
  }
  {
    check::Case c("strain_energy (material data)", Tol);
    const Material mats[2] = {{{1.2, 0.8}, 2.5, {0.1, 3.0}}, {{0.5, 2.0}, 7.0, {1.5, 0.2}}};
    const double pts[][3] = {{0.01, -0.02, 0.03}, {0.5, 0.3, -0.4}, {-1.0, 2.0, 0.7}};
    for (const Material &m : mats)
      for (const auto &p : pts) {
        real::Ref r(3);
        REAL_SYMPY(r, strain_energy, p[0], p[1], p[2], m.lame.lambda, m.lame.mu, m.density,
                   m.thickness[0], m.thickness[1]);
        c.at({p[0], p[1], p[2]});
        const double mat[5] = {m.lame.lambda, m.lame.mu, m.density, m.thickness[0], m.thickness[1]};
        real::check_point(c, r, REAL_CALLS(strain_energy, p[0], p[1], p[2], mat));
      }
  }
  {
    check::Case c("poly_surface (int bound and coefficients as data)", Tol);
    Poly p = {4, {1.0, -0.5, 0.3, 0.2, -0.1, 99.0, 99.0, 99.0}, 0.8};
    const double pts[][2] = {{0.5, -1.2}, {1.5, 0.7}, {-0.9, -0.4}, {2.0, 1.1}};
    for (const auto &q : pts) {
      real::Ref r(2);
      REAL_SYMPY(r, poly_surface, q[0], q[1], p.coef[0], p.coef[1], p.coef[2], p.coef[3], p.coef[4], p.scale);
      c.at({q[0], q[1]});
      real::check_point(c, r, REAL_CALLS(poly_surface, q[0], q[1], p.degree, p.coef, p.scale));
    }
  }
  static const double pts2[][2] = {{0.5, -1.2}, {1.5, 0.7}, {-0.9, -0.4}, {2.0, 1.1}};
  {
    check::Case c("mech::pendulum (namespaces, constexpr)", Tol);
    for (const auto &p : pts2) {
      real::Ref r(2);
      REAL_SYMPY(r, pendulum, p[0], p[1]);
      c.at({p[0], p[1]});
      real::check_point(c, r, REAL_CALLS(mech::pendulum, p[0], p[1]));
    }
  }
  {
    check::Case c("static_fn (static)", Tol);
    REAL_SYMPY_POINTS2(c, static_fn, double, pts2);
  }
  {
    check::Case c("inline_fn (inline)", Tol);
    REAL_SYMPY_POINTS2(c, inline_fn, double, pts2);
  }
  {
    check::Case c("gauss_integral (static const tables)", Tol);
    const double pts[][2] = {{0.0, 1.0}, {-2.0, 0.5}, {1.5, -0.7}, {-3.0, 3.0}};
    for (const auto &p : pts) {
      real::Ref r(2);
      gauss_integral_ref(p[0], p[1], r);
      c.at({p[0], p[1]});
      real::check_point(c, r, REAL_CALLS(gauss_integral, p[0], p[1]));
    }
  }
  {
    check::Case c("fspring (float, const float x[3])", FloatTol);
    const float anchor[3] = {0.5f, -1.0f, 2.0f}, rest = 1.25f;
    const float pts[][4] = {{1.0f, 0.5f, -0.25f, 2.0f}, {-0.75f, 1.25f, 0.75f, 0.5f}, {0.375f, -0.875f, 1.5f, 4.0f}};
    for (const auto &p : pts) {
      float x[3] = {p[0], p[1], p[2]};
      real::Ref r(4);
      REAL_SYMPY(r, spring3d, p[0], p[1], p[2], p[3], anchor[0], anchor[1], anchor[2], rest);
      c.at({p[0], p[1], p[2], p[3]});
      real::check_point(c, r, REAL_CALLS(fspring, x, p[3], anchor, rest));
    }
  }
  return check::exit_code();
}
