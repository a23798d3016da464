//===- InvariantAccumulations.h - Sums kept in locals across a loop -------===//
//
// The adjoint of a pair loop adds into the same gradient entries on every
// iteration of its inner loop:
//
//   for (; j < n; ++j) {
//     ...
//     x_adj[3 * i] += dx_adj;
//     x_adj[3 * j] += -dx_adj;
//   }
//
// The compiler must load and store x_adj[3 * i] each time, since for all it
// knows x_adj[3 * j] is the same element; the chain of stores and reloads
// through memory is then part of every iteration. A hand-written gradient
// sums into a local and adds it once after the loop. This pass does the
// same for an array the loop only adds into (nothing in it reads the array
// or writes it otherwise, and no other array it touches may share its
// storage): even where x_adj[3 * j] is x_adj[3 * i], every contribution
// still reaches the element, only in another order, which changes nothing
// but rounding, as in any other reordered sum of adjoints.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TRANSFORMS_INVARIANTACCUMULATIONS_H
#define HESSC_TRANSFORMS_INVARIANTACCUMULATIONS_H

#include "IR/IR.h"

namespace hessc {

/// In every loop of `F` that only adds into an array: the contributions to
/// an element at an index the loop does not change are summed in a new
/// local, added to the element after the loop.
void sumInvariantAccumulations(ir::Function &F);

} // namespace hessc

#endif // HESSC_TRANSFORMS_INVARIANTACCUMULATIONS_H
