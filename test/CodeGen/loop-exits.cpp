// break, continue and return inside loops become flags and structured ifs
// before differentiation; a guard that always leaves turns what follows it
// into an else branch, with no flag at all.
// RUN: %hessc_cxx -fsyntax-only -fplugin-arg-hessc-dump %s 2>&1 | FileCheck %s
#include <hessc/hessc.h>

HESSC_DIFF("x[n]")
double exits(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    if (x[i] > 2)
      return s * x[i];
    if (x[i] < 0)
      continue;
    s += x[i] * x[i];
    if (s > 10)
      break;
  }
  int k = 0;
  while (k < n && x[k] < 1.5) {
    s = s * 0.5 + x[k];
    ++k;
  }
  return s;
}

// CHECK-LABEL: double exits_grad(
// CHECK: // Forward sweep.
// CHECK: stop = false;
// CHECK: for (i = 0; !stop && i < n; ++i) {
// CHECK: if (branch) {
// CHECK-NEXT: result = s * x[i];
// CHECK-NEXT: returned = true;
// CHECK-NEXT: stop = true;
// CHECK-NEXT: } else {
// CHECK: if (!branch_2) {
// CHECK-NEXT: real_tape.push(s);
// CHECK-NEXT: s += x[i] * x[i];
// CHECK: stop = true;
// CHECK: branch_{{[0-9]}} = !returned;
// CHECK: while (k < n && x[k] < 1.5) {
// CHECK: // Reverse sweep.
