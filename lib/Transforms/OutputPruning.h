//===- OutputPruning.h - Calls that compute outputs nobody reads ----------===//
//
// The HVP is the tangent of the gradient, so when f calls a helper its HVP
// calls the tangent of the helper's pullback, which accumulates the
// helper's adjoints (the gradient) besides their tangents (H v). The HVP
// reads only the tangents: this pass gives such a call a variant of the
// callee (DerivativeModule::withoutOutputs) in which the statements that
// only fed the unread outputs are gone, and with them, where nothing else
// mentions them, the outputs themselves, from the parameters and the call.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TRANSFORMS_OUTPUTPRUNING_H
#define HESSC_TRANSFORMS_OUTPUTPRUNING_H

#include "IR/IR.h"

#include <set>

namespace hessc {

class DerivativeModule;

/// Redirects every call in `F` whose output arguments (references, writable
/// arrays) include some that nothing in `F` reads afterwards, and that are
/// not (views into) `Outputs`, to a variant of the callee without them.
void pruneUnusedCallOutputs(ir::Function &F,
                            const std::set<const ir::Variable *> &Outputs,
                            DerivativeModule &Module);

} // namespace hessc

#endif // HESSC_TRANSFORMS_OUTPUTPRUNING_H
