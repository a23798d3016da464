// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror %s -o %t
// RUN: %t
//
// Real code, calls (1 of 2): array code that calls user functions with
// visible bodies, which hessc differentiates too. Helpers at several depths
// (cluster_energy -> dist2 -> sq), scalars by value and by const double&,
// arrays by pointer as g(x, n), g(x + i*d, d) and &x[k], constant data
// arrays with int sizes, a local std::vector by const&, the same helper (sq,
// dot) called from several places and from several annotated functions,
// helpers with their own loops, branches and early returns, a helper per
// time step; static, inline and namespaced helpers.
//
// Each function is checked at 3 or more points: f against the reference value,
// f_grad, and f_hessian and f_hvp (check::second_order, several directions,
// with the sparse Hessian against f_hessian's matrix) against gradients and
// Hessians derived by hand below (pair potential, Huber regression, a chain of
// springs, softmax regression, a capped group norm, the chain rule through the
// time steps, a feature map).
//
// Tolerance 1e-12, relative above 1 and absolute below, and for the sums over
// pairs, bonds and samples each gradient and Hessian entry relative to the sum
// of the magnitudes of its terms (real::Ref::gs, Hs): the two sides add the
// same terms in different orders.
//
// Where a call's result feeds another call inside a loop, it goes through a
// local (double r2 = dist2(...); lj(r2, ...)): written inline, lj(dist2(...))
// in a loop gets a wrong gradient, and so does a helper whose argument the
// loop overwrites (t = step(t, x[i])); see the report of this corpus,
// bug_call_args_not_saved.cpp, and 6 below.

#include <hessc/hessc.h>

#include <cmath>
#include <vector>

#include "Inputs/real.h"

static const double Tol = 1e-12;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

namespace geom {
static inline double sq(double a) { return a * a; }

/// Squared distance of two points of dimension d (calls sq: depth 2 below
/// an annotated function).
inline double dist2(const double *p, const double *q, int d) {
  double s = 0;
  for (int k = 0; k < d; ++k)
    s += sq(p[k] - q[k]);
  return s;
}

inline double dot(const double *a, const double *b, int d) {
  double s = 0;
  for (int k = 0; k < d; ++k)
    s += a[k] * b[k];
  return s;
}
} // namespace geom

namespace phys {
/// Lennard-Jones energy of a pair at squared distance r2 (by const double&).
double lj(const double &r2, double eps, double sigma) {
  double s2 = sigma * sigma / r2;
  double s6 = s2 * s2 * s2;
  return 4.0 * eps * (s6 * s6 - s6);
}
} // namespace phys

//===----------------------------------------------------------------------===//
// 1. Lennard-Jones cluster: cluster_energy -> dist2 -> sq, and lj(const
// double&), with x + 3*i and &x[3*j].
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[3*n]")
double cluster_energy(const double *x, int n, double eps, double sigma) {
  double e = 0;
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) {
      double r2 = geom::dist2(x + 3 * i, &x[3 * j], 3);
      e += phys::lj(r2, eps, sigma);
    }
  return e;
}

/// phi(s) = 4 eps (sigma^12 / s^6 - sigma^6 / s^3) of s = |p_i - p_j|^2:
/// grad_i = 2 phi' d, grad_j = -2 phi' d (d = p_i - p_j); Hessian blocks
/// B = 2 phi' I + 4 phi'' d d^T at (i, i), (j, j) and -B at (i, j), (j, i).
static void cluster_energy_ref(const double *x, int n, double eps,
                               double sigma, real::Ref &r) {
  r.clear();
  double s6 = std::pow(sigma, 6), s12 = s6 * s6;
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) {
      double d[3], s = 0;
      for (int k = 0; k < 3; ++k) {
        d[k] = x[3 * i + k] - x[3 * j + k];
        s += d[k] * d[k];
      }
      double phi = 4 * eps * (s12 / std::pow(s, 6) - s6 / std::pow(s, 3));
      double d1 = 4 * eps * (-6 * s12 / std::pow(s, 7) + 3 * s6 / std::pow(s, 4));
      double d2 = 4 * eps * (42 * s12 / std::pow(s, 8) - 12 * s6 / std::pow(s, 5));
      r.f += phi;
      for (int k = 0; k < 3; ++k) {
        double t = 2 * d1 * d[k];
        r.g[3 * i + k] += t;
        r.g[3 * j + k] -= t;
        r.gs[3 * i + k] += std::fabs(t);
        r.gs[3 * j + k] += std::fabs(t);
        for (int l = 0; l < 3; ++l) {
          double b = 4 * d2 * d[k] * d[l] + (k == l ? 2 * d1 : 0.0);
          double sb = std::fabs(4 * d2 * d[k] * d[l]) + (k == l ? std::fabs(2 * d1) : 0.0);
          r.h(3 * i + k, 3 * i + l) += b;
          r.h(3 * j + k, 3 * j + l) += b;
          r.h(3 * i + k, 3 * j + l) -= b;
          r.h(3 * j + k, 3 * i + l) -= b;
          r.hs(3 * i + k, 3 * i + l) += sb;
          r.hs(3 * j + k, 3 * j + l) += sb;
          r.hs(3 * i + k, 3 * j + l) += sb;
          r.hs(3 * j + k, 3 * i + l) += sb;
        }
      }
    }
}

static void test_cluster_energy() {
  check::Case c("cluster_energy (LJ, 3 and 4 atoms)", Tol);
  check::Rng rng(11);
  for (int n : {3, 4}) {
    for (int rep = 0; rep < 2; ++rep) {
      // A tetrahedron of edge ~1.12 (near the pair minimum 2^(1/6)),
      // jittered.
      const double base[12] = {0, 0, 0, 1.12, 0, 0, 0.56, 0.97, 0,
                               0.56, 0.32, 0.91};
      std::vector<double> x(3 * n);
      for (int k = 0; k < 3 * n; ++k)
        x[k] = base[k] + rng.uniform(-0.08, 0.08);
      double eps = rep ? 0.7 : 1.0, sigma = rep ? 1.05 : 1.0;
      real::Ref r(3 * n);
      cluster_energy_ref(x.data(), n, eps, sigma, r);
      c.at("n=%d, rep %d", n, rep);
      real::check_point(c, r, REAL_CALLS(cluster_energy, x.data(), n, eps, sigma));
    }
  }
}

//===----------------------------------------------------------------------===//
// 2. Robust regression: a Huber loss (a helper with a branch and an early
// return) of residuals dot(w, X + i*d, d) - y[i], and sq for the ridge term.
//===----------------------------------------------------------------------===//

static double huber(double r, double delta) {
  double a = std::fabs(r);
  if (a <= delta)
    return 0.5 * r * r;
  return delta * (a - 0.5 * delta);
}

HESSC_DIFF("w[d]")
double huber_regression(const double *w, const double *X, const double *y,
                        int m, int d, double delta, double lambda) {
  double f = 0;
  for (int i = 0; i < m; ++i) {
    double r = geom::dot(w, X + i * d, d) - y[i];
    f += huber(r, delta);
  }
  for (int k = 0; k < d; ++k)
    f += 0.5 * lambda * geom::sq(w[k]);
  return f;
}

/// psi' = r (|r| <= delta) or delta sign(r); psi'' = 1 or 0: grad = sum
/// psi' X_i + lambda w, H = sum psi'' X_i X_i^T + lambda I.
static void huber_regression_ref(const double *w, const double *X,
                                 const double *y, int m, int d, double delta,
                                 double lambda, real::Ref &r, int &inside) {
  r.clear();
  inside = 0;
  for (int i = 0; i < m; ++i) {
    double res = -y[i];
    for (int k = 0; k < d; ++k)
      res += w[k] * X[i * d + k];
    double a = std::fabs(res);
    bool quad = a <= delta;
    inside += quad;
    r.f += quad ? 0.5 * res * res : delta * (a - 0.5 * delta);
    double d1 = quad ? res : (res > 0 ? delta : -delta);
    double d2 = quad ? 1.0 : 0.0;
    for (int k = 0; k < d; ++k) {
      r.g[k] += d1 * X[i * d + k];
      r.gs[k] += std::fabs(d1 * X[i * d + k]);
      for (int l = 0; l < d; ++l) {
        r.h(k, l) += d2 * X[i * d + k] * X[i * d + l];
        r.hs(k, l) += std::fabs(d2 * X[i * d + k] * X[i * d + l]);
      }
    }
  }
  for (int k = 0; k < d; ++k) {
    r.f += 0.5 * lambda * w[k] * w[k];
    r.g[k] += lambda * w[k];
    r.gs[k] += std::fabs(lambda * w[k]);
    r.h(k, k) += lambda;
    r.hs(k, k) += lambda;
  }
}

static void test_huber_regression() {
  check::Case c("huber_regression", Tol);
  const int m = 8, d = 3;
  check::Rng rng(22);
  std::vector<double> X(m * d), y(m);
  for (double &e : X)
    e = rng.uniform(-1, 1);
  for (double &e : y)
    e = rng.uniform(-1.5, 1.5);
  const double delta = 0.5, lambda = 0.1;
  int both = 0;
  for (int p = 0; p < 4; ++p) {
    double w[d];
    for (double &e : w)
      e = rng.uniform(-1, 1);
    real::Ref r(d);
    int inside = 0;
    huber_regression_ref(w, X.data(), y.data(), m, d, delta, lambda, r, inside);
    // Both pieces at every point; no residual within 1e-3 of the switch.
    both += inside > 0 && inside < m;
    for (int i = 0; i < m; ++i) {
      double res = geom::dot(w, &X[i * d], d) - y[i];
      c.expect(std::fabs(std::fabs(res) - delta) > 1e-3, "residual away from the Huber switch");
    }
    c.at({w[0], w[1], w[2]});
    real::check_point(c, r, REAL_CALLS(huber_regression, w, X.data(), y.data(), m, d, delta, lambda));
  }
  c.expect(both == 4, "both Huber pieces at each point");
}

//===----------------------------------------------------------------------===//
// 3. An anharmonic (Fermi-Pasta-Ulam) chain: bond(&x[i], ...) reads p[0] and
// p[1]; the same sq as above, here from another annotated function.
//===----------------------------------------------------------------------===//

static double bond(const double *p, double k, double len) {
  double e = p[1] - p[0] - len;
  return 0.5 * k * geom::sq(e) + 0.25 * k * geom::sq(geom::sq(e));
}

HESSC_DIFF("x[n]")
double fpu_chain(const double *x, int n, double k, double len) {
  double v = geom::sq(x[0]); // pinned at 0
  for (int i = 0; i + 1 < n; ++i)
    v += bond(&x[i], k, len);
  return v;
}

/// V(e) = k e^2 / 2 + k e^4 / 4, e_i = x_{i+1} - x_i - len: V' = k e + k e^3,
/// V'' = k + 3 k e^2, tridiagonal.
static void fpu_chain_ref(const double *x, int n, double k, double len,
                          real::Ref &r) {
  r.clear();
  r.f = x[0] * x[0];
  r.g[0] = 2 * x[0];
  r.h(0, 0) = 2;
  for (int i = 0; i + 1 < n; ++i) {
    double e = x[i + 1] - x[i] - len;
    r.f += 0.5 * k * e * e + 0.25 * k * e * e * e * e;
    double d1 = k * e + k * e * e * e, d2 = k + 3 * k * e * e;
    r.g[i + 1] += d1;
    r.g[i] -= d1;
    r.gs[i + 1] += std::fabs(d1);
    r.gs[i] += std::fabs(d1);
    r.h(i, i) += d2;
    r.h(i + 1, i + 1) += d2;
    r.h(i, i + 1) -= d2;
    r.h(i + 1, i) -= d2;
  }
}

static void test_fpu_chain() {
  check::Case c("fpu_chain", Tol);
  check::Rng rng(33);
  for (int n : {2, 5, 9}) {
    std::vector<double> x(n);
    for (int i = 0; i < n; ++i)
      x[i] = 0.9 * i + rng.uniform(-0.3, 0.3);
    real::Ref r(n);
    fpu_chain_ref(x.data(), n, 1.5, 1.0, r);
    c.at("n=%d", n);
    real::check_point(c, r, REAL_CALLS(fpu_chain, x.data(), n, 1.5, 1.0));
  }
}

//===----------------------------------------------------------------------===//
// 6. Multinomial logistic regression: a local array of logits, each a
// dot(W + c*d, X + s*d, d), rewritten for every sample; log-sum-exp with the
// running maximum (a branch in a loop) and the one-hot labels read inline.
//
// Written around two bugs (see the report of this corpus): a local array
// passed to a helper makes f_hessian fail to compile
// (bug_local_array_to_helper.cpp), and one rewritten in a loop and then
// passed to a helper gets a wrong gradient, the helper's pullback seeing the
// last iteration's values (bug_local_array_overwritten.cpp). An int array of
// labels cannot be read either (z[label[s]] is rejected), hence one-hot rows.
//===----------------------------------------------------------------------===//

HESSC_DIFF("W[k*d]")
double multinomial_nll(const double *W, const double *X, const double *Y,
                       int m, int k, int d) {
  double f = 0;
  for (int s = 0; s < m; ++s) {
    double z[8];
    for (int c = 0; c < k; ++c)
      z[c] = geom::dot(W + c * d, X + s * d, d);
    double zmax = z[0];
    for (int c = 1; c < k; ++c)
      if (z[c] > zmax)
        zmax = z[c];
    double sum = 0;
    for (int c = 0; c < k; ++c)
      sum += std::exp(z[c] - zmax);
    f += zmax + std::log(sum);
    for (int c = 0; c < k; ++c)
      f -= Y[s * k + c] * z[c];
  }
  return f;
}

/// p = softmax(z): d/dW_cj = sum_s (p_c - [c = label]) x_j, Hessian
/// sum_s (p_c [c = c'] - p_c p_c') x_j x_j'.
static void multinomial_nll_ref(const double *W, const double *X,
                                const int *label, int m, int k, int d,
                                real::Ref &r) {
  r.clear();
  for (int s = 0; s < m; ++s) {
    double z[8], p[8], zmax = -1e300, sum = 0;
    for (int c = 0; c < k; ++c) {
      z[c] = 0;
      for (int j = 0; j < d; ++j)
        z[c] += W[c * d + j] * X[s * d + j];
      zmax = std::fmax(zmax, z[c]);
    }
    for (int c = 0; c < k; ++c)
      sum += std::exp(z[c] - zmax);
    for (int c = 0; c < k; ++c)
      p[c] = std::exp(z[c] - zmax) / sum;
    r.f += zmax + std::log(sum) - z[label[s]];
    for (int c = 0; c < k; ++c)
      for (int j = 0; j < d; ++j) {
        double t = (p[c] - (c == label[s])) * X[s * d + j];
        r.g[c * d + j] += t;
        r.gs[c * d + j] += std::fabs(t);
        for (int c2 = 0; c2 < k; ++c2)
          for (int j2 = 0; j2 < d; ++j2) {
            double h = ((c == c2 ? p[c] : 0.0) - p[c] * p[c2]) * X[s * d + j] *
                       X[s * d + j2];
            r.h(c * d + j, c2 * d + j2) += h;
            r.hs(c * d + j, c2 * d + j2) += std::fabs(h) * 2;
          }
      }
  }
}

static void test_multinomial_nll() {
  check::Case c("multinomial_nll", Tol);
  const int m = 5, k = 3, d = 2;
  check::Rng rng(44);
  std::vector<double> X(m * d);
  for (double &e : X)
    e = rng.uniform(-2, 2);
  const int label[m] = {0, 2, 1, 1, 0};
  std::vector<double> Y(m * k, 0.0);
  for (int s = 0; s < m; ++s)
    Y[s * k + label[s]] = 1.0;
  for (int p = 0; p < 3; ++p) {
    std::vector<double> W(k * d);
    for (double &e : W)
      e = rng.uniform(-1.5, 1.5);
    real::Ref r(k * d);
    multinomial_nll_ref(W.data(), X.data(), label, m, k, d, r);
    c.at("point %d", p);
    real::check_point(c, r, REAL_CALLS(multinomial_nll, W.data(), X.data(), Y.data(), m, k, d));
  }
}

//===----------------------------------------------------------------------===//
// 10. Group penalty: soft_cap(x + i*d, d, cap), a helper with a loop, a
// branch and an early return, on each strided group.
//===----------------------------------------------------------------------===//

static double soft_cap(const double *p, int d, double cap) {
  double s = 0;
  for (int k = 0; k < d; ++k)
    s += p[k] * p[k];
  if (s <= cap)
    return s;
  return cap * (1.0 + std::log(s / cap));
}

HESSC_DIFF("x[m*d]")
double group_penalty(const double *x, int m, int d, double cap) {
  double f = 0;
  for (int i = 0; i < m; ++i)
    f += soft_cap(x + i * d, d, cap);
  return f;
}

/// psi(s) = s or cap (1 + log(s / cap)), s = |p|^2: grad = 2 psi' p,
/// Hessian block 2 psi' I + 4 psi'' p p^T with psi' = 1 or cap / s,
/// psi'' = 0 or -cap / s^2.
static void group_penalty_ref(const double *x, int m, int d, double cap,
                              real::Ref &r, int &capped) {
  r.clear();
  capped = 0;
  for (int i = 0; i < m; ++i) {
    const double *p = x + i * d;
    double s = 0;
    for (int k = 0; k < d; ++k)
      s += p[k] * p[k];
    bool low = s <= cap;
    capped += !low;
    r.f += low ? s : cap * (1 + std::log(s / cap));
    double d1 = low ? 1.0 : cap / s, d2 = low ? 0.0 : -cap / (s * s);
    for (int k = 0; k < d; ++k) {
      r.g[i * d + k] = 2 * d1 * p[k];
      for (int l = 0; l < d; ++l)
        r.h(i * d + k, i * d + l) = 4 * d2 * p[k] * p[l] + (k == l ? 2 * d1 : 0.0);
    }
  }
}

static void test_group_penalty() {
  check::Case c("group_penalty", Tol);
  check::Rng rng(66);
  const int m = 4, d = 3;
  const double cap = 1.0;
  for (int p = 0; p < 3; ++p) {
    std::vector<double> x(m * d);
    for (double &e : x)
      e = rng.uniform(-1.1, 1.1);
    real::Ref r(m * d);
    int capped = 0;
    group_penalty_ref(x.data(), m, d, cap, r, capped);
    c.expect(capped > 0 && capped < m, "both pieces of soft_cap");
    c.at("point %d", p);
    real::check_point(c, r, REAL_CALLS(group_penalty, x.data(), m, d, cap));
  }
}

//===----------------------------------------------------------------------===//
// 6. Explicit time stepping through a helper: every state kept in a local
// std::vector, traj[i + 1] = growth_step(traj[i], x[i]). The natural form,
// t = growth_step(t, x[i]) on one scalar, gets a wrong gradient: the
// overwritten t is not saved for the helper's pullback (see the report of
// this corpus, bug_call_args_not_saved.cpp).
//===----------------------------------------------------------------------===//

static double growth_step(double t, double a) {
  return t + 0.1 * (a * std::sin(t) + 0.5 * a * t * t);
}

HESSC_DIFF("x[n]")
double trajectory_end(const double *x, int n) {
  std::vector<double> traj(n + 1);
  traj[0] = 0.5;
  for (int i = 0; i < n; ++i)
    traj[i + 1] = growth_step(traj[i], x[i]);
  return traj[n] * traj[n];
}

/// The chain rule through t' = t + (a sin t + a t^2 / 2) / 10: with
/// p = dt'/dt = 1 + (a cos t + a t) / 10, q = dt'/da = (sin t + t^2 / 2) / 10,
/// p_t = (a - a sin t) / 10, p_a = (cos t + t) / 10, the gradient G and
/// Hessian H of t over x step as G' = p G + q e_i,
/// H' = p H + p_t G G^T + p_a (G e_i^T + e_i G^T); f = t^2.
static void trajectory_end_ref(const double *x, int n, real::Ref &r) {
  std::vector<double> G(n, 0.0), H(n * n, 0.0);
  double t = 0.5;
  for (int i = 0; i < n; ++i) {
    double a = x[i];
    double p = 1 + 0.1 * (a * std::cos(t) + a * t), q = 0.1 * (std::sin(t) + 0.5 * t * t);
    double pt = 0.1 * (a - a * std::sin(t)), pa = 0.1 * (std::cos(t) + t);
    std::vector<double> G2(n), H2(n * n);
    for (int k = 0; k < n; ++k) {
      G2[k] = p * G[k] + (k == i ? q : 0.0);
      for (int l = 0; l < n; ++l)
        H2[k * n + l] = p * H[k * n + l] + pt * G[k] * G[l] +
                        pa * (G[k] * (l == i) + (k == i) * G[l]);
    }
    G = G2;
    H = H2;
    t = t + 0.1 * (a * std::sin(t) + 0.5 * a * t * t);
  }
  r.clear();
  r.f = t * t;
  for (int k = 0; k < n; ++k) {
    r.g[k] = 2 * t * G[k];
    for (int l = 0; l < n; ++l)
      r.h(k, l) = 2 * (G[k] * G[l] + t * H[k * n + l]);
  }
}

static void test_trajectory_end() {
  check::Case c("trajectory_end (helper per time step)", Tol);
  check::Rng rng(77);
  for (int n : {1, 4, 8}) {
    std::vector<double> x(n);
    for (double &e : x)
      e = rng.uniform(-1, 2);
    real::Ref r(n);
    trajectory_end_ref(x.data(), n, r);
    c.at("n=%d", n);
    real::check_point(c, r, REAL_CALLS(trajectory_end, x.data(), n));
  }
}

//===----------------------------------------------------------------------===//
// 7. A feature map into a local std::vector, then a helper taking it by
// const std::vector<double>& (over its .size()).
//===----------------------------------------------------------------------===//

static double sum_squares(const std::vector<double> &v) {
  double s = 0;
  for (std::size_t i = 0; i < v.size(); ++i)
    s += v[i] * v[i];
  return s;
}

HESSC_DIFF("x[n]")
double feature_norm(const double *x, int n) {
  std::vector<double> phi(2 * n);
  for (int i = 0; i < n; ++i) {
    phi[2 * i] = std::sin(x[i]);
    phi[2 * i + 1] = x[i] * x[(i + 1) % n];
  }
  return sum_squares(phi);
}

/// f = sum sin^2 x_i + sum (x_i x_j)^2 with j = i + 1 mod n (n >= 2):
/// d sin^2 = sin 2x, d2 = 2 cos 2x; the pair term adds 2 x_i x_j^2,
/// 2 x_i^2 x_j to the gradient and 2 x_j^2, 2 x_i^2, 4 x_i x_j to the
/// Hessian.
static void feature_norm_ref(const double *x, int n, real::Ref &r) {
  r.clear();
  for (int i = 0; i < n; ++i) {
    int j = (i + 1) % n;
    double s = std::sin(x[i]), p = x[i] * x[j];
    r.f += s * s + p * p;
    r.g[i] += std::sin(2 * x[i]) + 2 * x[i] * x[j] * x[j];
    r.g[j] += 2 * x[i] * x[i] * x[j];
    r.h(i, i) += 2 * std::cos(2 * x[i]) + 2 * x[j] * x[j];
    r.h(j, j) += 2 * x[i] * x[i];
    r.add_sym(i, j, 4 * x[i] * x[j]);
  }
}

static void test_feature_norm() {
  check::Case c("feature_norm (local std::vector to a helper)", Tol);
  check::Rng rng(88);
  for (int n : {2, 3, 6}) {
    std::vector<double> x(n);
    for (double &e : x)
      e = rng.uniform(-1.5, 1.5);
    real::Ref r(n);
    feature_norm_ref(x.data(), n, r);
    c.at("n=%d", n);
    real::check_point(c, r, REAL_CALLS(feature_norm, x.data(), n));
  }
}

int main() {
  test_cluster_energy();
  test_huber_regression();
  test_fpu_chain();
  test_multinomial_nll();
  test_group_penalty();
  test_trajectory_end();
  test_feature_norm();
  return check::exit_code();
}
