//===- PullbackMerging.h - One call for a helper's value and its pullback -===//
//
// A helper's pullback runs the helper's forward sweep again before its
// reverse sweep: it needs the intermediate values. Where a gradient calls
// the helper and, later in the same block with the same arguments, its
// pullback (a fused loop body, straight-line code), the helper's work is
// done twice; a log-sum-exp takes every exp twice. Such pairs become one
// call of the pullback variant that also returns the value:
//
//   r = lse(a, k); nll -= r; r_adj = -nll_adj; lse_pullback(a, k, r_adj, a_adj);
//   =>
//   r_adj = -nll_adj; r = lse_value_and_pullback(a, k, r_adj, a_adj); nll -= r;
//
// The statements between that read r move after the merged call; the pair
// is merged only when nothing between changes the arguments and the moved
// statements commute with what they move past.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TRANSFORMS_PULLBACKMERGING_H
#define HESSC_TRANSFORMS_PULLBACKMERGING_H

#include "IR/IR.h"

namespace hessc {

class DerivativeModule;

/// Merges, in the body of `F` and the blocks nested in it, each helper
/// call with a later call of its pullback on the same arguments, where that
/// is proven to compute the same values.
void mergeCallsWithPullbacks(ir::Function &F, DerivativeModule &Module);

} // namespace hessc

#endif // HESSC_TRANSFORMS_PULLBACKMERGING_H
