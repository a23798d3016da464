//===- LoopShape.cpp - The shapes of loops the transformations reason about ===//

#include "Transforms/LoopShape.h"

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

} // namespace hessc
