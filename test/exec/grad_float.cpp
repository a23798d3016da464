// RUN: %sympy_ref %s > %t.ref.h
// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror -include %t.ref.h %s -o %t
// RUN: %t
//
// Gradients of float functions: f_grad computes in float, returns float and
// writes a float gradient. The references are exact derivatives evaluated in
// double at the same (float) inputs: sympy's for the scalar functions, the
// analytic gradient for chained Rosenbrock.
//
// The same for second order: f_hessian's float matrix and f_hvp's float
// products (see check::second_order) against the double Hessians, sympy's or
// the analytic tridiagonal one, and the float values of the sparse Hessian
// (f_hessian_sparse) against f_hessian's float matrix.
//
// Tolerance 1e-5, relative above 1 and absolute below (relative to the
// terms' magnitudes for Rosenbrock, see grad_loops.cpp). Every float
// operation has a relative error of at most 2^-24 = 6e-8, and these
// functions take at most a few dozen operations, without cancellation at the
// chosen points, on the way to any gradient or Hessian entry (the forward
// tangent of the reverse sweep at most doubles that count): a few 1e-7 at
// most, so 1e-5 leaves a margin of more than 10 while still catching any
// real error (a wrong term or a value computed in the wrong precision would
// be off by far more). The same tolerance applies to f_hvp against
// f_hessian's matrix times v, and to f_hessian_sparse's values (entries of
// float products H S) against f_hessian's entries: both are float
// computations of the same numbers, each within a few 1e-7 of the exact one,
// relative to the sum of the magnitudes of the terms of the product; 1e-12
// would demand double precision of float code.

#include <hessc/hessc.h>

#include <vector>

#include "Inputs/check.h"

static const double Tol = 1e-5;

typedef double Ref2(double, double);
typedef void RefGrad2(double, double, double *);

/// A float function under test, its generated derivatives and its double
/// references.
struct Fns2 {
  check::Generated2<float> gen;
  Ref2 *ref;
  RefGrad2 *ref_grad;
  RefGrad2 *ref_hessian;
};

/// Checks a float function of two floats against its double references.
static void run2(const char *name, const Fns2 &fns, const float (*pts)[2],
                 int npts) {
  check::Case c(name, Tol);
  for (int i = 0; i < npts; ++i) {
    float x = pts[i][0], y = pts[i][1];
    float g[2];
    double want[2], H[4];
    c.at({x, y});
    c.value(fns.gen.grad(x, y, g), fns.gen.f(x, y));
    c.value(fns.gen.f(x, y), fns.ref(x, y), "f vs sympy");
    fns.ref_grad(x, y, want);
    c.grad(g, want, 2);
    fns.ref_hessian(x, y, H);
    // f_hessian and f_hvp against the double Hessian; the float sparse
    // Hessian against f_hessian's float matrix (see check::second_order).
    fns.gen.second_order(c, x, y, H);
  }
}
#define FNS(name)                                                              \
  Fns2{CHECK_GENERATED2(name), name##_ref, name##_ref_grad, name##_ref_hessian}
#define RUN2(name, pts)                                                        \
  run2(#name, FNS(name), pts, int(sizeof(pts) / sizeof(pts[0])))

// Arithmetic with float literals.
// SYMPY: fpoly(x, y) = x**2*y + 2*x - y/3
HESSC_DIFF()
float fpoly(float x, float y) { return x * x * y + 2.0f * x - y / 3.0f; }

// The float overloads of std::sin, exp, sqrt, log, tanh and pow.
// SYMPY: fmath(x, y) = sin(x)*exp(y/2) + sqrt(x**2 + 1) - log(y**2 + 1) + tanh(x*y) + pow(y**2 + 1, 3/2)
HESSC_DIFF()
float fmath(float x, float y) {
  float t = y * y + 1.0f;
  return std::sin(x) * std::exp(y * 0.5f) + std::sqrt(x * x + 1.0f) -
         std::log(t) + std::tanh(x * y) + std::pow(t, 1.5f);
}

// ?: on float operands, then an if on the float result.
// SYMPY: fbranch_prod(x, y) = (x*y)**2 + x
// SYMPY: fbranch_neg(x, y) = (x*y/2)**2 + x
// SYMPY: fbranch_diff(x, y) = (y - x)**2 + x
HESSC_DIFF()
float fbranch(float x, float y) {
  float r = x > y ? x * y : y - x;
  if (r < 0.0f)
    r = -r * 0.5f;
  return r * r + x;
}

static void test_fbranch() {
  check::Case c("fbranch", Tol);
  const float pts[][2] = {{2.0f, 1.5f}, {1.5f, -0.75f}, {-0.5f, 1.25f}, {-2.0f, -1.0f}};
  for (const auto &p : pts) {
    float x = p[0], y = p[1];
    float g[2];
    double want[2], H[4], ref;
    if (x > y && x * y >= 0.0f) {
      ref = fbranch_prod_ref(x, y);
      fbranch_prod_ref_grad(x, y, want);
      fbranch_prod_ref_hessian(x, y, H);
    } else if (x > y) {
      ref = fbranch_neg_ref(x, y);
      fbranch_neg_ref_grad(x, y, want);
      fbranch_neg_ref_hessian(x, y, H);
    } else {
      ref = fbranch_diff_ref(x, y);
      fbranch_diff_ref_grad(x, y, want);
      fbranch_diff_ref_hessian(x, y, H);
    }
    c.at({x, y});
    c.value(fbranch_grad(x, y, g), fbranch(x, y));
    c.value(fbranch(x, y), ref, "f vs sympy");
    c.grad(g, want, 2);
    check::second_order(
        c, 2, fbranch(x, y), [&](float *h) { return fbranch_hessian(x, y, h); },
        [&](const float *v, float *hv) { return fbranch_hvp(x, y, v, hv); },
        CHECK_SPARSE_CALLS(fbranch, x, y), H);
  }
}

// Chained Rosenbrock in float over a float array.
HESSC_DIFF("x[n]")
float frosen(const float *x, int n) {
  float f = 0.0f;
  for (int i = 0; i < n - 1; ++i) {
    float a = x[i + 1] - x[i] * x[i];
    float b = 1.0f - x[i];
    f += 100.0f * a * a + b * b;
  }
  return f;
}

static void test_frosen() {
  check::Case c("frosen", Tol);
  check::Rng rng(5);
  for (int n : {2, 10, 100}) {
    std::vector<float> x(n);
    for (float &e : x)
      e = float(rng.uniform(-2.0, 2.0));
    // The analytic gradient in double, and the scale of its rounding error
    // in float: the terms' magnitudes, with a = x[i+1] - x[i]^2 counted as
    // |x[i+1]| + x[i]^2, since float rounds x[i]^2 before the subtraction.
    std::vector<double> want(n, 0.0), scale(n, 0.0);
    double f_want = 0.0;
    for (int i = 0; i < n - 1; ++i) {
      double xi = x[i], a = double(x[i + 1]) - xi * xi;
      double a_size = std::fabs(double(x[i + 1])) + xi * xi;
      want[i] += -400.0 * xi * a - 2.0 * (1.0 - xi);
      scale[i] += 400.0 * std::fabs(xi) * a_size + std::fabs(2.0 * (1.0 - xi));
      want[i + 1] += 200.0 * a;
      scale[i + 1] += 200.0 * a_size;
      f_want += 100.0 * a * a + (1.0 - xi) * (1.0 - xi);
    }
    std::vector<float> g(n);
    c.at("n=%d", n);
    float f = frosen_grad(x.data(), n, g.data());
    c.value(f, frosen(x.data(), n));
    // A float sum of n positive terms: relative error below n 2^-24 = 6e-6.
    c.value(f, f_want, "f vs double");
    c.grad(g.data(), want.data(), scale.data(), n);

    // The tridiagonal Hessian in double: d2/dx_i2 = 1200 x_i^2 - 400 x_{i+1}
    // + 2 (i < n-1) + 200 (i > 0), d2/dx_i dx_{i+1} = -400 x_i. Its float
    // rounding scales with 800 x_i^2 + 400 |a| (a as above, |x_{i+1}| +
    // x_i^2) + 2 + 200 on the diagonal and with 400 |x_i| off it.
    std::vector<double> H(std::size_t(n) * n, 0.0), hscale(H.size(), 0.0);
    for (int i = 0; i < n - 1; ++i) {
      double xi = x[i];
      H[i * n + i] += 1200.0 * xi * xi - 400.0 * double(x[i + 1]) + 2.0;
      hscale[i * n + i] +=
          1200.0 * xi * xi + 400.0 * std::fabs(double(x[i + 1])) + 2.0;
      H[(i + 1) * n + i + 1] += 200.0;
      hscale[(i + 1) * n + i + 1] += 200.0;
      H[i * n + i + 1] = H[(i + 1) * n + i] = -400.0 * xi;
    }
    check::second_order(
        c, n, frosen(x.data(), n),
        [&](float *h) { return frosen_hessian(x.data(), n, h); },
        [&](const float *v, float *hv) {
          return frosen_hvp(x.data(), n, v, hv);
        },
        CHECK_SPARSE_CALLS(frosen, x.data(), n),
        H.data(), hscale.data());
  }
}

int main() {
  const float pts[][2] = {{0.5f, -1.25f}, {-1.5f, 0.75f}, {2.0f, 1.5f}, {-0.25f, -2.0f}};
  RUN2(fpoly, pts);
  RUN2(fmath, pts);
  test_fbranch();
  test_frosen();
  return check::exit_code();
}
