//===- Adjoint.h - Reverse-mode differentiation of IR functions -----------===//
//
// Builds `f_grad` from a lowered `f`. The generated function runs a forward
// sweep (f itself, saving what later statements destroy) and then a reverse
// sweep that visits the statements backwards, restoring each overwritten
// value before it propagates adjoints through that statement.
//
// What is saved, and what is recomputed instead, is documented in
// the README ("Storing versus recomputing"): values a loop iteration
// declares and never changes are recomputed at the start of the reversed
// iteration; every other overwritten value that the reverse sweep reads goes
// on a tape, and integer counter updates are inverted rather than taped.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TRANSFORMS_ADJOINT_H
#define HESSC_TRANSFORMS_ADJOINT_H

#include "Frontend/ASTLowering.h"
#include "IR/IR.h"

namespace hessc {

class DerivativeModule;

/// The gradient function of `F`: `R f_grad(params..., R* grad)`, which
/// returns f and overwrites grad with the N entries of the gradient.
/// Pullbacks of the functions F calls come from `Module`.
ir::Function buildGradient(const LoweredFunction &F, DerivativeModule &Module);

/// The pullback of helper `Primal` with respect to the parameters at
/// positions `Active`; see DerivativeModule.h for its signature. With
/// `ReturnsValue`, it also returns Primal's value (it computes it anyway):
/// what a caller that needs both calls instead of Primal and the pullback.
ir::Function buildPullback(const ir::Function &Primal,
                           const std::vector<size_t> &Active,
                           DerivativeModule &Module, bool ReturnsValue = false);

} // namespace hessc

#endif // HESSC_TRANSFORMS_ADJOINT_H
