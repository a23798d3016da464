//===- MainFileTransform.cpp - Give the compiler the differentiated file --===//

#include "Driver/MainFileTransform.h"

#include "Driver/PreParse.h"

#include "clang/Frontend/CompilerInstance.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace hessc {

namespace {

using namespace clang;

/// Where a portable location lands in `CI`'s SourceManager.
SourceLocation toLocation(CompilerInstance &CI, const FileOffset &Loc) {
  if (Loc.File.empty())
    return {};
  SourceManager &SM = CI.getSourceManager();
  auto Entry = CI.getFileManager().getOptionalFileRef(Loc.File);
  if (!Entry)
    return {};
  FileID FID = SM.translateFile(*Entry);
  if (FID.isInvalid()) // A header the real parse has not reached yet.
    FID = SM.createFileID(*Entry, SourceLocation(), SrcMgr::C_User);
  return SM.getLocForStartOfFile(FID).getLocWithOffset(Loc.Offset);
}

/// Reports hessc's diagnostics; returns true when there were errors.
bool report(CompilerInstance &CI, const PreParseResult &R) {
  bool HadError = false;
  for (const PortableDiagnostic &D : R.Diagnostics) {
    SourceRange Range(toLocation(CI, D.RangeBegin), toLocation(CI, D.RangeEnd));
    emitDiagnostic(CI.getDiagnostics(), D.Record, toLocation(CI, D.Loc), Range);
    HadError |= levelOf(D.Record.ID) >= DiagnosticsEngine::Error;
  }
  return HadError;
}

} // namespace

MainFileTransform
transformMainFile(CompilerInstance &CI,
                  const std::function<std::string(const std::string &)> &GeneratedNameFor) {
  MainFileTransform T;
  SourceManager &SM = CI.getSourceManager();
  FileID Main = SM.getMainFileID();
  OptionalFileEntryRef Entry = SM.getFileEntryRefForID(Main);
  std::optional<llvm::MemoryBufferRef> Buffer = SM.getBufferOrNone(Main);
  if (!Entry || !Buffer)
    return T;
  T.Original = Buffer->getBuffer().str();
  // The cheap test that keeps files without annotations at zero cost.
  if (T.Original.find("HESSC_DIFF") == std::string::npos &&
      T.Original.find("hessc.diff") == std::string::npos)
    return T;
  T.Annotated = true;
  T.FileName = Entry->getName().str();
  T.GeneratedName = GeneratedNameFor(T.FileName);

  PreParseResult Result = preParseAndDifferentiate(CI, T.FileName, T.Original);
  if (!Result.Parsed || report(CI, Result)) {
    T.Failed = true;
    return T;
  }
  T.Code = std::move(Result.Code);
  T.Spliced = spliceGeneratedCode(T.Original, T.FileName, T.GeneratedName, T.Code);
  if (T.Code.empty())
    return T;
  // Overriding the contents alone leaves the old main FileID with the old
  // size; a fresh FileID over the overridden entry is consistent.
  SM.overrideFileContents(*Entry, llvm::MemoryBuffer::getMemBufferCopy(
                                      T.Spliced.Combined, T.FileName));
  SM.setMainFileID(SM.createFileID(*Entry, SourceLocation(), SrcMgr::C_User));
  return T;
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
