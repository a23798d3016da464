//===- CppPrinter.h - Print IR functions as readable C++ ------------------===//
//
// The only place that knows C++ syntax on the output side. Everything hessc
// generates is printed here, one statement a line, indented, with the
// fewest parentheses that keep C++ precedence right.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_CODEGEN_CPPPRINTER_H
#define HESSC_CODEGEN_CPPPRINTER_H

#include "IR/IR.h"

#include <string>

namespace hessc {

/// Prints `F` as a C++ function definition.
std::string printFunction(const ir::Function &F);

/// Prints `F`'s declaration (no body), e.g. for a header of prototypes.
std::string printDeclaration(const ir::Function &F);

/// The three functions that multiply the Hessian with directions, from
/// which the dense and sparse drivers assemble it (see
/// Transforms/SecondOrder.h): f_hvp, one direction; f_hessian_pair, two;
/// f_hessian_block, `Lanes`.
struct HessianProducts {
  const ir::Function &HVP;
  const ir::Function &Pair;
  const ir::Function &Block;
  unsigned Lanes;
};

/// Prints `R f_hessian(params..., R* H)`, which assembles the dense Hessian
/// from `Products` with hessc::denseHessian. `Dimension` is N as an
/// expression of the parameters.
std::string printHessianDriver(const HessianProducts &Products,
                               const std::string &Name, const ir::ExprRef &Dimension,
                               bool DeclarationOnly = false);

/// The linkage of f_hessian_sparsity and f_hessian_sparse, given f's:
/// `inline` where f's would be external. Compiling them costs about as much
/// as f_grad, f_hvp and f_hessian together (f_hvp_sparsity over index sets,
/// the runtime's sparse drivers), and few translation units call them, so
/// they are compiled only where called, like any inline function.
std::string sparseDriverLinkage(const std::string &Linkage);

/// Prints `R f_hessian_sparsity(params..., hessc::SparsityPattern& pattern)`,
/// which runs `SetHvp` (f_hvp_sparsity) through hessc::hessianSparsity;
/// `Linkage` is its own (see sparseDriverLinkage), `DependsOnPoint` goes
/// into the pattern (see Transforms/ControlDependence.h).
std::string printSparsityDriver(const ir::Function &SetHvp, const std::string &Name,
                                const std::string &Linkage,
                                const ir::ExprRef &Dimension, bool DependsOnPoint,
                                bool DeclarationOnly = false);

/// Prints `R f_hessian_sparse(params..., const hessc::HessianColoring&
/// coloring, R* values)`, which evaluates the nonzeros from one product per
/// colour, taken a block, a pair or one at a time (hessc::sparseHessian).
std::string printSparseHessianDriver(const HessianProducts &Products,
                                     const std::string &Linkage,
                                     const std::string &Name,
                                     bool DeclarationOnly = false);

/// Prints one expression with `RealType` spelling real literals ("float"
/// gives 2.0f). Exposed for tests and diagnostics.
std::string printExpr(const ir::ExprRef &E, const std::string &RealType);

} // namespace hessc

#endif // HESSC_CODEGEN_CPPPRINTER_H
