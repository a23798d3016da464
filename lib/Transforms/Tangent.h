//===- Tangent.h - Forward-mode differentiation of IR functions -----------===//
//
// Adds tangent (directional derivative) code to any IR function: each active
// real value t gets t_dot, computed just before t itself from the derivative
// rules. Applied to the primal it gives a Jacobian-vector product; applied to
// the gradient function built by Adjoint.h it gives the Hessian-vector
// product (forward over reverse), with tapes saving tangents beside values.
//
// In vector mode the tangent carries `Lanes` directions at once: t_dot is a
// small array and each tangent statement a loop over the lanes, so the
// primal and adjoint work is shared by all directions of a block.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TRANSFORMS_TANGENT_H
#define HESSC_TRANSFORMS_TANGENT_H

#include "IR/IR.h"

#include <map>
#include <set>
#include <string>

namespace hessc {

class DerivativeModule;

struct TangentOptions {
  /// 0: one direction, t_dot is a scalar. K > 0: K directions, t_dot[K],
  /// and the tangent of array element A[i] in lane k is A_dot[i*K + k]
  /// (but see LaneStrides).
  unsigned Lanes = 0;
  /// Each tangent is the set of independents it depends on rather than a
  /// number (Variable::IsIndexSet), for Hessian sparsity. One direction.
  bool IndexSets = false;
  /// The variables the directions are seeded on (the independents).
  std::vector<ir::VarRef> Seeds;
  /// The tangent of each seed and of each output array, supplied by the
  /// caller (views into the direction and result parameters). Tangents of
  /// every other active variable are created as locals of the result.
  std::map<const ir::Variable *, ir::VarRef> KnownTangents;
  /// In vector mode, known array tangents whose element i starts at
  /// i*Stride rather than i*Lanes (Stride an integer parameter of the
  /// caller's), keyed by the tangent: a Hessian block writes its products
  /// straight into the columns of the dense Hessian this way. Views into
  /// such a tangent share its stride; callees take lanes packed, so no
  /// call may receive one (the caller checks).
  std::map<const ir::Variable *, ir::ExprRef> LaneStrides;
  /// Where each `return e` writes the tangent of e first (null: nowhere).
  ir::VarRef ResultTangent;
  /// Supplies the tangents of called functions.
  DerivativeModule *Module = nullptr;
  /// Names of parameters the caller adds to the result afterwards (the
  /// tangent parameters of a tangent function): no local takes them, not
  /// even the tangent of F's local `result` when one is `result_dot`.
  std::set<std::string> ReservedNames;
};

/// Returns `F` with tangent code added; its name, parameters and summary
/// are the caller's to set. Local array views onto an array with a known
/// tangent get a matching view onto that tangent.
ir::Function addTangents(const ir::Function &F, const TangentOptions &Options);

/// The tangent of `F` with respect to its parameters at positions `Active`
/// as a function in its own right; see DerivativeModule.h for its signature.
ir::Function buildTangentFunction(const ir::Function &F,
                                  const std::vector<size_t> &Active,
                                  unsigned Lanes, DerivativeModule &Module,
                                  bool IndexSets = false);

/// The C++ type of a tangent: the function's real type, or hessc::IndexSet.
std::string tangentTypeName(const ir::Function &F, bool IndexSets);

} // namespace hessc

#endif // HESSC_TRANSFORMS_TANGENT_H
