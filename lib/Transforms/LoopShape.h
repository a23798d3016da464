//===- LoopShape.h - The shapes of loops the transformations reason about -===//
//
// What the transformations need to know about a loop: whether it counts up
// over a range, from where, whether it can be left early, and which loop of
// the reverse sweep is its adjoint.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TRANSFORMS_LOOPSHAPE_H
#define HESSC_TRANSFORMS_LOOPSHAPE_H

#include "IR/IR.h"

#include <optional>

namespace hessc {

/// True when `B`, or a block nested in it, breaks or continues a loop.
bool hasLoopExit(const ir::Block &B);

/// The int scalar `S` sets to 0 (`c = 0`), or null.
const ir::Variable *setToZero(const ir::Stmt &S);

/// The counter a loop header's `Init` sets to 0, when that is all it does;
/// else null.
const ir::Variable *startsAtZero(const ir::Block &Init);

/// A loop `for (...; Counter < Bound; Counter += Step)`, Step a positive
/// constant. Where the counter starts is for the caller to check.
struct CountedLoop {
  const ir::Variable *Counter = nullptr;
  ir::ExprRef Bound;
  long long Step = 1;
};
std::optional<CountedLoop> countsUp(const ir::Stmt &Loop);

/// Where the counter of the loop `B[Loop]` starts, when that is an int
/// constant: set in the loop's header, or by the last statement before it
/// that writes the counter.
std::optional<long long> constantStart(const ir::Block &B, size_t Loop,
                                       const ir::Variable *Counter);

/// The int scalar a loop body ends by incrementing (`++n`): the iteration
/// count reverse mode keeps for the loop's adjoint; else null.
const ir::Variable *iterationCounter(const ir::Stmt &Loop);

/// True when `S` is `for (; Counter > 0; --Counter)`: the adjoint of the
/// loop whose iterations `Counter` counted.
bool isAdjointLoopOf(const ir::Stmt &S, const ir::Variable *Counter);

} // namespace hessc

#endif // HESSC_TRANSFORMS_LOOPSHAPE_H
