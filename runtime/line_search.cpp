//===- runtime/line_search.cpp - Armijo and strong Wolfe line searches ----===//
//
// Backtracking Armijo, and the strong Wolfe search of Nocedal & Wright
// (Algorithm 3.5, bracketing by expansion, then Algorithm 3.6, zoom with
// safeguarded cubic interpolation between the bracket's ends).
//
//===----------------------------------------------------------------------===//
#include <hessc/line_search.h>

#include "common.h"

#include <algorithm>
#include <cmath>

namespace hessc {

const char *toString(LineSearchType Type) {
  switch (Type) {
  case LineSearchType::Armijo:
    return "Armijo";
  case LineSearchType::StrongWolfe:
    return "StrongWolfe";
  }
  return "?";
}

void validate(const LineSearchOptions &Options) {
  const char *Who = "hessc::LineSearchOptions";
  detail::require(Options.ArmijoC1 > 0 && Options.ArmijoC1 < 1, Who,
                  "ArmijoC1 must be in (0, 1)");
  detail::require(Options.WolfeC2 > Options.ArmijoC1 && Options.WolfeC2 < 1,
                  Who, "WolfeC2 must be in (ArmijoC1, 1)");
  detail::require(Options.BacktrackingFactor > 0 &&
                      Options.BacktrackingFactor < 1,
                  Who, "BacktrackingFactor must be in (0, 1)");
  detail::require(Options.ExpansionFactor > 1 &&
                      std::isfinite(Options.ExpansionFactor),
                  Who, "ExpansionFactor must be finite and > 1");
  detail::require(Options.MaxStep > 0 && std::isfinite(Options.MaxStep), Who,
                  "MaxStep must be finite and positive");
  detail::require(Options.MaxEvaluations >= 1, Who,
                  "MaxEvaluations must be at least 1");
}

namespace {

/// φ(α) and φ'(α) at one trial step.
struct Trial {
  double Step = 0;
  double Value = 0;
  double Slope = 0;
  bool finite() const { return std::isfinite(Value) && std::isfinite(Slope); }
};

/// φ(α) = f(x + αp), evaluated into reusable buffers, counting calls.
class LineFunction {
public:
  LineFunction(const Objective &F, const Eigen::Ref<const Eigen::VectorXd> &X,
               const Eigen::Ref<const Eigen::VectorXd> &Direction)
      : F(F), X(X), Direction(Direction) {}

  double value(double Step) {
    ++Evaluations;
    Point = X + Step * Direction;
    return F.value(Point);
  }

  Trial valueAndSlope(double Step) {
    ++Evaluations;
    Point = X + Step * Direction;
    Trial T;
    T.Step = Step;
    T.Value = F.gradient(Point, Gradient);
    T.Slope = Gradient.dot(Direction);
    return T;
  }

  /// The gradient at the last point evaluated by valueAndSlope.
  const Eigen::VectorXd &lastGradient() const { return Gradient; }
  int evaluations() const { return Evaluations; }

private:
  const Objective &F;
  const Eigen::Ref<const Eigen::VectorXd> &X;
  const Eigen::Ref<const Eigen::VectorXd> &Direction;
  Eigen::VectorXd Point;
  Eigen::VectorXd Gradient;
  int Evaluations = 0;
};

/// The sufficient-decrease test with the rounding allowance documented in
/// the header.
class SufficientDecrease {
public:
  SufficientDecrease(double Value0, double Slope0, double C1)
      : Value0(Value0), Slope0(Slope0), C1(C1),
        Allowance(1e-14 * (1 + std::fabs(Value0))) {}

  bool holds(double Step, double Value) const {
    return std::isfinite(Value) &&
           Value <= Value0 + C1 * Step * Slope0 + Allowance;
  }

private:
  double Value0, Slope0, C1, Allowance;
};

/// The minimiser of the cubic matching φ and φ' at both ends of [A, B]
/// (Nocedal & Wright, eq. 3.59), or NaN when the cubic has none.
double cubicMinimizer(const Trial &A, const Trial &B) {
  double D1 = A.Slope + B.Slope - 3 * (A.Value - B.Value) / (A.Step - B.Step);
  double Discriminant = D1 * D1 - A.Slope * B.Slope;
  if (!(Discriminant >= 0))
    return std::nan("");
  double D2 = std::copysign(std::sqrt(Discriminant), B.Step - A.Step);
  double Denominator = B.Slope - A.Slope + 2 * D2;
  if (Denominator == 0)
    return std::nan("");
  return B.Step - (B.Step - A.Step) * (B.Slope + D2 - D1) / Denominator;
}

/// The next trial inside the bracket [Lo, Hi]: the cubic's minimiser when
/// both ends are finite and it lies well inside, otherwise the midpoint.
double nextZoomStep(const Trial &Lo, const Trial &Hi) {
  double Left = std::min(Lo.Step, Hi.Step);
  double Right = std::max(Lo.Step, Hi.Step);
  double Margin = 0.1 * (Right - Left);
  double Midpoint = 0.5 * (Left + Right);
  if (!Hi.finite())
    return Midpoint;
  double Step = cubicMinimizer(Lo, Hi);
  if (!(Step >= Left + Margin && Step <= Right - Margin))
    return Midpoint;
  return Step;
}

LineSearchResult armijo(LineFunction &Phi, double Value0, double Slope0,
                        double InitialStep, const LineSearchOptions &Options) {
  SufficientDecrease Decrease(Value0, Slope0, Options.ArmijoC1);
  LineSearchResult Result;
  double Step = InitialStep;
  for (int Trial = 0; Trial < Options.MaxEvaluations; ++Trial) {
    double Value = Phi.value(Step);
    Result.Step = Step;
    Result.Value = Value;
    if (Decrease.holds(Step, Value)) {
      Result.Success = true;
      Result.NumEvaluations = Phi.evaluations();
      return Result;
    }
    Step *= Options.BacktrackingFactor;
  }
  Result.NumEvaluations = Phi.evaluations();
  Result.Message = detail::format(
      "Armijo: no sufficient decrease in %d trials (last step %.3e, "
      "f %.6e against %.6e at step 0)",
      Options.MaxEvaluations, Result.Step, Result.Value, Value0);
  return Result;
}

/// Fills a successful result from the trial just evaluated.
LineSearchResult accept(const LineFunction &Phi, const Trial &T) {
  LineSearchResult Result;
  Result.Success = true;
  Result.Step = T.Step;
  Result.Value = T.Value;
  Result.Gradient = Phi.lastGradient();
  Result.GradientAvailable = true;
  Result.NumEvaluations = Phi.evaluations();
  return Result;
}

LineSearchResult reject(const LineFunction &Phi, const Trial &Last,
                        std::string Message) {
  LineSearchResult Result;
  Result.Step = Last.Step;
  Result.Value = Last.Value;
  Result.NumEvaluations = Phi.evaluations();
  Result.Message = std::move(Message);
  return Result;
}

/// Algorithm 3.6: Lo satisfies sufficient decrease with the lowest value so
/// far, and φ'(Lo)(Hi - Lo) < 0, so [Lo, Hi] contains strong Wolfe steps.
LineSearchResult zoom(LineFunction &Phi, Trial Lo, Trial Hi, double Slope0,
                      const SufficientDecrease &Decrease,
                      const LineSearchOptions &Options) {
  Trial Last = Hi;
  while (Phi.evaluations() < Options.MaxEvaluations) {
    double Step = nextZoomStep(Lo, Hi);
    if (!(std::fabs(Hi.Step - Lo.Step) > 1e-16 * std::max(1.0, Lo.Step)))
      return reject(Phi, Last,
                    detail::format("strong Wolfe: the bracket around step "
                                   "%.3e shrank to nothing",
                                   Lo.Step));
    Trial T = Phi.valueAndSlope(Step);
    Last = T;
    if (!T.finite() || !Decrease.holds(T.Step, T.Value) ||
        T.Value >= Lo.Value) {
      Hi = T;
      continue;
    }
    if (std::fabs(T.Slope) <= -Options.WolfeC2 * Slope0)
      return accept(Phi, T);
    if (T.Slope * (Hi.Step - Lo.Step) >= 0)
      Hi = Lo;
    Lo = T;
  }
  return reject(Phi, Last,
                detail::format("strong Wolfe: no step met both conditions in "
                               "%d evaluations (bracket [%.3e, %.3e])",
                               Options.MaxEvaluations,
                               std::min(Lo.Step, Hi.Step),
                               std::max(Lo.Step, Hi.Step)));
}

/// Algorithm 3.5: expand until a bracket is found or a step is accepted.
LineSearchResult strongWolfe(LineFunction &Phi, double Value0, double Slope0,
                             double InitialStep,
                             const LineSearchOptions &Options) {
  SufficientDecrease Decrease(Value0, Slope0, Options.ArmijoC1);
  Trial Previous;
  Previous.Step = 0;
  Previous.Value = Value0;
  Previous.Slope = Slope0;
  double Step = std::min(InitialStep, Options.MaxStep);
  for (bool First = true;; First = false) {
    Trial T = Phi.valueAndSlope(Step);
    if (!T.finite() || !Decrease.holds(T.Step, T.Value) ||
        (!First && T.Value >= Previous.Value))
      return zoom(Phi, Previous, T, Slope0, Decrease, Options);
    if (std::fabs(T.Slope) <= -Options.WolfeC2 * Slope0)
      return accept(Phi, T);
    if (T.Slope >= 0)
      return zoom(Phi, T, Previous, Slope0, Decrease, Options);
    if (Step >= Options.MaxStep)
      return reject(Phi, T,
                    detail::format("strong Wolfe: f still decreasing steeply "
                                   "at MaxStep = %.3e",
                                   Options.MaxStep));
    if (Phi.evaluations() >= Options.MaxEvaluations)
      return reject(Phi, T,
                    detail::format("strong Wolfe: no bracket in %d "
                                   "evaluations (last step %.3e)",
                                   Options.MaxEvaluations, Step));
    Previous = T;
    Step = std::min(Step * Options.ExpansionFactor, Options.MaxStep);
  }
}

} // namespace

LineSearchResult
lineSearch(const Objective &F, const Eigen::Ref<const Eigen::VectorXd> &X,
           double Value, const Eigen::Ref<const Eigen::VectorXd> &Gradient,
           const Eigen::Ref<const Eigen::VectorXd> &Direction,
           double InitialStep, const LineSearchOptions &Options) {
  const char *Who = "hessc::lineSearch";
  detail::requireSize(Who, "x", X.size(), F.dim());
  detail::requireSize(Who, "the gradient", Gradient.size(), F.dim());
  detail::requireSize(Who, "the direction", Direction.size(), F.dim());
  detail::require(InitialStep > 0 && std::isfinite(InitialStep), Who,
                  "the initial step must be finite and positive");
  validate(Options);

  double Slope0 = Gradient.dot(Direction);
  if (!(Slope0 < 0) || !std::isfinite(Value)) {
    LineSearchResult Result;
    Result.Value = Value;
    Result.Message =
        std::isfinite(Value)
            ? detail::format("not a descent direction (g'p = %.3e)", Slope0)
            : std::string("f is not finite at the starting point");
    return Result;
  }

  LineFunction Phi(F, X, Direction);
  if (Options.Type == LineSearchType::Armijo)
    return armijo(Phi, Value, Slope0, InitialStep, Options);
  return strongWolfe(Phi, Value, Slope0, InitialStep, Options);
}

} // namespace hessc
