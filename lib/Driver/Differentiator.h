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

#include <string>
#include <vector>

namespace clang {
class ASTContext;
}

namespace hessc {

/// The derivatives of one annotated function.
struct GeneratedCode {
  std::string FunctionName;
  /// Byte offset in the main file just past the definition's closing brace.
  unsigned InsertOffset = 0;
  /// Line of the annotated definition, for the generated comment.
  unsigned SourceLine = 0;
  /// The generated definitions, ending in a newline.
  std::string Source;
  /// Declarations of the public generated functions (f_grad, f_hvp,
  /// f_hessian) in f's namespaces, for a header; empty when f has internal
  /// linkage.
  std::string Declarations;
};

/// Differentiates every annotated function defined in the main file of
/// `Ctx`, in source order. Problems are recorded in `Diags`; functions with
/// errors produce no code. Functions containing one of `CompileErrors` (the
/// C++ errors of this parse) are skipped silently: the compiler reports
/// those itself.
std::vector<GeneratedCode>
differentiateTranslationUnit(clang::ASTContext &Ctx, DiagnosticCollector &Diags,
                             const std::vector<clang::SourceLocation> &CompileErrors = {});

} // namespace hessc

#endif // HESSC_DRIVER_DIFFERENTIATOR_H
