// A value overwritten in every iteration and needed by the reverse sweep
// goes on the tape; a branch whose condition is still computable at the end
// of the iteration is recomputed in the reversed one, any other branch is
// recorded on a bool tape; a value that the reverse sweep never reads is
// not stored at all.
// RUN: %hessc_cxx -fsyntax-only -fplugin-arg-hessc-dump %s 2>&1 | FileCheck %s
#include <hessc/hessc.h>
#include <cmath>

HESSC_DIFF("x[n]")
double iterate(const double *x, int n) {
  double s = 0.5;
  double total = 0;
  for (int i = 0; i < n; ++i) {
    s = std::sin(s) + x[i];
    if (s > 0.7)
      total += s * s;
    else
      total -= s;
  }
  return total;
}

// CHECK-LABEL: double iterate_grad(const double *x, int n, double* grad) {
// CHECK-NOT: Tape<bool>
// CHECK: hessc::Tape<double> [[REAL:real_tape]];
// CHECK: // Forward sweep.
// CHECK: for (i = 0; i < n; ++i) {
// CHECK-NEXT: [[REAL]].push(s);
// CHECK-NEXT: s = std::sin(s) + x[i];
// CHECK-NEXT: branch = s > 0.7;
// CHECK-NOT: push(total)
// CHECK: // Reverse sweep.
// CHECK: --i;
// CHECK-NEXT: branch = s > 0.7;
// CHECK-NEXT: if (branch) {
// CHECK: s = [[REAL]].pop();
// CHECK: s_adj_prev = s_adj;
// CHECK-NEXT: s_adj = s_adj_prev * std::cos(s);
// CHECK: x_adj[i] += s_adj_prev;

// The branch changes what its condition reads: recorded, not recomputed.
HESSC_DIFF("x[n]")
double halve(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    s += x[i] * x[i];
    if (s > 1)
      s = s * 0.5;
  }
  return s;
}

// CHECK-LABEL: double halve_grad(const double *x, int n, double* grad) {
// CHECK-DAG: hessc::Tape<bool> [[BOOL:bool_tape]];
// CHECK: [[BOOL]].push(branch);
// CHECK-NEXT: branch = s > 1.0;
// CHECK: // Reverse sweep.
// CHECK: branch = [[BOOL]].pop();
