//===- PreParse.cpp - Differentiate a file before the compiler parses it --===//

#include "Driver/PreParse.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "llvm/Support/MemoryBuffer.h"

namespace hessc {

namespace {

thread_local bool InsidePreParse = false;

FileOffset toFileOffset(const clang::SourceManager &SM, clang::SourceLocation Loc) {
  if (Loc.isInvalid())
    return {};
  auto [FID, Offset] = SM.getDecomposedLoc(SM.getFileLoc(Loc));
  auto Entry = SM.getFileEntryRefForID(FID);
  if (!Entry)
    return {};
  return {Entry->getName().str(), Offset};
}

/// Remembers where the pre-parse found C++ errors. Calls to f_grad later in
/// the file are errors here by nature (f_grad does not exist yet), so errors
/// are not fatal: only functions that contain one are left alone.
class ErrorRecorder : public clang::DiagnosticConsumer {
public:
  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override {
    if (Level >= clang::DiagnosticsEngine::Error && Info.getLocation().isValid())
      Errors.push_back(Info.getLocation());
  }

  std::vector<clang::SourceLocation> Errors;
};

class DifferentiatingConsumer : public clang::ASTConsumer {
public:
  DifferentiatingConsumer(PreParseResult &Result, const ErrorRecorder &Errors)
      : Result(Result), Errors(Errors) {}

  /// The pre-parse needs the bodies of the user's code (annotated functions
  /// and the helpers they call), not those of system headers such as Eigen
  /// or the standard library: skipping those halves its cost.
  bool shouldSkipFunctionBody(clang::Decl *D) override {
    const clang::SourceManager &SM = D->getASTContext().getSourceManager();
    return SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation()));
  }

  void HandleTranslationUnit(clang::ASTContext &Ctx) override {
    DiagnosticCollector Diags;
    Result.Code = differentiateTranslationUnit(Ctx, Diags, Errors.Errors);
    Result.Parsed = true;
    const auto &SM = Ctx.getSourceManager();
    for (const DiagnosticRecord &R : Diags.records())
      Result.Diagnostics.push_back({R, toFileOffset(SM, R.Loc),
                                    toFileOffset(SM, R.Range.getBegin()),
                                    toFileOffset(SM, R.Range.getEnd())});
  }

private:
  PreParseResult &Result;
  const ErrorRecorder &Errors;
};

class DifferentiatingAction : public clang::ASTFrontendAction {
public:
  DifferentiatingAction(PreParseResult &Result, const ErrorRecorder &Errors)
      : Result(Result), Errors(Errors) {}

protected:
  std::unique_ptr<clang::ASTConsumer>
  CreateASTConsumer(clang::CompilerInstance &, llvm::StringRef) override {
    return std::make_unique<DifferentiatingConsumer>(Result, Errors);
  }

private:
  PreParseResult &Result;
  const ErrorRecorder &Errors;
};

} // namespace

bool isInsidePreParse() { return InsidePreParse; }

PreParseResult preParseAndDifferentiate(clang::CompilerInstance &CI,
                                        const std::string &MainFileName,
                                        const std::string &MainText) {
  auto Invocation = std::make_shared<clang::CompilerInvocation>(CI.getInvocation());
  clang::FrontendOptions &Frontend = Invocation->getFrontendOpts();
  Frontend.ProgramAction = clang::frontend::ParseSyntaxOnly;
  Frontend.Plugins.clear();
  Frontend.AddPluginActions.clear();
  Frontend.PluginArgs.clear();
  Frontend.ActionName.clear();
  Frontend.OutputFile.clear();
  Frontend.DisableFree = false;
  Frontend.SkipFunctionBodies = true; // Asks the consumer which ones.
  Invocation->getDependencyOutputOpts() = clang::DependencyOutputOptions();
  Invocation->getDiagnosticOpts().DiagnosticSerializationFile.clear();
  Invocation->getPreprocessorOpts().addRemappedFile(
      MainFileName, llvm::MemoryBuffer::getMemBufferCopy(MainText, MainFileName).release());

  clang::CompilerInstance Inner(CI.getPCHContainerOperations());
  Inner.setInvocation(std::move(Invocation));
  Inner.setFileManager(&CI.getFileManager());
  ErrorRecorder Errors;
  Inner.createDiagnostics(&Errors, /*ShouldOwnClient=*/false);
  // Keep going after the undeclared f_grad calls; do not stop at 20 errors.
  Inner.getDiagnostics().setErrorLimit(0);
  Inner.getDiagnostics().setSuppressAllDiagnostics(false);

  PreParseResult Result;
  DifferentiatingAction Action(Result, Errors);
  InsidePreParse = true;
  Inner.ExecuteAction(Action);
  InsidePreParse = false;
  return Result;
}

} // namespace hessc
