//===- Cleanup.cpp - Remove what generated code computes for nothing ------===//

#include "Transforms/Cleanup.h"

#include "Transforms/Activity.h"
#include "Transforms/CallSharing.h"
#include "Transforms/FirstWrites.h"
#include "Transforms/NegationFolding.h"

#include <algorithm>
#include <map>

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

    for (StmtPtr &S : B) {
      // A call kept for its other outputs drops a result nobody reads, and
      // calls the variant that does not compute it, where there is one.
      if (S->Kind == StmtKind::Call && S->HasTarget && !S->Target.Index &&
          !Needed.count(S->Target.Var.get())) {
        S->HasTarget = false;
        S->Target = LValue{};
        if (S->Callee->WithoutValue)
          S->Callee = S->Callee->WithoutValue;
      }
      for (Block *Child : {&S->Init, &S->Step, &S->Then, &S->Else})
        sweep(*Child);
    }
  }

  Function &F;
  std::set<const Variable *> Needed;
};

/// Removes assignments to scalar locals whose value is never read
/// afterwards, by backward liveness over the structured code. The
/// variable-level pass above keeps `t_dot = ...` in a forward sweep alive
/// because the reverse sweep recomputes and reads t_dot; this one sees that
/// the forward value is overwritten before any read. Arrays, references and
/// tapes are left to the pass above. Functions with jumps are skipped.
class DeadStoreEliminator {
public:
  using LiveSet = std::set<const Variable *>;

  DeadStoreEliminator(Function &F, const LiveSet &Outputs) : F(F), AtExit(Outputs) {}

  /// Returns true if it removed anything.
  bool run() {
    if (hasJumps(F.Body))
      return false;
    Removed = false;
    live(F.Body, AtExit, /*Sweep=*/true);
    return Removed;
  }

  /// After run(): the scalar locals that tapes restore and nothing reads
  /// after any of their restores.
  std::set<const Variable *> unreadRestores() const {
    std::set<const Variable *> Unread;
    for (const auto &[V, Read] : RestoreRead)
      if (!Read)
        Unread.insert(V);
    return Unread;
  }

private:
  static bool hasJumps(const Block &B) {
    for (size_t I = 0; I < B.size(); ++I) {
      const Stmt &S = *B[I];
      if (S.Kind == StmtKind::Break || S.Kind == StmtKind::Continue)
        return true;
      for (const Block *Child : {&S.Init, &S.Step, &S.Then, &S.Else})
        if (hasJumps(*Child) || containsReturn(*Child))
          return true;
    }
    return false;
  }

  static bool containsReturn(const Block &B) {
    for (const StmtPtr &S : B) {
      if (S->Kind == StmtKind::Return)
        return true;
      for (const Block *Child : {&S->Init, &S->Step, &S->Then, &S->Else})
        if (containsReturn(*Child))
          return true;
    }
    return false;
  }

  static bool isScalarLocal(const Variable &V) {
    return !V.IsArray && !V.IsReference && !V.IsOpaque;
  }

  static void gen(const ExprRef &E, LiveSet &L) {
    if (!E)
      return;
    std::vector<VarRef> Uses;
    collectUses(E, Uses);
    for (const VarRef &V : Uses)
      L.insert(V.get());
  }

  /// The live set before `B`, given the one after it. With Sweep, removes
  /// the dead stores it meets (the sets must then be final).
  LiveSet live(Block &B, LiveSet L, bool Sweep) {
    for (size_t I = B.size(); I-- > 0;) {
      Stmt &S = *B[I];
      if (S.Kind == StmtKind::Pop && !S.Target.Index && !S.Lanes &&
          isScalarLocal(*S.Target.Var))
        RestoreRead[S.Target.Var.get()] |= L.count(S.Target.Var.get()) != 0;
      if (Sweep && isDeadStore(S, L)) {
        B.erase(B.begin() + I);
        Removed = true;
        continue;
      }
      LiveSet After = L;
      L = liveBefore(S, std::move(L), Sweep);
      if (Sweep && S.Kind == StmtKind::For && isDeadLoop(S, After)) {
        // Its body swept empty, a loop is only its counters, which nobody
        // reads: nothing before it is needed for it either.
        B.erase(B.begin() + I);
        Removed = true;
        L = std::move(After);
        continue;
      }
      if (Sweep && S.Kind == StmtKind::If && S.Then.empty() && S.Else.empty()) {
        B.erase(B.begin() + I);
        Removed = true;
      }
    }
    return L;
  }

  bool isDeadStore(const Stmt &S, const LiveSet &L) const {
    if (S.Kind == StmtKind::Assign && !S.Target.Index &&
        isScalarLocal(*S.Target.Var) && !L.count(S.Target.Var.get()))
      return true;
    const Variable *Lanes = laneArrayWritten(S);
    return Lanes && !L.count(Lanes);
  }

  /// The local array a lane loop `for (k = 0; k < K; ++k) t[k] = e;` writes
  /// whole (t has K elements), or null: such a loop kills t like a scalar
  /// assignment, which is what a vector-mode tangent statement is.
  const Variable *laneArrayWritten(const Stmt &S) const {
    if (S.Kind != StmtKind::For || !S.CounterIsPrivate || S.Then.size() != 1)
      return nullptr;
    const Stmt &Body = *S.Then.front();
    const LValue &T = Body.Target;
    if (Body.Kind != StmtKind::Assign || Body.IsCompound || !T.Index ||
        T.Index->Kind != ExprKind::VarUse || T.Index->Var != S.Init.front()->Target.Var ||
        reads(Body.Value, T.Var.get()))
      return nullptr;
    const Local *Owned = findOwnedArray(F, T.Var);
    const ExprRef &Count = S.Value->Operands[1];
    if (!Owned || Owned->Length->Kind != ExprKind::IntConst ||
        Count->Kind != ExprKind::IntConst || Count->IntValue != Owned->Length->IntValue)
      return nullptr;
    return T.Var.get();
  }

  /// A loop whose body does nothing and whose counters nobody reads after.
  static bool isDeadLoop(const Stmt &S, const LiveSet &After) {
    if (!S.Then.empty())
      return false;
    std::set<const Variable *> Assigned;
    collectAssigned(S.Init, Assigned);
    collectAssigned(S.Step, Assigned);
    for (const Variable *V : Assigned)
      if (After.count(V) || !isScalarLocal(*V))
        return false;
    return true;
  }

  LiveSet liveBefore(Stmt &S, LiveSet L, bool Sweep) {
    switch (S.Kind) {
    case StmtKind::Assign:
      if (!S.Target.Index && isScalarLocal(*S.Target.Var) && !S.IsCompound)
        L.erase(S.Target.Var.get());
      if (S.IsCompound || S.Target.Index)
        L.insert(S.Target.Var.get());
      gen(S.Value, L);
      gen(S.Target.Index, L);
      return L;
    case StmtKind::Push:
      gen(S.Value, L);
      gen(S.Target.Index, L);
      if (S.Target.Var)
        L.insert(S.Target.Var.get());
      return L;
    case StmtKind::Pop:
      if (!S.Target.Index && !S.Lanes && isScalarLocal(*S.Target.Var))
        L.erase(S.Target.Var.get());
      gen(S.Target.Index, L);
      return L;
    case StmtKind::Call:
      if (S.HasTarget && !S.Target.Index && isScalarLocal(*S.Target.Var))
        L.erase(S.Target.Var.get());
      for (const CallArgument &A : S.Args) {
        gen(A.Value, L);
        gen(A.Ref.Index, L);
        if (A.Array)
          L.insert(A.Array.get());
        if (A.Ref.Var)
          L.insert(A.Ref.Var.get());
      }
      return L;
    case StmtKind::Return:
      gen(S.Value, L);
      return L;
    case StmtKind::If: {
      LiveSet Then = live(S.Then, L, Sweep);
      LiveSet Else = live(S.Else, L, Sweep);
      Then.insert(Else.begin(), Else.end());
      gen(S.Value, Then);
      return Then;
    }
    case StmtKind::For:
      if (const Variable *Lanes = laneArrayWritten(S)) {
        L.erase(Lanes);
        gen(S.Then.front()->Value, L);
        return L;
      }
      return liveBeforeLoop(S, std::move(L), Sweep);
    case StmtKind::Break:
    case StmtKind::Continue:
    case StmtKind::Comment:
      return L;
    }
    return L;
  }

  /// Iterates the loop's live sets to a fixpoint (they only grow), then
  /// sweeps with the final ones.
  LiveSet liveBeforeLoop(Stmt &S, const LiveSet &After, bool Sweep) {
    LiveSet AtCondition = After;
    gen(S.Value, AtCondition);
    while (true) {
      LiveSet Next = After;
      gen(S.Value, Next);
      LiveSet BodyIn = bodyLiveIn(S, AtCondition, /*Sweep=*/false);
      Next.insert(BodyIn.begin(), BodyIn.end());
      if (Next == AtCondition)
        break;
      AtCondition = std::move(Next);
    }
    LiveSet BodyIn = bodyLiveIn(S, AtCondition, Sweep);
    // A do-while enters its body first; a for tests its condition first.
    return live(S.Init, S.TestAtEnd ? BodyIn : AtCondition, Sweep);
  }

  LiveSet bodyLiveIn(Stmt &S, const LiveSet &AtCondition, bool Sweep) {
    LiveSet AfterBody = live(S.Step, AtCondition, Sweep);
    return live(S.Then, AfterBody, Sweep);
  }

  Function &F;
  LiveSet AtExit;
  bool Removed = false;
  /// Per variable a pop restores: whether some read may see a restored
  /// value (over every visit, loops' fixpoint iterations included).
  std::map<const Variable *, bool> RestoreRead;
};

/// The saves and restores of scalars in `Unread`, found by
/// removeUnreadSaves.
struct SavesOf {
  std::vector<const Stmt *> Pushes, Pops;
  std::set<const Variable *> Tapes;
};

void collectSaves(Block &B, const std::set<const Variable *> &Unread,
                  std::map<const Variable *, SavesOf> &Out) {
  for (StmtPtr &S : B) {
    if (S->Kind == StmtKind::Push && !S->Lanes && S->Value->Kind == ExprKind::VarUse &&
        Unread.count(S->Value->Var.get())) {
      SavesOf &Saves = Out[S->Value->Var.get()];
      Saves.Pushes.push_back(S.get());
      Saves.Tapes.insert(S->Tape.get());
    }
    if (S->Kind == StmtKind::Pop && !S->Lanes && !S->Target.Index &&
        Unread.count(S->Target.Var.get())) {
      SavesOf &Saves = Out[S->Target.Var.get()];
      Saves.Pops.push_back(S.get());
      Saves.Tapes.insert(S->Tape.get());
    }
    for (Block *Child : {&S->Init, &S->Step, &S->Then, &S->Else})
      collectSaves(*Child, Unread, Out);
  }
}

/// Removes the saves of the scalars in `Unread` with their restores, which
/// nothing reads: `T.push(s)` in a forward loop and `s = T.pop()` in its
/// reverse, where the adjoint never reads s (log-sum-exp's running sum).
/// Every save of a variable is restored into it, as Adjoint and Tangent
/// write them, so taking all of a variable's pairs off a tape leaves the
/// others matched; a variable whose saves and restores differ in number or
/// tape keeps them. Returns true if it removed anything.
bool removeUnreadSaves(Function &F, const std::set<const Variable *> &Unread) {
  if (Unread.empty())
    return false;
  std::map<const Variable *, SavesOf> Saves;
  collectSaves(F.Body, Unread, Saves);
  std::set<const Stmt *> Doomed;
  for (const auto &[V, S] : Saves)
    if (S.Tapes.size() == 1 && S.Pushes.size() == S.Pops.size())
      for (const auto *List : {&S.Pushes, &S.Pops})
        Doomed.insert(List->begin(), List->end());
  return eraseStatements(F.Body, [&](const Stmt &S) { return Doomed.count(&S) != 0; });
}

void collectMentioned(const ExprRef &E, std::set<const Variable *> &Out) {
  if (!E)
    return;
  std::vector<VarRef> Uses;
  collectUses(E, Uses);
  for (const VarRef &V : Uses)
    Out.insert(V.get());
}

void collectMentioned(const Block &B, std::set<const Variable *> &Out) {
  for (const StmtPtr &S : B)
    hessc::collectMentioned(*S, Out);
}

} // namespace

namespace {

/// A comment that heads a section ("Reverse sweep.") goes with the section
/// when nothing of it is left: when the next statement is another comment,
/// the return, or the end of the block.
void removeEmptySectionComments(Block &B) {
  for (size_t I = B.size(); I-- > 0;) {
    for (Block *Child : {&B[I]->Init, &B[I]->Step, &B[I]->Then, &B[I]->Else})
      removeEmptySectionComments(*Child);
    bool Heads = I + 1 < B.size() && B[I + 1]->Kind != StmtKind::Comment &&
                 B[I + 1]->Kind != StmtKind::Return;
    if (B[I]->Kind == StmtKind::Comment && !Heads)
      B.erase(B.begin() + static_cast<long>(I));
  }
}

} // namespace

void removeDeadCode(Function &F, const std::set<const Variable *> &Outputs) {
  DeadCodeEliminator(F, Outputs).run();
  // Removing a store can make the stores that fed it dead in turn, and a
  // restore that nothing reads makes its save dead.
  while (true) {
    DeadStoreEliminator Stores(F, Outputs);
    bool Changed = Stores.run();
    Changed |= removeUnreadSaves(F, Stores.unreadRestores());
    if (!Changed)
      break;
  }
  removeEmptySectionComments(F.Body);
}

void collectMentioned(const Stmt &S, std::set<const Variable *> &Out) {
  collectMentioned(S.Value, Out);
  collectMentioned(S.Target.Index, Out);
  if (S.Target.Var)
    Out.insert(S.Target.Var.get());
  if (S.Tape)
    Out.insert(S.Tape.get());
  for (const CallArgument &A : S.Args) {
    collectMentioned(A.Value, Out);
    collectMentioned(A.Ref.Index, Out);
    if (A.Array)
      Out.insert(A.Array.get());
    if (A.Ref.Var)
      Out.insert(A.Ref.Var.get());
  }
  for (const Block *Child : {&S.Init, &S.Step, &S.Then, &S.Else})
    collectMentioned(*Child, Out);
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

void finishDerivative(Function &F, const std::set<const Variable *> &Outputs) {
  if (!F.IsCold) {
    foldNegations(F);
    storeFirstAccumulations(F);
  }
  removeDeadCode(F, Outputs);
  if (!F.IsCold)
    shareRepeatedCalls(F);
  removeUnusedLocals(F);
}

} // namespace hessc
