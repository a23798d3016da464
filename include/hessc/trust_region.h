//===- hessc/trust_region.h - Hessian-free trust-region Steihaug-CG -------===//
//
// The trust-region Newton method (Nocedal & Wright, Algorithm 4.1) whose
// subproblem  min m(p) = f + gᵀp + ½ pᵀHp  subject to ‖p‖ ≤ Δ  is solved by
// Steihaug's truncated CG (Algorithm 7.2), using Hessian-vector products
// only. Negative curvature is followed to the boundary of the region rather
// than avoided, so the method also escapes saddle points.
//
// A step is accepted when ρ = (f(x) - f(x+p)) / (m(0) - m(p)) exceeds
// AcceptanceThreshold. The radius shrinks to ¼‖p‖ when ρ < ¼ (or f(x+p) is
// not finite) and doubles, up to MaxRadius, when ρ > ¾ and the step reached
// the boundary. When both reductions are at rounding level (|Δf| below
// 1e-14 · (1 + |f|)), ρ is taken to be 1: the model is as good as f can
// tell.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TRUST_REGION_H
#define HESSC_TRUST_REGION_H

#include <hessc/objective.h>
#include <hessc/solver.h>

#include <Eigen/Core>

#include <functional>
#include <string>
#include <vector>

namespace hessc {

/// Options of the trust-region method. Every field has a documented default.
struct TrustRegionOptions {
  /// Stop with Converged when ‖∇f(x)‖₂ ≤ GradientTolerance (default 1e-8).
  double GradientTolerance = 1e-8;
  /// Stop with MaxIterationsReached after this many steps, accepted or
  /// not (default 200).
  int MaxIterations = 200;
  /// Δ₀ (default 1).
  double InitialRadius = 1.0;
  /// The largest radius (default 1e10).
  double MaxRadius = 1e10;
  /// Stop with TrustRegionTooSmall when Δ falls below this (default 1e-12).
  double MinRadius = 1e-12;
  /// η: steps with ρ > η are accepted, in [0, ¼) (default 1e-4).
  double AcceptanceThreshold = 1e-4;
  /// CG iterations (HVPs) per step; 0 means N (default 0).
  int MaxCGIterations = 0;
  /// The upper bound of the forcing term η_k = min(MaxForcingTerm,
  /// sqrt(‖g‖)), in (0, 1) (default 0.5).
  double MaxForcingTerm = 0.5;
};

/// Throws std::invalid_argument naming the first option out of range.
void validate(const TrustRegionOptions &Options);

/// One row of the trace. Iteration 0 is the starting point; row k > 0
/// describes the step tried at iteration k and the point kept after it.
struct TrustRegionIteration {
  int Iteration = 0;
  /// f and ‖∇f‖₂ at the point kept after this iteration.
  double Value = 0;
  double GradientNorm = 0;
  /// Decrease of f achieved by the step (0 when rejected).
  double ValueChange = 0;
  /// ‖p‖₂ of the step tried.
  double StepNorm = 0;
  /// The radius the step was computed in, and ρ.
  double Radius = 0;
  double Ratio = 0;
  /// Whether x moved.
  bool StepAccepted = false;
  /// CG iterations (one HVP each) spent on the step, and why CG stopped.
  int CGIterations = 0;
  CGTermination CGStop = CGTermination::ResidualTolerance;
};

/// Called after each row of the trace is recorded, with the current x.
using TrustRegionCallback =
    std::function<void(const TrustRegionIteration &, const Eigen::VectorXd &X)>;

/// The outcome of minimizeTrustRegion.
struct TrustRegionSummary : SolverSummary {
  /// The options the method ran with.
  TrustRegionOptions Options;
  /// The trace, from iteration 0 (the starting point).
  std::vector<TrustRegionIteration> Iterations;
  /// CG iterations over the whole run, and steps accepted.
  int TotalCGIterations = 0;
  int NumAcceptedSteps = 0;
  /// The radius at the end.
  double FinalRadius = 0;

  /// One line: termination, iterations, initial and final f and ‖g‖.
  std::string briefReport() const;
  /// The options, the trace as a table and the statistics.
  std::string fullReport() const;
};

/// Minimises F from \p X with Hessian-vector products only; X is
/// overwritten with the last accepted point.
///
/// Throws std::invalid_argument when X.size() != F.dim() or an option is out
/// of range; every numerical outcome is a TerminationType in the summary.
TrustRegionSummary
minimizeTrustRegion(const Objective &F, Eigen::VectorXd &X,
                    const TrustRegionOptions &Options = {},
                    const TrustRegionCallback &Callback = {});

} // namespace hessc

#endif // HESSC_TRUST_REGION_H
