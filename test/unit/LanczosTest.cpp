//===- LanczosTest.cpp - Extreme eigenvalues from Hessian-vector products -===//
//
// Lanczos against spectra known by construction, against Eigen's dense
// eigensolver, on a large diagonal operator, on the Rosenbrock Hessian
// through an Objective, and its failure paths.
//
//===----------------------------------------------------------------------===//
#include "TestObjectives.h"

#include <hessc/lanczos.h>

#include <Eigen/Eigenvalues>
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

using namespace hessc;

namespace {

SymmetricOperator dense(const Eigen::MatrixXd &A) {
  return [A](const Eigen::VectorXd &V, Eigen::VectorXd &Y) { Y = A * V; };
}

/// ‖Av - λv‖ for a unit v.
double residual(const Eigen::MatrixXd &A, double Lambda,
                const Eigen::VectorXd &V) {
  return (A * V - Lambda * V).norm();
}

} // namespace

TEST(Lanczos, SpectrumKnownByConstruction) {
  const Eigen::Index N = 200;
  Eigen::VectorXd Lambda = Eigen::VectorXd::LinSpaced(N, -3, 7);
  Eigen::MatrixXd A =
      test::matrixWithSpectrum(Lambda, test::randomOrthogonal(N, 11));
  LanczosResult R = lanczosExtremeEigenpairs(dense(A), N);
  SCOPED_TRACE(R.report());
  ASSERT_EQ(R.Status, LanczosStatus::Converged);
  EXPECT_NEAR(R.MinEigenvalue, -3.0, 1e-9);
  EXPECT_NEAR(R.MaxEigenvalue, 7.0, 1e-9);
  EXPECT_LT(residual(A, R.MinEigenvalue, R.MinEigenvector), 1e-6);
  EXPECT_LT(residual(A, R.MaxEigenvalue, R.MaxEigenvector), 1e-6);
  EXPECT_NEAR(R.MinEigenvector.norm(), 1.0, 1e-12);
}

TEST(Lanczos, AgreesWithTheDenseEigensolver) {
  for (unsigned Seed : {1u, 2u, 3u}) {
    const Eigen::Index N = 60;
    std::mt19937 Generator(Seed);
    std::normal_distribution<double> Normal;
    Eigen::MatrixXd M(N, N);
    for (Eigen::Index J = 0; J < N; ++J)
      for (Eigen::Index I = 0; I < N; ++I)
        M(I, J) = Normal(Generator);
    Eigen::MatrixXd A = 0.5 * (M + M.transpose());
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> Dense(A);
    double Min = Dense.eigenvalues()[0], Max = Dense.eigenvalues()[N - 1];

    LanczosResult R = lanczosExtremeEigenpairs(dense(A), N);
    SCOPED_TRACE(R.report());
    ASSERT_EQ(R.Status, LanczosStatus::Converged);
    EXPECT_NEAR(R.MinEigenvalue, Min, 1e-9 * std::fabs(Min));
    EXPECT_NEAR(R.MaxEigenvalue, Max, 1e-9 * std::fabs(Max));
    EXPECT_NEAR(std::fabs(R.MinEigenvector.dot(Dense.eigenvectors().col(0))),
                1.0, 1e-6);
    EXPECT_NEAR(
        std::fabs(R.MaxEigenvector.dot(Dense.eigenvectors().col(N - 1))), 1.0,
        1e-6);
  }
}

TEST(Lanczos, LargeOperatorWithFewProducts) {
  // diag(2 + sin i) in [1, 3], with two outliers 0.5 and 10.
  const Eigen::Index N = 50000;
  Eigen::VectorXd D(N);
  for (Eigen::Index I = 0; I < N; ++I)
    D[I] = 2 + std::sin(static_cast<double>(I));
  D[123] = 0.5;
  D[40000] = 10;
  LanczosResult R = lanczosExtremeEigenpairs(
      [&D](const Eigen::VectorXd &V, Eigen::VectorXd &Y) {
        Y = D.cwiseProduct(V);
      },
      N);
  SCOPED_TRACE(R.report());
  ASSERT_EQ(R.Status, LanczosStatus::Converged);
  EXPECT_NEAR(R.MinEigenvalue, 0.5, 1e-8);
  EXPECT_NEAR(R.MaxEigenvalue, 10.0, 1e-8);
  EXPECT_NEAR(std::fabs(R.MinEigenvector[123]), 1.0, 1e-6);
  EXPECT_NEAR(std::fabs(R.MaxEigenvector[40000]), 1.0, 1e-6);
  EXPECT_LT(R.Iterations, 100);
}

TEST(Lanczos, HessianOfAnObjectiveThroughHvps) {
  // Extended Rosenbrock at (1, ..., 1): every 2 x 2 block is
  // [[802, -400], [-400, 200]], eigenvalues 501 ± sqrt(301² + 400²).
  const Eigen::Index N = 100;
  Objective F = test::rosenbrock(N, /*HessianAllowed=*/false);
  LanczosResult R = lanczosExtremeEigenpairs(F, Eigen::VectorXd::Ones(N));
  SCOPED_TRACE(R.report());
  ASSERT_EQ(R.Status, LanczosStatus::Converged);
  double Root = std::sqrt(301.0 * 301.0 + 400.0 * 400.0);
  EXPECT_NEAR(R.MinEigenvalue, 501 - Root, 1e-9);
  EXPECT_NEAR(R.MaxEigenvalue, 501 + Root, 1e-9);
  // Two distinct eigenvalues: the Krylov space is invariant at once.
  EXPECT_LE(R.Iterations, 3);
}

TEST(Lanczos, StartingOnAnEigenvectorStopsAtOnce) {
  Eigen::MatrixXd A = Eigen::Vector3d(1, 2, 3).asDiagonal();
  LanczosOptions Options;
  Options.StartVector = Eigen::Vector3d(0, 2, 0);
  LanczosResult R = lanczosExtremeEigenpairs(dense(A), 3, Options);
  EXPECT_EQ(R.Status, LanczosStatus::Converged);
  EXPECT_EQ(R.Iterations, 1);
  EXPECT_EQ(R.MinEigenvalue, 2.0);
  EXPECT_EQ(R.MaxEigenvalue, 2.0);
}

TEST(Lanczos, BudgetExhaustedGivesInnerEstimates) {
  const Eigen::Index N = 200;
  Eigen::VectorXd Lambda = Eigen::VectorXd::LinSpaced(N, -3, 7);
  Eigen::MatrixXd A =
      test::matrixWithSpectrum(Lambda, test::randomOrthogonal(N, 11));
  LanczosOptions Options;
  Options.MaxIterations = 4;
  LanczosResult R = lanczosExtremeEigenpairs(dense(A), N, Options);
  EXPECT_EQ(R.Status, LanczosStatus::MaxIterationsReached);
  EXPECT_EQ(R.Iterations, 4);
  // Ritz values lie inside the spectrum (Cauchy interlacing).
  EXPECT_GE(R.MinEigenvalue, -3.0);
  EXPECT_LE(R.MaxEigenvalue, 7.0);
  EXPECT_GT(R.MinResidual, 0.0);
}

TEST(Lanczos, FailurePaths) {
  LanczosResult R = lanczosExtremeEigenpairs(test::everywhereNaN(4),
                                             Eigen::VectorXd::Zero(4));
  EXPECT_EQ(R.Status, LanczosStatus::NonFiniteValue);
  LanczosOptions Zero;
  Zero.StartVector = Eigen::VectorXd::Zero(3);
  EXPECT_EQ(
      lanczosExtremeEigenpairs(dense(Eigen::Matrix3d::Identity()), 3, Zero)
          .Status,
      LanczosStatus::NonFiniteValue);

  LanczosOptions WrongSize;
  WrongSize.StartVector = Eigen::VectorXd::Ones(4);
  EXPECT_THROW(lanczosExtremeEigenpairs(dense(Eigen::Matrix3d::Identity()), 3,
                                        WrongSize),
               std::invalid_argument);
  EXPECT_THROW(
      lanczosExtremeEigenpairs(test::rosenbrock(4), Eigen::VectorXd::Zero(3)),
      std::invalid_argument);
  EXPECT_THROW(lanczosExtremeEigenpairs(dense(Eigen::Matrix3d::Identity()), 0),
               std::invalid_argument);
}
