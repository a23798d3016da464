//===- Activity.h - Which variables depend on the independents ------------===//
//
// Only active values carry derivatives: a variable is active when some
// assignment gives it a value computed from an independent. Everything else
// (sizes, loop counters, constant data) is left alone by every mode, which
// keeps generated code close to what a person would write.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TRANSFORMS_ACTIVITY_H
#define HESSC_TRANSFORMS_ACTIVITY_H

#include "IR/IR.h"

#include <map>
#include <set>

namespace hessc {

class ActivitySet {
public:
  /// Starts from `Seeds` and follows assignments in `Body` to a fixpoint.
  ActivitySet(const std::vector<ir::VarRef> &Seeds, const ir::Block &Body);

  bool isActive(const ir::Variable *V) const { return Active.count(V) != 0; }
  bool isActive(const ir::VarRef &V) const { return isActive(V.get()); }
  /// True when `E` reads an active variable.
  bool isActive(const ir::ExprRef &E) const;
  /// True when argument `A` of a call carries an active value in.
  bool isActive(const ir::CallArgument &A) const;

private:
  bool propagate(const ir::Block &Body);
  std::set<const ir::Variable *> Active;
};

/// True when `E` reads `V`.
bool reads(const ir::ExprRef &E, const ir::Variable *V);

/// The variables a call statement writes: its target, the variables bound
/// to reference parameters and the arrays passed to writable ones.
std::vector<ir::VarRef> callOutputs(const ir::Stmt &Call);

/// Collects every variable assigned (or popped into) anywhere in `B`.
void collectAssigned(const ir::Block &B, std::set<const ir::Variable *> &Out);
/// Adds every variable `E` (which may be null) reads to `Out`, and for data
/// read out of another variable (Variable::DataOf) that one too.
void collectReads(const ir::ExprRef &E, std::set<const ir::Variable *> &Out);

/// Adds every variable `S` or a statement nested in it reads to `Out`. A
/// compound assignment reads its target and a call the arrays it is passed
/// and its reference arguments, unless `CountAccumulations` is false: then
/// only values read into expressions, indices and arrays handed to calls
/// count, and not the outputs a pullback adds into.
void collectStatementReads(const ir::Stmt &S, std::set<const ir::Variable *> &Out,
                           bool CountAccumulations = true);

/// True when `A` and `B` share a variable.
bool intersects(const std::set<const ir::Variable *> &A,
                const std::set<const ir::Variable *> &B);

/// True when `B` writes `V` and, given that V was zero when B began, V is
/// zero when B ends: its last write is `V = 0.0`, or an `if` or a loop each
/// of whose blocks leaves V zero in the same sense, with V zero before it.
bool endsWithZeroReset(const ir::Block &B, const ir::Variable *V);

/// The same for one statement and everything nested in it.
void collectAssigned(const ir::Stmt &S, std::set<const ir::Variable *> &Out);

/// What storage the views of a function stand for. A view (`double* x_adj
/// = grad + n`) shares its base's storage; two views of the same base may
/// overlap unless both are slices (Local::IsSlice), which never do.
class ViewRoots {
public:
  explicit ViewRoots(const ir::Function &F);

  /// The storage `V` stands for: a view's base, followed to the end.
  const ir::Variable *root(const ir::Variable *V) const;
  /// True when writing through one may change what the other holds.
  bool mayAlias(const ir::Variable *A, const ir::Variable *B) const;

private:
  std::map<const ir::Variable *, const ir::Variable *> BaseOf;
  std::set<const ir::Variable *> Slices;
};

} // namespace hessc

#endif // HESSC_TRANSFORMS_ACTIVITY_H
