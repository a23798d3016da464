//===- hessc/lanczos.h - Extreme eigenvalues from Hessian-vector products -===//
//
// The Lanczos iteration builds an orthonormal basis V_k of the Krylov space
// span{v, Hv, ..., H^{k-1}v} and the tridiagonal T_k = V_kᵀ H V_k; the
// extreme eigenvalues of T_k (Ritz values) converge to the extreme
// eigenvalues of H long before k reaches N. H is touched only through
// products Hv, so this is how the curvature of a problem whose Hessian does
// not fit in memory is measured (λmin, λmax, hence the step bound 1/λmax and
// the classification of a critical point).
//
// This implementation re-orthogonalises every new Lanczos vector against
// all previous ones (twice: "twice is enough"), which keeps the basis
// orthogonal to rounding so no spurious copies of converged eigenvalues
// appear. It costs k stored N-vectors and O(k²N) flops besides the k HVPs:
// fine for k of a few hundred. A pair (θ, y = V_k s) has the residual
// ‖Hy - θy‖ = β_k |s_k|, which is the convergence test.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_LANCZOS_H
#define HESSC_LANCZOS_H

#include <hessc/objective.h>

#include <Eigen/Core>

#include <functional>
#include <limits>
#include <string>

namespace hessc {

/// Options of the Lanczos iteration.
struct LanczosOptions {
  /// The largest Krylov dimension (= products with H), capped at N
  /// (default 300).
  int MaxIterations = 300;
  /// Both extreme Ritz pairs have converged when their residuals are at
  /// most Tolerance · max|θ| (default 1e-8).
  double Tolerance = 1e-8;
  /// The first Lanczos vector (normalised here). Empty: a pseudo-random
  /// vector from Seed, which has a component along every eigenvector with
  /// probability one (a structured start such as all ones may not).
  Eigen::VectorXd StartVector;
  /// The seed of the pseudo-random start (default 42): runs are
  /// reproducible.
  unsigned Seed = 42;
};

/// How the iteration ended.
enum class LanczosStatus {
  /// Both extreme pairs met the tolerance, or the Krylov space became
  /// invariant (its Ritz values are then exact eigenvalues of H).
  Converged,
  /// MaxIterations products were spent first: the values are the current
  /// estimates (λmin too high, λmax too low) with their residuals.
  MaxIterationsReached,
  /// A product Hv was NaN or infinite, or the start vector was zero or not
  /// finite.
  NonFiniteValue,
};

/// The name of a Lanczos status, e.g. "Converged".
const char *toString(LanczosStatus Status);

/// The extreme eigenpairs found.
struct LanczosResult {
  LanczosStatus Status = LanczosStatus::NonFiniteValue;
  /// Estimates of λmin and λmax of H, and unit vectors for them.
  double MinEigenvalue = std::numeric_limits<double>::quiet_NaN();
  double MaxEigenvalue = std::numeric_limits<double>::quiet_NaN();
  Eigen::VectorXd MinEigenvector;
  Eigen::VectorXd MaxEigenvector;
  /// ‖Hy - θy‖ for each pair.
  double MinResidual = std::numeric_limits<double>::quiet_NaN();
  double MaxResidual = std::numeric_limits<double>::quiet_NaN();
  /// Lanczos steps taken (= products with H).
  int Iterations = 0;

  /// "Converged after 41 products: lambda in [-2.0e+00, 7.0e+00] ...".
  std::string report() const;
};

/// y = H v for a symmetric H of the size given alongside; y is resized by
/// the operator if needed.
using SymmetricOperator =
    std::function<void(const Eigen::VectorXd &V, Eigen::VectorXd &Y)>;

/// The extreme eigenpairs of the symmetric operator \p H of size \p N.
/// Throws std::invalid_argument when N < 1, a start vector has the wrong
/// size, or an option is out of range.
LanczosResult lanczosExtremeEigenpairs(const SymmetricOperator &H,
                                       Eigen::Index N,
                                       const LanczosOptions &Options = {});

/// The extreme eigenpairs of the Hessian of F at \p X, through F.hvp.
LanczosResult
lanczosExtremeEigenpairs(const Objective &F,
                         const Eigen::Ref<const Eigen::VectorXd> &X,
                         const LanczosOptions &Options = {});

} // namespace hessc

#endif // HESSC_LANCZOS_H
