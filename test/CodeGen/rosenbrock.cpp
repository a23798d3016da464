// The shape of a gradient over a loop.
//
// rosen: f is the sum of the loop's terms, each iteration's adjoint needs
// nothing from other iterations, and the seed sum_adj does not depend on
// the loop's results, so the forward and reverse sweeps run in one loop
// (SweepFusion), the reverse half reusing what the forward half computed.
//
// rosen_log: log(1 + sum) needs the whole sum before any adjoint, so the
// sweeps stay apart: a forward loop that counts its iterations, a reverse
// loop that undoes the counter update, and loop-local values recomputed in
// the reverse iteration instead of taped.
// RUN: %hessc_cxx -fsyntax-only -fplugin-arg-hessc-dump %s 2>&1 | FileCheck %s
#include <hessc/hessc.h>

#include <cmath>

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

// CHECK: // Derivatives of 'rosen' ({{.*}}rosenbrock.cpp:[[@LINE-10]]).
// CHECK: double rosen_grad(const double *x, int n, double* grad) {
// CHECK-NOT: Tape
// CHECK-NOT: _loop_iterations
// CHECK: double* [[XADJ:x_adj]] = grad;
// CHECK: for ([[Z:i_2]] = 0; [[Z]] < n; ++[[Z]]) {
// CHECK-NEXT: [[XADJ]][[[Z]]] = 0.0;
// CHECK: // Forward sweep.
// CHECK: s_adj = result_adj;
// CHECK-NEXT: // This loop's reverse sweep runs in it: each iteration's adjoint needs no other iteration.
// CHECK-NEXT: for (i = 0; i < n - 1; ++i) {
// CHECK-NEXT: t1 = x[i + 1] - x[i] * x[i];
// CHECK-NEXT: t2 = 1.0 - x[i];
// CHECK-NEXT: s += 100.0 * t1 * t1 + t2 * t2;
// CHECK-NOT: t1 = x
// CHECK: [[XADJ]][i + 1] += t1_adj;
// CHECK-NEXT: [[XADJ]][i] -= t1_adj * (2.0 * x[i]);
// CHECK-NEXT: }
// CHECK-NEXT: result = s;
// CHECK-NEXT: return result;
// CHECK-NEXT: }

HESSC_DIFF("x[n]")
double rosen_log(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n - 1; ++i) {
    double t1 = x[i + 1] - x[i] * x[i];
    double t2 = 1 - x[i];
    s += 100 * t1 * t1 + t2 * t2;
  }
  return std::log(1 + s);
}

// CHECK-LABEL: double rosen_log_grad(const double *x, int n, double* grad) {
// CHECK: // Forward sweep.
// CHECK: [[COUNT:i_loop_iterations]] = 0;
// CHECK-NEXT: for (i = 0; i < n - 1; ++i) {
// CHECK-NEXT: t1 = x[i + 1] - x[i] * x[i];
// CHECK-NEXT: t2 = 1.0 - x[i];
// CHECK: s += 100.0 * t1 * t1 + t2 * t2;
// CHECK-NEXT: ++[[COUNT]];
// CHECK-NEXT: }
// CHECK: // Reverse sweep.
// CHECK: s_adj = result_adj * (1.0 / (1.0 + s));
// CHECK: for (; [[COUNT]] > 0; --[[COUNT]]) {
// CHECK-NEXT: --i;
// CHECK-NEXT: t1 = x[i + 1] - x[i] * x[i];
// CHECK-NEXT: t2 = 1.0 - x[i];
// CHECK: x_adj[i + 1] += t1_adj;
// CHECK: }
// CHECK: return result;
// CHECK-NEXT: }
