// The adjoint of a cut-off pair term: everything the reverse sweep does for
// a pair after `if (r2 < rc2)` adds zero when the pair is outside the
// cutoff, so it moves into the branch (BranchSinking). The adjoint of a term
// taken for every pair stays outside; the values are checked in
// test/exec (real_loops, grad_branch) and here.
// RUN: %hessc_cxx -fsyntax-only -fplugin-arg-hessc-dump %s 2>&1 | FileCheck %s
// RUN: %hessc_cxx -O1 -Wall -Wextra -Werror %s -o %t && %t
#include <hessc/hessc.h>

#include <cmath>
#include <cstdio>

HESSC_DIFF("x[n]")
double cutoff(const double *x, int n, double rc2) {
  double e = 0;
  for (int i = 0; i < n; ++i) {
    for (int j = i + 1; j < n; ++j) {
      double d = x[i] - x[j];
      double r2 = d * d;
      if (r2 < rc2)
        e += 1 / (1 + r2);
    }
  }
  return e;
}
// Each pair's adjoint needs no other pair's, so the sweeps of both loops
// run in one pass (SweepFusion, nested): no tape, no recomputed distance.
// CHECK-LABEL: double cutoff_grad(
// CHECK-NOT: Tape
// CHECK: for (i = 0; i < n; ++i) {
// CHECK-NEXT: j = i + 1;
// x_adj[i] is the same element throughout the inner loop, which touches no
// other x_adj[k] with k <= i: it is summed in a local (InvariantAccumulations).
// CHECK-NEXT: x_adj_sum = 0.0;
// CHECK-NEXT: x_adj_added = false;
// CHECK-NEXT: // This loop's reverse sweep runs in it: each iteration's adjoint needs no other iteration.
// CHECK-NEXT: for (; j < n; ++j) {
// CHECK-NEXT: d = x[i] - x[j];
// CHECK-NEXT: r2 = d * d;
// CHECK-NEXT: branch = r2 < rc2;
// The forward branch and its adjoint's, on the same condition, are one
// (PullbackMerging joins them).
// CHECK-NEXT: if (branch) {
// CHECK-NEXT: e += 1.0 / (1.0 + r2);
// Each pair's adjoints start with a store, so resetting them after use is
// dead, and goes.
// CHECK-NEXT: r2_adj = -(e_adj / ((1.0 + r2) * (1.0 + r2)));
// CHECK-NEXT: d_adj = r2_adj * (2.0 * d);
// CHECK-NEXT: x_adj_sum += d_adj;
// CHECK-NEXT: x_adj_added = true;
// CHECK-NEXT: x_adj[j] -= d_adj;
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: if (x_adj_added) {
// CHECK-NEXT: x_adj[i] += x_adj_sum;

HESSC_DIFF("x[n]")
double cutoff_plus_spring(const double *x, int n, double rc2) {
  double e = 0;
  for (int i = 0; i + 1 < n; ++i) {
    double d = x[i] - x[i + 1];
    double r2 = d * d;
    if (r2 < rc2)
      e += 1 / (1 + r2);
    e += 0.5 * r2;
  }
  return e;
}
// The spring's adjoint reaches r2 on every pair: nothing moves into the
// branch. (The single loop's sweeps are fused, SweepFusion; the branch
// decision is reused, not recomputed.)
// CHECK-LABEL: double cutoff_plus_spring_grad(
// CHECK: r2_adj = e_adj * 0.5;
// CHECK-NEXT: if (branch) {
// CHECK-NEXT: r2_adj -= e_adj / ((1.0 + r2) * (1.0 + r2));
// CHECK-NEXT: }
// CHECK-NEXT: d_adj = r2_adj * (2.0 * d);

// The gradient against central differences of f (h = 1e-6, |error| below
// 1e-7 relative), with pairs on both sides of the cutoff.
template <typename F, typename G>
static int check(const char *Name, F f, G grad, int n) {
  double x[8], g[8];
  for (int i = 0; i < n; ++i)
    x[i] = 0.37 * i * i - 0.9 * i;
  grad(x, g);
  int Failures = 0;
  for (int i = 0; i < n; ++i) {
    double h = 1e-6, saved = x[i];
    x[i] = saved + h;
    double up = f(x);
    x[i] = saved - h;
    double down = f(x);
    x[i] = saved;
    double want = (up - down) / (2 * h);
    if (!(std::fabs(g[i] - want) <= 1e-7 * std::fmax(1.0, std::fabs(want)))) {
      std::printf("%s: grad[%d] = %.17g, central difference %.17g\n", Name, i, g[i], want);
      ++Failures;
    }
  }
  return Failures;
}

int main() {
  const int n = 8;
  const double rc2 = 2.0;
  int Failures =
      check("cutoff", [&](const double *x) { return cutoff(x, n, rc2); },
            [&](const double *x, double *g) { cutoff_grad(x, n, rc2, g); }, n) +
      check("cutoff_plus_spring", [&](const double *x) { return cutoff_plus_spring(x, n, rc2); },
            [&](const double *x, double *g) { cutoff_plus_spring_grad(x, n, rc2, g); }, n);
  std::printf("%s\n", Failures ? "FAILED" : "ok");
  return Failures ? 1 : 0;
}
