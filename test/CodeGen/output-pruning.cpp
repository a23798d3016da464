// The HVP of a function that calls a helper calls the tangent of the
// helper's pullback, which would also accumulate the helper's adjoints (the
// gradient), an output the HVP never reads. The call goes to a variant
// without that output (OutputPruning): no statement writing it, and no
// parameter for it, so the HVP allocates no gradient buffer to pass. The
// gradient itself keeps the full pullback.
// RUN: %hessc_cxx -fsyntax-only -fplugin-arg-hessc-dump %s 2>&1 | FileCheck %s
#include <hessc/hessc.h>

static double dot(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += a[i] * b[i];
  return s;
}

HESSC_DIFF("w[n]")
double quadratic(const double *w, const double *x, int n) {
  double z = dot(w, x, n);
  return z * z;
}

// CHECK: static void dot_pullback_wrt_a(const double */*a*/, const double *b, int n, double seed, double* a_adj) {
// CHECK: a_adj[i] += s_adj * b[i];
// CHECK-LABEL: static void dot_pullback_wrt_a_dot_wrt_a_seed_a_adj_without_a_adj(const double */*a*/, const double *b, int n, double /*seed*/, const double* /*a_dot*/, double seed_dot, double* a_adj_dot) {
// CHECK-NOT: a_adj[
// CHECK: a_adj_dot[i] += s_adj_dot * b[i];
// CHECK-NOT: a_adj[
// CHECK: }
// CHECK-LABEL: double quadratic_grad(
// CHECK: dot_pullback_wrt_a(w, x, n, dot_result_adj, w_adj);
// The full tangent of the pullback, which nothing calls, is not printed.
// CHECK-NOT: dot_pullback_wrt_a_dot_wrt_a_seed_a_adj(
// CHECK-LABEL: double quadratic_hvp(
// CHECK-NOT: grad
// CHECK: dot_pullback_wrt_a_dot_wrt_a_seed_a_adj_without_a_adj(w, x, n, dot_result_adj, w_dot, dot_result_adj_dot, w_adj_dot);
