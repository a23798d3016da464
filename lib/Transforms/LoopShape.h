//===- LoopShape.h - The shapes of loops the transformations reason about -===//
//
// What FirstWrites and SweepFusion both need to know about a loop: whether
// it counts up over a range, from where, and whether it can be left early.
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

} // namespace hessc

#endif // HESSC_TRANSFORMS_LOOPSHAPE_H
