//===- DerivativeCheckTest.cpp - Derivatives against finite differences ---===//
//
// The central-difference HVP converging to the exact one at O(ε²), and the
// gradient, Hessian and HVP checks passing on correct derivatives and
// finding the entry of a planted error.
//
//===----------------------------------------------------------------------===//
#include "TestObjectives.h"

#include <hessc/derivative_check.h>

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

using namespace hessc;

namespace {

Eigen::VectorXd point() {
  Eigen::VectorXd X(4);
  X << -0.7, 1.3, 0.4, -0.2;
  return X;
}

Eigen::VectorXd direction() {
  Eigen::VectorXd V(4);
  V << 0.3, -1.1, 0.8, 0.5;
  return V;
}

/// Rosenbrock (N = 4) with one derivative entry wrong by \p Error.
Objective plantedError(int GradientEntry, int HessianRow, int HessianColumn,
                       int HvpEntry, double Error) {
  const Eigen::Index N = 4;
  Objective Base = test::rosenbrock(N);
  return Objective(
      N, [](const double *X) { return test::rosenbrockValue(X, N); },
      [=](const double *X, double *G) {
        test::rosenbrockGradient(X, N, G);
        if (GradientEntry >= 0)
          G[GradientEntry] += Error;
        return test::rosenbrockValue(X, N);
      },
      [=](const double *X, const double *V, double *HV) {
        Eigen::VectorXd Product;
        Base.hvp(Eigen::Map<const Eigen::VectorXd>(X, N),
                 Eigen::Map<const Eigen::VectorXd>(V, N), Product);
        Eigen::Map<Eigen::VectorXd>(HV, N) = Product;
        if (HvpEntry >= 0)
          HV[HvpEntry] += Error;
        return test::rosenbrockValue(X, N);
      },
      [=](const double *X, double *H) {
        Eigen::MatrixXd Hessian;
        Base.hessian(Eigen::Map<const Eigen::VectorXd>(X, N), Hessian);
        if (HessianRow >= 0)
          Hessian(HessianRow, HessianColumn) += Error;
        Eigen::Map<Eigen::MatrixXd>(H, N, N) = Hessian;
        return test::rosenbrockValue(X, N);
      });
}

} // namespace

TEST(DerivativeCheck, FiniteDifferenceHvpApproachesTheExactOneAtSecondOrder) {
  Objective F = test::rosenbrock(4);
  Eigen::VectorXd Exact;
  F.hvp(point(), direction(), Exact);
  double Previous = INFINITY;
  for (double Eps : {1e-1, 1e-2, 1e-3}) {
    double Error =
        (finiteDifferenceHvp(F, point(), direction(), Eps) - Exact).norm();
    if (std::isfinite(Previous)) {
      // O(ε²): a tenth of ε, about a hundredth of the error.
      EXPECT_LT(Error, Previous / 50) << "eps = " << Eps;
      EXPECT_GT(Error, Previous / 200) << "eps = " << Eps;
    }
    Previous = Error;
  }
  EXPECT_LT(Previous, 1e-3);
}

TEST(DerivativeCheck, FiniteDifferenceHvpIsExactOnAQuadratic) {
  Eigen::MatrixXd A = test::conditionFiveMatrix();
  Objective F = test::quadratic(A, Eigen::Vector2d(1, -1));
  Eigen::VectorXd V = Eigen::Vector2d(0.5, 2);
  EXPECT_TRUE(finiteDifferenceHvp(F, Eigen::Vector2d(3, 4), V, 1e-3)
                  .isApprox(A * V, 1e-10));
}

TEST(DerivativeCheck, CorrectDerivativesPass) {
  Objective F = test::rosenbrock(4);
  DerivativeCheckResult G = checkGradient(F, point());
  EXPECT_TRUE(G.Passed) << G.report();
  EXPECT_LT(G.MaxError, 1e-8);
  DerivativeCheckResult H = checkHessian(F, point());
  EXPECT_TRUE(H.Passed) << H.report();
  EXPECT_LT(H.MaxError, 1e-7);
  DerivativeCheckResult P = checkHvp(F, point(), direction());
  EXPECT_TRUE(P.Passed) << P.report();
  EXPECT_EQ(G.ExactValues.rows(), 4);
  EXPECT_EQ(H.Approximations.cols(), 4);
}

TEST(DerivativeCheck, PlantedErrorsAreFoundWhereTheyAre) {
  DerivativeCheckResult G =
      checkGradient(plantedError(2, -1, -1, -1, 1e-3), point());
  EXPECT_FALSE(G.Passed);
  EXPECT_EQ(G.Row, 2);
  EXPECT_NEAR(G.Exact - G.Approximate, 1e-3, 1e-8);
  EXPECT_NE(G.report().find("FAILED"), std::string::npos);
  EXPECT_NE(G.report().find("[2]"), std::string::npos) << G.report();

  DerivativeCheckResult H =
      checkHessian(plantedError(-1, 1, 0, -1, 1e-3), point());
  EXPECT_FALSE(H.Passed);
  EXPECT_EQ(H.Row, 1);
  EXPECT_EQ(H.Column, 0);
  EXPECT_NE(H.report().find("(1, 0)"), std::string::npos) << H.report();

  DerivativeCheckResult P =
      checkHvp(plantedError(-1, -1, -1, 3, 1e-3), point(), direction());
  EXPECT_FALSE(P.Passed);
  EXPECT_EQ(P.Row, 3);
}

TEST(DerivativeCheck, NonFiniteDerivativesFail) {
  DerivativeCheckResult G =
      checkGradient(test::everywhereNaN(3), Eigen::Vector3d(1, 2, 3));
  EXPECT_FALSE(G.Passed);
  EXPECT_EQ(G.MaxError, INFINITY);
  EXPECT_EQ(G.Row, 0);
}

TEST(DerivativeCheck, ProgrammingErrorsThrow) {
  Objective F = test::rosenbrock(4);
  EXPECT_THROW(checkGradient(F, Eigen::Vector2d(1, 2)), std::invalid_argument);
  EXPECT_THROW(checkHvp(F, point(), Eigen::Vector2d(1, 2)),
               std::invalid_argument);
  EXPECT_THROW(finiteDifferenceHvp(F, point(), direction(), 0.0),
               std::invalid_argument);
  DerivativeCheckOptions Bad;
  Bad.Step = -1;
  EXPECT_THROW(checkHessian(F, point(), Bad), std::invalid_argument);
}
