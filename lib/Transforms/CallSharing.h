//===- CallSharing.h - One call for a math function's repeated value -------===//
//
// Derivatives repeat the calls of the function they differentiate: the
// tangent of the adjoint of log1p(exp(u)) spells exp(u) five times. The
// compiler cannot merge them, because a libm call may set errno (Clang and
// GCC assume -fmath-errno on Linux), so each would be paid for. This pass
// computes such a value once, in a local, where a person would:
//
//   z_adj = -(loss_adj * (1.0 / (1.0 + std::exp(-(y[i] * z)))) * ...
//   z_adj_dot = ... std::exp(-(y[i] * z)) ... std::exp(-(y[i] * z)) ...
//     =>
//   exp_value = std::exp(-(y[i] * z));
//   z_adj = -(loss_adj * (1.0 / (1.0 + exp_value)) * ...
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TRANSFORMS_CALLSHARING_H
#define HESSC_TRANSFORMS_CALLSHARING_H

#include "IR/IR.h"

namespace hessc {

/// In every block of `F`: a math call that appears in two or more
/// statements, or twice in one, with nothing between writing what it reads,
/// is computed once into a new local just before its first use.
void shareRepeatedCalls(ir::Function &F);

} // namespace hessc

#endif // HESSC_TRANSFORMS_CALLSHARING_H
