//===- AdjointLoopOrder.cpp - Adjoint loops that run in the forward order -===//

#include "Transforms/AdjointLoopOrder.h"

#include "Transforms/Activity.h"
#include "Transforms/IterationEffects.h"
#include "Transforms/LoopShape.h"

#include <optional>
#include <set>

namespace hessc {

using namespace ir;

namespace {

using VariableSet = std::set<const Variable *>;

bool contains(const Block &B, const Stmt *Target) {
  return anyStatement(B, [Target](const Stmt &S) { return &S == Target; });
}

/// True when a statement of `B` other than `Skip`, or one nested in it, reads
/// `V`.
bool readElsewhere(const Block &B, const Stmt *Skip, const Variable *V) {
  for (const StmtPtr &S : B) {
    if (S.get() == Skip)
      continue;
    const Block *Children[] = {&S->Init, &S->Step, &S->Then, &S->Else};
    bool Encloses = false;
    for (const Block *Child : Children)
      Encloses |= contains(*Child, Skip);
    if (!Encloses) {
      VariableSet Reads;
      collectStatementReads(*S, Reads);
      if (Reads.count(V))
        return true;
      continue;
    }
    if (reads(S->Value, V))
      return true;
    for (const Block *Child : Children)
      if (readElsewhere(*Child, Skip, V))
        return true;
  }
  return false;
}

/// True when a statement of `B` other than `Skip`, or one nested in it,
/// writes `V` anything but zero.
bool setNonZeroElsewhere(const Block &B, const Stmt *Skip, const Variable *V) {
  for (const StmtPtr &S : B) {
    if (S.get() == Skip)
      continue;
    bool Compound = false;
    for (const Block *Child : {&S->Init, &S->Step, &S->Then, &S->Else}) {
      Compound |= !Child->empty();
      if (setNonZeroElsewhere(*Child, Skip, V))
        return true;
    }
    if (Compound)
      continue;
    VariableSet Writes;
    collectAssigned(*S, Writes);
    if (Writes.count(V) &&
        (S->Kind != StmtKind::Assign || S->IsCompound || S->Target.Index ||
         !isRealConst(S->Value, 0.0)))
      return true;
  }
  return false;
}

/// True when `A[Index]` is the only element of A that `Body` writes or reads.
bool touchesOnlyElement(const Block &Body, const Variable *A, const ExprRef &Index) {
  return !anyStatement(Body, [&](const Stmt &S) {
    if (!readsOnlyElement(S, A, Index))
      return true;
    for (const CallArgument &Arg : S.Args)
      if (Arg.Array.get() == A || (Arg.Ref.Var.get() == A && !sameExpr(Arg.Ref.Index, Index)))
        return true;
    return S.Kind != StmtKind::Call && S.Target.Var.get() == A &&
           !sameExpr(S.Target.Index, Index);
  });
}

class AdjointLoopOrder {
public:
  explicit AdjointLoopOrder(Function &F) : F(F), Roots(F) {}

  void run() { visit(F.Body); }

private:
  void visit(Block &B) {
    for (StmtPtr &S : B)
      for (Block *Child : {&S->Init, &S->Step, &S->Then, &S->Else})
        visit(*Child);
    for (size_t R = 0; R < B.size(); ++R) {
      const Stmt &Loop = *B[R];
      if (Loop.Kind != StmtKind::For || Loop.Value->Kind != ExprKind::Binary ||
          Loop.Value->Operands[0]->Kind != ExprKind::VarUse)
        continue;
      const Variable *Iterations = Loop.Value->Operands[0]->Var.get();
      if (!isAdjointLoopOf(Loop, Iterations))
        continue;
      for (size_t Fw = 0; Fw < R; ++Fw)
        if (B[Fw]->Kind == StmtKind::For && iterationCounter(*B[Fw]) == Iterations) {
          R += reorder(B, Fw, R);
          break;
        }
    }
  }

  /// Gives the adjoint loop B[R] of the forward loop B[Fw] the forward
  /// loop's header when its iterations are independent; returns how far
  /// that moved what followed it (a comment before it, two statements
  /// after it).
  size_t reorder(Block &B, size_t Fw, size_t R) {
    const Stmt &Forward = *B[Fw];
    Stmt &Adjoint = *B[R];
    std::optional<CountedLoop> Shape = countsUp(Forward);
    if (!Shape || hasLoopExit(Forward.Then))
      return 0;
    const Variable *Counter = Shape->Counter;
    std::optional<long long> Start = constantStart(B, Fw, Counter);
    if (!Start)
      return 0;

    // The adjoint's body first undoes the step (`--c`), then runs the
    // adjoint of the iteration c.
    if (Adjoint.Then.empty())
      return 0;
    VariableSet StepUndone;
    collectAssigned(*Adjoint.Then.front(), StepUndone);
    if (StepUndone != VariableSet{Counter})
      return 0;
    Block Body;
    for (size_t K = 1; K < Adjoint.Then.size(); ++K)
      Body.push_back(clone(*Adjoint.Then[K]));

    // The counter and the bound must run over the same range again.
    VariableSet Changed, BoundReads;
    collectAssigned(Forward.Then, Changed);
    for (size_t K = Fw + 1; K < R; ++K)
      collectAssigned(*B[K], Changed);
    collectAssigned(Body, Changed);
    collectReads(Shape->Bound, BoundReads);
    if (Changed.count(Counter) || intersects(BoundReads, Changed))
      return 0;

    if (!iterationsIndependent(Body, Adjoint))
      return 0;

    // The loop left the counter at its start and the iteration count at
    // zero; so does its replacement, in statements Cleanup drops when
    // nothing reads them.
    VarRef CounterRef = Forward.Value->Operands[0]->Var;
    VarRef IterationsRef = Adjoint.Value->Operands[0]->Var;
    Block Init;
    Init.push_back(assign({CounterRef, nullptr}, intConst(*Start)));
    StmtPtr Reordered =
        forStmt(std::move(Init), Forward.Value, clone(Forward.Step), std::move(Body));
    B[R] = std::move(Reordered);
    Block After;
    After.push_back(assign({CounterRef, nullptr}, intConst(*Start)));
    After.push_back(assign({IterationsRef, nullptr}, intConst(0)));
    B.insert(B.begin() + static_cast<long>(R),
             comment("This loop's adjoint iterations need nothing from each other: they "
                     "run in the forward order."));
    B.insert(B.begin() + static_cast<long>(R) + 2, std::make_move_iterator(After.begin()),
             std::make_move_iterator(After.end()));
    return 3;
  }

  /// True when no iteration of `Body`, the adjoint of iteration c of the
  /// loop `Adjoint`, reads what another wrote.
  bool iterationsIndependent(const Block &Body, const Stmt &Adjoint) const {
    if (anyStatement(Body, [](const Stmt &S) {
          return S.Kind == StmtKind::Push || S.Kind == StmtKind::Pop ||
                 S.Kind == StmtKind::Return || S.Kind == StmtKind::Break ||
                 S.Kind == StmtKind::Continue;
        }))
      return false;
    WriteKinds Kinds;
    collectWriteKinds(Body, Kinds);
    if (!Kinds.Other.empty())
      return false;
    VariableSet Writes, ValueReads, AllReads;
    collectAssigned(Body, Writes);
    for (const StmtPtr &S : Body) {
      collectStatementReads(*S, ValueReads, /*CountAccumulations=*/false);
      collectStatementReads(*S, AllReads);
    }
    const VarRef &Counter = Adjoint.Then.front()->Target.Var;
    ExprRef Element = use(Counter);
    for (const Variable *V : Writes) {
      bool OnlyAccumulated = !Kinds.Set.count(V) && !ValueReads.count(V);
      if (OnlyAccumulated) {
        // Nothing the body reads may see the sum grow.
        for (const Variable *Read : ValueReads)
          if (Read != V && Roots.mayAlias(Read, V))
            return false;
        continue;
      }
      if (V->IsArray) {
        // A local array of its own, touched at [c] only.
        if (!findOwnedArray(F, V) || !touchesOnlyElement(Body, V, Element))
          return false;
        for (const Variable *Other : AllReads)
          if (Other != V && Roots.mayAlias(Other, V))
            return false;
        continue;
      }
      bool Temporary = Kinds.Set.count(V) && !Kinds.Accumulate.count(V) &&
                       setBeforeEveryRead(Body, V) && !V->IsReference;
      if (Temporary && !readElsewhere(F.Body, &Adjoint, V))
        continue;
      // An adjoint the body adds into and sets back to zero at its end; each
      // iteration then starts from zero, when the loop does.
      if (!endsWithZeroReset(Body, V) || !alwaysZeroBefore(V, Adjoint))
        return false;
    }
    return true;
  }

  /// True when the scalar local `V` is zero whenever `Loop` starts: it is
  /// declared zero, and everything outside the loop that writes it resets
  /// it to zero.
  bool alwaysZeroBefore(const Variable *V, const Stmt &Loop) const {
    const Local *L = findLocal(F, V);
    return L && L->Kind == Local::Kind::Scalar && (!L->Init || isRealConst(L->Init, 0.0)) &&
           !setNonZeroElsewhere(F.Body, &Loop, V);
  }

  Function &F;
  ViewRoots Roots;
};

} // namespace

void runAdjointLoopsForwards(Function &F) { AdjointLoopOrder(F).run(); }

} // namespace hessc
