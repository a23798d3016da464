// The shape of a gradient over a loop: a forward sweep that counts its
// iterations, a reverse loop that undoes the counter update, and loop-local
// values recomputed in the reverse iteration instead of taped.
// RUN: %hessc_cxx -fsyntax-only -fplugin-arg-hessc-dump %s 2>&1 | FileCheck %s
#include <hessc/hessc.h>

HESSC_DIFF("x[n]")
double rosen(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n - 1; ++i) {
    double t1 = x[i + 1] - x[i] * x[i];
    double t2 = 1 - x[i];
    s += 100 * t1 * t1 + t2 * t2;
  }
  return s;
}

// CHECK: // Derivatives of 'rosen' ({{.*}}rosenbrock.cpp:8).
// CHECK: double rosen_grad(const double *x, int n, double* grad) {
// CHECK-NOT: Tape
// CHECK: double* [[XADJ:x_adj]] = grad;
// CHECK: for ([[Z:i_2]] = 0; [[Z]] < n; ++[[Z]]) {
// CHECK-NEXT: [[XADJ]][[[Z]]] = 0.0;
// CHECK: // Forward sweep.
// CHECK: [[COUNT:i_loop_iterations]] = 0;
// CHECK-NEXT: for (i = 0; i < n - 1; ++i) {
// CHECK-NEXT: t1 = x[i + 1] - x[i] * x[i];
// CHECK-NEXT: t2 = 1.0 - x[i];
// CHECK-NEXT: s += 100.0 * t1 * t1 + t2 * t2;
// CHECK-NEXT: ++[[COUNT]];
// CHECK-NEXT: }
// CHECK: // Reverse sweep.
// CHECK: for (; [[COUNT]] > 0; --[[COUNT]]) {
// CHECK-NEXT: --i;
// CHECK-NEXT: t1 = x[i + 1] - x[i] * x[i];
// CHECK-NEXT: t2 = 1.0 - x[i];
// CHECK: [[XADJ]][i + 1] += t1_adj;
// CHECK: }
// CHECK: return result;
// CHECK-NEXT: }
