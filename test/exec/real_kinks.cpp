// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror %s -o %t
// RUN: %t
//
// The conventions at points where a function is not differentiable, one
// explicit test each, at the kink, tie or jump itself and at regular points
// on either side (README, "Derivatives at points where a function is not
// differentiable", and the notes of lib/Transforms/DerivativeRules.cpp):
//  - fabs at 0: derivative 0, second derivative 0;
//  - fmin, fmax at a tie: the derivatives (first and second) of the first
//    argument; both argument orders;
//  - std::min, std::max at a tie: likewise the first argument;
//  - floor, ceil, round, trunc at their jumps: 0;
//  - branches (if, ?:) at a tie: the branch the comparison takes;
//  - fmod(x, y) at x / y an integer: d/dx = 1, d/dy = -trunc(x / y) (the
//    piece to the right in x when x / y > 0, to the left when x / y < 0:
//    the piece farther from 0);
//  - copysign(x, y) at x = +-0: d/dx = +-1 by the signs of the zeros;
//  - sqrt at 0: +inf, and -inf for its second derivative (the limit of
//    -1 / (4 x^(3/2)));
//  - pow(x, y) at x <= 0: d/dy is 0 by convention, so d/dx and d2/dx2 stay
//    finite; pow(x, c) with c constant is finite anyway;
//  - hypot at (0, 0): NaN.
// The references below are the derivatives of the piece each convention
// picks, written by hand; at regular points they are the ordinary
// derivatives. f, f_grad, f_hessian and f_hvp, and the sparse Hessian
// against f_hessian's matrix, are compared (check::second_order) where the
// results are finite, to 1e-12 (relative above 1, absolute below); the
// infinities and NaNs are checked with expect().

#include <hessc/hessc.h>

#include <algorithm>
#include <cmath>

#include "Inputs/real.h"

static const double Tol = 1e-12;

/// sign with sign(0) = 0, fabs's convention.
static double sign0(double v) { return v > 0 ? 1.0 : v < 0 ? -1.0 : 0.0; }

//===----------------------------------------------------------------------===//
// fabs
//===----------------------------------------------------------------------===//

HESSC_DIFF()
double kink_fabs(double x, double y) {
  return std::fabs(x) * (1.0 + y) + std::fabs(x - y) + x * y;
}

/// g = (s(x) (1 + y) + s(x - y) + y, |x| - s(x - y) + x), H = [[0, s(x) + 1],
/// [s(x) + 1, 0]] with s(0) = 0.
static void kink_fabs_ref(double x, double y, real::Ref &r) {
  double sx = sign0(x), sd = sign0(x - y);
  r.f = std::fabs(x) * (1 + y) + std::fabs(x - y) + x * y;
  r.g = {sx * (1 + y) + sd + y, std::fabs(x) - sd + x};
  r.H = {0, sx + 1, sx + 1, 0};
}

//===----------------------------------------------------------------------===//
// fmin, fmax, std::min, std::max: at (0.25, 0.5), x = y^2 and 2x = y.
//===----------------------------------------------------------------------===//

HESSC_DIFF()
double kink_fminmax(double x, double y) { return std::fmax(x, y * y) + std::fmin(2.0 * x, y); }

HESSC_DIFF()
double kink_fminmax_rev(double x, double y) { return std::fmax(y * y, x) + std::fmin(y, 2.0 * x); }

HESSC_DIFF()
double kink_stdminmax(double x, double y) { return std::max(x, y * y) + std::min(2.0 * x, y); }

HESSC_DIFF()
double kink_stdminmax_rev(double x, double y) { return std::max(y * y, x) + std::min(y, 2.0 * x); }

/// max(a, b) takes a's derivatives when a >= b, min(a, b) when a <= b; the
/// pieces: x (1, 0; 0), y^2 (0, 2y; yy 2), 2x (2, 0; 0), y (0, 1; 0).
static void kink_minmax_ref(double x, double y, bool rev, real::Ref &r) {
  r.clear();
  double a = rev ? y * y : x, b = rev ? x : y * y;         // max(a, b)
  double c = rev ? y : 2 * x, d = rev ? 2 * x : y;         // min(c, d)
  bool max_y2 = rev ? a >= b : !(a >= b);                  // max picks y^2
  bool min_y = rev ? c <= d : !(c <= d);                   // min picks y
  r.f = std::max(a, b) + std::min(c, d);
  if (max_y2) {
    r.g[1] += 2 * y;
    r.h(1, 1) += 2;
  } else {
    r.g[0] += 1;
  }
  if (min_y)
    r.g[1] += 1;
  else
    r.g[0] += 2;
}

//===----------------------------------------------------------------------===//
// floor, ceil, round, trunc: at (1, 1.5) each is at a jump: floor(1),
// ceil(3), round(2.5), trunc(3).
//===----------------------------------------------------------------------===//

HESSC_DIFF()
double kink_round(double x, double y) {
  return x * std::floor(x) + y * std::ceil(2.0 * y) + std::round(x + y) * x * y +
         std::trunc(2.0 * x * y) * (x + y);
}

static void kink_round_ref(double x, double y, real::Ref &r) {
  double fl = std::floor(x), ce = std::ceil(2 * y), ro = std::round(x + y),
         tr = std::trunc(2 * x * y);
  r.f = x * fl + y * ce + ro * x * y + tr * (x + y);
  r.g = {fl + ro * y + tr, ce + ro * x + tr};
  r.H = {0, ro, ro, 0};
}

//===----------------------------------------------------------------------===//
// Branches at a tie x == y: x > y is false, x >= y is true.
//===----------------------------------------------------------------------===//

HESSC_DIFF()
double kink_branch(double x, double y) {
  double a = x > y ? x * x : 3.0 * y;
  double b;
  if (x >= y)
    b = x * y;
  else
    b = y * y;
  return a + b;
}

static void kink_branch_ref(double x, double y, real::Ref &r) {
  r.clear();
  if (x > y) {
    r.f += x * x;
    r.g[0] += 2 * x;
    r.h(0, 0) += 2;
  } else {
    r.f += 3 * y;
    r.g[1] += 3;
  }
  if (x >= y) {
    r.f += x * y;
    r.g[0] += y;
    r.g[1] += x;
    r.h(0, 1) += 1;
    r.h(1, 0) += 1;
  } else {
    r.f += y * y;
    r.g[1] += 2 * y;
    r.h(1, 1) += 2;
  }
}

//===----------------------------------------------------------------------===//
// fmod at x / y = +-3, copysign at x = +-0.
//===----------------------------------------------------------------------===//

HESSC_DIFF()
double kink_fmod(double x, double y) { return 2.0 * std::fmod(x, y) + y; }

/// f = 2 (x - k y) + y with k = trunc(x / y) at the point.
static void kink_fmod_ref(double x, double y, real::Ref &r) {
  double k = std::trunc(x / y);
  r.f = 2 * std::fmod(x, y) + y;
  r.g = {2, -2 * k + 1};
  r.H = {0, 0, 0, 0};
}

HESSC_DIFF()
double kink_copysign(double x, double y) { return 2.0 * std::copysign(x, y) + x * y; }

/// d/dx copysign(x, y) = sign(x) sign(y), the signs of zeros included.
static void kink_copysign_ref(double x, double y, real::Ref &r) {
  r.f = 2 * std::copysign(x, y) + x * y;
  r.g = {2 * std::copysign(1.0, x) * std::copysign(1.0, y) + y, x};
  r.H = {0, 1, 1, 0};
}

//===----------------------------------------------------------------------===//
// Infinite and NaN derivatives: sqrt at 0, hypot at the origin; pow's
// exponent at a negative base (0 by convention); pow with a constant
// exponent stays finite.
//===----------------------------------------------------------------------===//

HESSC_DIFF()
double kink_sqrt(double x, double y) { return std::sqrt(x) + y * y; }

HESSC_DIFF()
double kink_pow(double x, double y) { return std::pow(x, y); }

HESSC_DIFF()
double kink_pow_const(double x, double y) { return std::pow(x, 3.0) * y + std::pow(x - y, 2); }

HESSC_DIFF()
double kink_hypot(double x, double y) { return std::hypot(x, y) + x; }

/// f = x^3 y + (x - y)^2, finite at x < 0.
static void kink_pow_const_ref(double x, double y, real::Ref &r) {
  r.f = x * x * x * y + (x - y) * (x - y);
  r.g = {3 * x * x * y + 2 * (x - y), x * x * x - 2 * (x - y)};
  r.H = {6 * x * y + 2, 3 * x * x - 2, 3 * x * x - 2, 2};
}

//===----------------------------------------------------------------------===//

int main() {
  {
    check::Case c("kink_fabs: fabs at 0", Tol);
    // At the kink of |x|, of |x - y|, of both; then regular points.
    const double pts[][2] = {{0.0, 0.5}, {0.7, 0.7}, {0.0, 0.0}, {-0.3, 0.4}, {0.6, -0.2}};
    for (const auto &p : pts) {
      double x = p[0], y = p[1];
      real::Ref r(2);
      kink_fabs_ref(x, y, r);
      c.at({x, y});
      real::check_point(c, r, REAL_CALLS(kink_fabs, x, y));
    }
  }
  // (0.25, 0.5): both ties; then each side.
  const double tie_pts[][2] = {{0.25, 0.5}, {1.0, 0.5}, {0.1, 0.9}, {0.25, -0.5}};
  {
    check::Case c("kink_fminmax: fmax(x, y^2) + fmin(2x, y) at a tie", Tol);
    for (const auto &p : tie_pts) {
      double x = p[0], y = p[1];
      real::Ref r(2);
      kink_minmax_ref(x, y, false, r);
      c.at({x, y});
      real::check_point(c, r, REAL_CALLS(kink_fminmax, x, y));
    }
    // At the tie the first arguments' derivatives: (1, 0) + (2, 0), H = 0.
    real::Ref r(2);
    kink_minmax_ref(0.25, 0.5, false, r);
    c.at({0.25, 0.5});
    c.expect(r.g[0] == 3 && r.g[1] == 0 && r.h(1, 1) == 0, "the reference takes the first arguments");
  }
  {
    check::Case c("kink_fminmax_rev: fmax(y^2, x) + fmin(y, 2x) at a tie", Tol);
    for (const auto &p : tie_pts) {
      double x = p[0], y = p[1];
      real::Ref r(2);
      kink_minmax_ref(x, y, true, r);
      c.at({x, y});
      real::check_point(c, r, REAL_CALLS(kink_fminmax_rev, x, y));
    }
    real::Ref r(2);
    kink_minmax_ref(0.25, 0.5, true, r);
    c.at({0.25, 0.5});
    c.expect(r.g[0] == 0 && r.g[1] == 2 && r.h(1, 1) == 2, "the reference takes the first arguments");
  }
  {
    check::Case c("kink_stdminmax: std::max(x, y^2) + std::min(2x, y) at a tie", Tol);
    for (const auto &p : tie_pts) {
      double x = p[0], y = p[1];
      real::Ref r(2);
      kink_minmax_ref(x, y, false, r);
      c.at({x, y});
      real::check_point(c, r, REAL_CALLS(kink_stdminmax, x, y));
    }
  }
  {
    check::Case c("kink_stdminmax_rev: std::max(y^2, x) + std::min(y, 2x) at a tie", Tol);
    for (const auto &p : tie_pts) {
      double x = p[0], y = p[1];
      real::Ref r(2);
      kink_minmax_ref(x, y, true, r);
      c.at({x, y});
      real::check_point(c, r, REAL_CALLS(kink_stdminmax_rev, x, y));
    }
  }
  {
    check::Case c("kink_round: floor ceil round trunc at their jumps", Tol);
    const double pts[][2] = {{1.0, 1.5}, {2.0, -1.0}, {1.2, 1.3}, {-0.7, 2.2}};
    for (const auto &p : pts) {
      double x = p[0], y = p[1];
      real::Ref r(2);
      kink_round_ref(x, y, r);
      c.at({x, y});
      real::check_point(c, r, REAL_CALLS(kink_round, x, y));
    }
  }
  {
    check::Case c("kink_branch: if and ?: at a tie", Tol);
    const double pts[][2] = {{1.0, 1.0}, {-0.5, -0.5}, {2.0, 1.0}, {0.5, 1.5}};
    for (const auto &p : pts) {
      double x = p[0], y = p[1];
      real::Ref r(2);
      kink_branch_ref(x, y, r);
      c.at({x, y});
      real::check_point(c, r, REAL_CALLS(kink_branch, x, y));
    }
  }
  {
    check::Case c("kink_fmod: fmod at x/y = +-3", Tol);
    const double pts[][2] = {{6.0, 2.0}, {-6.0, 2.0}, {6.5, 2.0}, {-5.5, 2.0}};
    for (const auto &p : pts) {
      double x = p[0], y = p[1];
      real::Ref r(2);
      kink_fmod_ref(x, y, r);
      c.at({x, y});
      real::check_point(c, r, REAL_CALLS(kink_fmod, x, y));
    }
  }
  {
    check::Case c("kink_copysign: copysign at x = +0 and -0", Tol);
    const double pts[][2] = {{0.0, 1.5}, {-0.0, 1.5}, {0.0, -1.5}, {-0.0, -1.5}, {0.8, -0.3}};
    for (const auto &p : pts) {
      double x = p[0], y = p[1];
      real::Ref r(2);
      kink_copysign_ref(x, y, r);
      c.at("x=%s0.0, y=%g", std::signbit(x) ? "-" : "+", y);
      real::check_point(c, r, REAL_CALLS(kink_copysign, x, y));
    }
  }
  {
    check::Case c("kink_pow_const: pow(x, 3.0) and pow(x - y, 2) at x < 0", Tol);
    const double pts[][2] = {{-2.0, 1.0}, {-0.5, -1.5}, {1.5, 0.5}};
    for (const auto &p : pts) {
      double x = p[0], y = p[1];
      real::Ref r(2);
      kink_pow_const_ref(x, y, r);
      c.at({x, y});
      real::check_point(c, r, REAL_CALLS(kink_pow_const, x, y));
    }
  }
  {
    // Non-finite results: compared one by one.
    check::Case c("kink_sqrt, kink_pow, kink_hypot: inf and NaN", Tol);
    double g[2], H[4], hv[2];
    const double e0[2] = {1, 0}, e1[2] = {0, 1};

    c.at({0.0, 0.75});
    c.value(kink_sqrt_grad(0.0, 0.75, g), 0.5625);
    c.expect(std::isinf(g[0]) && g[0] > 0, "d/dx sqrt(x) at 0 = +inf");
    c.value(g[1], 1.5, "grad[1]");
    c.value(kink_sqrt_hessian(0.0, 0.75, H), 0.5625);
    // -1/(4 x^(3/2)) tends to -inf.
    c.expect(std::isinf(H[0]) && H[0] < 0, "d2/dx2 sqrt(x) at 0 = -inf");
    c.value(H[1], 0.0, "f_hessian[0][1]");
    c.value(H[2], 0.0, "f_hessian[1][0]");
    c.value(H[3], 2.0, "f_hessian[1][1]");
    c.value(kink_sqrt_hvp(0.0, 0.75, e1, hv), 0.5625);
    c.value(hv[1], 2.0, "f_hvp(e_1)[1]");
    kink_sqrt_hvp(0.0, 0.75, e0, hv);
    c.expect(std::isinf(hv[0]) && hv[0] < 0, "f_hvp(e_0)[0] = -inf");

    c.at({-2.0, 2.0});
    c.value(kink_pow_grad(-2.0, 2.0, g), 4.0);
    c.value(g[0], -4.0, "d/dx pow(x, y) = y x^(y-1)");
    c.value(g[1], 0.0, "d/dy pow(x, y) at x < 0 = 0 (convention)");
    // d2/dx2 = y (y - 1) x^(y - 2) = 2 stays finite; d2/dy2 is 0.
    c.value(kink_pow_hessian(-2.0, 2.0, H), 4.0);
    c.value(H[0], 2.0, "d2/dx2 pow(x, y) at x < 0");
    c.value(H[3], 0.0, "d2/dy2 pow(x, y) at x < 0 = 0 (convention)");
    c.expect(H[1] == H[2], "f_hessian symmetric at x < 0");

    c.at({0.0, 0.0});
    c.value(kink_hypot_grad(0.0, 0.0, g), 0.0);
    c.expect(std::isnan(g[0] - 1.0) && std::isnan(g[1]), "hypot at (0, 0): NaN");
    c.at({3.0, -4.0});
    c.value(kink_hypot_grad(3.0, -4.0, g), 8.0);
    c.value(g[0], 1.6, "grad[0] = 1 + x / r");
    c.value(g[1], -0.8, "grad[1] = y / r");
  }
  return check::exit_code();
}
