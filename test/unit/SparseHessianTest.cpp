//===- SparseHessianTest.cpp - Sparse Hessians, sparse Newton, inertia ----===//
//
// The runtime's sparse path over objectives whose Hessians are written out
// by hand (sparse quadratics, a function whose pattern changes with the
// sign of x), with truths known in closed form: the matrix itself, the
// dense method's trace, and the inertia of tridiag(-1, 2, -1) - cI from its
// eigenvalues 2 - 2 cos(kπ/(N+1)).
//
//===----------------------------------------------------------------------===//

#include <hessc/newton.h>
#include <hessc/sparse_curvature.h>
#include <hessc/sparse_hessian.h>

#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <gtest/gtest.h>

#include "LanedProducts.h"

#include <cmath>

namespace hessc {
namespace {

using SparseMatrix = Eigen::SparseMatrix<double>;

/// The pattern of a symmetric sparse matrix's lower triangle.
SparsityPattern patternOf(const SparseMatrix &A) {
  std::vector<std::pair<int, int>> Entries;
  for (int J = 0; J < A.outerSize(); ++J)
    for (SparseMatrix::InnerIterator It(A, J); It; ++It)
      if (It.row() >= J)
        Entries.emplace_back(static_cast<int>(It.row()), J);
  return SparsityPattern::fromEntries(static_cast<int>(A.rows()), Entries);
}

/// f(x) = ½ rᵀ A r + (Q/4) Σ rᵢ⁴, r = x - m, with A symmetric and sparse:
/// gradient A r + Q r³, Hessian A + 3Q diag(r²). Q = 0 gives a quadratic;
/// Q > 0 keeps f bounded below when A is indefinite. The sparse Hessian is
/// evaluated by hessc::sparseHessian over products with that Hessian.
Objective sparseQuartic(const SparseMatrix &A, const Eigen::VectorXd &M,
                        double Q = 0.0) {
  const Eigen::Index N = M.size();
  auto Residual = [M, N](const double *X) {
    return Eigen::VectorXd(Eigen::Map<const Eigen::VectorXd>(X, N) - M);
  };
  auto Value = [A, Q, Residual](const double *X) {
    Eigen::VectorXd R = Residual(X);
    return 0.5 * R.dot(A * R) + 0.25 * Q * R.array().pow(4).sum();
  };
  auto Hessian = [A, Q, Residual, N](const double *X) {
    Eigen::VectorXd R = Residual(X);
    SparseMatrix H = A;
    if (Q != 0)
      for (Eigen::Index I = 0; I < N; ++I)
        H.coeffRef(I, I) += 3 * Q * R[I] * R[I];
    return H;
  };
  auto Times = [Hessian, N](const double *X, const double *V, double *HV) {
    Eigen::Map<Eigen::VectorXd>(HV, N) = Hessian(X) * Eigen::Map<const Eigen::VectorXd>(V, N);
  };
  return Objective(
      N, Value,
      [A, Q, N, Value, Residual](const double *X, double *G) {
        Eigen::VectorXd R = Residual(X);
        Eigen::Map<Eigen::VectorXd>(G, N) = A * R + Q * R.array().cube().matrix();
        return Value(X);
      },
      [Times, Value](const double *X, const double *V, double *HV) {
        Times(X, V, HV);
        return Value(X);
      },
      [Hessian, N, Value](const double *X, double *H) {
        Eigen::Map<Eigen::MatrixXd>(H, N, N) = Eigen::MatrixXd(Hessian(X));
        return Value(X);
      },
      [Hessian, Value](const double *X, SparsityPattern &P) {
        P = patternOf(Hessian(X));
        return Value(X);
      },
      [Times, Value, N](const double *X, const HessianColoring &C, double *Values) {
        auto Hvp = [&](const double *V, double *HV) {
          Times(X, V, HV);
          return Value(X);
        };
        // Products with `Lanes` directions at once, as f_hessian_block's.
        auto ProductsWith = [&](int Lanes) {
          return [&, Lanes](const double *Seeds, double *Products) {
            test::multiplyLanes(static_cast<int>(N), Lanes, Seeds, Products, Lanes,
                                [&](const double *V, double *HV) { Times(X, V, HV); });
            return Value(X);
          };
        };
        return sparseHessian<8>(C, Values, Hvp, ProductsWith(2), ProductsWith(8));
      });
}

/// tridiag(-1, 2, -1) - Shift·I, whose eigenvalues are
/// 2 - 2 cos(kπ/(N+1)) - Shift, k = 1..N.
SparseMatrix laplacian(int N, double Shift) {
  std::vector<Eigen::Triplet<double>> T;
  for (int I = 0; I < N; ++I) {
    T.emplace_back(I, I, 2.0 - Shift);
    if (I + 1 < N) {
      T.emplace_back(I, I + 1, -1.0);
      T.emplace_back(I + 1, I, -1.0);
    }
  }
  SparseMatrix A(N, N);
  A.setFromTriplets(T.begin(), T.end());
  return A;
}

/// f(x) = Σ_i (x_i > 0 ? x_i x_{i+1} : x_i²) (i < N-1): H has (i, i+1) = 1
/// where x_i > 0 and (i, i) = 2 elsewhere, so its pattern follows x.
Objective signDependent(int N) {
  auto Value = [N](const double *X) {
    double S = 0;
    for (int I = 0; I + 1 < N; ++I)
      S += X[I] > 0 ? X[I] * X[I + 1] : X[I] * X[I];
    return S;
  };
  auto Dense = [N](const double *X) {
    Eigen::MatrixXd H = Eigen::MatrixXd::Zero(N, N);
    for (int I = 0; I + 1 < N; ++I) {
      if (X[I] > 0)
        H(I, I + 1) = H(I + 1, I) = 1;
      else
        H(I, I) = 2;
    }
    return H;
  };
  auto Unused = [](auto &&...) -> double { throw std::logic_error("not used"); };
  return Objective(
      N, Value, Unused, Unused,
      [N, Value, Dense](const double *X, double *H) {
        Eigen::Map<Eigen::MatrixXd>(H, N, N) = Dense(X);
        return Value(X);
      },
      [N, Value](const double *X, SparsityPattern &P) {
        std::vector<std::pair<int, int>> E;
        for (int I = 0; I + 1 < N; ++I)
          E.emplace_back(X[I] > 0 ? I + 1 : I, I);
        P = SparsityPattern::fromEntries(N, E);
        P.DependsOnPoint = true;
        return Value(X);
      },
      [N, Value, Dense](const double *X, const HessianColoring &C, double *Values) {
        Eigen::MatrixXd H = Dense(X);
        const SparsityPattern &P = C.pattern();
        for (int J = 0; J < N; ++J)
          for (int K = P.ColumnStarts[J]; K < P.ColumnStarts[J + 1]; ++K)
            Values[K] = H(P.RowIndices[K], J);
        return Value(X);
      });
}

Eigen::MatrixXd lowerOf(const Eigen::MatrixXd &A) {
  return A.triangularView<Eigen::Lower>();
}

TEST(SparseHessianTest, HoldsTheLowerTriangleAndEveryDiagonalEntry) {
  // A zero diagonal entry (row 2) must still be stored for a shift.
  SparseMatrix A = laplacian(5, 0.0);
  A.coeffRef(2, 2) = 0.0;
  A.prune(0.0);
  Objective F = sparseQuartic(A, Eigen::VectorXd::Zero(5));
  SparseHessian H(F);
  EXPECT_FALSE(H.computed());
  H.compute(Eigen::VectorXd::Ones(5));
  EXPECT_EQ(H.colors(), 3);
  EXPECT_EQ(H.matrix().nonZeros(), 9);
  EXPECT_EQ(Eigen::MatrixXd(H.matrix()), lowerOf(Eigen::MatrixXd(A)));
  EXPECT_EQ(Eigen::MatrixXd(H.fullMatrix()), Eigen::MatrixXd(A));
  EXPECT_EQ(H.matrix().valuePtr()[H.diagonalSlot(2)], 0.0);
  EXPECT_EQ(H.structureVersion(), 1);
}

TEST(SparseHessianTest, APointDependentPatternGrowsAndStaysExact) {
  const int N = 6;
  Objective F = signDependent(N);
  SparseHessian H(F);
  Eigen::VectorXd X = Eigen::VectorXd::Ones(N), Y = X;
  Y[1] = Y[3] = -1;
  Eigen::MatrixXd Dense;
  for (const Eigen::VectorXd *Point : {&X, &Y, &X}) {
    H.compute(*Point);
    F.hessian(*Point, Dense);
    EXPECT_EQ(Eigen::MatrixXd(H.fullMatrix()), Dense);
  }
  // Grown once, at Y; back at X nothing is new.
  EXPECT_EQ(H.structureVersion(), 2);
  EXPECT_TRUE(H.pattern().contains(1, 1));
  EXPECT_TRUE(H.pattern().contains(1, 2));
}

TEST(SparseHessianTest, NeedsAnObjectiveWithASparseHessian) {
  Objective Dense(
      1, [](const double *) { return 0.0; }, [](const double *, double *) { return 0.0; },
      [](const double *, const double *, double *) { return 0.0; },
      [](const double *, double *) { return 0.0; });
  EXPECT_FALSE(Dense.hasSparseHessian());
  EXPECT_THROW(SparseHessian{Dense}, std::logic_error);
  NewtonOptions Options;
  Options.Storage = HessianStorage::Sparse;
  Eigen::VectorXd X = Eigen::VectorXd::Zero(1);
  EXPECT_THROW(minimizeNewton(Dense, X, Options), std::logic_error);
}

TEST(SparseNewtonTest, SolvesAPositiveDefiniteQuadraticInOneStep) {
  const int N = 200;
  Eigen::VectorXd M = Eigen::VectorXd::LinSpaced(N, -1.0, 1.0);
  Objective F = sparseQuartic(laplacian(N, -0.5), M);
  NewtonOptions Options;
  Options.Storage = HessianStorage::Sparse;
  Eigen::VectorXd X = Eigen::VectorXd::Zero(N);
  NewtonSummary S = minimizeNewton(F, X, Options);
  EXPECT_EQ(S.Termination, TerminationType::Converged);
  EXPECT_EQ(S.Iterations.size(), 2u);
  EXPECT_LT((X - M).norm(), 1e-12);
}

TEST(SparseNewtonTest, ShiftsAnIndefiniteHessianLikeTheDenseMethod) {
  // A has eigenvalues 2 - 2cos(kπ/31) - 1 of both signs: near 0 the
  // Hessian A + 3 diag(x²) is indefinite, and the quartic keeps f bounded.
  const int N = 30;
  Eigen::VectorXd M = Eigen::VectorXd::Zero(N);
  Objective F = sparseQuartic(laplacian(N, 1.0), M, 1.0);
  Eigen::VectorXd Start = Eigen::VectorXd::LinSpaced(N, 0.01, 0.04);
  NewtonOptions Options;
  Options.MaxIterations = 3;
  Eigen::VectorXd XDense = Start, XSparse = Start;
  NewtonSummary Dense = minimizeNewton(F, XDense, Options);
  Options.Storage = HessianStorage::Sparse;
  NewtonSummary Sparse = minimizeNewton(F, XSparse, Options);
  ASSERT_EQ(Dense.Iterations.size(), Sparse.Iterations.size());
  ASSERT_EQ(Sparse.Iterations.size(), 4u) << Sparse.fullReport();
  EXPECT_EQ(Sparse.Iterations[1].Modification.Applied, HessianModification::LevenbergShift);
  for (size_t K = 1; K < Dense.Iterations.size(); ++K) {
    const auto &D = Dense.Iterations[K].Modification, &S = Sparse.Iterations[K].Modification;
    EXPECT_EQ(D.Applied, S.Applied);
    EXPECT_EQ(D.Shift, S.Shift);
    EXPECT_EQ(D.Factorizations, S.Factorizations);
    EXPECT_NEAR(Dense.Iterations[K].Value, Sparse.Iterations[K].Value,
                1e-10 * std::fabs(Dense.Iterations[K].Value));
  }
  EXPECT_LT(Sparse.Iterations.back().Value, Sparse.Iterations.front().Value)
      << Sparse.fullReport();
}

TEST(SparseNewtonTest, UnmodifiedIndefiniteHessianIsAStatusAndEigenModificationIsRejected) {
  const int N = 10;
  Objective F = sparseQuartic(laplacian(N, 1.0), Eigen::VectorXd::Zero(N));
  NewtonOptions Options;
  Options.Storage = HessianStorage::Sparse;
  Options.Modification = HessianModification::None;
  Eigen::VectorXd X = Eigen::VectorXd::Ones(N);
  EXPECT_EQ(minimizeNewton(F, X, Options).Termination,
            TerminationType::HessianNotPositiveDefinite);
  Options.Modification = HessianModification::EigenvalueModification;
  EXPECT_THROW(minimizeNewton(F, X, Options), std::invalid_argument);
}

TEST(SparseCurvatureTest, InertiaMatchesTheLaplacianSpectrum) {
  const int N = 120;
  const double Pi = std::acos(-1.0);
  // A Krylov space of dimension N is the whole space: Lanczos is exact.
  LanczosOptions Lanczos;
  Lanczos.MaxIterations = N;
  for (double Shift : {-0.1, 0.5, 2.0, 4.5}) {
    int Positive = 0, Negative = 0;
    double Min = INFINITY, Max = -INFINITY;
    for (int K = 1; K <= N; ++K) {
      double Lambda = 2 - 2 * std::cos(K * Pi / (N + 1)) - Shift;
      Positive += Lambda > 0;
      Negative += Lambda < 0;
      Min = std::min(Min, Lambda);
      Max = std::max(Max, Lambda);
    }
    Objective F = sparseQuartic(laplacian(N, Shift), Eigen::VectorXd::Zero(N));
    SparseCurvatureAnalysis A =
        analyzeSparseCurvature(F, Eigen::VectorXd::Zero(N), {}, Lanczos);
    ASSERT_EQ(A.Status, AnalysisStatus::Success) << A.report();
    EXPECT_EQ(A.NumPositive, Positive) << Shift;
    EXPECT_EQ(A.NumNegative, Negative) << Shift;
    EXPECT_EQ(A.NumZero, 0);
    EXPECT_NEAR(A.Extremes.MinEigenvalue, Min, 1e-8);
    EXPECT_NEAR(A.Extremes.MaxEigenvalue, Max, 1e-8);
    CriticalPointType Want = Negative == 0   ? CriticalPointType::LocalMinimum
                             : Positive == 0 ? CriticalPointType::LocalMaximum
                                             : CriticalPointType::Saddle;
    EXPECT_EQ(A.Type, Want) << Shift;
    EXPECT_EQ(A.PositiveDefinite, Negative == 0);
  }
}

TEST(SparseCurvatureTest, ZeroEigenvaluesMakeTheTestInconclusive) {
  // diag(0, 1, 3): a zero eigenvalue and no negative one.
  SparseMatrix A(3, 3);
  A.insert(1, 1) = 1.0;
  A.insert(2, 2) = 3.0;
  Objective F = sparseQuartic(A, Eigen::VectorXd::Zero(3));
  SparseCurvatureAnalysis R = analyzeSparseCurvature(F, Eigen::VectorXd::Zero(3));
  ASSERT_EQ(R.Status, AnalysisStatus::Success);
  EXPECT_EQ(R.NumZero, 1);
  EXPECT_EQ(R.NumPositive, 2);
  EXPECT_EQ(R.Type, CriticalPointType::Inconclusive);
  // Away from the critical point it is no critical point at all.
  EXPECT_EQ(analyzeSparseCurvature(F, Eigen::VectorXd::Ones(3)).Type,
            CriticalPointType::NotCritical);
}

} // namespace
} // namespace hessc
