//===- InvariantAccumulations.cpp - Sums kept in locals across a loop -----===//

#include "Transforms/InvariantAccumulations.h"

#include "Transforms/Activity.h"

#include <set>
#include <vector>

namespace hessc {

using namespace ir;

namespace {

using VariableSet = std::set<const Variable *>;

/// `A[Index] += v` or `A[Index] -= v`, whose v does not read A.
bool isAccumulation(const Stmt &S, const Variable *A) {
  return S.Kind == StmtKind::Assign && S.IsCompound &&
         (S.Op == OpCode::Add || S.Op == OpCode::Sub) && S.Target.Var.get() == A &&
         S.Target.Index && !reads(S.Value, A) && !reads(S.Target.Index, A);
}

/// An accumulation and the block it is in.
struct Accumulation {
  Block *Parent;
  Stmt *Statement;
};

/// Every accumulation into `A` in `B` (into `Out`); false when B touches A
/// in any other way.
bool collectAccumulations(Block &B, const Variable *A, std::vector<Accumulation> &Out) {
  for (StmtPtr &S : B) {
    if (isAccumulation(*S, A)) {
      Out.push_back({&B, S.get()});
      continue;
    }
    bool Compound = false;
    for (Block *Child : {&S->Init, &S->Step, &S->Then, &S->Else}) {
      Compound |= !Child->empty();
      if (!collectAccumulations(*Child, A, Out))
        return false;
    }
    VariableSet Touched;
    if (Compound) {
      // The header's own condition; its blocks were looked at above.
      collectReads(S->Value, Touched);
    } else {
      collectStatementReads(*S, Touched);
      collectAssigned(*S, Touched);
    }
    if (Touched.count(A))
      return false;
  }
  return true;
}

/// The arrays `B` adds into somewhere.
void collectAccumulatedArrays(const Block &B, std::vector<VarRef> &Out) {
  anyStatement(B, [&Out](const Stmt &S) {
    if (S.Kind == StmtKind::Assign && S.IsCompound && S.Target.Index &&
        (S.Op == OpCode::Add || S.Op == OpCode::Sub)) {
      bool Seen = false;
      for (const VarRef &V : Out)
        Seen |= V == S.Target.Var;
      if (!Seen)
        Out.push_back(S.Target.Var);
    }
    return false;
  });
}

class AccumulationSummer {
public:
  explicit AccumulationSummer(Function &F) : F(F), Views(F) {}

  void run(Block &B) {
    for (StmtPtr &S : B)
      for (Block *Child : {&S->Init, &S->Step, &S->Then, &S->Else})
        run(*Child);
    for (size_t L = 0; L < B.size(); ++L)
      if (B[L]->Kind == StmtKind::For)
        L += sumInLoop(B, L);
  }

private:
  /// Sums the invariant accumulations of the loop B[L]; returns the number
  /// of statements added around it.
  ///
  /// The element is added to after the loop only if some iteration added
  /// into it, which a flag records: an accumulation may be guarded (`if
  /// (pivot >= 0) x_adj[pivot] += ...`) or the loop may not run, and then
  /// the index need not be one the array has.
  size_t sumInLoop(Block &B, size_t L) {
    Stmt &Loop = *B[L];
    if (Loop.TestAtEnd)
      return 0;
    VariableSet Changed; // by the body or the step
    collectAssigned(Loop.Then, Changed);
    collectAssigned(Loop.Step, Changed);
    std::vector<VarRef> Arrays;
    collectAccumulatedArrays(Loop.Then, Arrays);
    Block Before, After;
    VarRef Added;
    for (const VarRef &A : Arrays) {
      std::vector<Accumulation> Accumulations;
      if (!collectAccumulations(Loop.Then, A.get(), Accumulations) || aliasesOther(Loop, A))
        continue;
      std::vector<bool> Done(Accumulations.size(), false);
      for (size_t R = 0; R < Accumulations.size(); ++R) {
        ExprRef Index = Accumulations[R].Statement->Target.Index;
        VariableSet IndexReads;
        collectReads(Index, IndexReads);
        if (Done[R] || intersects(IndexReads, Changed))
          continue;
        if (!Added)
          Added = addLocal(F, A->Name + "_added", ScalarKind::Bool);
        VarRef Sum = addLocal(F, A->Name + "_sum", ScalarKind::Real);
        for (size_t K = R; K < Accumulations.size(); ++K) {
          Stmt *S = Accumulations[K].Statement;
          if (Done[K] || !sameExpr(S->Target.Index, Index))
            continue;
          S->Target = {Sum, nullptr};
          Done[K] = true;
          Block &Parent = *Accumulations[K].Parent;
          for (size_t I = 0; I < Parent.size(); ++I)
            if (Parent[I].get() == S) {
              Parent.insert(Parent.begin() + static_cast<long>(I) + 1,
                            assign({Added, nullptr}, boolConst(true)));
              break;
            }
        }
        Before.push_back(assign({Sum, nullptr}, realConst(0)));
        After.push_back(compoundAssign({A, Index}, OpCode::Add, use(Sum)));
      }
    }
    if (!Added)
      return 0;
    Before.push_back(assign({Added, nullptr}, boolConst(false)));
    size_t Count = Before.size();
    // Ahead of the comment that says what the loop does, if there is one.
    size_t At = L;
    while (At > 0 && B[At - 1]->Kind == StmtKind::Comment)
      --At;
    B.insert(B.begin() + static_cast<long>(L) + 1,
             ifStmt(use(Added), std::move(After), Block()));
    B.insert(B.begin() + static_cast<long>(At), std::make_move_iterator(Before.begin()),
             std::make_move_iterator(Before.end()));
    return Count + 1;
  }

  /// True when another array the loop reads or writes may share storage
  /// with `A`.
  bool aliasesOther(const Stmt &Loop, const VarRef &A) const {
    VariableSet Touched;
    collectStatementReads(Loop, Touched);
    collectAssigned(Loop.Then, Touched);
    for (const Variable *V : Touched)
      if (V != A.get() && V->IsArray && Views.mayAlias(V, A.get()))
        return true;
    return false;
  }

  Function &F;
  ViewRoots Views;
};

} // namespace

void sumInvariantAccumulations(Function &F) {
  if (F.IsCold)
    return;
  AccumulationSummer(F).run(F.Body);
}

} // namespace hessc
