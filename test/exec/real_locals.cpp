// RUN: %sympy_ref %s > %t.ref.h
// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror -include %t.ref.h %s -o %t
// RUN: %t
//
// Real code, local arrays: double t[8] with full, partial ({1.0, x}) and
// empty ({}) initialisers, std::array<double, 4> and std::array<float, 6>,
// std::vector<double> t(n) and t(n, c) created in the function with lengths
// from parameters; written and read inside loops, values overwritten: a
// Chebyshev recurrence, Runge-Kutta stages rewritten at every step, prefix
// sums, an in-place recurrence t[i] = t[i] + sin(t[i-1]), repeated
// Gauss-Seidel sweeps over the same array, a ring buffer indexed i % 4,
// insertion sort by swaps.
//
// References: sympy for the closed forms in a few scalars (the Chebyshev
// polynomials written out, RK4's step polynomial R(z) = 1 + z + z^2/2 + z^3/6
// + z^4/24); for the array functions, derivatives derived by hand below: for
// a linear map u = M x followed by a sum of psi(u_i), grad = M^T psi'(u) and
// H = M^T diag(psi''(u)) M, with M written from its definition (prefix sums,
// windows, products of sweep matrices); for the nonlinear in-place recurrence
// the chain rule written out (gradient and Hessian of every t_i).
//
// Each function at 3 or more points: f, f_grad, f_hessian and f_hvp (several
// directions), and the sparse Hessian against f_hessian's matrix
// (check::second_order). Tolerance 1e-12, relative above 1 and absolute below;
// float 1e-5 as in grad_float.cpp.

#include <hessc/hessc.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "Inputs/real.h"

static const double Tol = 1e-12;
static const double FloatTol = 1e-5;

/// r from u = M x (M n x n, row-major) and f = sum psi(u_i) given psi,
/// psi', psi'' at each u_i: grad = M^T psi', H = M^T diag(psi'') M, with the
/// sums of the terms' magnitudes as scales.
static void linear_then_sum(const std::vector<double> &M, int n,
                            const std::vector<double> &p0,
                            const std::vector<double> &p1,
                            const std::vector<double> &p2, real::Ref &r) {
  r.clear();
  for (int i = 0; i < n; ++i) {
    r.f += p0[i];
    for (int k = 0; k < n; ++k) {
      double mik = M[i * n + k];
      r.g[k] += mik * p1[i];
      r.gs[k] += std::fabs(mik * p1[i]);
      for (int l = 0; l < n; ++l) {
        r.h(k, l) += mik * p2[i] * M[i * n + l];
        r.hs(k, l) += std::fabs(mik * p2[i] * M[i * n + l]);
      }
    }
  }
}

//===----------------------------------------------------------------------===//
// 1. Chebyshev series: double T[8] = {1.0, x}, T[k] = 2x T[k-1] - T[k-2].
//===----------------------------------------------------------------------===//

static const double kCheb[8] = {0.5, -0.25, 0.125, 0.3, -0.2, 0.1, 0.05, -0.02};

HESSC_DIFF()
double cheb_series(double x, double y) {
  double T[8] = {1.0, x};
  for (int k = 2; k < 8; ++k)
    T[k] = 2.0 * x * T[k - 1] - T[k - 2];
  double s = 0;
  for (int k = 0; k < 8; ++k)
    s += kCheb[k] * T[k];
  return s * std::exp(0.5 * y) + T[7] * y;
}
// SYMPY: cheb_series(x, y) = (1/2 - x/4 + (2*x**2 - 1)/8 + 3/10*(4*x**3 - 3*x) - 1/5*(8*x**4 - 8*x**2 + 1) + 1/10*(16*x**5 - 20*x**3 + 5*x) + 1/20*(32*x**6 - 48*x**4 + 18*x**2 - 1) - 1/50*(64*x**7 - 112*x**5 + 56*x**3 - 7*x))*exp(y/2) + (64*x**7 - 112*x**5 + 56*x**3 - 7*x)*y

//===----------------------------------------------------------------------===//
// 2. RK4 for y' = a y + b, 10 steps of h = 0.1, stages in a std::array that
// every step overwrites.
//===----------------------------------------------------------------------===//

HESSC_DIFF()
double rk4_affine(double a, double b, double y0) {
  const double h = 0.1;
  double y = y0;
  std::array<double, 4> k;
  for (int step = 0; step < 10; ++step) {
    k[0] = a * y + b;
    k[1] = a * (y + 0.5 * h * k[0]) + b;
    k[2] = a * (y + 0.5 * h * k[1]) + b;
    k[3] = a * (y + h * k[2]) + b;
    y += h / 6.0 * (k[0] + 2.0 * k[1] + 2.0 * k[2] + k[3]);
  }
  return y * y;
}
// One step is y <- R y + h b P with z = a h, R = 1 + z P,
// P = 1 + z/2 + z^2/6 + z^3/24, so y_10 = R^10 y0 + h b P (R^10 - 1) / (R - 1).
// SYMPY: rk4_affine(a, b, y0) = ((1 + a/10 + (a/10)**2/2 + (a/10)**3/6 + (a/10)**4/24)**10*y0 + b/10*(1 + a/20 + (a/10)**2/6 + (a/10)**3/24)*((1 + a/10 + (a/10)**2/2 + (a/10)**3/6 + (a/10)**4/24)**10 - 1)/(a/10 + (a/10)**2/2 + (a/10)**3/6 + (a/10)**4/24))**2

//===----------------------------------------------------------------------===//
// 3. Prefix sums in std::vector<double> c(n).
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double cumulative_energy(const double *x, const double *w, int n) {
  std::vector<double> c(n);
  c[0] = x[0];
  for (int i = 1; i < n; ++i)
    c[i] = c[i - 1] + x[i];
  double e = 0;
  for (int i = 0; i < n; ++i)
    e += w[i] * std::log(1.0 + c[i] * c[i]);
  return e;
}

static void cumulative_energy_ref(const double *x, const double *w, int n,
                                  real::Ref &r) {
  std::vector<double> M(n * n, 0.0), p0(n), p1(n), p2(n);
  double c = 0;
  for (int i = 0; i < n; ++i) {
    for (int k = 0; k <= i; ++k)
      M[i * n + k] = 1;
    c += x[i];
    double q = 1 + c * c;
    p0[i] = w[i] * std::log(q);
    p1[i] = 2 * w[i] * c / q;
    p2[i] = 2 * w[i] * (1 - c * c) / (q * q);
  }
  linear_then_sum(M, n, p0, p1, p2, r);
}

//===----------------------------------------------------------------------===//
// 4. std::vector<double> t(n, 0.5), scaled in place, then the in-place
// recurrence t[i] = t[i] + sin(t[i-1]).
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double relaxation(const double *x, int n) {
  std::vector<double> t(n, 0.5);
  for (int i = 0; i < n; ++i)
    t[i] = t[i] * x[i];
  for (int i = 1; i < n; ++i)
    t[i] = t[i] + std::sin(t[i - 1]);
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += t[i] * t[i];
  return s;
}

/// t_0 = x_0 / 2, t_i = x_i / 2 + sin t_{i-1}: G_i = e_i / 2 + cos(t_{i-1})
/// G_{i-1}, H_i = cos(t_{i-1}) H_{i-1} - sin(t_{i-1}) G_{i-1} G_{i-1}^T;
/// f = sum t_i^2: grad = sum 2 t_i G_i, H = sum 2 (G_i G_i^T + t_i H_i).
static void relaxation_ref(const double *x, int n, real::Ref &r) {
  r.clear();
  std::vector<double> G(n, 0.0), Ht(n * n, 0.0), Gp(n), Hp(n * n);
  double t = 0;
  for (int i = 0; i < n; ++i) {
    if (i == 0) {
      t = 0.5 * x[0];
      G[0] = 0.5;
    } else {
      double c = std::cos(t), s = std::sin(t);
      Gp = G;
      Hp = Ht;
      for (int k = 0; k < n; ++k) {
        G[k] = c * Gp[k] + (k == i ? 0.5 : 0.0);
        for (int l = 0; l < n; ++l)
          Ht[k * n + l] = c * Hp[k * n + l] - s * Gp[k] * Gp[l];
      }
      t = 0.5 * x[i] + s;
    }
    r.f += t * t;
    for (int k = 0; k < n; ++k) {
      r.g[k] += 2 * t * G[k];
      for (int l = 0; l < n; ++l)
        r.h(k, l) += 2 * (G[k] * G[l] + t * Ht[k * n + l]);
    }
  }
}

//===----------------------------------------------------------------------===//
// 5. Repeated Gauss-Seidel sweeps over one std::vector.
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double smoothed_energy(const double *x, int n, int sweeps) {
  std::vector<double> u(n);
  for (int i = 0; i < n; ++i)
    u[i] = x[i];
  for (int s = 0; s < sweeps; ++s)
    for (int i = 1; i + 1 < n; ++i)
      u[i] = 0.25 * (u[i - 1] + 2.0 * u[i] + u[i + 1]);
  double e = 0;
  for (int i = 0; i < n; ++i)
    e += std::exp(u[i]) - u[i];
  return e;
}

/// u = M x with M the product of the sweep matrices: each update replaces
/// row i of the current M by (M_{i-1} + 2 M_i + M_{i+1}) / 4.
/// psi(u) = e^u - u.
static void smoothed_energy_ref(const double *x, int n, int sweeps,
                                real::Ref &r) {
  std::vector<double> M(n * n, 0.0), p0(n), p1(n), p2(n);
  for (int i = 0; i < n; ++i)
    M[i * n + i] = 1;
  for (int s = 0; s < sweeps; ++s)
    for (int i = 1; i + 1 < n; ++i)
      for (int k = 0; k < n; ++k)
        M[i * n + k] = 0.25 * (M[(i - 1) * n + k] + 2 * M[i * n + k] +
                               M[(i + 1) * n + k]);
  for (int i = 0; i < n; ++i) {
    double u = 0;
    for (int k = 0; k < n; ++k)
      u += M[i * n + k] * x[k];
    p0[i] = std::exp(u) - u;
    p1[i] = std::exp(u) - 1;
    p2[i] = std::exp(u);
  }
  linear_then_sum(M, n, p0, p1, p2, r);
}

//===----------------------------------------------------------------------===//
// 6. A partial initialiser of actives, double w[6] = {a, b, 1.0}, one entry
// set later, then read in a loop over constant nodes.
//===----------------------------------------------------------------------===//

static const double kNodes[3] = {-1.0, 0.5, 2.0};

HESSC_DIFF()
double partial_init(double a, double b) {
  double w[6] = {a, b, 1.0};
  w[4] = a * b;
  double f = 0;
  for (int j = 0; j < 3; ++j) {
    double p = 0, t = 1;
    for (int k = 0; k < 6; ++k) {
      p += w[k] * t;
      t *= kNodes[j];
    }
    f += p * p;
  }
  return f;
}
// p(t) = a + b t + t^2 + a b t^4 at t = -1, 1/2, 2:
// SYMPY: partial_init(a, b) = (a - b + 1 + a*b)**2 + (a + b/2 + 1/4 + a*b/16)**2 + (a + 2*b + 4 + 16*a*b)**2

//===----------------------------------------------------------------------===//
// 7. Insertion sort by swaps in a local double a[16]: an ordered weighted
// sum of v_i = x_i^2 + x_i.
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double ordered_weighted(const double *x, const double *w, int n) {
  double a[16];
  for (int i = 0; i < n; ++i)
    a[i] = x[i] * x[i] + x[i];
  for (int i = 1; i < n; ++i) {
    int j = i;
    while (j > 0 && a[j - 1] > a[j]) {
      double t = a[j];
      a[j] = a[j - 1];
      a[j - 1] = t;
      --j;
    }
  }
  double f = 0;
  for (int k = 0; k < n; ++k)
    f += w[k] * a[k];
  return f;
}

/// With rank(i) the position of v_i in ascending order: f = sum
/// w_rank(i) v_i, grad_i = w_rank(i) (2 x_i + 1), H = diag(2 w_rank(i)).
static void ordered_weighted_ref(const double *x, const double *w, int n,
                                 real::Ref &r) {
  r.clear();
  std::vector<int> order(n);
  for (int i = 0; i < n; ++i)
    order[i] = i;
  std::sort(order.begin(), order.end(), [&](int p, int q) {
    return x[p] * x[p] + x[p] < x[q] * x[q] + x[q];
  });
  for (int k = 0; k < n; ++k) {
    int i = order[k];
    r.f += w[k] * (x[i] * x[i] + x[i]);
    r.g[i] = w[k] * (2 * x[i] + 1);
    r.h(i, i) = 2 * w[k];
  }
}

//===----------------------------------------------------------------------===//
// 8. A smoothed total variation with the differences in std::vector d(n - 1).
//===----------------------------------------------------------------------===//

HESSC_DIFF("u[n]")
double minimal_surface(const double *u, int n) {
  std::vector<double> d(n - 1);
  for (int i = 0; i + 1 < n; ++i)
    d[i] = u[i + 1] - u[i];
  double a = 0;
  for (int i = 0; i + 1 < n; ++i)
    a += std::sqrt(1.0 + d[i] * d[i]);
  return a;
}

/// phi(d) = sqrt(1 + d^2), phi' = d / phi, phi'' = 1 / phi^3.
static void minimal_surface_ref(const double *u, int n, real::Ref &r) {
  r.clear();
  for (int i = 0; i + 1 < n; ++i) {
    double d = u[i + 1] - u[i], phi = std::sqrt(1 + d * d);
    r.f += phi;
    r.g[i + 1] += d / phi;
    r.g[i] -= d / phi;
    r.gs[i + 1] += std::fabs(d / phi);
    r.gs[i] += std::fabs(d / phi);
    double h = 1 / (phi * phi * phi);
    r.h(i, i) += h;
    r.h(i + 1, i + 1) += h;
    r.h(i, i + 1) -= h;
    r.h(i + 1, i) -= h;
  }
}

//===----------------------------------------------------------------------===//
// 9. A ring buffer double ring[4] = {} written at i % 4: moving averages.
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double moving_average_energy(const double *x, int n) {
  double ring[4] = {};
  double e = 0;
  for (int i = 0; i < n; ++i) {
    ring[i % 4] = x[i];
    double avg = 0.25 * (ring[0] + ring[1] + ring[2] + ring[3]);
    e += avg * avg + std::sin(avg);
  }
  return e;
}

/// avg_i = (x_{i-3} + ... + x_i) / 4 (entries before 0 are the initial
/// zeros); psi(a) = a^2 + sin a.
static void moving_average_energy_ref(const double *x, int n, real::Ref &r) {
  std::vector<double> M(n * n, 0.0), p0(n), p1(n), p2(n);
  for (int i = 0; i < n; ++i) {
    double a = 0;
    for (int k = std::max(0, i - 3); k <= i; ++k) {
      M[i * n + k] = 0.25;
      a += 0.25 * x[k];
    }
    p0[i] = a * a + std::sin(a);
    p1[i] = 2 * a + std::cos(a);
    p2[i] = 2 - std::sin(a);
  }
  linear_then_sum(M, n, p0, p1, p2, r);
}

//===----------------------------------------------------------------------===//
// 10. float: std::array<float, 6> Chebyshev recurrence.
//===----------------------------------------------------------------------===//

HESSC_DIFF()
float fcheb(float x, float y) {
  std::array<float, 6> T;
  T[0] = 1.0f;
  T[1] = x;
  for (int k = 2; k < 6; ++k)
    T[k] = 2.0f * x * T[k - 1] - T[k - 2];
  float s = 0.0f;
  for (int k = 0; k < 6; ++k)
    s += T[k] * y / float(k + 1);
  return s + y * y * T[3];
}
// SYMPY: fcheb(x, y) = y*(1 + x/2 + (2*x**2 - 1)/3 + (4*x**3 - 3*x)/4 + (8*x**4 - 8*x**2 + 1)/5 + (16*x**5 - 20*x**3 + 5*x)/6) + y**2*(4*x**3 - 3*x)

//===----------------------------------------------------------------------===//

int main() {
  {
    static const double pts[][2] = {{0.3, -0.5}, {-0.8, 1.2}, {0.95, 0.4}, {-0.1, -1.7}};
    check::Case c("cheb_series (double T[8] = {1.0, x})", Tol);
    REAL_SYMPY_POINTS2(c, cheb_series, double, pts);
  }
  {
    static const double pts[][3] = {{-0.8, 0.5, 1.0}, {1.3, -2.0, 0.3}, {-2.5, 1.5, -0.7}, {0.6, 0.2, 2.0}};
    check::Case c("rk4_affine (std::array stages)", Tol);
    REAL_SYMPY_POINTS3(c, rk4_affine, double, pts);
  }
  {
    check::Case c("cumulative_energy (std::vector c(n))", Tol);
    check::Rng rng(201);
    for (int n : {1, 4, 9}) {
      std::vector<double> x = real::random_vector(rng, n, -1, 1), w = real::random_vector(rng, n, 0.5, 2);
      real::Ref r(n);
      cumulative_energy_ref(x.data(), w.data(), n, r);
      c.at("n=%d", n);
      real::check_point(c, r, REAL_CALLS(cumulative_energy, x.data(), w.data(), n));
    }
  }
  {
    check::Case c("relaxation (std::vector t(n, 0.5), in place)", Tol);
    check::Rng rng(202);
    for (int n : {1, 3, 6}) {
      std::vector<double> x = real::random_vector(rng, n, -2, 2);
      real::Ref r(n);
      relaxation_ref(x.data(), n, r);
      c.at("n=%d", n);
      real::check_point(c, r, REAL_CALLS(relaxation, x.data(), n));
    }
  }
  {
    check::Case c("smoothed_energy (repeated sweeps)", Tol);
    check::Rng rng(203);
    const int ns[] = {2, 5, 8}, sweeps[] = {1, 3, 4};
    for (int p = 0; p < 3; ++p) {
      int n = ns[p];
      std::vector<double> x = real::random_vector(rng, n, -1.5, 1.5);
      real::Ref r(n);
      smoothed_energy_ref(x.data(), n, sweeps[p], r);
      c.at("n=%d, %d sweeps", n, sweeps[p]);
      real::check_point(c, r, REAL_CALLS(smoothed_energy, x.data(), n, sweeps[p]));
    }
  }
  {
    static const double pts[][2] = {{0.3, -0.5}, {-1.8, 1.2}, {0.95, 0.4}, {-0.1, -1.7}};
    check::Case c("partial_init (double w[6] = {a, b, 1.0})", Tol);
    REAL_SYMPY_POINTS2(c, partial_init, double, pts);
  }
  {
    check::Case c("ordered_weighted (insertion sort)", Tol);
    check::Rng rng(204);
    for (int n : {2, 6, 11}) {
      std::vector<double> x = real::random_vector(rng, n, -2, 1.5), w = real::random_vector(rng, n, -1, 1);
      real::Ref r(n);
      ordered_weighted_ref(x.data(), w.data(), n, r);
      c.at("n=%d", n);
      real::check_point(c, r, REAL_CALLS(ordered_weighted, x.data(), w.data(), n));
    }
  }
  {
    check::Case c("minimal_surface (std::vector d(n - 1))", Tol);
    check::Rng rng(205);
    for (int n : {2, 5, 10}) {
      std::vector<double> u = real::random_vector(rng, n, -2, 2);
      real::Ref r(n);
      minimal_surface_ref(u.data(), n, r);
      c.at("n=%d", n);
      real::check_point(c, r, REAL_CALLS(minimal_surface, u.data(), n));
    }
  }
  {
    check::Case c("moving_average_energy (ring buffer)", Tol);
    check::Rng rng(206);
    for (int n : {3, 6, 10}) {
      std::vector<double> x = real::random_vector(rng, n, -2, 2);
      real::Ref r(n);
      moving_average_energy_ref(x.data(), n, r);
      c.at("n=%d", n);
      real::check_point(c, r, REAL_CALLS(moving_average_energy, x.data(), n));
    }
  }
  {
    static const float pts[][2] = {{0.25f, -0.5f}, {-0.75f, 1.25f}, {0.875f, 0.375f}, {-0.125f, -1.5f}};
    check::Case c("fcheb (float, std::array<float, 6>)", FloatTol);
    REAL_SYMPY_POINTS2(c, fcheb, float, pts);
  }
  return check::exit_code();
}
