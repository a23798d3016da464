//===- LineSearchTest.cpp - Armijo and strong Wolfe line searches ---------===//
//
// Steps known in closed form (backtracking by halves from an overshoot),
// the strong Wolfe conditions checked at the step returned, NaN regions,
// and the failure paths.
//
//===----------------------------------------------------------------------===//
#include "TestObjectives.h"

#include <hessc/line_search.h>

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

using namespace hessc;
using hessc::test::quadratic;

namespace {

Eigen::VectorXd vec(std::initializer_list<double> Values) {
  Eigen::VectorXd V(static_cast<Eigen::Index>(Values.size()));
  Eigen::Index I = 0;
  for (double Value : Values)
    V[I++] = Value;
  return V;
}

/// f(x) = x², minimum at 0.
Objective square() {
  return quadratic(Eigen::MatrixXd::Constant(1, 1, 2.0), vec({0}));
}

LineSearchOptions withType(LineSearchType Type) {
  LineSearchOptions Options;
  Options.Type = Type;
  return Options;
}

/// Checks φ(α) ≤ φ(0) + c1 α φ'(0) and |φ'(α)| ≤ c2 |φ'(0)| directly.
void expectStrongWolfe(const Objective &F, const Eigen::VectorXd &X,
                       const Eigen::VectorXd &P, double Step,
                       const LineSearchOptions &Options) {
  Eigen::VectorXd G0, G;
  double F0 = F.gradient(X, G0);
  double FStep = F.gradient(X + Step * P, G);
  EXPECT_LE(FStep, F0 + Options.ArmijoC1 * Step * G0.dot(P));
  EXPECT_LE(std::fabs(G.dot(P)), Options.WolfeC2 * std::fabs(G0.dot(P)));
}

} // namespace

TEST(LineSearch, ArmijoHalvesAnOvershootUntilSufficientDecrease) {
  // φ(α) = (1 - 10α)²: α = 1, ½, ¼ fail the Armijo test, α = ⅛ passes.
  Objective F = square();
  Eigen::VectorXd X = vec({1}), G;
  double Value = F.gradient(X, G);
  LineSearchResult R = lineSearch(F, X, Value, G, vec({-10}), 1.0,
                                  withType(LineSearchType::Armijo));
  ASSERT_TRUE(R.Success) << R.Message;
  EXPECT_EQ(R.Step, 0.125);
  EXPECT_EQ(R.NumEvaluations, 4);
  EXPECT_DOUBLE_EQ(R.Value, 0.0625);
  EXPECT_FALSE(R.GradientAvailable);
}

TEST(LineSearch, FullNewtonStepOnAQuadraticIsAcceptedAtOnce) {
  Objective F = quadratic(test::conditionFiveMatrix(), vec({1, -2}));
  Eigen::VectorXd X = vec({4, 3}), G;
  double Value = F.gradient(X, G);
  Eigen::VectorXd Newton = -test::conditionFiveMatrix().llt().solve(G);
  for (LineSearchType Type :
       {LineSearchType::Armijo, LineSearchType::StrongWolfe}) {
    LineSearchResult R =
        lineSearch(F, X, Value, G, Newton, 1.0, withType(Type));
    ASSERT_TRUE(R.Success) << R.Message;
    EXPECT_EQ(R.Step, 1.0) << toString(Type);
    EXPECT_EQ(R.NumEvaluations, 1) << toString(Type);
    EXPECT_NEAR(R.Value, 0.0, 1e-24);
  }
}

TEST(LineSearch, StrongWolfeStepSatisfiesBothConditionsOnRosenbrock) {
  Objective F = test::rosenbrock(2);
  Eigen::VectorXd X = test::rosenbrockStart(2), G;
  double Value = F.gradient(X, G);
  Eigen::VectorXd P = -G; // Steepest descent: α = 1 overshoots by far.
  LineSearchOptions Options = withType(LineSearchType::StrongWolfe);
  LineSearchResult R = lineSearch(F, X, Value, G, P, 1.0, Options);
  ASSERT_TRUE(R.Success) << R.Message;
  EXPECT_LT(R.Step, 1.0);
  expectStrongWolfe(F, X, P, R.Step, Options);
  ASSERT_TRUE(R.GradientAvailable);
  Eigen::VectorXd Expected;
  F.gradient(X + R.Step * P, Expected);
  EXPECT_TRUE(R.Gradient.isApprox(Expected));
}

TEST(LineSearch, StrongWolfeExpandsAStepThatIsTooShort) {
  // φ(α) = (10 - α)², φ'(0) = -20: with c2 = 0.1 the curvature condition
  // needs |φ'(α)| ≤ 2, i.e. α in [9, 11]; the search starts at α = 1.
  Objective F = square();
  Eigen::VectorXd X = vec({10}), G;
  double Value = F.gradient(X, G);
  LineSearchOptions Options = withType(LineSearchType::StrongWolfe);
  Options.WolfeC2 = 0.1;
  LineSearchResult R = lineSearch(F, X, Value, G, vec({-1}), 1.0, Options);
  ASSERT_TRUE(R.Success) << R.Message;
  EXPECT_GE(R.Step, 9.0);
  EXPECT_LE(R.Step, 11.0);
  expectStrongWolfe(F, X, vec({-1}), R.Step, Options);
}

TEST(LineSearch, TrialsWhereFIsNotFiniteAreShortened) {
  // x - log x from x = 3 along the Newton direction -6: α = 1 gives x = -3
  // (NaN), α = ½ gives x = 0 (+∞), α = ¼ gives x = 1.5, which passes.
  Objective F = test::logBarrier();
  Eigen::VectorXd X = vec({3}), G;
  double Value = F.gradient(X, G);
  LineSearchResult Armijo = lineSearch(F, X, Value, G, vec({-6}), 1.0,
                                       withType(LineSearchType::Armijo));
  ASSERT_TRUE(Armijo.Success) << Armijo.Message;
  EXPECT_EQ(Armijo.Step, 0.25);

  LineSearchOptions Options = withType(LineSearchType::StrongWolfe);
  LineSearchResult Wolfe = lineSearch(F, X, Value, G, vec({-6}), 1.0, Options);
  ASSERT_TRUE(Wolfe.Success) << Wolfe.Message;
  EXPECT_GT(3 - 6 * Wolfe.Step, 0.0);
  expectStrongWolfe(F, X, vec({-6}), Wolfe.Step, Options);
}

TEST(LineSearch, AscentDirectionFailsWithoutEvaluating) {
  Objective F = square();
  Eigen::VectorXd X = vec({1}), G;
  double Value = F.gradient(X, G);
  for (LineSearchType Type :
       {LineSearchType::Armijo, LineSearchType::StrongWolfe}) {
    LineSearchResult R =
        lineSearch(F, X, Value, G, vec({1}), 1.0, withType(Type));
    EXPECT_FALSE(R.Success);
    EXPECT_EQ(R.NumEvaluations, 0);
    EXPECT_NE(R.Message.find("not a descent direction"), std::string::npos)
        << R.Message;
  }
}

TEST(LineSearch, NoAcceptableStepFailsWithinTheBudget) {
  // f rises by 1 away from x whatever the gradient says.
  Eigen::VectorXd X = vec({1});
  Objective F = test::inconsistent(square(), X);
  Eigen::VectorXd G;
  double Value = F.gradient(X, G);
  for (LineSearchType Type :
       {LineSearchType::Armijo, LineSearchType::StrongWolfe}) {
    LineSearchOptions Options = withType(Type);
    Options.MaxEvaluations = 20;
    LineSearchResult R = lineSearch(F, X, Value, G, -G, 1.0, Options);
    EXPECT_FALSE(R.Success) << toString(Type);
    EXPECT_LE(R.NumEvaluations, 20) << toString(Type);
    EXPECT_FALSE(R.Message.empty());
  }
}

TEST(LineSearch, ProgrammingErrorsThrow) {
  Objective F = square();
  Eigen::VectorXd X = vec({1}), G = vec({2});
  EXPECT_THROW(lineSearch(F, vec({1, 2}), 1, G, vec({-1}), 1.0),
               std::invalid_argument);
  EXPECT_THROW(lineSearch(F, X, 1, G, vec({-1, 0}), 1.0),
               std::invalid_argument);
  EXPECT_THROW(lineSearch(F, X, 1, G, vec({-1}), 0.0), std::invalid_argument);
  LineSearchOptions Options;
  Options.WolfeC2 = Options.ArmijoC1 / 2;
  EXPECT_THROW(lineSearch(F, X, 1, G, vec({-1}), 1.0, Options),
               std::invalid_argument);
  Options = LineSearchOptions();
  Options.BacktrackingFactor = 1;
  EXPECT_THROW(validate(Options), std::invalid_argument);
}
