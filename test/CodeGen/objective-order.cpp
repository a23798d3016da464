// f_objective needs <hessc/objective.h>. A function annotated before the
// header is included gets its factory after the next annotated function
// that follows the include; after the last one, there is nowhere left to
// put it, and the plugin says so.
// RUN: %hessc_cxx -I%eigen_include -O1 -Wall -Wextra -Werror %s -o %t
// RUN: %t | FileCheck %s --check-prefix=RUN-OUT
// RUN: %hessc_cxx -I%eigen_include -fsyntax-only -DINCLUDE_LAST -Xclang -verify %s
#include <hessc/hessc.h>

#include <cmath>
#include <cstdio>

#ifdef INCLUDE_LAST
HESSC_DIFF("x[n]")
double early(const double *x, int n) { // expected-warning {{'early_objective' is not generated: <hessc/objective.h> is included after 'early', and no function in its scope follows the include; include it before 'early'}}
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i];
  return s;
}
#include <hessc/objective.h>
#else
HESSC_DIFF("x[n]")
double early(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i];
  return s;
}

#include <hessc/objective.h>

HESSC_DIFF()
double late(double a, double b) { return a * a * b; }

int main() {
  // early = |x|²: gradient 2x. late = a²b: gradient (2ab, a²).
  hessc::Objective e = early_objective(3);
  Eigen::VectorXd x(3), g(3);
  x << 1.0, -2.0, 0.5;
  e.gradient(x, g);
  hessc::Objective l = late_objective();
  Eigen::VectorXd y(2), gl(2);
  y << 3.0, 2.0;
  l.gradient(y, gl);
  bool ok = e.dim() == 3 && (g - 2 * x).norm() == 0 && l.dim() == 2 &&
            gl(0) == 12.0 && gl(1) == 9.0;
  std::printf("%s\n", ok ? "factories ok" : "factories FAILED");
  return ok ? 0 : 1;
}
#endif
// RUN-OUT: factories ok
