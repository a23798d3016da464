//===- FirstWrites.cpp - Accumulations into zero become plain stores -------===//

#include "Transforms/FirstWrites.h"

#include "Transforms/LoopShape.h"

#include "Transforms/Activity.h"
#include "Transforms/Cleanup.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <set>

namespace hessc {

using namespace ir;

namespace {

using VariableSet = std::set<const Variable *>;

/// `v += e` or `v -= e` becomes `v = e` or `v = -e`.
void makeStore(Stmt &S) {
  if (S.Op == OpCode::Sub)
    S.Value = neg(S.Value);
  S.IsCompound = false;
}

bool accumulates(const Stmt &S) {
  return S.Kind == StmtKind::Assign && S.IsCompound &&
         (S.Op == OpCode::Add || S.Op == OpCode::Sub);
}

//===----------------------------------------------------------------------===//
// Scalars
//===----------------------------------------------------------------------===//

/// A forward "must be zero" analysis over the structured body: the state is
/// the set of real scalar locals that hold zero on every path to a point.
/// Branches meet by intersection; a loop's entry state is the greatest
/// fixpoint of (state before) ∩ (state after one more iteration).
class ZeroScalarStores {
public:
  explicit ZeroScalarStores(const Function &F) {
    for (const Local &L : F.Locals) {
      const Variable &V = *L.Var;
      if (L.Kind == Local::Kind::Scalar && V.Kind == ScalarKind::Real &&
          !V.IsArray && !V.IsReference && !V.IsIndexSet && !V.DataOf &&
          (!L.Init || isRealConst(L.Init, 0)))
        Candidates.insert(&V);
    }
  }

  void run(Block &Body) {
    VariableSet Zero = Candidates;
    walk(Body, Zero, /*Rewrite=*/true);
  }

private:
  void walk(Block &B, VariableSet &Zero, bool Rewrite) {
    for (StmtPtr &S : B)
      walk(*S, Zero, Rewrite);
  }

  void walk(Stmt &S, VariableSet &Zero, bool Rewrite) {
    switch (S.Kind) {
    case StmtKind::Assign:
      if (S.Target.Index)
        return;
      if (!S.IsCompound && isRealConst(S.Value, 0) &&
          Candidates.count(S.Target.Var.get())) {
        Zero.insert(S.Target.Var.get());
        return;
      }
      if (Rewrite && accumulates(S) && Zero.count(S.Target.Var.get()))
        makeStore(S);
      Zero.erase(S.Target.Var.get());
      return;
    case StmtKind::Pop:
      Zero.erase(S.Target.Var.get());
      return;
    case StmtKind::Call:
      for (const VarRef &V : callOutputs(S))
        Zero.erase(V.get());
      return;
    case StmtKind::If: {
      VariableSet Else = Zero;
      walk(S.Then, Zero, Rewrite);
      walk(S.Else, Else, Rewrite);
      VariableSet Both;
      std::set_intersection(Zero.begin(), Zero.end(), Else.begin(), Else.end(),
                            std::inserter(Both, Both.begin()));
      Zero.swap(Both);
      return;
    }
    case StmtKind::For: {
      walk(S.Init, Zero, Rewrite);
      VariableSet Entry = Zero;
      for (;;) {
        VariableSet After = Entry;
        walk(S.Then, After, /*Rewrite=*/false);
        walk(S.Step, After, /*Rewrite=*/false);
        VariableSet Next;
        std::set_intersection(Zero.begin(), Zero.end(), After.begin(), After.end(),
                              std::inserter(Next, Next.begin()));
        if (Next == Entry)
          break;
        Entry.swap(Next);
      }
      if (Rewrite) {
        VariableSet InBody = Entry;
        walk(S.Then, InBody, true);
        walk(S.Step, InBody, true);
      }
      // Entry is contained in the state after any number of iterations,
      // so it holds wherever the loop is left.
      Zero.swap(Entry);
      return;
    }
    case StmtKind::Push:
    case StmtKind::Return:
    case StmtKind::Break:
    case StmtKind::Continue:
    case StmtKind::Comment:
      return;
    }
  }

  VariableSet Candidates;
};

//===----------------------------------------------------------------------===//
// Arrays
//===----------------------------------------------------------------------===//

/// `for (c = 0; c < Bound; c += Step)` with Step a positive constant: Bound
/// and Step, or nothing.
std::optional<std::pair<ExprRef, long long>> countsUpFromZero(const Stmt &Loop,
                                                             const Variable *&Counter) {
  std::optional<CountedLoop> Counted = countsUp(Loop);
  if (!Counted || startsAtZero(Loop.Init) != Counted->Counter)
    return std::nullopt;
  Counter = Counted->Counter;
  return std::make_pair(Counted->Bound, Counted->Step);
}

/// `for (c = 0; c < Length; ++c) A[c] = 0.0;` with a counter private to the
/// loop (hessc's own zeroing, which nothing after reads): A, and Length.
const Variable *zeroFilledArray(const Stmt &S, ExprRef &Length) {
  const Variable *Counter = nullptr;
  auto Range = countsUpFromZero(S, Counter);
  if (!Range || !S.CounterIsPrivate || Range->second != 1 || S.Then.size() != 1)
    return nullptr;
  const Stmt &Fill = *S.Then.front();
  if (Fill.Kind != StmtKind::Assign || Fill.IsCompound || !Fill.Target.Index ||
      Fill.Target.Index->Kind != ExprKind::VarUse ||
      Fill.Target.Index->Var.get() != Counter || !isRealConst(Fill.Value, 0))
    return nullptr;
  Length = Range->first;
  return Fill.Target.Var.get();
}

/// `Counter + c` or `Counter` as an index: c, or nothing.
std::optional<long long> offsetFrom(const ExprRef &Index, const Variable *Counter) {
  auto IsCounter = [&](const ExprRef &E) {
    return E->Kind == ExprKind::VarUse && E->Var.get() == Counter;
  };
  if (IsCounter(Index))
    return 0;
  if (Index->Kind != ExprKind::Binary || Index->Op != OpCode::Add)
    return std::nullopt;
  const ExprRef &L = Index->Operands[0], &R = Index->Operands[1];
  if (IsCounter(L) && R->Kind == ExprKind::IntConst)
    return R->IntValue;
  if (IsCounter(R) && L->Kind == ExprKind::IntConst)
    return L->IntValue;
  return std::nullopt;
}

bool mentionsAny(const Stmt &S, const VariableSet &Vars) {
  VariableSet Mentioned;
  collectMentioned(S, Mentioned);
  return std::any_of(Vars.begin(), Vars.end(),
                     [&](const Variable *V) { return Mentioned.count(V) != 0; });
}

/// Removes zero-fill loops whose array the next loop over the same range
/// overwrites in full, and turns that loop's first accumulations into
/// stores.
class ZeroFillElision {
public:
  explicit ZeroFillElision(const Function &F) : Views(F) {
    for (const Local &L : F.Locals)
      if (L.Kind == Local::Kind::View)
        ViewVars.push_back(L.Var.get());
  }

  void run(Block &B) {
    for (size_t I = 0; I < B.size(); ++I) {
      ExprRef Length;
      const Variable *Array = zeroFilledArray(*B[I], Length);
      if (Array && overwrittenAfter(B, I, Array, Length)) {
        B.erase(B.begin() + static_cast<long>(I));
        --I;
      }
    }
  }

private:
  /// `Array`, its storage and every view that may share it.
  VariableSet aliasesOf(const Variable *Array) const {
    VariableSet Aliases{Array, Views.root(Array)};
    for (const Variable *V : ViewVars)
      if (Views.mayAlias(V, Array))
        Aliases.insert(V);
    return Aliases;
  }

  /// True when the first loop after B[Fill] that touches `Array` stores
  /// into every element of it before anything reads one; that loop's first
  /// accumulations are then made stores.
  bool overwrittenAfter(Block &B, size_t Fill, const Variable *Array,
                        const ExprRef &Length) {
    VariableSet Aliases = aliasesOf(Array);
    size_t I = Fill + 1;
    // Filling another array with zeros keeps Array's elements zero too,
    // even if the two overlap.
    // The loop must cover the range the fill covered: nothing between may
    // change the bound.
    VariableSet BoundReads;
    collectReads(Length, BoundReads);
    ExprRef Unused;
    while (I < B.size() &&
           (zeroFilledArray(*B[I], Unused) || !mentionsAny(*B[I], Aliases))) {
      VariableSet Written;
      collectAssigned(*B[I], Written);
      for (const Variable *V : BoundReads)
        if (Written.count(V))
          return false;
      ++I;
    }
    if (I == B.size())
      return false;
    Stmt &Loop = *B[I];
    const Variable *Counter = nullptr;
    auto Range = countsUpFromZero(Loop, Counter);
    if (!Range || !sameExpr(Range->first, Length) || hasLoopExit(Loop.Then))
      return false;
    long long Step = Range->second;
    // Every iteration must cover [i, i + Step), which needs i and the bound
    // to stay as they are.
    VariableSet Assigned;
    collectAssigned(Loop.Then, Assigned);
    BoundReads.insert(Counter);
    for (const Variable *V : BoundReads)
      if (Assigned.count(V))
        return false;

    std::map<long long, Stmt *> FirstWrite;
    for (const StmtPtr &S : Loop.Then) {
      bool WritesSlot = S->Kind == StmtKind::Assign && S->Target.Var.get() == Array &&
                        S->Target.Index && (accumulates(*S) || !S->IsCompound);
      if (!WritesSlot) {
        if (mentionsAny(*S, Aliases))
          return false;
        continue;
      }
      VariableSet Reads;
      collectReads(S->Value, Reads);
      auto Offset = offsetFrom(S->Target.Index, Counter);
      if (!Offset || *Offset < 0 || *Offset >= Step ||
          std::any_of(Aliases.begin(), Aliases.end(),
                      [&](const Variable *V) { return Reads.count(V) != 0; }))
        return false;
      FirstWrite.emplace(*Offset, S.get());
    }
    if (static_cast<long long>(FirstWrite.size()) != Step)
      return false;
    for (auto &[Offset, S] : FirstWrite)
      if (S->IsCompound)
        makeStore(*S);
    return true;
  }

  ViewRoots Views;
  std::vector<const Variable *> ViewVars;
};

} // namespace

void storeFirstAccumulations(Function &F) {
  if (hasLoopExit(F.Body))
    return;
  ZeroFillElision(F).run(F.Body);
  ZeroScalarStores(F).run(F.Body);
}

} // namespace hessc
