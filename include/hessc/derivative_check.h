//===- hessc/derivative_check.h - Derivatives against finite differences --===//
//
// Independent checks of an Objective's derivatives by central differences,
// for the user who wants to see that the generated code (or a hand-written
// Objective) agrees with the function it differentiates:
//
//  - the HVP against (g(x + εv) - g(x - εv)) / 2ε, whose error is O(ε²) until
//    rounding, O(eps/ε), takes over;
//  - the gradient against (f(x + h eᵢ) - f(x - h eᵢ)) / 2h, entry by entry;
//  - the Hessian against the central differences of the gradient, column by
//    column (2N gradients).
//
// Each check reports the largest error, where it is, and the two values
// there. The error of an entry is |exact - approx| / max(1, |approx|): an
// absolute error for small entries, a relative one for large ones.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_DERIVATIVE_CHECK_H
#define HESSC_DERIVATIVE_CHECK_H

#include <hessc/objective.h>

#include <Eigen/Core>

#include <limits>
#include <string>

namespace hessc {

/// (∇f(x + εv) - ∇f(x - εv)) / 2ε. Throws std::invalid_argument when a
/// size is not F.dim() or ε is not positive and finite.
Eigen::VectorXd finiteDifferenceHvp(const Objective &F,
                                    const Eigen::Ref<const Eigen::VectorXd> &X,
                                    const Eigen::Ref<const Eigen::VectorXd> &V,
                                    double Epsilon);

/// Options of the checks.
struct DerivativeCheckOptions {
  /// The difference step. 0 (default): h = cbrt(machine epsilon) ≈ 6e-6,
  /// times max(1, |xᵢ|) for coordinate differences and times
  /// max(1, ‖x‖) / ‖v‖ for the HVP's direction, which balances truncation
  /// against rounding for central differences.
  double Step = 0;
  /// A check passes when its largest error is at most this (default 1e-6).
  double Tolerance = 1e-6;
};

/// The outcome of one check.
struct DerivativeCheckResult {
  /// "gradient", "Hessian" or "HVP".
  std::string What;
  /// MaxError ≤ Tolerance, and no value was NaN or infinite.
  bool Passed = false;
  /// The largest error (+∞ when a value was NaN or infinite) and its
  /// position: (Row, 0) for vectors, (Row, Column) for the Hessian.
  double MaxError = std::numeric_limits<double>::quiet_NaN();
  Eigen::Index Row = -1;
  Eigen::Index Column = -1;
  /// The Objective's value and the finite-difference value there.
  double Exact = std::numeric_limits<double>::quiet_NaN();
  double Approximate = std::numeric_limits<double>::quiet_NaN();
  /// Both in full (N x 1 for vectors).
  Eigen::MatrixXd ExactValues;
  Eigen::MatrixXd Approximations;
  /// The tolerance it was judged by.
  double Tolerance = 0;

  /// "gradient check passed: largest error 3.1e-10 at [2] (exact ...)".
  std::string report() const;
};

/// Checks F.gradient at \p X (2N values).
DerivativeCheckResult checkGradient(const Objective &F,
                                    const Eigen::Ref<const Eigen::VectorXd> &X,
                                    const DerivativeCheckOptions &Options = {});

/// Checks F.hessian at \p X (2N gradients).
DerivativeCheckResult checkHessian(const Objective &F,
                                   const Eigen::Ref<const Eigen::VectorXd> &X,
                                   const DerivativeCheckOptions &Options = {});

/// Checks F.hvp at \p X along \p V (2 gradients).
DerivativeCheckResult checkHvp(const Objective &F,
                               const Eigen::Ref<const Eigen::VectorXd> &X,
                               const Eigen::Ref<const Eigen::VectorXd> &V,
                               const DerivativeCheckOptions &Options = {});

} // namespace hessc

#endif // HESSC_DERIVATIVE_CHECK_H
