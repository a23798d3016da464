//===- Differentiator.h - Generate derivative source for a translation unit ===//
//
// The library's entry point: given a parsed translation unit, find the
// annotated functions defined in its main file and produce, for each, the
// C++ source of its derivatives and where in the file it belongs. How that
// text reaches a compiler (the plugin's in-memory splice, the hessc
// command's output files) is the caller's business.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_DRIVER_DIFFERENTIATOR_H
#define HESSC_DRIVER_DIFFERENTIATOR_H

#include "Frontend/Diagnostics.h"

#include "clang/Basic/SourceLocation.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
}

namespace hessc {

/// The derivatives of one annotated function.
struct GeneratedCode {
  std::string FunctionName;
  /// Byte offset in the main file just past the definition's closing brace
  /// (past the macro invocation that expands to it); NoOffset when the brace
  /// is in another file.
  unsigned InsertOffset = 0;
  static constexpr unsigned NoOffset = ~0u;
  /// Line of the annotated definition, for the generated comment.
  unsigned SourceLine = 0;
  /// The generated definitions, ending in a newline.
  std::string Source;
  /// Declarations of the public generated functions (f_grad, f_hvp,
  /// f_hessian) in f's namespaces, for a header; empty when f has internal
  /// linkage.
  std::string Declarations;
  /// f_objective, for a translation unit that includes <hessc/objective.h>;
  /// empty for float functions (the runtime computes in double). Not part
  /// of Source: whether it can be compiled depends on where it goes.
  std::string ObjectiveFactory;
};

/// Differentiates annotated functions one at a time, sharing the helpers'
/// derivatives between them (each is printed before its first caller, once).
/// The plugin and the hessc command differentiate each function as soon as
/// the parser has finished it (Driver/DerivativeInjector.h); tests and tools
/// that hold a whole AST use differentiateTranslationUnit.
class Differentiator {
public:
  /// Problems are recorded in `Diags`.
  Differentiator(clang::ASTContext &Ctx, DiagnosticCollector &Diags);
  ~Differentiator();

  /// The annotated definitions among the declarations parsed so far, in
  /// source order, outside system headers; with `InBodies`, also those in
  /// function bodies (lambdas, local classes), which cost a walk of every
  /// statement. Registers the custom derivatives (HESSC_PARTIAL) found on
  /// the way, which later calls then use.
  std::vector<const clang::FunctionDecl *> findAnnotatedDefinitions(bool InBodies = false);

  /// Lets the next differentiation try again the helpers that could not be
  /// lowered: their callees may have been defined since.
  void forgetFailedHelpers();

  /// The derivatives of the annotated definition `FD`; nothing after an
  /// error, which is recorded in the collector.
  std::optional<GeneratedCode> differentiate(const clang::FunctionDecl *FD);

private:
  struct State;
  std::unique_ptr<State> TheState;
};

/// True when the translation unit has seen <hessc/objective.h> so far.
bool declaresObjective(clang::ASTContext &Ctx);

/// Differentiates every annotated function of `Ctx`, in source order, with
/// f_objective where the translation unit includes <hessc/objective.h>.
/// Functions containing one of `CompileErrors` (C++ errors of this parse)
/// are skipped silently: the compiler reports those itself.
std::vector<GeneratedCode>
differentiateTranslationUnit(clang::ASTContext &Ctx, DiagnosticCollector &Diags,
                             const std::vector<clang::SourceLocation> &CompileErrors = {});

} // namespace hessc

#endif // HESSC_DRIVER_DIFFERENTIATOR_H
