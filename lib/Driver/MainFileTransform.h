//===- MainFileTransform.h - Give the compiler the differentiated file ----===//
//
// What the plugin and the hessc command share: before a CompilerInstance
// parses its main file, differentiate the file (PreParse.h), report hessc's
// diagnostics through the instance's own DiagnosticsEngine, and, when all
// went well, make the instance compile the spliced text (SourceSplicer.h)
// instead of the file on disk.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_DRIVER_MAINFILETRANSFORM_H
#define HESSC_DRIVER_MAINFILETRANSFORM_H

#include "Driver/SourceSplicer.h"

#include <functional>
#include <string>

namespace clang {
class CompilerInstance;
}

namespace hessc {

struct MainFileTransform {
  /// The file mentions HESSC_DIFF; otherwise nothing else was done.
  bool Annotated = false;
  /// hessc reported errors (or the file stopped parsing): nothing spliced.
  bool Failed = false;
  std::string FileName;
  std::string Original;
  std::string GeneratedName;
  std::vector<GeneratedCode> Code;
  SplicedSource Spliced;
};

/// Call from an ASTFrontendAction's CreateASTConsumer. `GeneratedNameFor`
/// names the generated source for a given main file name (the `#line`
/// directives point there).
MainFileTransform
transformMainFile(clang::CompilerInstance &CI,
                  const std::function<std::string(const std::string &)> &GeneratedNameFor);

/// Writes `Text` to `Path`, creating its directory; reports failure through
/// CI's diagnostics and returns false.
bool writeFileOrReport(clang::CompilerInstance &CI, const std::string &Path,
                       const std::string &Text);

} // namespace hessc

#endif // HESSC_DRIVER_MAINFILETRANSFORM_H
