//===- FirstWrites.h - Accumulations into zero become plain stores ---------===//
//
// Reverse mode accumulates: every adjoint starts at zero and each use of a
// value adds its contribution. Where hessc can prove the target is still
// zero, the first `+=` is a plain store, as a person would write it:
//
//   t1_adj += sum_adj * (100.0 * t1);        t1_adj = sum_adj * (100.0 * t1);
//   for (k = 0; k < n; ++k) x_adj[k] = 0.0;
//   for (i = 0; i < n; i += 2) {       =>    for (i = 0; i < n; i += 2) {
//     ... x_adj[i + 1] += t1_adj; ...          ... x_adj[i + 1] = t1_adj; ...
//
// This is not cosmetic. `0.0 + e` cannot be folded to `e` under IEEE rules
// (the sign of a zero result differs), so the compiler keeps every such add,
// and the zeroing pass over the gradient costs a sweep of memory of its own:
// together they made the gradient of extended Rosenbrock 1.6 times as slow
// as the one written by hand. The stores differ from the accumulations only
// in the sign of an exactly zero result.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TRANSFORMS_FIRSTWRITES_H
#define HESSC_TRANSFORMS_FIRSTWRITES_H

#include "IR/IR.h"

namespace hessc {

/// Rewrites, in `F`:
/// - `v += e` (`v -= e`) into `v = e` (`v = -e`) where the real scalar local
///   `v` holds zero on every path to the statement;
/// - a loop that zero-fills an array followed by a loop over the same range
///   whose every iteration unconditionally adds into a disjoint slice of it
///   (`A[i + c]`, 0 <= c < step) into that loop alone, each slot's first
///   `+=` becoming `=`.
/// Functions with break or continue left in them are not changed.
void storeFirstAccumulations(ir::Function &F);

} // namespace hessc

#endif // HESSC_TRANSFORMS_FIRSTWRITES_H
