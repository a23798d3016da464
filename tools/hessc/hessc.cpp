//===- hessc.cpp - The hessc command ---------------------------------------===//
//
// `hessc [options] <sources> -- <compiler flags>` (or `-p <build dir>` with a
// compile_commands.json): runs the same library as the plugin and writes,
// for each source dir/name.cpp, into the output directory:
//
//   name.cpp        the source with its derivatives spliced in: compile this
//                   in place of the original, with any compiler (`#line`
//                   directives keep the original's file name and lines);
//   name.hessc.cpp  the generated derivative code alone, for review;
//   name.hessc.h    declarations of the public f_grad, f_hvp, f_hessian;
//   name.d          with --depfile: the files the output depends on.
//
// Exit codes: 0 success; 1 a source has errors (hessc's or the C++
// compiler's), reported as diagnostics; 2 the command line is wrong (bad
// options, missing source).
//
//===----------------------------------------------------------------------===//

#include "Driver/DerivativeInjector.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;
namespace cl = llvm::cl;

namespace {

cl::OptionCategory HesscCategory("hessc options");

cl::opt<std::string> OutputDir("output-dir", cl::init("."),
                               cl::desc("Directory for the generated files (default: .)"),
                               cl::value_desc("dir"), cl::cat(HesscCategory));
cl::alias OutputDirShort("o", cl::desc("Alias for --output-dir"),
                         cl::aliasopt(OutputDir), cl::cat(HesscCategory));
cl::opt<bool> WriteDepfile("depfile",
                           cl::desc("Also write <name>.d, the files the output depends on"),
                           cl::cat(HesscCategory));

cl::extrahelp CommonHelp(tooling::CommonOptionsParser::HelpMessage);
cl::extrahelp MoreHelp(R"(
For each source dir/name.cpp, hessc writes into the output directory:
  name.cpp        the source with its derivatives: compile it instead of the
                  original (add -I<dir> for the original's quoted includes)
  name.hessc.cpp  the generated derivative code alone
  name.hessc.h    declarations of f_grad, f_hvp and f_hessian
Exit codes: 0 success, 1 errors in a source, 2 wrong command line.
)");

std::string outputPath(llvm::StringRef Source, llvm::StringRef Suffix) {
  llvm::SmallString<256> Path(OutputDir);
  llvm::sys::path::append(Path, llvm::sys::path::stem(Source) + Suffix);
  return std::string(Path);
}

/// The header of declarations for other translation units and editors.
std::string headerFor(const hessc::InjectionResult &T) {
  std::string Guard = "HESSC_GENERATED_" + llvm::sys::path::stem(T.FileName).str() + "_H";
  for (char &C : Guard)
    if (!std::isalnum(static_cast<unsigned char>(C)))
      C = '_';
    else
      C = static_cast<char>(std::toupper(static_cast<unsigned char>(C)));
  std::string Text = "// Declarations of the derivatives hessc generated from " +
                     llvm::sys::path::filename(T.FileName).str() +
                     ". Do not edit: regenerate instead.\n#ifndef " + Guard +
                     "\n#define " + Guard + "\n\n#include <hessc/hessc.h>\n\n";
  for (const hessc::GeneratedCode &G : T.Code)
    Text += G.Declarations;
  return Text + "\n#endif // " + Guard + "\n";
}

/// Parses each source (syntax only) with its derivatives injected, which
/// checks them; writes the outputs when that succeeds.
class TransformAction : public ASTFrontendAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef File) override {
    return hessc::injectDerivatives(
        CI, [](const std::string &Name) { return outputPath(Name, ".hessc.cpp"); },
        [this, &CI, File = File.str()](const hessc::InjectionResult &R) {
          Result = R;
          if (!Result.Annotated) {
            DiagnosticsEngine &D = CI.getDiagnostics();
            D.Report(D.getDiagnosticIDs()->getCustomDiagID(
                         DiagnosticIDs::Warning,
                         "%0 has no HESSC_DIFF functions; it is written unchanged"))
                << File;
          }
        });
  }

  /// Writes the outputs when the source and its derivatives compiled.
  void EndSourceFileAction() override {
    CompilerInstance &CI = getCompilerInstance();
    if (CI.getDiagnostics().hasErrorOccurred() || Result.Failed)
      return;
    llvm::StringRef File = getCurrentFile();
    for (const hessc::GeneratedCode &G : Result.Code)
      if (G.InsertOffset == hessc::GeneratedCode::NoOffset) {
        DiagnosticsEngine &D = CI.getDiagnostics();
        D.Report(D.getDiagnosticIDs()->getCustomDiagID(
                     DiagnosticIDs::Error,
                     "hessc cannot write the derivatives of '%0' into %1: the "
                     "definition ends in another file; end it in %1"))
            << G.FunctionName << File;
        return;
      }
    // A byte-order mark stays first, ahead of the #line below.
    llvm::StringRef Original(Result.Original);
    bool ByteOrderMark = Original.starts_with("\xEF\xBB\xBF");
    hessc::SplicedSource Spliced = hessc::spliceGeneratedCode(
        Result.Original, Result.FileName, Result.GeneratedName, Result.Code);
    std::string Source = Result.Annotated ? Spliced.Combined : Result.Original;
    // Name the original on the first line too, so every line maps back.
    std::string Header = "#line 1 \"" + File.str() + "\"\n";
    if (ByteOrderMark) {
      Header = "\xEF\xBB\xBF" + Header;
      Source.erase(0, 3);
    }
    hessc::writeFileOrReport(CI, outputPath(File, ".cpp"), Header + Source);
    hessc::writeFileOrReport(CI, outputPath(File, ".hessc.cpp"), Spliced.Generated);
    hessc::writeFileOrReport(CI, outputPath(File, ".hessc.h"), headerFor(Result));
  }

private:
  hessc::InjectionResult Result;
};

} // namespace

int main(int argc, const char **argv) {
  cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "hessc " HESSC_VERSION " (LLVM " LLVM_VERSION_STRING ")\n";
  });
  auto Parser = tooling::CommonOptionsParser::create(argc, argv, HesscCategory,
                                                     cl::OneOrMore);
  if (!Parser) {
    llvm::errs() << llvm::toString(Parser.takeError()) << "\n";
    return 2;
  }
  for (const std::string &Source : Parser->getSourcePathList())
    if (!llvm::sys::fs::exists(Source)) {
      llvm::errs() << "hessc: error: no such file: '" << Source << "'\n";
      return 2;
    }

  if (std::error_code EC = llvm::sys::fs::create_directories(OutputDir)) {
    llvm::errs() << "hessc: error: cannot create '" << OutputDir << "': " << EC.message() << "\n";
    return 2;
  }

  tooling::ClangTool Tool(Parser->getCompilations(), Parser->getSourcePathList());
  // The Clang headers the plugin's compiler uses, wherever hessc is installed.
  Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      "-resource-dir=" HESSC_CLANG_RESOURCE_DIR, tooling::ArgumentInsertPosition::END));
  if (WriteDepfile)
    Tool.appendArgumentsAdjuster(
        [](const tooling::CommandLineArguments &Args, llvm::StringRef File) {
          tooling::CommandLineArguments Adjusted = Args;
          Adjusted.push_back("-MD");
          Adjusted.push_back("-MF" + outputPath(File, ".d"));
          Adjusted.push_back("-MT" + outputPath(File, ".cpp"));
          return Adjusted;
        });
  int Status = Tool.run(tooling::newFrontendActionFactory<TransformAction>().get());
  return Status == 0 ? 0 : 1;
}
