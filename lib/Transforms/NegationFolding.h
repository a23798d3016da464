//===- NegationFolding.h - Signs moved out of products --------------------===//
//
// The tangent of `t = x[j] - mu[j]` is a negation, and the statement that
// reads it multiplies it into a sum:
//
//   t_dot = -mu_dot[j];
//   t = x[j] - mu[j];
//   q_dot += 2.0 * t * t_dot * invvar[j];
//
// Clang keeps the negation as an instruction of its own inside the loop (it
// does not move a sign out of a product), and in the Gaussian mixture's HVP
// that loop is most of the time. This pass puts the negation where the
// local is read and lets the sign fold outwards, which is exact in IEEE
// arithmetic:
//
//   t = x[j] - mu[j];
//   q_dot -= 2.0 * t * mu_dot[j] * invvar[j];
//
// (the IR's compoundAssign writes `a += -b` as `a -= b`; see
// foldCompoundSign).
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TRANSFORMS_NEGATIONFOLDING_H
#define HESSC_TRANSFORMS_NEGATIONFOLDING_H

#include "IR/IR.h"

namespace hessc {

/// Replaces each scalar local of `F` that is assigned a negation and read
/// once, by a later assignment of the same block, with that negation there,
/// when nothing in between can change what it reads.
void foldNegations(ir::Function &F);

} // namespace hessc

#endif // HESSC_TRANSFORMS_NEGATIONFOLDING_H
