//===- HesscPlugin.cpp - The Clang plugin entry point ---------------------===//
//
// Loaded with `clang++-19 -fplugin=HesscPlugin.so`. Before Clang parses the
// main file, the plugin differentiates the annotated functions and gives the
// compiler the file with their derivatives spliced in (lib/Driver). Files
// without an annotation are compiled exactly as without the plugin.
//
// Options: -fplugin-arg-hessc-dump, -fplugin-arg-hessc-emit-dir=DIR.
//
//===----------------------------------------------------------------------===//

#include "Driver/MainFileTransform.h"
#include "Driver/PreParse.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace {

class HesscAction : public PluginASTAction {
protected:
  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    for (const std::string &Arg : Args) {
      llvm::StringRef A(Arg);
      if (A == "dump") {
        Dump = true;
      } else if (A.consume_front("emit-dir=") && !A.empty()) {
        EmitDir = A.str();
      } else {
        DiagnosticsEngine &D = CI.getDiagnostics();
        D.Report(D.getDiagnosticIDs()->getCustomDiagID(
                     DiagnosticIDs::Error,
                     "unknown hessc plugin argument '%0'; expected 'dump' or 'emit-dir=DIR'"))
            << Arg;
        return false;
      }
    }
    return true;
  }

  ActionType getActionType() override { return AddBeforeMainAction; }

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef) override {
    // The pre-parse loads the plugin again; that instance must do nothing.
    if (hessc::isInsidePreParse())
      return std::make_unique<ASTConsumer>();
    hessc::MainFileTransform T = hessc::transformMainFile(
        CI, [this](const std::string &Name) { return generatedFileName(Name); });
    if (T.Annotated && !T.Failed) {
      if (Dump)
        llvm::errs() << T.Spliced.Generated;
      if (!EmitDir.empty())
        hessc::writeFileOrReport(CI, T.GeneratedName, T.Spliced.Generated);
    }
    return std::make_unique<ASTConsumer>();
  }

private:
  /// DIR/<file>.hessc.cpp with emit-dir, else <file>.hessc.cpp beside the
  /// source (where `#line` directives point; nothing is written there).
  std::string generatedFileName(const std::string &Name) const {
    if (EmitDir.empty())
      return Name + ".hessc.cpp";
    llvm::SmallString<256> Path(EmitDir);
    llvm::sys::path::append(Path, llvm::sys::path::filename(Name) + ".hessc.cpp");
    return std::string(Path);
  }

  bool Dump = false;
  std::string EmitDir;
};

} // namespace

static FrontendPluginRegistry::Add<HesscAction>
    X("hessc", "differentiate functions annotated with HESSC_DIFF");
