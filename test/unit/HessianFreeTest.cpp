//===- HessianFreeTest.cpp - Newton-CG and trust-region Steihaug-CG -------===//
//
// Both methods on known minimisers with objectives whose dense Hessian
// throws, so they provably use HVPs only; negative curvature, NaN regions,
// and the failure paths.
//
//===----------------------------------------------------------------------===//
#include "TestObjectives.h"

#include <hessc/newton_cg.h>
#include <hessc/trust_region.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

using namespace hessc;

namespace {

Eigen::VectorXd vec(std::initializer_list<double> Values) {
  Eigen::VectorXd V(static_cast<Eigen::Index>(Values.size()));
  Eigen::Index I = 0;
  for (double Value : Values)
    V[I++] = Value;
  return V;
}

/// A quadratic with spectrum 1 .. 100 and a chosen minimiser, N = 40.
struct KnownQuadratic {
  Eigen::VectorXd Minimizer = Eigen::VectorXd::LinSpaced(40, -2, 2);
  Objective F = test::quadratic(
      test::matrixWithSpectrum(Eigen::VectorXd::LinSpaced(40, 1, 100),
                               test::randomOrthogonal(40, 3)),
      Minimizer, -1.0);
};

template <typename Summary>
bool sawCGStop(const Summary &S, CGTermination Stop) {
  return std::any_of(S.Iterations.begin() + 1, S.Iterations.end(),
                     [Stop](const auto &Row) { return Row.CGStop == Stop; });
}

} // namespace

//===----------------------------------------------------------------------===//
// Newton-CG
//===----------------------------------------------------------------------===//

TEST(NewtonCG, QuadraticMinimiser) {
  KnownQuadratic Q;
  for (LineSearchType Type :
       {LineSearchType::Armijo, LineSearchType::StrongWolfe}) {
    Eigen::VectorXd X = Eigen::VectorXd::Constant(40, 5.0);
    NewtonCGOptions Options;
    Options.LineSearch.Type = Type;
    NewtonCGSummary S = minimizeNewtonCG(Q.F, X, Options);
    SCOPED_TRACE(S.fullReport());
    ASSERT_EQ(S.Termination, TerminationType::Converged);
    EXPECT_LT((X - Q.Minimizer).norm(), 1e-8); // ‖g‖ ≤ 1e-8, λmin = 1.
    EXPECT_NEAR(S.FinalValue, -1.0, 1e-15);
    EXPECT_EQ(S.NumHessianEvaluations, 0);
    EXPECT_EQ(S.NumHvpEvaluations, S.TotalCGIterations);
  }
}

TEST(NewtonCG, ExtendedRosenbrockWithHvpsOnly) {
  const Eigen::Index N = 1000;
  Objective F = test::rosenbrock(N, /*HessianAllowed=*/false);
  Eigen::VectorXd X = test::rosenbrockStart(N);
  NewtonCGSummary S = minimizeNewtonCG(F, X);
  SCOPED_TRACE(S.fullReport());
  ASSERT_EQ(S.Termination, TerminationType::Converged);
  EXPECT_LT((X - Eigen::VectorXd::Ones(N)).lpNorm<Eigen::Infinity>(), 1e-7);
  EXPECT_LE(S.NumIterations, 100);
  EXPECT_GT(S.NumHvpEvaluations, 0);
}

TEST(NewtonCG, NegativeCurvatureGivesADescentDirection) {
  // doubleWell at (0.5, 0.1) is indefinite along x2; the run must still
  // decrease f at every step and end at a minimum (0, ±1).
  Objective F = test::doubleWell();
  Eigen::VectorXd X = vec({0.5, 0.1});
  NewtonCGSummary S = minimizeNewtonCG(F, X);
  SCOPED_TRACE(S.fullReport());
  ASSERT_EQ(S.Termination, TerminationType::Converged);
  EXPECT_TRUE(sawCGStop(S, CGTermination::NegativeCurvature));
  for (size_t K = 1; K < S.Iterations.size(); ++K)
    EXPECT_GE(S.Iterations[K].ValueChange, 0.0);
  EXPECT_NEAR(X[0], 0.0, 1e-8);
  EXPECT_NEAR(std::fabs(X[1]), 1.0, 1e-8);
}

TEST(NewtonCG, FailurePaths) {
  Eigen::VectorXd X = vec({1, 2});
  NewtonCGSummary S = minimizeNewtonCG(test::everywhereNaN(2), X);
  EXPECT_EQ(S.Termination, TerminationType::NonFiniteValue);
  EXPECT_FALSE(S.isSolutionUsable());

  // Finite f and g, but NaN products.
  Objective NaNHvp(
      1, [](const double *X) { return X[0] * X[0]; },
      [](const double *X, double *G) {
        G[0] = 2 * X[0];
        return X[0] * X[0];
      },
      [](const double *, const double *, double *HV) {
        HV[0] = std::nan("");
        return 0.0;
      },
      [](const double *, double *) { return 0.0; });
  Eigen::VectorXd Y = vec({1});
  S = minimizeNewtonCG(NaNHvp, Y);
  EXPECT_EQ(S.Termination, TerminationType::NonFiniteValue);
  EXPECT_EQ(Y[0], 1.0);

  Eigen::VectorXd Z = test::rosenbrockStart(2);
  NewtonCGOptions Options;
  Options.MaxIterations = 2;
  S = minimizeNewtonCG(test::rosenbrock(2), Z, Options);
  EXPECT_EQ(S.Termination, TerminationType::MaxIterationsReached);
  EXPECT_EQ(S.Iterations.size(), 3u);

  Eigen::VectorXd Start = vec({0, 0});
  Z = Start;
  S = minimizeNewtonCG(test::inconsistent(test::rosenbrock(2), Start), Z);
  EXPECT_EQ(S.Termination, TerminationType::LineSearchFailed);
  EXPECT_EQ(Z, Start);

  Eigen::VectorXd Wrong(3);
  Wrong.setZero();
  EXPECT_THROW(minimizeNewtonCG(test::rosenbrock(2), Wrong),
               std::invalid_argument);
  Options = NewtonCGOptions();
  Options.MaxForcingTerm = 1;
  EXPECT_THROW(minimizeNewtonCG(test::rosenbrock(2), Z, Options),
               std::invalid_argument);
}

TEST(NewtonCG, UnboundedBelowEndsInAStatusNotAHang) {
  // f = -x has no minimum; the strong Wolfe search expands to MaxStep.
  Objective Linear(
      1, [](const double *X) { return -X[0]; },
      [](const double *X, double *G) {
        G[0] = -1;
        return -X[0];
      },
      [](const double *X, const double *, double *HV) {
        HV[0] = 0;
        return -X[0];
      },
      [](const double *X, double *H) {
        H[0] = 0;
        return -X[0];
      });
  Eigen::VectorXd X = vec({0});
  NewtonCGSummary S = minimizeNewtonCG(Linear, X);
  EXPECT_EQ(S.Termination, TerminationType::LineSearchFailed);
  EXPECT_NE(S.Message.find("MaxStep"), std::string::npos) << S.Message;

  X = vec({0});
  NewtonCGOptions Armijo;
  Armijo.LineSearch.Type = LineSearchType::Armijo;
  Armijo.MaxIterations = 20;
  S = minimizeNewtonCG(Linear, X, Armijo);
  EXPECT_EQ(S.Termination, TerminationType::MaxIterationsReached);
  EXPECT_EQ(X[0], 20.0); // One unit step per iteration.

  X = vec({0});
  TrustRegionSummary T = minimizeTrustRegion(Linear, X);
  EXPECT_EQ(T.Termination, TerminationType::MaxIterationsReached);
  EXPECT_EQ(T.FinalRadius, T.Options.MaxRadius);
}

//===----------------------------------------------------------------------===//
// Trust region, Steihaug-CG
//===----------------------------------------------------------------------===//

TEST(TrustRegion, QuadraticMinimiser) {
  KnownQuadratic Q;
  Eigen::VectorXd X = Eigen::VectorXd::Constant(40, 5.0);
  TrustRegionSummary S = minimizeTrustRegion(Q.F, X);
  SCOPED_TRACE(S.fullReport());
  ASSERT_EQ(S.Termination, TerminationType::Converged);
  EXPECT_LT((X - Q.Minimizer).norm(), 1e-8); // ‖g‖ ≤ 1e-8, λmin = 1.
  EXPECT_EQ(S.NumHessianEvaluations, 0);
  // Radius 1 from 5 units away: the first steps end on the boundary.
  EXPECT_EQ(S.Iterations[1].CGStop, CGTermination::TrustRegionBoundary);
  EXPECT_NEAR(S.Iterations[1].StepNorm, 1.0, 1e-12);
  EXPECT_GT(S.Iterations[1].Ratio, 0.75); // The model is exact.
}

TEST(TrustRegion, RosenbrockWithHvpsOnly) {
  for (Eigen::Index N : {2, 200}) {
    Objective F = test::rosenbrock(N, /*HessianAllowed=*/false);
    Eigen::VectorXd X = test::rosenbrockStart(N);
    TrustRegionSummary S = minimizeTrustRegion(F, X);
    SCOPED_TRACE(S.fullReport());
    ASSERT_EQ(S.Termination, TerminationType::Converged);
    EXPECT_LT((X - Eigen::VectorXd::Ones(N)).lpNorm<Eigen::Infinity>(), 1e-7);
    EXPECT_LE(S.NumIterations, 100);
    // f never increases: only steps with ρ > η are taken.
    for (size_t K = 1; K < S.Iterations.size(); ++K)
      EXPECT_LE(S.Iterations[K].Value, S.Iterations[K - 1].Value);
  }
}

TEST(TrustRegion, EscapesASaddleAlongNegativeCurvature) {
  // Start next to the saddle of doubleWell, where H = diag(2, ≈-4).
  Objective F = test::doubleWell();
  Eigen::VectorXd X = vec({1e-3, 1e-3});
  TrustRegionSummary S = minimizeTrustRegion(F, X);
  SCOPED_TRACE(S.fullReport());
  ASSERT_EQ(S.Termination, TerminationType::Converged);
  EXPECT_TRUE(sawCGStop(S, CGTermination::NegativeCurvature));
  EXPECT_NEAR(X[0], 0.0, 1e-8);
  EXPECT_NEAR(std::fabs(X[1]), 1.0, 1e-8);
}

TEST(TrustRegion, StepsIntoANaNRegionAreRejected) {
  Objective F = test::logBarrier();
  Eigen::VectorXd X = vec({3});
  TrustRegionOptions Options;
  Options.InitialRadius = 10; // The Newton step -6 fits and lands at -3.
  TrustRegionSummary S = minimizeTrustRegion(F, X, Options);
  SCOPED_TRACE(S.fullReport());
  ASSERT_EQ(S.Termination, TerminationType::Converged);
  EXPECT_NEAR(X[0], 1.0, 1e-8);
  EXPECT_FALSE(S.Iterations[1].StepAccepted);
  EXPECT_EQ(S.Iterations[1].Ratio, -INFINITY);
  EXPECT_NEAR(S.Iterations[2].Radius, 0.25 * 6, 1e-12);
}

TEST(TrustRegion, FailurePaths) {
  Eigen::VectorXd X = vec({1, 2});
  TrustRegionSummary S = minimizeTrustRegion(test::everywhereNaN(2), X);
  EXPECT_EQ(S.Termination, TerminationType::NonFiniteValue);
  EXPECT_FALSE(S.isSolutionUsable());

  // f looks worse than the model everywhere: the radius collapses.
  Eigen::VectorXd Start = vec({0, 0});
  X = Start;
  S = minimizeTrustRegion(test::inconsistent(test::rosenbrock(2), Start), X);
  EXPECT_EQ(S.Termination, TerminationType::TrustRegionTooSmall);
  EXPECT_EQ(X, Start);
  EXPECT_EQ(S.NumAcceptedSteps, 0);
  EXPECT_LT(S.FinalRadius, S.Options.MinRadius);

  X = test::rosenbrockStart(2);
  TrustRegionOptions Options;
  Options.MaxIterations = 4;
  S = minimizeTrustRegion(test::rosenbrock(2), X, Options);
  EXPECT_EQ(S.Termination, TerminationType::MaxIterationsReached);
  EXPECT_EQ(S.NumIterations, 4);

  Eigen::VectorXd Wrong(3);
  Wrong.setZero();
  EXPECT_THROW(minimizeTrustRegion(test::rosenbrock(2), Wrong),
               std::invalid_argument);
  Options = TrustRegionOptions();
  Options.AcceptanceThreshold = 0.5;
  EXPECT_THROW(minimizeTrustRegion(test::rosenbrock(2), X, Options),
               std::invalid_argument);
  Options = TrustRegionOptions();
  Options.InitialRadius = 0;
  EXPECT_THROW(validate(Options), std::invalid_argument);
}

TEST(TrustRegion, ReportsShowRejectedSteps) {
  Eigen::VectorXd X = vec({3});
  TrustRegionOptions Options;
  Options.InitialRadius = 10;
  TrustRegionSummary S = minimizeTrustRegion(test::logBarrier(), X, Options);
  std::string Full = S.fullReport();
  EXPECT_NE(Full.find("(rejected)"), std::string::npos) << Full;
  EXPECT_NE(S.briefReport().find("Converged"), std::string::npos);
}
