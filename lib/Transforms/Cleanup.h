//===- Cleanup.h - Remove what generated code computes for nothing --------===//
//
// Composed transformations compute more than each result needs: the HVP,
// built as the tangent of the gradient, still contains the gradient's own
// accumulations, which nothing reads. These passes drop such statements and
// the locals left unused, so the generated code does only the work its
// outputs need and compiles without unused-variable warnings.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TRANSFORMS_CLEANUP_H
#define HESSC_TRANSFORMS_CLEANUP_H

#include "IR/IR.h"

#include <set>

namespace hessc {

/// Removes statements of `F` that contribute neither to a Return nor to the
/// arrays in `Outputs` (or pointers into them), and the saves of a scalar
/// on a tape when nothing reads it after any of its restores.
void removeDeadCode(ir::Function &F, const std::set<const ir::Variable *> &Outputs);

/// Adds every variable `S` (and everything nested in it) reads, writes or
/// passes to a call to `Out`.
void collectMentioned(const ir::Stmt &S, std::set<const ir::Variable *> &Out);

/// True when a statement or local of `F` mentions `V`.
bool mentionsVariable(const ir::Function &F, const ir::VarRef &V);

/// Removes locals of `F` that no statement mentions.
void removeUnusedLocals(ir::Function &F);

/// The last passes every derivative goes through, `Outputs` being what it
/// writes for its caller: negations move into the statement that reads
/// them (NegationFolding), first accumulations into zero become stores
/// (FirstWrites), dead code goes (with the resets the stores made dead),
/// repeated libm calls are computed once (CallSharing), and unused locals
/// go. Cold functions (the index-set ones) skip the three passes that only
/// make code faster.
void finishDerivative(ir::Function &F, const std::set<const ir::Variable *> &Outputs);

} // namespace hessc

#endif // HESSC_TRANSFORMS_CLEANUP_H
