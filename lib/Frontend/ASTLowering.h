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

#include <map>
#include <optional>
#include <set>
#include <vector>

namespace clang {
class ASTContext;
class SourceLocation;
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

/// Lowers the functions that annotated functions call, once each per
/// translation unit, so that every caller shares one IR function (and so
/// one set of derivatives) per helper.
class HelperLowering {
public:
  HelperLowering(clang::ASTContext &Ctx, DiagnosticCollector &Diags)
      : Ctx(Ctx), Diags(Diags) {}

  /// The IR of the definition `FD`, computing in `RealType`; null after an
  /// error was reported (in FD's body, or about FD itself at `CallLoc`).
  ir::FunctionRef lower(const clang::FunctionDecl *FD, const std::string &RealType,
                        clang::SourceLocation CallLoc);

  /// Forgets which helpers failed to lower, so that the next call tries
  /// again: a function defined later in the file may have made them
  /// lowerable.
  void forgetFailures() { Failed.clear(); }

  /// Records `Partial` (annotated HESSC_PARTIAL(Function, Argument)).
  void addPartial(const std::string &Function, unsigned Argument,
                  const clang::FunctionDecl *Partial);

  /// True when HESSC_PARTIAL supplies derivatives of `FD`.
  bool hasCustomDerivatives(const clang::FunctionDecl *FD) const;

  /// The IR of `FD` as a function with custom derivatives: no body, one
  /// lowered partial per real parameter. Null after an error.
  ir::FunctionRef custom(const clang::FunctionDecl *FD, const std::string &RealType,
                         clang::SourceLocation CallLoc);

private:
  /// The name HESSC_PARTIAL used for `FD`: qualified or plain.
  const std::map<unsigned, const clang::FunctionDecl *> *
  partialsOf(const clang::FunctionDecl *FD) const;

  std::map<std::string, std::map<unsigned, const clang::FunctionDecl *>> Partials;
  std::map<const clang::FunctionDecl *, ir::FunctionRef> Customs;
  clang::ASTContext &Ctx;
  DiagnosticCollector &Diags;
  std::map<const clang::FunctionDecl *, ir::FunctionRef> Lowered;
  std::set<const clang::FunctionDecl *> Failed;
  std::vector<const clang::FunctionDecl *> InProgress;
};

/// Returns the hessc annotation of `FD` (or one of its redeclarations).
const clang::AnnotateAttr *findHesscAnnotation(const clang::FunctionDecl *FD);

/// Lowers the definition `FD`, which carries `Annotation`. Returns nullopt
/// after reporting at least one error to `Diags`.
std::optional<LoweredFunction> lowerFunction(clang::ASTContext &Ctx,
                                             const clang::FunctionDecl *FD,
                                             const clang::AnnotateAttr *Annotation,
                                             HelperLowering &Helpers,
                                             DiagnosticCollector &Diags);

} // namespace hessc

#endif // HESSC_FRONTEND_ASTLOWERING_H
