//===- HesscPlugin.cpp - The Clang plugin entry point ---------------------===//
//
// Loaded with `clang++-19 -fplugin=HesscPlugin.so`. Before Clang parses the
// main file, the plugin pre-parses it, differentiates the annotated functions
// and gives the compiler the file with their derivatives spliced in (see
// lib/Driver). Files without an annotation are compiled exactly as without
// the plugin: the pre-parse is skipped entirely.
//
// Options: -fplugin-arg-hessc-dump, -fplugin-arg-hessc-emit-dir=DIR.
//
//===----------------------------------------------------------------------===//

#include "Driver/PreParse.h"
#include "Driver/SourceSplicer.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace {

struct PluginOptions {
  bool Dump = false;
  std::string EmitDir;
};

/// Where a portable location lands in the outer compile's SourceManager.
SourceLocation toOuterLocation(SourceManager &SM, FileManager &FM,
                               const hessc::FileOffset &Loc) {
  if (Loc.File.empty())
    return {};
  auto Entry = FM.getOptionalFileRef(Loc.File);
  if (!Entry)
    return {};
  FileID FID = SM.translateFile(*Entry);
  if (FID.isInvalid()) // A header the real parse has not reached yet.
    FID = SM.createFileID(*Entry, SourceLocation(), SrcMgr::C_User);
  return SM.getLocForStartOfFile(FID).getLocWithOffset(Loc.Offset);
}

class HesscAction : public PluginASTAction {
protected:
  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    for (const std::string &Arg : Args) {
      llvm::StringRef A(Arg);
      if (A == "dump") {
        Options.Dump = true;
      } else if (A.consume_front("emit-dir=") && !A.empty()) {
        Options.EmitDir = A.str();
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
    if (!hessc::isInsidePreParse())
      transformMainFile(CI);
    return std::make_unique<ASTConsumer>();
  }

private:
  void transformMainFile(CompilerInstance &CI) {
    SourceManager &SM = CI.getSourceManager();
    FileID Main = SM.getMainFileID();
    OptionalFileEntryRef Entry = SM.getFileEntryRefForID(Main);
    std::optional<llvm::MemoryBufferRef> Buffer = SM.getBufferOrNone(Main);
    if (!Entry || !Buffer)
      return;
    std::string Text = Buffer->getBuffer().str();
    // The cheap test that keeps files without annotations at zero cost.
    if (Text.find("HESSC_DIFF") == std::string::npos &&
        Text.find("hessc.diff") == std::string::npos)
      return;

    std::string Name = Entry->getName().str();
    hessc::PreParseResult Result =
        hessc::preParseAndDifferentiate(CI, Name, Text);
    if (!Result.Parsed)
      return;
    if (reportDiagnostics(CI, Result))
      return;

    std::string GeneratedName = generatedFileName(Name);
    hessc::SplicedSource Spliced =
        hessc::spliceGeneratedCode(Text, Name, GeneratedName, Result.Code);
    if (Options.Dump)
      llvm::errs() << Spliced.Generated;
    if (!Options.EmitDir.empty())
      writeGeneratedFile(CI, GeneratedName, Spliced.Generated);
    if (Result.Code.empty())
      return;

    // Overriding the contents alone leaves the old main FileID with the old
    // size; a fresh FileID over the overridden entry is consistent.
    SM.overrideFileContents(*Entry, llvm::MemoryBuffer::getMemBufferCopy(
                                        Spliced.Combined, Name));
    SM.setMainFileID(SM.createFileID(*Entry, SourceLocation(), SrcMgr::C_User));
  }

  std::string generatedFileName(const std::string &Name) const {
    std::string Base = llvm::sys::path::filename(Name).str() + ".hessc.cpp";
    if (Options.EmitDir.empty())
      return Name + ".hessc.cpp";
    llvm::SmallString<256> Path(Options.EmitDir);
    llvm::sys::path::append(Path, Base);
    return std::string(Path);
  }

  void writeGeneratedFile(CompilerInstance &CI, const std::string &Path,
                          const std::string &Text) {
    std::error_code EC = llvm::sys::fs::create_directories(Options.EmitDir);
    if (!EC) {
      llvm::raw_fd_ostream OS(Path, EC);
      if (!EC)
        OS << Text;
    }
    if (EC) {
      DiagnosticsEngine &D = CI.getDiagnostics();
      D.Report(D.getDiagnosticIDs()->getCustomDiagID(
                   DiagnosticIDs::Error, "hessc cannot write '%0': %1"))
          << Path << EC.message();
    }
  }

  /// Reports hessc's diagnostics in the real compile. Returns true when
  /// there were errors, in which case no code is spliced in.
  bool reportDiagnostics(CompilerInstance &CI, const hessc::PreParseResult &R) {
    SourceManager &SM = CI.getSourceManager();
    FileManager &FM = CI.getFileManager();
    bool HadError = false;
    for (const hessc::PortableDiagnostic &D : R.Diagnostics) {
      SourceLocation Loc = toOuterLocation(SM, FM, D.Loc);
      SourceRange Range(toOuterLocation(SM, FM, D.RangeBegin),
                        toOuterLocation(SM, FM, D.RangeEnd));
      hessc::emitDiagnostic(CI.getDiagnostics(), D.Record, Loc, Range);
      HadError |= hessc::levelOf(D.Record.ID) >= DiagnosticsEngine::Error;
    }
    return HadError;
  }

  PluginOptions Options;
};

} // namespace

static FrontendPluginRegistry::Add<HesscAction>
    X("hessc", "differentiate functions annotated with HESSC_DIFF");
