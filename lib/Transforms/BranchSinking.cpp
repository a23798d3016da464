//===- BranchSinking.cpp - Move no-op work into the branch that needs it --===//

#include "Transforms/BranchSinking.h"

#include "Transforms/Activity.h"

#include <set>

namespace hessc {

using namespace ir;

namespace {

using VariableSet = std::set<const Variable *>;

/// True when `E` is zero whenever every variable of `Zero` is.
bool zeroWhen(const ExprRef &E, const VariableSet &Zero) {
  switch (E->Kind) {
  case ExprKind::RealConst:
    return E->RealValue == 0;
  case ExprKind::VarUse:
    return Zero.count(E->Var.get()) != 0;
  case ExprKind::Unary:
    return E->Op == OpCode::Neg && zeroWhen(E->Operands[0], Zero);
  case ExprKind::Binary:
    switch (E->Op) {
    case OpCode::Mul:
      return zeroWhen(E->Operands[0], Zero) || zeroWhen(E->Operands[1], Zero);
    case OpCode::Div:
      return zeroWhen(E->Operands[0], Zero);
    case OpCode::Add:
    case OpCode::Sub:
      return zeroWhen(E->Operands[0], Zero) && zeroWhen(E->Operands[1], Zero);
    default:
      return false;
    }
  default:
    return false;
  }
}

/// True when `S` changes nothing while every variable of `Zero` is zero
/// (and leaves them zero): it adds zero, or resets one of them.
bool noOpWhen(const Stmt &S, const VariableSet &Zero) {
  if (S.Kind == StmtKind::Comment)
    return true;
  if (S.Kind != StmtKind::Assign || S.Target.Var->Kind != ScalarKind::Real)
    return false;
  if (!S.IsCompound)
    return !S.Target.Index && Zero.count(S.Target.Var.get()) && isRealConst(S.Value, 0);
  return (S.Op == OpCode::Add || S.Op == OpCode::Sub) && zeroWhen(S.Value, Zero);
}

class BranchSinker {
public:
  explicit BranchSinker(Function &F) : F(F) {}

  void run() { visit(F.Body, /*IsLoopBody=*/false); }

private:
  /// Real scalar locals of F, starting at zero, all of whose writes are in
  /// `Body` and the last of which is a top-level reset `v = 0.0`: zero at
  /// the start of every iteration of the loop whose body it is.
  VariableSet zeroAtEntry(const Block &Body) {
    VariableSet InBody;
    for (const StmtPtr &S : Body)
      collectAssigned(*S, InBody);
    VariableSet Result;
    for (const Local &L : F.Locals) {
      const Variable *V = L.Var.get();
      if (L.Kind != Local::Kind::Scalar || V->Kind != ScalarKind::Real ||
          V->IsReference || V->IsIndexSet || (L.Init && !isRealConst(L.Init, 0)) ||
          !InBody.count(V) || writtenOutside(V, Body))
        continue;
      if (endsWithZeroReset(Body, V))
        Result.insert(V);
    }
    return Result;
  }

  bool writtenOutside(const Variable *V, const Block &Body) const {
    return writes(F.Body, V, &Body);
  }

  /// True when something in B, not counting the block `Skip`, writes V.
  static bool writes(const Block &B, const Variable *V, const Block *Skip) {
    if (&B == Skip)
      return false;
    for (const StmtPtr &S : B) {
      bool Writes = (S->Kind == StmtKind::Assign || S->Kind == StmtKind::Pop) &&
                    S->Target.Var.get() == V;
      if (S->Kind == StmtKind::Call)
        for (const VarRef &Out : callOutputs(*S))
          Writes |= Out.get() == V;
      if (Writes)
        return true;
      for (const Block *Child : {&S->Init, &S->Step, &S->Then, &S->Else})
        if (writes(*Child, V, Skip))
          return true;
    }
    return false;
  }

  void visit(Block &B, bool IsLoopBody) {
    for (StmtPtr &S : B) {
      if (S->Kind == StmtKind::For)
        visit(S->Then, /*IsLoopBody=*/true);
      else
        for (Block *Child : {&S->Then, &S->Else})
          visit(*Child, false);
    }
    if (IsLoopBody)
      sink(B);
  }

  void sink(Block &Body) {
    VariableSet Zero = zeroAtEntry(Body);
    if (Zero.empty())
      return;
    for (size_t P = 0; P < Body.size(); ++P) {
      Stmt &S = *Body[P];
      if (S.Kind == StmtKind::If && S.Else.empty() && !S.Then.empty()) {
        // On the path that skips the branch, Zero still holds after it.
        size_t End = P + 1;
        while (End < Body.size() && noOpWhen(*Body[End], Zero))
          ++End;
        // Trailing comments stay where they are.
        while (End > P + 1 && Body[End - 1]->Kind == StmtKind::Comment)
          --End;
        for (size_t K = P + 1; K < End; ++K)
          S.Then.push_back(std::move(Body[K]));
        Body.erase(Body.begin() + static_cast<long>(P) + 1,
                   Body.begin() + static_cast<long>(End));
      }
      VariableSet Writes;
      collectAssigned(*Body[P], Writes);
      for (const Variable *V : Writes)
        Zero.erase(V);
    }
  }

  Function &F;
};

} // namespace

void sinkIntoBranches(Function &F) { BranchSinker(F).run(); }

} // namespace hessc
