//===- runtime/truncated_cg.cpp - CG on the Newton equation, truncated ----===//
//
// Nocedal & Wright, Algorithms 7.1 (line search) and 7.2 (Steihaug). H p is
// tracked alongside p so that the trust-region method gets the model value
// m(p) = gᵀp + ½ pᵀHp without one more product.
//
//===----------------------------------------------------------------------===//
#include "truncated_cg.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hessc {
namespace detail {

namespace {

/// gᵀp + ½ pᵀHp.
double modelChange(const Eigen::VectorXd &G, const Eigen::VectorXd &P,
                   const Eigen::VectorXd &HP) {
  return G.dot(P) + 0.5 * P.dot(HP);
}

/// The roots τ₋ ≤ 0 ≤ τ₊ of ‖Z + τD‖ = Radius, for ‖Z‖ ≤ Radius.
void boundaryRoots(const Eigen::VectorXd &Z, const Eigen::VectorXd &D,
                   double Radius, double &Lower, double &Upper) {
  double A = D.squaredNorm();
  double B = Z.dot(D);
  double C = std::min(0.0, Z.squaredNorm() - Radius * Radius);
  double Root = std::sqrt(B * B - A * C);
  // Stable forms: the root of larger magnitude first.
  double Q = B >= 0 ? -(B + Root) : -(B - Root);
  double First = Q / A;
  double Second = Q != 0 ? C / Q : 0.0;
  Lower = std::min(First, Second);
  Upper = std::max(First, Second);
}

/// Ends the CG on the boundary along D from Z: P = Z + τD with τ the root
/// of lower model value (only τ₊ when the step must go forward).
void stepToBoundary(const Eigen::VectorXd &G, const Eigen::VectorXd &Z,
                    const Eigen::VectorXd &HZ, const Eigen::VectorXd &D,
                    const Eigen::VectorXd &HD, double Radius, bool ForwardOnly,
                    TruncatedCGResult &Result) {
  double Lower, Upper;
  boundaryRoots(Z, D, Radius, Lower, Upper);
  Result.Step = Z + Upper * D;
  Result.HessianStep = HZ + Upper * HD;
  if (!ForwardOnly) {
    Eigen::VectorXd Back = Z + Lower * D;
    Eigen::VectorXd HBack = HZ + Lower * HD;
    if (modelChange(G, Back, HBack) <
        modelChange(G, Result.Step, Result.HessianStep)) {
      Result.Step.swap(Back);
      Result.HessianStep.swap(HBack);
    }
  }
  Result.OnBoundary = true;
}

} // namespace

double forcingTerm(double GradientNorm, double MaxForcingTerm) {
  return std::min(MaxForcingTerm, std::sqrt(GradientNorm));
}

TruncatedCGResult truncatedCG(const HessianProduct &H, const Eigen::VectorXd &G,
                              double Radius, double Tolerance,
                              int MaxIterations) {
  const Eigen::Index N = G.size();
  const bool Bounded = std::isfinite(Radius);
  TruncatedCGResult Result;
  Eigen::VectorXd Z = Eigen::VectorXd::Zero(N);
  Eigen::VectorXd HZ = Eigen::VectorXd::Zero(N);
  Eigen::VectorXd R = G;
  Eigen::VectorXd D = -G;
  Eigen::VectorXd HD(N);
  double RR = R.squaredNorm();
  if (std::sqrt(RR) <= Tolerance) {
    Result.Stop = CGTermination::ResidualTolerance;
    Result.Step = Z;
    Result.HessianStep = HZ;
    return Result;
  }

  for (int J = 0; J < MaxIterations; ++J) {
    H(D, HD);
    ++Result.Iterations;
    double Curvature = D.dot(HD);
    if (!std::isfinite(Curvature)) {
      Result.Stop = CGTermination::NonFiniteValue;
      Result.Step = Z;
      Result.HessianStep = HZ;
      return Result;
    }
    if (Curvature <= 0) {
      Result.Stop = CGTermination::NegativeCurvature;
      if (Bounded) {
        stepToBoundary(G, Z, HZ, D, HD, Radius, /*ForwardOnly=*/false, Result);
      } else if (J == 0) {
        Result.Step = D;
        Result.HessianStep = HD;
      } else {
        Result.Step = Z;
        Result.HessianStep = HZ;
      }
      return Result;
    }

    double Alpha = RR / Curvature;
    if (Bounded && (Z + Alpha * D).norm() >= Radius) {
      Result.Stop = CGTermination::TrustRegionBoundary;
      stepToBoundary(G, Z, HZ, D, HD, Radius, /*ForwardOnly=*/true, Result);
      return Result;
    }
    Z += Alpha * D;
    HZ += Alpha * HD;
    R += Alpha * HD;
    double NextRR = R.squaredNorm();
    if (std::sqrt(NextRR) <= Tolerance) {
      Result.Stop = CGTermination::ResidualTolerance;
      Result.Step = Z;
      Result.HessianStep = HZ;
      return Result;
    }
    D = -R + (NextRR / RR) * D;
    RR = NextRR;
  }
  Result.Stop = CGTermination::MaxIterations;
  Result.Step = Z;
  Result.HessianStep = HZ;
  return Result;
}

} // namespace detail
} // namespace hessc
