// A helper's derivatives are generated once, printed before their first
// caller's, and reused by later callers; the pullback takes only the
// adjoints of the arguments that are active at the call.
// RUN: %hessc_cxx -fsyntax-only -fplugin-arg-hessc-dump %s 2>&1 | FileCheck %s
#include <hessc/hessc.h>
#include <cmath>

namespace util {
double dot(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += a[i] * b[i];
  return s;
}
} // namespace util

HESSC_DIFF("w[d]")
double fit(const double *w, const double *X, int m, int d) {
  double s = 0;
  for (int i = 0; i < m; ++i) {
    double r = util::dot(w, X + i * d, d) - 1;
    s += r * r;
  }
  return s;
}

HESSC_DIFF("w[d]")
double norm2(const double *w, int d) { return util::dot(w, w, d); }

// CHECK: // Derivatives of 'fit'
// CHECK: static void util_dot_pullback_wrt_a(const double */*a*/, const double *b, int n, double seed, double* a_adj) {
// CHECK: a_adj[i] += s_adj * b[i];
// fit's loop runs both sweeps at once (SweepFusion): the pullback follows
// the call in the same iteration, and the saved dot_result is not needed.
// CHECK: double fit_grad(
// CHECK-NOT: Tape
// CHECK: // Forward sweep.
// CHECK: for (i = 0; i < m; ++i) {
// CHECK-NEXT: dot_result = util::dot(w, X + i * d, d);
// CHECK: util_dot_pullback_wrt_a(w, X + i * d, d, dot_result_adj, w_adj);
// CHECK: }
// norm2 calls util::dot and then its pullback on the same arguments: one
// call of the pullback that also returns the value (PullbackMerging).
// CHECK: // Derivatives of 'norm2'
// CHECK-NOT: util_dot_pullback_wrt_a(const
// CHECK: static double util_dot_value_and_pullback(const double *a, const double *b, int n, double seed, double* a_adj, double* b_adj) {
// CHECK: double norm2_grad(
// CHECK-NOT: = util::dot(
// CHECK: dot_result = util_dot_value_and_pullback(w, w, d, dot_result_adj, w_adj, w_adj);
// The gradient hands its array to the pullback, whose tangent takes the
// lanes packed: norm2's block has no stride parameter, its products' rows
// are 8 apart, and the dense driver copies them into H.
// CHECK: double norm2_hessian_block(const double *w, int d, const double* __restrict seeds, double* __restrict products) {
// CHECK: w_adj_dot[i * 8 + lane] = 0.0;
// CHECK: double norm2_hessian(const double *w, int d, double* H) {
// CHECK: [&](const double* seeds, double* products) {
// CHECK-NEXT: return norm2_hessian_pair(w, d, seeds, products);
// CHECK-NEXT: },
// CHECK-NEXT: [&](const double* seeds, double* products) {
// CHECK-NEXT: return norm2_hessian_block(w, d, seeds, products);

// HESSC_PARTIAL: the function itself is only called, its partials are
// differentiated for second order.
double opaque(double a);
HESSC_PARTIAL(opaque, 0)
double opaque_da(double a) { return std::cos(a); }

HESSC_DIFF()
double uses_opaque(double a) { return opaque(a) * a; }
double opaque(double a) { return std::sin(a); }

// CHECK: static void opaque_pullback(double a, double seed, double& a_adj) {
// CHECK-NEXT: double d_a = 0.0;
// CHECK-NEXT: d_a = opaque_da(a);
// CHECK-NEXT: a_adj += seed * d_a;
// CHECK: static double opaque_dot(double a, double a_dot, double& result_dot) {
// CHECK: result = opaque(a);
// CHECK: result_dot = d_a * a_dot;
