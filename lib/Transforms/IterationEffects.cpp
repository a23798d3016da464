//===- IterationEffects.cpp - What one iteration of a loop body does ------===//

#include "Transforms/IterationEffects.h"

#include "Transforms/Activity.h"

namespace hessc {

using namespace ir;

namespace {

using VariableSet = std::set<const Variable *>;

/// True when some read of `V` in `B` may see the value V had when B began;
/// `Set` becomes true once V has been assigned on every path. A write of V
/// that is not a plain `v = e` or `v = helper(...)` counts as such a read.
bool readsIncoming(const Block &B, const Variable *V, bool &Set) {
  for (const StmtPtr &SP : B) {
    if (Set)
      return false;
    const Stmt &S = *SP;
    switch (S.Kind) {
    case StmtKind::For: {
      if (readsIncoming(S.Init, V, Set))
        return true;
      if (Set)
        continue;
      bool BodySet = false;
      if (reads(S.Value, V) || readsIncoming(S.Then, V, BodySet))
        return true;
      if (!BodySet && readsIncoming(S.Step, V, BodySet))
        return true;
      // Later iterations see what earlier ones set; but the loop may not
      // run at all, so V is not known to be set after it.
      continue;
    }
    case StmtKind::If: {
      bool ThenSet = false, ElseSet = false;
      if (reads(S.Value, V) || readsIncoming(S.Then, V, ThenSet) ||
          readsIncoming(S.Else, V, ElseSet))
        return true;
      Set = ThenSet && ElseSet;
      continue;
    }
    default:
      break;
    }
    VariableSet Reads, Writes;
    collectStatementReads(S, Reads);
    if (Reads.count(V))
      return true;
    collectAssigned(S, Writes);
    if (!Writes.count(V))
      continue;
    bool Sets = (S.Kind == StmtKind::Assign && !S.IsCompound) ||
                (S.Kind == StmtKind::Call && S.HasTarget);
    if (!Sets || S.Target.Index || S.Target.Var.get() != V)
      return true;
    if (S.Kind == StmtKind::Call)
      for (size_t I : callEffects(*S.Callee).Outputs) {
        const CallArgument &A = S.Args[I];
        if ((A.Array ? A.Array : A.Ref.Var).get() == V)
          return true;
      }
    Set = true;
  }
  return false;
}

} // namespace

void collectWriteKinds(const Block &B, WriteKinds &Out) {
  for (const StmtPtr &SP : B) {
    const Stmt &S = *SP;
    const Variable *Target = S.Target.Var.get();
    if (S.Kind == StmtKind::Pop)
      Out.Set.insert(Target);
    if (S.Kind == StmtKind::Assign) {
      bool Accumulates = S.IsCompound && (S.Op == OpCode::Add || S.Op == OpCode::Sub);
      (Accumulates ? Out.Accumulate : S.IsCompound ? Out.Other : Out.Set).insert(Target);
    }
    if (S.Kind == StmtKind::Call) {
      if (S.HasTarget)
        Out.Set.insert(Target);
      VariableSet &Kind = S.Callee->AddsIntoOutputs ? Out.Accumulate : Out.Other;
      for (size_t I : callEffects(*S.Callee).Outputs) {
        const CallArgument &A = S.Args[I];
        Kind.insert(A.Kind == CallArgument::Kind::Reference ? A.Ref.Var.get()
                                                            : A.Array.get());
      }
    }
    for (const Block *Child : {&S.Init, &S.Step, &S.Then, &S.Else})
      collectWriteKinds(*Child, Out);
  }
}

bool setBeforeEveryRead(const Block &B, const Variable *V) {
  bool Set = false;
  return !readsIncoming(B, V, Set);
}

bool assignedBeforeRead(const Block &B, const Variable *V) {
  bool Set = false;
  return !readsIncoming(B, V, Set) && Set;
}

bool readsOnlyElement(const Stmt &S, const Variable *A, const ExprRef &Index) {
  VariableSet R;
  collectStatementReads(S, R);
  if (!R.count(A))
    return true;
  // Passed whole to a call, or a target's own index: not one element.
  for (const CallArgument &Arg : S.Args)
    if (Arg.Array.get() == A)
      return false;
  bool Other = false;
  auto check = [&](const ExprRef &E) {
    if (E && anyExpression(E, [&](const Expr &X) {
          return X.Kind == ExprKind::ArrayElem && X.Var.get() == A &&
                 !sameExpr(X.Operands[0], Index);
        }))
      Other = true;
  };
  check(S.Value);
  check(S.Target.Index);
  for (const CallArgument &Arg : S.Args) {
    check(Arg.Value);
    check(Arg.Ref.Index);
  }
  if (S.Kind == StmtKind::Assign && S.IsCompound && S.Target.Var.get() == A &&
      !sameExpr(S.Target.Index, Index))
    Other = true;
  for (const Block *Child : {&S.Init, &S.Step, &S.Then, &S.Else})
    for (const StmtPtr &C : *Child)
      Other |= !readsOnlyElement(*C, A, Index);
  return !Other;
}

} // namespace hessc
