//===- CurvatureTest.cpp - Curvature analysis at a point ------------------===//
//
// Classification of minima, maxima, saddles, degenerate and non-critical
// points; spectra, eigenvectors and condition numbers known in closed form;
// ε* against the exact line minimiser of a quadratic; the Taylor check's
// error against its closed form on a cubic; failure paths.
//
//===----------------------------------------------------------------------===//
#include "TestObjectives.h"

#include <hessc/curvature.h>

#include <gtest/gtest.h>

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

/// |aᵀb| = ‖a‖‖b‖: the same direction up to sign.
void expectParallel(const Eigen::VectorXd &A, const Eigen::VectorXd &B) {
  EXPECT_NEAR(std::fabs(A.dot(B)), A.norm() * B.norm(), 1e-12)
      << A.transpose() << " vs " << B.transpose();
}

/// x1⁴ + c x2² type functions: value, gradient, Hessian in closed form.
Objective quarticPlus(double C) {
  return test::objective(
      {[C](double A, double B) { return A * A * A * A + C * B * B; },
       [C](double A, double B) {
         return Eigen::Vector2d(4 * A * A * A, 2 * C * B);
       },
       [C](double A, double) {
         return Eigen::Matrix2d(
             Eigen::Vector2d(12 * A * A, 2 * C).asDiagonal());
       }});
}

} // namespace

TEST(Curvature, MinimumOfTheConditionFiveQuadratic) {
  Objective F = test::quadratic(test::conditionFiveMatrix(), vec({1, 2}));
  CurvatureAnalysis A = analyzeCurvature(F, vec({1, 2}));
  SCOPED_TRACE(A.report());
  ASSERT_EQ(A.Status, AnalysisStatus::Success);
  EXPECT_EQ(A.Type, CriticalPointType::LocalMinimum);
  EXPECT_NEAR(A.Eigenvalues[0], 1.0, 1e-14);
  EXPECT_NEAR(A.Eigenvalues[1], 5.0, 1e-14);
  expectParallel(A.Eigenvectors.col(0), vec({1, -1}));
  expectParallel(A.Eigenvectors.col(1), vec({1, 1}));
  EXPECT_NEAR(A.ConditionNumber, 5.0, 1e-13);
  EXPECT_TRUE(A.PositiveDefinite);
  EXPECT_EQ(A.NumPositive, 2);
  EXPECT_NEAR(A.StepBound, 0.2, 1e-15);
  EXPECT_EQ(A.GradientStep.Status, GradientStepStatus::ZeroGradient);
}

TEST(Curvature, SaddleWithEigenvectorsAlongTheAxes) {
  CurvatureAnalysis A = analyzeCurvature(test::saddle(), vec({0, 0}));
  SCOPED_TRACE(A.report());
  ASSERT_EQ(A.Status, AnalysisStatus::Success);
  EXPECT_EQ(A.Type, CriticalPointType::Saddle);
  EXPECT_EQ(A.Eigenvalues[0], -2.0);
  EXPECT_EQ(A.Eigenvalues[1], 2.0);
  expectParallel(A.Eigenvectors.col(0), vec({0, 1}));
  expectParallel(A.Eigenvectors.col(1), vec({1, 0}));
  EXPECT_FALSE(A.PositiveDefinite);
  EXPECT_EQ(A.NumNegative, 1);
  EXPECT_EQ(A.NumPositive, 1);
  EXPECT_EQ(A.ConditionNumber, 1.0);
  EXPECT_NEAR(A.StepBound, 0.5, 1e-15);
}

TEST(Curvature, LocalMaximum) {
  Objective F = test::quadratic(
      Eigen::MatrixXd(Eigen::Vector2d(-2, -6).asDiagonal()), vec({0, 0}));
  CurvatureAnalysis A = analyzeCurvature(F, vec({0, 0}));
  EXPECT_EQ(A.Type, CriticalPointType::LocalMaximum);
  EXPECT_EQ(A.NumNegative, 2);
  EXPECT_EQ(A.ConditionNumber, 3.0);
  EXPECT_EQ(A.StepBound, INFINITY); // λmax < 0: no bound on the step.
}

TEST(Curvature, DegeneratePointsAreInconclusive) {
  // x1⁴ + x2² (a minimum), x1⁴ - x2² (a saddle) and x1⁴ (flat in x2): the
  // second-order test sees eigenvalues {0, 2}, {-2, 0}, {0, 0}.
  for (double C : {1.0, -1.0, 0.0}) {
    CurvatureAnalysis A = analyzeCurvature(quarticPlus(C), vec({0, 0}));
    SCOPED_TRACE(A.report());
    EXPECT_EQ(A.Type, CriticalPointType::Inconclusive) << "c = " << C;
    EXPECT_GE(A.NumZero, 1);
    EXPECT_FALSE(A.PositiveDefinite);
    EXPECT_EQ(A.ConditionNumber, INFINITY);
  }
}

TEST(Curvature, NonCriticalPointsAreReportedAsSuch) {
  Objective F = test::quadratic(test::conditionFiveMatrix(), vec({1, 2}));
  CurvatureAnalysis A = analyzeCurvature(F, vec({1.5, 2}));
  EXPECT_EQ(A.Type, CriticalPointType::NotCritical);
  EXPECT_TRUE(A.PositiveDefinite); // The spectrum is still reported.
  // ‖g‖ = 3.6e-7 is critical for a tolerance of 1e-6 but not of 1e-7.
  Eigen::VectorXd Near = vec({1 + 1e-7, 2});
  EXPECT_EQ(analyzeCurvature(F, Near).Type, CriticalPointType::LocalMinimum);
  CurvatureOptions Strict;
  Strict.GradientTolerance = 1e-7;
  EXPECT_EQ(analyzeCurvature(F, Near, Strict).Type,
            CriticalPointType::NotCritical);
}

TEST(Curvature, ClassificationTolerance) {
  auto Classify = [](double Min, double Max) {
    return classifyCriticalPoint(Min, Max, 0.0);
  };
  EXPECT_EQ(Classify(1e-12, 1), CriticalPointType::Inconclusive);
  EXPECT_EQ(Classify(-1e-12, 1), CriticalPointType::Inconclusive);
  EXPECT_EQ(Classify(-1e-3, 1), CriticalPointType::Saddle);
  EXPECT_EQ(Classify(1e-3, 1), CriticalPointType::LocalMinimum);
  EXPECT_EQ(Classify(-1, -1e-3), CriticalPointType::LocalMaximum);
  EXPECT_EQ(Classify(0, 0), CriticalPointType::Inconclusive);
  // The zero threshold scales with the largest |λ|.
  EXPECT_EQ(Classify(1e-5, 1e4), CriticalPointType::Inconclusive);
  EXPECT_EQ(classifyCriticalPoint(vec({3, -1, 2}), 1e-9),
            CriticalPointType::Saddle);
  EXPECT_EQ(classifyCriticalPoint(vec({3, 1, 2}), 1.0),
            CriticalPointType::NotCritical);
  EXPECT_EQ(classifyCriticalPoint(1, 2, std::nan("")),
            CriticalPointType::Inconclusive);
}

TEST(Curvature, OptimalStepIsTheExactLineMinimiserOfAQuadratic) {
  // f = ½ (x1² + 4 x2²) at (1, 1): g = (1, 4), gᵀg = 17, gᵀHg = 65, and
  // f(x - εg) = ½ (1 - ε)² + 2 (1 - 4ε)² is least at ε = 17/65.
  Objective F = test::quadratic(
      Eigen::MatrixXd(Eigen::Vector2d(1, 4).asDiagonal()), vec({0, 0}));
  Eigen::VectorXd X = vec({1, 1});
  GradientStepAnalysis Step = analyzeGradientStep(F, X);
  ASSERT_EQ(Step.Status, GradientStepStatus::Finite);
  EXPECT_EQ(Step.GradientNormSquared, 17.0);
  EXPECT_EQ(Step.GradientCurvature, 65.0);
  EXPECT_DOUBLE_EQ(Step.OptimalStep, 17.0 / 65.0);
  EXPECT_DOUBLE_EQ(Step.PredictedDecrease, 0.5 * 17 * 17 / 65.0);
  // The value there is the true decrease: f(x) - f(x - ε*g).
  double Actual = F.value(X) - F.value(X - Step.OptimalStep * vec({1, 4}));
  EXPECT_NEAR(Actual, Step.PredictedDecrease, 1e-14);

  CurvatureAnalysis A = analyzeCurvature(F, X);
  EXPECT_DOUBLE_EQ(A.GradientStep.OptimalStep, 17.0 / 65.0);
  EXPECT_EQ(A.StepBound, 0.25);
  EXPECT_EQ(A.Taylor.Step, A.GradientStep.OptimalStep);
  EXPECT_NEAR(A.Taylor.Error, 0.0, 1e-15); // A quadratic is its own model.
}

TEST(Curvature, OptimalStepOnTheConditionFiveQuadraticFromAnyPoint) {
  // Minimising the exact f(x - εg) by its derivative: gᵀ A (x - εg - x*) = 0.
  Eigen::VectorXd Minimizer = vec({-1, 3});
  Objective F = test::quadratic(test::conditionFiveMatrix(), Minimizer);
  for (Eigen::VectorXd X : {vec({2, 2}), vec({-4, 0.5}), vec({0, 0})}) {
    Eigen::VectorXd G = test::conditionFiveMatrix() * (X - Minimizer);
    GradientStepAnalysis Step = analyzeGradientStep(F, X);
    ASSERT_EQ(Step.Status, GradientStepStatus::Finite);
    Eigen::VectorXd Next = X - Step.OptimalStep * G;
    Eigen::VectorXd NextGradient =
        test::conditionFiveMatrix() * (Next - Minimizer);
    EXPECT_NEAR(NextGradient.dot(G), 0.0, 1e-12); // Orthogonal: a line minimum.
  }
}

TEST(Curvature, NoOptimalStepWithoutPositiveCurvatureAlongTheGradient) {
  // Saddle at (0, 1): g = (0, -2), gᵀHg = -8 < 0.
  GradientStepAnalysis Negative =
      analyzeGradientStep(test::saddle(), vec({0, 1}));
  EXPECT_EQ(Negative.Status, GradientStepStatus::Unbounded);
  EXPECT_EQ(Negative.GradientCurvature, -8.0);
  EXPECT_EQ(Negative.OptimalStep, INFINITY);
  // At (1, 1): g = (2, -2), gᵀHg = 8 - 8 = 0: f decreases linearly.
  GradientStepAnalysis Flat = analyzeGradientStep(test::saddle(), vec({1, 1}));
  EXPECT_EQ(Flat.Status, GradientStepStatus::Unbounded);
  EXPECT_EQ(Flat.GradientCurvature, 0.0);
  // At the saddle itself there is no gradient.
  GradientStepAnalysis Zero = analyzeGradientStep(test::saddle(), vec({0, 0}));
  EXPECT_EQ(Zero.Status, GradientStepStatus::ZeroGradient);
  EXPECT_EQ(Zero.OptimalStep, 0.0);
  // The dense analysis then predicts at 1/max|λ| = ½.
  CurvatureAnalysis A = analyzeCurvature(test::saddle(), vec({0, 1}));
  EXPECT_EQ(A.GradientStep.Status, GradientStepStatus::Unbounded);
  EXPECT_EQ(A.Taylor.Step, 0.5);
}

TEST(Curvature, DirectionalSecondDerivative) {
  Objective F = test::quadratic(test::conditionFiveMatrix(), vec({0, 0}));
  EXPECT_EQ(directionalCurvature(F, vec({7, -3}), vec({1, 1})), 10.0);
  EXPECT_EQ(directionalCurvature(F, vec({7, -3}), vec({1, -1})), 2.0);
  EXPECT_EQ(directionalCurvature(test::saddle(), vec({0, 0}), vec({0, 1})),
            -2.0);
}

TEST(Curvature, TaylorPredictionErrorIsThirdOrder) {
  // f = x³ at x = 1: g = 3, H = 6. f(1 - 3ε) = 1 - 9ε + 27ε² - 27ε³, the
  // model 1 - 9ε + 27ε²: the error is exactly -27ε³.
  Objective Cube(
      1, [](const double *X) { return X[0] * X[0] * X[0]; },
      [](const double *X, double *G) {
        G[0] = 3 * X[0] * X[0];
        return X[0] * X[0] * X[0];
      },
      [](const double *X, const double *V, double *HV) {
        HV[0] = 6 * X[0] * V[0];
        return X[0] * X[0] * X[0];
      },
      [](const double *X, double *H) {
        H[0] = 6 * X[0];
        return X[0] * X[0] * X[0];
      });
  for (double Eps : {0.1, 0.01, 0.001}) {
    TaylorPrediction T = predictGradientStep(Cube, vec({1}), Eps);
    EXPECT_DOUBLE_EQ(T.FirstOrder, 1 - 9 * Eps);
    EXPECT_NEAR(T.SecondOrder, 1 - 9 * Eps + 27 * Eps * Eps, 1e-15);
    EXPECT_NEAR(T.Actual, std::pow(1 - 3 * Eps, 3), 1e-15);
    EXPECT_NEAR(T.Error, -27 * Eps * Eps * Eps, 1e-14);
  }
}

TEST(Curvature, FailurePaths) {
  CurvatureAnalysis A = analyzeCurvature(test::everywhereNaN(2), vec({0, 0}));
  EXPECT_EQ(A.Status, AnalysisStatus::NonFiniteValue);
  EXPECT_NE(A.report().find("NonFiniteValue"), std::string::npos);
  EXPECT_EQ(analyzeGradientStep(test::everywhereNaN(2), vec({0, 0})).Status,
            GradientStepStatus::NonFiniteValue);
  EXPECT_EQ(analyzeCurvature(test::saddle(), vec({0, std::nan("")})).Status,
            AnalysisStatus::NonFiniteValue);

  EXPECT_THROW(analyzeCurvature(test::saddle(), vec({0, 0, 0})),
               std::invalid_argument);
  EXPECT_THROW(directionalCurvature(test::saddle(), vec({0, 0}), vec({1})),
               std::invalid_argument);
  EXPECT_THROW(analyzeGradientStep(test::saddle(), vec({0})),
               std::invalid_argument);
  CurvatureOptions Bad;
  Bad.EigenvalueTolerance = -1;
  EXPECT_THROW(analyzeCurvature(test::saddle(), vec({0, 0}), Bad),
               std::invalid_argument);
}

TEST(Curvature, ReportNamesEverything) {
  std::string R = analyzeCurvature(test::saddle(), vec({0, 0})).report();
  for (const char *Expected :
       {"Saddle", "eigenvalues", "eigenvector", "condition number",
        "positive definite", "1/lambda_max", "g'Hg"})
    EXPECT_NE(R.find(Expected), std::string::npos) << Expected << "\n" << R;
}
