//===- runtime/newton_cg.cpp - Hessian-free line-search Newton-CG ---------===//
//
// Nocedal & Wright, Algorithm 7.1: truncated CG for the direction, then the
// line search of line_search.cpp from α = 1.
//
//===----------------------------------------------------------------------===//
#include <hessc/newton_cg.h>

#include "common.h"
#include "truncated_cg.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hessc {

void validate(const NewtonCGOptions &Options) {
  const char *Who = "hessc::NewtonCGOptions";
  validate(Options.LineSearch);
  detail::requireStopRule(Who, Options.GradientTolerance, Options.MaxIterations);
  detail::require(Options.MaxCGIterations >= 0, Who,
                  "MaxCGIterations must be non-negative (0: N)");
  detail::require(Options.MaxForcingTerm > 0 && Options.MaxForcingTerm < 1, Who,
                  "MaxForcingTerm must be in (0, 1)");
}

NewtonCGSummary minimizeNewtonCG(const Objective &F, Eigen::VectorXd &X,
                                 const NewtonCGOptions &Options,
                                 const NewtonCGCallback &Callback) {
  detail::requireSize("hessc::minimizeNewtonCG", "x", X.size(), F.dim());
  validate(Options);
  detail::Stopwatch Clock;
  NewtonCGSummary Summary;
  Summary.Options = Options;
  const int MaxCG = detail::maxCGIterations(Options.MaxCGIterations, F.dim());

  detail::SteppedPoint Start = detail::evaluateStart(F, X, Summary);
  Eigen::VectorXd G = std::move(Start.Gradient);
  double Value = Start.Value, GradientNorm = Start.GradientNorm;
  if (!Start.isFinite()) {
    detail::finish(Summary, TerminationType::NonFiniteValue, detail::StartNotFinite, Value,
                   GradientNorm, Clock);
    return Summary;
  }
  if (Callback)
    Callback(Summary.Iterations.back(), X);

  detail::HessianProduct Product = [&](const Eigen::VectorXd &V,
                                       Eigen::VectorXd &Y) { F.hvp(X, V, Y); };
  for (int Iteration = 1;; ++Iteration) {
    if (std::optional<detail::Stop> Stop = detail::stopBefore(
            Iteration, GradientNorm, Options.GradientTolerance, Options.MaxIterations)) {
      detail::finish(Summary, Stop->Type, std::move(Stop->Message), Value, GradientNorm, Clock);
      return Summary;
    }

    double Eta = detail::forcingTerm(GradientNorm, Options.MaxForcingTerm);
    detail::TruncatedCGResult CG =
        detail::truncatedCG(Product, G, std::numeric_limits<double>::infinity(),
                            Eta * GradientNorm, MaxCG);
    Summary.NumHvpEvaluations += CG.Iterations;
    Summary.TotalCGIterations += CG.Iterations;
    if (CG.Stop == CGTermination::NonFiniteValue) {
      detail::finish(Summary, TerminationType::NonFiniteValue,
                     "a Hessian-vector product is not finite at the current point",
                     Value, GradientNorm, Clock);
      return Summary;
    }

    LineSearchResult Search;
    std::optional<detail::SteppedPoint> Next =
        detail::stepAlong(F, X, Value, G, GradientNorm, CG.Step, Options.LineSearch,
                          Summary, Clock, Search);
    if (!Next)
      return Summary;

    NewtonCGIteration Row;
    detail::recordLineSearchStep(Row, Iteration, Value, *Next, Search, CG.Step.norm());
    Row.CGIterations = CG.Iterations;
    Row.CGStop = CG.Stop;
    Row.ForcingTerm = Eta;
    Summary.Iterations.push_back(Row);

    X.swap(Next->X);
    G.swap(Next->Gradient);
    Value = Next->Value;
    GradientNorm = Next->GradientNorm;
    if (Callback)
      Callback(Row, X);
  }
}

std::string NewtonCGSummary::briefReport() const {
  return detail::briefReport("Newton-CG", *this);
}

std::string NewtonCGSummary::fullReport() const {
  std::string Report =
      detail::format("Newton-CG (Hessian-free): line search %s, forcing term "
                     "min(%.2g, sqrt(|g|)), CG budget %s\n",
                     toString(Options.LineSearch.Type), Options.MaxForcingTerm,
                     Options.MaxCGIterations > 0
                         ? detail::format("%d", Options.MaxCGIterations).c_str()
                         : "N");
  Report += "iter               f    f decrease         |g|      |step|  "
            "   alpha  ls   cg  cg stop\n";
  for (const NewtonCGIteration &Row : Iterations) {
    if (Row.Iteration == 0) {
      Report += detail::format("%4d  %14.8e  %12s  %10.3e\n", Row.Iteration,
                               Row.Value, "", Row.GradientNorm);
      continue;
    }
    Report += detail::format(
        "%4d  %14.8e  %12.4e  %10.3e  %10.3e  %8.2e  %2d  %3d  %s\n",
        Row.Iteration, Row.Value, Row.ValueChange, Row.GradientNorm,
        Row.StepNorm, Row.StepSize, Row.LineSearchEvaluations, Row.CGIterations,
        toString(Row.CGStop));
  }
  Report += detail::format("CG iterations: %d in all\n", TotalCGIterations);
  return Report + detail::statisticsReport(*this);
}

} // namespace hessc
