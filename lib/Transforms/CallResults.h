//===- CallResults.h - A local for each result a derivative reads ---------===//
//
// The derivative of exp, tanh, sqrt or pow is written with the function's
// own value: d exp(u) = exp(u) du. When the call is only part of what a
// statement computes,
//
//   s += std::exp(a[c] - amax);
//
// its value is gone by the time the reverse sweep needs it, and the adjoint
// calls the function again; in a loop that does not fuse, every
// exponential of a log-sum-exp was taken twice, where a hand-written
// gradient keeps them. This pass names such a result before
// differentiation,
//
//   exp_value = std::exp(a[c] - amax);
//   s += exp_value;
//
// so that the adjoint reads exp_value, which it finds in the local or, when
// a loop overwrites it, on the tape: a push and a pop instead of a call.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TRANSFORMS_CALLRESULTS_H
#define HESSC_TRANSFORMS_CALLRESULTS_H

#include "IR/IR.h"

#include <vector>

namespace hessc {

/// In `Body`, a body of `G` about to be differentiated with respect to
/// `Seeds`: each math call whose derivative reads its value, evaluated
/// whenever a statement that computes an active value runs, and not already
/// the whole of a plain assignment, is computed first into a new local of G.
void nameCallResults(ir::Function &G, ir::Block &Body, const std::vector<ir::VarRef> &Seeds);

} // namespace hessc

#endif // HESSC_TRANSFORMS_CALLRESULTS_H
