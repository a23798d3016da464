//===- runtime/truncated_cg.h - CG on the Newton equation, truncated ------===//
//
// Not installed. The inner solver of Newton-CG and of the trust-region
// method: conjugate gradients on H p = -g through products with H, stopped
// by a residual tolerance, negative curvature, the trust-region boundary
// (Steihaug) or an iteration budget.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_RUNTIME_TRUNCATED_CG_H
#define HESSC_RUNTIME_TRUNCATED_CG_H

#include <hessc/solver.h>

#include <Eigen/Core>

#include <functional>

namespace hessc {
namespace detail {

/// Y = H V.
using HessianProduct =
    std::function<void(const Eigen::VectorXd &V, Eigen::VectorXd &Y)>;

/// The step and what it cost.
struct TruncatedCGResult {
  CGTermination Stop = CGTermination::MaxIterations;
  /// Products with H.
  int Iterations = 0;
  /// p, and H p (tracked through the iteration, no extra product).
  Eigen::VectorXd Step;
  Eigen::VectorXd HessianStep;
  /// The step ends on the trust-region boundary.
  bool OnBoundary = false;
};

/// Approximately solves H p = -G, stopping when ‖Hp + G‖ ≤ Tolerance.
///
/// With a finite \p Radius this is Steihaug-CG: the iterates stay in
/// ‖p‖ ≤ Radius; a direction of non-positive curvature, or one that leaves
/// the region, is followed to the boundary (to the root with the lower model
/// value). With Radius = +∞ it is the CG of line-search Newton-CG (Nocedal &
/// Wright, Algorithm 7.1): at non-positive curvature the iterate so far is
/// returned, or -G when that happens on the first direction.
TruncatedCGResult truncatedCG(const HessianProduct &H, const Eigen::VectorXd &G,
                              double Radius, double Tolerance,
                              int MaxIterations);

/// η_k = min(MaxForcingTerm, sqrt(‖g‖)).
double forcingTerm(double GradientNorm, double MaxForcingTerm);

} // namespace detail
} // namespace hessc

#endif // HESSC_RUNTIME_TRUNCATED_CG_H
