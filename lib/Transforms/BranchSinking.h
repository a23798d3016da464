//===- BranchSinking.h - Move no-op work into the branch that needs it ----===//
//
// A reverse sweep propagates each adjoint back through the statements that
// made its value, whether or not a branch gave it one. In
//
//   for (...) { r2 = ...; if (r2 < rc2) { ...r2_adj += ...; }
//               dx_adj += r2_adj * (2.0 * dx); ...; x_adj[i] += dx_adj; ...
//               r2_adj = 0.0; dx_adj = 0.0; }
//
// (the adjoint of a cut-off pair potential) every statement after the `if`
// adds zero when the branch was not taken: r2_adj and dx_adj start each
// iteration at zero, and only the branch changes r2_adj. This pass proves
// that and moves such statements into the branch, so that pairs outside
// the cutoff cost their distance and a comparison, as in code written by
// hand. The HVP, the tangent of the gradient, inherits the shape.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TRANSFORMS_BRANCHSINKING_H
#define HESSC_TRANSFORMS_BRANCHSINKING_H

#include "IR/IR.h"

namespace hessc {

/// In every loop body of `F`: the statements following an `if` without
/// `else` that do nothing unless the `if` ran (they add products with, or
/// reset, real locals that are zero at the start of each iteration and that
/// nothing before the `if` writes) move to the end of its `then` block.
void sinkIntoBranches(ir::Function &F);

} // namespace hessc

#endif // HESSC_TRANSFORMS_BRANCHSINKING_H
