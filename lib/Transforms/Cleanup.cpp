//===- Cleanup.cpp - Remove what generated code computes for nothing ------===//

#include "Transforms/Cleanup.h"

#include "Transforms/Activity.h"

#include <algorithm>

namespace hessc {

using namespace ir;

namespace {

/// Liveness at the granularity of variables: a variable is needed when a
/// live statement reads it. Coarse (one element of an array keeps the whole
/// array alive) but always safe, and exact for the statements hessc emits.
class DeadCodeEliminator {
public:
  DeadCodeEliminator(Function &F, const std::set<const Variable *> &Outputs)
      : F(F), Needed(Outputs) {}

  void run() {
    // Needed only grows, so this reaches a fixpoint.
    size_t Before;
    do {
      Before = Needed.size();
      for (const Local &L : F.Locals)
        if (L.Kind == Local::Kind::View && Needed.count(L.PointerBase.get()))
          Needed.insert(L.Var.get());
      mark(F.Body);
    } while (Needed.size() != Before);
    sweep(F.Body);
  }

private:
  void need(const ExprRef &E) {
    if (!E)
      return;
    std::vector<VarRef> Uses;
    collectUses(E, Uses);
    for (const VarRef &V : Uses)
      Needed.insert(V.get());
  }

  bool isLive(const Stmt &S) const {
    switch (S.Kind) {
    case StmtKind::Assign:
      return Needed.count(S.Target.Var.get());
    case StmtKind::Push:
    case StmtKind::Pop:
      return Needed.count(S.Tape.get());
    case StmtKind::Return:
    case StmtKind::Break:
    case StmtKind::Continue:
      return true;
    case StmtKind::Comment:
      return false;
    case StmtKind::Call:
      for (const VarRef &V : callOutputs(S))
        if (Needed.count(V.get()))
          return true;
      return false;
    case StmtKind::If:
      return anyLive(S.Then) || anyLive(S.Else);
    case StmtKind::For:
      if (S.CounterIsPrivate)
        return anyLive(S.Then);
      return anyLive(S.Init) || anyLive(S.Step) || anyLive(S.Then);
    }
    return true;
  }

  bool anyLive(const Block &B) const {
    return std::any_of(B.begin(), B.end(),
                       [this](const StmtPtr &S) { return isLive(*S); });
  }

  void mark(const Block &B) {
    for (const StmtPtr &SP : B) {
      const Stmt &S = *SP;
      // A pop restores a value some live statement may read: whoever needs
      // the popped variable needs its whole tape.
      if (S.Kind == StmtKind::Pop && Needed.count(S.Target.Var.get()))
        Needed.insert(S.Tape.get());
      if (!isLive(S))
        continue;
      switch (S.Kind) {
      case StmtKind::Assign:
        need(S.Value);
        need(S.Target.Index);
        if (S.IsCompound)
          Needed.insert(S.Target.Var.get());
        break;
      case StmtKind::Push:
        if (S.Lanes)
          Needed.insert(S.Target.Var.get());
        need(S.Value);
        break;
      case StmtKind::Pop:
        need(S.Target.Index);
        break;
      case StmtKind::Return:
        need(S.Value);
        break;
      case StmtKind::If:
      case StmtKind::For:
        need(S.Value);
        mark(S.Init);
        mark(S.Step);
        mark(S.Then);
        mark(S.Else);
        break;
      case StmtKind::Call:
        for (const CallArgument &A : S.Args) {
          need(A.Value);
          need(A.Ref.Index);
          if (A.Array)
            Needed.insert(A.Array.get());
          if (A.Ref.Var)
            Needed.insert(A.Ref.Var.get());
        }
        break;
      case StmtKind::Break:
      case StmtKind::Continue:
      case StmtKind::Comment:
        break;
      }
    }
  }

  void sweep(Block &B) {
    B.erase(std::remove_if(B.begin(), B.end(),
                           [this](const StmtPtr &S) {
                             return S->Kind != StmtKind::Comment && !isLive(*S);
                           }),
            B.end());
    for (StmtPtr &S : B)
      for (Block *Child : {&S->Init, &S->Step, &S->Then, &S->Else})
        sweep(*Child);
  }

  Function &F;
  std::set<const Variable *> Needed;
};

void collectMentioned(const ExprRef &E, std::set<const Variable *> &Out) {
  if (!E)
    return;
  std::vector<VarRef> Uses;
  collectUses(E, Uses);
  for (const VarRef &V : Uses)
    Out.insert(V.get());
}

void collectMentioned(const Block &B, std::set<const Variable *> &Out) {
  for (const StmtPtr &S : B) {
    collectMentioned(S->Value, Out);
    collectMentioned(S->Target.Index, Out);
    if (S->Target.Var)
      Out.insert(S->Target.Var.get());
    if (S->Tape)
      Out.insert(S->Tape.get());
    for (const CallArgument &A : S->Args) {
      collectMentioned(A.Value, Out);
      collectMentioned(A.Ref.Index, Out);
      if (A.Array)
        Out.insert(A.Array.get());
      if (A.Ref.Var)
        Out.insert(A.Ref.Var.get());
    }
    for (const Block *Child : {&S->Init, &S->Step, &S->Then, &S->Else})
      collectMentioned(*Child, Out);
  }
}

} // namespace

void removeDeadCode(Function &F, const std::set<const Variable *> &Outputs) {
  DeadCodeEliminator(F, Outputs).run();
}

bool mentionsVariable(const Function &F, const VarRef &V) {
  std::set<const Variable *> Mentioned;
  collectMentioned(F.Body, Mentioned);
  for (const Local &L : F.Locals) {
    if (L.Kind == Local::Kind::View && L.PointerBase == V)
      return true;
    collectMentioned(L.Init, Mentioned);
  }
  return Mentioned.count(V.get()) != 0;
}

void removeUnusedLocals(Function &F) {
  std::set<const Variable *> Mentioned;
  collectMentioned(F.Body, Mentioned);
  for (const Local &L : F.Locals)
    if (Mentioned.count(L.Var.get())) {
      collectMentioned(L.Init, Mentioned);
      collectMentioned(L.Length, Mentioned);
    }
  F.Locals.erase(std::remove_if(F.Locals.begin(), F.Locals.end(),
                                [&](const Local &L) {
                                  return !Mentioned.count(L.Var.get());
                                }),
                 F.Locals.end());
}

} // namespace hessc
