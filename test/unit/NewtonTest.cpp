//===- NewtonTest.cpp - Newton's method with a modified Hessian -----------===//
//
// Known minimisers (quadratics in one step, Rosenbrock at (1, 1) with
// quadratic convergence), the modifications on indefinite and singular
// Hessians with their shifts known in closed form, and every failure path.
//
//===----------------------------------------------------------------------===//
#include "TestObjectives.h"

#include <hessc/newton.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

using namespace hessc;

namespace {

Eigen::VectorXd vec(std::initializer_list<double> Values) {
  Eigen::VectorXd V(static_cast<Eigen::Index>(Values.size()));
  Eigen::Index I = 0;
  for (double Value : Values)
    V[I++] = Value;
  return V;
}

NewtonOptions options(LineSearchType LineSearch,
                      HessianModification Modification) {
  NewtonOptions Options;
  Options.LineSearch.Type = LineSearch;
  Options.Modification = Modification;
  return Options;
}

const LineSearchType LineSearches[] = {LineSearchType::Armijo,
                                       LineSearchType::StrongWolfe};
const HessianModification Modifications[] = {
    HessianModification::None, HessianModification::EigenvalueModification,
    HessianModification::LevenbergShift};

} // namespace

TEST(Newton, QuadraticIsMinimisedInOneFullStep) {
  // Spectrum 1 .. 100 in 8 dimensions, minimiser chosen in advance.
  Eigen::VectorXd Lambda = Eigen::VectorXd::LinSpaced(8, 1, 100);
  Eigen::MatrixXd A =
      test::matrixWithSpectrum(Lambda, test::randomOrthogonal(8, 7));
  Eigen::VectorXd Minimizer = Eigen::VectorXd::LinSpaced(8, -3, 4);
  Objective F = test::quadratic(A, Minimizer, 2.5);
  for (LineSearchType LineSearch : LineSearches) {
    for (HessianModification Modification : Modifications) {
      Eigen::VectorXd X = Eigen::VectorXd::Constant(8, 10.0);
      NewtonSummary S = minimizeNewton(F, X, options(LineSearch, Modification));
      SCOPED_TRACE(S.fullReport());
      EXPECT_EQ(S.Termination, TerminationType::Converged);
      EXPECT_EQ(S.NumIterations, 1);
      ASSERT_EQ(S.Iterations.size(), 2u);
      EXPECT_EQ(S.Iterations[1].StepSize, 1.0);
      EXPECT_EQ(S.Iterations[1].Modification.Applied,
                HessianModification::None);
      EXPECT_LT((X - Minimizer).norm(), 1e-12);
      EXPECT_NEAR(S.FinalValue, 2.5, 1e-12);
    }
  }
}

TEST(Newton, RosenbrockConvergesQuadratically) {
  Objective F = test::rosenbrock(2);
  for (LineSearchType LineSearch : LineSearches) {
    Eigen::VectorXd X = test::rosenbrockStart(2);
    NewtonSummary S = minimizeNewton(
        F, X, options(LineSearch, HessianModification::LevenbergShift));
    SCOPED_TRACE(S.fullReport());
    ASSERT_EQ(S.Termination, TerminationType::Converged);
    EXPECT_LT((X - Eigen::Vector2d(1, 1)).norm(), 1e-8);
    EXPECT_LE(S.NumIterations, 30);
    // Once ‖g‖ < 1e-1, full steps and ‖g_{k+1}‖ ≤ C ‖g_k‖².
    int QuadraticSteps = 0;
    for (size_t K = 1; K + 1 < S.Iterations.size(); ++K) {
      const NewtonIteration &Now = S.Iterations[K];
      const NewtonIteration &Next = S.Iterations[K + 1];
      if (Now.GradientNorm > 1e-1 || Now.GradientNorm < 1e-7)
        continue;
      EXPECT_EQ(Next.StepSize, 1.0);
      EXPECT_LE(Next.GradientNorm, 100 * Now.GradientNorm * Now.GradientNorm)
          << "iteration " << Next.Iteration;
      ++QuadraticSteps;
    }
    EXPECT_GE(QuadraticSteps, 2);
  }
}

TEST(Newton, LevenbergShiftOnAnIndefiniteHessianIsTheAlgorithm33Shift) {
  // doubleWell at (0.5, 0.1): H = diag(2, -3.88); Algorithm 3.3 starts
  // from τ = β - min Hᵢᵢ = 0.001 + 3.88, which already factorises.
  Objective F = test::doubleWell();
  Eigen::VectorXd X = vec({0.5, 0.1});
  NewtonSummary S =
      minimizeNewton(F, X,
                     options(LineSearchType::StrongWolfe,
                             HessianModification::LevenbergShift));
  SCOPED_TRACE(S.fullReport());
  ASSERT_EQ(S.Termination, TerminationType::Converged);
  const HessianModificationRecord &First = S.Iterations[1].Modification;
  EXPECT_EQ(First.Applied, HessianModification::LevenbergShift);
  EXPECT_NEAR(First.Shift, 3.881, 1e-12);
  EXPECT_EQ(First.Factorizations, 1);
  // It leaves the saddle at 0 and finds the minimum (0, 1).
  EXPECT_NEAR(X[0], 0.0, 1e-8);
  EXPECT_NEAR(X[1], 1.0, 1e-8);
}

TEST(Newton, EigenvalueModificationFlipsNegativeCurvature) {
  Objective F = test::doubleWell();
  Eigen::VectorXd X = vec({0.5, 0.1});
  NewtonSummary S =
      minimizeNewton(F, X,
                     options(LineSearchType::Armijo,
                             HessianModification::EigenvalueModification));
  SCOPED_TRACE(S.fullReport());
  ASSERT_EQ(S.Termination, TerminationType::Converged);
  const HessianModificationRecord &First = S.Iterations[1].Modification;
  EXPECT_EQ(First.Applied, HessianModification::EigenvalueModification);
  EXPECT_EQ(First.ModifiedEigenvalues, 1);
  EXPECT_NEAR(First.MinEigenvalue, -3.88, 1e-12);
  EXPECT_NEAR(X[0], 0.0, 1e-8);
  EXPECT_NEAR(X[1], 1.0, 1e-8);
  // Near the minimum the Hessian is used as it is.
  EXPECT_EQ(S.Iterations.back().Modification.Applied,
            HessianModification::None);
}

TEST(Newton, IndefiniteHessianWithoutModificationIsAStatus) {
  Objective F = test::doubleWell();
  Eigen::VectorXd Start = vec({0.5, 0.1}), X = Start;
  NewtonSummary S = minimizeNewton(
      F, X, options(LineSearchType::Armijo, HessianModification::None));
  EXPECT_EQ(S.Termination, TerminationType::HessianNotPositiveDefinite);
  EXPECT_EQ(X, Start);
  EXPECT_TRUE(S.isSolutionUsable());
  EXPECT_NE(S.Message.find("indefinite or singular"), std::string::npos);
}

TEST(Newton, SingularHessian) {
  // f = (x1 + x2)²: H = [[2, 2], [2, 2]] is singular.
  Eigen::MatrixXd A(2, 2);
  A << 2, 2, 2, 2;
  Objective F = test::quadratic(A, vec({0, 0}));
  Eigen::VectorXd X = vec({1, 2});
  NewtonSummary S = minimizeNewton(
      F, X, options(LineSearchType::Armijo, HessianModification::None));
  EXPECT_EQ(S.Termination, TerminationType::HessianNotPositiveDefinite);
  EXPECT_EQ(S.NumIterations, 0);

  // The Levenberg shift: τ = 0 fails (positive diagonal), then τ = β.
  // Each step multiplies s = x1 + x2 by τ / (4 + τ).
  X = vec({1, 2});
  S = minimizeNewton(
      F, X,
      options(LineSearchType::Armijo, HessianModification::LevenbergShift));
  SCOPED_TRACE(S.fullReport());
  ASSERT_EQ(S.Termination, TerminationType::Converged);
  EXPECT_EQ(S.Iterations[1].Modification.Shift, 1e-3);
  EXPECT_EQ(S.Iterations[1].Modification.Factorizations, 2);
  double Ratio = 1e-3 / (4 + 1e-3);
  EXPECT_NEAR(S.Iterations[1].GradientNorm,
              S.Iterations[0].GradientNorm * Ratio, 1e-12);
  EXPECT_NEAR(X[0] + X[1], 0.0, 1e-8);
  // Along the null direction [1, -1] nothing moves.
  EXPECT_NEAR(X[0] - X[1], -1.0, 1e-12);
}

TEST(Newton, StepsIntoARegionWhereFIsNaNAreShortened) {
  // A Newton step from x = 3 on x - log x lands at -3.
  Objective F = test::logBarrier();
  for (LineSearchType LineSearch : LineSearches) {
    Eigen::VectorXd X = vec({3});
    NewtonSummary S = minimizeNewton(
        F, X, options(LineSearch, HessianModification::LevenbergShift));
    SCOPED_TRACE(S.fullReport());
    ASSERT_EQ(S.Termination, TerminationType::Converged);
    EXPECT_NEAR(X[0], 1.0, 1e-8);
    EXPECT_LT(S.Iterations[1].StepSize, 1.0);
  }
}

TEST(Newton, NaNObjectiveIsAStatus) {
  Eigen::VectorXd X = vec({1, 2});
  NewtonSummary S = minimizeNewton(test::everywhereNaN(2), X);
  EXPECT_EQ(S.Termination, TerminationType::NonFiniteValue);
  EXPECT_FALSE(S.isSolutionUsable());
  EXPECT_EQ(S.NumIterations, 0);

  // A starting point that is not finite.
  X = vec({1, std::nan("")});
  S = minimizeNewton(test::rosenbrock(2), X);
  EXPECT_EQ(S.Termination, TerminationType::NonFiniteValue);
}

TEST(Newton, NaNHessianIsAStatus) {
  Objective F(
      2, [](const double *X) { return test::rosenbrockValue(X, 2); },
      [](const double *X, double *G) {
        test::rosenbrockGradient(X, 2, G);
        return test::rosenbrockValue(X, 2);
      },
      [](const double *, const double *, double *) { return 0.0; },
      [](const double *, double *H) {
        H[0] = H[1] = H[2] = H[3] = std::nan("");
        return 0.0;
      });
  Eigen::VectorXd X = test::rosenbrockStart(2);
  NewtonSummary S = minimizeNewton(F, X);
  EXPECT_EQ(S.Termination, TerminationType::NonFiniteValue);
  EXPECT_TRUE(S.isSolutionUsable());
}

TEST(Newton, NaNGradientAtTheAcceptedPointKeepsThePointBefore) {
  // f = x², whose gradient is reported as NaN for |x| < ½.
  Objective F(
      1, [](const double *X) { return X[0] * X[0]; },
      [](const double *X, double *G) {
        G[0] = std::fabs(X[0]) < 0.5 ? std::nan("") : 2 * X[0];
        return X[0] * X[0];
      },
      [](const double *X, const double *V, double *HV) {
        HV[0] = 2 * V[0];
        return X[0] * X[0];
      },
      [](const double *X, double *H) {
        H[0] = 2;
        return X[0] * X[0];
      });
  Eigen::VectorXd X = vec({1});
  NewtonSummary S = minimizeNewton(
      F, X, options(LineSearchType::Armijo, HessianModification::None));
  EXPECT_EQ(S.Termination, TerminationType::NonFiniteValue);
  EXPECT_EQ(X[0], 1.0);
  EXPECT_EQ(S.FinalValue, 1.0);
}

TEST(Newton, MaxIterations) {
  Eigen::VectorXd X = test::rosenbrockStart(2);
  NewtonOptions Options;
  Options.MaxIterations = 3;
  NewtonSummary S = minimizeNewton(test::rosenbrock(2), X, Options);
  EXPECT_EQ(S.Termination, TerminationType::MaxIterationsReached);
  EXPECT_EQ(S.NumIterations, 3);
  EXPECT_EQ(S.Iterations.size(), 4u);
  EXPECT_EQ(S.NumHessianEvaluations, 3);
  EXPECT_TRUE(S.isSolutionUsable());
  EXPECT_EQ(S.FinalValue, S.Iterations.back().Value);
}

TEST(Newton, LineSearchFailureIsAStatus) {
  Eigen::VectorXd Start = vec({0, 0}), X = Start;
  Objective F = test::inconsistent(test::rosenbrock(2), Start);
  NewtonSummary S = minimizeNewton(F, X);
  EXPECT_EQ(S.Termination, TerminationType::LineSearchFailed);
  EXPECT_EQ(X, Start);
}

TEST(Newton, ProgrammingErrorsThrow) {
  Objective F = test::rosenbrock(2);
  Eigen::VectorXd X(3);
  X.setZero();
  EXPECT_THROW(minimizeNewton(F, X), std::invalid_argument);
  Eigen::VectorXd Y = test::rosenbrockStart(2);
  NewtonOptions Options;
  Options.MaxIterations = -1;
  EXPECT_THROW(minimizeNewton(F, Y, Options), std::invalid_argument);
  Options = NewtonOptions();
  Options.LineSearch.ArmijoC1 = 0;
  EXPECT_THROW(minimizeNewton(F, Y, Options), std::invalid_argument);
  Options = NewtonOptions();
  Options.ShiftIncreaseFactor = 1;
  EXPECT_THROW(minimizeNewton(F, Y, Options), std::invalid_argument);
}

TEST(Newton, TraceReachesTheCallbackAndTheReports) {
  Eigen::VectorXd X = test::rosenbrockStart(2);
  std::vector<int> Seen;
  std::vector<Eigen::VectorXd> Points;
  NewtonSummary S = minimizeNewton(
      test::rosenbrock(2), X, NewtonOptions(),
      [&](const NewtonIteration &Row, const Eigen::VectorXd &Point) {
        Seen.push_back(Row.Iteration);
        Points.push_back(Point);
      });
  ASSERT_EQ(Seen.size(), S.Iterations.size());
  for (size_t K = 0; K < Seen.size(); ++K)
    EXPECT_EQ(Seen[K], static_cast<int>(K));
  EXPECT_EQ(Points.front(), test::rosenbrockStart(2));
  EXPECT_EQ(Points.back(), X);

  std::string Brief = S.briefReport();
  EXPECT_EQ(Brief.find('\n'), std::string::npos);
  EXPECT_NE(Brief.find("Converged"), std::string::npos);
  std::string Full = S.fullReport();
  EXPECT_NE(Full.find("StrongWolfe"), std::string::npos);
  EXPECT_NE(Full.find("LevenbergShift"), std::string::npos);
  // A header, one line per row, then the statistics.
  size_t Lines =
      static_cast<size_t>(std::count(Full.begin(), Full.end(), '\n'));
  EXPECT_GT(Lines, S.Iterations.size() + 2);
}
