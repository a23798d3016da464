//===- runtime/common.h - Helpers shared by the runtime's sources ---------===//
//
// Not installed: formatting, timing, argument checks and the report
// fragments that every minimiser's summary shares.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_RUNTIME_COMMON_H
#define HESSC_RUNTIME_COMMON_H

#include <hessc/line_search.h>
#include <hessc/objective.h>
#include <hessc/solver.h>

#include <Eigen/Core>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <string>

namespace hessc {
namespace detail {

/// printf into a std::string.
std::string format(const char *Format, ...)
    __attribute__((format(printf, 1, 2)));

/// Throws std::invalid_argument("<Who>: <What> has <Size> entries, expected
/// <Expected>") when the sizes differ.
void requireSize(const char *Who, const char *What, Eigen::Index Size,
                 Eigen::Index Expected);

/// Throws std::invalid_argument("<Who>: <Message>") unless \p Condition.
void require(bool Condition, const char *Who, const char *Message);

/// Seconds since construction.
class Stopwatch {
public:
  Stopwatch() : Start(std::chrono::steady_clock::now()) {}
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                         Start)
        .count();
  }

private:
  std::chrono::steady_clock::time_point Start;
};

/// The one-line report of a minimiser: "<Method>: Converged after 21
/// iterations, f 2.42e+01 -> 1.23e-26, |g| 3.2e-13".
std::string briefReport(const char *Method, const SolverSummary &Summary);

/// The closing lines of a full report: termination, values, evaluations,
/// time.
std::string statisticsReport(const SolverSummary &Summary);

/// Ends a solver run: fills the closing fields every summary has. Row 0 of
/// the trace is the starting point, so the iteration count is one less.
template <typename Summary>
void finish(Summary &S, TerminationType Termination, std::string Message,
            double Value, double GradientNorm, const Stopwatch &Clock) {
  S.Termination = Termination;
  S.Message = std::move(Message);
  S.FinalValue = Value;
  S.FinalGradientNorm = GradientNorm;
  S.NumIterations = static_cast<int>(S.Iterations.size()) - 1;
  S.TotalTimeInSeconds = Clock.seconds();
}

/// A point a solver stands at: its value, gradient and gradient norm (the
/// start, or where a line search moved to).
struct SteppedPoint {
  Eigen::VectorXd X, Gradient;
  double Value = 0, GradientNorm = 0;
  bool isFinite() const { return std::isfinite(Value) && std::isfinite(GradientNorm); }
};

/// f and its gradient at a solver's starting point X (NaN when X is not
/// finite), counted in S, whose InitialValue it sets and whose iteration
/// record 0 it appends.
template <typename Summary>
SteppedPoint evaluateStart(const Objective &F, const Eigen::VectorXd &X, Summary &S) {
  SteppedPoint Start;
  Start.Value = Start.GradientNorm = std::nan("");
  if (X.allFinite()) {
    Start.Value = F.gradient(X, Start.Gradient);
    Start.GradientNorm = Start.Gradient.norm();
    ++S.NumGradientEvaluations;
  }
  S.InitialValue = Start.Value;
  S.Iterations.emplace_back();
  S.Iterations.back().Value = Start.Value;
  S.Iterations.back().GradientNorm = Start.GradientNorm;
  return Start;
}

/// Why a solver stops before an iteration, when it does.
struct Stop {
  TerminationType Type;
  std::string Message;
};

/// The stopping rule every solver applies before iteration `Iteration`:
/// Converged when ‖g‖ ≤ Tolerance, MaxIterationsReached past the budget.
inline std::optional<Stop> stopBefore(int Iteration, double GradientNorm, double Tolerance,
                                      int MaxIterations) {
  if (GradientNorm <= Tolerance)
    return Stop{TerminationType::Converged,
                format("|g| = %.3e <= GradientTolerance = %.3e", GradientNorm, Tolerance)};
  if (Iteration > MaxIterations)
    return Stop{TerminationType::MaxIterationsReached,
                format("%d iterations, |g| = %.3e > %.3e", MaxIterations, GradientNorm,
                       Tolerance)};
  return std::nullopt;
}

/// What a solver reports when f or ∇f is NaN or infinite where it starts.
inline constexpr const char *StartNotFinite =
    "f or its gradient is not finite at the starting point";

/// Checks the options of the stopping rule every solver shares.
inline void requireStopRule(const char *Who, double GradientTolerance, int MaxIterations) {
  require(GradientTolerance >= 0, Who, "GradientTolerance must be non-negative");
  require(MaxIterations >= 0, Who, "MaxIterations must be non-negative");
}

/// The CG iteration budget: the option when set, else N (at least 1).
inline int maxCGIterations(int Option, Eigen::Index N) {
  return Option > 0 ? Option : static_cast<int>(std::max<Eigen::Index>(N, 1));
}

/// Fills the trace fields every line-search solver's row has, for the step
/// of length Search.Step along a direction of norm DirectionNorm.
template <typename Row>
void recordLineSearchStep(Row &R, int Iteration, double Value, const SteppedPoint &Next,
                          const LineSearchResult &Search, double DirectionNorm) {
  R.Iteration = Iteration;
  R.Value = Next.Value;
  R.ValueChange = Value - Next.Value;
  R.GradientNorm = Next.GradientNorm;
  R.StepNorm = Search.Step * DirectionNorm;
  R.StepSize = Search.Step;
  R.LineSearchEvaluations = Search.NumEvaluations;
}

/// Runs the line search from X along P, counts its evaluations in S, and
/// on success returns the point it accepted. On failure finishes S with
/// the reason (LineSearchFailed or NonFiniteValue) and returns nothing.
template <typename Summary>
std::optional<SteppedPoint>
stepAlong(const Objective &F, const Eigen::VectorXd &X, double Value,
          const Eigen::VectorXd &G, double GradientNorm, const Eigen::VectorXd &P,
          const LineSearchOptions &Options, Summary &S, const Stopwatch &Clock,
          LineSearchResult &Search) {
  Search = lineSearch(F, X, Value, G, P, 1.0, Options);
  if (Options.Type == LineSearchType::Armijo)
    S.NumValueEvaluations += Search.NumEvaluations;
  else
    S.NumGradientEvaluations += Search.NumEvaluations;
  if (!Search.Success) {
    finish(S, TerminationType::LineSearchFailed, Search.Message, Value, GradientNorm, Clock);
    return std::nullopt;
  }
  SteppedPoint Next;
  Next.X = X + Search.Step * P;
  Next.Value = Search.Value;
  if (Search.GradientAvailable) {
    Next.Gradient = std::move(Search.Gradient);
  } else {
    Next.Value = F.gradient(Next.X, Next.Gradient);
    ++S.NumGradientEvaluations;
  }
  Next.GradientNorm = Next.Gradient.norm();
  if (!Next.isFinite()) {
    finish(S, TerminationType::NonFiniteValue,
           "the gradient is not finite at the point the line search accepted; "
           "x is the point before it",
           Value, GradientNorm, Clock);
    return std::nullopt;
  }
  return Next;
}

} // namespace detail
} // namespace hessc

#endif // HESSC_RUNTIME_COMMON_H
