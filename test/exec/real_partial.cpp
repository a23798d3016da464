// RUN: %clangxx -std=c++17 -O1 -Wall -Wextra -Werror -c %S/Inputs/real_opaque.cpp -o %t.opaque.o
// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror %s %t.opaque.o -o %t
// RUN: %t
//
// Real code, custom derivatives: HESSC_PARTIAL(f, k) marks a function that
// returns df/d(argument k), with f's parameters; hessc calls f without
// looking into it and differentiates the partials for the second order.
// The opaque functions here are all correct, and all out of hessc's reach:
//  - bessel_j0, bessel_j1: only declared; their bodies (std::cyl_bessel_j)
//    are in another translation unit, Inputs/real_opaque.cpp; their
//    partials are power series with loops;
//  - kepler_E(M, e), the eccentric anomaly: defined after its use, by a
//    Newton iteration written with goto, which hessc rejects; its partials
//    solve the equation again with a visible loop;
//  - log_gamma: a library call, std::lgamma, which hessc does not know; its
//    partial, digamma, is a visible series (a while loop that shifts its
//    argument, an asymptotic tail) that hessc differentiates for the
//    trigamma function;
//  - fsoftsign (float): defined after use with a switch, which hessc
//    rejects; its partial uses fabs.
//
// The references are analytic, derived by hand below: J0' = -J1, J1' = J0 -
// J1/x; the implicit-function derivatives of Kepler's equation E - e sin E = M
// (with E from an independent bisection); the gamma likelihood's gradient and
// Hessian with digamma and trigamma from their own series (shifted to x >= 20,
// where the asymptotic series is good to 1e-17); softsign's u/(1 + |u|)
// derivatives. Each function at 3 or more points: f, f_grad, f_hessian and
// f_hvp, and the sparse Hessian against f_hessian's matrix
// (check::second_order). Tolerance 1e-12, relative above 1 and absolute below;
// float 1e-5 as in grad_float.cpp. The second derivative in alpha of gamma_nll
// is hessc's derivative of digamma's series, which is the trigamma series cut
// after B_10 at x >= 10: off by about B_12 / x^13 <= 3e-14 per datum from the
// exact trigamma of the reference (6e-14 measured for 6 data).

#include <hessc/hessc.h>

#include <cmath>
#include <vector>

#include "Inputs/real.h"

static const double Tol = 1e-12;
static const double FloatTol = 1e-5;

//===----------------------------------------------------------------------===//
// 1. Bessel functions from another translation unit.
//===----------------------------------------------------------------------===//

double bessel_j0(double x);
double bessel_j1(double x);

// The partials cannot call bessel_j0 or bessel_j1 themselves, as J0' = -J1
// and J1' = J0 - J1/x would: hessc rejects a partial that reaches its own
// function again as recursion (see the report of this corpus,
// bug_partial_calls_function.cpp). They call visible power series instead,
// J0(x) = sum (-1)^k (x/2)^2k / k!^2 and J1(x) = sum (-1)^k (x/2)^(2k+1) /
// (k! (k+1)!), which hessc differentiates for the second derivatives; 30
// terms are exact to rounding for |x| <= 6.
static double j0_series(double x) {
  double q = -0.25 * x * x, term = 1.0, s = 1.0;
  for (int k = 1; k < 30; ++k) {
    term *= q / (k * k);
    s += term;
  }
  return s;
}

static double j1_series(double x) {
  double q = -0.25 * x * x, term = 0.5 * x, s = 0.5 * x;
  for (int k = 1; k < 30; ++k) {
    term *= q / (k * (k + 1));
    s += term;
  }
  return s;
}

HESSC_PARTIAL(bessel_j0, 0)
double bessel_j0_dx(double x) { return -j1_series(x); }

HESSC_PARTIAL(bessel_j1, 0)
double bessel_j1_dx(double x) { return j0_series(x) - j1_series(x) / x; }

/// A circular membrane's mode plus the squared first-order term.
HESSC_DIFF()
double membrane(double k, double a) {
  double j1 = bessel_j1(k);
  return a * bessel_j0(k * a) + j1 * j1;
}

/// u = k a; J0' = -J1, J0'' = -J1' = -(J0 - J1/x), J1'' = -J1 - J1'/x + J1/x^2:
/// f_k = a^2 J0'(u) + 2 J1 J1', f_a = J0(u) + u J0'(u),
/// f_kk = a^3 J0''(u) + 2 (J1'^2 + J1 J1''), f_ka = 2 a J0'(u) + a u J0''(u),
/// f_aa = 2 k J0'(u) + k u J0''(u).
static void membrane_ref(double k, double a, real::Ref &r) {
  auto J0 = [](double x) { return std::cyl_bessel_j(0.0, x); };
  auto J1 = [](double x) { return std::cyl_bessel_j(1.0, x); };
  double u = k * a;
  double j0u = J0(u), j1u = J1(u);
  double d0 = -j1u, dd0 = -(j0u - j1u / u);
  double j1 = J1(k), j0 = J0(k);
  double d1 = j0 - j1 / k, dd1 = -j1 - d1 / k + j1 / (k * k);
  r.f = a * j0u + j1 * j1;
  r.g = {a * a * d0 + 2 * j1 * d1, j0u + u * d0};
  double hka = 2 * a * d0 + a * u * dd0;
  r.H = {a * a * a * dd0 + 2 * (d1 * d1 + j1 * dd1), hka, hka, 2 * k * d0 + k * u * dd0};
}

//===----------------------------------------------------------------------===//
// 2, 3. Kepler's equation, solved by a routine hessc cannot read (goto) and
// defined further down; its partials call it.
//===----------------------------------------------------------------------===//

double kepler_E(double M, double e);

// As above, the partials cannot call kepler_E (rejected as recursion): they
// solve Kepler's equation again by a visible Newton iteration with a fixed
// number of steps, which hessc differentiates for the second derivatives
// (once converged, the derivatives of the iterates are those of the
// solution: the Newton map's own derivative vanishes there).
static double kepler_newton(double M, double e) {
  double E = M + e * std::sin(M);
  for (int it = 0; it < 12; ++it)
    E -= (E - e * std::sin(E) - M) / (1.0 - e * std::cos(E));
  return E;
}

/// dE/dM = 1 / (1 - e cos E).
HESSC_PARTIAL(kepler_E, 0)
double kepler_E_dM(double M, double e) {
  double E = kepler_newton(M, e);
  return 1.0 / (1.0 - e * std::cos(E));
}

/// dE/de = sin E / (1 - e cos E).
HESSC_PARTIAL(kepler_E, 1)
double kepler_E_de(double M, double e) {
  double E = kepler_newton(M, e);
  return std::sin(E) / (1.0 - e * std::cos(E));
}

/// The orbital radius at mean anomaly M.
HESSC_DIFF()
double orbit_radius(double M, double e, double a) {
  return a * (1.0 - e * std::cos(kepler_E(M, e)));
}

/// The least-squares misfit of an orbit (a, e) to radii observed at mean
/// anomalies M[i]: kepler_E in a loop.
HESSC_DIFF("a, e")
double orbit_misfit(double a, double e, const double *M, const double *r, int m) {
  double f = 0;
  for (int i = 0; i < m; ++i) {
    double E = kepler_E(M[i], e);
    double res = a * (1.0 - e * std::cos(E)) - r[i];
    f += res * res;
  }
  return f;
}

double kepler_E(double M, double e) {
  double E = M + e * std::sin(M);
  int it = 0;
newton:
  {
    double step = (E - e * std::sin(E) - M) / (1.0 - e * std::cos(E));
    E -= step;
    if (std::fabs(step) > 1e-15 && ++it < 50)
      goto newton;
  }
  return E;
}

/// E by bisection on [M - 1, M + 1] (E - e sin E - M is increasing for e <
/// 1 and |E - M| <= e), to the last bit: a reference independent of
/// kepler_E's Newton iteration.
static double kepler_bisect(double M, double e) {
  double lo = M - 1, hi = M + 1;
  for (int i = 0; i < 200; ++i) {
    double mid = 0.5 * (lo + hi);
    if (mid == lo || mid == hi)
      break;
    (mid - e * std::sin(mid) - M < 0 ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

/// Value, gradient and Hessian of r(M, e, a) = a (1 - e cos E(M, e)) by
/// implicit differentiation of E - e sin E = M, D = 1 - e cos E:
/// E_M = 1/D, E_e = sin E / D, D_M = e sin E E_M, D_e = -cos E + e sin E E_e,
/// E_MM = -D_M / D^2, E_Me = -D_e / D^2, E_ee = (cos E E_e D - sin E D_e) / D^2;
/// r_M = a e sin E E_M, r_e = a D_e, r_a = D.
struct Radius {
  double r, g[3], H[3][3]; // over (M, e, a)
};
static Radius radius_ref(double M, double e, double a) {
  double E = kepler_bisect(M, e), s = std::sin(E), c = std::cos(E);
  double D = 1 - e * c;
  double EM = 1 / D, Ee = s / D;
  double DM = e * s * EM, De = -c + e * s * Ee;
  double EMM = -DM / (D * D), EMe = -De / (D * D), Eee = (c * Ee * D - s * De) / (D * D);
  Radius R;
  R.r = a * D;
  R.g[0] = a * e * s * EM;
  R.g[1] = a * De;
  R.g[2] = D;
  R.H[0][0] = a * e * (c * EM * EM + s * EMM);
  R.H[0][1] = R.H[1][0] = a * (s * EM + e * c * Ee * EM + e * s * EMe);
  R.H[1][1] = a * (2 * s * Ee + e * c * Ee * Ee + e * s * Eee);
  R.H[0][2] = R.H[2][0] = e * s * EM;
  R.H[1][2] = R.H[2][1] = De;
  R.H[2][2] = 0;
  return R;
}

/// misfit = sum rho_i^2, rho_i = r(M_i, e, a) - r_i: over (a, e),
/// grad = 2 sum rho grad rho, H = 2 sum (grad rho grad rho^T + rho Hess rho).
static void orbit_misfit_ref(double a, double e, const double *M, const double *r,
                             int m, real::Ref &ref) {
  ref.clear();
  const int idx[2] = {2, 1}; // (a, e) in Radius's (M, e, a)
  for (int i = 0; i < m; ++i) {
    Radius R = radius_ref(M[i], e, a);
    double rho = R.r - r[i];
    ref.f += rho * rho;
    for (int k = 0; k < 2; ++k) {
      ref.g[k] += 2 * rho * R.g[idx[k]];
      ref.gs[k] += std::fabs(2 * rho * R.g[idx[k]]);
      for (int l = 0; l < 2; ++l) {
        double t = 2 * (R.g[idx[k]] * R.g[idx[l]] + rho * R.H[idx[k]][idx[l]]);
        ref.h(k, l) += t;
        ref.hs(k, l) += std::fabs(2 * R.g[idx[k]] * R.g[idx[l]]) +
                        std::fabs(2 * rho * R.H[idx[k]][idx[l]]);
      }
    }
  }
}

//===----------------------------------------------------------------------===//
// 4. A library call: log_gamma is std::lgamma; its partial digamma is a
// visible series, differentiated by hessc for the second order.
//===----------------------------------------------------------------------===//

double log_gamma(double x) { return std::lgamma(x); }

/// psi(x): shift to x >= 10 by psi(x) = psi(x + 1) - 1/x, then the
/// asymptotic series log x - 1/(2x) - sum B_2k / (2k x^2k) through B_10.
HESSC_PARTIAL(log_gamma, 0)
double digamma(double x) {
  double r = 0;
  while (x < 10.0) {
    r -= 1.0 / x;
    x += 1.0;
  }
  double f = 1.0 / (x * x);
  return r + std::log(x) - 0.5 / x -
         f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))));
}

/// The negative log-likelihood of a gamma distribution (shape alpha, rate
/// beta) for the data x[0..m).
HESSC_DIFF("alpha, beta")
double gamma_nll(double alpha, double beta, const double *x, int m) {
  double f = 0;
  for (int i = 0; i < m; ++i)
    f += log_gamma(alpha) - alpha * std::log(beta) - (alpha - 1.0) * std::log(x[i]) + beta * x[i];
  return f;
}

/// digamma and trigamma shifted to x >= 20 (the next terms of the series
/// are below 1e-17 there), independently of digamma() above.
static void psi_ref(double x, double &psi, double &psi1) {
  psi = psi1 = 0;
  while (x < 20) {
    psi -= 1 / x;
    psi1 += 1 / (x * x);
    x += 1;
  }
  double f = 1 / (x * x);
  psi += std::log(x) - 0.5 / x -
         f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))));
  psi1 += 1 / x + 0.5 * f +
          f / x * (1.0 / 6 - f * (1.0 / 30 - f * (1.0 / 42 - f * (1.0 / 30 - f * 5.0 / 66))));
}

/// f_alpha = sum psi(alpha) - log beta - log x_i, f_beta = sum x_i - alpha/beta,
/// f_aa = m psi'(alpha), f_ab = -m / beta, f_bb = m alpha / beta^2.
static void gamma_nll_ref(double alpha, double beta, const double *x, int m,
                          real::Ref &r) {
  r.clear();
  double psi, psi1;
  psi_ref(alpha, psi, psi1);
  for (int i = 0; i < m; ++i) {
    r.f += std::lgamma(alpha) - alpha * std::log(beta) - (alpha - 1) * std::log(x[i]) + beta * x[i];
    r.g[0] += psi - std::log(beta) - std::log(x[i]);
    r.g[1] += x[i] - alpha / beta;
    r.gs[0] += std::fabs(psi) + std::fabs(std::log(beta)) + std::fabs(std::log(x[i]));
    r.gs[1] += std::fabs(x[i]) + std::fabs(alpha / beta);
  }
  r.H = {m * psi1, -m / beta, -m / beta, m * alpha / (beta * beta)};
}

//===----------------------------------------------------------------------===//
// 5. float: softsign, defined after use with a switch; partial with fabs.
//===----------------------------------------------------------------------===//

float fsoftsign(float u);

HESSC_PARTIAL(fsoftsign, 0)
float fsoftsign_du(float u) {
  float d = 1.0f + std::fabs(u);
  return 1.0f / (d * d);
}

HESSC_DIFF()
float fsoft(float x, float y) { return fsoftsign(x * y) + y * fsoftsign(x); }

float fsoftsign(float u) {
  switch (u < 0.0f ? -1 : 1) {
  case -1:
    return u / (1.0f - u);
  default:
    return u / (1.0f + u);
  }
}

/// s(u) = u / (1 + |u|), s' = 1 / (1 + |u|)^2, s'' = -2 sign(u) / (1 + |u|)^3:
/// f_x = y s'(xy) + y s'(x), f_y = x s'(xy) + s(x),
/// f_xx = y^2 s''(xy) + y s''(x), f_xy = s'(xy) + xy s''(xy) + s'(x),
/// f_yy = x^2 s''(xy).
static void fsoft_ref(double x, double y, real::Ref &r) {
  auto s0 = [](double u) { return u / (1 + std::fabs(u)); };
  auto s1 = [](double u) { return 1 / ((1 + std::fabs(u)) * (1 + std::fabs(u))); };
  auto s2 = [](double u) {
    double d = 1 + std::fabs(u);
    return -2 * (u > 0 ? 1 : -1) / (d * d * d);
  };
  double u = x * y;
  r.f = s0(u) + y * s0(x);
  r.g = {y * s1(u) + y * s1(x), x * s1(u) + s0(x)};
  double hxy = s1(u) + u * s2(u) + s1(x);
  r.H = {y * y * s2(u) + y * s2(x), hxy, hxy, x * x * s2(u)};
}

//===----------------------------------------------------------------------===//

int main() {
  {
    check::Case c("membrane (bessel_j0, bessel_j1 from another TU)", Tol);
    const double pts[][2] = {{1.3, 0.8}, {2.7, 1.5}, {0.6, 2.0}, {4.1, 0.3}};
    for (const auto &p : pts) {
      real::Ref r(2);
      membrane_ref(p[0], p[1], r);
      c.at({p[0], p[1]});
      real::check_point(c, r, REAL_CALLS(membrane, p[0], p[1]));
    }
  }
  {
    check::Case c("orbit_radius (kepler_E: goto, defined after use)", Tol);
    const double pts[][3] = {{0.5, 0.1, 1.0}, {2.0, 0.6, 1.5}, {-1.2, 0.3, 0.7}, {4.0, 0.85, 2.0}};
    for (const auto &p : pts) {
      Radius R = radius_ref(p[0], p[1], p[2]);
      real::Ref r(3);
      r.f = R.r;
      for (int k = 0; k < 3; ++k) {
        r.g[k] = R.g[k];
        for (int l = 0; l < 3; ++l)
          r.h(k, l) = R.H[k][l];
      }
      c.at({p[0], p[1], p[2]});
      real::check_point(c, r, REAL_CALLS(orbit_radius, p[0], p[1], p[2]));
    }
  }
  {
    check::Case c("orbit_misfit (kepler_E in a loop)", Tol);
    const int m = 5;
    const double M[m] = {0.3, 1.1, 2.0, 3.5, 5.2};
    double robs[m];
    for (int i = 0; i < m; ++i)
      robs[i] = radius_ref(M[i], 0.4, 1.2).r + 0.01 * (i - 2);
    const double pts[][2] = {{1.2, 0.4}, {1.0, 0.2}, {1.5, 0.7}};
    for (const auto &p : pts) {
      real::Ref r(2);
      orbit_misfit_ref(p[0], p[1], M, robs, m, r);
      c.at({p[0], p[1]});
      real::check_point(c, r, REAL_CALLS(orbit_misfit, p[0], p[1], M, robs, m));
    }
  }
  {
    check::Case c("gamma_nll (log_gamma = std::lgamma, digamma partial)", Tol);
    const double x[6] = {0.8, 2.1, 1.4, 3.7, 0.5, 1.9};
    const double pts[][2] = {{2.0, 1.1}, {0.7, 0.4}, {5.5, 3.0}, {12.5, 6.0}};
    for (const auto &p : pts) {
      real::Ref r(2);
      gamma_nll_ref(p[0], p[1], x, 6, r);
      c.at({p[0], p[1]});
      real::check_point(c, r, REAL_CALLS(gamma_nll, p[0], p[1], x, 6));
    }
  }
  {
    check::Case c("fsoft (float; fsoftsign: switch, defined after use)", FloatTol);
    const float pts[][2] = {{0.5f, 1.25f}, {-0.75f, 0.375f}, {1.75f, -0.625f}, {-1.5f, -2.0f}};
    for (const auto &p : pts) {
      real::Ref r(2);
      fsoft_ref(p[0], p[1], r);
      c.at({p[0], p[1]});
      real::check_point(c, r, REAL_CALLS(fsoft, p[0], p[1]));
    }
  }
  return check::exit_code();
}
