//===- ReturnNormalization.h - One exit for every function ----------------===//
//
// Reversing a function is simplest when it has one exit: the adjoint sweep
// then starts from a single place with the result's adjoint seeded to one.
// This pass rewrites `if (c) { ...; return a; } ...; return b;` into
// `if (c) { ...; result = a; } else { ...; result = b; }` followed by one
// `return result;`, without duplicating any statement.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TRANSFORMS_RETURNNORMALIZATION_H
#define HESSC_TRANSFORMS_RETURNNORMALIZATION_H

#include "IR/IR.h"

namespace hessc {

/// Rewrites `F` to end in exactly one Return of a new local, and returns
/// that local. Lowering guarantees no Return sits inside a loop.
ir::VarRef normalizeReturns(ir::Function &F);

} // namespace hessc

#endif // HESSC_TRANSFORMS_RETURNNORMALIZATION_H
