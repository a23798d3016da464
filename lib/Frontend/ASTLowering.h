//===- ASTLowering.h - Turn an annotated Clang function into hessc IR -----===//
//
// The one place that reads the Clang AST of a function body. Lowering either
// produces IR that means exactly what the C++ means, or reports why it cannot
// at the offending expression; it never guesses. Independents come from the
// HESSC_DIFF spec, checked against the parameters.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_FRONTEND_ASTLOWERING_H
#define HESSC_FRONTEND_ASTLOWERING_H

#include "Frontend/Diagnostics.h"
#include "IR/IR.h"

#include <optional>

namespace clang {
class ASTContext;
class FunctionDecl;
class AnnotateAttr;
} // namespace clang

namespace hessc {

/// One entry of the flattened independent vector x: a scalar parameter, or
/// an array parameter with its length.
struct Independent {
  ir::VarRef Var;
  ir::ExprRef Length; ///< Null for scalars.
};

/// An annotated function as IR, with what the transformations need to know
/// about its interface.
struct LoweredFunction {
  ir::Function Primal;
  std::vector<Independent> Independents;
  /// N, the number of independent scalars, as an expression of the
  /// parameters.
  ir::ExprRef Dimension;
  /// N is read off an independent std::vector (`x.size()`), so it is not a
  /// function of the constant parameters alone.
  bool DimensionFromIndependents = false;
};

/// Returns the hessc annotation of `FD` (or one of its redeclarations).
const clang::AnnotateAttr *findHesscAnnotation(const clang::FunctionDecl *FD);

/// Lowers the definition `FD`, which carries `Annotation`. Returns nullopt
/// after reporting at least one error to `Diags`.
std::optional<LoweredFunction> lowerFunction(clang::ASTContext &Ctx,
                                             const clang::FunctionDecl *FD,
                                             const clang::AnnotateAttr *Annotation,
                                             DiagnosticCollector &Diags);

} // namespace hessc

#endif // HESSC_FRONTEND_ASTLOWERING_H
