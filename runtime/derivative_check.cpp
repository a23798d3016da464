//===- runtime/derivative_check.cpp - Derivatives against differences -----===//
//
// Central differences of values (for the gradient) and of gradients (for
// the Hessian and the HVP), and the comparison that finds the worst entry.
//
//===----------------------------------------------------------------------===//
#include <hessc/derivative_check.h>

#include "common.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hessc {

namespace {

constexpr double Infinity = std::numeric_limits<double>::infinity();

/// cbrt(machine epsilon): the step that balances the O(h²) truncation error
/// of a central difference against its O(eps/h) rounding error.
double defaultStep() {
  return std::cbrt(std::numeric_limits<double>::epsilon());
}

void validate(const DerivativeCheckOptions &Options) {
  const char *Who = "hessc::DerivativeCheckOptions";
  detail::require(Options.Step >= 0 && std::isfinite(Options.Step), Who,
                  "Step must be finite and non-negative (0: automatic)");
  detail::require(Options.Tolerance >= 0, Who,
                  "Tolerance must be non-negative");
}

/// The step for coordinate i.
double coordinateStep(double Xi, const DerivativeCheckOptions &Options) {
  if (Options.Step > 0)
    return Options.Step;
  return defaultStep() * std::max(1.0, std::fabs(Xi));
}

/// Finds the worst entry of Exact against Approximate and fills the result.
DerivativeCheckResult compare(const char *What, Eigen::MatrixXd Exact,
                              Eigen::MatrixXd Approximate,
                              const DerivativeCheckOptions &Options) {
  DerivativeCheckResult Result;
  Result.What = What;
  Result.Tolerance = Options.Tolerance;
  Result.MaxError = 0;
  for (Eigen::Index J = 0; J < Exact.cols(); ++J) {
    for (Eigen::Index I = 0; I < Exact.rows(); ++I) {
      double E = Exact(I, J), A = Approximate(I, J);
      double Error = std::fabs(E - A) / std::max(1.0, std::fabs(A));
      if (!std::isfinite(Error))
        Error = Infinity;
      if (Result.Row < 0 || Error > Result.MaxError) {
        Result.MaxError = Error;
        Result.Row = I;
        Result.Column = J;
        Result.Exact = E;
        Result.Approximate = A;
      }
    }
  }
  Result.Passed = Result.MaxError <= Options.Tolerance;
  Result.ExactValues = std::move(Exact);
  Result.Approximations = std::move(Approximate);
  return Result;
}

} // namespace

Eigen::VectorXd finiteDifferenceHvp(const Objective &F,
                                    const Eigen::Ref<const Eigen::VectorXd> &X,
                                    const Eigen::Ref<const Eigen::VectorXd> &V,
                                    double Epsilon) {
  const char *Who = "hessc::finiteDifferenceHvp";
  detail::requireSize(Who, "x", X.size(), F.dim());
  detail::requireSize(Who, "v", V.size(), F.dim());
  detail::require(Epsilon > 0 && std::isfinite(Epsilon), Who,
                  "epsilon must be finite and positive");
  Eigen::VectorXd Plus, Minus;
  F.gradient(X + Epsilon * V, Plus);
  F.gradient(X - Epsilon * V, Minus);
  return (Plus - Minus) / (2 * Epsilon);
}

DerivativeCheckResult checkGradient(const Objective &F,
                                    const Eigen::Ref<const Eigen::VectorXd> &X,
                                    const DerivativeCheckOptions &Options) {
  detail::requireSize("hessc::checkGradient", "x", X.size(), F.dim());
  validate(Options);
  Eigen::VectorXd Exact;
  F.gradient(X, Exact);
  Eigen::VectorXd Approximate(F.dim());
  Eigen::VectorXd Point = X;
  for (Eigen::Index I = 0; I < F.dim(); ++I) {
    double H = coordinateStep(X[I], Options);
    Point[I] = X[I] + H;
    double Plus = F.value(Point);
    Point[I] = X[I] - H;
    double Minus = F.value(Point);
    Point[I] = X[I];
    Approximate[I] = (Plus - Minus) / (2 * H);
  }
  return compare("gradient", Exact, Approximate, Options);
}

DerivativeCheckResult checkHessian(const Objective &F,
                                   const Eigen::Ref<const Eigen::VectorXd> &X,
                                   const DerivativeCheckOptions &Options) {
  detail::requireSize("hessc::checkHessian", "x", X.size(), F.dim());
  validate(Options);
  Eigen::MatrixXd Exact;
  F.hessian(X, Exact);
  Eigen::MatrixXd Approximate(F.dim(), F.dim());
  Eigen::VectorXd Point = X;
  Eigen::VectorXd Plus, Minus;
  for (Eigen::Index J = 0; J < F.dim(); ++J) {
    double H = coordinateStep(X[J], Options);
    Point[J] = X[J] + H;
    F.gradient(Point, Plus);
    Point[J] = X[J] - H;
    F.gradient(Point, Minus);
    Point[J] = X[J];
    Approximate.col(J) = (Plus - Minus) / (2 * H);
  }
  return compare("Hessian", Exact, Approximate, Options);
}

DerivativeCheckResult checkHvp(const Objective &F,
                               const Eigen::Ref<const Eigen::VectorXd> &X,
                               const Eigen::Ref<const Eigen::VectorXd> &V,
                               const DerivativeCheckOptions &Options) {
  detail::requireSize("hessc::checkHvp", "x", X.size(), F.dim());
  detail::requireSize("hessc::checkHvp", "v", V.size(), F.dim());
  validate(Options);
  Eigen::VectorXd Exact;
  F.hvp(X, V, Exact);
  double VNorm = V.norm();
  if (VNorm == 0)
    return compare("HVP", Exact, Eigen::VectorXd::Zero(F.dim()), Options);
  double Epsilon = Options.Step > 0
                       ? Options.Step
                       : defaultStep() * std::max(1.0, X.norm()) / VNorm;
  if (!std::isfinite(Epsilon))
    Epsilon = defaultStep();
  return compare("HVP", Exact, finiteDifferenceHvp(F, X, V, Epsilon), Options);
}

std::string DerivativeCheckResult::report() const {
  std::string Position =
      Column > 0 || (ExactValues.cols() > 1 && Column >= 0)
          ? detail::format("(%lld, %lld)", static_cast<long long>(Row),
                           static_cast<long long>(Column))
          : detail::format("[%lld]", static_cast<long long>(Row));
  return detail::format(
      "%s check %s: largest error %.3e (tolerance %.1e) at %s: exact %.10e, "
      "finite difference %.10e",
      What.c_str(), Passed ? "passed" : "FAILED", MaxError, Tolerance,
      Position.c_str(), Exact, Approximate);
}

} // namespace hessc
