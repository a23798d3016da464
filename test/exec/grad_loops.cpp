// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror %s -o %t
// RUN: %t
//
// Gradients of loops over array independents, against gradients derived by
// hand and written out below (sympy is no help at n = 10000): Rosenbrock in
// its extended (i += 2) and chained forms up to n = 10000, dot products of two
// independent arrays, Horner's rule with an overwritten accumulator, affine
// and nonlinear recurrences that overwrite one scalar n times, a branch
// inside a loop, a running maximum, nested loops (pairwise, quadratic form,
// logistic regression with constant data), a counting-down loop and an
// x[2*n] spec.
//
// Second order likewise: f_hessian and f_hvp (several directions, see
// check::second_order) against Hessians derived by hand for every function,
// and the sparse Hessian (f_hessian_sparsity's pattern and its star
// colouring, f_hessian_sparse's values) against f_hessian's matrix:
// tridiagonal for Rosenbrock (dense f_hessian and the sparse Hessian up to
// n = 1000; at n = 10000, where the dense matrix would take 800 MB, f_hvp
// only, against the tridiagonal reference times v), constant for dot
// products and weighted sums, (A + A')/2 for the quadratic form, closed
// forms for Horner's rule, the pair potential, log-sum-exp, logistic loss
// and the square roots of pairs, and for the recurrences a second-order
// reverse sweep written out by hand (see recurrence_hessian).
//
// Tolerance 1e-12, relative above 1 and absolute below, for every function:
// each reference evaluates the exact derivative in double, with no truncation
// error, so the two differ by rounding only. The inputs are chosen (ranges
// commented at each function) so that neither side suffers cancellation or
// growth beyond a few hundred ulps; where a gradient or Hessian entry is a
// sum of much larger terms (Rosenbrock's, Horner's, the recurrences') the
// error is relative to those terms (the scale arguments of check::Case).

#include <hessc/hessc.h>

#include <cstddef>
#include <vector>

#include "Inputs/check.h"

static const double Tol = 1e-12;

/// n values uniform in [lo, hi), reproducibly.
static std::vector<double> random_vector(int n, double lo, double hi,
                                         unsigned seed) {
  check::Rng rng(seed);
  std::vector<double> v(n);
  for (double &e : v)
    e = rng.uniform(lo, hi);
  return v;
}

/// A dense n x n reference Hessian (row-major) and the scales of its
/// entries' rounding errors, both zero to start with.
struct Dense {
  explicit Dense(int n)
      : n(n), H(std::size_t(n) * n, 0.0), S(std::size_t(n) * n, 0.0) {}
  double &at(int i, int j) { return H[std::size_t(i) * n + j]; }
  double &scale(int i, int j) { return S[std::size_t(i) * n + j]; }
  /// Sets entries (i, j) and (j, i).
  void set_sym(int i, int j, double value, double scale_ij = 0.0) {
    at(i, j) = at(j, i) = value;
    scale(i, j) = scale(j, i) = scale_ij;
  }
  int n;
  std::vector<double> H, S;
};

/// Second-order checks of f at the current point: f_hessian (Hessian(H)) and
/// f_hvp (Hvp(v, hv)) against the reference want, f's value there being f,
/// and the sparse Hessian (f_hessian_sparsity, Sparsity(pattern), and
/// f_hessian_sparse, Sparse(coloring, values)) against f_hessian's matrix.
template <typename HessianFn, typename HvpFn, typename SparsityFn,
          typename SparseFn>
static void check_second_order(check::Case &c, double f, HessianFn &&hessian,
                               HvpFn &&hvp, SparsityFn &&sparsity,
                               SparseFn &&sparse, const Dense &want) {
  check::second_order(c, want.n, f, hessian, hvp, sparsity, sparse,
                      want.H.data(), want.S.data());
}

//===----------------------------------------------------------------------===//
// Rosenbrock
//===----------------------------------------------------------------------===//

// The extended Rosenbrock function (n even): independent pairs.
HESSC_DIFF("x[n]")
double rosen(const double *x, int n) {
  double f = 0.0;
  for (int i = 0; i < n; i += 2) {
    double a = x[i + 1] - x[i] * x[i];
    double b = 1.0 - x[i];
    f += 100.0 * a * a + b * b;
  }
  return f;
}

// The reference gradient, and for each entry the scale its rounding error
// is relative to (see check::Case::grad). Here plain max(1, |g|) suffices:
// the only cancellation, of 400 x a against 2 (1 - x), happens when both
// are below 6.
static void rosen_ref_grad(const double *x, int n, double *g, double *scale) {
  for (int i = 0; i < n; i += 2) {
    double a = x[i + 1] - x[i] * x[i];
    g[i] = -400.0 * x[i] * a - 2.0 * (1.0 - x[i]);
    g[i + 1] = 200.0 * a;
    scale[i] = scale[i + 1] = 0.0;
  }
}

/// A symmetric tridiagonal matrix: diagonal d, superdiagonal e (entry
/// (i, i+1); e[n-1] is unused), and the scales of their rounding errors.
struct Tridiag {
  explicit Tridiag(int n) : d(n, 0.0), e(n, 0.0), sd(n, 0.0), se(n, 0.0) {}
  int size() const { return int(d.size()); }
  Dense dense() const {
    int n = size();
    Dense m(n);
    for (int i = 0; i < n; ++i) {
      m.set_sym(i, i, d[i], sd[i]);
      if (i + 1 < n)
        m.set_sym(i, i + 1, e[i], se[i]);
    }
    return m;
  }
  /// hv = T v, and for each entry the scale of its rounding error: the sum
  /// over j of max(|T_ij|, scale_ij) |v_j|.
  void times(const double *v, double *hv, double *scale) const {
    int n = size();
    for (int i = 0; i < n; ++i) {
      hv[i] = d[i] * v[i];
      scale[i] = std::fmax(std::fabs(d[i]), sd[i]) * std::fabs(v[i]);
      if (i > 0) {
        hv[i] += e[i - 1] * v[i - 1];
        scale[i] +=
            std::fmax(std::fabs(e[i - 1]), se[i - 1]) * std::fabs(v[i - 1]);
      }
      if (i + 1 < n) {
        hv[i] += e[i] * v[i + 1];
        scale[i] += std::fmax(std::fabs(e[i]), se[i]) * std::fabs(v[i + 1]);
      }
    }
  }
  std::vector<double> d, e, sd, se;
};

// The Hessian of one term 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2 of
// Rosenbrock, added to t: d2/dx_i2 = 1200 x_i^2 - 400 x_{i+1} + 2,
// d2/dx_{i+1}2 = 200, d2/dx_i dx_{i+1} = -400 x_i. The first is a difference
// of terms up to 4800 at x in [-2, 2]^n, so its rounding error is relative
// to 1200 x_i^2 + 400 |x_{i+1}| + 2.
static void rosen_term_hessian(const double *x, int i, Tridiag &t) {
  t.d[i] += 1200.0 * x[i] * x[i] - 400.0 * x[i + 1] + 2.0;
  t.sd[i] += 1200.0 * x[i] * x[i] + 400.0 * std::fabs(x[i + 1]) + 2.0;
  t.d[i + 1] += 200.0;
  t.sd[i + 1] += 200.0;
  t.e[i] = -400.0 * x[i];
}

// Extended Rosenbrock: block diagonal, a 2 x 2 block for each pair.
static void rosen_ref_hessian(const double *x, int n, Tridiag &t) {
  for (int i = 0; i < n; i += 2)
    rosen_term_hessian(x, i, t);
}

// The chained Rosenbrock function: consecutive elements interact.
HESSC_DIFF("x[n]")
double rosen_chain(const double *x, int n) {
  double f = 0.0;
  for (int i = 0; i < n - 1; ++i) {
    double a = x[i + 1] - x[i] * x[i];
    double b = 1.0 - x[i];
    f += 100.0 * a * a + b * b;
  }
  return f;
}

// Here g[i] adds 200 a[i-1] from one iteration to -400 x[i] a[i] from the
// next; at a random point in [-2, 2]^n these terms reach 5000 (ulp 1e-12)
// while their sum can be near 0, so each entry's error is measured relative
// to the sum of the terms' magnitudes.
static void rosen_chain_ref_grad(const double *x, int n, double *g,
                                 double *scale) {
  for (int i = 0; i < n; ++i)
    g[i] = scale[i] = 0.0;
  for (int i = 0; i < n - 1; ++i) {
    double a = x[i + 1] - x[i] * x[i];
    g[i] += -400.0 * x[i] * a - 2.0 * (1.0 - x[i]);
    scale[i] += std::fabs(400.0 * x[i] * a) + std::fabs(2.0 * (1.0 - x[i]));
    g[i + 1] += 200.0 * a;
    scale[i + 1] += std::fabs(200.0 * a);
  }
}

// Chained Rosenbrock: tridiagonal, the terms overlapping on the diagonal.
static void rosen_chain_ref_hessian(const double *x, int n, Tridiag &t) {
  for (int i = 0; i < n - 1; ++i)
    rosen_term_hessian(x, i, t);
}

typedef double ArrayFn(const double *, int);
typedef double ArrayGrad(const double *, int, double *);
typedef double ArrayHvp(const double *, int, const double *, double *);
typedef double ArraySparsity(const double *, int, hessc::SparsityPattern &);
typedef double ArraySparse(const double *, int, const hessc::HessianColoring &,
                           double *);
typedef void ArrayRef(const double *, int, double *, double *);
typedef void ArrayRefHessian(const double *, int, Tridiag &);

/// A Rosenbrock function, its generated derivatives and its references.
struct RosenFns {
  ArrayFn *f;
  ArrayGrad *grad;
  ArrayGrad *hessian; // same signature as f_grad: f_hessian(x, n, H)
  ArrayHvp *hvp;
  ArraySparsity *hessian_sparsity;
  ArraySparse *hessian_sparse;
  ArrayRef *ref_grad;
  ArrayRefHessian *ref_hessian;
};

/// The largest n at which the dense Hessian is checked (8 MB); beyond it
/// only f_hvp.
static const int MaxDense = 1000;

/// Compares f_grad with ref at x (of length n), and its value with f; then
/// f_hessian and f_hvp with the tridiagonal reference.
static void check_at(check::Case &c, const RosenFns &fns,
                     const std::vector<double> &x, const char *what) {
  int n = int(x.size());
  std::vector<double> g(n, 0.0), want(n), scale(n);
  c.at("n=%d, %s", n, what);
  c.value(fns.grad(x.data(), n, g.data()), fns.f(x.data(), n));
  fns.ref_grad(x.data(), n, want.data(), scale.data());
  c.grad(g.data(), want.data(), scale.data(), n);

  Tridiag t(n);
  fns.ref_hessian(x.data(), n, t);
  double f = fns.f(x.data(), n);
  auto hvp = [&](const double *v, double *hv) {
    return fns.hvp(x.data(), n, v, hv);
  };
  if (n <= MaxDense)
    check_second_order(
        c, f, [&](double *h) { return fns.hessian(x.data(), n, h); }, hvp,
        [&](hessc::SparsityPattern &p) {
          return fns.hessian_sparsity(x.data(), n, p);
        },
        [&](const hessc::HessianColoring &coloring, double *values) {
          return fns.hessian_sparse(x.data(), n, coloring, values);
        },
        t.dense());
  else
    check::hvp(c, n, f, hvp, [&](const double *v, double *hv, double *s) {
      t.times(v, hv, s);
    });
}

/// Rosenbrock at the classic start (-1.2, 1, -1.2, 1, ...), at the minimum
/// (all ones, gradient exactly zero) and at a random point in [-2, 2]^n.
static void test_rosenbrock(const char *name, const RosenFns &fns,
                            const int *sizes, int nsizes) {
  check::Case c(name, Tol);
  for (int k = 0; k < nsizes; ++k) {
    int n = sizes[k];
    std::vector<double> start(n), ones(n, 1.0);
    for (int i = 0; i < n; ++i)
      start[i] = i % 2 == 0 ? -1.2 : 1.0;
    check_at(c, fns, start, "start point");
    check_at(c, fns, ones, "minimum");
    check_at(c, fns, random_vector(n, -2.0, 2.0, 17u + n), "random");
  }
}

//===----------------------------------------------------------------------===//
// Dot products and Horner's rule
//===----------------------------------------------------------------------===//

// Two independent arrays: grad = (y, x).
HESSC_DIFF("x[n], y[n]")
double dot(const double *x, const double *y, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i)
    s += x[i] * y[i];
  return s;
}

static void test_dot() {
  check::Case c("dot", Tol);
  const int sizes[] = {1, 7, 100};
  for (int n : sizes) {
    std::vector<double> x = random_vector(n, -2.0, 2.0, 3u + n);
    std::vector<double> y = random_vector(n, -2.0, 2.0, 5u + n);
    std::vector<double> g(2 * n), want(2 * n);
    for (int i = 0; i < n; ++i) {
      want[i] = y[i];
      want[n + i] = x[i];
    }
    c.at("n=%d", n);
    c.value(dot_grad(x.data(), y.data(), n, g.data()), dot(x.data(), y.data(), n));
    c.grad(g.data(), want.data(), 2 * n);
    // H = [0 I; I 0]: d2/dx_i dy_i = 1, every other entry 0.
    Dense H(2 * n);
    for (int i = 0; i < n; ++i)
      H.set_sym(i, n + i, 1.0);
    check_second_order(
        c, dot(x.data(), y.data(), n),
        [&](double *h) { return dot_hessian(x.data(), y.data(), n, h); },
        [&](const double *v, double *hv) {
          return dot_hvp(x.data(), y.data(), n, v, hv);
        },
        CHECK_SPARSE_CALLS(dot, x.data(), y.data(), n),
        H);
  }
}

// A constant array weighs the independent one: grad = w.
HESSC_DIFF("x[n]")
double weighted_sum(const double *x, const double *w, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i)
    s += w[i] * x[i];
  return s;
}

static void test_weighted_sum() {
  check::Case c("weighted_sum", Tol);
  const int sizes[] = {1, 6, 50};
  for (int n : sizes) {
    std::vector<double> x = random_vector(n, -2.0, 2.0, 7u + n);
    std::vector<double> w = random_vector(n, -3.0, 3.0, 11u + n);
    std::vector<double> g(n);
    c.at("n=%d", n);
    c.value(weighted_sum_grad(x.data(), w.data(), n, g.data()),
            weighted_sum(x.data(), w.data(), n));
    c.grad(g.data(), w.data(), n);
    // Linear in x: H = 0, and f_hessian and f_hvp must still write it.
    check_second_order(
        c, weighted_sum(x.data(), w.data(), n),
        [&](double *h) {
          return weighted_sum_hessian(x.data(), w.data(), n, h);
        },
        [&](const double *v, double *hv) {
          return weighted_sum_hvp(x.data(), w.data(), n, v, hv);
        },
        CHECK_SPARSE_CALLS(weighted_sum, x.data(), w.data(), n),
        Dense(n));
  }
}

// Horner's rule, p = c[0] x^(m-1) + ... + c[m-1], the accumulator
// overwritten m times. d/dc[i] = x^(m-1-i), d/dx = sum (m-1-i) c[i] x^(m-2-i).
// Coefficients in [-1, 1], |x| <= 1.1 and m <= 12 keep every term below 30.
HESSC_DIFF("c[m], x")
double horner(const double *c, int m, double x) {
  double p = 0.0;
  for (int i = 0; i < m; ++i)
    p = p * x + c[i];
  return p;
}

static void test_horner() {
  check::Case c("horner", Tol);
  const int sizes[] = {1, 5, 12};
  const double xs[] = {-1.1, 0.7, 1.05, -0.4};
  for (int m : sizes) {
    std::vector<double> coef = random_vector(m, -1.0, 1.0, 13u + m);
    for (double x : xs) {
      std::vector<double> g(m + 1), want(m + 1, 0.0);
      for (int i = 0; i < m; ++i) {
        want[i] = std::pow(x, m - 1 - i);
        if (i < m - 1)
          want[m] += (m - 1 - i) * coef[i] * std::pow(x, m - 2 - i);
      }
      c.at("m=%d, x=%g", m, x);
      c.value(horner_grad(coef.data(), m, x, g.data()), horner(coef.data(), m, x));
      c.grad(g.data(), want.data(), m + 1);
      // Linear in c: d2/dc_i dc_j = 0, d2/dc_i dx = (m-1-i) x^(m-2-i), and
      // d2/dx2 = sum (m-1-i)(m-2-i) c_i x^(m-3-i), a sum of terms up to a few
      // hundred: its error is relative to their magnitudes.
      Dense H(m + 1);
      for (int i = 0; i < m - 1; ++i) {
        H.set_sym(i, m, (m - 1 - i) * std::pow(x, m - 2 - i));
        if (i < m - 2) {
          double term =
              (m - 1 - i) * (m - 2 - i) * coef[i] * std::pow(x, m - 3 - i);
          H.at(m, m) += term;
          H.scale(m, m) += std::fabs(term);
        }
      }
      check_second_order(
          c, horner(coef.data(), m, x),
          [&](double *h) { return horner_hessian(coef.data(), m, x, h); },
          [&](const double *v, double *hv) {
            return horner_hvp(coef.data(), m, x, v, hv);
          },
          CHECK_SPARSE_CALLS(horner, coef.data(), m, x),
          H);
    }
  }
}

//===----------------------------------------------------------------------===//
// Recurrences: one scalar overwritten at every iteration
//===----------------------------------------------------------------------===//

// p_0 = 1, p_{i+1} = p_i x_i + c, so d p_n / d x_k = p_k prod_{j>k} x_j.
// x in [-1.2, 1.2], n <= 40.
HESSC_DIFF("x[n]")
double affine_recur(const double *x, int n, double c) {
  double p = 1.0;
  for (int i = 0; i < n; ++i)
    p = p * x[i] + c;
  return p;
}

// s_0 = 0, s_{i+1} = s_i^2 / 2 + x_i, so d s_{i+1} / d s_i = s_i and
// d s_n / d x_k = prod_{j=k+1}^{n-1} s_j. With x in [-0.5, 0.5], |s| <= 1.
HESSC_DIFF("x[n]")
double square_recur(const double *x, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i)
    s = s * s * 0.5 + x[i];
  return s;
}

// s_0 = 0, s_{i+1} = sin(s_i) + x_i, so d s_n / d x_k = prod_{j=k+1}^{n-1} cos(s_j).
HESSC_DIFF("x[n]")
double sin_recur(const double *x, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i)
    s = std::sin(s) + x[i];
  return s;
}

/// The reverse sweep of s_{i+1} = step(s_i, x_i) with d s_{i+1}/d x_i = 1:
/// g[k] = prod_{j=k+1}^{n-1} dstep(s_j), where s holds s_0 .. s_{n-1}.
static void recurrence_grad(const std::vector<double> &s, double (*dstep)(double),
                            double *g) {
  int n = int(s.size());
  double adj = 1.0;
  for (int k = n - 1; k >= 0; --k) {
    g[k] = adj;
    adj *= dstep(s[k]);
  }
}

/// The Hessian of s_n for s_{i+1} = phi(s_i) + x_i, s holding s_0 .. s_{n-1}.
/// Write P(lo, hi) for the product of phi'(s_m) over lo <= m <= hi (1 when
/// empty). The gradient is g_k = P(k+1, n-1), and since d s_j / d x_l =
/// P(l+1, j-1) for j > l, differentiating g_k by x_l gives, with
/// b = min(k, l) and a = max(k, l),
///   H_kl = P(b+1, a) T_a,  T_a = sum_{j=a+1}^{n-1} phi''(s_j) P(a+1, j-1)^2
///   P(j+1, n-1),
/// where T_a = d2 s_n / d s_{a+1}^2. The terms of T_a can have either sign,
/// so each entry's rounding error is relative to |P(b+1, a)| sum |terms|.
static Dense recurrence_hessian(const std::vector<double> &s,
                                double (*dstep)(double),
                                double (*d2step)(double)) {
  int n = int(s.size());
  std::vector<double> suffix(n + 1, 1.0); // suffix[j] = P(j, n-1)
  for (int j = n - 1; j >= 0; --j)
    suffix[j] = suffix[j + 1] * dstep(s[j]);
  std::vector<double> t(n, 0.0), t_size(n, 0.0);
  for (int a = 0; a < n; ++a) {
    double q = 1.0; // P(a+1, j-1)
    for (int j = a + 1; j < n; ++j) {
      double term = d2step(s[j]) * q * q * suffix[j + 1];
      t[a] += term;
      t_size[a] += std::fabs(term);
      q *= dstep(s[j]);
    }
  }
  Dense H(n);
  for (int b = 0; b < n; ++b) {
    double p = 1.0; // P(b+1, a)
    for (int a = b; a < n; ++a) {
      if (a > b)
        p *= dstep(s[a]);
      H.set_sym(b, a, p * t[a], std::fabs(p) * t_size[a]);
    }
  }
  return H;
}

static void test_recurrences() {
  const int sizes[] = {1, 5, 40};
  {
    check::Case c("affine_recur", Tol);
    const double cs[] = {0.3, -1.5};
    for (int n : sizes)
      for (double k : cs) {
        std::vector<double> x = random_vector(n, -1.2, 1.2, 19u + n);
        // Forward values p_0 .. p_{n-1}, then the reverse sweep.
        std::vector<double> p(n), g(n), want(n);
        double pk = 1.0;
        for (int i = 0; i < n; ++i) {
          p[i] = pk;
          pk = pk * x[i] + k;
        }
        double adj = 1.0;
        for (int i = n - 1; i >= 0; --i) {
          want[i] = adj * p[i];
          adj *= x[i];
        }
        c.at("n=%d, c=%g", n, k);
        c.value(affine_recur_grad(x.data(), n, k, g.data()),
                affine_recur(x.data(), n, k));
        c.grad(g.data(), want.data(), n);
        // p_n is linear in each x_i, so H_kk = 0; for b < a, the derivative
        // of g_b = p_b prod_{j>b} x_j by x_a (p_b does not depend on it) is
        // H_ba = p_b prod_{j>b, j!=a} x_j: a single product, no cancellation.
        Dense H(n);
        for (int b = 0; b < n; ++b)
          for (int a = b + 1; a < n; ++a) {
            double h = p[b];
            for (int j = b + 1; j < n; ++j)
              if (j != a)
                h *= x[j];
            H.set_sym(b, a, h);
          }
        check_second_order(
            c, affine_recur(x.data(), n, k),
            [&](double *h) { return affine_recur_hessian(x.data(), n, k, h); },
            [&](const double *v, double *hv) {
              return affine_recur_hvp(x.data(), n, k, v, hv);
            },
            CHECK_SPARSE_CALLS(affine_recur, x.data(), n, k),
            H);
      }
  }
  {
    check::Case c("square_recur", Tol);
    for (int n : {1, 5, 40, 200}) {
      std::vector<double> x = random_vector(n, -0.5, 0.5, 23u + n);
      std::vector<double> s(n), g(n), want(n);
      double sk = 0.0;
      for (int i = 0; i < n; ++i) {
        s[i] = sk;
        sk = sk * sk * 0.5 + x[i];
      }
      recurrence_grad(s, [](double v) { return v; }, want.data());
      c.at("n=%d", n);
      c.value(square_recur_grad(x.data(), n, g.data()), square_recur(x.data(), n));
      c.grad(g.data(), want.data(), n);
      // phi(s) = s^2 / 2: phi' = s, phi'' = 1.
      check_second_order(
          c, square_recur(x.data(), n),
          [&](double *h) { return square_recur_hessian(x.data(), n, h); },
          [&](const double *v, double *hv) {
            return square_recur_hvp(x.data(), n, v, hv);
          },
          CHECK_SPARSE_CALLS(square_recur, x.data(), n),
          recurrence_hessian(
              s, [](double v) { return v; }, [](double) { return 1.0; }));
    }
  }
  {
    check::Case c("sin_recur", Tol);
    for (int n : {1, 5, 40, 200}) {
      std::vector<double> x = random_vector(n, -2.0, 2.0, 29u + n);
      std::vector<double> s(n), g(n), want(n);
      double sk = 0.0;
      for (int i = 0; i < n; ++i) {
        s[i] = sk;
        sk = std::sin(sk) + x[i];
      }
      recurrence_grad(s, [](double v) { return std::cos(v); }, want.data());
      c.at("n=%d", n);
      c.value(sin_recur_grad(x.data(), n, g.data()), sin_recur(x.data(), n));
      c.grad(g.data(), want.data(), n);
      // phi = sin: phi' = cos, phi'' = -sin.
      check_second_order(
          c, sin_recur(x.data(), n),
          [&](double *h) { return sin_recur_hessian(x.data(), n, h); },
          [&](const double *v, double *hv) {
            return sin_recur_hvp(x.data(), n, v, hv);
          },
          CHECK_SPARSE_CALLS(sin_recur, x.data(), n),
          recurrence_hessian(
              s, [](double v) { return std::cos(v); },
              [](double v) { return -std::sin(v); }));
    }
  }
}

// Counting down: s = sum_i 2^-i x_i^2 (x_0 is added last, with weight 1), so
// grad_i = 2^(1-i) x_i.
HESSC_DIFF("x[n]")
double weighted_down(const double *x, int n) {
  double s = 0.0;
  for (int i = n - 1; i >= 0; --i)
    s = s * 0.5 + x[i] * x[i];
  return s;
}

static void test_weighted_down() {
  check::Case c("weighted_down", Tol);
  for (int n : {1, 4, 30}) {
    std::vector<double> x = random_vector(n, -2.0, 2.0, 31u + n);
    std::vector<double> g(n), want(n);
    for (int i = 0; i < n; ++i)
      want[i] = std::ldexp(x[i], 1 - i);
    c.at("n=%d", n);
    c.value(weighted_down_grad(x.data(), n, g.data()), weighted_down(x.data(), n));
    c.grad(g.data(), want.data(), n);
    // H = diag(2^(1-i)), exact powers of two.
    Dense H(n);
    for (int i = 0; i < n; ++i)
      H.at(i, i) = std::ldexp(1.0, 1 - i);
    check_second_order(
        c, weighted_down(x.data(), n),
        [&](double *h) { return weighted_down_hessian(x.data(), n, h); },
        [&](const double *v, double *hv) {
          return weighted_down_hvp(x.data(), n, v, hv);
        },
        CHECK_SPARSE_CALLS(weighted_down, x.data(), n),
        H);
  }
}

//===----------------------------------------------------------------------===//
// Branches inside loops
//===----------------------------------------------------------------------===//

// The Huber loss: quadratic inside [-delta, delta], linear outside; an
// else-if chain in the loop body. grad_i = clamp(x_i, -delta, delta).
HESSC_DIFF("x[n]")
double huber(const double *x, int n, double delta) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) {
    double r = x[i];
    if (r > delta)
      s += delta * (r - 0.5 * delta);
    else if (r < -delta)
      s -= delta * (r + 0.5 * delta);
    else
      s += 0.5 * r * r;
  }
  return s;
}

static void test_huber() {
  check::Case c("huber", Tol);
  const double delta = 1.0;
  for (int n : {1, 8, 100}) {
    // Random points in [-3, 3]; the fixed ones make sure that all three
    // branches run even at n = 1 .. 8.
    std::vector<double> x = random_vector(n, -3.0, 3.0, 37u + n);
    const double fixed[] = {2.5, -0.3, -1.75, 0.6, 1.5, -2.25, 0.1, -0.9};
    for (int i = 0; i < n && i < 8; ++i)
      x[i] = fixed[i];
    std::vector<double> g(n), want(n);
    for (int i = 0; i < n; ++i)
      want[i] = x[i] > delta ? delta : x[i] < -delta ? -delta : x[i];
    c.at("n=%d", n);
    c.value(huber_grad(x.data(), n, delta, g.data()), huber(x.data(), n, delta));
    c.grad(g.data(), want.data(), n);
    // H = diag(1 inside [-delta, delta], 0 on the linear pieces).
    Dense H(n);
    for (int i = 0; i < n; ++i)
      H.at(i, i) = std::fabs(x[i]) < delta ? 1.0 : 0.0;
    check_second_order(
        c, huber(x.data(), n, delta),
        [&](double *h) { return huber_hessian(x.data(), n, delta, h); },
        [&](const double *v, double *hv) {
          return huber_hvp(x.data(), n, delta, v, hv);
        },
        CHECK_SPARSE_CALLS(huber, x.data(), n, delta),
        H);
  }
}

// log-sum-exp shifted by a running maximum that a branch in the loop
// overwrites. grad = softmax(x); the maximum's own contribution cancels.
HESSC_DIFF("x[n]")
double logsumexp(const double *x, int n) {
  double m = x[0];
  for (int i = 1; i < n; ++i)
    if (x[i] > m)
      m = x[i];
  double s = 0.0;
  for (int i = 0; i < n; ++i)
    s += std::exp(x[i] - m);
  return m + std::log(s);
}

static void test_logsumexp() {
  check::Case c("logsumexp", Tol);
  for (int n : {1, 3, 50}) {
    std::vector<double> x = random_vector(n, -5.0, 5.0, 41u + n);
    double m = x[0], s = 0.0;
    for (double v : x)
      m = v > m ? v : m;
    for (double v : x)
      s += std::exp(v - m);
    std::vector<double> g(n), want(n);
    for (int i = 0; i < n; ++i)
      want[i] = std::exp(x[i] - m) / s;
    c.at("n=%d", n);
    c.value(logsumexp_grad(x.data(), n, g.data()), logsumexp(x.data(), n));
    c.grad(g.data(), want.data(), n);
    // H = diag(p) - p p' with p = softmax(x) (= want).
    Dense H(n);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j)
        H.at(i, j) = (i == j ? want[i] : 0.0) - want[i] * want[j];
    check_second_order(
        c, logsumexp(x.data(), n),
        [&](double *h) { return logsumexp_hessian(x.data(), n, h); },
        [&](const double *v, double *hv) {
          return logsumexp_hvp(x.data(), n, v, hv);
        },
        CHECK_SPARSE_CALLS(logsumexp, x.data(), n),
        H);
  }
}

//===----------------------------------------------------------------------===//
// Nested loops
//===----------------------------------------------------------------------===//

// A pair potential over i < j: grad_k = sum_{j != k} -2 d_kj / (d_kj^2 + 1)^2
// with d_kj = x_k - x_j.
HESSC_DIFF("x[n]")
double pair_energy(const double *x, int n) {
  double e = 0.0;
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) {
      double d = x[i] - x[j];
      e += 1.0 / (d * d + 1.0);
    }
  return e;
}

static void test_pair_energy() {
  check::Case c("pair_energy", Tol);
  for (int n : {2, 5, 50}) {
    std::vector<double> x = random_vector(n, -3.0, 3.0, 43u + n);
    std::vector<double> g(n), want(n, 0.0);
    for (int k = 0; k < n; ++k)
      for (int j = 0; j < n; ++j)
        if (j != k) {
          double d = x[k] - x[j], q = d * d + 1.0;
          want[k] += -2.0 * d / (q * q);
        }
    c.at("n=%d", n);
    c.value(pair_energy_grad(x.data(), n, g.data()), pair_energy(x.data(), n));
    c.grad(g.data(), want.data(), n);
    // With phi(d) = 1 / (d^2 + 1), phi''(d) = (6 d^2 - 2) / (d^2 + 1)^3:
    // H_kj = -phi''(d_kj) for j != k, H_kk = sum_{j != k} phi''(d_kj), a sum
    // of terms of both signs (error relative to their magnitudes).
    Dense H(n);
    for (int k = 0; k < n; ++k)
      for (int j = 0; j < n; ++j)
        if (j != k) {
          double d = x[k] - x[j], q = d * d + 1.0;
          double second = (6.0 * d * d - 2.0) / (q * q * q);
          H.at(k, j) = -second;
          H.at(k, k) += second;
          H.scale(k, k) += std::fabs(second);
        }
    check_second_order(
        c, pair_energy(x.data(), n),
        [&](double *h) { return pair_energy_hessian(x.data(), n, h); },
        [&](const double *v, double *hv) {
          return pair_energy_hvp(x.data(), n, v, hv);
        },
        CHECK_SPARSE_CALLS(pair_energy, x.data(), n),
        H);
  }
}

// x'Ax / 2 - b'x with a constant, non-symmetric A: grad = (A + A')x / 2 - b.
HESSC_DIFF("x[n]")
double quad_form(const double *x, const double *A, const double *b, int n) {
  double q = 0.0;
  for (int i = 0; i < n; ++i) {
    double row = 0.0;
    for (int j = 0; j < n; ++j)
      row += A[i * n + j] * x[j];
    q += x[i] * row;
  }
  double l = 0.0;
  for (int i = 0; i < n; ++i)
    l += b[i] * x[i];
  return 0.5 * q - l;
}

static void test_quad_form() {
  check::Case c("quad_form", Tol);
  for (int n : {1, 4, 30}) {
    std::vector<double> x = random_vector(n, -2.0, 2.0, 47u + n);
    std::vector<double> A = random_vector(n * n, -1.0, 1.0, 53u + n);
    std::vector<double> b = random_vector(n, -1.0, 1.0, 59u + n);
    std::vector<double> g(n), want(n);
    for (int k = 0; k < n; ++k) {
      double s = 0.0;
      for (int j = 0; j < n; ++j)
        s += (A[k * n + j] + A[j * n + k]) * x[j];
      want[k] = 0.5 * s - b[k];
    }
    c.at("n=%d", n);
    c.value(quad_form_grad(x.data(), A.data(), b.data(), n, g.data()),
            quad_form(x.data(), A.data(), b.data(), n));
    c.grad(g.data(), want.data(), n);
    // H = (A + A') / 2, whatever x.
    Dense H(n);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j)
        H.at(i, j) = 0.5 * (A[i * n + j] + A[j * n + i]);
    check_second_order(
        c, quad_form(x.data(), A.data(), b.data(), n),
        [&](double *h) {
          return quad_form_hessian(x.data(), A.data(), b.data(), n, h);
        },
        [&](const double *v, double *hv) {
          return quad_form_hvp(x.data(), A.data(), b.data(), n, v, hv);
        },
        CHECK_SPARSE_CALLS(quad_form, x.data(), A.data(), b.data(), n),
        H);
  }
}

// Mean logistic loss over m samples with d features, X row-major; z_i is a
// local of the outer loop accumulated by the inner one.
// grad_w = X'(sigma(z) - y) / m, grad_b = sum (sigma(z) - y) / m.
HESSC_DIFF("w[d], b")
double logloss(const double *w, double b, const double *X, const double *y,
               int m, int d) {
  double loss = 0.0;
  for (int i = 0; i < m; ++i) {
    double z = b;
    for (int j = 0; j < d; ++j)
      z += w[j] * X[i * d + j];
    loss += std::log(1.0 + std::exp(z)) - y[i] * z;
  }
  return loss / m;
}

static void test_logloss() {
  check::Case c("logloss", Tol);
  const int shapes[][2] = {{1, 1}, {20, 3}, {200, 10}}; // m, d
  for (const auto &shape : shapes) {
    int m = shape[0], d = shape[1];
    std::vector<double> X = random_vector(m * d, -1.0, 1.0, 61u + m);
    std::vector<double> y = random_vector(m, 0.0, 1.0, 67u + m);
    for (double &label : y)
      label = label < 0.5 ? 0.0 : 1.0;
    std::vector<double> w = random_vector(d, -1.0, 1.0, 71u + m);
    const double b = 0.25;
    std::vector<double> g(d + 1), want(d + 1, 0.0);
    // H = sum_i sigma_i (1 - sigma_i) u_i u_i' / m with u_i = (X_i, 1): a
    // sum of positive terms (for the diagonal).
    Dense H(d + 1);
    for (int i = 0; i < m; ++i) {
      double z = b;
      for (int j = 0; j < d; ++j)
        z += w[j] * X[i * d + j];
      double sigma = 1.0 / (1.0 + std::exp(-z)), r = sigma - y[i];
      for (int j = 0; j < d; ++j)
        want[j] += r * X[i * d + j] / m;
      want[d] += r / m;
      double weight = sigma * (1.0 - sigma) / m;
      for (int j = 0; j <= d; ++j)
        for (int k = 0; k <= d; ++k) {
          double term = weight * (j < d ? X[i * d + j] : 1.0) *
                        (k < d ? X[i * d + k] : 1.0);
          H.at(j, k) += term;
          H.scale(j, k) += std::fabs(term);
        }
    }
    c.at("m=%d, d=%d", m, d);
    c.value(logloss_grad(w.data(), b, X.data(), y.data(), m, d, g.data()),
            logloss(w.data(), b, X.data(), y.data(), m, d));
    c.grad(g.data(), want.data(), d + 1);
    check_second_order(
        c, logloss(w.data(), b, X.data(), y.data(), m, d),
        [&](double *h) {
          return logloss_hessian(w.data(), b, X.data(), y.data(), m, d, h);
        },
        [&](const double *v, double *hv) {
          return logloss_hvp(w.data(), b, X.data(), y.data(), m, d, v, hv);
        },
        CHECK_SPARSE_CALLS(logloss, w.data(), b, X.data(), y.data(), m, d),
        H);
  }
}

//===----------------------------------------------------------------------===//
// A length expression in the spec
//===----------------------------------------------------------------------===//

// n points in the plane stored as z = (x0, y0, x1, y1, ...); the spec's
// length is 2*n and the loop steps by 2. grad = z_k / r_i of its point i.
HESSC_DIFF("z[2*n]")
double pairs(const double *z, int n) {
  double s = 0.0;
  for (int i = 0; i < 2 * n; i += 2)
    s += std::sqrt(z[i] * z[i] + z[i + 1] * z[i + 1] + 1.0);
  return s;
}

static void test_pairs() {
  check::Case c("pairs", Tol);
  for (int n : {1, 3, 64}) {
    std::vector<double> z = random_vector(2 * n, -2.0, 2.0, 73u + n);
    std::vector<double> g(2 * n), want(2 * n);
    for (int i = 0; i < n; ++i) {
      double r = std::sqrt(z[2 * i] * z[2 * i] + z[2 * i + 1] * z[2 * i + 1] + 1.0);
      want[2 * i] = z[2 * i] / r;
      want[2 * i + 1] = z[2 * i + 1] / r;
    }
    c.at("n=%d", n);
    c.value(pairs_grad(z.data(), n, g.data()), pairs(z.data(), n));
    c.grad(g.data(), want.data(), 2 * n);
    // A 2 x 2 block per point (a, b) = (z_2i, z_2i+1), r = sqrt(a^2 + b^2 + 1):
    // (b^2 + 1) / r^3, -a b / r^3, (a^2 + 1) / r^3.
    Dense H(2 * n);
    for (int i = 0; i < n; ++i) {
      double a = z[2 * i], bb = z[2 * i + 1];
      double r = std::sqrt(a * a + bb * bb + 1.0), r3 = r * r * r;
      H.set_sym(2 * i, 2 * i, (bb * bb + 1.0) / r3);
      H.set_sym(2 * i, 2 * i + 1, -a * bb / r3);
      H.set_sym(2 * i + 1, 2 * i + 1, (a * a + 1.0) / r3);
    }
    check_second_order(
        c, pairs(z.data(), n),
        [&](double *h) { return pairs_hessian(z.data(), n, h); },
        [&](const double *v, double *hv) {
          return pairs_hvp(z.data(), n, v, hv);
        },
        CHECK_SPARSE_CALLS(pairs, z.data(), n),
        H);
  }
}

int main() {
  const int rosen_sizes[] = {2, 10, 100, 1000, 10000};
  test_rosenbrock("rosen",
                  RosenFns{rosen, rosen_grad, rosen_hessian, rosen_hvp,
                           rosen_hessian_sparsity, rosen_hessian_sparse,
                           rosen_ref_grad, rosen_ref_hessian},
                  rosen_sizes, 5);
  const int chain_sizes[] = {2, 3, 10, 1000, 10000};
  test_rosenbrock("rosen_chain",
                  RosenFns{rosen_chain, rosen_chain_grad, rosen_chain_hessian,
                           rosen_chain_hvp, rosen_chain_hessian_sparsity,
                           rosen_chain_hessian_sparse, rosen_chain_ref_grad,
                           rosen_chain_ref_hessian},
                  chain_sizes, 5);
  test_dot();
  test_weighted_sum();
  test_horner();
  test_recurrences();
  test_weighted_down();
  test_huber();
  test_logsumexp();
  test_pair_energy();
  test_quad_form();
  test_logloss();
  test_pairs();
  return check::exit_code();
}
