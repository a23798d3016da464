// RUN: %sympy_ref %s > %t.ref.h
// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror -include %t.ref.h %s -o %t
// RUN: %t
//
// Gradients through the <cmath> functions hessc differentiates: sin cos tan
// exp log sqrt pow fabs tanh, called both as std::f and as the global f, alone,
// composed, and with their results kept in locals. Each function is compared
// with sympy's exact gradient and Hessian to 1e-12 (relative above 1,
// absolute below), at points inside the domain and away from the kinks of
// fabs: f_grad, f_hessian, and f_hvp in several directions, and the sparse
// Hessian against f_hessian's matrix (see check::second_order); the values
// they return are compared with f, and f with the sympy expression.

#include <hessc/hessc.h>

#include "Inputs/check.h"

static const double Tol = 1e-12;

// Generic driver for the two-argument functions of this file, which all have
// the signature double(double, double).
typedef double Fn2(double, double);
typedef void RefGrad2(double, double, double *);

/// A function under test, its generated derivatives and its sympy
/// references.
struct Fns2 {
  check::Generated2<double> gen;
  Fn2 *ref;
  RefGrad2 *ref_grad;
  RefGrad2 *ref_hessian;
};

static void run2(const char *name, const Fns2 &fns, const double (*pts)[2],
                 int npts) {
  check::Case c(name, Tol);
  for (int i = 0; i < npts; ++i) {
    double x = pts[i][0], y = pts[i][1];
    double g[2], want[2], H[4];
    c.at({x, y});
    c.value(fns.gen.grad(x, y, g), fns.gen.f(x, y));
    c.value(fns.gen.f(x, y), fns.ref(x, y), "f vs sympy");
    fns.ref_grad(x, y, want);
    c.grad(g, want, 2);
    fns.ref_hessian(x, y, H);
    fns.gen.second_order(c, x, y, H);
  }
}
#define RUN2(name, pts)                                                        \
  run2(#name,                                                                  \
       Fns2{CHECK_GENERATED2(name), name##_ref, name##_ref_grad,               \
            name##_ref_hessian},                                               \
       pts, int(sizeof(pts) / sizeof(pts[0])))

// std::sin, std::cos, std::tan; |x*y| < 1.2 keeps tan away from its poles.
// SYMPY: trig_std(x, y) = sin(x)*cos(y) + tan(x*y)
HESSC_DIFF()
double trig_std(double x, double y) { return std::sin(x) * std::cos(y) + std::tan(x * y); }

// The same functions by their global names.
// SYMPY: trig_global(x, y) = sin(x)*cos(x*y) - tan(y)/2
HESSC_DIFF()
double trig_global(double x, double y) { return sin(x) * cos(x * y) - tan(y) / 2.0; }

// exp and log; y > 0.
// SYMPY: exp_log(x, y) = exp(-x**2)*log(y) + log(x**2 + y**2) - exp(x/y)
HESSC_DIFF()
double exp_log(double x, double y) {
  return std::exp(-x * x) * std::log(y) + std::log(x * x + y * y) - exp(x / y);
}

// sqrt of a positive argument, and sqrt of a variable; y > 0.
// SYMPY: sqrt_fn(x, y) = sqrt(x**2 + y**2 + 1) + x*sqrt(y)
HESSC_DIFF()
double sqrt_fn(double x, double y) {
  return std::sqrt(x * x + y * y + 1.0) + x * sqrt(y);
}

// pow with constant exponents: an int, a fraction, a negative one; y > 0 and
// x*y + 4 > 0.
// SYMPY: pow_const(x, y) = x**3 + y**(5/2) + (x*y + 4)**(-3/2) - 2*pow(x, 2)
HESSC_DIFF()
double pow_const(double x, double y) {
  return std::pow(x, 3) + std::pow(y, 2.5) + std::pow(x * y + 4.0, -1.5) -
         2.0 * pow(x, 2.0);
}

// pow with variable exponents: base and exponent both independent, and a
// constant base; x > 0.
// SYMPY: pow_var(x, y) = x**y + 2**(x*y) + (x + 1)**(y/2)
HESSC_DIFF()
double pow_var(double x, double y) {
  return std::pow(x, y) + std::pow(2.0, x * y) + pow(x + 1.0, y / 2.0);
}

// fabs on both sides of its kink, never at it: x != y, x*y != 0.
// SYMPY: fabs_fn(x, y) = fabs(x - y)*x + fabs(x*y) + fabs(y)**3
HESSC_DIFF()
double fabs_fn(double x, double y) {
  double ay = std::fabs(y);
  return std::fabs(x - y) * x + fabs(x * y) + ay * ay * ay;
}

// tanh, std:: and global.
// SYMPY: tanh_fn(x, y) = tanh(x*y) + y*tanh(x) - tanh(x - y)**2
HESSC_DIFF()
double tanh_fn(double x, double y) {
  double t = std::tanh(x - y);
  return std::tanh(x * y) + y * tanh(x) - t * t;
}

// A deep composition.
// SYMPY: chain_deep(x, y) = sin(cos(exp(tanh(x*y))))*sqrt(exp(x)) + log(1 + exp(y))
HESSC_DIFF()
double chain_deep(double x, double y) {
  return std::sin(std::cos(std::exp(std::tanh(x * y)))) * std::sqrt(std::exp(x)) +
         std::log(1.0 + std::exp(y));
}

// Math results in locals that are read several times, sin^2 + cos^2
// included (sympy keeps it unsimplified, like the code).
// SYMPY: math_locals(x, y) = (sin(x)**2 + cos(x)**2)*exp(y) + sin(x)*cos(x)*y - sqrt(exp(y) + sin(x)**2)
HESSC_DIFF()
double math_locals(double x, double y) {
  double s = std::sin(x);
  double c = std::cos(x);
  double e = std::exp(y);
  double r = s * s + c * c;
  double q = std::sqrt(e + s * s);
  return r * e + s * c * y - q;
}

// Math functions of a constant parameter need no derivative of their own;
// c > 0.
// SYMPY: log_const(x, y; c) = log(c)*x*y + exp(c)*x - sqrt(c)*sin(y)
HESSC_DIFF("x, y")
double log_const(double x, double y, double c) {
  return std::log(c) * x * y + std::exp(c) * x - std::sqrt(c) * std::sin(y);
}

static void test_log_const() {
  check::Case c("log_const", Tol);
  const double pts[][3] = {{0.5, -1.25, 2.0}, {-2.0, 3.0, 0.25}, {1.5, 0.4, 1.0}};
  for (const auto &p : pts) {
    double g[2], want[2];
    c.at({p[0], p[1], p[2]});
    c.value(log_const_grad(p[0], p[1], p[2], g), log_const(p[0], p[1], p[2]));
    c.value(log_const(p[0], p[1], p[2]), log_const_ref(p[0], p[1], p[2]),
            "f vs sympy");
    log_const_ref_grad(p[0], p[1], p[2], want);
    c.grad(g, want, 2);
    double H[4];
    log_const_ref_hessian(p[0], p[1], p[2], H);
    check::second_order(
        c, 2, log_const(p[0], p[1], p[2]),
        [&](double *h) { return log_const_hessian(p[0], p[1], p[2], h); },
        [&](const double *v, double *hv) {
          return log_const_hvp(p[0], p[1], p[2], v, hv);
        },
        CHECK_SPARSE_CALLS(log_const, p[0], p[1], p[2]),
        H);
  }
}

int main() {
  // Points in each function's domain, negative values wherever it allows.
  const double trig_pts[][2] = {{0.5, -1.25}, {-1.5, 0.7}, {2.0, 0.3}, {-0.3, -2.5}};
  RUN2(trig_std, trig_pts);
  RUN2(trig_global, trig_pts);

  const double pos_y[][2] = {{0.5, 1.25}, {-1.5, 0.7}, {2.0, 3.0}, {-0.3, 0.2}};
  RUN2(exp_log, pos_y);
  RUN2(sqrt_fn, pos_y);
  RUN2(pow_const, pos_y);

  const double pos_x[][2] = {{0.5, 1.25}, {1.5, -0.7}, {2.0, 3.0}, {0.3, -2.0}};
  RUN2(pow_var, pos_x);

  // Every sign combination of x - y, x and y.
  const double kinks[][2] = {{0.5, 1.25}, {1.5, -0.7}, {-2.0, 3.0},
                             {-0.3, -2.0}, {-2.5, -1.0}, {2.0, 0.5}};
  RUN2(fabs_fn, kinks);

  const double any[][2] = {{0.5, -1.25}, {-1.5, 0.7}, {1.0, 2.0}, {-0.3, -0.8}};
  RUN2(tanh_fn, any);
  RUN2(chain_deep, any);
  RUN2(math_locals, any);

  test_log_const();
  return check::exit_code();
}
