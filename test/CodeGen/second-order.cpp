// The HVP is the tangent of the gradient: each tangent is computed just
// before its value, taped values get taped tangents, and nothing of the
// gradient's own accumulation survives. A math call that the tangent
// repeats is computed once (CallSharing). The Hessian block carries 8 lanes,
// the pair 2.
// RUN: %hessc_cxx -fsyntax-only -fplugin-arg-hessc-dump %s 2>&1 | FileCheck %s
#include <hessc/hessc.h>
#include <cmath>

HESSC_DIFF("x[n]")
double chain(const double *x, int n) {
  double s = 0.5;
  for (int i = 0; i < n; ++i)
    s = std::sin(s) * x[i];
  return s;
}

// CHECK-LABEL: double chain_hvp(const double *x, int n, const double* v, double* hv) {
// CHECK-NOT: grad
// CHECK-DAG: hessc::Tape<double> [[TAPE:real_tape]];
// CHECK-DAG: hessc::Tape<double> [[TAPE]]_dot;
// CHECK-DAG: double* x_adj_dot = hv;
// CHECK-DAG: const double* x_dot = v;
// CHECK: // Forward sweep.
// CHECK: [[TAPE]].push(s);
// CHECK-NEXT: [[TAPE]]_dot.push(s_dot);
// CHECK-NEXT: [[SIN:sin_value]] = std::sin(s);
// CHECK-NEXT: s_dot = std::cos(s) * s_dot * x[i] + [[SIN]] * x_dot[i];
// CHECK-NEXT: s = [[SIN]] * x[i];
// CHECK: // Reverse sweep.
// CHECK: s = [[TAPE]].pop();
// CHECK-NEXT: s_dot = [[TAPE]]_dot.pop();
// CHECK-NOT: x_adj[
// CHECK: x_adj_dot[i] +=
// CHECK: return result;

// The pair and the block are the same function with 2 and 8 lanes. The
// seeds' rows are as long as the lanes; the products' rows `stride` apart,
// so that the dense driver can have them written into H's columns.
// CHECK-LABEL: double chain_hessian_pair(const double *x, int n, const double* __restrict seeds, double* __restrict products, std::ptrdiff_t stride) {
// CHECK-DAG: double s_dot[2] = {};
// CHECK: [[TAPE]]_dot.push(s_dot, 2);
// CHECK-NEXT: for (lane = 0; lane < 2; ++lane) {
// CHECK-NEXT: s_dot[lane] = std::cos(s) * s_dot[lane] * x[i] + std::sin(s) * x_dot[i * 2 + lane];
// CHECK: x_adj_dot[i * stride + lane] +=

// The block's buffers belong to the Hessian drivers alone: restrict lets
// the compiler keep x[i] in a register across the lane loops.
// CHECK-LABEL: double chain_hessian_block(const double *x, int n, const double* __restrict seeds, double* __restrict products, std::ptrdiff_t stride) {
// CHECK-DAG: double s_dot[8] = {};
// CHECK-DAG: const double* x_dot = seeds;
// CHECK: [[TAPE]]_dot.push(s_dot, 8);
// CHECK-NEXT: for (lane = 0; lane < 8; ++lane) {
// CHECK-NEXT: s_dot[lane] = std::cos(s) * s_dot[lane] * x[i] + std::sin(s) * x_dot[i * 8 + lane];
// CHECK: [[TAPE]]_dot.pop(s_dot, 8);
// CHECK: x_adj_dot[i * stride + lane] +=

// Blocks of 8 directions, then pairs, and a single product for the last
// column.
// CHECK-LABEL: double chain_hessian(const double *x, int n, double* H) {
// CHECK-NEXT: return hessc::denseHessian<8>(
// CHECK-NEXT: n, H,
// CHECK-NEXT: [&](const double* v, double* hv) { return chain_hvp(x, n, v, hv); },
// CHECK-NEXT: [&](const double* seeds, double* products, std::ptrdiff_t stride) {
// CHECK-NEXT: return chain_hessian_pair(x, n, seeds, products, stride);
// CHECK-NEXT: },
// CHECK-NEXT: [&](const double* seeds, double* products, std::ptrdiff_t stride) {
// CHECK-NEXT: return chain_hessian_block(x, n, seeds, products, stride);
// CHECK-NEXT: });

// A linear function's HVP does not read v; it still writes hv (zeros, in
// the loop that covers it rather than in a separate pass).
HESSC_DIFF("x[n]")
double linear(const double *x, const double *w, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += w[i] * x[i];
  return s;
}
// CHECK-LABEL: double linear_hvp(const double *x, const double *w, int n, const double* /*v*/, double* hv) {
// CHECK: for (i = 0; i < n; ++i) {
// CHECK: x_adj_dot[i] = 0.0;

// Scalar independents: seeds come from v, products go to hv in spec order.
HESSC_DIFF("y, x")
double scalars(double x, double y) { return x * x * y; }
// CHECK-LABEL: double scalars_hvp(double x, double y, const double* v, double* hv) {
// CHECK-DAG: double y_dot = v[0];
// CHECK-DAG: double x_dot = v[1];
// CHECK: hv[0] = y_adj_dot;
// CHECK-NEXT: hv[1] = x_adj_dot;
