//===- SourceSplicer.h - Put generated code after the functions it derives ===//
//
// Produces the text the compiler sees: the user's file with each function's
// derivatives inserted after its closing brace. `#line` directives around
// every insertion keep the user's line and column numbers exact and point
// anything in generated code at the generated file, so diagnostics never
// land on the wrong line.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_DRIVER_SOURCESPLICER_H
#define HESSC_DRIVER_SOURCESPLICER_H

#include "Driver/Differentiator.h"

#include <string>
#include <string_view>
#include <vector>

namespace hessc {

struct SplicedSource {
  /// The user's source with the generated code inserted.
  std::string Combined;
  /// All generated code on its own, as dumped and written by emit-dir; the
  /// `#line` directives in Combined refer to lines of this text.
  std::string Generated;
};

/// Splices `Code` (in source order) into `Original`. `OriginalName` is the
/// file name diagnostics should show for the user's lines; `GeneratedName`
/// the name for generated lines.
SplicedSource spliceGeneratedCode(std::string_view Original,
                                  const std::string &OriginalName,
                                  const std::string &GeneratedName,
                                  const std::vector<GeneratedCode> &Code);

} // namespace hessc

#endif // HESSC_DRIVER_SOURCESPLICER_H
