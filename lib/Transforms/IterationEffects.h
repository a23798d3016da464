//===- IterationEffects.h - What one iteration of a loop body does --------===//
//
// The passes that change the order of a loop's iterations (SweepFusion,
// which interleaves a loop's forward and reverse sweeps, and
// AdjointLoopOrder, which runs an adjoint loop forwards) may do so only
// when no iteration needs what another left. These are the facts they
// check about a loop body: how it writes each variable, whether a variable
// is always set before it is read, and whether an array is touched only at
// the element an iteration owns.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TRANSFORMS_ITERATIONEFFECTS_H
#define HESSC_TRANSFORMS_ITERATIONEFFECTS_H

#include "IR/IR.h"

#include <set>

namespace hessc {

/// How a block writes each variable: Set (plain assignment, pop, a call's
/// result), Accumulate (+= or -=, the outputs of a pullback, which it adds
/// into) or Other (any other call's outputs, *=).
struct WriteKinds {
  std::set<const ir::Variable *> Set, Accumulate, Other;
};
void collectWriteKinds(const ir::Block &B, WriteKinds &Out);

/// True when every read of `V` in `B` follows an assignment to it, in B or
/// in the same iteration of a loop nested in B: V's value does not come
/// from earlier iterations of a loop around B.
bool setBeforeEveryRead(const ir::Block &B, const ir::Variable *V);

/// True when, in addition, every path through `B` assigns `V`: V's value
/// at the end of B always comes from B.
bool assignedBeforeRead(const ir::Block &B, const ir::Variable *V);

/// True when `S` reads array `A` only as the element `A[Index]`.
bool readsOnlyElement(const ir::Stmt &S, const ir::Variable *A, const ir::ExprRef &Index);

} // namespace hessc

#endif // HESSC_TRANSFORMS_ITERATIONEFFECTS_H
