//===- ExitNormalization.h - One exit per function, none inside loops -----===//
//
// Reversing code is simplest when control flow has no jumps: the adjoint
// then starts from a single exit with the result's adjoint seeded to one,
// and every loop iteration runs its body from top to bottom. This pass
// removes `return`, `break` and `continue` from the IR without duplicating
// any statement:
//
// - where one branch of an `if` always leaves, what follows the `if` moves
//   into the other branch (`if (x < 0) return -x; ...` becomes if/else);
// - elsewhere flags carry the decision: `break` sets the loop's `stop` flag
//   (tested with the loop condition), `continue` and `break` set its `skip`
//   flag (the rest of the iteration is guarded by `if (!skip)`), and a
//   `return` inside loops assigns the result and sets every enclosing loop's
//   flags and `returned`, which guards the code after the loops.
//
// Afterwards the function ends in exactly one `return result;`.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TRANSFORMS_EXITNORMALIZATION_H
#define HESSC_TRANSFORMS_EXITNORMALIZATION_H

#include "IR/IR.h"

namespace hessc {

/// Rewrites `F` as described above and returns the result variable.
ir::VarRef normalizeExits(ir::Function &F);

} // namespace hessc

#endif // HESSC_TRANSFORMS_EXITNORMALIZATION_H
