//===- SpecParser.h - Parse the HESSC_DIFF spec string ---------------------===//
//
// The spec lists the independent variables in order: `x[n]`, `w[d], b`,
// `x[2*n]`. A length is an integer expression over integer literals and
// names, with + - * / and parentheses; the parser leaves it to the caller to
// decide what a name means, so this file knows nothing of Clang.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_FRONTEND_SPECPARSER_H
#define HESSC_FRONTEND_SPECPARSER_H

#include "IR/IR.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hessc {

struct SpecEntry {
  std::string Name;
  unsigned NameOffset = 0;      ///< Byte offset of the name in the spec.
  bool HasLength = false;
  ir::ExprRef Length;           ///< Null when HasLength is false.
};

struct SpecError {
  std::string Message;
  unsigned Offset = 0;
};

/// Resolves a name used in a length to an integer expression, or returns
/// null after reporting why it cannot.
using LengthNameResolver = std::function<ir::ExprRef(
    const std::string &ArrayName, const std::string &Name, unsigned Offset)>;

/// Parses `Spec`. Returns the entries, or nullopt with `Error` set.
/// Names inside lengths are passed to `Resolve`; a null result from it makes
/// the whole parse fail with an empty Error message (already reported).
std::optional<std::vector<SpecEntry>>
parseSpec(std::string_view Spec, const LengthNameResolver &Resolve,
          SpecError &Error);

} // namespace hessc

#endif // HESSC_FRONTEND_SPECPARSER_H
