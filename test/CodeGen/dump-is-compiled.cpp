// The dump is exactly the code that is compiled: a diagnostic inside
// generated code would point into the generated file, and calls resolve.
// RUN: %hessc_cxx -O1 -fplugin-arg-hessc-dump %s -o %t 2> %t.dump
// RUN: %t | FileCheck %s --check-prefix=RUN-OUT
// RUN: FileCheck %s --check-prefix=DUMP < %t.dump
#include <hessc/hessc.h>
#include <cstdio>

HESSC_DIFF()
double product(double a, double b) { return a * b; }

int main() {
  double g[2];
  double v = product_grad(3.0, 4.0, g);
  std::printf("%g %g %g\n", v, g[0], g[1]);
}
// RUN-OUT: 12 4 3
// DUMP: double product_grad(double a, double b, double* grad) {
