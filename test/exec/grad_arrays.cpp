// RUN: %sympy_ref %s > %t.ref.h
// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror -include %t.ref.h %s -o %t
// RUN: %t
//
// Array parameters at sizes small enough for sympy: fixed-size arrays
// (double x[3], const double p[2]) with and without a spec length, a constant
// length in the spec (x[3] on a pointer), independents that mix scalars and
// an array (the gradient follows the spec order), loops with constant bounds,
// a constant data array beside HESSC_DIFF() (which then means the scalars
// only), and an empty loop (n = 0). Tolerance 1e-12 (relative above 1,
// absolute below) against sympy's exact gradients and Hessians (f_hessian,
// and f_hvp in several directions, see check::second_order, which also
// checks the sparse Hessian against f_hessian's matrix); the array elements
// are sympy's scalar arguments x0, x1, ... in order.

#include <hessc/hessc.h>

#include "Inputs/check.h"

static const double Tol = 1e-12;

// A fixed-size array parameter, not const; the spec needs no length.
// SYMPY: norm3(x0, x1, x2) = sqrt(x0**2 + x1**2 + x2**2) + x0*x1*x2
HESSC_DIFF("x")
double norm3(double x[3]) {
  return std::sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]) + x[0] * x[1] * x[2];
}

static void test_norm3() {
  check::Case c("norm3", Tol);
  double pts[][3] = {{1.0, 2.0, 2.0}, {-0.5, 1.5, -2.5}, {3.0, -0.25, 0.75}};
  for (auto &x : pts) {
    double g[3], want[3];
    c.at({x[0], x[1], x[2]});
    c.value(norm3_grad(x, g), norm3(x));
    c.value(norm3(x), norm3_ref(x[0], x[1], x[2]), "f vs sympy");
    norm3_ref_grad(x[0], x[1], x[2], want);
    c.grad(g, want, 3);
    double H[9];
    norm3_ref_hessian(x[0], x[1], x[2], H);
    check::second_order(
        c, 3, norm3(x), [&](double *h) { return norm3_hessian(x, h); },
        [&](const double *v, double *hv) { return norm3_hvp(x, v, hv); },
        CHECK_SPARSE_CALLS(norm3, x), H);
  }
}

// A const fixed-size array and a scalar: grad = (d/dp[0], d/dp[1], d/ds).
// SYMPY: fixed_scalar(p0, p1, s) = s*p0**2 - p1/s + p0*p1
HESSC_DIFF("p, s")
double fixed_scalar(const double p[2], double s) {
  return s * p[0] * p[0] - p[1] / s + p[0] * p[1];
}

static void test_fixed_scalar() {
  check::Case c("fixed_scalar", Tol);
  const double pts[][3] = {{1.5, -0.5, 2.0}, {-2.0, 0.75, -1.25}, {0.25, 3.0, 0.5}};
  for (const auto &q : pts) {
    const double p[2] = {q[0], q[1]};
    double s = q[2];
    double g[3], want[3];
    c.at({q[0], q[1], s});
    c.value(fixed_scalar_grad(p, s, g), fixed_scalar(p, s));
    c.value(fixed_scalar(p, s), fixed_scalar_ref(p[0], p[1], s), "f vs sympy");
    fixed_scalar_ref_grad(p[0], p[1], s, want);
    c.grad(g, want, 3);
    double H[9];
    fixed_scalar_ref_hessian(p[0], p[1], s, H);
    check::second_order(
        c, 3, fixed_scalar(p, s),
        [&](double *h) { return fixed_scalar_hessian(p, s, h); },
        [&](const double *v, double *hv) {
          return fixed_scalar_hvp(p, s, v, hv);
        },
        CHECK_SPARSE_CALLS(fixed_scalar, p, s),
        H);
  }
}

// Loops with constant bounds over a fixed-size array; an int factor (i + 1).
// SYMPY: fixed_loop(x0, x1, x2, x3) = x0**2 + 2*x1**2 + 3*x2**2 + 4*x3**2 + x0*x1*x2*x3
HESSC_DIFF("x")
double fixed_loop(const double x[4]) {
  double s = 0.0;
  for (int i = 0; i < 4; ++i)
    s += (i + 1) * x[i] * x[i];
  double p = 1.0;
  for (int i = 0; i < 4; ++i)
    p *= x[i];
  return s + p;
}

static void test_fixed_loop() {
  check::Case c("fixed_loop", Tol);
  const double pts[][4] = {{1.0, 2.0, -1.0, 0.5},
                           {-0.5, 1.5, -2.5, 0.75},
                           {3.0, -0.25, 0.75, -1.0}};
  for (const auto &x : pts) {
    double g[4], want[4];
    c.at({x[0], x[1], x[2], x[3]});
    c.value(fixed_loop_grad(x, g), fixed_loop(x));
    c.value(fixed_loop(x), fixed_loop_ref(x[0], x[1], x[2], x[3]), "f vs sympy");
    fixed_loop_ref_grad(x[0], x[1], x[2], x[3], want);
    c.grad(g, want, 4);
    double H[16];
    fixed_loop_ref_hessian(x[0], x[1], x[2], x[3], H);
    check::second_order(
        c, 4, fixed_loop(x),
        [&](double *h) { return fixed_loop_hessian(x, h); },
        [&](const double *v, double *hv) { return fixed_loop_hvp(x, v, hv); },
        CHECK_SPARSE_CALLS(fixed_loop, x),
        H);
  }
}

// A pointer with a constant length in the spec.
// SYMPY: const_len(x0, x1, x2) = exp(x0*x1) - x2**2*x0 + log(1 + x1**2)
HESSC_DIFF("x[3]")
double const_len(const double *x) {
  return std::exp(x[0] * x[1]) - x[2] * x[2] * x[0] + std::log(1.0 + x[1] * x[1]);
}

static void test_const_len() {
  check::Case c("const_len", Tol);
  const double pts[][3] = {{0.5, -1.0, 2.0}, {-1.5, 0.75, -0.25}, {1.25, 1.0, 0.5}};
  for (const auto &x : pts) {
    double g[3], want[3];
    c.at({x[0], x[1], x[2]});
    c.value(const_len_grad(x, g), const_len(x));
    c.value(const_len(x), const_len_ref(x[0], x[1], x[2]), "f vs sympy");
    const_len_ref_grad(x[0], x[1], x[2], want);
    c.grad(g, want, 3);
    double H[9];
    const_len_ref_hessian(x[0], x[1], x[2], H);
    check::second_order(
        c, 3, const_len(x), [&](double *h) { return const_len_hessian(x, h); },
        [&](const double *v, double *hv) { return const_len_hvp(x, v, hv); },
        CHECK_SPARSE_CALLS(const_len, x),
        H);
  }
}

// Scalar, array, scalar: grad = (d/da, d/dx[0..n-1], d/db), here n = 3.
// SYMPY: mixed(a, x0, x1, x2, b) = a*(x0**2 + x1**2 + x2**2) + b*x0*x2 + b**2
HESSC_DIFF("a, x[n], b")
double mixed(double a, const double *x, int n, double b) {
  double s = 0.0;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i];
  return a * s + b * x[0] * x[n - 1] + b * b;
}

static void test_mixed() {
  check::Case c("mixed", Tol);
  const double pts[][5] = {{1.5, 1.0, -2.0, 0.5, -0.75},
                           {-0.5, -1.25, 0.25, 2.0, 1.5},
                           {2.0, 0.75, 1.5, -1.0, 0.25}};
  for (const auto &p : pts) {
    double a = p[0], b = p[4];
    const double x[3] = {p[1], p[2], p[3]};
    double g[5], want[5];
    c.at({a, x[0], x[1], x[2], b});
    c.value(mixed_grad(a, x, 3, b, g), mixed(a, x, 3, b));
    c.value(mixed(a, x, 3, b), mixed_ref(a, x[0], x[1], x[2], b), "f vs sympy");
    mixed_ref_grad(a, x[0], x[1], x[2], b, want);
    c.grad(g, want, 5);
    double H[25];
    mixed_ref_hessian(a, x[0], x[1], x[2], b, H);
    check::second_order(
        c, 5, mixed(a, x, 3, b),
        [&](double *h) { return mixed_hessian(a, x, 3, b, h); },
        [&](const double *v, double *hv) {
          return mixed_hvp(a, x, 3, b, v, hv);
        },
        CHECK_SPARSE_CALLS(mixed, a, x, 3, b),
        H);
  }
}

// HESSC_DIFF() makes the floating scalars a and b independent; the data
// array and its length are constants. Checked at n = 3 against sympy and at
// n = 0 (the loop never runs: f = 0 and grad = 0).
// SYMPY: with_data(a, b; d0, d1, d2) = (a*d0 + b - sin(d0))**2 + (a*d1 + b - sin(d1))**2 + (a*d2 + b - sin(d2))**2
HESSC_DIFF()
double with_data(double a, double b, const double *data, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) {
    double r = a * data[i] + b - std::sin(data[i]);
    s += r * r;
  }
  return s;
}

static void test_with_data() {
  check::Case c("with_data", Tol);
  const double data[3] = {0.5, -1.5, 2.25};
  const double pts[][2] = {{1.5, -0.5}, {-2.0, 0.75}, {0.25, 3.0}};
  for (const auto &p : pts) {
    double a = p[0], b = p[1];
    double g[2], want[2];
    c.at({a, b});
    c.value(with_data_grad(a, b, data, 3, g), with_data(a, b, data, 3));
    c.value(with_data(a, b, data, 3),
            with_data_ref(a, b, data[0], data[1], data[2]), "f vs sympy");
    with_data_ref_grad(a, b, data[0], data[1], data[2], want);
    c.grad(g, want, 2);
    double H[4];
    with_data_ref_hessian(a, b, data[0], data[1], data[2], H);
    check::second_order(
        c, 2, with_data(a, b, data, 3),
        [&](double *h) { return with_data_hessian(a, b, data, 3, h); },
        [&](const double *v, double *hv) {
          return with_data_hvp(a, b, data, 3, v, hv);
        },
        CHECK_SPARSE_CALLS(with_data, a, b, data, 3),
        H);

    c.at("(%g, %g) with n = 0", a, b);
    double g0[2] = {99.0, 99.0}; // must be overwritten, not accumulated
    const double zero[2] = {0.0, 0.0};
    c.value(with_data_grad(a, b, data, 0, g0), 0.0);
    c.grad(g0, zero, 2);
    // With no data the Hessian is zero: f_hessian and f_hvp must still
    // overwrite their (NaN-filled) outputs.
    const double zero_h[4] = {0.0, 0.0, 0.0, 0.0};
    check::second_order(
        c, 2, 0.0,
        [&](double *h) { return with_data_hessian(a, b, data, 0, h); },
        [&](const double *v, double *hv) {
          return with_data_hvp(a, b, data, 0, v, hv);
        },
        CHECK_SPARSE_CALLS(with_data, a, b, data, 0),
        zero_h);
  }
}

int main() {
  test_norm3();
  test_fixed_scalar();
  test_fixed_loop();
  test_const_len();
  test_mixed();
  test_with_data();
  return check::exit_code();
}
