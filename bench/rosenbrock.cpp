//===- rosenbrock.cpp - Cost of the derivatives of extended Rosenbrock ----===//
//
// f = sum over pairs of 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2, N = 10 to
// 10^6: the cheapest f per entry there is, so every overhead of a
// derivative shows. hessc's rosen_grad / rosen_hvp / rosen_hessian against
// derivatives by hand (one fused loop each), central differences of the
// gradient, and ADOL-C's tape drivers.
//
//===----------------------------------------------------------------------===//
#include "adolc_tape.h"
#include "harness.h"

#include <hessc/hessc.h>

#include <cstring>
#include <vector>

HESSC_DIFF("x[n]")
double rosen(const double *x, int n) {
  double sum = 0;
  for (int i = 0; i < n; i += 2) {
    double t1 = x[i + 1] - x[i] * x[i];
    double t2 = 1 - x[i];
    sum += 100 * t1 * t1 + t2 * t2;
  }
  return sum;
}

namespace {

using namespace hessc::bench;

/// The same function over ADOL-C's adouble, for the tape.
template <typename T> T rosenOverloaded(const T *x, int n) {
  T sum = 0;
  for (int i = 0; i < n; i += 2) {
    T t1 = x[i + 1] - x[i] * x[i];
    T t2 = 1 - x[i];
    sum += 100 * t1 * t1 + t2 * t2;
  }
  return sum;
}

/// The gradient an expert writes: value and gradient in one pass.
double rosenGradByHand(const double *x, int n, double *g) {
  double sum = 0;
  for (int i = 0; i < n; i += 2) {
    double t1 = x[i + 1] - x[i] * x[i];
    double t2 = 1 - x[i];
    sum += 100 * t1 * t1 + t2 * t2;
    g[i] = -400 * x[i] * t1 - 2 * t2;
    g[i + 1] = 200 * t1;
  }
  return sum;
}

/// H v by hand: H is block diagonal with 2x2 blocks
/// [1200 a^2 - 400 b + 2, -400 a; -400 a, 200] for each pair (a, b).
double rosenHvpByHand(const double *x, int n, const double *v, double *hv) {
  double sum = 0;
  for (int i = 0; i < n; i += 2) {
    double a = x[i], b = x[i + 1];
    double t1 = b - a * a, t2 = 1 - a;
    sum += 100 * t1 * t1 + t2 * t2;
    double haa = 1200 * a * a - 400 * b + 2, hab = -400 * a;
    hv[i] = haa * v[i] + hab * v[i + 1];
    hv[i + 1] = hab * v[i] + 200 * v[i + 1];
  }
  return sum;
}

/// The dense Hessian by hand: zeros and the 2x2 blocks.
double rosenHessianByHand(const double *x, int n, double *H) {
  std::memset(H, 0, sizeof(double) * n * n);
  double sum = 0;
  for (int i = 0; i < n; i += 2) {
    double a = x[i], b = x[i + 1];
    double t1 = b - a * a, t2 = 1 - a;
    sum += 100 * t1 * t1 + t2 * t2;
    double hab = -400 * a;
    H[i * n + i] = 1200 * a * a - 400 * b + 2;
    H[i * n + i + 1] = hab;
    H[(i + 1) * n + i] = hab;
    H[(i + 1) * n + i + 1] = 200;
  }
  return sum;
}

/// The sparse Hessian by hand, in the order of its lower triangle by
/// column: for each pair (a, b), H_aa, H_ba, H_bb.
double rosenSparseHessianByHand(const double *x, int n, double *Values) {
  double sum = 0;
  for (int i = 0; i < n; i += 2) {
    double a = x[i], b = x[i + 1];
    double t1 = b - a * a, t2 = 1 - a;
    sum += 100 * t1 * t1 + t2 * t2;
    double *Block = Values + 3 * (i / 2);
    Block[0] = 1200 * a * a - 400 * b + 2;
    Block[1] = -400 * a;
    Block[2] = 200;
  }
  return sum;
}

struct Problem : ProblemBase {
  explicit Problem(long Size) : ProblemBase(static_cast<int>(Size)) {
    for (int i = 0; i < N; ++i)
      x[i] = i % 2 ? 1.0 : -1.2 + 1e-3 * (i % 1000);
    fillDirection(v, 1);
  }
  AdolcTape Tape;
  void trace() {
    Tape.trace(x.data(), N, [this](const adouble *ax) { return rosenOverloaded(ax, N); });
  }
};

Workload<Problem> workload() {
  Workload<Problem> W;
  W.Name = "rosenbrock";
  W.Title = "Extended Rosenbrock";
  W.SizeHeading = "N";
  // 50 and 200 are the dense-Hessian sizes issue 3 reports.
  W.Sizes = {10, 50, 100, 200, 1000, 10000, 100000, 1000000};
  auto Trace = [](Problem &p) {
    if (!p.Tape.traced())
      p.trace();
  };
  using V = Variant<Problem>;
  V Grad{"grad_hessc", Kind::Gradient,
         [](Problem &p, double *g) { return rosen_grad(p.x.data(), p.N, g); }};
  W.Variants = {
      {"f", Kind::Value, [](Problem &p, double *) { return rosen(p.x.data(), p.N); }},
      Grad,
      {"grad_by_hand", Kind::Gradient,
       [](Problem &p, double *g) { return rosenGradByHand(p.x.data(), p.N, g); }},
      {"grad_adolc", Kind::Gradient,
       [](Problem &p, double *g) { return p.Tape.gradient(p.x.data(), g); }, LONG_MAX, 1e-9,
       Trace},
      {"hvp_hessc", Kind::Hvp,
       [](Problem &p, double *hv) { return rosen_hvp(p.x.data(), p.N, p.v.data(), hv); }},
      {"hvp_by_hand", Kind::Hvp,
       [](Problem &p, double *hv) { return rosenHvpByHand(p.x.data(), p.N, p.v.data(), hv); }},
      centralDifferenceHvp(Grad),
      {"hvp_adolc", Kind::Hvp,
       [](Problem &p, double *hv) { return p.Tape.hvp(p.x.data(), p.v.data(), hv); }, LONG_MAX,
       1e-9, Trace},
      {"hessian_hessc", Kind::Hessian,
       [](Problem &p, double *H) { return rosen_hessian(p.x.data(), p.N, H); }, 1000},
      {"hessian_by_hand", Kind::Hessian,
       [](Problem &p, double *H) { return rosenHessianByHand(p.x.data(), p.N, H); }, 1000},
      {"hessian_adolc", Kind::Hessian,
       [](Problem &p, double *H) { return p.Tape.hessian(p.x.data(), H); }, 1000, 1e-9, Trace},
  };
  std::vector<V> Sparse = sparseHessianVariants<Problem>(
      [](Problem &p, hessc::SparsityPattern &P) {
        return rosen_hessian_sparsity(p.x.data(), p.N, P);
      },
      [](Problem &p, const hessc::HessianColoring &C, double *Values) {
        return rosen_hessian_sparse(p.x.data(), p.N, C, Values);
      });
  W.Variants.insert(W.Variants.end(), Sparse.begin(), Sparse.end());
  W.Variants.push_back({"hessian_sparse_by_hand", Kind::SparseHessian,
                        [](Problem &p, double *Values) {
                          return rosenSparseHessianByHand(p.x.data(), p.N, Values);
                        },
                        LONG_MAX, 1e-9, Sparse.back().Prepare});
  return W;
}

} // namespace

int main(int argc, char **argv) { return runWorkload(argc, argv, workload()); }
