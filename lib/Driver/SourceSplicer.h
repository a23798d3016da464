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

/// All generated code of one file on its own, built one function at a time:
/// the text dumped and written by emit-dir, which `#line` directives in the
/// compiled code refer to.
class GeneratedText {
public:
  explicit GeneratedText(const std::string &OriginalName);

  /// Appends the block of `G` (a comment naming the function, then its
  /// code) and returns the block.
  std::string append(const GeneratedCode &G);
  /// The line of text() on which the next appended block starts.
  unsigned nextLine() const { return Lines + 1; }
  const std::string &text() const { return Text; }

private:
  std::string OriginalName;
  std::string Text;
  unsigned Lines = 0;
};

/// `#line <Line> "<FileName>"` and a newline.
std::string lineDirective(unsigned Line, const std::string &FileName);

/// Splices `Code` (in source order) into `Original`. `OriginalName` is the
/// file name diagnostics should show for the user's lines; `GeneratedName`
/// the name for generated lines.
SplicedSource spliceGeneratedCode(std::string_view Original,
                                  const std::string &OriginalName,
                                  const std::string &GeneratedName,
                                  const std::vector<GeneratedCode> &Code);

} // namespace hessc

#endif // HESSC_DRIVER_SOURCESPLICER_H
