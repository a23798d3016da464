//===- DerivativeInjector.cpp - Derivatives parsed right after their function =//

#include "Driver/DerivativeInjector.h"

#include "Frontend/ASTLowering.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/PragmaKinds.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Sema/Sema.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace hessc {

namespace {

using namespace clang;

/// An annotated definition whose body the parser is in.
struct OpenBody {
  const FunctionDecl *Function = nullptr;
  /// The brace depth inside the body; its closing brace returns to one less.
  int Depth = 0;
  /// The compiler's error count when the body began: errors inside it mean
  /// the compiler reports the function itself, and hessc stays silent.
  unsigned ErrorsBefore = 0;
};

/// The function whose closing brace the filler tokens follow.
struct PendingInjection {
  const FunctionDecl *Function = nullptr;
  SourceLocation Brace;
  unsigned ErrorsBefore = 0;
  /// Fillers not yet read by the parser.
  int FillersLeft = 0;
};

class Injector {
public:
  Injector(CompilerInstance &CI,
           std::function<std::string(const std::string &)> GeneratedNameFor,
           std::function<void(const InjectionResult &)> Done)
      : CI(CI), PP(CI.getPreprocessor()), GeneratedNameFor(std::move(GeneratedNameFor)),
        Done(std::move(Done)) {}

  /// Starts watching the parse when the main file mentions an annotation;
  /// a file without one is compiled exactly as without hessc.
  void start() {
    SourceManager &SM = CI.getSourceManager();
    FileID Main = SM.getMainFileID();
    OptionalFileEntryRef Entry = SM.getFileEntryRefForID(Main);
    std::optional<llvm::MemoryBufferRef> Buffer = SM.getBufferOrNone(Main);
    if (!Entry || !Buffer)
      return;
    Result.Original = Buffer->getBuffer().str();
    if (Result.Original.find("HESSC_DIFF") == std::string::npos &&
        Result.Original.find("hessc.diff") == std::string::npos)
      return;
    Result.Annotated = true;
    Result.FileName = Entry->getName().str();
    Result.GeneratedName = GeneratedNameFor(Result.FileName);
    Text.emplace(Result.FileName);
    PP.setTokenWatcher([this](const Token &T) { onToken(T); });
  }

  ~Injector() {
    if (Result.Annotated)
      PP.setTokenWatcher(nullptr);
  }

  /// At the end of the translation unit: reports what could not be placed,
  /// then hands over the result.
  void finish() {
    if (Result.Annotated) {
      reportUnplaced();
      Result.Generated = Text->text();
    }
    Done(Result);
  }

private:
  void onToken(const Token &T) {
    if (T.is(tok::annot_pragma_msstruct) && Pending.FillersLeft > 0 &&
        T.getLocation() == Pending.Brace) {
      // The first filler is read as the parser consumes the brace; the
      // second as it consumes the first, after Sema finished the function.
      if (--Pending.FillersLeft == 0)
        inject();
      return;
    }
    if (!CI.hasSema())
      return;
    Sema &S = CI.getSema();
    // The first token read in an annotated body: its opening brace has
    // just been counted.
    if (S.CurContext != LastContext) {
      LastContext = S.CurContext;
      if (const auto *FD = dyn_cast<FunctionDecl>(LastContext))
        if (FD != Body.Function && isInjectable(FD) && Seen.insert(FD).second)
          Body = {FD, Depth, errorCount()};
    }
    if (T.is(tok::l_brace)) {
      ++Depth;
    } else if (T.is(tok::r_brace)) {
      --Depth;
      if (Body.Function && Depth == Body.Depth - 1)
        closeBody(T.getLocation());
    }
  }

  /// An annotated definition at namespace scope in the main file. Others
  /// (members, templates, headers) are lowered at the end of the
  /// translation unit only for their diagnostics.
  bool isInjectable(const FunctionDecl *FD) const {
    if (!FD->getLexicalDeclContext()->getRedeclContext()->isFileContext() ||
        FD->isTemplated() || !findHesscAnnotation(FD))
      return false;
    const SourceManager &SM = CI.getSourceManager();
    return SM.isInMainFile(SM.getExpansionLoc(FD->getLocation()));
  }

  /// Puts the two fillers after the brace the parser is about to consume.
  void closeBody(SourceLocation Brace) {
    OpenBody Closed = Body;
    Body = {};
    // Inside tentative parsing the tokens are replayed: nothing may be
    // entered. reportUnplaced says so.
    if (PP.isBacktrackEnabled() || Pending.FillersLeft > 0)
      return;
    // `#pragma ms_struct` restating the current setting changes nothing.
    auto Kind = CI.getSema().MSStructPragmaOn ? PMSST_ON : PMSST_OFF;
    constexpr int Fillers = 2;
    auto Tokens = std::make_unique<Token[]>(Fillers);
    for (int I = 0; I < Fillers; ++I) {
      Token &Filler = Tokens[I];
      Filler.startToken();
      Filler.setKind(tok::annot_pragma_msstruct);
      Filler.setLocation(Brace);
      Filler.setAnnotationEndLoc(Brace);
      Filler.setAnnotationValue(reinterpret_cast<void *>(static_cast<uintptr_t>(Kind)));
    }
    Pending = {Closed.Function, Brace, Closed.ErrorsBefore, Fillers};
    PP.EnterTokenStream(std::move(Tokens), Fillers, /*DisableMacroExpansion=*/true,
                        /*IsReinject=*/false);
  }

  /// Differentiates the function just finished and has its derivatives
  /// parsed next.
  void inject() {
    PendingInjection Now = Pending;
    Pending = {};
    Placed.insert(Now.Function);
    if (Now.Function->isInvalidDecl() || errorCount() > Now.ErrorsBefore)
      return; // The compiler reports the function's own errors.
    // Registers the custom derivatives (HESSC_PARTIAL) declared so far.
    differentiator().findAnnotatedDefinitions();
    std::optional<GeneratedCode> Code = differentiator().differentiate(Now.Function);
    emitNewDiagnostics();
    if (!Code) {
      Result.Failed = true;
      return;
    }
    // f_objective needs <hessc/objective.h>; functions seen before it was
    // included get theirs after the next function that follows it.
    if (declaresObjective(CI.getASTContext())) {
      for (const auto &[Function, Factory] : WaitingFactories)
        Code->Source += Factory;
      WaitingFactories.clear();
      Code->Source += Code->ObjectiveFactory;
    } else if (!Code->ObjectiveFactory.empty()) {
      WaitingFactories.emplace_back(Now.Function, Code->ObjectiveFactory);
    }
    std::string Block = lineDirective(Text->nextLine(), Result.GeneratedName) + Text->append(*Code);
    SourceManager &SM = CI.getSourceManager();
    FileID Generated =
        SM.createFileID(llvm::MemoryBuffer::getMemBufferCopy(Block, Result.GeneratedName),
                        SrcMgr::C_User, 0, 0, Now.Brace);
    PP.EnterSourceFile(Generated, nullptr, Now.Brace);
    Result.Code.push_back(std::move(*Code));
  }

  /// Annotated definitions the watcher did not place: their lowering's
  /// errors if they have any, otherwise an error saying so. Never a
  /// function that silently has no derivatives.
  void reportUnplaced() {
    // After C++ errors the user fixes those first: they may be the reason.
    if (errorCount() > HesscErrors)
      return;
    for (const FunctionDecl *FD : differentiator().findAnnotatedDefinitions()) {
      if (Placed.count(FD) || FD->isInvalidDecl())
        continue;
      Result.Failed = true;
      if (differentiator().differentiate(FD))
        Diags.report(FD->getLocation(), DiagID::err_cannot_place)
            << FD->getNameAsString();
    }
    if (!WaitingFactories.empty() && declaresObjective(CI.getASTContext()))
      for (const auto &[Function, Factory] : WaitingFactories)
        Diags.report(Function->getLocation(), DiagID::warn_objective_after_last)
            << Function->getNameAsString();
    emitNewDiagnostics();
  }

  Differentiator &differentiator() {
    if (!TheDifferentiator)
      TheDifferentiator.emplace(CI.getASTContext(), Diags);
    return *TheDifferentiator;
  }

  void emitNewDiagnostics() {
    const std::vector<DiagnosticRecord> &Records = Diags.records();
    for (; Emitted < Records.size(); ++Emitted) {
      const DiagnosticRecord &R = Records[Emitted];
      unsigned Before = errorCount();
      emitDiagnostic(CI.getDiagnostics(), R, R.Loc, R.Range);
      HesscErrors += errorCount() - Before; // Warnings too under -Werror.
    }
  }

  unsigned errorCount() const { return CI.getDiagnostics().getClient()->getNumErrors(); }

  CompilerInstance &CI;
  Preprocessor &PP;
  std::function<std::string(const std::string &)> GeneratedNameFor;
  std::function<void(const InjectionResult &)> Done;
  InjectionResult Result;
  std::optional<GeneratedText> Text;
  DiagnosticCollector Diags;
  std::size_t Emitted = 0;
  /// Of the compiler's error count, the errors hessc reported.
  unsigned HesscErrors = 0;
  std::optional<Differentiator> TheDifferentiator;

  int Depth = 0;
  const DeclContext *LastContext = nullptr;
  OpenBody Body;
  PendingInjection Pending;
  llvm::DenseSet<const FunctionDecl *> Seen, Placed;
  std::vector<std::pair<const FunctionDecl *, std::string>> WaitingFactories;
};

class InjectingConsumer : public ASTConsumer {
public:
  explicit InjectingConsumer(std::unique_ptr<Injector> TheInjector)
      : TheInjector(std::move(TheInjector)) {}

  void HandleTranslationUnit(ASTContext &) override { TheInjector->finish(); }

private:
  std::unique_ptr<Injector> TheInjector;
};

} // namespace

std::unique_ptr<ASTConsumer>
injectDerivatives(CompilerInstance &CI,
                  std::function<std::string(const std::string &)> GeneratedNameFor,
                  std::function<void(const InjectionResult &)> Done) {
  auto TheInjector =
      std::make_unique<Injector>(CI, std::move(GeneratedNameFor), std::move(Done));
  TheInjector->start();
  return std::make_unique<InjectingConsumer>(std::move(TheInjector));
}

bool writeFileOrReport(CompilerInstance &CI, const std::string &Path,
                       const std::string &Text) {
  std::error_code EC;
  llvm::StringRef Dir = llvm::sys::path::parent_path(Path);
  if (!Dir.empty())
    EC = llvm::sys::fs::create_directories(Dir);
  if (!EC) {
    llvm::raw_fd_ostream OS(Path, EC);
    if (!EC)
      OS << Text;
  }
  if (!EC)
    return true;
  DiagnosticsEngine &D = CI.getDiagnostics();
  D.Report(D.getDiagnosticIDs()->getCustomDiagID(DiagnosticIDs::Error,
                                                 "hessc cannot write '%0': %1"))
      << Path << EC.message();
  return false;
}

} // namespace hessc
