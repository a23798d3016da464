// Bugs found by the real-code corpus, each checked against a hand-derived
// reference so that it stays fixed:
//  1. `v += e` where e reads v (the seed changed under the propagation);
//  2. values read only by a helper's pullback were not restored;
//  3. a local C array passed to a helper broke the Hessian block's code;
//  4. struct parameters read through members were printed unnamed;
//  5. a helper reading only v.size() of a vector left v unnamed;
//  6. a HESSC_PARTIAL that calls its own function was taken for recursion;
//  7. a helper that overwrites its by-value parameter broke the lanes code;
//  8. constant integer arrays (labels, indices) could not be read;
//  9. a helper called three times, whose merged value and pullback keeps its
//     result in a local `result`: that local's tangent and the tangent
//     function's parameter for the result were both named result_dot, and
//     the generated code did not compile.
// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror %s -o %t
// RUN: %t
#include <hessc/hessc.h>

#include <cmath>
#include <cstdio>
#include <vector>

static int failures = 0;
static void expect(const char *what, double got, double want, double tol = 1e-12) {
  if (std::fabs(got - want) <= tol * std::fmax(1.0, std::fabs(want)))
    return;
  std::printf("FAIL %s: got %.17g, want %.17g\n", what, got, want);
  ++failures;
}

// 1. acc = x + x^2 + y.
HESSC_DIFF()
double plus_assign_self(double x, double y) {
  double acc = x;
  acc += acc * acc + y;
  return acc;
}

// 2. A value carried through a helper in a loop, and nested helper calls.
static double step(double t, double a) { return std::sin(t) * a + t * t * 0.1; }
static double sq(double a) { return a * a; }
static double cube(double a) { return a * a * a; }

HESSC_DIFF("x[n]")
double carried(const double *x, int n) {
  double t = 0.5;
  for (int i = 0; i < n; ++i)
    t = step(t, x[i]);
  return t;
}

HESSC_DIFF("x[n]")
double nested(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += cube(sq(x[i]));
  return s;
}

// 3. f = sum sin(x_c)^2 through a local array: H_cc = 2 cos(2 x_c).
static double sumsq(const double *z, int k) {
  double s = 0;
  for (int i = 0; i < k; ++i)
    s += z[i] * z[i];
  return s;
}

HESSC_DIFF("x[n]")
double local_to_helper(const double *x, int n) {
  double z[4];
  for (int c = 0; c < n; ++c)
    z[c] = std::sin(x[c]);
  return sumsq(z, n);
}

// 4. Members through a reference and through a pointer: f = k x^2 + w1 x.
struct Spring {
  double k;
  double w[2];
};

HESSC_DIFF("x")
double by_reference(double x, const Spring &s) { return s.k * x * x + s.w[1] * x; }

HESSC_DIFF("x")
double by_pointer(double x, const Spring *s) { return s->k * x * x + s->w[1] * x; }

// 5. f = (sum x) x0.
static double vsum(const std::vector<double> &v) {
  double s = 0;
  for (std::size_t i = 0; i < v.size(); ++i)
    s += v[i];
  return s;
}

HESSC_DIFF("x")
double vector_helper(const std::vector<double> &x) { return vsum(x) * x[0]; }

// 6. J_2(x) x with dJ_nu/dx = (J_{nu-1} - J_{nu+1}) / 2 (nu = 2 keeps every
//    order the second derivative needs non-negative, as std::cyl_bessel_j
//    requires).
double bessel(int nu, double x) { return std::cyl_bessel_j(static_cast<double>(nu), x); }
HESSC_PARTIAL(bessel, 1)
double bessel_dx(int nu, double x) { return 0.5 * (bessel(nu - 1, x) - bessel(nu + 1, x)); }

HESSC_DIFF("x")
double bessel_times_x(int nu, double x) { return bessel(nu, x) * x; }

// 7. shift(x) = sum_k log(x + k) over x + k < 3, plus (x + K)^2.
static double shift(double x) {
  double r = 0;
  while (x < 3.0) {
    r += std::log(x);
    x += 1.0;
  }
  return r + x * x;
}

HESSC_DIFF()
double shifted(double x) { return shift(x); }

// 8. x[idx[0]] x[n-1] + sum w_i x_i with integer data.
static const int kOrder[3] = {2, 0, 1};

HESSC_DIFF("x[n]")
double integer_data(const double *x, const int *w, int n) {
  double s = x[kOrder[0]] * x[n - 1];
  for (int i = 0; i < n; ++i)
    s += w[i] * x[i];
  return s;
}

// 9. f = u w - z a with u = sin(a b), w = sin(c a), z = sin(b c).
static double sine_of_product(double p, double q) { return std::sin(p * q); }

HESSC_DIFF()
double three_sines(double a, double b, double c) {
  return sine_of_product(a, b) * sine_of_product(c, a) - sine_of_product(b, c) * a;
}

int main() {
  double g[4], H[16];
  {
    const double a = 0.7, b = -1.3, c = 0.4;
    const double u = std::sin(a * b), w = std::sin(c * a), z = std::sin(b * c);
    const double cu = std::cos(a * b), cw = std::cos(c * a), cz = std::cos(b * c);
    const double want_g[3] = {b * cu * w + c * cw * u - z, a * cu * w - a * c * cz,
                              a * cw * u - a * b * cz};
    const double hab = cu * w - a * b * u * w + a * c * cu * cw - c * cz;
    const double hac = cw * u - c * a * w * u + a * b * cu * cw - b * cz;
    const double hbc = a * a * cu * cw - a * cz + a * b * c * z;
    const double want_h[9] = {-b * b * u * w + 2 * b * c * cu * cw - c * c * w * u, hab, hac,
                              hab, -a * a * u * w + a * c * c * z, hbc,
                              hac, hbc, -a * a * w * u + a * b * b * z};
    expect("9: f", three_sines_grad(a, b, c, g), u * w - z * a);
    three_sines_hessian(a, b, c, H);
    const double v[3] = {0.5, -2.0, 1.5};
    double hv[3];
    three_sines_hvp(a, b, c, v, hv);
    for (int i = 0; i < 3; ++i) {
      expect("9: grad", g[i], want_g[i]);
      double want_hv = 0;
      for (int j = 0; j < 3; ++j) {
        expect("9: hessian", H[i * 3 + j], want_h[i * 3 + j]);
        want_hv += want_h[i * 3 + j] * v[j];
      }
      expect("9: hvp", hv[i], want_hv);
    }
  }
  {
    const double x[4] = {0.5, -1.0, 2.0, 3.0};
    const int w[4] = {1, -2, 3, 4};
    integer_data_grad(x, w, 4, g);
    expect("8: d/dx0", g[0], 1);
    expect("8: d/dx2", g[2], 3 + x[3]);
    expect("8: d/dx3", g[3], 4 + x[2]);
    integer_data_hessian(x, w, 4, H);
    expect("8: d2/dx2dx3", H[2 * 4 + 3], 1);
    expect("8: d2/dx3dx2", H[3 * 4 + 2], 1);
  }
  {
    const double x = 0.7, y = -0.4;
    plus_assign_self_hessian(x, y, H);
    plus_assign_self_grad(x, y, g);
    expect("1: d/dx", g[0], 1 + 2 * x);
    expect("1: d/dy", g[1], 1);
    expect("1: d2/dx2", H[0], 2);
    expect("1: d2/dxdy", H[1], 0);
  }
  {
    // Gradient against central differences of f itself in long double.
    const double x[3] = {0.3, -0.7, 1.1};
    carried_grad(x, 3, g);
    for (int k = 0; k < 3; ++k) {
      long double h = 1e-5L, tp = 0.5L, tm = 0.5L;
      for (int i = 0; i < 3; ++i) {
        long double ap = x[i] + (i == k ? h : 0), am = x[i] - (i == k ? h : 0);
        tp = std::sin(tp) * ap + tp * tp * 0.1L;
        tm = std::sin(tm) * am + tm * tm * 0.1L;
      }
      // Central difference error ~h^2 f''' ~ 1e-10.
      expect("2: carried", g[k], static_cast<double>((tp - tm) / (2 * h)), 1e-8);
    }
    nested_hessian(x, 3, H);
    nested_grad(x, 3, g);
    for (int k = 0; k < 3; ++k) {
      expect("2: nested grad", g[k], 6 * std::pow(x[k], 5));
      expect("2: nested hessian", H[k * 3 + k], 30 * std::pow(x[k], 4));
    }
  }
  {
    const double x[2] = {0.3, 0.7};
    local_to_helper_hessian(x, 2, H);
    expect("3: H00", H[0], 2 * std::cos(2 * x[0]));
    expect("3: H11", H[3], 2 * std::cos(2 * x[1]));
    expect("3: H01", H[1], 0);
  }
  {
    Spring s{2.0, {0.5, -1.5}};
    by_reference_grad(1.5, s, g);
    expect("4: reference", g[0], 2 * 2.0 * 1.5 - 1.5);
    by_pointer_hessian(1.5, &s, H);
    expect("4: pointer", H[0], 4.0);
  }
  {
    std::vector<double> x{1, 2, 4};
    vector_helper_grad(x, g);
    expect("5: d/dx0", g[0], 7 + 1);
    expect("5: d/dx1", g[1], 1);
  }
  {
    const double x = 1.3;
    auto J = [](double nu, double z) { return std::cyl_bessel_j(nu, z); };
    bessel_times_x_grad(2, x, g);
    expect("6: grad", g[0], J(2, x) + x * 0.5 * (J(1, x) - J(3, x)));
    bessel_times_x_hessian(2, x, H);
    // d2/dx2 [J2 x] = 2 J2' + x J2'', J2'' = (J1' - J3') / 2
    //              = ((J0 - J2) / 2 - (J2 - J4) / 2) / 2.
    double d1 = 0.5 * (J(1, x) - J(3, x));
    double d2 = 0.5 * (0.5 * (J(0, x) - J(2, x)) - 0.5 * (J(2, x) - J(4, x)));
    expect("6: hessian", H[0], 2 * d1 + x * d2);
  }
  {
    shifted_grad(0.5, g);
    expect("7: grad", g[0], 1 / 0.5 + 1 / 1.5 + 1 / 2.5 + 2 * 3.5);
    shifted_hessian(0.5, H);
    expect("7: hessian", H[0], -(1 / 0.25 + 1 / 2.25 + 1 / 6.25) + 2);
  }
  std::printf("regressions: %s\n", failures ? "FAILED" : "ok");
  return failures != 0;
}
