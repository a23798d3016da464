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
// Tolerance 1e-12, relative above 1 and absolute below, for every function:
// each reference evaluates the exact derivative in double, with no truncation
// error, so the two differ by rounding only. The inputs are chosen (ranges
// commented at each function) so that neither side suffers cancellation or
// growth beyond a few hundred ulps; where a gradient entry is a sum of much
// larger terms (chained Rosenbrock) the error is relative to those terms.

#include <hessc/hessc.h>

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

typedef double ArrayFn(const double *, int);
typedef double ArrayGrad(const double *, int, double *);
typedef void ArrayRef(const double *, int, double *, double *);

/// Compares f_grad with ref at x (of length n), and its value with f.
static void check_at(check::Case &c, ArrayFn *f, ArrayGrad *f_grad, ArrayRef *ref,
                     const std::vector<double> &x, const char *what) {
  int n = int(x.size());
  std::vector<double> g(n, 0.0), want(n), scale(n);
  c.at("n=%d, %s", n, what);
  c.value(f_grad(x.data(), n, g.data()), f(x.data(), n));
  ref(x.data(), n, want.data(), scale.data());
  c.grad(g.data(), want.data(), scale.data(), n);
}

/// Rosenbrock at the classic start (-1.2, 1, -1.2, 1, ...), at the minimum
/// (all ones, gradient exactly zero) and at a random point in [-2, 2]^n.
static void test_rosenbrock(const char *name, ArrayFn *f, ArrayGrad *f_grad,
                            ArrayRef *ref, const int *sizes, int nsizes) {
  check::Case c(name, Tol);
  for (int k = 0; k < nsizes; ++k) {
    int n = sizes[k];
    std::vector<double> start(n), ones(n, 1.0);
    for (int i = 0; i < n; ++i)
      start[i] = i % 2 == 0 ? -1.2 : 1.0;
    check_at(c, f, f_grad, ref, start, "start point");
    check_at(c, f, f_grad, ref, ones, "minimum");
    check_at(c, f, f_grad, ref, random_vector(n, -2.0, 2.0, 17u + n), "random");
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
    for (int i = 0; i < m; ++i) {
      double z = b;
      for (int j = 0; j < d; ++j)
        z += w[j] * X[i * d + j];
      double r = 1.0 / (1.0 + std::exp(-z)) - y[i];
      for (int j = 0; j < d; ++j)
        want[j] += r * X[i * d + j] / m;
      want[d] += r / m;
    }
    c.at("m=%d, d=%d", m, d);
    c.value(logloss_grad(w.data(), b, X.data(), y.data(), m, d, g.data()),
            logloss(w.data(), b, X.data(), y.data(), m, d));
    c.grad(g.data(), want.data(), d + 1);
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
  }
}

int main() {
  const int rosen_sizes[] = {2, 10, 100, 1000, 10000};
  test_rosenbrock("rosen", rosen, rosen_grad, rosen_ref_grad, rosen_sizes, 5);
  const int chain_sizes[] = {2, 3, 10, 1000, 10000};
  test_rosenbrock("rosen_chain", rosen_chain, rosen_chain_grad,
                  rosen_chain_ref_grad, chain_sizes, 5);
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
