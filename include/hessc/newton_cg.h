//===- hessc/newton_cg.h - Hessian-free line-search Newton-CG -------------===//
//
// Truncated Newton (Nocedal & Wright, Algorithm 7.1): the Newton equation
// H(x_k) p = -∇f(x_k) is solved inexactly by conjugate gradients that touch
// H only through Hessian-vector products (Objective::hvp, i.e. the generated
// f_hvp), and the step is then chosen by a line search. Memory is a handful
// of N-vectors, so N may be far beyond what a dense Hessian allows.
//
// CG stops when ‖Hp + g‖ ≤ η_k ‖g‖ with the forcing term
// η_k = min(MaxForcingTerm, sqrt(‖g‖)) (superlinear convergence near the
// solution), or at the first direction of non-positive curvature: there the
// step so far is used, or -g when that happens at once, so p is always a
// descent direction.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_NEWTON_CG_H
#define HESSC_NEWTON_CG_H

#include <hessc/line_search.h>
#include <hessc/objective.h>
#include <hessc/solver.h>

#include <Eigen/Core>

#include <functional>
#include <string>
#include <vector>

namespace hessc {

/// Options of Newton-CG. Every field has a documented default.
struct NewtonCGOptions {
  /// Line search and its constants (default: strong Wolfe, c1 = 1e-4,
  /// c2 = 0.9). Every search starts from α = 1.
  LineSearchOptions LineSearch;
  /// Stop with Converged when ‖∇f(x)‖₂ ≤ GradientTolerance (default 1e-8).
  double GradientTolerance = 1e-8;
  /// Stop with MaxIterationsReached after this many steps (default 100).
  int MaxIterations = 100;
  /// CG iterations (HVPs) per Newton step; 0 means N (default 0).
  int MaxCGIterations = 0;
  /// The upper bound of the forcing term η_k, in (0, 1) (default 0.5).
  double MaxForcingTerm = 0.5;
};

/// Throws std::invalid_argument naming the first option out of range.
void validate(const NewtonCGOptions &Options);

/// One row of the trace. Iteration 0 is the starting point; row k > 0
/// describes x_k and the step x_k - x_{k-1} that reached it.
struct NewtonCGIteration {
  int Iteration = 0;
  /// f(x_k) and f(x_{k-1}) - f(x_k).
  double Value = 0;
  double ValueChange = 0;
  /// ‖∇f(x_k)‖₂.
  double GradientNorm = 0;
  /// ‖x_k - x_{k-1}‖₂ and the line-search step α.
  double StepNorm = 0;
  double StepSize = 0;
  /// Trials the line search evaluated.
  int LineSearchEvaluations = 0;
  /// CG iterations (one HVP each) spent on the step, and why CG stopped.
  int CGIterations = 0;
  CGTermination CGStop = CGTermination::ResidualTolerance;
  /// The forcing term η used.
  double ForcingTerm = 0;
};

/// Called after each row of the trace is recorded, with x_k.
using NewtonCGCallback =
    std::function<void(const NewtonCGIteration &, const Eigen::VectorXd &X)>;

/// The outcome of minimizeNewtonCG.
struct NewtonCGSummary : SolverSummary {
  /// The options the method ran with.
  NewtonCGOptions Options;
  /// The trace, from iteration 0 (the starting point).
  std::vector<NewtonCGIteration> Iterations;
  /// CG iterations over the whole run.
  int TotalCGIterations = 0;

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
NewtonCGSummary minimizeNewtonCG(const Objective &F, Eigen::VectorXd &X,
                                 const NewtonCGOptions &Options = {},
                                 const NewtonCGCallback &Callback = {});

} // namespace hessc

#endif // HESSC_NEWTON_CG_H
