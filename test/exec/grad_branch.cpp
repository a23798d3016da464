// RUN: %sympy_ref %s > %t.ref.h
// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror -include %t.ref.h %s -o %t
// RUN: %t
//
// Gradients through data-dependent control flow: if/else, if without else,
// else-if chains, nested ifs, ?: (alone and inside expressions), conditions
// on computed locals and on constant parameters. Every branch has its own
// SYMPY reference; the test picks the reference by evaluating the condition
// itself, checks that every branch was taken at some point, and stays away
// from the switching surfaces. Tolerance 1e-12 (relative above 1, absolute
// below) against sympy's exact gradients and Hessians (f_hessian, and f_hvp in
// several directions, see check::second_order, which also checks the sparse
// Hessian against f_hessian's matrix).

#include <hessc/hessc.h>

#include "Inputs/check.h"

static const double Tol = 1e-12;

typedef double Fn2(double, double);
typedef void RefGrad2(double, double, double *);

/// A function under test and its generated derivatives.
using Fns2 = check::Generated2<double>;
#define FNS(name) CHECK_GENERATED2(name)

/// The sympy reference of one branch.
struct Ref2 {
  Fn2 *value;
  RefGrad2 *grad;
  RefGrad2 *hessian;
};

/// Checks f at each point against refs[branch(x, y)], and that each of the
/// nrefs branches is taken at least once.
static void run2(const char *name, const Fns2 &fns,
                 int (*branch)(double, double), const Ref2 *refs, int nrefs,
                 const double (*pts)[2], int npts) {
  check::Case c(name, Tol);
  int taken[8] = {0};
  for (int i = 0; i < npts; ++i) {
    double x = pts[i][0], y = pts[i][1];
    int b = branch(x, y);
    ++taken[b];
    double g[2], want[2];
    c.at({x, y});
    c.value(fns.grad(x, y, g), fns.f(x, y));
    c.value(fns.f(x, y), refs[b].value(x, y), "f vs sympy");
    refs[b].grad(x, y, want);
    c.grad(g, want, 2);
    double H[4];
    refs[b].hessian(x, y, H);
    fns.second_order(c, x, y, H);
  }
  for (int b = 0; b < nrefs; ++b)
    c.expect(taken[b] > 0, "every branch to be taken at some point");
}
#define REF(name)                                                              \
  Ref2{name##_ref, name##_ref_grad, name##_ref_hessian}
#define COUNT(a) int(sizeof(a) / sizeof(a[0]))

// if/else assigning a local declared without an initialiser.
// SYMPY: branch_assign_gt(x, y) = x**2*y + x*y
// SYMPY: branch_assign_le(x, y) = y*sin(x) - x + x*y
HESSC_DIFF()
double branch_assign(double x, double y) {
  double r;
  if (x > y) {
    r = x * x * y;
  } else {
    r = y * std::sin(x) - x;
  }
  return r + x * y;
}

static void test_branch_assign() {
  const Ref2 refs[] = {REF(branch_assign_gt), REF(branch_assign_le)};
  const double pts[][2] = {{1.5, -0.5}, {-0.5, 1.25}, {2.0, 1.0}, {-2.0, -1.0}};
  run2("branch_assign", FNS(branch_assign),
       [](double x, double y) { return x > y ? 0 : 1; }, refs, COUNT(refs), pts,
       COUNT(pts));
}

// ?: selecting between two expressions, the result squared.
// SYMPY: ternary_div(x, y) = (x/y)**2 + x
// SYMPY: ternary_sub(x, y) = (y - x**2)**2 + x
HESSC_DIFF()
double ternary(double x, double y) {
  double t = x * y > 1.0 ? x / y : y - x * x;
  return t * t + x;
}

static void test_ternary() {
  const Ref2 refs[] = {REF(ternary_div), REF(ternary_sub)};
  const double pts[][2] = {{2.0, 1.5}, {-1.5, -2.0}, {0.5, 0.5}, {-1.0, 2.0}};
  run2("ternary", FNS(ternary),
       [](double x, double y) { return x * y > 1.0 ? 0 : 1; }, refs, COUNT(refs),
       pts, COUNT(pts));
}

// if without else, the body a single statement without braces.
// SYMPY: if_no_else_neg(x, y) = -x**2*y + y
// SYMPY: if_no_else_pos(x, y) = x*y + y
HESSC_DIFF()
double if_no_else(double x, double y) {
  double s = x * y;
  if (s < 0.0)
    s = -s * x;
  return s + y;
}

static void test_if_no_else() {
  const Ref2 refs[] = {REF(if_no_else_neg), REF(if_no_else_pos)};
  const double pts[][2] = {{1.5, -0.5}, {-0.5, 1.25}, {2.0, 1.0}, {-2.0, -1.0}};
  run2("if_no_else", FNS(if_no_else),
       [](double x, double y) { return x * y < 0.0 ? 0 : 1; }, refs, COUNT(refs),
       pts, COUNT(pts));
}

// An else-if chain with compound assignments in the branches.
// SYMPY: chain3_low(x, y) = (x + y)*x
// SYMPY: chain3_mid(x, y) = (x + y)**2 - y
// SYMPY: chain3_high(x, y) = (x + y)/x + exp(-y)
HESSC_DIFF()
double chain3(double x, double y) {
  double r = x + y;
  if (x < -1.0) {
    r *= x;
  } else if (x < 1.0) {
    r = r * r - y;
  } else {
    r /= x;
    r += std::exp(-y);
  }
  return r;
}

static void test_chain3() {
  const Ref2 refs[] = {REF(chain3_low), REF(chain3_mid), REF(chain3_high)};
  const double pts[][2] = {{-2.5, 0.5}, {-0.5, -1.25}, {0.75, 2.0},
                           {1.5, -0.5}, {3.0, 1.0},    {-1.5, -3.0}};
  run2("chain3", FNS(chain3),
       [](double x, double) { return x < -1.0 ? 0 : x < 1.0 ? 1 : 2; }, refs,
       COUNT(refs), pts, COUNT(pts));
}

// Nested if/else, inner branches without braces.
// SYMPY: nested_if_pp(x, y) = x*y + x
// SYMPY: nested_if_pn(x, y) = x*y - y**2
// SYMPY: nested_if_n(x, y) = (x*y)**2
HESSC_DIFF()
double nested_if(double x, double y) {
  double r = x * y;
  if (x > 0.0) {
    if (y > 0.0)
      r += x;
    else
      r -= y * y;
  } else {
    r *= r;
  }
  return r;
}

static void test_nested_if() {
  const Ref2 refs[] = {REF(nested_if_pp), REF(nested_if_pn), REF(nested_if_n)};
  const double pts[][2] = {{1.5, 0.5}, {0.5, -1.25}, {-2.0, 1.0}, {-0.5, -3.0}};
  run2("nested_if", FNS(nested_if),
       [](double x, double y) { return x > 0.0 ? (y > 0.0 ? 0 : 1) : 2; }, refs,
       COUNT(refs), pts, COUNT(pts));
}

// ?: inside larger expressions; the first is |x| by cases.
// SYMPY: ternary_expr_ygt(x, y) = fabs(x)*y + y**2
// SYMPY: ternary_expr_yle(x, y) = fabs(x)*y + x*y
HESSC_DIFF()
double ternary_expr(double x, double y) {
  return (x > 0.0 ? x : -x) * y + (y > x ? y * y : x * y);
}

static void test_ternary_expr() {
  const Ref2 refs[] = {REF(ternary_expr_ygt), REF(ternary_expr_yle)};
  // All four combinations of the two conditions.
  const double pts[][2] = {{0.5, 1.5}, {2.0, -1.0}, {-1.5, 0.75}, {-0.5, -2.0}};
  run2("ternary_expr", FNS(ternary_expr),
       [](double x, double y) { return y > x ? 0 : 1; }, refs, COUNT(refs), pts,
       COUNT(pts));
}

// The condition reads a computed local; one branch declares its own local.
// SYMPY: cond_local_hi(x, y) = (sin(x) + y)**2*x*y
// SYMPY: cond_local_lo(x, y) = (sin(x) + y - x*y)*y
HESSC_DIFF()
double cond_local(double x, double y) {
  double z = std::sin(x) + y;
  double r = 0.0;
  if (z > 0.5) {
    double w = z * z;
    r = w * x;
  } else {
    r = z - x * y;
  }
  return r * y;
}

static void test_cond_local() {
  const Ref2 refs[] = {REF(cond_local_hi), REF(cond_local_lo)};
  const double pts[][2] = {{0.5, 1.0}, {-0.5, -0.25}, {2.0, -1.5}, {-1.0, 2.0}};
  run2("cond_local", FNS(cond_local),
       [](double x, double y) { return std::sin(x) + y > 0.5 ? 0 : 1; }, refs,
       COUNT(refs), pts, COUNT(pts));
}

// A condition on a constant parameter only: the independent is x.
// SYMPY: piece_const_pos(x; a) = a*x**2 + a
// SYMPY: piece_const_neg(x; a) = x/(1 - a) + a
HESSC_DIFF("x")
double piece_const(double x, double a) {
  double r = x;
  if (a > 0.0)
    r = a * x * x;
  else
    r = r / (1.0 - a);
  return r + a;
}

static void test_piece_const() {
  check::Case c("piece_const", Tol);
  const double pts[][2] = {{1.5, 2.0}, {-0.5, 0.25}, {2.0, -1.0}, {-3.0, -0.5}};
  for (const auto &p : pts) {
    double x = p[0], a = p[1];
    double g[1], want[1], H[1];
    c.at({x, a});
    c.value(piece_const_grad(x, a, g), piece_const(x, a));
    if (a > 0.0) {
      c.value(piece_const(x, a), piece_const_pos_ref(x, a), "f vs sympy");
      piece_const_pos_ref_grad(x, a, want);
      piece_const_pos_ref_hessian(x, a, H);
    } else {
      c.value(piece_const(x, a), piece_const_neg_ref(x, a), "f vs sympy");
      piece_const_neg_ref_grad(x, a, want);
      piece_const_neg_ref_hessian(x, a, H);
    }
    c.grad(g, want, 1);
    check::second_order(
        c, 1, piece_const(x, a),
        [&](double *h) { return piece_const_hessian(x, a, h); },
        [&](const double *v, double *hv) {
          return piece_const_hvp(x, a, v, hv);
        },
        CHECK_SPARSE_CALLS(piece_const, x, a),
        H);
  }
}

int main() {
  test_branch_assign();
  test_ternary();
  test_if_no_else();
  test_chain3();
  test_nested_if();
  test_ternary_expr();
  test_cond_local();
  test_piece_const();
  return check::exit_code();
}
