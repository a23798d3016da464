//===- DerivativeInjector.h - Derivatives parsed right after their function ===//
//
// How generated code reaches the compiler, for the plugin and the hessc
// command alike: within the one real parse. Code later in the file calls
// f_grad, so the derivatives must be declared before that code is parsed;
// they are, because each annotated function is differentiated as soon as
// Sema has finished it, and its derivatives are parsed in its place, just
// after its closing brace, in its namespace.
//
// The preprocessor's token watcher sees that brace (Sema's current context
// tells whose body it closes) before the parser has acted on it. The
// parser's one token of lookahead must not read past the brace into the
// user's code, so a filler token follows it (a `#pragma ms_struct`
// annotation restating the current setting), then
// `_Pragma("hessc __inject_derivatives")`. The parser consumes the filler
// only once Sema has finished the function; reading on, it runs the pragma,
// whose handler differentiates the function and enters the generated text
// the way `#include` enters a file.
//
// This relies on the parser's lookahead of one token, not on a documented
// API (shared/notes/clang19-injection-facts.md, "Road C");
// test/CodeGen/injection.cpp covers the placements that depend on it. A
// function that calls one defined further down gets its derivatives after
// the next function of its scope defined once that one is. Whatever cannot
// be placed is an error at the function, never a silent omission.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_DRIVER_DERIVATIVEINJECTOR_H
#define HESSC_DRIVER_DERIVATIVEINJECTOR_H

#include "Driver/Differentiator.h"
#include "Driver/SourceSplicer.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace clang {
class ASTConsumer;
class CompilerInstance;
} // namespace clang

namespace hessc {

/// What the injection produced, complete once the translation unit is.
struct InjectionResult {
  /// The main file mentions HESSC_DIFF; otherwise nothing was done.
  bool Annotated = false;
  /// hessc reported an error: some derivatives are missing.
  bool Failed = false;
  std::string FileName;
  /// The name `#line` directives give generated code.
  std::string GeneratedName;
  /// The main file as it is on disk.
  std::string Original;
  /// The derivatives, in the order they were parsed.
  std::vector<GeneratedCode> Code;
  /// All generated code on its own (the dump, emit-dir's file), which the
  /// `#line` directives in the parsed code refer to.
  std::string Generated;
};

/// Call from an ASTFrontendAction's CreateASTConsumer: watches the parse of
/// CI's main file and injects derivatives after each annotated function.
/// `GeneratedNameFor` names the generated code for a main file name. The
/// returned consumer, which must be the action's (or be multiplexed into
/// it), calls `Done` at the end of the translation unit.
std::unique_ptr<clang::ASTConsumer>
injectDerivatives(clang::CompilerInstance &CI,
                  std::function<std::string(const std::string &)> GeneratedNameFor,
                  std::function<void(const InjectionResult &)> Done);

/// Writes `Text` to `Path`, creating its directory; reports failure through
/// CI's diagnostics and returns false.
bool writeFileOrReport(clang::CompilerInstance &CI, const std::string &Path,
                       const std::string &Text);

} // namespace hessc

#endif // HESSC_DRIVER_DERIVATIVEINJECTOR_H
