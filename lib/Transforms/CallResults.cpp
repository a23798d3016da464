//===- CallResults.cpp - A local for each result a derivative reads -------===//

#include "Transforms/CallResults.h"

#include "Transforms/Activity.h"
#include "Transforms/DerivativeRules.h"

#include <set>

namespace hessc {

using namespace ir;

namespace {

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
      Named.insert(Value.get());
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
        !(Activity.isActive(S.Target.Var) || Named.count(S.Target.Var.get())))
      return nullptr;
    std::vector<ExprRef> Calls;
    collectUnconditionalCalls(S.Value, Calls);
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
  std::set<const Variable *> Named;
  int LoopDepth = 0;
};

} // namespace

void nameCallResults(Function &G, Block &Body, const std::vector<VarRef> &Seeds) {
  ActivitySet Activity(Seeds, Body);
  CallResultNamer(G, Activity).run(Body);
}

} // namespace hessc
