//===- hessc/curvature.h - What the Hessian says about a point ------------===//
//
// Second-order analysis at a point x: the spectrum of H(x) (Eigen's
// SelfAdjointEigenSolver), the kind of critical point it is, how
// ill-conditioned it is, and what it implies for gradient descent:
//
//  - along -g the quadratic model f(x - εg) ≈ f - ε gᵀg + ½ ε² gᵀHg is
//    minimised by ε* = gᵀg / gᵀHg when gᵀHg > 0; when gᵀHg ≤ 0 the model
//    decreases without bound along -g, there is no such step and a line
//    search must choose one (GradientStepStatus::Unbounded);
//  - on a quadratic, gradient descent with a fixed step ε converges for
//    ε < 2/λmax and decreases f at every step for ε ≤ 1/λmax (the bound
//    reported below; it is +∞ when λmax ≤ 0).
//
// analyzeCurvature evaluates the dense Hessian; directionalCurvature,
// analyzeGradientStep and predictGradientStep need one HVP and so work for
// any N (lanczos.h gives the extreme eigenvalues then).
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_CURVATURE_H
#define HESSC_CURVATURE_H

#include <hessc/objective.h>

#include <Eigen/Core>

#include <limits>
#include <string>

namespace hessc {

/// What kind of point the second-order test finds.
enum class CriticalPointType {
  /// ‖∇f‖ ≤ tolerance and every eigenvalue is positive.
  LocalMinimum,
  /// ‖∇f‖ ≤ tolerance and every eigenvalue is negative.
  LocalMaximum,
  /// ‖∇f‖ ≤ tolerance and eigenvalues of both signs.
  Saddle,
  /// ‖∇f‖ ≤ tolerance, no eigenvalues of both signs, and some are zero
  /// within tolerance: the second-order test cannot decide (x⁴ at 0).
  Inconclusive,
  /// ‖∇f‖ > tolerance: not a critical point at all.
  NotCritical,
};

/// The name of a point type, e.g. "Saddle".
const char *toString(CriticalPointType Type);

/// Tolerances of the second-order test.
struct CurvatureOptions {
  /// x is critical when ‖∇f(x)‖₂ ≤ GradientTolerance (default 1e-6).
  double GradientTolerance = 1e-6;
  /// λ counts as zero when |λ| ≤ EigenvalueTolerance · max(1, max|λ|)
  /// (default 1e-8).
  double EigenvalueTolerance = 1e-8;
};

/// The second-order test from the extreme eigenvalues of H and ‖∇f‖ (the
/// classification depends on nothing else, so Lanczos estimates do).
CriticalPointType classifyCriticalPoint(double MinEigenvalue,
                                        double MaxEigenvalue,
                                        double GradientNorm,
                                        const CurvatureOptions &Options = {});

/// The second-order test from the whole spectrum of H and ‖∇f‖.
CriticalPointType
classifyCriticalPoint(const Eigen::Ref<const Eigen::VectorXd> &Eigenvalues,
                      double GradientNorm,
                      const CurvatureOptions &Options = {});

/// Whether an analysis could be carried out.
enum class AnalysisStatus {
  Success,
  /// f, ∇f, H or an HVP was NaN or infinite at x (or x itself was).
  NonFiniteValue,
  /// The eigensolver did not converge.
  NoConvergence,
};

/// The name of an analysis status, e.g. "NonFiniteValue".
const char *toString(AnalysisStatus Status);

/// What the curvature along -g says about the gradient-descent step.
enum class GradientStepStatus {
  /// gᵀHg > 0: ε* = gᵀg / gᵀHg minimises the quadratic model along -g.
  Finite,
  /// gᵀHg ≤ 0 with g ≠ 0: the model decreases without bound along -g;
  /// ε* = +∞ and the step must come from a line search.
  Unbounded,
  /// g = 0: there is no gradient step; ε* = 0.
  ZeroGradient,
  /// f, g or Hg was NaN or infinite; ε* = NaN.
  NonFiniteValue,
};

/// The name of a gradient-step status, e.g. "Unbounded".
const char *toString(GradientStepStatus Status);

/// The step ε* = gᵀg / gᵀHg and the quantities it comes from.
struct GradientStepAnalysis {
  GradientStepStatus Status = GradientStepStatus::NonFiniteValue;
  /// f(x), gᵀg and gᵀHg.
  double Value = std::numeric_limits<double>::quiet_NaN();
  double GradientNormSquared = std::numeric_limits<double>::quiet_NaN();
  double GradientCurvature = std::numeric_limits<double>::quiet_NaN();
  /// ε* (see Status for +∞, 0 and NaN).
  double OptimalStep = std::numeric_limits<double>::quiet_NaN();
  /// The model's decrease at ε*: ½ (gᵀg)² / gᵀHg (+∞ when Unbounded).
  double PredictedDecrease = std::numeric_limits<double>::quiet_NaN();
};

/// ε* at x, from one gradient and one HVP.
GradientStepAnalysis
analyzeGradientStep(const Objective &F,
                    const Eigen::Ref<const Eigen::VectorXd> &X);

/// The directional second derivative dᵀH(x)d, from one HVP. Not
/// normalised: for a unit vector d it is the curvature along d.
double directionalCurvature(const Objective &F,
                            const Eigen::Ref<const Eigen::VectorXd> &X,
                            const Eigen::Ref<const Eigen::VectorXd> &D);

/// f(x - εg) predicted by its Taylor expansions next to the true value.
struct TaylorPrediction {
  /// ε.
  double Step = std::numeric_limits<double>::quiet_NaN();
  /// f(x).
  double Value = std::numeric_limits<double>::quiet_NaN();
  /// First order: f - ε gᵀg.
  double FirstOrder = std::numeric_limits<double>::quiet_NaN();
  /// Second order: f - ε gᵀg + ½ ε² gᵀHg.
  double SecondOrder = std::numeric_limits<double>::quiet_NaN();
  /// f(x - εg), evaluated.
  double Actual = std::numeric_limits<double>::quiet_NaN();
  /// Actual - SecondOrder: O(ε³) for smooth f, 0 for a quadratic.
  double Error = std::numeric_limits<double>::quiet_NaN();
};

/// The prediction for the step \p Step along -∇f(x), from one gradient, one
/// HVP and one value.
TaylorPrediction predictGradientStep(const Objective &F,
                                     const Eigen::Ref<const Eigen::VectorXd> &X,
                                     double Step);

/// Everything the dense Hessian says about x.
struct CurvatureAnalysis {
  /// Success, or why the fields below are not meaningful.
  AnalysisStatus Status = AnalysisStatus::NonFiniteValue;
  /// The tolerances used.
  CurvatureOptions Options;
  /// x, f(x), ∇f(x), ‖∇f(x)‖₂ and H(x).
  Eigen::VectorXd Point;
  double Value = std::numeric_limits<double>::quiet_NaN();
  Eigen::VectorXd Gradient;
  double GradientNorm = std::numeric_limits<double>::quiet_NaN();
  Eigen::MatrixXd Hessian;
  /// The eigenvalues in increasing order, and the matching unit
  /// eigenvectors as columns.
  Eigen::VectorXd Eigenvalues;
  Eigen::MatrixXd Eigenvectors;
  /// The second-order test.
  CriticalPointType Type = CriticalPointType::Inconclusive;
  /// The inertia: eigenvalues above, below and within the zero tolerance.
  int NumPositive = 0;
  int NumNegative = 0;
  int NumZero = 0;
  /// True when every eigenvalue is positive beyond the zero tolerance.
  bool PositiveDefinite = false;
  /// κ = max|λ| / min|λ| (the 2-norm condition number of H); +∞ when H is
  /// exactly singular.
  double ConditionNumber = std::numeric_limits<double>::quiet_NaN();
  /// The gradient-descent step ε* (from the dense H).
  GradientStepAnalysis GradientStep;
  /// 1/λmax, the largest fixed gradient-descent step that is guaranteed to
  /// decrease a quadratic with this Hessian; +∞ when λmax ≤ 0.
  double StepBound = std::numeric_limits<double>::quiet_NaN();
  /// The Taylor prediction at ε* when it is finite, else at 1/max|λ|; not
  /// computed (Step is NaN) at a zero gradient or a zero Hessian.
  TaylorPrediction Taylor;

  /// |λ| at or below this counts as zero:
  /// EigenvalueTolerance · max(1, max|λ|).
  double zeroThreshold() const;
  /// A readable multi-line report of all of the above (eigenvectors only
  /// for N ≤ 10).
  std::string report() const;
};

/// Analyses x with the dense Hessian: one gradient, one Hessian, one
/// eigen-decomposition (O(N³)), one value for the Taylor check.
///
/// Throws std::invalid_argument when X.size() != F.dim(); NaN values are
/// reported through Status.
CurvatureAnalysis analyzeCurvature(const Objective &F,
                                   const Eigen::Ref<const Eigen::VectorXd> &X,
                                   const CurvatureOptions &Options = {});

} // namespace hessc

#endif // HESSC_CURVATURE_H
