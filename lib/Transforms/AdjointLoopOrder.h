//===- AdjointLoopOrder.h - Adjoint loops that run in the forward order ---===//
//
// Reverse mode runs the adjoint of a loop backwards, counting down the
// iterations the forward loop counted:
//
//   for (; c_loop_iterations > 0; --c_loop_iterations) {
//     --c;
//     sqdist_result_adj = -(a_adj[c] * 0.5);
//     a_adj[c] = 0.0;
//     sqdist_pullback_wrt_mu(..., mu + c * d, ..., sqdist_result_adj, mu_adj + c * d);
//   }
//
// When no iteration of the adjoint needs what another left, the order does
// not matter, and this pass gives the loop the forward loop's header,
// `for (c = 0; c < k; ++c)`, as a gradient written by hand has. That is not
// only for the reader: Clang checks once, before an outer loop, that the
// arrays a vectorised inner loop reads and writes do not overlap, and gives
// up on the vector code when the outer loop counts down. The mixture's
// pullback over d components stayed scalar.
//
// An iteration needs nothing from the others when everything its body
// writes is
//  - a scalar it sets before every read, which nothing outside the loop
//    reads (it would see the last iteration's value, a different one now);
//  - a scalar or an array it only adds into and never reads; the sum is the
//    same in any order, up to rounding;
//  - a local array it reads and writes only at the element `[c]`.
// The body must use no tape (a restore takes what the forward loop saved
// for exactly the iteration that is next in reverse) and cannot exit early.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TRANSFORMS_ADJOINTLOOPORDER_H
#define HESSC_TRANSFORMS_ADJOINTLOOPORDER_H

#include "IR/IR.h"

namespace hessc {

/// Runs each adjoint loop of `F` whose iterations are independent in the
/// order of its forward loop.
void runAdjointLoopsForwards(ir::Function &F);

} // namespace hessc

#endif // HESSC_TRANSFORMS_ADJOINTLOOPORDER_H
