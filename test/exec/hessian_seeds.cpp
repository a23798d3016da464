// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror %s -o %t
// RUN: %t
//
// The seed examples of second order, each against a Hessian known in closed
// form (see check::second_order for what is compared: f_hessian's matrix,
// its exact symmetry, f_hvp in several directions against the reference and
// against f_hessian's matrix, the sparse Hessian (f_hessian_sparsity's
// pattern and its star colouring, f_hessian_sparse's values) against
// f_hessian's matrix, the values all of them return, and that they
// overwrite NaN-filled outputs):
//  - the saddle x1^2 - x2^2, whose Hessian is exactly diag(2, -2) everywhere:
//    compared with tolerance 0;
//  - the quadratic x'Ax / 2 - b'x with a non-diagonal symmetric positive
//    definite A passed as constant data (3 x 3 written out, n x n built as
//    M'M + I for n = 1 ... 20): Hessian A and f_hvp(v) = A v to 1e-12,
//    whatever x;
//  - extended Rosenbrock, entry by entry against the analytic block-diagonal
//    Hessian at n = 2, 10, 100, 1000 (a dense 1000 x 1000 matrix; the sparse
//    Hessian there too), and f_hvp at n = 10000 against that Hessian applied
//    to v; at n = 2 also against the textbook matrix at the minimum,
//    [802 -400; -400 200].
//
// Tolerance 1e-12, relative above 1 and absolute below, where not exact: the
// references are exact derivatives evaluated in double, so the generated
// code differs from them by rounding only. For Rosenbrock, d2f/dx_i2 =
// 1200 x_i^2 - 400 x_{i+1} + 2 is a difference of terms up to 4800 at
// x in [-2, 2]^n, and its error is measured relative to their magnitudes.

#include <hessc/hessc.h>

#include <cstddef>
#include <string>
#include <vector>

#include "Inputs/check.h"

static const double Tol = 1e-12;

//===----------------------------------------------------------------------===//
// x1^2 - x2^2
//===----------------------------------------------------------------------===//

HESSC_DIFF()
double saddle(double x1, double x2) { return x1 * x1 - x2 * x2; }

static void test_saddle() {
  // Every entry of H, H v and the values must be exact: 2 v1 and -2 v2 are
  // exact in double, and so is any sensible evaluation of them.
  check::Case c("saddle (exact)", 0.0);
  const double pts[][2] = {{0.0, 0.0},       {1.0, -1.0}, {-3.5, 2.25},
                           {1e150, -1e-150}, {0.1, 0.3},  {-7.0, 1e8}};
  const double diag[4] = {2.0, 0.0, 0.0, -2.0};
  for (const auto &p : pts) {
    double x1 = p[0], x2 = p[1];
    c.at({x1, x2});
    double g[2];
    const double want_g[2] = {2.0 * x1, -2.0 * x2};
    c.value(saddle_grad(x1, x2, g), saddle(x1, x2));
    c.grad(g, want_g, 2);
    check::second_order(
        c, 2, saddle(x1, x2),
        [&](double *h) { return saddle_hessian(x1, x2, h); },
        [&](const double *v, double *hv) { return saddle_hvp(x1, x2, v, hv); },
        CHECK_SPARSE_CALLS(saddle, x1, x2),
        diag);
  }
}

//===----------------------------------------------------------------------===//
// x'Ax / 2 - b'x
//===----------------------------------------------------------------------===//

HESSC_DIFF("x[n]")
double quad(const double *x, const double *A, const double *b, int n) {
  double f = 0.0;
  for (int i = 0; i < n; ++i) {
    double ax = 0.0;
    for (int j = 0; j < n; ++j)
      ax += A[i * n + j] * x[j];
    f += 0.5 * x[i] * ax - b[i] * x[i];
  }
  return f;
}

/// Checks quad at three points for the symmetric A (n x n) and b: gradient
/// A x - b, Hessian A, f_hvp(v) = A v.
static void check_quad(const char *name, const std::vector<double> &A,
                       const std::vector<double> &b, unsigned seed) {
  int n = int(b.size());
  check::Case c(name, Tol);
  check::Rng rng(seed);
  for (int k = 0; k < 3; ++k) {
    std::vector<double> x(n);
    for (double &e : x)
      e = k == 0 ? 0.0 : rng.uniform(-3.0, 3.0);
    c.at("n=%d, point %d%s", n, k, k == 0 ? " (x = 0)" : "");
    std::vector<double> g(n), want_g(n), scale(n);
    for (int i = 0; i < n; ++i) {
      want_g[i] = -b[i];
      scale[i] = std::fabs(b[i]);
      for (int j = 0; j < n; ++j) {
        want_g[i] += A[i * n + j] * x[j];
        scale[i] += std::fabs(A[i * n + j] * x[j]);
      }
    }
    double f = quad(x.data(), A.data(), b.data(), n);
    c.value(quad_grad(x.data(), A.data(), b.data(), n, g.data()), f);
    c.grad(g.data(), want_g.data(), scale.data(), n);
    check::second_order(
        c, n, f,
        [&](double *h) {
          return quad_hessian(x.data(), A.data(), b.data(), n, h);
        },
        [&](const double *v, double *hv) {
          return quad_hvp(x.data(), A.data(), b.data(), n, v, hv);
        },
        CHECK_SPARSE_CALLS(quad, x.data(), A.data(), b.data(), n),
        A.data());
  }
}

static void test_quad() {
  // Diagonally dominant with a positive diagonal, hence positive definite;
  // every off-diagonal entry non-zero.
  const std::vector<double> A3 = {4.0,  1.0, -1.0, //
                                  1.0,  3.0, 0.5,  //
                                  -1.0, 0.5, 2.0};
  check_quad("quad 3x3", A3, {1.0, -2.0, 0.5}, 101u);

  // A = M'M + I with M uniform in [-1, 1]^(n x n): symmetric to the bit
  // (each entry is computed once and mirrored), positive definite. Every n
  // from 1 to 20, so that f_hessian and f_hessian_sparse (n colours, A
  // having no zeros) take their columns by every mix of products they
  // have: blocks of 8 or of 5 to 7, pairs, and a single f_hvp.
  check::Rng rng(202u);
  for (int n = 1; n <= 20; ++n) {
    std::vector<double> M(n * n), A(n * n), b(n);
    for (double &e : M)
      e = rng.uniform(-1.0, 1.0);
    for (double &e : b)
      e = rng.uniform(-1.0, 1.0);
    for (int i = 0; i < n; ++i)
      for (int j = i; j < n; ++j) {
        double s = i == j ? 1.0 : 0.0;
        for (int k = 0; k < n; ++k)
          s += M[k * n + i] * M[k * n + j];
        A[i * n + j] = A[j * n + i] = s;
      }
    std::string name = "quad " + std::to_string(n) + "x" + std::to_string(n) + " (M'M + I)";
    check_quad(name.c_str(), A, b, 303u + unsigned(n));
  }
}

//===----------------------------------------------------------------------===//
// Extended Rosenbrock
//===----------------------------------------------------------------------===//

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

/// The analytic Hessian of extended Rosenbrock: for each pair (i, i+1), i
/// even, the block [1200 x_i^2 - 400 x_{i+1} + 2, -400 x_i; -400 x_i, 200];
/// zero between pairs. d, e hold the diagonal and the superdiagonal (entry
/// (i, i+1)), sd the scales of the diagonal's rounding errors.
struct RosenHessian {
  explicit RosenHessian(const std::vector<double> &x)
      : d(x.size()), e(x.size(), 0.0), sd(x.size()) {
    for (std::size_t i = 0; i < x.size(); i += 2) {
      d[i] = 1200.0 * x[i] * x[i] - 400.0 * x[i + 1] + 2.0;
      sd[i] = 1200.0 * x[i] * x[i] + 400.0 * std::fabs(x[i + 1]) + 2.0;
      d[i + 1] = sd[i + 1] = 200.0;
      e[i] = -400.0 * x[i];
    }
  }
  std::vector<double> d, e, sd;
};

static void check_rosen_at(check::Case &c, const std::vector<double> &x,
                           const char *what) {
  int n = int(x.size());
  c.at("n=%d, %s", n, what);
  RosenHessian want(x);
  double f = rosen(x.data(), n);
  auto hvp = [&](const double *v, double *hv) {
    return rosen_hvp(x.data(), n, v, hv);
  };
  if (n > 1000) {
    // f_hvp only: the dense matrix would take 800 MB. The reference H v,
    // entry i relative to the magnitudes of its (at most two) terms.
    check::hvp(c, n, f, hvp, [&](const double *v, double *hv, double *scale) {
      for (int i = 0; i < n; ++i) {
        hv[i] = want.d[i] * v[i];
        scale[i] = want.sd[i] * std::fabs(v[i]);
        int j = i % 2 == 0 ? i + 1 : i - 1; // the other one of the pair
        double off = want.e[i % 2 == 0 ? i : i - 1];
        hv[i] += off * v[j];
        scale[i] += std::fabs(off * v[j]);
      }
    });
    return;
  }
  std::vector<double> H(std::size_t(n) * n, 0.0), S(H.size(), 0.0);
  for (int i = 0; i < n; ++i) {
    H[std::size_t(i) * n + i] = want.d[i];
    S[std::size_t(i) * n + i] = want.sd[i];
    if (i % 2 == 0)
      H[std::size_t(i) * n + i + 1] = H[std::size_t(i + 1) * n + i] = want.e[i];
  }
  check::second_order(
      c, n, f, [&](double *h) { return rosen_hessian(x.data(), n, h); }, hvp,
      CHECK_SPARSE_CALLS(rosen, x.data(), n), H.data(), S.data());
}

static void test_rosen() {
  check::Case c("rosen (extended)", Tol);
  for (int n : {2, 10, 100, 1000, 10000}) {
    std::vector<double> start(n), ones(n, 1.0), random(n);
    for (int i = 0; i < n; ++i)
      start[i] = i % 2 == 0 ? -1.2 : 1.0;
    check::Rng rng(7u + n);
    for (double &e : random)
      e = rng.uniform(-2.0, 2.0);
    check_rosen_at(c, start, "start point");
    check_rosen_at(c, ones, "minimum");
    check_rosen_at(c, random, "random");
  }

  // The textbook values at the minimum (1, 1) and at the start (-1.2, 1),
  // written out: 1200 - 400 + 2 = 802, 1728 - 400 + 2 = 1330, -400 x.
  const double one[2] = {1.0, 1.0}, start[2] = {-1.2, 1.0};
  const double want_one[4] = {802.0, -400.0, -400.0, 200.0};
  const double want_start[4] = {1330.0, 480.0, 480.0, 200.0};
  double H[4];
  c.at("n=2, (1, 1) literal");
  check::poison(H, 4);
  rosen_hessian(one, 2, H);
  c.hessian(H, want_one, nullptr, 2);
  c.at("n=2, (-1.2, 1) literal");
  check::poison(H, 4);
  rosen_hessian(start, 2, H);
  c.hessian(H, want_start, nullptr, 2);
}

int main() {
  test_saddle();
  test_quad();
  test_rosen();
  return check::exit_code();
}
