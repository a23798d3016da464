// The annotation is on a prototype in a header, so this file never
// mentions it: its definition below must still get its derivatives.
// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror -I%S/Inputs %s -o %t
// RUN: %t | FileCheck %s
#include "annotated_prototype.h"

#include <cstdio>

double declared_in_header(double x, double y) { return x * y * y; }

int main() {
  // Only y is independent: d(x y^2)/dy = 2 x y, d2/dy2 = 2 x.
  double g[1], h[1];
  double f = declared_in_header_grad(3.0, 2.0, g);
  declared_in_header_hessian(3.0, 2.0, h);
  std::printf("%g %g %g\n", f, g[0], h[0]);
}
// CHECK: 12 12 6
