//===- CallResults.cpp - A local for each result a derivative reads -------===//

#include "Transforms/CallResults.h"

#include "Transforms/Activity.h"
#include "Transforms/DerivativeRules.h"

#include <set>

namespace hessc {

using namespace ir;

namespace {

/// The math calls whose value `E` always evaluates and differentiates,
/// outermost first: not under a comparison, `!`, `&&` or `||`, in a `?:`,
/// or in an argument whose partial is zero (floor). A call there has no
/// derivative to take; named, its adjoint would be 0 times its partial,
/// NaN where that is infinite (the sqrt of 0 behind `sqrt(q) > eps`).
void collectDifferentiatedCalls(const ExprRef &E, std::vector<ExprRef> &Out) {
  switch (E->Kind) {
  case ExprKind::Call: {
    Out.push_back(E);
    std::vector<ExprRef> Partials = partialsOf(E, E);
    for (size_t I = 0; I < E->Operands.size(); ++I)
      if (!isRealConst(Partials[I], 0))
        collectDifferentiatedCalls(E->Operands[I], Out);
    return;
  }
  case ExprKind::Binary:
    if (E->Op == OpCode::Add || E->Op == OpCode::Sub || E->Op == OpCode::Mul ||
        E->Op == OpCode::Div)
      for (const ExprRef &Op : E->Operands)
        collectDifferentiatedCalls(Op, Out);
    return;
  case ExprKind::Unary:
    if (E->Op == OpCode::Neg)
      collectDifferentiatedCalls(E->Operands[0], Out);
    return;
  default:
    return;
  }
}

class CallResultNamer {
public:
  CallResultNamer(Function &G, const ActivitySet &Activity) : G(G), Activity(Activity) {}

  void run(Block &B) {
    for (StmtPtr &S : B) {
      LoopDepth += S->Kind == StmtKind::For;
      for (Block *Child : {&S->Then, &S->Else})
        run(*Child);
      LoopDepth -= S->Kind == StmtKind::For;
    }
    // A named call may hold another: its statement is looked at in turn.
    for (size_t I = 0; I < B.size();) {
      ExprRef Call = callToName(*B[I]);
      if (!Call) {
        ++I;
        continue;
      }
      VarRef Value = addLocal(G, Call->Callee + "_value", ScalarKind::Real);
      NamedLocals.insert(Value.get());
      B[I]->Value = replaceExpr(B[I]->Value, Call, use(Value));
      // Outside loops, the declaration of the new local: the reverse sweep
      // finds it unchanged. In a loop, an assignment like any other, which
      // the adjoint tapes rather than recomputes, as it would the
      // declaration of a local whose inputs stay put.
      StmtPtr Named = assign({Value, nullptr}, Call);
      Named->IsDeclaration = LoopDepth == 0;
      B.insert(B.begin() + static_cast<long>(I), std::move(Named));
    }
  }

private:
  /// The outermost call `S` evaluates whose derivative reads its value and
  /// that is worth a local of its own; null when there is none.
  ExprRef callToName(const Stmt &S) const {
    if (S.Kind != StmtKind::Assign || S.Target.Var->Kind != ScalarKind::Real ||
        !(Activity.isActive(S.Target.Var) || NamedLocals.count(S.Target.Var.get())))
      return nullptr;
    std::vector<ExprRef> Calls;
    collectDifferentiatedCalls(S.Value, Calls);
    for (const ExprRef &Call : Calls) {
      // `t = f(u)` already holds the result (the adjoint reads t).
      if (!S.IsCompound && Call == S.Value)
        continue;
      if (!lookupMathFunction(Call->Callee) || !Activity.isActive(Call))
        continue;
      // Only the partials of active arguments are ever evaluated: pow(x, 2)
      // needs its value only for the derivative in the exponent.
      std::vector<ExprRef> Partials = partialsOf(Call, Call);
      for (size_t I = 0; I < Partials.size(); ++I)
        if (Activity.isActive(Call->Operands[I]) &&
            anyExpression(Partials[I], [&Call](const Expr &X) { return &X == Call.get(); }))
          return Call;
    }
    return nullptr;
  }

  Function &G;
  const ActivitySet &Activity;
  /// The locals made here: active, although the activity analysis, which
  /// ran before, has not seen them.
  std::set<const Variable *> NamedLocals;
  int LoopDepth = 0;
};

} // namespace

void nameCallResults(Function &G, Block &Body, const std::vector<VarRef> &Seeds) {
  ActivitySet Activity(Seeds, Body);
  CallResultNamer(G, Activity).run(Body);
}

} // namespace hessc
