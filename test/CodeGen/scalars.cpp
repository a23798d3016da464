// Scalar parameters, early return and the spec order: the gradient follows
// the order of the spec, not of the parameters.
// RUN: %hessc_cxx -fsyntax-only -fplugin-arg-hessc-dump %s 2>&1 | FileCheck %s
#include <hessc/hessc.h>
#include <cmath>

namespace model {
HESSC_DIFF("b, a")
static double affine(double a, double b, double c) {
  if (a > c)
    return a * b;
  return std::exp(b) - c;
}
} // namespace model

// CHECK-LABEL: static double affine_grad(double a, double b, double c, double* grad) {
// CHECK: branch = a > c;
// CHECK-NEXT: if (branch) {
// CHECK-NEXT: result = a * b;
// CHECK-NEXT: } else {
// The exponential is kept for its derivative, which is itself (CallResults).
// CHECK-NEXT: exp_value = std::exp(b);
// CHECK-NEXT: result = exp_value - c;
// CHECK: exp_value_adj = result_adj;
// CHECK-NEXT: b_adj = exp_value_adj * exp_value;
// CHECK: grad[0] = b_adj;
// CHECK-NEXT: grad[1] = a_adj;
// CHECK-NEXT: return result;

HESSC_DIFF()
float squared(float x) { return x * x * 0.5f; }
// CHECK-LABEL: float squared_grad(float x, float* grad) {
// CHECK: result = x * x * 0.5f;
// x * x * 0.5 contributes once, as 2 * 0.5 x = x (a power of x times
// constants: one derivative, not the product rule's terms).
// CHECK: x_adj = result_adj * x;

// Float literals keep their suffix; a cube's derivative is 3 x^2 at once.
HESSC_DIFF()
float cubed(float x) { return 0.25f * x * x * x; }
// CHECK-LABEL: float cubed_grad(float x, float* grad) {
// CHECK: x_adj = result_adj * (0.75f * (x * x));
// CHECK-LABEL: float cubed_hvp(float x, const float* v, float* hv) {
// CHECK: x_dot = v[0];
// CHECK: x_adj_dot = result_adj * (1.5f * x * x_dot);
