//===- mgh.h - References and checks for the MGH tests --------*- C++ -*-===//
//
// The Moré-Garbow-Hillstrom test problems (ACM TOMS 7(1), 1981) are sums of
// squares f = sum_i r_i(x)^2. The tests in mgh_*.cpp build, for each problem
// and point, a Reference: f, its gradient and its Hessian accumulated term by
// term from derivatives that hessc has no part in (sympy's, for the
// fixed-dimension problems; derived by hand and written out in the test, for
// the variable-dimension ones), together with the size of every entry's
// terms, which check::Case takes as the scale of that entry's rounding error.
//
// Problem bundles a problem's function and its generated f_grad, f_hessian,
// f_hvp, f_hessian_sparsity and f_hessian_sparse behind one interface over the
// flat vector x, so that one routine checks each of them at a point
// (check_point, the sparse Hessian against f_hessian's matrix), and another
// drives Newton's method with them towards a published minimiser (minimise),
// where check_minimum compares f with the published f* and the reference
// gradient with zero.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TEST_MGH_H
#define HESSC_TEST_MGH_H

#include "check.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace mgh {

/// One residual r(x) with its exact first partials (dense) and its non-zero
/// second partials (a list of (J, K, value), J <= K, whose values for the
/// same pair add up).
struct Residual {
  explicit Residual(int N) : D(N, 0.0) {}

  /// Starts a new residual of value V, with zero derivatives.
  void reset(double V) {
    R = V;
    std::fill(D.begin(), D.end(), 0.0);
    DD.clear();
  }
  /// Adds V to d2r / dx_J dx_K (and to d2r / dx_K dx_J).
  void dd(int J, int K, double V) {
    if (J > K)
      std::swap(J, K);
    DD.push_back({J, K, V});
  }

  struct Entry {
    int J, K;
    double V;
  };
  double R = 0;
  std::vector<double> D;
  std::vector<Entry> DD;
};

/// f, its gradient and its Hessian (row-major N x N), summed term by term,
/// with each entry's scale: the sum of the magnitudes of its terms.
struct Reference {
  explicit Reference(int N)
      : N(N), G(N, 0.0), GS(N, 0.0), H(std::size_t(N) * N, 0.0),
        HS(std::size_t(N) * N, 0.0) {}

  /// Adds a term T with gradient DT and Hessian D2T (sympy's, say).
  void add(double T, const double *DT, const double *D2T) {
    F += T;
    for (int J = 0; J < N; ++J) {
      G[J] += DT[J];
      GS[J] += std::fabs(DT[J]);
    }
    for (std::size_t K = 0; K < H.size(); ++K) {
      H[K] += D2T[K];
      HS[K] += std::fabs(D2T[K]);
    }
  }

  /// Adds r^2: gradient 2 r dr, Hessian 2 (dr dr' + r d2r).
  void add_square(const Residual &Res) {
    double R = Res.R;
    F += R * R;
    std::vector<int> Nz;
    for (int J = 0; J < N; ++J)
      if (Res.D[J] != 0.0)
        Nz.push_back(J);
    for (int J : Nz) {
      G[J] += 2.0 * R * Res.D[J];
      GS[J] += std::fabs(2.0 * R * Res.D[J]);
      for (int K : Nz) {
        double T = 2.0 * Res.D[J] * Res.D[K];
        H[std::size_t(J) * N + K] += T;
        HS[std::size_t(J) * N + K] += std::fabs(T);
      }
    }
    for (const Residual::Entry &E : Res.DD) {
      double T = 2.0 * R * E.V;
      H[std::size_t(E.J) * N + E.K] += T;
      HS[std::size_t(E.J) * N + E.K] += std::fabs(T);
      if (E.J != E.K) {
        H[std::size_t(E.K) * N + E.J] += T;
        HS[std::size_t(E.K) * N + E.J] += std::fabs(T);
      }
    }
  }

  int N;
  double F = 0;
  std::vector<double> G, GS, H, HS;
};

/// A problem's function and its generated derivatives over the flat vector
/// of independents, and its reference.
struct Problem {
  int N;
  std::function<double(const double *)> F;
  std::function<double(const double *, double *)> Grad, Hessian;
  std::function<double(const double *, const double *, double *)> Hvp;
  std::function<double(const double *, hessc::SparsityPattern &)> Sparsity;
  std::function<double(const double *, const hessc::HessianColoring &,
                       double *)>
      Sparse;
  std::function<void(const double *, Reference &)> Ref;

  Reference reference(const std::vector<double> &X) const {
    Reference R(N);
    Ref(X.data(), R);
    return R;
  }
};

/// S X.
inline std::vector<double> scaled(std::vector<double> X, double S) {
  for (double &E : X)
    E *= S;
  return X;
}

/// X moved in every coordinate by up to Amount max(|x_i|, 1), at random.
inline std::vector<double> perturbed(std::vector<double> X, check::Rng &R,
                                     double Amount = 0.1) {
  for (double &E : X)
    E += Amount * std::fmax(std::fabs(E), 1.0) * R.uniform(-1.0, 1.0);
  return X;
}

/// Sets C's point to X, with Label, for the messages.
inline void at(check::Case &C, const std::vector<double> &X,
               const char *Label) {
  std::string S = std::string(Label) + " (";
  char Buf[40];
  for (std::size_t I = 0; I < X.size() && I < 12; ++I) {
    std::snprintf(Buf, sizeof Buf, "%s%.17g", I ? ", " : "", X[I]);
    S += Buf;
  }
  if (X.size() > 12)
    S += ", ...";
  S += ")";
  C.at("%s", S.c_str());
}

/// Every comparison at X: f against the reference value, f_grad's value and
/// gradient, and (check::second_order) f_hessian's matrix, its symmetry and
/// f_hvp in several directions, against the reference and each other, and
/// the sparse Hessian (f_hessian_sparsity's pattern, its star colouring and
/// f_hessian_sparse's values) against f_hessian's matrix.
inline void check_point(check::Case &C, const Problem &P,
                        const std::vector<double> &X, const char *Label) {
  at(C, X, Label);
  const int N = P.N;
  const double *XP = X.data();
  Reference R = P.reference(X);
  double F = P.F(XP);
  C.value(F, R.F, "f vs reference");
  std::vector<double> G(N);
  check::poison(G.data(), G.size());
  C.value(P.Grad(XP, G.data()), F, "f_grad value");
  C.grad(G.data(), R.G.data(), R.GS.data(), N);
  check::second_order(
      C, N, F, [&](double *H) { return P.Hessian(XP, H); },
      [&](const double *V, double *Hv) { return P.Hvp(XP, V, Hv); },
      [&](hessc::SparsityPattern &Pattern) { return P.Sparsity(XP, Pattern); },
      [&](const hessc::HessianColoring &Coloring, double *Values) {
        return P.Sparse(XP, Coloring, Values);
      },
      R.H.data(), R.HS.data());
}

/// Compares a value of f with one worked out by hand (What says which, and
/// where: "n=4, f(x0) = 215"), to the Case's tolerance.
inline void by_hand(check::Case &C, double Got, double Want,
                    const std::string &What) {
  C.at("%s, by hand", What.c_str());
  C.value(Got, Want, "f");
}

/// Expects |Got - Want| <= AbsTol: for comparisons with published numbers,
/// to the digits they are published with.
inline void expect_close(check::Case &C, double Got, double Want, double AbsTol,
                         const char *What) {
  char Buf[300];
  std::snprintf(Buf, sizeof Buf, "%s: got %.10g, want %.10g to +-%.1g", What,
                Got, Want, AbsTol);
  double Err = std::fabs(Got - Want);
  C.expect(Err == Err && Err <= AbsTol, Buf);
}

/// Cholesky factorisation in place of the row-major N x N matrix A (lower
/// triangle); false unless A is numerically positive definite.
inline bool cholesky(std::vector<long double> &A, int N) {
  for (int J = 0; J < N; ++J) {
    long double D = A[std::size_t(J) * N + J];
    for (int K = 0; K < J; ++K)
      D -= A[std::size_t(J) * N + K] * A[std::size_t(J) * N + K];
    if (!(D > 0))
      return false;
    D = std::sqrt(D);
    A[std::size_t(J) * N + J] = D;
    for (int I = J + 1; I < N; ++I) {
      long double S = A[std::size_t(I) * N + J];
      for (int K = 0; K < J; ++K)
        S -= A[std::size_t(I) * N + K] * A[std::size_t(J) * N + K];
      A[std::size_t(I) * N + J] = S / D;
    }
  }
  return true;
}

/// Refines X towards a local minimiser of P.F by Newton's method with the
/// generated gradient and Hessian: the step solves (H + mu D) p = -g, D the
/// diagonal of |H| (Levenberg-Marquardt), mu = 0 while the plain Newton step
/// decreases f, raised tenfold until a step does; stops when no step
/// decreases f or, as a plain Newton step, halves the gradient (converged
/// to rounding), or after MaxIter steps. Returns the number of steps taken.
/// The derivatives under test steer the iteration only: what it reaches is
/// judged by check_minimum against published numbers and the reference
/// gradient.
inline int minimise(const Problem &P, std::vector<double> &X,
                    int MaxIter = 500) {
  const int N = P.N;
  std::vector<double> G(N), GN(N), H(std::size_t(N) * N), XN(N);
  auto norm = [](const std::vector<double> &V) {
    double S = 0.0;
    for (double E : V)
      S += E * E;
    return std::sqrt(S);
  };
  std::vector<long double> A(H.size()), Y(N);
  double F = P.F(X.data());
  double Mu = 0.0;
  int Iter = 0;
  for (; Iter < MaxIter; ++Iter) {
    P.Grad(X.data(), G.data());
    P.Hessian(X.data(), H.data());
    bool AllZero = true;
    for (double E : G)
      AllZero = AllZero && E == 0.0;
    if (AllZero)
      break;
    double DMax = 0.0;
    for (int I = 0; I < N; ++I)
      DMax = std::fmax(DMax, std::fabs(H[std::size_t(I) * N + I]));
    bool Stepped = false;
    for (;;) {
      for (std::size_t K = 0; K < H.size(); ++K)
        A[K] = H[K];
      for (int I = 0; I < N; ++I)
        A[std::size_t(I) * N + I] +=
            Mu * std::fmax(std::fabs(H[std::size_t(I) * N + I]), 1e-12 * DMax);
      if (cholesky(A, N)) {
        // Solve L L' p = -g.
        for (int I = 0; I < N; ++I) {
          long double S = -G[I];
          for (int K = 0; K < I; ++K)
            S -= A[std::size_t(I) * N + K] * Y[K];
          Y[I] = S / A[std::size_t(I) * N + I];
        }
        for (int I = N - 1; I >= 0; --I) {
          long double S = Y[I];
          for (int K = I + 1; K < N; ++K)
            S -= A[std::size_t(K) * N + I] * Y[K];
          Y[I] = S / A[std::size_t(I) * N + I];
        }
        bool Moved = false;
        for (int I = 0; I < N; ++I) {
          XN[I] = double(X[I] + Y[I]);
          Moved = Moved || XN[I] != X[I];
        }
        double FN = P.F(XN.data());
        // Near the minimiser f stops decreasing in floating point before
        // the gradient reaches rounding level: a plain Newton step (H
        // positive definite) that keeps f within 1e-8 of its value and
        // halves the gradient is taken as well.
        bool Closer = false;
        if (Moved && FN >= F && Mu == 0.0 && FN <= F + 1e-8 * std::fabs(F)) {
          P.Grad(XN.data(), GN.data());
          Closer = norm(GN) < 0.5 * norm(G);
        }
        if (Moved && (FN < F || Closer)) {
          X = XN;
          F = FN;
          Stepped = true;
          Mu = Mu > 1e-6 ? Mu / 10.0 : 0.0;
          break;
        }
        if (!Moved)
          break;
      }
      Mu = Mu == 0.0 ? 1e-6 : Mu * 10.0;
      if (Mu > 1e30)
        break;
    }
    if (!Stepped)
      break;
  }
  return Iter;
}

/// At a minimiser X: f against the published minimum FStar to FTol
/// (absolute), every entry of the reference
/// gradient zero to GradTol relative to the size of its terms (max(1, sum_i
/// |2 r_i dr_i/dx_j|)), and, if PosDef, the reference Hessian positive
/// definite: a minimum, not a saddle.
inline void check_minimum(check::Case &C, const Problem &P,
                          const std::vector<double> &X, const char *Label,
                          double FStar, double FTol, double GradTol,
                          bool PosDef) {
  at(C, X, Label);
  Reference R = P.reference(X);
  double F = P.F(X.data());
  char What[200];
  std::snprintf(What, sizeof What, "f = published f* %.6g", FStar);
  expect_close(C, F, FStar, FTol, What);
  double Worst = 0.0;
  int WorstJ = 0;
  for (int J = 0; J < P.N; ++J) {
    double E = std::fabs(R.G[J]) / std::fmax(1.0, R.GS[J]);
    if (!(E <= Worst))
      Worst = E, WorstJ = J;
  }
  std::snprintf(What, sizeof What,
                "reference gradient zero to %.1g of its terms, worst entry "
                "%d: %.3g (terms %.3g)",
                GradTol, WorstJ, R.G[WorstJ], R.GS[WorstJ]);
  C.expect(Worst <= GradTol, What);
  if (PosDef) {
    std::vector<long double> A(R.H.begin(), R.H.end());
    C.expect(cholesky(A, P.N), "a positive definite reference Hessian");
  }
}

/// Derivatives (check_point) at the standard starting point X0, at 10 X0
/// and at two random points near X0; Prefix ("n=10, ") starts each label.
inline void standard_points(check::Case &C, const Problem &P,
                            const std::vector<double> &X0, check::Rng &R,
                            const std::string &Prefix = "") {
  check_point(C, P, X0, (Prefix + "x0").c_str());
  check_point(C, P, scaled(X0, 10.0), (Prefix + "10 x0").c_str());
  check_point(C, P, perturbed(X0, R), (Prefix + "near x0").c_str());
  check_point(C, P, perturbed(X0, R), (Prefix + "near x0").c_str());
}

/// A minimiser XS known exactly: the derivatives there, f(XS) = FStar to
/// 1e-15 (relative, absolute when FStar = 0) and the reference gradient zero
/// to 1e-12 of the size of its terms (or absolutely, below 1): the rounding
/// of a few operations on numbers up to ~100.
inline void exact_minimum(check::Case &C, const Problem &P,
                          const std::vector<double> &XS, double FStar,
                          bool PosDef = true, const std::string &Prefix = "") {
  check_point(C, P, XS, (Prefix + "x*").c_str());
  check_minimum(C, P, XS, (Prefix + "x*").c_str(), FStar,
                1e-15 * std::fmax(1.0, std::fabs(FStar)), 1e-12, PosDef);
}

/// A minimiser that the paper gives as f* (to Digits significant digits)
/// only: Newton's method (minimise) from Start, a published approximate
/// minimiser or x0; then the derivatives there, f against f* to a unit in
/// its last published digit (the paper truncates: Bard's 8.21487e-3 is
/// 8.2148773e-3), or, for f* = 0 (Digits 0), to 1e-15; the reference
/// gradient zero to GradTol of its terms and the Hessian positive definite.
inline void newton_minimum(check::Case &C, const Problem &P,
                           std::vector<double> Start, double FStar, int Digits,
                           const std::string &Prefix = "",
                           double GradTol = 1e-10) {
  minimise(P, Start);
  std::string Label = Prefix + "Newton's x*";
  check_point(C, P, Start, Label.c_str());
  double Unit = FStar == 0.0
                    ? 1e-15
                    : std::pow(10.0, std::floor(std::log10(std::fabs(FStar))) -
                                         (Digits - 1));
  check_minimum(C, P, Start, Label.c_str(), FStar, Unit, GradTol, true);
}

} // namespace mgh

//===----------------------------------------------------------------------===//
// Macros that spell out a Problem's members
//===----------------------------------------------------------------------===//

/// Adds the sympy reference NAME(arguments...), of N independents, to the
/// mgh::Reference named r in scope: a term of f (sympy_ref.py's NAME_ref,
/// NAME_ref_grad and NAME_ref_hessian, in the test's -include).
#define MGH_SYMPY_TERM(NAME, N, ...)                                           \
  do {                                                                         \
    double g[N], h[N * N];                                                     \
    NAME##_ref_grad(__VA_ARGS__, g);                                           \
    NAME##_ref_hessian(__VA_ARGS__, h);                                        \
    r.add(NAME##_ref(__VA_ARGS__), g, h);                                      \
  } while (0)

/// A Problem's reference: the sympy reference NAME over the whole of f, its
/// arguments spelled in terms of the array x ("x[0], x[1]").
#define MGH_SYMPY_WHOLE(NAME, N, ...)                                          \
  [](const double *x, mgh::Reference &r) {                                     \
    MGH_SYMPY_TERM(NAME, N, __VA_ARGS__);                                      \
  }

/// The six generated functions of NAME(x, constants...) as a Problem's
/// members F, Grad, Hessian, Hvp, Sparsity and Sparse; the constant
/// arguments after x, if any, are captured by value.
#define MGH_GENERATED(NAME, ...)                                               \
  [=](const double *x) { return NAME(x, ##__VA_ARGS__); },                     \
      [=](const double *x, double *g) {                                        \
        return NAME##_grad(x, ##__VA_ARGS__, g);                               \
      },                                                                       \
      [=](const double *x, double *h) {                                        \
        return NAME##_hessian(x, ##__VA_ARGS__, h);                            \
      },                                                                       \
      [=](const double *x, const double *v, double *hv) {                      \
        return NAME##_hvp(x, ##__VA_ARGS__, v, hv);                            \
      },                                                                       \
      [=](const double *x, hessc::SparsityPattern &pattern) {                  \
        return NAME##_hessian_sparsity(x, ##__VA_ARGS__, pattern);             \
      },                                                                       \
      [=](const double *x, const hessc::HessianColoring &coloring,             \
          double *values) {                                                    \
        return NAME##_hessian_sparse(x, ##__VA_ARGS__, coloring, values);      \
      }

#endif // HESSC_TEST_MGH_H
