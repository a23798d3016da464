//===- DerivativeInjector.cpp - Derivatives parsed right after their function =//

#include "Driver/DerivativeInjector.h"

#include "Frontend/ASTLowering.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/PragmaKinds.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Lex/Pragma.h"
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

/// The name of the pragma that enters the generated text:
/// `#pragma hessc __inject_derivatives`, only ever written by the injector.
constexpr llvm::StringLiteral PragmaNamespace = "hessc";
constexpr llvm::StringLiteral InjectPragma = "__inject_derivatives";

/// A function definition at namespace scope whose body the parser is in,
/// where derivatives may follow.
struct OpenBody {
  const FunctionDecl *Function = nullptr;
  /// The brace depth inside the body; its closing brace returns to one less.
  int Depth = 0;
  /// The compiler's error count when the body began.
  unsigned ErrorsBefore = 0;
};

/// A function whose derivatives could not be made where it ends, because
/// it calls a function defined further down; they follow the next
/// function defined in the same scope, once that one is.
struct Waiting {
  const FunctionDecl *Function;
  /// The functions whose bodies were missing, for the final diagnostic.
  std::vector<std::string> Missing;
};

/// The parser's one token of lookahead must not read past a closing brace
/// into the user's code before Sema has finished the function. So the brace
/// is followed by a filler token and `_Pragma("hessc __inject_derivatives")`:
/// the parser reads the filler as its lookahead and consumes it only after
/// Sema has finished the function; reading on, it meets the pragma, whose
/// handler makes the derivatives and enters them like an included file.
/// Entering a file from a pragma is what `#include` does, from the same
/// lexer state.
class Injector : public PragmaHandler {
public:
  Injector(CompilerInstance &CI,
           std::function<std::string(const std::string &)> GeneratedNameFor,
           std::function<void(const InjectionResult &)> Done)
      : PragmaHandler(InjectPragma), CI(CI), PP(CI.getPreprocessor()),
        GeneratedNameFor(std::move(GeneratedNameFor)), Done(std::move(Done)) {}

  /// Starts watching the parse. Every file is watched (the annotation may
  /// come from a header, or through a macro); without annotations nothing
  /// is ever entered, and the file compiles exactly as without hessc.
  void start() {
    SourceManager &SM = CI.getSourceManager();
    FileID Main = SM.getMainFileID();
    OptionalFileEntryRef Entry = SM.getFileEntryRefForID(Main);
    std::optional<llvm::MemoryBufferRef> Buffer = SM.getBufferOrNone(Main);
    if (!Buffer)
      return;
    Result.Original = Buffer->getBuffer().str();
    Result.FileName = Entry ? Entry->getName().str() : std::string("<stdin>");
    Result.GeneratedName = GeneratedNameFor(Result.FileName);
    Text.emplace(Result.FileName);
    PP.AddPragmaHandler(PragmaNamespace, this);
    PP.setTokenWatcher([this](const Token &T) { onToken(T); });
    Watching = true;
  }

  ~Injector() override {
    if (!Watching)
      return;
    PP.setTokenWatcher(nullptr);
    PP.RemovePragmaHandler(PragmaNamespace, this);
  }

  /// At the end of the translation unit: reports what could not be placed,
  /// then hands over the result.
  void finish() {
    if (Watching) {
      reportUnplaced();
      // Annotated: the file spells the annotation, or a definition carried
      // it (from a prototype in a header).
      Result.Annotated = !Placed.empty() || Result.Original.find("HESSC_DIFF") != std::string::npos;
      Result.Generated = Text->text();
    }
    Done(Result);
  }

  /// `#pragma hessc __inject_derivatives`: Sema has finished the function
  /// whose brace the pragma follows.
  void HandlePragma(Preprocessor &, PragmaIntroducer, Token &) override {
    PP.DiscardUntilEndOfDirective();
    if (!Pending.Function)
      return; // Not ours.
    OpenBody Finished = Pending;
    Pending = {};
    injectAfter(Finished);
  }

private:
  void onToken(const Token &T) {
    if (!CI.hasSema())
      return;
    Sema &S = CI.getSema();
    // The first token read in a body: its opening brace has just been
    // counted.
    if (S.CurContext != LastContext) {
      LastContext = S.CurContext;
      if (const auto *FD = dyn_cast<FunctionDecl>(LastContext))
        if (FD != Body.Function && isInjectionPoint(FD) && Seen.insert(FD).second)
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

  /// A function definition at namespace scope in the main file: annotated,
  /// or the place for derivatives that wait (struct Waiting). Annotated
  /// members, lambdas, templates and functions in headers are lowered at
  /// the end of the translation unit for their diagnostics only.
  bool isInjectionPoint(const FunctionDecl *FD) const {
    if (isa<CXXMethodDecl>(FD) || FD->isTemplated() ||
        !FD->getDeclContext()->getRedeclContext()->isFileContext() ||
        !FD->getLexicalDeclContext()->getRedeclContext()->isFileContext())
      return false;
    const SourceManager &SM = CI.getSourceManager();
    if (!SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())))
      return false;
    return findHesscAnnotation(FD) || !WaitingFunctions.empty() || !WaitingFactories.empty();
  }

  /// Puts the filler and the pragma after the brace the parser is about to
  /// consume.
  void closeBody(SourceLocation Brace) {
    OpenBody Closed = Body;
    Body = {};
    // Inside tentative parsing the tokens are replayed: nothing may be
    // entered. reportUnplaced says so for an annotated function.
    if (PP.isBacktrackEnabled() || Pending.Function)
      return;
    constexpr unsigned Count = 5;
    auto Tokens = std::make_unique<Token[]>(Count);
    for (unsigned I = 0; I < Count; ++I) {
      Tokens[I].startToken();
      Tokens[I].setLocation(Brace);
    }
    // The filler: `#pragma ms_struct` restating the current setting, which
    // changes nothing and warns about nothing.
    auto Kind = CI.getSema().MSStructPragmaOn ? PMSST_ON : PMSST_OFF;
    Tokens[0].setKind(tok::annot_pragma_msstruct);
    Tokens[0].setAnnotationEndLoc(Brace);
    Tokens[0].setAnnotationValue(reinterpret_cast<void *>(static_cast<uintptr_t>(Kind)));
    // _Pragma("hessc __inject_derivatives")
    Tokens[1].setKind(tok::identifier);
    Tokens[1].setIdentifierInfo(PP.getIdentifierInfo("_Pragma"));
    Tokens[2].setKind(tok::l_paren);
    Tokens[3].setKind(tok::string_literal);
    PP.CreateString(("\"" + PragmaNamespace + " " + InjectPragma + "\"").str(), Tokens[3]);
    Tokens[4].setKind(tok::r_paren);
    Pending = Closed;
    PP.EnterTokenStream(std::move(Tokens), Count, /*DisableMacroExpansion=*/false,
                        /*IsReinject=*/false);
  }

  /// Differentiates what can be differentiated now, `Finished` and what
  /// waited for it, and has the parser read the derivatives next.
  void injectAfter(const OpenBody &Finished) {
    const FunctionDecl *Point = Finished.Function;
    bool Annotated = findHesscAnnotation(Point) != nullptr;
    if (Annotated)
      Placed.insert(Point);
    // Registers the custom derivatives (HESSC_PARTIAL) declared so far.
    differentiator().findAnnotatedDefinitions();
    std::string Source;
    // First what waited for a function defined further down: this one may
    // be it.
    std::vector<Waiting> StillWaiting;
    for (Waiting &W : WaitingFunctions) {
      if (!sameScope(W.Function, Point)) {
        StillWaiting.push_back(std::move(W));
        continue;
      }
      differentiator().forgetFailedHelpers();
      if (std::optional<GeneratedCode> Code = tryDifferentiate(W.Function, W.Missing))
        Source += placed(W.Function, std::move(*Code));
      else
        StillWaiting.push_back(std::move(W));
    }
    WaitingFunctions = std::move(StillWaiting);
    if (Annotated && !Point->isInvalidDecl() && errorCount() == Finished.ErrorsBefore) {
      std::vector<std::string> Missing;
      if (std::optional<GeneratedCode> Code = tryDifferentiate(Point, Missing))
        Source += placed(Point, std::move(*Code));
      else if (!Missing.empty())
        WaitingFunctions.push_back({Point, std::move(Missing)});
    }
    // f_objective needs <hessc/objective.h>, and f's scope.
    if (declaresObjective(CI.getASTContext())) {
      std::vector<std::pair<const FunctionDecl *, std::string>> Later;
      for (auto &[Function, Factory] : WaitingFactories)
        if (sameScope(Function, Point))
          Source += Factory;
        else
          Later.emplace_back(Function, std::move(Factory));
      WaitingFactories = std::move(Later);
    }
    if (Source.empty())
      return;
    SourceManager &SM = CI.getSourceManager();
    FileID Generated = SM.createFileID(
        llvm::MemoryBuffer::getMemBufferCopy(Source, Result.GeneratedName), SrcMgr::C_User,
        0, 0, Point->getBodyRBrace());
    PP.EnterSourceFile(Generated, nullptr, Point->getBodyRBrace());
  }

  /// The derivatives of `FD`, or nothing. When all that stopped them are
  /// calls to functions without a body yet, their names go to `Missing`
  /// and nothing is reported: those may be defined further down.
  std::optional<GeneratedCode> tryDifferentiate(const FunctionDecl *FD,
                                                std::vector<std::string> &Missing) {
    size_t Before = Diags.records().size();
    std::optional<GeneratedCode> Code = differentiator().differentiate(FD);
    if (Code) {
      emitNewDiagnostics();
      return Code;
    }
    Missing.clear();
    const std::vector<DiagnosticRecord> &Records = Diags.records();
    bool OnlyMissingBodies = Records.size() > Before;
    for (size_t I = Before; I < Records.size(); ++I) {
      if (Records[I].ID == DiagID::err_call_no_body)
        Missing.push_back(Records[I].Args.at(0));
      else if (Records[I].ID != DiagID::note_helper_called_here)
        OnlyMissingBodies = false;
    }
    if (OnlyMissingBodies) {
      Diags.truncate(Before);
      return std::nullopt;
    }
    Missing.clear();
    Result.Failed = true;
    emitNewDiagnostics();
    return std::nullopt;
  }

  /// The text that places `Code`, derivatives of `FD`: its block of the
  /// generated file, led by the `#line` that says where in it, wrapped in
  /// the linkage of a `extern "C" double f(...) {}` that has no braces of
  /// its own. Its f_objective is added, or waits for <hessc/objective.h>.
  std::string placed(const FunctionDecl *FD, GeneratedCode Code) {
    if (!Code.ObjectiveFactory.empty()) {
      // The factory returns a C++ class: never C linkage.
      std::string Factory = FD->isExternC()
                                ? "extern \"C++\" {\n" + Code.ObjectiveFactory + "}\n"
                                : Code.ObjectiveFactory;
      if (declaresObjective(CI.getASTContext()))
        Code.Source += Factory;
      else
        WaitingFactories.emplace_back(FD, std::move(Factory));
    }
    std::string Block = lineDirective(Text->nextLine(), Result.GeneratedName) + Text->append(Code);
    if (const auto *Linkage = dyn_cast<LinkageSpecDecl>(FD->getLexicalDeclContext());
        Linkage && !Linkage->hasBraces())
      Block = (Linkage->getLanguage() == LinkageSpecLanguageIDs::C ? "extern \"C\" {\n"
                                                                 : "extern \"C++\" {\n") +
              Block + "}\n";
    Result.Code.push_back(std::move(Code));
    return Block;
  }

  /// Derivatives of `Waiter` may follow `Point`: both are in the same
  /// scope (a linkage specification without braces ends with its function).
  static bool sameScope(const FunctionDecl *Waiter, const FunctionDecl *Point) {
    auto scopeOf = [](const FunctionDecl *FD) {
      const DeclContext *DC = FD->getLexicalDeclContext();
      if (const auto *Linkage = dyn_cast<LinkageSpecDecl>(DC); Linkage && !Linkage->hasBraces())
        DC = DC->getLexicalParent();
      return DC;
    };
    return scopeOf(Waiter) == scopeOf(Point);
  }

  /// Annotated definitions the watcher did not place, and derivatives that
  /// waited in vain: their errors, or an error saying why. Never a
  /// function that silently has no derivatives.
  void reportUnplaced() {
    if (!WaitingFactories.empty() && declaresObjective(CI.getASTContext()))
      for (const auto &[Function, Factory] : WaitingFactories)
        Diags.report(Function->getLocation(), DiagID::warn_objective_not_placed)
            << Function->getNameAsString();
    emitNewDiagnostics();
    // After C++ errors the user fixes those first: they may be the reason.
    if (errorCount() > HesscErrors)
      return;
    for (const Waiting &W : WaitingFunctions) {
      Placed.insert(W.Function);
      Result.Failed = true;
      differentiator().forgetFailedHelpers();
      if (differentiator().differentiate(W.Function))
        Diags.report(W.Function->getLocation(), DiagID::err_callee_defined_later)
            << W.Function->getNameAsString() << W.Missing.front();
    }
    for (const FunctionDecl *FD : differentiator().findAnnotatedDefinitions(/*InBodies=*/true)) {
      if (Placed.count(FD) || FD->isInvalidDecl())
        continue;
      Result.Failed = true;
      if (differentiator().differentiate(FD))
        Diags.report(FD->getLocation(), DiagID::err_cannot_place) << FD->getNameAsString();
    }
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
  bool Watching = false;
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
  /// The function whose brace the filler and the pragma follow.
  OpenBody Pending;
  llvm::DenseSet<const FunctionDecl *> Seen, Placed;
  std::vector<Waiting> WaitingFunctions;
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
