//===- runtime/trust_region.cpp - Hessian-free trust-region Steihaug-CG ---===//
//
// Nocedal & Wright, Algorithm 4.1 around Steihaug's CG (Algorithm 7.2, in
// truncated_cg.cpp). One value per trial step, one gradient per accepted
// step, one HVP per CG iteration.
//
//===----------------------------------------------------------------------===//
#include <hessc/trust_region.h>

#include "common.h"
#include "truncated_cg.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hessc {

void validate(const TrustRegionOptions &Options) {
  const char *Who = "hessc::TrustRegionOptions";
  detail::requireStopRule(Who, Options.GradientTolerance, Options.MaxIterations);
  detail::require(Options.MinRadius > 0 && std::isfinite(Options.MinRadius),
                  Who, "MinRadius must be finite and positive");
  detail::require(Options.MaxRadius >= Options.MinRadius &&
                      std::isfinite(Options.MaxRadius),
                  Who, "MaxRadius must be finite and at least MinRadius");
  detail::require(Options.InitialRadius >= Options.MinRadius &&
                      Options.InitialRadius <= Options.MaxRadius,
                  Who, "InitialRadius must be in [MinRadius, MaxRadius]");
  detail::require(Options.AcceptanceThreshold >= 0 &&
                      Options.AcceptanceThreshold < 0.25,
                  Who, "AcceptanceThreshold must be in [0, 1/4)");
  detail::require(Options.MaxCGIterations >= 0, Who,
                  "MaxCGIterations must be non-negative (0: N)");
  detail::require(Options.MaxForcingTerm > 0 && Options.MaxForcingTerm < 1, Who,
                  "MaxForcingTerm must be in (0, 1)");
}

namespace {

void finish(TrustRegionSummary &Summary, TerminationType Termination,
            std::string Message, double Value, double GradientNorm,
            double Radius, const detail::Stopwatch &Clock) {
  detail::finish(Summary, Termination, std::move(Message), Value, GradientNorm, Clock);
  Summary.FinalRadius = Radius;
}

/// ρ = actual / predicted reduction, with the conventions of the header:
/// -∞ for a non-finite trial value or a model that predicts no decrease,
/// 1 when both reductions are at the rounding level of f.
double reductionRatio(double Value, double TrialValue, double Predicted) {
  if (!std::isfinite(TrialValue))
    return -std::numeric_limits<double>::infinity();
  double Actual = Value - TrialValue;
  double Rounding = 1e-14 * (1 + std::fabs(Value));
  if (std::fabs(Actual) <= Rounding && std::fabs(Predicted) <= Rounding)
    return 1.0;
  if (!(Predicted > 0))
    return -std::numeric_limits<double>::infinity();
  return Actual / Predicted;
}

} // namespace

TrustRegionSummary minimizeTrustRegion(const Objective &F, Eigen::VectorXd &X,
                                       const TrustRegionOptions &Options,
                                       const TrustRegionCallback &Callback) {
  detail::requireSize("hessc::minimizeTrustRegion", "x", X.size(), F.dim());
  validate(Options);
  detail::Stopwatch Clock;
  TrustRegionSummary Summary;
  Summary.Options = Options;
  const int MaxCG = detail::maxCGIterations(Options.MaxCGIterations, F.dim());
  double Radius = Options.InitialRadius;

  detail::SteppedPoint Start = detail::evaluateStart(F, X, Summary);
  Eigen::VectorXd G = std::move(Start.Gradient);
  double Value = Start.Value, GradientNorm = Start.GradientNorm;
  Summary.Iterations.back().Radius = Radius;
  if (!Start.isFinite()) {
    finish(Summary, TerminationType::NonFiniteValue, detail::StartNotFinite, Value,
           GradientNorm, Radius, Clock);
    return Summary;
  }
  if (Callback)
    Callback(Summary.Iterations.back(), X);

  detail::HessianProduct Product = [&](const Eigen::VectorXd &V,
                                       Eigen::VectorXd &Y) { F.hvp(X, V, Y); };
  Eigen::VectorXd Trial, TrialGradient;
  for (int Iteration = 1;; ++Iteration) {
    if (std::optional<detail::Stop> Stop = detail::stopBefore(
            Iteration, GradientNorm, Options.GradientTolerance, Options.MaxIterations)) {
      finish(Summary, Stop->Type, std::move(Stop->Message), Value, GradientNorm, Radius, Clock);
      return Summary;
    }

    double Eta = detail::forcingTerm(GradientNorm, Options.MaxForcingTerm);
    detail::TruncatedCGResult CG =
        detail::truncatedCG(Product, G, Radius, Eta * GradientNorm, MaxCG);
    Summary.NumHvpEvaluations += CG.Iterations;
    Summary.TotalCGIterations += CG.Iterations;
    if (CG.Stop == CGTermination::NonFiniteValue) {
      finish(Summary, TerminationType::NonFiniteValue,
             "a Hessian-vector product is not finite at the current point",
             Value, GradientNorm, Radius, Clock);
      return Summary;
    }

    double Predicted = -(G.dot(CG.Step) + 0.5 * CG.Step.dot(CG.HessianStep));
    Trial = X + CG.Step;
    double TrialValue = F.value(Trial);
    ++Summary.NumValueEvaluations;
    double Ratio = reductionRatio(Value, TrialValue, Predicted);
    double StepNorm = CG.Step.norm();

    TrustRegionIteration Row;
    Row.Iteration = Iteration;
    Row.StepNorm = StepNorm;
    Row.Radius = Radius;
    Row.Ratio = Ratio;
    Row.CGIterations = CG.Iterations;
    Row.CGStop = CG.Stop;

    if (Ratio < 0.25)
      Radius = 0.25 * StepNorm;
    else if (Ratio > 0.75 && CG.OnBoundary)
      Radius = std::min(2 * Radius, Options.MaxRadius);

    if (Ratio > Options.AcceptanceThreshold) {
      double TrialGradientValue = F.gradient(Trial, TrialGradient);
      ++Summary.NumGradientEvaluations;
      double TrialGradientNorm = TrialGradient.norm();
      if (!std::isfinite(TrialGradientValue) ||
          !std::isfinite(TrialGradientNorm)) {
        finish(Summary, TerminationType::NonFiniteValue,
               "the gradient is not finite at an accepted step; x is the "
               "point before it",
               Value, GradientNorm, Radius, Clock);
        return Summary;
      }
      Row.StepAccepted = true;
      Row.ValueChange = Value - TrialValue;
      X.swap(Trial);
      G.swap(TrialGradient);
      Value = TrialValue;
      GradientNorm = TrialGradientNorm;
      ++Summary.NumAcceptedSteps;
    }
    Row.Value = Value;
    Row.GradientNorm = GradientNorm;
    Summary.Iterations.push_back(Row);
    if (Callback)
      Callback(Row, X);

    if (Radius < Options.MinRadius &&
        GradientNorm > Options.GradientTolerance) {
      finish(Summary, TerminationType::TrustRegionTooSmall,
             detail::format("the radius fell to %.3e < MinRadius = %.3e",
                            Radius, Options.MinRadius),
             Value, GradientNorm, Radius, Clock);
      return Summary;
    }
  }
}

std::string TrustRegionSummary::briefReport() const {
  return detail::briefReport("Trust region (Steihaug-CG)", *this);
}

std::string TrustRegionSummary::fullReport() const {
  std::string Report = detail::format(
      "Trust-region Newton, Steihaug-CG (Hessian-free): radius %.2g initially, "
      "accept rho > %.2g, forcing term min(%.2g, sqrt(|g|))\n",
      Options.InitialRadius, Options.AcceptanceThreshold,
      Options.MaxForcingTerm);
  Report += "iter               f    f decrease         |g|      |step|  "
            "  radius       rho   cg  cg stop\n";
  for (const TrustRegionIteration &Row : Iterations) {
    if (Row.Iteration == 0) {
      Report += detail::format("%4d  %14.8e  %12s  %10.3e  %10s  %8.2e\n",
                               Row.Iteration, Row.Value, "", Row.GradientNorm,
                               "", Row.Radius);
      continue;
    }
    Report += detail::format(
        "%4d  %14.8e  %12.4e  %10.3e  %10.3e  %8.2e  %8.2e  %3d  %s%s\n",
        Row.Iteration, Row.Value, Row.ValueChange, Row.GradientNorm,
        Row.StepNorm, Row.Radius, Row.Ratio, Row.CGIterations,
        toString(Row.CGStop), Row.StepAccepted ? "" : " (rejected)");
  }
  Report += detail::format("Steps accepted: %d, CG iterations: %d, final "
                           "radius %.3e\n",
                           NumAcceptedSteps, TotalCGIterations, FinalRadius);
  return Report + detail::statisticsReport(*this);
}

} // namespace hessc
