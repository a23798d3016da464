//===- hessc/line_search.h - Step lengths along a descent direction -------===//
//
// The line searches of Newton's method and Newton-CG: given x, f(x), ∇f(x)
// and a descent direction p, find α > 0 with a sufficient decrease of
// φ(α) = f(x + αp). Backtracking Armijo needs values only; the strong Wolfe
// search (Nocedal & Wright, Numerical Optimization, Algorithms 3.5 and 3.6,
// with safeguarded cubic interpolation) also bounds |φ'(α)|, at the price of
// a gradient per trial. A trial point where f is NaN or infinite counts as a
// failed trial: the search shortens the step instead of accepting it.
//
// Values are compared with a rounding allowance: the sufficient-decrease
// test is φ(α) ≤ φ(0) + c1 α φ'(0) + 1e-14 (1 + |φ(0)|). Without it a
// minimum whose value is far from zero could not be approached closer than
// the rounding of f allows to see, and a perfectly good Newton step would
// be rejected there.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_LINE_SEARCH_H
#define HESSC_LINE_SEARCH_H

#include <hessc/objective.h>

#include <Eigen/Core>

#include <string>

namespace hessc {

/// Which conditions an accepted step satisfies.
enum class LineSearchType {
  /// Sufficient decrease only: φ(α) ≤ φ(0) + c1 α φ'(0), by backtracking.
  Armijo,
  /// Sufficient decrease and |φ'(α)| ≤ c2 |φ'(0)|, by bracketing and zoom.
  StrongWolfe,
};

/// The name of a line search type, e.g. "StrongWolfe".
const char *toString(LineSearchType Type);

/// Options of a line search, with the customary defaults for Newton-type
/// methods (Nocedal & Wright, section 3.1).
struct LineSearchOptions {
  /// The conditions to satisfy.
  LineSearchType Type = LineSearchType::StrongWolfe;
  /// c1 of the sufficient-decrease (Armijo) condition, in (0, 1).
  double ArmijoC1 = 1e-4;
  /// c2 of the strong Wolfe curvature condition, in (ArmijoC1, 1).
  double WolfeC2 = 0.9;
  /// Armijo: each rejected trial multiplies α by this factor, in (0, 1).
  double BacktrackingFactor = 0.5;
  /// Strong Wolfe: while bracketing, each trial multiplies α by this
  /// factor (> 1), up to MaxStep.
  double ExpansionFactor = 2.0;
  /// Strong Wolfe: the largest step the bracketing phase tries.
  double MaxStep = 1e10;
  /// Evaluations of φ (Armijo: values; strong Wolfe: values and gradients)
  /// allowed before the search reports failure.
  int MaxEvaluations = 50;
};

/// What a line search found.
struct LineSearchResult {
  /// True when Step satisfies the requested conditions.
  bool Success = false;
  /// The accepted α (on failure, the last one tried).
  double Step = 0;
  /// f(x + Step p) (on failure, at the last trial).
  double Value = 0;
  /// ∇f(x + Step p) when GradientAvailable (strong Wolfe computes it).
  Eigen::VectorXd Gradient;
  bool GradientAvailable = false;
  /// Trials evaluated: values for Armijo, values with gradients for Wolfe.
  int NumEvaluations = 0;
  /// Why the search failed, empty on success.
  std::string Message;
};

/// Searches along \p Direction from \p X, where f(X) = \p Value and
/// ∇f(X) = \p Gradient, starting with α = \p InitialStep. The direction
/// must be a descent direction (∇f(X)ᵀp < 0); otherwise the search fails
/// at once without evaluating f.
///
/// Throws std::invalid_argument for vectors whose size is not F.dim(), a
/// non-positive initial step, or options out of range.
LineSearchResult
lineSearch(const Objective &F, const Eigen::Ref<const Eigen::VectorXd> &X,
           double Value, const Eigen::Ref<const Eigen::VectorXd> &Gradient,
           const Eigen::Ref<const Eigen::VectorXd> &Direction,
           double InitialStep = 1.0, const LineSearchOptions &Options = {});

/// Throws std::invalid_argument naming the first option out of range.
void validate(const LineSearchOptions &Options);

} // namespace hessc

#endif // HESSC_LINE_SEARCH_H
