// RUN: %sympy_ref %s > %t.ref.h
// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror -include %t.ref.h %s -o %t
// RUN: %t
//
// Gradients of scalar arithmetic: + - * /, unary minus, local double and int
// variables, assignment and compound assignment to locals, specs that pick
// and reorder the independents, constant parameters, namespaces and static
// functions. Each function is compared with sympy's exact gradient and
// Hessian (sympy_ref.py) to 1e-12, relative above 1 and absolute below: f_grad,
// f_hessian, and f_hvp in several directions (check::second_order, which also
// checks f_hvp against f_hessian's matrix and that matrix's exact symmetry,
// and the sparse Hessian, f_hessian_sparsity and f_hessian_sparse, against
// that matrix); the values they return are compared with f itself, and f
// with the sympy expression, which catches a SYMPY line that does not
// transcribe its function.

#include <hessc/hessc.h>

#include "Inputs/check.h"

static const double Tol = 1e-12;

// SYMPY: poly(x, y) = x**2*y + 3*x - y/2 + 1
HESSC_DIFF()
double poly(double x, double y) { return x * x * y + 3.0 * x - y / 2.0 + 1.0; }

static void test_poly() {
  check::Case c("poly", Tol);
  const double pts[][2] = {{0.5, -1.25}, {-2.0, 3.0}, {1.75, 0.3}, {0, 0}};
  for (const auto &p : pts) {
    double g[2], want[2];
    c.at({p[0], p[1]});
    c.value(poly_grad(p[0], p[1], g), poly(p[0], p[1]));
    c.value(poly(p[0], p[1]), poly_ref(p[0], p[1]), "f vs sympy");
    poly_ref_grad(p[0], p[1], want);
    c.grad(g, want, 2);
    double H[4];
    poly_ref_hessian(p[0], p[1], H);
    check::second_order(
        c, 2, poly(p[0], p[1]),
        [&](double *h) { return poly_hessian(p[0], p[1], h); },
        [&](const double *v, double *hv) {
          return poly_hvp(p[0], p[1], v, hv);
        },
        CHECK_SPARSE_CALLS(poly, p[0], p[1]),
        H);
  }
}

// HESSC_DIFF() with three scalar parameters; a quotient of polynomials.
// SYMPY: rational(x, y, z) = (x*y - z)/(x**2 + y**2 + 1)
HESSC_DIFF()
double rational(double x, double y, double z) {
  return (x * y - z) / (x * x + y * y + 1.0);
}

static void test_rational() {
  check::Case c("rational", Tol);
  const double pts[][3] = {
      {0.5, -1.5, 2.0}, {-1.2, -0.7, -0.4}, {3.0, 0.25, 1.0}, {0.1, 2.0, -3.0}};
  for (const auto &p : pts) {
    double g[3], want[3];
    c.at({p[0], p[1], p[2]});
    c.value(rational_grad(p[0], p[1], p[2], g), rational(p[0], p[1], p[2]));
    c.value(rational(p[0], p[1], p[2]), rational_ref(p[0], p[1], p[2]),
            "f vs sympy");
    rational_ref_grad(p[0], p[1], p[2], want);
    c.grad(g, want, 3);
    double H[9];
    rational_ref_hessian(p[0], p[1], p[2], H);
    check::second_order(
        c, 3, rational(p[0], p[1], p[2]),
        [&](double *h) { return rational_hessian(p[0], p[1], p[2], h); },
        [&](const double *v, double *hv) {
          return rational_hvp(p[0], p[1], p[2], v, hv);
        },
        CHECK_SPARSE_CALLS(rational, p[0], p[1], p[2]),
        H);
  }
}

// Four independents; every parameter is used in several places.
// SYMPY: four(a, b, c, d) = a*b - c/d + a*c*d - b*b*d
HESSC_DIFF()
double four(double a, double b, double c, double d) {
  return a * b - c / d + a * c * d - b * b * d;
}

static void test_four() {
  check::Case c("four", Tol);
  const double pts[][4] = {{1.0, 2.0, 3.0, 4.0},
                           {-0.5, 1.5, -2.5, 0.75},
                           {2.25, -1.0, 0.5, -3.0}};
  for (const auto &p : pts) {
    double g[4], want[4];
    c.at({p[0], p[1], p[2], p[3]});
    c.value(four_grad(p[0], p[1], p[2], p[3], g), four(p[0], p[1], p[2], p[3]));
    c.value(four(p[0], p[1], p[2], p[3]), four_ref(p[0], p[1], p[2], p[3]),
            "f vs sympy");
    four_ref_grad(p[0], p[1], p[2], p[3], want);
    c.grad(g, want, 4);
    double H[16];
    four_ref_hessian(p[0], p[1], p[2], p[3], H);
    check::second_order(
        c, 4, four(p[0], p[1], p[2], p[3]),
        [&](double *h) { return four_hessian(p[0], p[1], p[2], p[3], h); },
        [&](const double *v, double *hv) {
          return four_hvp(p[0], p[1], p[2], p[3], v, hv);
        },
        CHECK_SPARSE_CALLS(four, p[0], p[1], p[2], p[3]),
        H);
  }
}

// The spec picks a subset in reverse order: grad = (df/db, df/da); c is a
// constant.
// SYMPY: reversed(b, a; c) = a**2*b - b/a + c*a
HESSC_DIFF("b, a")
double reversed(double a, double b, double c) { return a * a * b - b / a + c * a; }

static void test_reversed() {
  check::Case c("reversed", Tol);
  const double pts[][3] = {{1.5, -2.0, 0.5}, {-0.8, 3.0, -1.0}, {2.0, 0.25, 4.0}};
  for (const auto &p : pts) {
    double a = p[0], b = p[1], k = p[2];
    double g[2], want[2];
    c.at({a, b, k});
    c.value(reversed_grad(a, b, k, g), reversed(a, b, k));
    c.value(reversed(a, b, k), reversed_ref(b, a, k), "f vs sympy");
    reversed_ref_grad(b, a, k, want);
    c.grad(g, want, 2);
    // H in spec order (b, a), like the gradient.
    double H[4];
    reversed_ref_hessian(b, a, k, H);
    check::second_order(
        c, 2, reversed(a, b, k),
        [&](double *h) { return reversed_hessian(a, b, k, h); },
        [&](const double *v, double *hv) {
          return reversed_hvp(a, b, k, v, hv);
        },
        CHECK_SPARSE_CALLS(reversed, a, b, k),
        H);
  }
}

// One independent among a double and an int constant.
// SYMPY: only_y(y; x, k) = x*y**2 + k*y
HESSC_DIFF("y")
double only_y(double x, double y, int k) { return x * y * y + k * y; }

static void test_only_y() {
  check::Case c("only_y", Tol);
  const double pts[][2] = {{2.0, -1.5}, {-0.5, 0.75}, {3.25, 4.0}};
  const int ks[] = {3, -2, 0};
  for (int i = 0; i < 3; ++i) {
    double x = pts[i][0], y = pts[i][1];
    int k = ks[i];
    double g[1], want[1];
    c.at({x, y, double(k)});
    c.value(only_y_grad(x, y, k, g), only_y(x, y, k));
    c.value(only_y(x, y, k), only_y_ref(y, x, k), "f vs sympy");
    only_y_ref_grad(y, x, k, want);
    c.grad(g, want, 1);
    double H[1];
    only_y_ref_hessian(y, x, k, H);
    check::second_order(
        c, 1, only_y(x, y, k),
        [&](double *h) { return only_y_hessian(x, y, k, h); },
        [&](const double *v, double *hv) { return only_y_hvp(x, y, k, v, hv); },
        CHECK_SPARSE_CALLS(only_y, x, y, k),
        H);
  }
}

// A double parameter left out of the spec is a constant, wherever it sits.
// SYMPY: scaled(x, y; c) = c*x*y + c/(x**2 + 1) - y/c
HESSC_DIFF("x, y")
double scaled(double x, double c, double y) {
  return c * x * y + c / (x * x + 1.0) - y / c;
}

static void test_scaled() {
  check::Case c("scaled", Tol);
  const double pts[][3] = {{0.5, 2.0, -1.0}, {-1.5, -0.25, 3.0}, {2.0, 10.0, 0.5}};
  for (const auto &p : pts) {
    double x = p[0], k = p[1], y = p[2];
    double g[2], want[2];
    c.at({x, k, y});
    c.value(scaled_grad(x, k, y, g), scaled(x, k, y));
    c.value(scaled(x, k, y), scaled_ref(x, y, k), "f vs sympy");
    scaled_ref_grad(x, y, k, want);
    c.grad(g, want, 2);
    double H[4];
    scaled_ref_hessian(x, y, k, H);
    check::second_order(
        c, 2, scaled(x, k, y),
        [&](double *h) { return scaled_hessian(x, k, y, h); },
        [&](const double *v, double *hv) { return scaled_hvp(x, k, y, v, hv); },
        CHECK_SPARSE_CALLS(scaled, x, k, y),
        H);
  }
}

// Locals, and every compound assignment to a local.
// SYMPY: locals(x, y) = (((x*y - x)*y + (x*y)**2 - x/y)/(1 + x**2))*x*y
HESSC_DIFF()
double locals(double x, double y) {
  double t = x * y;
  double u = t - x;
  u *= y;
  u += t * t;
  u -= x / y;
  u /= 1.0 + x * x;
  return u * t;
}

static void test_locals() {
  check::Case c("locals", Tol);
  const double pts[][2] = {{0.5, -1.25}, {-2.0, 3.0}, {1.5, 0.4}};
  for (const auto &p : pts) {
    double g[2], want[2];
    c.at({p[0], p[1]});
    c.value(locals_grad(p[0], p[1], g), locals(p[0], p[1]));
    c.value(locals(p[0], p[1]), locals_ref(p[0], p[1]), "f vs sympy");
    locals_ref_grad(p[0], p[1], want);
    c.grad(g, want, 2);
    double H[4];
    locals_ref_hessian(p[0], p[1], H);
    check::second_order(
        c, 2, locals(p[0], p[1]),
        [&](double *h) { return locals_hessian(p[0], p[1], h); },
        [&](const double *v, double *hv) {
          return locals_hvp(p[0], p[1], v, hv);
        },
        CHECK_SPARSE_CALLS(locals, p[0], p[1]),
        H);
  }
}

// Unary minus on variables, on products and on a parenthesised difference.
// SYMPY: negate(x, y) = -((-x*y) - (-y))*(-x) + x*y
HESSC_DIFF()
double negate(double x, double y) {
  double t = -x * y;
  return -(t - -y) * -x + -t;
}

static void test_negate() {
  check::Case c("negate", Tol);
  const double pts[][2] = {{0.5, -1.25}, {-2.0, 3.0}, {1.5, 0.4}};
  for (const auto &p : pts) {
    double g[2], want[2];
    c.at({p[0], p[1]});
    c.value(negate_grad(p[0], p[1], g), negate(p[0], p[1]));
    c.value(negate(p[0], p[1]), negate_ref(p[0], p[1]), "f vs sympy");
    negate_ref_grad(p[0], p[1], want);
    c.grad(g, want, 2);
    double H[4];
    negate_ref_hessian(p[0], p[1], H);
    check::second_order(
        c, 2, negate(p[0], p[1]),
        [&](double *h) { return negate_hessian(p[0], p[1], h); },
        [&](const double *v, double *hv) {
          return negate_hvp(p[0], p[1], v, hv);
        },
        CHECK_SPARSE_CALLS(negate, p[0], p[1]),
        H);
  }
}

// Int locals mixed into double arithmetic; k is reassigned (3, then 7).
// SYMPY: int_locals(x, y) = (3*x + 7*y)**2/7 + x/2
HESSC_DIFF()
double int_locals(double x, double y) {
  int k = 3;
  double s = k * x;
  k = k * 2 + 1;
  s += k * y;
  int half = 2;
  return s * s / k + x / half;
}

static void test_int_locals() {
  check::Case c("int_locals", Tol);
  const double pts[][2] = {{0.5, -1.25}, {-2.0, 3.0}, {1.5, 0.4}};
  for (const auto &p : pts) {
    double g[2], want[2];
    c.at({p[0], p[1]});
    c.value(int_locals_grad(p[0], p[1], g), int_locals(p[0], p[1]));
    c.value(int_locals(p[0], p[1]), int_locals_ref(p[0], p[1]), "f vs sympy");
    int_locals_ref_grad(p[0], p[1], want);
    c.grad(g, want, 2);
    double H[4];
    int_locals_ref_hessian(p[0], p[1], H);
    check::second_order(
        c, 2, int_locals(p[0], p[1]),
        [&](double *h) { return int_locals_hessian(p[0], p[1], h); },
        [&](const double *v, double *hv) {
          return int_locals_hvp(p[0], p[1], v, hv);
        },
        CHECK_SPARSE_CALLS(int_locals, p[0], p[1]),
        H);
  }
}

// One local overwritten by expressions that read its old value.
// SYMPY: reuse(x, y) = ((x**2*y + x)/(1 + y**2))*(1 - x)
HESSC_DIFF()
double reuse(double x, double y) {
  double t = x;
  t = t * t;
  t = t * y + x;
  t = t / (1.0 + y * y);
  t = t - x * t;
  return t;
}

static void test_reuse() {
  check::Case c("reuse", Tol);
  const double pts[][2] = {{0.5, -1.25}, {-2.0, 3.0}, {1.5, 0.4}};
  for (const auto &p : pts) {
    double g[2], want[2];
    c.at({p[0], p[1]});
    c.value(reuse_grad(p[0], p[1], g), reuse(p[0], p[1]));
    c.value(reuse(p[0], p[1]), reuse_ref(p[0], p[1]), "f vs sympy");
    reuse_ref_grad(p[0], p[1], want);
    c.grad(g, want, 2);
    double H[4];
    reuse_ref_hessian(p[0], p[1], H);
    check::second_order(
        c, 2, reuse(p[0], p[1]),
        [&](double *h) { return reuse_hessian(p[0], p[1], h); },
        [&](const double *v, double *hv) {
          return reuse_hvp(p[0], p[1], v, hv);
        },
        CHECK_SPARSE_CALLS(reuse, p[0], p[1]),
        H);
  }
}

// The two-dimensional Rosenbrock function.
// SYMPY: rosen2(x, y) = (1 - x)**2 + 100*(y - x**2)**2
HESSC_DIFF()
double rosen2(double x, double y) {
  double a = 1.0 - x;
  double b = y - x * x;
  return a * a + 100.0 * b * b;
}

static void test_rosen2() {
  check::Case c("rosen2", Tol);
  const double pts[][2] = {{-1.2, 1.0}, {0.5, -0.3}, {2.0, 1.0}, {1.0, 1.0}};
  for (const auto &p : pts) {
    double g[2], want[2];
    c.at({p[0], p[1]});
    c.value(rosen2_grad(p[0], p[1], g), rosen2(p[0], p[1]));
    c.value(rosen2(p[0], p[1]), rosen2_ref(p[0], p[1]), "f vs sympy");
    rosen2_ref_grad(p[0], p[1], want);
    c.grad(g, want, 2);
    double H[4];
    rosen2_ref_hessian(p[0], p[1], H);
    check::second_order(
        c, 2, rosen2(p[0], p[1]),
        [&](double *h) { return rosen2_hessian(p[0], p[1], h); },
        [&](const double *v, double *hv) {
          return rosen2_hvp(p[0], p[1], v, hv);
        },
        CHECK_SPARSE_CALLS(rosen2, p[0], p[1]),
        H);
  }
}

// In a namespace: the generated function lives there too.
namespace geo {
// Heron's formula for the squared area of a triangle with sides a, b, c.
// SYMPY: area2(a, b, c) = ((a+b+c)/2)*((a+b+c)/2 - a)*((a+b+c)/2 - b)*((a+b+c)/2 - c)
HESSC_DIFF()
double area2(double a, double b, double c) {
  double s = (a + b + c) / 2.0;
  return s * (s - a) * (s - b) * (s - c);
}
} // namespace geo

static void test_area2() {
  check::Case c("geo::area2", Tol);
  const double pts[][3] = {{3.0, 4.0, 5.0}, {1.0, 1.0, 1.5}, {2.5, 1.75, 3.0}};
  for (const auto &p : pts) {
    double g[3], want[3];
    c.at({p[0], p[1], p[2]});
    c.value(geo::area2_grad(p[0], p[1], p[2], g), geo::area2(p[0], p[1], p[2]));
    c.value(geo::area2(p[0], p[1], p[2]), area2_ref(p[0], p[1], p[2]),
            "f vs sympy");
    area2_ref_grad(p[0], p[1], p[2], want);
    c.grad(g, want, 3);
    double H[9];
    area2_ref_hessian(p[0], p[1], p[2], H);
    check::second_order(
        c, 3, geo::area2(p[0], p[1], p[2]),
        [&](double *h) { return geo::area2_hessian(p[0], p[1], p[2], h); },
        [&](const double *v, double *hv) {
          return geo::area2_hvp(p[0], p[1], p[2], v, hv);
        },
        CHECK_SPARSE_CALLS(geo::area2, p[0], p[1], p[2]),
        H);
  }
}

// A nested namespace (C++17 syntax) and a spec inside it.
namespace outer::inner {
// SYMPY: ns_quad(u, v; w) = w*u**2 + u*v - 3*v**2
HESSC_DIFF("u, v")
double ns_quad(double u, double v, double w) { return w * u * u + u * v - 3.0 * v * v; }
} // namespace outer::inner

static void test_ns_quad() {
  check::Case c("outer::inner::ns_quad", Tol);
  const double pts[][3] = {{1.0, -2.0, 0.5}, {-0.75, 0.5, 3.0}, {2.5, 1.25, -1.0}};
  for (const auto &p : pts) {
    double g[2], want[2];
    c.at({p[0], p[1], p[2]});
    c.value(outer::inner::ns_quad_grad(p[0], p[1], p[2], g),
            outer::inner::ns_quad(p[0], p[1], p[2]));
    c.value(outer::inner::ns_quad(p[0], p[1], p[2]), ns_quad_ref(p[0], p[1], p[2]),
            "f vs sympy");
    ns_quad_ref_grad(p[0], p[1], p[2], want);
    c.grad(g, want, 2);
    double H[4];
    ns_quad_ref_hessian(p[0], p[1], p[2], H);
    check::second_order(
        c, 2, outer::inner::ns_quad(p[0], p[1], p[2]),
        [&](double *h) {
          return outer::inner::ns_quad_hessian(p[0], p[1], p[2], h);
        },
        [&](const double *v, double *hv) {
          return outer::inner::ns_quad_hvp(p[0], p[1], p[2], v, hv);
        },
        CHECK_SPARSE_CALLS(outer::inner::ns_quad, p[0], p[1], p[2]),
        H);
  }
}

// A static (internal-linkage) function: its gradient is static too.
// SYMPY: internal(x, y) = (x - 2*y)*(x + y)/(x**2 + 2)
HESSC_DIFF()
static double internal(double x, double y) {
  return (x - 2.0 * y) * (x + y) / (x * x + 2.0);
}

static void test_internal() {
  check::Case c("internal (static)", Tol);
  const double pts[][2] = {{0.5, -1.25}, {-2.0, 3.0}, {1.5, 0.4}};
  for (const auto &p : pts) {
    double g[2], want[2];
    c.at({p[0], p[1]});
    c.value(internal_grad(p[0], p[1], g), internal(p[0], p[1]));
    c.value(internal(p[0], p[1]), internal_ref(p[0], p[1]), "f vs sympy");
    internal_ref_grad(p[0], p[1], want);
    c.grad(g, want, 2);
    double H[4];
    internal_ref_hessian(p[0], p[1], H);
    check::second_order(
        c, 2, internal(p[0], p[1]),
        [&](double *h) { return internal_hessian(p[0], p[1], h); },
        [&](const double *v, double *hv) {
          return internal_hvp(p[0], p[1], v, hv);
        },
        CHECK_SPARSE_CALLS(internal, p[0], p[1]),
        H);
  }
}

int main() {
  test_poly();
  test_rational();
  test_four();
  test_reversed();
  test_only_y();
  test_scaled();
  test_locals();
  test_negate();
  test_int_locals();
  test_reuse();
  test_rosen2();
  test_area2();
  test_ns_quad();
  test_internal();
  return check::exit_code();
}
