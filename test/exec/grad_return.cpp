// RUN: %sympy_ref %s > %t.ref.h
// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror -include %t.ref.h %s -o %t
// RUN: %t
//
// Gradients of functions with early returns inside top-level ifs (never
// inside loops): a guard before the main computation, several guards in a
// row, returns after locals were computed and overwritten, a return in the
// else branch, and an if/else that returns from both branches. Each exit has
// its own SYMPY reference; the test picks it by evaluating the conditions
// itself and checks that every exit is taken. Tolerance 1e-12 (relative
// above 1, absolute below) against sympy's exact gradients and Hessians
// (f_hessian, and f_hvp in several directions, see check::second_order,
// which also checks the sparse Hessian against f_hessian's matrix).

#include <hessc/hessc.h>

#include "Inputs/check.h"

static const double Tol = 1e-12;

typedef double Fn2(double, double);
typedef void RefGrad2(double, double, double *);

/// A function under test and its generated derivatives.
using Fns2 = check::Generated2<double>;
#define FNS(name) CHECK_GENERATED2(name)

/// The sympy reference of one exit.
struct Ref2 {
  Fn2 *value;
  RefGrad2 *grad;
  RefGrad2 *hessian;
};

/// Checks f at each point against refs[which(x, y)], and that each of the
/// nrefs exits is taken at least once.
static void run2(const char *name, const Fns2 &fns,
                 int (*which)(double, double), const Ref2 *refs, int nrefs,
                 const double (*pts)[2], int npts) {
  check::Case c(name, Tol);
  int taken[8] = {0};
  for (int i = 0; i < npts; ++i) {
    double x = pts[i][0], y = pts[i][1];
    int e = which(x, y);
    ++taken[e];
    double g[2], want[2];
    c.at({x, y});
    c.value(fns.grad(x, y, g), fns.f(x, y));
    c.value(fns.f(x, y), refs[e].value(x, y), "f vs sympy");
    refs[e].grad(x, y, want);
    c.grad(g, want, 2);
    double H[4];
    refs[e].hessian(x, y, H);
    fns.second_order(c, x, y, H);
  }
  for (int e = 0; e < nrefs; ++e)
    c.expect(taken[e] > 0, "every return to be taken at some point");
}
#define REF(name)                                                              \
  Ref2{name##_ref, name##_ref_grad, name##_ref_hessian}
#define COUNT(a) int(sizeof(a) / sizeof(a[0]))

// A guard that returns before the main computation.
// SYMPY: guard_early(x, y) = x*y
// SYMPY: guard_late(x, y) = x**2*y + x
HESSC_DIFF()
double guard(double x, double y) {
  if (x < 0.0)
    return x * y;
  double t = x * x;
  return t * y + x;
}

static void test_guard() {
  const Ref2 refs[] = {REF(guard_early), REF(guard_late)};
  const double pts[][2] = {{-1.5, 0.5}, {-0.25, -2.0}, {0.75, 1.25}, {2.0, -1.0}};
  run2("guard", FNS(guard), [](double x, double) { return x < 0.0 ? 0 : 1; },
       refs, COUNT(refs), pts, COUNT(pts));
}

// Two guards in a row, one with braces, then the fall-through return.
// SYMPY: multi_return_high(x, y) = log(x)*y
// SYMPY: multi_return_low(x, y) = x**3 + y
// SYMPY: multi_return_mid(x, y) = (x*y)**2 + sin(y)
HESSC_DIFF()
double multi_return(double x, double y) {
  if (x > 2.0)
    return std::log(x) * y;
  if (x < -1.0) {
    return x * x * x + y;
  }
  double u = x * y;
  return u * u + std::sin(y);
}

static void test_multi_return() {
  const Ref2 refs[] = {REF(multi_return_high), REF(multi_return_low),
                       REF(multi_return_mid)};
  const double pts[][2] = {{3.0, -0.5}, {2.5, 1.5}, {-2.0, 0.75},
                           {-1.5, -1.0}, {0.5, 2.0}, {-0.5, -1.25}};
  run2("multi_return", FNS(multi_return),
       [](double x, double) { return x > 2.0 ? 0 : x < -1.0 ? 1 : 2; }, refs,
       COUNT(refs), pts, COUNT(pts));
}

// Returns after locals have been computed; the fall-through path overwrites
// the local before returning it.
// SYMPY: return_locals_early(x, y) = (x*y)**2 - x
// SYMPY: return_locals_late(x, y) = ((x*y + y)*x)**2
HESSC_DIFF()
double return_locals(double x, double y) {
  double u = x * y;
  if (u > 1.0) {
    double v = u * u;
    return v - x;
  }
  u = u + y;
  u *= x;
  return u * u;
}

static void test_return_locals() {
  const Ref2 refs[] = {REF(return_locals_early), REF(return_locals_late)};
  const double pts[][2] = {{2.0, 1.5}, {-1.5, -2.0}, {0.5, -1.0}, {-0.75, 0.5}};
  run2("return_locals", FNS(return_locals),
       [](double x, double y) { return x * y > 1.0 ? 0 : 1; }, refs, COUNT(refs),
       pts, COUNT(pts));
}

// The return is in the else branch; the then branch falls through.
// SYMPY: return_else_then(x, y) = (x - y)**2 + y**2
// SYMPY: return_else_else(x, y) = (x - y)*x
HESSC_DIFF()
double return_else(double x, double y) {
  double r = x - y;
  if (x > y) {
    r *= r;
  } else {
    return r * x;
  }
  r += y * y;
  return r;
}

static void test_return_else() {
  const Ref2 refs[] = {REF(return_else_then), REF(return_else_else)};
  const double pts[][2] = {{2.0, -1.5}, {0.5, 0.25}, {-1.5, 2.0}, {-0.75, -0.5}};
  run2("return_else", FNS(return_else),
       [](double x, double y) { return x > y ? 0 : 1; }, refs, COUNT(refs), pts,
       COUNT(pts));
}

// Both branches of the last statement return; nothing follows.
// SYMPY: both_return_pos(x, y) = x*y + tanh(y)
// SYMPY: both_return_neg(x, y) = -x*y**2
HESSC_DIFF()
double both_return(double x, double y) {
  if (x > 0.0) {
    return x * y + std::tanh(y);
  } else {
    return -x * y * y;
  }
}

static void test_both_return() {
  const Ref2 refs[] = {REF(both_return_pos), REF(both_return_neg)};
  const double pts[][2] = {{1.5, -0.5}, {0.25, 2.0}, {-1.5, 0.75}, {-0.5, -1.25}};
  run2("both_return", FNS(both_return),
       [](double x, double) { return x > 0.0 ? 0 : 1; }, refs, COUNT(refs), pts,
       COUNT(pts));
}

// An early return whose condition compares an independent with a constant
// parameter.
// SYMPY: guard_const_small(x, y; eps) = eps*x
// SYMPY: guard_const_big(x, y; eps) = x/y
HESSC_DIFF("x, y")
double guard_const(double x, double y, double eps) {
  if (y < eps)
    return eps * x;
  return x / y;
}

static void test_guard_const() {
  check::Case c("guard_const", Tol);
  const double pts[][3] = {{1.5, 0.05, 0.1}, {-2.0, -3.0, 0.1}, {0.5, 2.0, 0.1},
                           {-1.25, 0.5, 0.25}};
  bool took_small = false, took_big = false;
  for (const auto &p : pts) {
    double x = p[0], y = p[1], eps = p[2];
    double g[2], want[2], H[4];
    c.at({x, y, eps});
    c.value(guard_const_grad(x, y, eps, g), guard_const(x, y, eps));
    if (y < eps) {
      took_small = true;
      c.value(guard_const(x, y, eps), guard_const_small_ref(x, y, eps),
              "f vs sympy");
      guard_const_small_ref_grad(x, y, eps, want);
      guard_const_small_ref_hessian(x, y, eps, H);
    } else {
      took_big = true;
      c.value(guard_const(x, y, eps), guard_const_big_ref(x, y, eps),
              "f vs sympy");
      guard_const_big_ref_grad(x, y, eps, want);
      guard_const_big_ref_hessian(x, y, eps, H);
    }
    c.grad(g, want, 2);
    check::second_order(
        c, 2, guard_const(x, y, eps),
        [&](double *h) { return guard_const_hessian(x, y, eps, h); },
        [&](const double *v, double *hv) {
          return guard_const_hvp(x, y, eps, v, hv);
        },
        CHECK_SPARSE_CALLS(guard_const, x, y, eps),
        H);
  }
  c.expect(took_small && took_big, "both returns to be taken");
}

int main() {
  test_guard();
  test_multi_return();
  test_return_locals();
  test_return_else();
  test_both_return();
  test_guard_const();
  return check::exit_code();
}
