//===- SecondOrder.h - Hessian-vector products and Hessian blocks ---------===//
//
// Second derivatives by composition: the tangent (Tangent.h) of the gradient
// function (Adjoint.h). One direction gives f_hvp; `Lanes` directions at once
// give a block of Hessian columns that shares the forward and reverse sweeps
// between its directions, from which f_hessian assembles the dense matrix.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TRANSFORMS_SECONDORDER_H
#define HESSC_TRANSFORMS_SECONDORDER_H

#include "Frontend/ASTLowering.h"
#include "IR/IR.h"

namespace hessc {

class DerivativeModule;

/// `R f_hvp(params..., const R* v, R* hv)` from f's gradient function.
ir::Function buildHessianVectorProduct(const LoweredFunction &F,
                                       const ir::Function &Gradient,
                                       DerivativeModule &Module);

/// `R <Name>(params..., const R* seeds, R* products, std::ptrdiff_t
/// stride)`: the products of the Hessian with `Lanes` directions at once.
/// Direction k's component i is seeds[i*Lanes + k]; the product's component
/// i is products[i*stride + k], so that with stride N and products at
/// column c of a row-major N x N matrix, the products are its columns c to
/// c + Lanes - 1. Where f's gradient passes its array to a called function,
/// whose tangent takes the lanes packed, there is no stride parameter and
/// the products' rows are Lanes apart (hessc::denseHessian accepts both).
ir::Function buildHessianBlock(const LoweredFunction &F,
                               const ir::Function &Gradient, unsigned Lanes,
                               const std::string &Name, DerivativeModule &Module);

/// `static R f_hvp_sparsity(params..., const hessc::IndexSet* v,
/// hessc::IndexSet* hv)`: f_hvp with index sets for tangents, from which
/// f_hessian_sparsity reads the Hessian's pattern (hessc/sparsity.h).
ir::Function buildHessianVectorProductSparsity(const LoweredFunction &F,
                                               const ir::Function &Gradient,
                                               DerivativeModule &Module);

/// How many directions one Hessian block (f_hessian_block) carries: eight
/// doubles fill a cache line and an AVX-512 register, and keep the tapes
/// small.
constexpr unsigned HessianLanes = 8;

/// How many directions the narrow block (f_hessian_pair) carries: the dense
/// and sparse drivers finish with it when too few directions are left for
/// a full block. It costs little more than one f_hvp: 9 ns against 7 for
/// Rosenbrock at N = 10, where a full block costs 21.
constexpr unsigned HessianPairLanes = 2;

} // namespace hessc

#endif // HESSC_TRANSFORMS_SECONDORDER_H
