//===- runtime/common.cpp - Helpers shared by the runtime's sources -------===//
//
// Formatting, argument checks, the names of the shared enums and the report
// fragments every minimiser's summary uses.
//
//===----------------------------------------------------------------------===//
#include "common.h"

#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <stdexcept>
#include <vector>

namespace hessc {

const char *toString(TerminationType Type) {
  switch (Type) {
  case TerminationType::Converged:
    return "Converged";
  case TerminationType::MaxIterationsReached:
    return "MaxIterationsReached";
  case TerminationType::LineSearchFailed:
    return "LineSearchFailed";
  case TerminationType::TrustRegionTooSmall:
    return "TrustRegionTooSmall";
  case TerminationType::HessianNotPositiveDefinite:
    return "HessianNotPositiveDefinite";
  case TerminationType::HessianModificationFailed:
    return "HessianModificationFailed";
  case TerminationType::NonFiniteValue:
    return "NonFiniteValue";
  }
  return "?";
}

const char *toString(CGTermination Type) {
  switch (Type) {
  case CGTermination::ResidualTolerance:
    return "ResidualTolerance";
  case CGTermination::NegativeCurvature:
    return "NegativeCurvature";
  case CGTermination::TrustRegionBoundary:
    return "TrustRegionBoundary";
  case CGTermination::MaxIterations:
    return "MaxIterations";
  case CGTermination::NonFiniteValue:
    return "NonFiniteValue";
  }
  return "?";
}

bool SolverSummary::isSolutionUsable() const {
  return std::isfinite(FinalValue) && std::isfinite(FinalGradientNorm);
}

namespace detail {

std::string format(const char *Format, ...) {
  va_list Args;
  va_start(Args, Format);
  va_list Copy;
  va_copy(Copy, Args);
  int Length = std::vsnprintf(nullptr, 0, Format, Copy);
  va_end(Copy);
  std::string Result;
  if (Length > 0) {
    std::vector<char> Buffer(static_cast<size_t>(Length) + 1);
    std::vsnprintf(Buffer.data(), Buffer.size(), Format, Args);
    Result.assign(Buffer.data(), static_cast<size_t>(Length));
  }
  va_end(Args);
  return Result;
}

void requireSize(const char *Who, const char *What, Eigen::Index Size,
                 Eigen::Index Expected) {
  if (Size != Expected)
    throw std::invalid_argument(format(
        "%s: %s has %lld entries, expected %lld (the objective's dimension)",
        Who, What, static_cast<long long>(Size),
        static_cast<long long>(Expected)));
}

void require(bool Condition, const char *Who, const char *Message) {
  if (!Condition)
    throw std::invalid_argument(std::string(Who) + ": " + Message);
}

std::string briefReport(const char *Method, const SolverSummary &Summary) {
  return format("%s: %s after %d iteration%s, f %.6e -> %.6e, |g| %.3e", Method,
                toString(Summary.Termination), Summary.NumIterations,
                Summary.NumIterations == 1 ? "" : "s", Summary.InitialValue,
                Summary.FinalValue, Summary.FinalGradientNorm);
}

std::string statisticsReport(const SolverSummary &Summary) {
  std::string Report;
  Report += format("Termination:  %s\n", toString(Summary.Termination));
  if (!Summary.Message.empty())
    Report += "              " + Summary.Message + "\n";
  Report += format("Iterations:   %d\n", Summary.NumIterations);
  Report += format("f:            %.10e -> %.10e\n", Summary.InitialValue,
                   Summary.FinalValue);
  Report += format("|g|:          %.3e\n", Summary.FinalGradientNorm);
  Report += format("Evaluations:  %d values, %d gradients, %d HVPs, "
                   "%d Hessians\n",
                   Summary.NumValueEvaluations, Summary.NumGradientEvaluations,
                   Summary.NumHvpEvaluations, Summary.NumHessianEvaluations);
  Report += format("Time:         %.6f s\n", Summary.TotalTimeInSeconds);
  return Report;
}

} // namespace detail
} // namespace hessc
