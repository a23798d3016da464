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

/// Every accumulation into `A` in `B` (into `Out`); false when B touches A
/// in any other way.
bool collectAccumulations(Block &B, const Variable *A, std::vector<Stmt *> &Out) {
  for (StmtPtr &S : B) {
    if (isAccumulation(*S, A)) {
      Out.push_back(S.get());
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
  /// of statements added around it (one before and one after it per sum).
  size_t sumInLoop(Block &B, size_t L) {
    Stmt &Loop = *B[L];
    if (Loop.Kind != StmtKind::For || Loop.TestAtEnd)
      return 0;
    VariableSet Changed; // by the body, the step or the test
    collectAssigned(Loop.Then, Changed);
    collectAssigned(Loop.Step, Changed);
    std::vector<VarRef> Arrays;
    collectAccumulatedArrays(Loop.Then, Arrays);
    size_t Sums = 0;
    for (const VarRef &A : Arrays) {
      std::vector<Stmt *> Accumulations;
      if (!collectAccumulations(Loop.Then, A.get(), Accumulations) || aliasesOther(Loop, A))
        continue;
      std::vector<bool> Done(Accumulations.size(), false);
      for (size_t R = 0; R < Accumulations.size(); ++R) {
        VariableSet IndexReads;
        collectReads(Accumulations[R]->Target.Index, IndexReads);
        if (Done[R] || intersects(IndexReads, Changed))
          continue;
        ExprRef Index = Accumulations[R]->Target.Index;
        VarRef Sum = addLocal(F, A->Name + "_sum", ScalarKind::Real);
        for (size_t K = R; K < Accumulations.size(); ++K)
          if (!Done[K] && sameExpr(Accumulations[K]->Target.Index, Index)) {
            Accumulations[K]->Target = {Sum, nullptr};
            Done[K] = true;
          }
        // Ahead of the comment that says what the loop does, if there is one.
        size_t Position = L + Sums, Before = Position;
        while (Before > 0 && B[Before - 1]->Kind == StmtKind::Comment)
          --Before;
        B.insert(B.begin() + static_cast<long>(Before), assign({Sum, nullptr}, realConst(0)));
        B.insert(B.begin() + static_cast<long>(Position) + 2,
                 compoundAssign({A, Index}, OpCode::Add, use(Sum)));
        ++Sums;
      }
    }
    return 2 * Sums;
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
