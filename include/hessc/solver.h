//===- hessc/solver.h - What the runtime's minimisers have in common ------===//
//
// Every minimiser in the runtime (Newton, Newton-CG, trust-region
// Steihaug-CG) stops for one of the reasons in TerminationType and fills a
// summary derived from SolverSummary, in the manner of Ceres Solver: the
// numerical path reports through these statuses and never throws; only
// programming errors (a starting point of the wrong size, options out of
// range) are std::invalid_argument.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_SOLVER_H
#define HESSC_SOLVER_H

#include <limits>
#include <string>

namespace hessc {

/// Why a minimiser stopped.
enum class TerminationType {
  /// ‖∇f(x)‖₂ fell to the gradient tolerance.
  Converged,
  /// The iteration budget ran out first; x is the last accepted point.
  MaxIterationsReached,
  /// No step along the search direction satisfied the line search's
  /// conditions within its evaluation budget (or the direction was not a
  /// descent direction); x is the last accepted point.
  LineSearchFailed,
  /// The trust radius shrank below its minimum without an acceptable step.
  TrustRegionTooSmall,
  /// The Hessian was not positive definite (indefinite or singular) and the
  /// options asked for no modification.
  HessianNotPositiveDefinite,
  /// The modification of the Hessian could not make it positive definite
  /// within its budget.
  HessianModificationFailed,
  /// f, the gradient, the Hessian or an HVP was NaN or infinite at a point
  /// the method had to accept (the starting point, or an accepted step).
  NonFiniteValue,
};

/// The name of a termination type, e.g. "Converged".
const char *toString(TerminationType Type);

/// Why the inner conjugate-gradient iteration of a Hessian-free method
/// stopped.
enum class CGTermination {
  /// The residual ‖Hp + g‖ fell below the forcing term times ‖g‖.
  ResidualTolerance,
  /// A direction d with dᵀHd ≤ 0 was found.
  NegativeCurvature,
  /// The step reached the trust-region boundary (Steihaug-CG only).
  TrustRegionBoundary,
  /// The CG iteration budget ran out.
  MaxIterations,
  /// An HVP was NaN or infinite.
  NonFiniteValue,
};

/// The name of a CG termination, e.g. "NegativeCurvature".
const char *toString(CGTermination Type);

/// The part of a minimiser's summary that every method fills.
struct SolverSummary {
  /// Why the method stopped.
  TerminationType Termination = TerminationType::MaxIterationsReached;
  /// The same in words, with the numbers that decided it.
  std::string Message;
  /// f at the starting point and at the point returned.
  double InitialValue = std::numeric_limits<double>::quiet_NaN();
  double FinalValue = std::numeric_limits<double>::quiet_NaN();
  /// ‖∇f‖₂ at the point returned.
  double FinalGradientNorm = std::numeric_limits<double>::quiet_NaN();
  /// Iterations performed (steps tried; iteration 0 is the starting point).
  int NumIterations = 0;
  /// Calls of each kind made to the objective.
  int NumValueEvaluations = 0;
  int NumGradientEvaluations = 0;
  int NumHvpEvaluations = 0;
  int NumHessianEvaluations = 0;
  /// Wall-clock time of the whole run.
  double TotalTimeInSeconds = 0;

  /// True when the method met its gradient tolerance.
  bool converged() const { return Termination == TerminationType::Converged; }

  /// True when f and its gradient are finite at the returned point (which
  /// is always the last point the method accepted): false only when the
  /// starting point itself was not usable. Ceres calls this
  /// IsSolutionUsable().
  bool isSolutionUsable() const;
};

} // namespace hessc

#endif // HESSC_SOLVER_H
