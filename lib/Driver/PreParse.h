//===- PreParse.h - Differentiate a file before the compiler parses it ----===//
//
// The plugin must hand the compiler the user's file with derivatives already
// inserted, so that code later in the file can call f_grad. It therefore
// parses the main file once on its own (syntax only, diagnostics silenced:
// the real compile reports the user's own errors), differentiates it, and
// returns the generated code plus hessc's diagnostics as file offsets, which
// outlive the inner parse's SourceManager.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_DRIVER_PREPARSE_H
#define HESSC_DRIVER_PREPARSE_H

#include "Driver/Differentiator.h"

#include <string>
#include <vector>

namespace clang {
class CompilerInstance;
}

namespace hessc {

/// A position that survives the SourceManager it came from.
struct FileOffset {
  std::string File; ///< Empty when the location was invalid.
  unsigned Offset = 0;
};

struct PortableDiagnostic {
  DiagnosticRecord Record; ///< Its locations are not meaningful any more.
  FileOffset Loc, RangeBegin, RangeEnd;
};

struct PreParseResult {
  /// False when the parse stopped before the end of the file (a fatal
  /// error); the real compile will say why, and no code is generated.
  bool Parsed = false;
  std::vector<GeneratedCode> Code;
  std::vector<PortableDiagnostic> Diagnostics;
};

/// Parses the main file of `CI` (whose contents are `MainText`) with `CI`'s
/// options and file manager, and differentiates it.
PreParseResult preParseAndDifferentiate(clang::CompilerInstance &CI,
                                        const std::string &MainFileName,
                                        const std::string &MainText);

/// True while preParseAndDifferentiate runs: the nested compile loads the
/// plugin again, which must then do nothing.
bool isInsidePreParse();

} // namespace hessc

#endif // HESSC_DRIVER_PREPARSE_H
