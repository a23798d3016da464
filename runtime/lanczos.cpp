//===- runtime/lanczos.cpp - Extreme eigenvalues by Lanczos over HVPs -----===//
//
// Lanczos with full re-orthogonalisation. The Ritz values come from Eigen's
// tridiagonal eigensolver (SelfAdjointEigenSolver::computeFromTridiagonal);
// since that costs O(k³) with eigenvectors, convergence is tested at every
// step while k ≤ 40 and every 10 steps after that.
//
//===----------------------------------------------------------------------===//
#include <hessc/lanczos.h>

#include "common.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace hessc {

const char *toString(LanczosStatus Status) {
  switch (Status) {
  case LanczosStatus::Converged:
    return "Converged";
  case LanczosStatus::MaxIterationsReached:
    return "MaxIterationsReached";
  case LanczosStatus::NonFiniteValue:
    return "NonFiniteValue";
  }
  return "?";
}

std::string LanczosResult::report() const {
  return detail::format(
      "Lanczos: %s after %d products: lambda_min %.10e (residual %.1e), "
      "lambda_max %.10e (residual %.1e)",
      toString(Status), Iterations, MinEigenvalue, MinResidual, MaxEigenvalue,
      MaxResidual);
}

namespace {

Eigen::VectorXd startVector(Eigen::Index N, const LanczosOptions &Options) {
  if (Options.StartVector.size())
    return Options.StartVector;
  std::mt19937_64 Generator(Options.Seed);
  std::uniform_real_distribution<double> Uniform(-1.0, 1.0);
  Eigen::VectorXd V(N);
  for (Eigen::Index I = 0; I < N; ++I)
    V[I] = Uniform(Generator);
  return V;
}

/// Σᵢ Basis[i] Coefficients[i], normalised.
Eigen::VectorXd combine(const std::vector<Eigen::VectorXd> &Basis,
                        const Eigen::VectorXd &Coefficients) {
  Eigen::VectorXd Y = Eigen::VectorXd::Zero(Basis.front().size());
  for (size_t I = 0; I < Basis.size(); ++I)
    Y += Coefficients[static_cast<Eigen::Index>(I)] * Basis[I];
  double Norm = Y.norm();
  return Norm > 0 ? Eigen::VectorXd(Y / Norm) : Y;
}

/// Computes the Ritz pairs of the tridiagonal (Alpha, Beta) whose next
/// off-diagonal entry would be B; fills Result and returns true when both
/// extreme pairs have converged, the space is invariant, or this is the
/// last step.
bool finishIfConverged(
    const std::vector<Eigen::VectorXd> &Basis, const Eigen::VectorXd &Alpha,
    const Eigen::VectorXd &Beta, double B, bool Invariant, bool Last,
    double Tolerance,
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> &Tridiagonal,
    LanczosResult &Result) {
  const Eigen::Index K = Alpha.size() - 1;
  Tridiagonal.computeFromTridiagonal(Alpha, Beta, Eigen::ComputeEigenvectors);
  const Eigen::VectorXd &Theta = Tridiagonal.eigenvalues();
  const Eigen::MatrixXd &S = Tridiagonal.eigenvectors();
  double MinResidual = B * std::fabs(S(K, 0));
  double MaxResidual = B * std::fabs(S(K, K));
  double RitzScale = std::max(std::fabs(Theta[0]), std::fabs(Theta[K]));
  bool Converged =
      Invariant || std::max(MinResidual, MaxResidual) <= Tolerance * RitzScale;
  if (!Converged && !Last)
    return false;
  Result.Status = Converged ? LanczosStatus::Converged
                            : LanczosStatus::MaxIterationsReached;
  Result.MinEigenvalue = Theta[0];
  Result.MaxEigenvalue = Theta[K];
  Result.MinResidual = MinResidual;
  Result.MaxResidual = MaxResidual;
  Result.MinEigenvector = combine(Basis, S.col(0));
  Result.MaxEigenvector = combine(Basis, S.col(K));
  return true;
}

} // namespace

LanczosResult lanczosExtremeEigenpairs(const SymmetricOperator &H,
                                       Eigen::Index N,
                                       const LanczosOptions &Options) {
  const char *Who = "hessc::lanczosExtremeEigenpairs";
  detail::require(N >= 1, Who, "the operator's size must be at least 1");
  detail::require(Options.MaxIterations >= 1, Who,
                  "MaxIterations must be at least 1");
  detail::require(Options.Tolerance >= 0 && std::isfinite(Options.Tolerance),
                  Who, "Tolerance must be finite and non-negative");
  if (Options.StartVector.size())
    detail::requireSize(Who, "the start vector", Options.StartVector.size(), N);

  LanczosResult Result;
  Eigen::VectorXd V = startVector(N, Options);
  double Norm = V.norm();
  if (!std::isfinite(Norm) || Norm == 0)
    return Result;
  V /= Norm;

  const int MaxSteps =
      static_cast<int>(std::min<Eigen::Index>(Options.MaxIterations, N));
  std::vector<Eigen::VectorXd> Basis;
  Basis.reserve(static_cast<size_t>(MaxSteps));
  Eigen::VectorXd Alpha(MaxSteps), Beta(MaxSteps);
  Eigen::VectorXd W;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> Tridiagonal;

  for (int J = 0; J < MaxSteps; ++J) {
    Basis.push_back(V);
    H(Basis.back(), W);
    ++Result.Iterations;
    if (W.size() != N || !W.allFinite()) {
      Result.Status = LanczosStatus::NonFiniteValue;
      return Result;
    }
    Alpha[J] = Basis[J].dot(W);
    W -= Alpha[J] * Basis[J];
    if (J > 0)
      W -= Beta[J - 1] * Basis[J - 1];
    // Full re-orthogonalisation, twice ("twice is enough").
    for (int Pass = 0; Pass < 2; ++Pass)
      for (const Eigen::VectorXd &Q : Basis)
        W -= Q.dot(W) * Q;
    double B = W.norm();

    bool Last = J + 1 == MaxSteps;
    double Scale = Alpha.head(J + 1).cwiseAbs().maxCoeff() +
                   (J ? Beta.head(J).maxCoeff() : 0.0);
    bool Invariant = B <= 1e-12 * std::max(Scale, 1e-300);
    bool Check = J < 40 || (J + 1) % 10 == 0 || Last || Invariant;
    if (Check &&
        finishIfConverged(Basis, Alpha.head(J + 1), Beta.head(J), B, Invariant,
                          Last, Options.Tolerance, Tridiagonal, Result))
      return Result;
    Beta[J] = B;
    V = W / B;
  }
  return Result; // Not reached: the last step always returns.
}

LanczosResult
lanczosExtremeEigenpairs(const Objective &F,
                         const Eigen::Ref<const Eigen::VectorXd> &X,
                         const LanczosOptions &Options) {
  detail::requireSize("hessc::lanczosExtremeEigenpairs", "x", X.size(),
                      F.dim());
  Eigen::VectorXd Point = X;
  return lanczosExtremeEigenpairs(
      [&F, &Point](const Eigen::VectorXd &V, Eigen::VectorXd &Y) {
        F.hvp(Point, V, Y);
      },
      F.dim(), Options);
}

} // namespace hessc
