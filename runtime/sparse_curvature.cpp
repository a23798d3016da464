//===- runtime/sparse_curvature.cpp - The second-order test for large N ---===//

#include <hessc/sparse_curvature.h>
#include <hessc/sparse_hessian.h>

#include "common.h"

#include <Eigen/SparseCholesky>

#include <algorithm>
#include <cmath>

namespace hessc {

namespace {

/// The number of positive (Sign = +1) or negative (Sign = -1) pivots of the
/// LDLᵀ factorisation of H + Shift·I, i.e. by Sylvester's law the number of
/// eigenvalues of H above -Shift or below -Shift; -1 when the factorisation
/// meets a zero pivot.
Eigen::Index countPivots(
    Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>, Eigen::Lower> &LDLT,
    const SparseHessian &H, double Shift, int Sign) {
  Eigen::SparseMatrix<double> Shifted = H.matrix();
  for (Eigen::Index I = 0; I < Shifted.rows(); ++I)
    Shifted.valuePtr()[H.diagonalSlot(I)] += Shift;
  LDLT.factorize(Shifted);
  if (LDLT.info() != Eigen::Success)
    return -1;
  const Eigen::VectorXd &D = LDLT.vectorD();
  return Sign > 0 ? (D.array() > 0).count() : (D.array() < 0).count();
}

/// Counts with the shift nudged away from an eigenvalue that sits exactly on
/// it (a zero pivot); -1 when every nudge fails.
Eigen::Index countPivotsNudged(
    Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>, Eigen::Lower> &LDLT,
    const SparseHessian &H, double Shift, int Sign) {
  double Nudge = std::max(std::fabs(Shift), 1e-300) * 1e-10;
  for (int Attempt = 0; Attempt < 4; ++Attempt, Nudge *= 1e3) {
    Eigen::Index Count = countPivots(LDLT, H, Attempt ? Shift + Nudge : Shift, Sign);
    if (Count >= 0)
      return Count;
  }
  return -1;
}

} // namespace

SparseCurvatureAnalysis
analyzeSparseCurvature(const Objective &F, const Eigen::Ref<const Eigen::VectorXd> &X,
                       const CurvatureOptions &Options, const LanczosOptions &Lanczos) {
  detail::requireSize("hessc::analyzeSparseCurvature", "x", X.size(), F.dim());
  SparseCurvatureAnalysis A;
  A.Options = Options;
  SparseHessian H(F);
  A.Value = F.gradient(X, A.Gradient);
  A.GradientNorm = A.Gradient.norm();
  H.compute(X);
  A.Hessian = H.matrix();
  A.Colors = H.colors();
  const Eigen::Index N = F.dim();
  bool Finite = std::isfinite(A.Value) && std::isfinite(A.GradientNorm) &&
                std::all_of(A.Hessian.valuePtr(),
                            A.Hessian.valuePtr() + A.Hessian.nonZeros(),
                            [](double V) { return std::isfinite(V); });
  if (!Finite || N == 0)
    return A;

  auto Times = [&A](const Eigen::VectorXd &V, Eigen::VectorXd &Y) {
    Y = A.Hessian.selfadjointView<Eigen::Lower>() * V;
  };
  A.Extremes = lanczosExtremeEigenpairs(Times, N, Lanczos);
  if (A.Extremes.Status == LanczosStatus::NonFiniteValue)
    return A;
  double Largest = std::max(std::fabs(A.Extremes.MinEigenvalue),
                            std::fabs(A.Extremes.MaxEigenvalue));
  A.ZeroThreshold = Options.EigenvalueTolerance * std::max(1.0, Largest);

  Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>, Eigen::Lower> LDLT;
  LDLT.analyzePattern(A.Hessian);
  Eigen::Index Above = countPivotsNudged(LDLT, H, -A.ZeroThreshold, +1);
  Eigen::Index Below = countPivotsNudged(LDLT, H, A.ZeroThreshold, -1);
  if (Above < 0 || Below < 0) {
    A.Status = AnalysisStatus::NoConvergence;
    return A;
  }
  A.NumPositive = static_cast<int>(Above);
  A.NumNegative = static_cast<int>(Below);
  A.NumZero = static_cast<int>(N - Above - Below);
  A.PositiveDefinite = A.NumPositive == N;
  bool Definite = A.NumPositive == N || A.NumNegative == N;
  A.ConditionNumber = Definite ? Largest / std::min(std::fabs(A.Extremes.MinEigenvalue),
                                                    std::fabs(A.Extremes.MaxEigenvalue))
                               : std::numeric_limits<double>::infinity();
  if (!(A.GradientNorm <= Options.GradientTolerance))
    A.Type = CriticalPointType::NotCritical;
  else if (A.NumPositive > 0 && A.NumNegative > 0)
    A.Type = CriticalPointType::Saddle;
  else if (A.NumPositive == N)
    A.Type = CriticalPointType::LocalMinimum;
  else if (A.NumNegative == N)
    A.Type = CriticalPointType::LocalMaximum;
  else
    A.Type = CriticalPointType::Inconclusive;
  A.GradientStep = analyzeGradientStep(F, X);
  A.StepBound = A.Extremes.MaxEigenvalue > 0
                    ? 1.0 / A.Extremes.MaxEigenvalue
                    : std::numeric_limits<double>::infinity();
  A.Status = AnalysisStatus::Success;
  return A;
}

std::string SparseCurvatureAnalysis::report() const {
  using detail::format;
  std::string R = format("Sparse curvature analysis at a point of dimension %lld: %s\n",
                         static_cast<long long>(Gradient.size()), toString(Status));
  R += format("  f                      %.10e\n", Value);
  R += format("  |g|                    %.3e (critical when <= %.1e)\n", GradientNorm,
              Options.GradientTolerance);
  if (Status != AnalysisStatus::Success)
    return R;
  R += format("  Hessian                %lld stored entries (lower triangle), %d "
              "colours\n",
              static_cast<long long>(Hessian.nonZeros()), Colors);
  R += format("  classification         %s\n", toString(Type));
  R += format("  inertia                %d positive, %d negative, %d zero "
              "(|lambda| <= %.1e)\n",
              NumPositive, NumNegative, NumZero, ZeroThreshold);
  R += format("  extreme eigenvalues    %.6e, %.6e (Lanczos: %s)\n",
              Extremes.MinEigenvalue, Extremes.MaxEigenvalue, toString(Extremes.Status));
  R += format("  positive definite      %s\n", PositiveDefinite ? "yes" : "no");
  R += format("  condition number       %.6e\n", ConditionNumber);
  R += format("  eps* = g'g / g'Hg      %.6e (%s)\n", GradientStep.OptimalStep,
              toString(GradientStep.Status));
  R += format("  1/lambda_max           %.6e\n", StepBound);
  return R;
}

} // namespace hessc
