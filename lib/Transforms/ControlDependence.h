//===- ControlDependence.h - Does control flow follow the independents? ---===//
//
// A Hessian sparsity pattern found by running derivative code at a point is
// the pattern of the path taken there. When no branch, loop condition or
// conditional expression reads a value computed from the independents, every
// point takes the same path and the pattern holds everywhere; otherwise the
// pattern is marked as depending on the point (SparsityPattern in
// hessc/sparsity.h says what users do about it).
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TRANSFORMS_CONTROLDEPENDENCE_H
#define HESSC_TRANSFORMS_CONTROLDEPENDENCE_H

#include "IR/IR.h"

namespace hessc {

/// True when a condition in `F` (an if, a loop test, a `?:`), or in a
/// function it calls, reads a value that depends on `Sources`: through
/// assignments of any kind, calls and tapes. Index-set tangents are not
/// values and never count.
bool controlFlowDependsOn(const ir::Function &F,
                          const std::vector<ir::VarRef> &Sources);

} // namespace hessc

#endif // HESSC_TRANSFORMS_CONTROLDEPENDENCE_H
