//===- Activity.cpp - Which variables depend on the independents ----------===//

#include "Transforms/Activity.h"

#include <algorithm>


namespace hessc {

using namespace ir;

ActivitySet::ActivitySet(const std::vector<VarRef> &Seeds, const Block &Body) {
  for (const VarRef &V : Seeds)
    Active.insert(V.get());
  // Each round can only add variables, so this ends after at most as many
  // rounds as there are variables; loops make more than one round necessary.
  while (propagate(Body)) {
  }
}

bool ActivitySet::isActive(const ExprRef &E) const {
  if (E->Var && isActive(E->Var))
    return true;
  for (const ExprRef &Op : E->Operands)
    if (Op->Type == ScalarKind::Real && isActive(Op))
      return true;
  return false;
}

bool ActivitySet::isActive(const CallArgument &A) const {
  switch (A.Kind) {
  case CallArgument::Kind::Value:
    return A.Value->Type == ScalarKind::Real && isActive(A.Value);
  case CallArgument::Kind::Array:
    return isActive(A.Array);
  case CallArgument::Kind::Reference:
    return isActive(A.Ref.Var);
  }
  return false;
}

std::vector<VarRef> callOutputs(const Stmt &Call) {
  std::vector<VarRef> Out;
  if (Call.HasTarget)
    Out.push_back(Call.Target.Var);
  for (size_t I : callEffects(*Call.Callee).Outputs) {
    const CallArgument &A = Call.Args[I];
    Out.push_back(A.Kind == CallArgument::Kind::Array ? A.Array : A.Ref.Var);
  }
  return Out;
}

void collectStatementReads(const Stmt &S, std::set<const Variable *> &Out,
                           bool CountAccumulations) {
  collectReads(S.Value, Out);
  collectReads(S.Target.Index, Out);
  if (CountAccumulations && S.Kind == StmtKind::Assign && S.IsCompound)
    Out.insert(S.Target.Var.get());
  std::vector<size_t> AddedInto;
  if (S.Kind == StmtKind::Call && !CountAccumulations && S.Callee->AddsIntoOutputs)
    AddedInto = callEffects(*S.Callee).Outputs;
  for (size_t I = 0; I < S.Args.size(); ++I) {
    const CallArgument &A = S.Args[I];
    collectReads(A.Value, Out);
    collectReads(A.Ref.Index, Out);
    if (std::find(AddedInto.begin(), AddedInto.end(), I) != AddedInto.end())
      continue;
    if (A.Array)
      Out.insert(A.Array.get());
    if (CountAccumulations && A.Kind == CallArgument::Kind::Reference)
      Out.insert(A.Ref.Var.get());
  }
  for (const Block *Child : {&S.Init, &S.Step, &S.Then, &S.Else})
    for (const StmtPtr &C : *Child)
      collectStatementReads(*C, Out, CountAccumulations);
}

bool intersects(const std::set<const Variable *> &A, const std::set<const Variable *> &B) {
  for (const Variable *V : A)
    if (B.count(V))
      return true;
  return false;
}

bool ActivitySet::propagate(const Block &Body) {
  bool Changed = false;
  for (const StmtPtr &S : Body) {
    if (S->Kind == StmtKind::Call) {
      // What a call writes is active when anything it reads is.
      bool AnyActive = false;
      for (size_t I : callEffects(*S->Callee).Inputs)
        AnyActive |= isActive(S->Args[I]);
      if (AnyActive)
        for (const VarRef &V : callOutputs(*S))
          Changed |= Active.insert(V.get()).second;
    }
    if (S->Kind == StmtKind::Assign && S->Target.Var->Kind == ScalarKind::Real &&
        !isActive(S->Target.Var) && isActive(S->Value)) {
      Active.insert(S->Target.Var.get());
      Changed = true;
    }
    for (const Block *Child : {&S->Init, &S->Step, &S->Then, &S->Else})
      Changed |= propagate(*Child);
  }
  return Changed;
}

bool reads(const ExprRef &E, const Variable *V) {
  return anyExpression(E, [V](const Expr &X) { return X.Var.get() == V; });
}

void collectAssigned(const Stmt &S, std::set<const Variable *> &Out) {
  if (S.Kind == StmtKind::Assign || S.Kind == StmtKind::Pop)
    Out.insert(S.Target.Var.get());
  if (S.Kind == StmtKind::Call)
    for (const VarRef &V : callOutputs(S))
      Out.insert(V.get());
  for (const Block *Child : {&S.Init, &S.Step, &S.Then, &S.Else})
    collectAssigned(*Child, Out);
}

void collectReads(const ExprRef &E, std::set<const Variable *> &Out) {
  if (!E)
    return;
  std::vector<VarRef> Uses;
  collectUses(E, Uses);
  for (const VarRef &V : Uses) {
    Out.insert(V.get());
    if (V->DataOf)
      Out.insert(V->DataOf.get());
  }
}

namespace {

/// Given that `V` is zero when `B` begins: true when it is zero after B's
/// first `End` statements. A reset makes it zero; an `if` or a loop keeps
/// it zero when each of its blocks does (a loop may run no iteration); a
/// block that does not write V leaves it as it was.
bool zeroAfter(const Block &B, size_t End, const Variable *V) {
  for (size_t I = End; I-- > 0;) {
    const Stmt &S = *B[I];
    std::set<const Variable *> Writes;
    collectAssigned(S, Writes);
    if (!Writes.count(V))
      continue;
    if (S.Kind == StmtKind::Assign && !S.IsCompound && !S.Target.Index &&
        S.Target.Var.get() == V && isRealConst(S.Value, 0))
      return true;
    bool KeepsZero = false;
    if (S.Kind == StmtKind::If) {
      KeepsZero = zeroAfter(S.Then, S.Then.size(), V) && zeroAfter(S.Else, S.Else.size(), V);
    } else if (S.Kind == StmtKind::For) {
      std::set<const Variable *> Header;
      collectAssigned(S.Init, Header);
      collectAssigned(S.Step, Header);
      KeepsZero = !Header.count(V) && zeroAfter(S.Then, S.Then.size(), V);
    }
    return KeepsZero && zeroAfter(B, I, V);
  }
  return true;
}

} // namespace

bool endsWithZeroReset(const Block &B, const Variable *V) {
  std::set<const Variable *> Writes;
  collectAssigned(B, Writes);
  return Writes.count(V) && zeroAfter(B, B.size(), V);
}

void collectAssigned(const Block &B, std::set<const Variable *> &Out) {
  for (const StmtPtr &S : B)
    collectAssigned(*S, Out);
}

ViewRoots::ViewRoots(const Function &F) {
  for (const Local &L : F.Locals)
    if (L.Kind == Local::Kind::View) {
      BaseOf[L.Var.get()] = L.PointerBase.get();
      if (L.IsSlice)
        Slices.insert(L.Var.get());
    }
}

const Variable *ViewRoots::root(const Variable *V) const {
  for (auto It = BaseOf.find(V); It != BaseOf.end(); It = BaseOf.find(V))
    V = It->second;
  return V;
}

bool ViewRoots::mayAlias(const Variable *A, const Variable *B) const {
  if (A == B)
    return true;
  if (root(A) != root(B))
    return false;
  auto BaseA = BaseOf.find(A), BaseB = BaseOf.find(B);
  bool SlicesOfOneBase = BaseA != BaseOf.end() && BaseB != BaseOf.end() &&
                         BaseA->second == BaseB->second && Slices.count(A) &&
                         Slices.count(B);
  return !SlicesOfOneBase;
}

} // namespace hessc
