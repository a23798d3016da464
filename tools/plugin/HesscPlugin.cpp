//===- HesscPlugin.cpp - The Clang plugin entry point ---------------------===//
//
// Loaded with `clang++-19 -fplugin=HesscPlugin.so`. As Clang parses the main
// file, the plugin differentiates each annotated function and has Clang parse
// its derivatives right after it (lib/Driver/DerivativeInjector.h). Files
// without an annotation are compiled exactly as without the plugin.
//
// Options: -fplugin-arg-hessc-dump, -fplugin-arg-hessc-emit-dir=DIR.
//
//===----------------------------------------------------------------------===//

#include "Driver/DerivativeInjector.h"

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
    // Clang destroys this action once it has the consumer: the callbacks
    // keep copies of the options.
    return hessc::injectDerivatives(
        CI,
        [EmitDir = EmitDir](const std::string &Name) {
          return generatedFileName(Name, EmitDir);
        },
        [Dump = Dump, EmitDir = EmitDir, &CI](const hessc::InjectionResult &R) {
          if (!R.Annotated || R.Failed)
            return;
          if (Dump)
            llvm::errs() << R.Generated;
          if (!EmitDir.empty())
            hessc::writeFileOrReport(CI, R.GeneratedName, R.Generated);
        });
  }

private:
  /// DIR/<file>.hessc.cpp with emit-dir, else <file>.hessc.cpp beside the
  /// source (where `#line` directives point; nothing is written there).
  static std::string generatedFileName(const std::string &Name,
                                       const std::string &EmitDir) {
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
