//===- Diagnostics.h - What hessc reports about the user's code -----------===//
//
// Every message hessc can emit is listed in Diagnostics.def with its severity
// and format, like Clang's Diagnostic*Kinds.td. The library records
// diagnostics against the AST it was given; whoever runs the library (the
// plugin, the hessc command) turns them into Clang diagnostics in its own
// DiagnosticsEngine, so they print, count and respond to -Werror exactly like
// Clang's own.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_FRONTEND_DIAGNOSTICS_H
#define HESSC_FRONTEND_DIAGNOSTICS_H

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceLocation.h"

#include <algorithm>
#include <string>
#include <vector>

namespace hessc {

enum class DiagID {
#define DIAG(ID, LEVEL, FORMAT) ID,
#include "Frontend/Diagnostics.def"
};

struct DiagnosticRecord {
  DiagID ID;
  clang::SourceLocation Loc;
  clang::SourceRange Range;
  std::vector<std::string> Args;
};

/// Collects diagnostics while a function is lowered and differentiated.
class DiagnosticCollector {
public:
  /// Records a diagnostic; returns it so callers can add arguments:
  /// `Diags.report(Loc, DiagID::err_x) << "name";`
  class Builder {
  public:
    explicit Builder(DiagnosticRecord &R) : R(R) {}
    Builder &operator<<(std::string Arg) {
      R.Args.push_back(std::move(Arg));
      return *this;
    }
    Builder &operator<<(clang::SourceRange Range) {
      R.Range = Range;
      return *this;
    }

  private:
    DiagnosticRecord &R;
  };

  Builder report(clang::SourceLocation Loc, DiagID ID);

  bool hasErrors() const;
  const std::vector<DiagnosticRecord> &records() const { return Records; }
  /// Forgets every record after the first `Count`.
  void truncate(size_t Count) { Records.resize(std::min(Count, Records.size())); }

private:
  std::vector<DiagnosticRecord> Records;
};

clang::DiagnosticsEngine::Level levelOf(DiagID ID);
const char *formatOf(DiagID ID);

/// Emits `R` through `Engine`, at `Loc` (a location in Engine's
/// SourceManager that stands for R.Loc), with a custom diagnostic ID.
void emitDiagnostic(clang::DiagnosticsEngine &Engine, const DiagnosticRecord &R,
                    clang::SourceLocation Loc, clang::SourceRange Range);

} // namespace hessc

#endif // HESSC_FRONTEND_DIAGNOSTICS_H
