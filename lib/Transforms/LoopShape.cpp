//===- LoopShape.cpp - The shapes of loops the transformations reason about ===//

#include "Transforms/LoopShape.h"

#include "Transforms/Activity.h"

#include <set>

namespace hessc {

using namespace ir;

bool hasLoopExit(const Block &B) {
  return anyStatement(B, [](const Stmt &S) {
    return S.Kind == StmtKind::Break || S.Kind == StmtKind::Continue;
  });
}

const Variable *setToZero(const Stmt &S) {
  if (S.Kind != StmtKind::Assign || S.IsCompound || S.Target.Index ||
      S.Target.Var->Kind != ScalarKind::Int || S.Value->Kind != ExprKind::IntConst ||
      S.Value->IntValue != 0)
    return nullptr;
  return S.Target.Var.get();
}

const Variable *startsAtZero(const Block &Init) {
  return Init.size() == 1 ? setToZero(*Init.front()) : nullptr;
}

std::optional<CountedLoop> countsUp(const Stmt &Loop) {
  if (Loop.Kind != StmtKind::For || Loop.TestAtEnd || Loop.Step.size() != 1)
    return std::nullopt;
  const Expr &Cond = *Loop.Value;
  if (Cond.Kind != ExprKind::Binary || Cond.Op != OpCode::Lt ||
      Cond.Operands[0]->Kind != ExprKind::VarUse)
    return std::nullopt;
  const Variable *Counter = Cond.Operands[0]->Var.get();
  const Stmt &Step = *Loop.Step.front();
  if (Step.Kind != StmtKind::Assign || !Step.IsCompound || Step.Op != OpCode::Add ||
      Step.Target.Index || Step.Target.Var.get() != Counter ||
      Step.Value->Kind != ExprKind::IntConst || Step.Value->IntValue < 1)
    return std::nullopt;
  return CountedLoop{Counter, Cond.Operands[1], Step.Value->IntValue};
}

std::optional<long long> constantStart(const Block &B, size_t Loop, const Variable *Counter) {
  auto setsConstant = [Counter](const Stmt &S) -> std::optional<long long> {
    if (S.Kind != StmtKind::Assign || S.IsCompound || S.Target.Index ||
        S.Target.Var.get() != Counter || S.Value->Kind != ExprKind::IntConst)
      return std::nullopt;
    return S.Value->IntValue;
  };
  const Block &Init = B[Loop]->Init;
  if (!Init.empty())
    return Init.size() == 1 ? setsConstant(*Init.front()) : std::nullopt;
  for (size_t K = Loop; K-- > 0;) {
    std::set<const Variable *> Writes;
    collectAssigned(*B[K], Writes);
    if (Writes.count(Counter))
      return setsConstant(*B[K]);
  }
  return std::nullopt;
}

const Variable *iterationCounter(const Stmt &Loop) {
  if (Loop.Then.empty())
    return nullptr;
  const Stmt &Last = *Loop.Then.back();
  if (Last.Kind != StmtKind::Assign || !Last.IsCompound || Last.Op != OpCode::Add ||
      Last.Target.Index || Last.Target.Var->Kind != ScalarKind::Int ||
      Last.Value->Kind != ExprKind::IntConst || Last.Value->IntValue != 1)
    return nullptr;
  return Last.Target.Var.get();
}

/// `for (; c > 0; --c)`: the adjoint of the loop counting in `Counter`.
bool isAdjointLoopOf(const Stmt &S, const Variable *Counter) {
  if (S.Kind != StmtKind::For || S.TestAtEnd || !S.Init.empty() || S.Step.size() != 1)
    return false;
  const Expr &Cond = *S.Value;
  return Cond.Kind == ExprKind::Binary && Cond.Op == OpCode::Gt &&
         Cond.Operands[0]->Kind == ExprKind::VarUse &&
         Cond.Operands[0]->Var.get() == Counter &&
         Cond.Operands[1]->Kind == ExprKind::IntConst && Cond.Operands[1]->IntValue == 0;
}

} // namespace hessc
