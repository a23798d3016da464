//===- broyden.cpp - Cost of the derivatives of Broyden tridiagonal -------===//
//
// f = sum_i r_i^2, r_i = (3 - 2 x_i) x_i - x_{i-1} - 2 x_{i+1} + 1 (x_{-1}
// = x_N = 0): the Broyden tridiagonal problem of Moré, Garbow and Hillstrom,
// N = 10 to 10^6. Its Jacobian J is tridiagonal, so its Hessian
// 2 (JᵀJ + diag(-4 r)) is pentadiagonal: the banded case of the sparse
// Hessian, which hessc colours with 5 colours (the optimum of a star
// colouring of a pentadiagonal pattern). hessc's derivatives against
// derivatives by hand, central differences and ADOL-C, and its sparse
// Hessian against one written by hand.
//
//===----------------------------------------------------------------------===//
#include "adolc_tape.h"
#include "harness.h"

#include <hessc/hessc.h>

#include <cstring>
#include <vector>

HESSC_DIFF("x[n]")
double broyden(const double *x, int n) {
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    double left = i > 0 ? x[i - 1] : 0.0;
    double right = i + 1 < n ? x[i + 1] : 0.0;
    double r = (3 - 2 * x[i]) * x[i] - left - 2 * right + 1;
    sum += r * r;
  }
  return sum;
}

namespace {

using namespace hessc::bench;

template <typename T> T broydenOverloaded(const T *x, int n) {
  T sum = 0;
  for (int i = 0; i < n; ++i) {
    T left = 0, right = 0;
    if (i > 0)
      left = x[i - 1];
    if (i + 1 < n)
      right = x[i + 1];
    T r = (3 - 2 * x[i]) * x[i] - left - 2 * right + 1;
    sum += r * r;
  }
  return sum;
}

/// r_i, as every hand-written derivative needs it.
inline double residual(const double *x, int n, int i) {
  double left = i > 0 ? x[i - 1] : 0.0;
  double right = i + 1 < n ? x[i + 1] : 0.0;
  return (3 - 2 * x[i]) * x[i] - left - 2 * right + 1;
}

/// grad = 2 Jᵀ r: r_i reaches x_i with 3 - 4 x_i, x_{i-1} with -1 and
/// x_{i+1} with -2.
double broydenGradByHand(const double *x, int n, double *g) {
  double sum = 0;
  std::memset(g, 0, sizeof(double) * n);
  for (int i = 0; i < n; ++i) {
    double r = residual(x, n, i);
    sum += r * r;
    g[i] += 2 * r * (3 - 4 * x[i]);
    if (i > 0)
      g[i - 1] -= 2 * r;
    if (i + 1 < n)
      g[i + 1] -= 4 * r;
  }
  return sum;
}

/// H v = 2 Jᵀ (J v) - 8 r ∘ v.
double broydenHvpByHand(const double *x, int n, const double *v, double *hv) {
  double sum = 0;
  std::memset(hv, 0, sizeof(double) * n);
  for (int i = 0; i < n; ++i) {
    double r = residual(x, n, i);
    sum += r * r;
    double d = 3 - 4 * x[i];
    double Jv = d * v[i] - (i > 0 ? v[i - 1] : 0.0) - 2 * (i + 1 < n ? v[i + 1] : 0.0);
    hv[i] += 2 * d * Jv - 8 * r * v[i];
    if (i > 0)
      hv[i - 1] -= 2 * Jv;
    if (i + 1 < n)
      hv[i + 1] -= 4 * Jv;
  }
  return sum;
}

/// The entries of column j of H on and below the diagonal:
/// H_jj = 2 ((3 - 4 x_j)^2 + [j > 0] 4 + [j < n-1] 1 - 4 r_j),
/// H_{j+1,j} = 2 (-2 (3 - 4 x_j) - (3 - 4 x_{j+1})), H_{j+2,j} = 4.
inline void broydenColumn(const double *x, int n, int j, double &Diagonal, double &Below,
                          double &TwoBelow) {
  double d = 3 - 4 * x[j];
  Diagonal = 2 * (d * d + (j > 0 ? 4.0 : 0.0) + (j + 1 < n ? 1.0 : 0.0) - 4 * residual(x, n, j));
  Below = j + 1 < n ? 2 * (-2 * d - (3 - 4 * x[j + 1])) : 0.0;
  TwoBelow = 4;
}

double broydenHessianByHand(const double *x, int n, double *H) {
  std::memset(H, 0, sizeof(double) * n * n);
  double sum = 0;
  for (int j = 0; j < n; ++j) {
    double r = residual(x, n, j);
    sum += r * r;
    double Diagonal, Below, TwoBelow;
    broydenColumn(x, n, j, Diagonal, Below, TwoBelow);
    H[j * n + j] = Diagonal;
    if (j + 1 < n)
      H[(j + 1) * n + j] = H[j * n + j + 1] = Below;
    if (j + 2 < n)
      H[(j + 2) * n + j] = H[j * n + j + 2] = TwoBelow;
  }
  return sum;
}

/// The sparse Hessian by hand, lower triangle by column: H_jj, H_{j+1,j},
/// H_{j+2,j} (fewer in the last two columns).
double broydenSparseHessianByHand(const double *x, int n, double *Values) {
  double sum = 0;
  double *Out = Values;
  for (int j = 0; j < n; ++j) {
    double r = residual(x, n, j);
    sum += r * r;
    double Diagonal, Below, TwoBelow;
    broydenColumn(x, n, j, Diagonal, Below, TwoBelow);
    *Out++ = Diagonal;
    if (j + 1 < n)
      *Out++ = Below;
    if (j + 2 < n)
      *Out++ = TwoBelow;
  }
  return sum;
}

struct Problem : ProblemBase {
  explicit Problem(long Size) : ProblemBase(static_cast<int>(Size)) {
    // MGH's start is all -1; vary it so no two rows are alike.
    for (int i = 0; i < N; ++i)
      x[i] = -1.0 + 1e-3 * (i % 1000);
    fillDirection(v, 2);
  }
  AdolcTape Tape;
  void trace() {
    Tape.trace(x.data(), N, [this](const adouble *ax) { return broydenOverloaded(ax, N); });
  }
};

Workload<Problem> workload() {
  Workload<Problem> W;
  W.Name = "broyden";
  W.Title = "Broyden tridiagonal";
  W.SizeHeading = "N";
  W.Sizes = {10, 100, 1000, 10000, 100000, 1000000};
  auto Trace = [](Problem &p) {
    if (!p.Tape.traced())
      p.trace();
  };
  using V = Variant<Problem>;
  V Grad{"grad_hessc", Kind::Gradient,
         [](Problem &p, double *g) { return broyden_grad(p.x.data(), p.N, g); }};
  W.Variants = {
      {"f", Kind::Value, [](Problem &p, double *) { return broyden(p.x.data(), p.N); }},
      Grad,
      {"grad_by_hand", Kind::Gradient,
       [](Problem &p, double *g) { return broydenGradByHand(p.x.data(), p.N, g); }},
      {"grad_adolc", Kind::Gradient,
       [](Problem &p, double *g) { return p.Tape.gradient(p.x.data(), g); }, LONG_MAX, 1e-9,
       Trace},
      {"hvp_hessc", Kind::Hvp,
       [](Problem &p, double *hv) { return broyden_hvp(p.x.data(), p.N, p.v.data(), hv); }},
      {"hvp_by_hand", Kind::Hvp,
       [](Problem &p, double *hv) {
         return broydenHvpByHand(p.x.data(), p.N, p.v.data(), hv);
       }},
      centralDifferenceHvp(Grad),
      {"hvp_adolc", Kind::Hvp,
       [](Problem &p, double *hv) { return p.Tape.hvp(p.x.data(), p.v.data(), hv); }, LONG_MAX,
       1e-9, Trace},
      {"hessian_hessc", Kind::Hessian,
       [](Problem &p, double *H) { return broyden_hessian(p.x.data(), p.N, H); }, 1000},
      {"hessian_by_hand", Kind::Hessian,
       [](Problem &p, double *H) { return broydenHessianByHand(p.x.data(), p.N, H); }, 1000},
      {"hessian_adolc", Kind::Hessian,
       [](Problem &p, double *H) { return p.Tape.hessian(p.x.data(), H); }, 1000, 1e-9, Trace},
  };
  std::vector<V> Sparse = sparseHessianVariants<Problem>(
      [](Problem &p, hessc::SparsityPattern &P) {
        return broyden_hessian_sparsity(p.x.data(), p.N, P);
      },
      [](Problem &p, const hessc::HessianColoring &C, double *Values) {
        return broyden_hessian_sparse(p.x.data(), p.N, C, Values);
      });
  W.Variants.insert(W.Variants.end(), Sparse.begin(), Sparse.end());
  W.Variants.push_back({"hessian_sparse_by_hand", Kind::SparseHessian,
                        [](Problem &p, double *Values) {
                          return broydenSparseHessianByHand(p.x.data(), p.N, Values);
                        },
                        LONG_MAX, 1e-9, Sparse.back().Prepare});
  W.Notes.push_back("the sparse Hessian takes one HVP per colour (5 here) with the pattern and "
                    "colouring found once; sparsity_hessc is that one-off cost");
  return W;
}

} // namespace

int main(int argc, char **argv) { return runWorkload(argc, argv, workload()); }
