//===- hessc/newton.h - Newton's method with a modified Hessian -----------===//
//
// Newton's method over the dense Hessian: at each iterate solve
// B_k p = -∇f(x_k), where B_k is H(x_k) made positive definite when it is
// not, then take the step α p that a line search accepts. Near a
// nondegenerate minimum B_k = H(x_k) and α = 1, and the gradient norm falls
// quadratically; far from one the modification keeps p a descent direction
// and the line search keeps f decreasing.
//
//   hessc::NewtonOptions Options;
//   Options.LineSearch.Type = hessc::LineSearchType::Armijo;
//   Eigen::VectorXd x(2);
//   x << -1.2, 1;
//   hessc::NewtonSummary Summary = hessc::minimizeNewton(F, x, Options);
//   std::cout << Summary.fullReport();
//
// With the default dense storage each iteration costs one dense Hessian and
// one O(N³) factorisation (or eigensolve). With HessianStorage::Sparse it
// costs one HVP per colour of the Hessian's pattern (SparseHessian) and a
// sparse LDLᵀ factorisation, so a banded problem with N = 10^6 takes seconds.
// For large N without usable sparsity use minimizeNewtonCG or
// minimizeTrustRegion, which need Hessian-vector products only.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_NEWTON_H
#define HESSC_NEWTON_H

#include <hessc/line_search.h>
#include <hessc/objective.h>
#include <hessc/solver.h>

#include <Eigen/Core>

#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace hessc {

/// How a Hessian that is not positive definite becomes one. "Positive
/// definite" means numerically so: Eigen's LLT succeeds and no pivot Lᵢᵢ²
/// is below 10 N eps max|Hᵢᵢ|, so a singular H counts as not positive
/// definite even when rounding leaves its last pivot slightly positive.
enum class HessianModification {
  /// None: a Hessian whose Cholesky factorisation fails (indefinite or
  /// singular) stops the method with HessianNotPositiveDefinite.
  None,
  /// H = Q diag(λ) Qᵀ from Eigen's SelfAdjointEigenSolver; each λ is
  /// replaced by max(|λ|, δ), δ = EigenvalueFloor · max(1, max|λ|). Negative
  /// curvature is turned into positive curvature of the same size, so the
  /// step leaves a saddle along its descending directions (Greenstadt's
  /// modification; Nocedal & Wright, section 3.4).
  EigenvalueModification,
  /// H + τI with τ raised from 0 (or from InitialShift - min Hᵢᵢ when a
  /// diagonal entry is not positive) by ShiftIncreaseFactor until Eigen's
  /// LLT succeeds: a Levenberg-style shift (Nocedal & Wright, Algorithm 3.3).
  LevenbergShift,
};

/// The name of a modification kind, e.g. "LevenbergShift".
const char *toString(HessianModification Kind);

/// How Newton's method holds and factorises H.
enum class HessianStorage {
  /// Objective::hessian and Eigen's dense LLT or SelfAdjointEigenSolver.
  Dense,
  /// SparseHessian (the pattern found once, one HVP per colour) and
  /// Eigen's SimplicialLDLT with AMD ordering, analysed once per pattern.
  /// The objective must have a sparse Hessian (f_objective binds one), and
  /// EigenvalueModification is not available: it needs every eigenvector.
  Sparse,
};

/// The name of a storage kind, e.g. "Sparse".
const char *toString(HessianStorage Storage);

/// Options of Newton's method. Every field has a documented default.
struct NewtonOptions {
  /// Line search and its constants (default: strong Wolfe, c1 = 1e-4,
  /// c2 = 0.9). Every search starts from the full Newton step α = 1.
  LineSearchOptions LineSearch;
  /// Stop with Converged when ‖∇f(x)‖₂ ≤ GradientTolerance (default 1e-8).
  double GradientTolerance = 1e-8;
  /// Stop with MaxIterationsReached after this many steps (default 100).
  int MaxIterations = 100;
  /// What to do with a Hessian that is not positive definite (default:
  /// LevenbergShift).
  HessianModification Modification = HessianModification::LevenbergShift;
  /// Dense or sparse Hessians (default: Dense).
  HessianStorage Storage = HessianStorage::Dense;
  /// EigenvalueModification: the relative floor δ (default 1e-8).
  double EigenvalueFloor = 1e-8;
  /// LevenbergShift: β, the first nonzero shift (default 1e-3).
  double InitialShift = 1e-3;
  /// LevenbergShift: τ ← max(ShiftIncreaseFactor · τ, β) after each failed
  /// factorisation (default 2).
  double ShiftIncreaseFactor = 2.0;
  /// LevenbergShift: factorisations tried per iteration before giving up
  /// with HessianModificationFailed (default 100).
  int MaxShiftAttempts = 100;
};

/// Throws std::invalid_argument naming the first option out of range (or
/// EigenvalueModification with sparse storage).
void validate(const NewtonOptions &Options);

/// What was done to H(x_k) to compute the step from x_k.
struct HessianModificationRecord {
  /// The modification applied; None when H was used as it is (positive
  /// definite, or every eigenvalue already at least δ).
  HessianModification Applied = HessianModification::None;
  /// LevenbergShift: τ of H + τI.
  double Shift = 0;
  /// LevenbergShift: Cholesky factorisations tried (1 when H was already
  /// positive definite).
  int Factorizations = 0;
  /// EigenvalueModification: how many eigenvalues were replaced, and the
  /// smallest eigenvalue of H.
  int ModifiedEigenvalues = 0;
  double MinEigenvalue = std::numeric_limits<double>::quiet_NaN();

  /// "none", "shift 1.6e-02", "2 eigenvalues (min -3.1e+00)".
  std::string toString() const;
};

/// One row of the trace. Iteration 0 is the starting point; row k > 0
/// describes x_k and the step x_k - x_{k-1} that reached it.
struct NewtonIteration {
  int Iteration = 0;
  /// f(x_k) and f(x_{k-1}) - f(x_k).
  double Value = 0;
  double ValueChange = 0;
  /// ‖∇f(x_k)‖₂.
  double GradientNorm = 0;
  /// ‖x_k - x_{k-1}‖₂ and the line-search step α (1: the full Newton step).
  double StepNorm = 0;
  double StepSize = 0;
  /// Trials the line search evaluated.
  int LineSearchEvaluations = 0;
  /// What was done to H(x_{k-1}) to compute the step.
  HessianModificationRecord Modification;
};

/// Called after each row of the trace is recorded, with x_k.
using NewtonCallback =
    std::function<void(const NewtonIteration &, const Eigen::VectorXd &X)>;

/// The outcome of minimizeNewton.
struct NewtonSummary : SolverSummary {
  /// The options the method ran with.
  NewtonOptions Options;
  /// The trace, from iteration 0 (the starting point).
  std::vector<NewtonIteration> Iterations;

  /// One line: termination, iterations, initial and final f and ‖g‖.
  std::string briefReport() const;
  /// The options, the trace as a table (f, ‖g‖, step, α, modification) and
  /// the statistics.
  std::string fullReport() const;
};

/// Minimises F from \p X, which is overwritten with the last accepted
/// point. \p Callback, when given, sees each row of the trace as it is made.
///
/// Throws std::invalid_argument when X.size() != F.dim() or an option is out
/// of range, std::logic_error for sparse storage over an objective without
/// a sparse Hessian; every numerical outcome (including NaN values) is a
/// TerminationType in the summary.
NewtonSummary minimizeNewton(const Objective &F, Eigen::VectorXd &X,
                             const NewtonOptions &Options = {},
                             const NewtonCallback &Callback = {});

} // namespace hessc

#endif // HESSC_NEWTON_H
