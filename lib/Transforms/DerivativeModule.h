//===- DerivativeModule.h - Derivatives of called functions, made once ----===//
//
// When an annotated function calls a helper, every mode needs the helper's
// own derivative: the adjoint pass calls its pullback, the tangent pass the
// tangent of whatever is called (the helper, or its pullback, for second
// order). The module makes each such function once per translation unit,
// for the set of inputs that are active at the call, and remembers the
// order they were made in so that callees are printed before callers.
//
// Conventions, for a function F(params...) (R its real type):
//   pullback: void F_pullback(params..., R result_adj, adj...)
//     one adjoint per active input, in order: `R& p_adj` for a scalar,
//     `R* x_adj` for an array; both are accumulated into (+=).
//   tangent:  R F_dot(params..., dot..., [R& result_dot])
//     one tangent per active input, in order: `R p_dot` / `const R* x_dot`
//     for inputs, `R& r_dot` / `R* x_dot` for outputs; with K lanes every
//     scalar tangent becomes a pointer to K values and element i of an array
//     tangent is at i*K + k. F's result keeps its place; its tangent is
//     written to result_dot.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TRANSFORMS_DERIVATIVEMODULE_H
#define HESSC_TRANSFORMS_DERIVATIVEMODULE_H

#include "IR/IR.h"

#include <map>
#include <optional>
#include <tuple>

namespace hessc {

class DerivativeModule {
public:
  /// The pullback of `Primal` (a lowered helper) with respect to the
  /// parameters at positions `Active`.
  ir::FunctionRef pullback(const ir::FunctionRef &Primal,
                           const std::vector<size_t> &Active);

  /// The pullback of `Primal` that also returns Primal's value, for a call
  /// site that needs both (see mergeCallsWithPullbacks).
  ir::FunctionRef valueAndPullback(const ir::FunctionRef &Primal,
                                   const std::vector<size_t> &Active);
  /// What pullback `P` was made from, when this module made it: the primal
  /// and its active parameters.
  std::optional<std::pair<ir::FunctionRef, std::vector<size_t>>>
  pullbackOrigin(const ir::Function *P) const;
  /// The tangent of `F` (a helper or a pullback) with respect to the
  /// parameters at positions `Active`, carrying `Lanes` directions (0: one),
  /// or with index-set tangents (see TangentOptions::IndexSets).
  ir::FunctionRef tangent(const ir::FunctionRef &F,
                          const std::vector<size_t> &Active, unsigned Lanes,
                          bool IndexSets = false);

  /// `F` (a derived function) without the work for its output parameters
  /// at positions `Unused`, which its caller does not read: the statements
  /// that only feed those outputs removed, and the outputs that are then
  /// not mentioned removed from the parameters (see argumentsFor).
  ir::FunctionRef withoutOutputs(const ir::FunctionRef &F,
                                 const std::vector<size_t> &Unused);

  /// The functions made since the last call, callees before callers.
  std::vector<ir::FunctionRef> takeNewFunctions();

private:
  /// The function derived from, what was made of it (0: pullback, 1:
  /// tangent, 2: index-set tangent, 3: without outputs, 4: value and
  /// pullback), the parameters
  /// concerned (active ones; unused outputs) and the lanes.
  using Key = std::tuple<const ir::Function *, int, std::vector<size_t>, unsigned>;
  /// What was made for `K` before, or null.
  ir::FunctionRef find(const Key &K) const;
  /// Keeps `Result`, made from `Source`, for `K`, to be printed.
  ir::FunctionRef remember(const Key &K, const ir::FunctionRef &Source, ir::Function Result);

  std::map<Key, ir::FunctionRef> Made;
  /// Keeps the functions derived from alive while their derivatives exist.
  std::vector<ir::FunctionRef> Sources;
  std::vector<ir::FunctionRef> Pending;
  std::map<const ir::Function *, std::pair<ir::FunctionRef, std::vector<size_t>>> Origins;
};

/// "_wrt_a_x" naming the active parameters, or "" when all real inputs are.
std::string activitySuffix(const ir::Function &F, const std::vector<size_t> &Active);

/// `Args`, the arguments of a call of `Callee`, without those of the
/// parameters that `Variant` (made from Callee by withoutOutputs) dropped.
std::vector<ir::CallArgument> argumentsFor(const ir::Function &Variant,
                                           const ir::Function &Callee,
                                           const std::vector<ir::CallArgument> &Args);

} // namespace hessc

#endif // HESSC_TRANSFORMS_DERIVATIVEMODULE_H
