//===- CppPrinter.h - Print IR functions as readable C++ ------------------===//
//
// The only place that knows C++ syntax on the output side. Everything hessc
// generates is printed here, one statement a line, indented, with the
// fewest parentheses that keep C++ precedence right.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_CODEGEN_CPPPRINTER_H
#define HESSC_CODEGEN_CPPPRINTER_H

#include "IR/IR.h"

#include <string>

namespace hessc {

/// Prints `F` as a C++ function definition.
std::string printFunction(const ir::Function &F);

/// Prints `F`'s declaration (no body), e.g. for a header of prototypes.
std::string printDeclaration(const ir::Function &F);

/// Prints one expression with `RealType` spelling real literals ("float"
/// gives 2.0f). Exposed for tests and diagnostics.
std::string printExpr(const ir::ExprRef &E, const std::string &RealType);

} // namespace hessc

#endif // HESSC_CODEGEN_CPPPRINTER_H
