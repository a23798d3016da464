//===- runtime/curvature.cpp - What the Hessian says about a point --------===//
//
// The second-order test, the spectrum and condition number of H, the
// gradient-descent step ε* = gᵀg / gᵀHg, the bound 1/λmax and the Taylor
// check of f(x - εg).
//
//===----------------------------------------------------------------------===//
#include <hessc/curvature.h>

#include "common.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <limits>

namespace hessc {

namespace {
constexpr double Infinity = std::numeric_limits<double>::infinity();
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
} // namespace

const char *toString(CriticalPointType Type) {
  switch (Type) {
  case CriticalPointType::LocalMinimum:
    return "LocalMinimum";
  case CriticalPointType::LocalMaximum:
    return "LocalMaximum";
  case CriticalPointType::Saddle:
    return "Saddle";
  case CriticalPointType::Inconclusive:
    return "Inconclusive";
  case CriticalPointType::NotCritical:
    return "NotCritical";
  }
  return "?";
}

const char *toString(AnalysisStatus Status) {
  switch (Status) {
  case AnalysisStatus::Success:
    return "Success";
  case AnalysisStatus::NonFiniteValue:
    return "NonFiniteValue";
  case AnalysisStatus::NoConvergence:
    return "NoConvergence";
  }
  return "?";
}

const char *toString(GradientStepStatus Status) {
  switch (Status) {
  case GradientStepStatus::Finite:
    return "Finite";
  case GradientStepStatus::Unbounded:
    return "Unbounded";
  case GradientStepStatus::ZeroGradient:
    return "ZeroGradient";
  case GradientStepStatus::NonFiniteValue:
    return "NonFiniteValue";
  }
  return "?";
}

namespace {

void validate(const CurvatureOptions &Options) {
  const char *Who = "hessc::CurvatureOptions";
  detail::require(Options.GradientTolerance >= 0, Who,
                  "GradientTolerance must be non-negative");
  detail::require(Options.EigenvalueTolerance >= 0, Who,
                  "EigenvalueTolerance must be non-negative");
}

double zeroThresholdFor(double MaxAbsEigenvalue,
                        const CurvatureOptions &Options) {
  return Options.EigenvalueTolerance * std::max(1.0, MaxAbsEigenvalue);
}

/// ε* and its companions from f, gᵀg and gᵀHg.
GradientStepAnalysis gradientStepFrom(double Value, double GG, double GHG) {
  GradientStepAnalysis Step;
  Step.Value = Value;
  Step.GradientNormSquared = GG;
  Step.GradientCurvature = GHG;
  if (!std::isfinite(Value) || !std::isfinite(GG) || !std::isfinite(GHG)) {
    Step.Status = GradientStepStatus::NonFiniteValue;
    return Step;
  }
  if (GG == 0) {
    Step.Status = GradientStepStatus::ZeroGradient;
    Step.OptimalStep = 0;
    Step.PredictedDecrease = 0;
    return Step;
  }
  if (GHG <= 0) {
    Step.Status = GradientStepStatus::Unbounded;
    Step.OptimalStep = Infinity;
    Step.PredictedDecrease = Infinity;
    return Step;
  }
  Step.Status = GradientStepStatus::Finite;
  Step.OptimalStep = GG / GHG;
  Step.PredictedDecrease = 0.5 * GG * GG / GHG;
  return Step;
}

/// The prediction at Step from f, gᵀg, gᵀHg and the true f(x - εg).
TaylorPrediction taylorFrom(double Step, double Value, double GG, double GHG,
                            double Actual) {
  TaylorPrediction Taylor;
  Taylor.Step = Step;
  Taylor.Value = Value;
  Taylor.FirstOrder = Value - Step * GG;
  Taylor.SecondOrder = Taylor.FirstOrder + 0.5 * Step * Step * GHG;
  Taylor.Actual = Actual;
  Taylor.Error = Actual - Taylor.SecondOrder;
  return Taylor;
}

} // namespace

CriticalPointType classifyCriticalPoint(double MinEigenvalue,
                                        double MaxEigenvalue,
                                        double GradientNorm,
                                        const CurvatureOptions &Options) {
  validate(Options);
  if (!(GradientNorm <= Options.GradientTolerance))
    return std::isnan(GradientNorm) ? CriticalPointType::Inconclusive
                                    : CriticalPointType::NotCritical;
  if (std::isnan(MinEigenvalue) || std::isnan(MaxEigenvalue))
    return CriticalPointType::Inconclusive;
  double Zero = zeroThresholdFor(
      std::max(std::fabs(MinEigenvalue), std::fabs(MaxEigenvalue)), Options);
  bool HasNegative = MinEigenvalue < -Zero;
  bool HasPositive = MaxEigenvalue > Zero;
  if (HasNegative && HasPositive)
    return CriticalPointType::Saddle;
  if (MinEigenvalue > Zero)
    return CriticalPointType::LocalMinimum;
  if (MaxEigenvalue < -Zero)
    return CriticalPointType::LocalMaximum;
  return CriticalPointType::Inconclusive;
}

CriticalPointType
classifyCriticalPoint(const Eigen::Ref<const Eigen::VectorXd> &Eigenvalues,
                      double GradientNorm, const CurvatureOptions &Options) {
  if (Eigenvalues.size() == 0)
    return classifyCriticalPoint(0.0, 0.0, GradientNorm, Options);
  return classifyCriticalPoint(Eigenvalues.minCoeff(), Eigenvalues.maxCoeff(),
                               GradientNorm, Options);
}

GradientStepAnalysis
analyzeGradientStep(const Objective &F,
                    const Eigen::Ref<const Eigen::VectorXd> &X) {
  detail::requireSize("hessc::analyzeGradientStep", "x", X.size(), F.dim());
  if (!X.allFinite())
    return {};
  Eigen::VectorXd G, HG;
  double Value = F.gradient(X, G);
  if (!G.allFinite())
    return gradientStepFrom(Value, NaN, NaN);
  F.hvp(X, G, HG);
  return gradientStepFrom(Value, G.squaredNorm(), G.dot(HG));
}

double directionalCurvature(const Objective &F,
                            const Eigen::Ref<const Eigen::VectorXd> &X,
                            const Eigen::Ref<const Eigen::VectorXd> &D) {
  detail::requireSize("hessc::directionalCurvature", "x", X.size(), F.dim());
  detail::requireSize("hessc::directionalCurvature", "d", D.size(), F.dim());
  Eigen::VectorXd HD;
  F.hvp(X, D, HD);
  return D.dot(HD);
}

TaylorPrediction predictGradientStep(const Objective &F,
                                     const Eigen::Ref<const Eigen::VectorXd> &X,
                                     double Step) {
  detail::requireSize("hessc::predictGradientStep", "x", X.size(), F.dim());
  Eigen::VectorXd G, HG;
  double Value = F.gradient(X, G);
  F.hvp(X, G, HG);
  double Actual = F.value(X - Step * G);
  return taylorFrom(Step, Value, G.squaredNorm(), G.dot(HG), Actual);
}

double CurvatureAnalysis::zeroThreshold() const {
  double MaxAbs = Eigenvalues.size() ? Eigenvalues.cwiseAbs().maxCoeff() : 0.0;
  return zeroThresholdFor(MaxAbs, Options);
}

CurvatureAnalysis analyzeCurvature(const Objective &F,
                                   const Eigen::Ref<const Eigen::VectorXd> &X,
                                   const CurvatureOptions &Options) {
  detail::requireSize("hessc::analyzeCurvature", "x", X.size(), F.dim());
  validate(Options);
  CurvatureAnalysis A;
  A.Options = Options;
  A.Point = X;
  if (!X.allFinite())
    return A;
  A.Value = F.gradient(X, A.Gradient);
  A.GradientNorm = A.Gradient.norm();
  F.hessian(X, A.Hessian);
  if (!std::isfinite(A.Value) || !std::isfinite(A.GradientNorm) ||
      !A.Hessian.allFinite())
    return A;

  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> Solver(A.Hessian);
  if (Solver.info() != Eigen::Success) {
    A.Status = AnalysisStatus::NoConvergence;
    return A;
  }
  A.Status = AnalysisStatus::Success;
  A.Eigenvalues = Solver.eigenvalues();
  A.Eigenvectors = Solver.eigenvectors();
  A.Type = classifyCriticalPoint(A.Eigenvalues, A.GradientNorm, Options);

  const Eigen::Index N = A.Eigenvalues.size();
  double Zero = A.zeroThreshold();
  for (Eigen::Index I = 0; I < N; ++I) {
    double Lambda = A.Eigenvalues[I];
    A.NumPositive += Lambda > Zero;
    A.NumNegative += Lambda < -Zero;
    A.NumZero += std::fabs(Lambda) <= Zero;
  }
  A.PositiveDefinite = N > 0 && A.NumPositive == N;
  double MaxAbs = N ? A.Eigenvalues.cwiseAbs().maxCoeff() : 0.0;
  double MinAbs = N ? A.Eigenvalues.cwiseAbs().minCoeff() : 0.0;
  A.ConditionNumber = MinAbs > 0 ? MaxAbs / MinAbs : Infinity;
  double LambdaMax = N ? A.Eigenvalues[N - 1] : 0.0;
  A.StepBound = LambdaMax > 0 ? 1 / LambdaMax : Infinity;

  double GG = A.Gradient.squaredNorm();
  double GHG = A.Gradient.dot(A.Hessian * A.Gradient);
  A.GradientStep = gradientStepFrom(A.Value, GG, GHG);
  double Step = NaN;
  if (A.GradientStep.Status == GradientStepStatus::Finite)
    Step = A.GradientStep.OptimalStep;
  else if (A.GradientStep.Status == GradientStepStatus::Unbounded && MaxAbs > 0)
    Step = 1 / MaxAbs;
  if (std::isfinite(Step))
    A.Taylor = taylorFrom(Step, A.Value, GG, GHG,
                          F.value(A.Point - Step * A.Gradient));
  return A;
}

std::string CurvatureAnalysis::report() const {
  using detail::format;
  std::string R;
  R += format("Curvature analysis at a point of dimension %lld: %s\n",
              static_cast<long long>(Point.size()), toString(Status));
  if (Status != AnalysisStatus::Success) {
    R += format("  f = %.10e, |g| = %.3e\n", Value, GradientNorm);
    return R;
  }
  R += format("  f                      %.10e\n", Value);
  R += format("  |g|                    %.3e (critical when <= %.1e)\n",
              GradientNorm, Options.GradientTolerance);
  R += format("  classification         %s\n", toString(Type));
  R += format("  eigenvalues            ");
  Eigen::Index Shown = std::min<Eigen::Index>(Eigenvalues.size(), 10);
  for (Eigen::Index I = 0; I < Shown; ++I)
    R += format("%s%.6e", I ? ", " : "", Eigenvalues[I]);
  if (Shown < Eigenvalues.size())
    R += format(", ... (%lld in all; largest %.6e)",
                static_cast<long long>(Eigenvalues.size()),
                Eigenvalues[Eigenvalues.size() - 1]);
  R += "\n";
  if (Eigenvalues.size() <= 10) {
    for (Eigen::Index J = 0; J < Eigenvectors.cols(); ++J) {
      R += format("  eigenvector %-10lld ", static_cast<long long>(J + 1));
      for (Eigen::Index I = 0; I < Eigenvectors.rows(); ++I)
        R += format("%s%+.6f", I ? ", " : "(", Eigenvectors(I, J));
      R += ")\n";
    }
  }
  R += format("  inertia                %d positive, %d negative, %d zero "
              "(|lambda| <= %.1e)\n",
              NumPositive, NumNegative, NumZero, zeroThreshold());
  R += format("  positive definite      %s\n", PositiveDefinite ? "yes" : "no");
  R += format("  condition number       %.6e\n", ConditionNumber);
  R +=
      format("  g'Hg                   %.6e\n", GradientStep.GradientCurvature);
  switch (GradientStep.Status) {
  case GradientStepStatus::Finite:
    R += format("  eps* = g'g / g'Hg      %.6e (exact line minimiser of the "
                "quadratic model along -g)\n",
                GradientStep.OptimalStep);
    break;
  case GradientStepStatus::Unbounded:
    R += "  eps* = g'g / g'Hg      none: g'Hg <= 0, the model decreases "
         "without bound along -g\n";
    break;
  case GradientStepStatus::ZeroGradient:
    R += "  eps* = g'g / g'Hg      none: g = 0\n";
    break;
  case GradientStepStatus::NonFiniteValue:
    R += "  eps* = g'g / g'Hg      not finite\n";
    break;
  }
  R += format("  1/lambda_max           %.6e (fixed steps up to this decrease "
              "a quadratic; below 2/lambda_max converge)\n",
              StepBound);
  if (std::isfinite(Taylor.Step))
    R += format("  f(x - eps g), eps = %.3e: predicted %.10e (first order "
                "%.10e), actual %.10e, error %.3e\n",
                Taylor.Step, Taylor.SecondOrder, Taylor.FirstOrder,
                Taylor.Actual, Taylor.Error);
  return R;
}

} // namespace hessc
