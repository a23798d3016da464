// RUN: %sympy_ref %s > %t.ref.h
// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror -include %t.ref.h %s -o %t
// RUN: %t
//
// Real code, loops: while, do-while, for(;;) and while (true) with break,
// continue on int and on data conditions, nested loops with break and
// continue in the inner and the outer loop, iteration counts that only the
// data decide (grow until a threshold is passed, sum a series until its
// terms are small, fly until the ground is hit, iterate until escape), and
// early returns from inside loops, nested ones included.
//
// The references know the control flow only as the code's own decisions: the
// test replays them in plain double arithmetic (the same operations on the
// same inputs, so the same iteration counts, pairs and exits) and then
// evaluates derivatives derived by hand for the path taken: closed forms from
// sympy with the counts as constants (compound_growth, projectile), sums of
// the derivatives of each term (the series, the pair sums, the early exits),
// and for the escape iteration t <- t^2/2 + x the chain rule written out:
// t' <- t t' + 1, t'' <- t'^2 + t t''. Each function at 3 or more points,
// chosen so that every exit is taken somewhere (checked with expect), and
// away from the ties where a decision would flip.
//
// Each function: f against the reference value, f_grad, f_hessian and f_hvp in
// several directions, and the sparse Hessian against f_hessian's matrix
// (check::second_order). Tolerance 1e-12, relative above 1 and absolute below
// (entries that are sums of many terms relative to the sum of their
// magnitudes); the float function 1e-5 as in grad_float.cpp.

#include <hessc/hessc.h>

#include <cmath>
#include <vector>

#include "Inputs/real.h"

static const double Tol = 1e-12;
static const double FloatTol = 1e-5;

//===----------------------------------------------------------------------===//
// 1. while: compound interest until a target is passed.
//===----------------------------------------------------------------------===//

// With K the number of years the loop ran:
// SYMPY: compound_growth(r, p; K) = p*(1 + r)**K*exp(-3/100*K)
HESSC_DIFF("r, p")
double compound_growth(double r, double p, double target) {
  double b = p;
  int years = 0;
  while (b < target) {
    b *= 1.0 + r;
    ++years;
  }
  return b * std::exp(-0.03 * years);
}

static void test_compound_growth() {
  check::Case c("compound_growth (while)", Tol);
  const double pts[][3] = {{0.05, 1.0, 2.0}, {0.12, 0.7, 5.0}, {0.3, 2.5, 2.0}, {0.01, 1.0, 1.2}};
  for (const auto &p : pts) {
    int K = 0;
    for (double b = p[1]; b < p[2]; b *= 1.0 + p[0])
      ++K;
    real::Ref r(2);
    REAL_SYMPY(r, compound_growth, p[0], p[1], double(K));
    c.at("r=%g, p=%g, target=%g (%d years)", p[0], p[1], p[2], K);
    real::check_point(c, r, REAL_CALLS(compound_growth, p[0], p[1], p[2]));
  }
}

//===----------------------------------------------------------------------===//
// 2. do-while: the exponential series summed until a term is below tol.
//===----------------------------------------------------------------------===//

HESSC_DIFF("x, y")
double exp_series(double x, double y, double tol) {
  double term = 1.0, sum = 1.0;
  int k = 0;
  do {
    ++k;
    term *= x / k;
    sum += term;
  } while (std::fabs(term) > tol);
  return sum * y;
}

/// With K terms after the first: f = y S_0, S_m = sum_{j=0}^{K-m} x^j / j!
/// (d/dx S_m = S_{m+1}): grad = (y S_1, S_0), H = [[y S_2, S_1], [S_1, 0]].
static void exp_series_ref(double x, double y, double tol, real::Ref &r, int &K) {
  double term = 1.0;
  K = 0;
  do {
    ++K;
    term *= x / K;
  } while (std::fabs(term) > tol);
  double S[3];
  for (int m = 0; m < 3; ++m) {
    S[m] = 0;
    double t = 1;
    for (int j = 0; j <= K - m; ++j) {
      S[m] += t;
      t *= x / (j + 1);
    }
  }
  r.f = y * S[0];
  r.g = {y * S[1], S[0]};
  r.H = {y * S[2], S[1], S[1], 0.0};
}

static void test_exp_series() {
  check::Case c("exp_series (do-while)", Tol);
  const double pts[][3] = {{0.5, 2.0, 1e-3}, {-1.5, 0.7, 1e-6}, {2.5, -1.0, 1e-2}, {0.05, 1.0, 0.1}};
  for (const auto &p : pts) {
    real::Ref r(2);
    int K;
    exp_series_ref(p[0], p[1], p[2], r, K);
    c.at("x=%g, y=%g, tol=%g (%d terms)", p[0], p[1], p[2], K);
    real::check_point(c, r, REAL_CALLS(exp_series, p[0], p[1], p[2]));
  }
}

//===----------------------------------------------------------------------===//
// 3. for(;;) with break: a weighted walk until its energy passes a level.
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double first_passage(const double *x, int n, double level) {
  double s = 0, w = 0;
  int i = 0;
  for (;;) {
    s += x[i] * x[i];
    w += std::sin(x[i]) * (i + 1);
    ++i;
    if (s > level || i == n)
      break;
  }
  return w + s * i;
}

/// With m terms: f = sum_{i<m} (i+1) sin x_i + m sum_{i<m} x_i^2, diagonal.
static void first_passage_ref(const double *x, int n, double level,
                              real::Ref &r, int &m) {
  r.clear();
  double s = 0;
  m = 0;
  do {
    s += x[m] * x[m];
    ++m;
  } while (!(s > level || m == n));
  for (int i = 0; i < m; ++i) {
    r.f += (i + 1) * std::sin(x[i]) + m * x[i] * x[i];
    r.g[i] = (i + 1) * std::cos(x[i]) + 2 * m * x[i];
    r.h(i, i) = -(i + 1) * std::sin(x[i]) + 2 * m;
  }
}

static void test_first_passage() {
  check::Case c("first_passage (for(;;), break)", Tol);
  check::Rng rng(101);
  const double levels[] = {0.8, 2.0, 100.0, 1.5};
  bool early = false, full = false;
  for (double level : levels) {
    const int n = 7;
    std::vector<double> x = real::random_vector(rng, n, -1, 1);
    real::Ref r(n);
    int m;
    first_passage_ref(x.data(), n, level, r, m);
    early |= m < n;
    full |= m == n;
    c.at("level %g (%d terms)", level, m);
    real::check_point(c, r, REAL_CALLS(first_passage, x.data(), n, level));
  }
  c.expect(early && full, "both exits of the loop");
}

//===----------------------------------------------------------------------===//
// 4. continue, on data and on the index.
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double positive_part_energy(const double *x, int n) {
  double e = 0;
  for (int i = 0; i < n; ++i) {
    if (x[i] < 0)
      continue;
    if (i % 3 == 2)
      continue;
    e += x[i] * x[i] * x[i] * std::exp(-x[i]);
  }
  return e;
}

/// phi = x^3 e^-x, phi' = (3x^2 - x^3) e^-x, phi'' = (6x - 6x^2 + x^3) e^-x
/// for the kept entries, diagonal.
static void positive_part_energy_ref(const double *x, int n, real::Ref &r) {
  r.clear();
  for (int i = 0; i < n; ++i) {
    if (x[i] < 0 || i % 3 == 2)
      continue;
    double v = x[i], e = std::exp(-v);
    r.f += v * v * v * e;
    r.g[i] = (3 * v * v - v * v * v) * e;
    r.h(i, i) = (6 * v - 6 * v * v + v * v * v) * e;
  }
}

static void test_positive_part_energy() {
  check::Case c("positive_part_energy (continue)", Tol);
  check::Rng rng(102);
  for (int n : {3, 8, 12}) {
    std::vector<double> x = real::random_vector(rng, n, -2, 3);
    real::Ref r(n);
    positive_part_energy_ref(x.data(), n, r);
    c.at("n=%d", n);
    real::check_point(c, r, REAL_CALLS(positive_part_energy, x.data(), n));
  }
}

//===----------------------------------------------------------------------===//
// 5. Nested loops: continue in the outer (on the index), break in the inner
// (band edge), continue in the inner (data), break in the outer (data).
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double banded_pairs(const double *x, int n, int band, double cap) {
  double e = 0;
  for (int i = 0; i < n; ++i) {
    if (i % 4 == 3)
      continue;
    for (int j = i + 1; j < n; ++j) {
      if (j - i > band)
        break;
      double d = x[j] - x[i];
      if (d * d > 4.0)
        continue;
      e += std::cos(d) + 0.5 * d * d;
    }
    if (e > cap)
      break;
  }
  return e;
}

/// The pairs the loops visit, replayed; psi(d) = cos d + d^2 / 2 of
/// d = x_j - x_i: psi' = d - sin d, psi'' = 1 - cos d.
static void banded_pairs_ref(const double *x, int n, int band, double cap,
                             real::Ref &r, int &skipped, bool &capped) {
  r.clear();
  skipped = 0;
  capped = false;
  for (int i = 0; i < n; ++i) {
    if (i % 4 == 3)
      continue;
    for (int j = i + 1; j < n && j - i <= band; ++j) {
      double d = x[j] - x[i];
      if (d * d > 4.0) {
        ++skipped;
        continue;
      }
      r.f += std::cos(d) + 0.5 * d * d;
      double d1 = d - std::sin(d), d2 = 1 - std::cos(d);
      r.g[j] += d1;
      r.g[i] -= d1;
      r.gs[j] += std::fabs(d1);
      r.gs[i] += std::fabs(d1);
      r.h(i, i) += d2;
      r.h(j, j) += d2;
      r.h(i, j) -= d2;
      r.h(j, i) -= d2;
      r.hs(i, i) += d2;
      r.hs(j, j) += d2;
    }
    if (r.f > cap) {
      capped = true;
      break;
    }
  }
}

static void test_banded_pairs() {
  check::Case c("banded_pairs (nested break/continue)", Tol);
  check::Rng rng(103);
  bool any_skip = false, any_cap = false, any_full = false;
  const double caps[] = {1e9, 6.0, 1e9, 12.0};
  for (int p = 0; p < 4; ++p) {
    const int n = 10;
    std::vector<double> x = real::random_vector(rng, n, -2.5, 2.5);
    real::Ref r(n);
    int skipped;
    bool capped;
    banded_pairs_ref(x.data(), n, 3, caps[p], r, skipped, capped);
    any_skip |= skipped > 0;
    any_cap |= capped;
    any_full |= !capped;
    c.at("point %d (%d pairs skipped%s)", p, skipped, capped ? ", capped" : "");
    real::check_point(c, r, REAL_CALLS(banded_pairs, x.data(), n, 3, caps[p]));
  }
  c.expect(any_skip && any_cap && any_full, "every exit of both loops");
}

//===----------------------------------------------------------------------===//
// 6. return from inside a loop.
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double first_hit(const double *x, int n, double thr) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    s += x[i] * x[i];
    if (x[i] > thr)
      return s * x[i];
  }
  return -s;
}

/// Hit at m: f = x_m (S + x_m^2), S = sum_{i<m} x_i^2; else f = -sum x^2.
static void first_hit_ref(const double *x, int n, double thr, real::Ref &r,
                          int &m) {
  r.clear();
  for (m = 0; m < n && !(x[m] > thr); ++m)
    ;
  if (m == n) {
    for (int i = 0; i < n; ++i) {
      r.f -= x[i] * x[i];
      r.g[i] = -2 * x[i];
      r.h(i, i) = -2;
    }
    return;
  }
  double S = 0, xm = x[m];
  for (int i = 0; i < m; ++i)
    S += x[i] * x[i];
  r.f = xm * (S + xm * xm);
  for (int i = 0; i < m; ++i) {
    r.g[i] = 2 * x[i] * xm;
    r.h(i, i) = 2 * xm;
    r.h(i, m) = r.h(m, i) = 2 * x[i];
  }
  r.g[m] = S + 3 * xm * xm;
  r.h(m, m) = 6 * xm;
}

//===----------------------------------------------------------------------===//
// 7. return from inside nested loops: the first pair closer than tol.
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double first_close_pair(const double *x, int n, double tol) {
  double acc = 0;
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) {
      double d = x[i] - x[j];
      if (std::fabs(d) < tol)
        return acc + std::exp(-d * d);
      acc += d * d * (j - i);
    }
  return acc;
}

static void first_close_pair_ref(const double *x, int n, double tol,
                                 real::Ref &r, bool &hit) {
  r.clear();
  hit = false;
  for (int i = 0; i < n && !hit; ++i)
    for (int j = i + 1; j < n; ++j) {
      double d = x[i] - x[j];
      double d1, d2;
      if (std::fabs(d) < tol) {
        double e = std::exp(-d * d);
        r.f += e;
        d1 = -2 * d * e;
        d2 = (4 * d * d - 2) * e;
        hit = true;
      } else {
        r.f += d * d * (j - i);
        d1 = 2 * d * (j - i);
        d2 = 2.0 * (j - i);
      }
      r.g[i] += d1;
      r.g[j] -= d1;
      r.gs[i] += std::fabs(d1);
      r.gs[j] += std::fabs(d1);
      r.h(i, i) += d2;
      r.h(j, j) += d2;
      r.h(i, j) -= d2;
      r.h(j, i) -= d2;
      r.hs(i, i) += std::fabs(d2);
      r.hs(j, j) += std::fabs(d2);
      if (hit)
        break;
    }
}

//===----------------------------------------------------------------------===//
// 8. while with a data-dependent count: a projectile with drag, stepped until
// it hits the ground; vx and vy (by value) are overwritten in the loop.
//===----------------------------------------------------------------------===//

// After K steps of dt with q = 1 - c dt: x_K = vx dt (1 - q^K) / (c dt),
// h_K = K vy dt - g dt^2 K (K - 1) / 2, and f = x_K exp(h_K).
// SYMPY: projectile(vx, vy; K, dt, c) = vx*dt*(1 - (1 - c*dt)**K)/(c*dt)*exp(K*vy*dt - 981/100*dt**2*K*(K - 1)/2)
HESSC_DIFF("vx, vy")
double projectile(double vx, double vy, double dt, double c) {
  double x = 0, h = 0;
  while (h >= 0.0) {
    x += vx * dt;
    h += vy * dt;
    vx *= 1.0 - c * dt;
    vy -= 9.81 * dt;
  }
  return x * std::exp(h);
}

static void test_projectile() {
  check::Case c("projectile (while, data-dependent count)", Tol);
  const double pts[][4] = {{3.0, 4.0, 0.05, 0.1}, {10.0, 1.0, 0.01, 0.5}, {1.0, 12.0, 0.1, 0.02}, {5.0, 0.3, 0.02, 0.2}};
  for (const auto &p : pts) {
    int K = 0;
    double h = 0, vy = p[1];
    while (h >= 0.0) {
      h += vy * p[2];
      vy -= 9.81 * p[2];
      ++K;
    }
    real::Ref r(2);
    REAL_SYMPY(r, projectile, p[0], p[1], double(K), p[2], p[3]);
    c.at("vx=%g, vy=%g, dt=%g, c=%g (%d steps)", p[0], p[1], p[2], p[3], K);
    real::check_point(c, r, REAL_CALLS(projectile, p[0], p[1], p[2], p[3]));
  }
}

//===----------------------------------------------------------------------===//
// 9. do-while with continue: odd entries scale, even entries add.
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double alternating_product(const double *x, int n) {
  double s = 0, p = 1;
  int i = -1;
  do {
    ++i;
    if (i % 2 == 1) {
      p *= 1 + x[i] * x[i];
      continue;
    }
    s += std::sin(x[i]) * p;
  } while (i < n - 1);
  return s;
}

/// f = sum_{i even} sin(x_i) P_i, P_i = prod_{j odd, j < i} (1 + x_j^2). With
/// u_j = 2 x_j / (1 + x_j^2) (d log(1 + x_j^2)) and T_{>k} = sum_{i even,
/// i > k} sin(x_i) P_i: df/dx_i = cos x_i P_i (i even), T_{>j} u_j (j odd);
/// d2/dx_i^2 = -sin x_i P_i, d2/dx_i dx_j = cos x_i P_i u_j (j < i),
/// d2/dx_j dx_k = T_{>max(j,k)} u_j u_k, d2/dx_j^2 = T_{>j} 2 / (1 + x_j^2).
static void alternating_product_ref(const double *x, int n, real::Ref &r) {
  r.clear();
  std::vector<double> P(n), u(n), T(n + 1, 0.0);
  double p = 1;
  for (int i = 0; i < n; ++i) {
    P[i] = p;
    if (i % 2 == 1) {
      p *= 1 + x[i] * x[i];
      u[i] = 2 * x[i] / (1 + x[i] * x[i]);
    }
  }
  for (int k = n - 1; k >= 0; --k) // T[k] = T_{>k-1}: even i >= k
    T[k] = T[k + 1] + (k % 2 == 0 ? std::sin(x[k]) * P[k] : 0.0);
  for (int i = 0; i < n; ++i) {
    if (i % 2 == 0) {
      r.f += std::sin(x[i]) * P[i];
      r.g[i] = std::cos(x[i]) * P[i];
      r.h(i, i) = -std::sin(x[i]) * P[i];
      for (int j = 1; j < i; j += 2)
        r.h(i, j) = r.h(j, i) = std::cos(x[i]) * P[i] * u[j];
    } else {
      r.g[i] = T[i + 1] * u[i];
      r.h(i, i) = T[i + 1] * 2 / (1 + x[i] * x[i]);
      for (int k = 1; k < i; k += 2)
        r.h(i, k) = r.h(k, i) = T[i + 1] * u[i] * u[k];
    }
  }
}

//===----------------------------------------------------------------------===//
// 10. while (true) inside a for: an escape-time iteration t <- t^2/2 + x_i
// with two breaks (escaped, too many steps), and a break of the outer loop.
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double escape_time(const double *x, int n, double radius, int maxit) {
  double total = 0;
  for (int i = 0; i < n; ++i) {
    double t = x[i];
    int k = 0;
    while (true) {
      if (t > radius)
        break;
      t = 0.5 * t * t + x[i];
      ++k;
      if (k >= maxit)
        break;
    }
    total += t;
    if (total > 30.0)
      break;
  }
  return total;
}

/// Each x_i's orbit with its derivatives by the chain rule: t' = t t' + 1,
/// t'' = t'^2 + t t'' (from t_0 = x: t' = 1, t'' = 0); diagonal.
static void escape_time_ref(const double *x, int n, double radius, int maxit,
                            real::Ref &r, int &escaped, int &exhausted,
                            bool &stopped) {
  r.clear();
  escaped = exhausted = 0;
  stopped = false;
  for (int i = 0; i < n; ++i) {
    double t = x[i], t1 = 1, t2 = 0;
    int k = 0;
    for (;;) {
      if (t > radius) {
        ++escaped;
        break;
      }
      double nt = 0.5 * t * t + x[i];
      t2 = t1 * t1 + t * t2;
      t1 = t * t1 + 1;
      t = nt;
      if (++k >= maxit) {
        ++exhausted;
        break;
      }
    }
    r.f += t;
    r.g[i] = t1;
    r.h(i, i) = t2;
    if (r.f > 30.0) {
      stopped = true;
      break;
    }
  }
}

static void test_escape_time() {
  check::Case c("escape_time (while(true) in for, breaks)", Tol);
  const double radius = 4.0;
  const int maxit = 12;
  const double pts[][5] = {{0.3, 0.9, -0.5, 1.7, 0.1},
                           {1.2, 0.45, 1.9, -1.1, 0.6},
                           {2.3, 2.6, 3.1, 0.2, -0.3},
                           {3.9, 3.95, 3.8, 0.3, 0.2}};
  int esc = 0, exh = 0;
  bool any_stop = false;
  for (const auto &p : pts) {
    real::Ref r(5);
    int e, x;
    bool stopped;
    escape_time_ref(p, 5, radius, maxit, r, e, x, stopped);
    esc += e;
    exh += x;
    any_stop |= stopped;
    c.at({p[0], p[1], p[2], p[3], p[4]});
    real::check_point(c, r, REAL_CALLS(escape_time, p, 5, radius, maxit));
  }
  c.expect(esc > 0 && exh > 0 && any_stop, "every exit of both loops");
}

//===----------------------------------------------------------------------===//
// 11. float: return from inside a loop, in float.
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
float ffirst_hit(const float *x, int n, float thr) {
  float s = 0.0f;
  for (int i = 0; i < n; ++i) {
    s += x[i] * x[i];
    if (x[i] > thr)
      return s * x[i];
  }
  return -s;
}

//===----------------------------------------------------------------------===//
// 12. A savings plan: b <- b + b r + d each year. Written b += b * r + d,
// the gradient is wrong (see the report of this corpus,
// bug_plus_assign_self.cpp): += whose right-hand side is a sum with a term
// that reads the variable itself.
//===----------------------------------------------------------------------===//

// SYMPY: annuity(r, d; N) = d*((1 + r)**N - 1)/r
HESSC_DIFF("r, d")
double annuity(double r, double d, int years) {
  double b = 0;
  for (int k = 0; k < years; ++k)
    b = b + b * r + d;
  return b;
}

//===----------------------------------------------------------------------===//

int main() {
  test_compound_growth();
  test_exp_series();
  test_first_passage();
  test_positive_part_energy();
  test_banded_pairs();
  {
    check::Case c("first_hit (return in a loop)", Tol);
    check::Rng rng(104);
    const double thrs[] = {0.5, 0.9, 5.0, -0.2};
    bool hit = false, miss = false;
    for (double thr : thrs) {
      const int n = 6;
      std::vector<double> x = real::random_vector(rng, n, -1, 1);
      real::Ref r(n);
      int m;
      first_hit_ref(x.data(), n, thr, r, m);
      hit |= m < n;
      miss |= m == n;
      c.at("thr=%g (exit at %d)", thr, m);
      real::check_point(c, r, REAL_CALLS(first_hit, x.data(), n, thr));
    }
    c.expect(hit && miss, "both returns");
  }
  {
    check::Case c("first_close_pair (return in nested loops)", Tol);
    check::Rng rng(105);
    const double tols[] = {0.05, 0.3, 1e-9, 0.15};
    bool hit_any = false, miss_any = false;
    for (double tol : tols) {
      const int n = 6;
      std::vector<double> x = real::random_vector(rng, n, -2, 2);
      real::Ref r(n);
      bool hit;
      first_close_pair_ref(x.data(), n, tol, r, hit);
      hit_any |= hit;
      miss_any |= !hit;
      c.at("tol=%g (%s)", tol, hit ? "hit" : "no hit");
      real::check_point(c, r, REAL_CALLS(first_close_pair, x.data(), n, tol));
    }
    c.expect(hit_any && miss_any, "both returns");
  }
  test_projectile();
  {
    check::Case c("alternating_product (do-while, continue)", Tol);
    check::Rng rng(106);
    for (int n : {1, 4, 7}) {
      std::vector<double> x = real::random_vector(rng, n, -1.5, 1.5);
      real::Ref r(n);
      alternating_product_ref(x.data(), n, r);
      c.at("n=%d", n);
      real::check_point(c, r, REAL_CALLS(alternating_product, x.data(), n));
    }
  }
  test_escape_time();
  {
    check::Case c("ffirst_hit (float)", FloatTol);
    check::Rng rng(107);
    const float thrs[] = {0.5f, 0.9f, 5.0f};
    for (float thr : thrs) {
      const int n = 6;
      std::vector<float> xf(n);
      std::vector<double> x(n);
      for (int i = 0; i < n; ++i)
        x[i] = xf[i] = float(rng.uniform(-1, 1));
      real::Ref r(n);
      int m;
      first_hit_ref(x.data(), n, thr, r, m);
      c.at("thr=%g (exit at %d)", double(thr), m);
      real::check_point(c, r, REAL_CALLS(ffirst_hit, xf.data(), n, thr));
    }
  }
  {
    check::Case c("annuity (b = b + b r + d)", Tol);
    const double pts[][3] = {{0.05, 100.0, 10}, {0.03, 2.5, 30}, {0.12, 0.7, 5}};
    for (const auto &p : pts) {
      int years = int(p[2]);
      real::Ref r(2);
      REAL_SYMPY(r, annuity, p[0], p[1], p[2]);
      c.at("r=%g, d=%g, %d years", p[0], p[1], years);
      real::check_point(c, r, REAL_CALLS(annuity, p[0], p[1], years));
    }
  }
  return check::exit_code();
}
