// Where the plugin puts each function's derivatives: right after its closing
// brace, in its scope, during the one parse (lib/Driver/DerivativeInjector.h).
// Every placement below is one the token watcher must get right; the program
// checks the gradients against values derived by hand, and the dump's order
// against the source's. The filler tokens after each brace must leave no
// trace: no warning (-Wextra-semi included) and no change to `#pragma
// ms_struct`, which they restate.
// RUN: %hessc_cxx -O1 -Wall -Wextra -Wextra-semi -Werror %s -o %t
// RUN: %t | FileCheck %s --check-prefix=RUN-OUT
// RUN: %hessc_cxx -fsyntax-only -fplugin-arg-hessc-dump %s 2>&1 | FileCheck %s
#include <hessc/hessc.h>

#include <cmath>
#include <cstdio>

// A body with braces that are not blocks (initializer lists, a
// brace-initialized local right before the end) and a nested block.
HESSC_DIFF()
double braces(double x, double y) {
  double a[2] = {x, y};
  const double w[2] = {2.0, 1.0};
  {
    a[0] = w[0] * a[0];
  }
  double b{a[1]}, zero{};
  return a[0] * b + zero;
}
// CHECK: double braces_grad(

namespace outer {
namespace inner {
HESSC_DIFF() double nested(double x) { return x * x * x; }
} // namespace inner
// CHECK: double nested_grad(
double use_nested(double x) {
  double g;
  inner::nested_grad(x, &g);
  return g;
}
} // namespace outer

extern "C" {
HESSC_DIFF() double c_linkage(double x) { return std::exp(2 * x); }
}
// CHECK: double c_linkage_grad(

// The annotation on the prototype only.
HESSC_DIFF("y")
double prototype_only(double x, double y);
double prototype_only(double x, double y) { return x * y * y; }
// CHECK: double prototype_only_grad(

// Defined by a macro, and a second definition on the brace's own line.
#define SQUARE_OF_SUM(name)                                                    \
  HESSC_DIFF() double name(double x, double y) { return (x + y) * (x + y); }
SQUARE_OF_SUM(from_macro)
HESSC_DIFF() double first(double x) { return 3 * x; } HESSC_DIFF() double second(double x) { return x / 2; }
// CHECK: double from_macro_grad(
// CHECK: double first_grad(
// CHECK: double second_grad(

// extern "C" without braces ends with its function: the derivatives are
// wrapped in their own, or they would have C++ linkage.
extern "C" HESSC_DIFF() double c_single(double x) { return x * x * x; }
extern "C" double c_single_grad(double x, double *grad);

// Calls to functions defined further down: the derivatives wait for the
// next function defined in the same scope after those are (here, the
// helper itself), and follow it.
double cube_later(double x);
double offset_later(double x);
HESSC_DIFF() double uses_later(double x) { return cube_later(x) + offset_later(x); }
double cube_later(double x) { return x * x * x; }
double offset_later(double x) { return 2 * x; }
// CHECK: double uses_later_grad(

// MS bitfield layout puts `b` in a unit of its own type: 8 bytes, not 4.
#pragma ms_struct on
HESSC_DIFF() double under_ms_struct(double x) { return -x; }
struct MsLayout {
  char a : 4;
  int b : 4;
};
static_assert(sizeof(MsLayout) == 8, "the fillers restated ms_struct on");
#pragma ms_struct off
HESSC_DIFF() double after_ms_struct(double x) { return x; }
struct GccLayout {
  char a : 4;
  int b : 4;
};
static_assert(sizeof(GccLayout) == 4, "the fillers restated ms_struct off");

int main() {
  int failures = 0;
  auto expect = [&](const char *what, double got, double want) {
    if (std::fabs(got - want) > 1e-12 * (1 + std::fabs(want))) {
      std::printf("%s: %.17g, expected %.17g\n", what, got, want);
      ++failures;
    }
  };
  double g[2];
  // braces = 2xy: (2y, 2x).
  expect("braces", braces_grad(1.5, -2.0, g), -6.0);
  expect("braces d/dx", g[0], -4.0);
  expect("braces d/dy", g[1], 3.0);
  expect("nested", outer::use_nested(2.0), 12.0);
  expect("c_linkage", c_linkage_grad(0.25, g), std::exp(0.5));
  expect("c_linkage d/dx", g[0], 2 * std::exp(0.5));
  // Only y is independent: d(xy²)/dy = 2xy.
  expect("prototype_only", prototype_only_grad(3.0, 5.0, g), 75.0);
  expect("prototype_only d/dy", g[0], 30.0);
  double h[4];
  from_macro_hessian(1.0, 2.0, h);
  expect("from_macro H", h[0] + h[1] + h[2] + h[3], 8.0);
  first_grad(7.0, g);
  expect("first", g[0], 3.0);
  second_grad(7.0, g);
  expect("second", g[0], 0.5);
  expect("c_single", c_single_grad(2.0, g), 8.0);
  expect("c_single d/dx", g[0], 12.0);
  // x^3 + 2x: 3x^2 + 2, and 6x on the diagonal of the Hessian.
  expect("uses_later", uses_later_grad(2.0, g), 12.0);
  expect("uses_later d/dx", g[0], 14.0);
  uses_later_hessian(2.0, h);
  expect("uses_later H", h[0], 12.0);
  under_ms_struct_grad(1.0, g);
  expect("under_ms_struct", g[0], -1.0);
  after_ms_struct_grad(1.0, g);
  expect("after_ms_struct", g[0], 1.0);
  std::printf("%s\n", failures == 0 ? "placements ok" : "placements FAILED");
  return failures;
}
// RUN-OUT: placements ok
