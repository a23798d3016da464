//===- Diagnostics.cpp - Recording and emitting hessc diagnostics ---------===//

#include "Frontend/Diagnostics.h"

#include <algorithm>

namespace hessc {

namespace {
struct DiagInfo {
  clang::DiagnosticsEngine::Level Level;
  const char *Format;
};

constexpr DiagInfo Infos[] = {
#define DIAG(ID, LEVEL, FORMAT) {clang::DiagnosticsEngine::LEVEL, FORMAT},
#include "Frontend/Diagnostics.def"
};
} // namespace

clang::DiagnosticsEngine::Level levelOf(DiagID ID) {
  return Infos[static_cast<int>(ID)].Level;
}

const char *formatOf(DiagID ID) { return Infos[static_cast<int>(ID)].Format; }

DiagnosticCollector::Builder DiagnosticCollector::report(clang::SourceLocation Loc,
                                                         DiagID ID) {
  Records.push_back({ID, Loc, {}, {}});
  return Builder(Records.back());
}

bool DiagnosticCollector::hasErrors() const {
  return std::any_of(Records.begin(), Records.end(), [](const auto &R) {
    return levelOf(R.ID) >= clang::DiagnosticsEngine::Error;
  });
}

void emitDiagnostic(clang::DiagnosticsEngine &Engine, const DiagnosticRecord &R,
                    clang::SourceLocation Loc, clang::SourceRange Range) {
  unsigned ID = Engine.getDiagnosticIDs()->getCustomDiagID(
      static_cast<clang::DiagnosticIDs::Level>(levelOf(R.ID)), formatOf(R.ID));
  auto Builder = Engine.Report(Loc, ID);
  for (const std::string &Arg : R.Args)
    Builder << Arg;
  if (Range.isValid())
    Builder << Range;
}

} // namespace hessc
