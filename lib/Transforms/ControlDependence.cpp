//===- ControlDependence.cpp - Does control flow follow the independents? -===//

#include "Transforms/ControlDependence.h"

#include "Transforms/Activity.h"

#include <set>

namespace hessc {

using namespace ir;

namespace {

/// The values of one function that depend on its sources, to a fixpoint.
class DependenceScan {
public:
  DependenceScan(const std::vector<VarRef> &Sources,
                 std::set<const Function *> &InProgress)
      : InProgress(InProgress) {
    for (const VarRef &V : Sources)
      Varying.insert(V.get());
  }

  /// True when some condition in `F`'s body reads a varying value.
  bool run(const Function &F) {
    while (propagate(F.Body)) {
    }
    return branches(F.Body);
  }

private:
  bool varying(const ExprRef &E) const {
    return anyExpression(E, [this](const Expr &X) {
      return X.Var && (Varying.count(X.Var.get()) ||
                       (X.Var->DataOf && Varying.count(X.Var->DataOf.get())));
    });
  }

  bool varying(const CallArgument &A) const {
    switch (A.Kind) {
    case CallArgument::Kind::Value:
      return varying(A.Value);
    case CallArgument::Kind::Array:
      return Varying.count(A.Array.get()) || (A.Value && varying(A.Value));
    case CallArgument::Kind::Reference:
      return Varying.count(A.Ref.Var.get()) != 0;
    }
    return false;
  }

  bool mark(const VarRef &V) {
    if (V->IsIndexSet)
      return false;
    return Varying.insert(V.get()).second;
  }

  bool propagate(const Block &Body) {
    bool Changed = false;
    for (const StmtPtr &S : Body) {
      switch (S->Kind) {
      case StmtKind::Assign:
        if (varying(S->Value))
          Changed |= mark(S->Target.Var);
        break;
      case StmtKind::Push:
        if (S->Value && varying(S->Value))
          Changed |= mark(S->Tape);
        if (S->Lanes && Varying.count(S->Target.Var.get()))
          Changed |= mark(S->Tape);
        break;
      case StmtKind::Pop:
        if (Varying.count(S->Tape.get()))
          Changed |= mark(S->Target.Var);
        break;
      case StmtKind::Call: {
        bool Any = false;
        for (const CallArgument &A : S->Args)
          Any |= varying(A);
        if (Any)
          for (const VarRef &V : callOutputs(*S))
            Changed |= mark(V);
        break;
      }
      default:
        break;
      }
      for (const Block *Child : {&S->Init, &S->Step, &S->Then, &S->Else})
        Changed |= propagate(*Child);
    }
    return Changed;
  }

  /// True when `E` holds a `?:` whose condition is varying.
  bool selectsOnVarying(const ExprRef &E) const {
    return anyExpression(E, [this](const Expr &X) {
      return X.Kind == ExprKind::Select && varying(X.Operands[0]);
    });
  }

  bool branches(const Block &Body) const {
    for (const StmtPtr &S : Body) {
      if ((S->Kind == StmtKind::If || S->Kind == StmtKind::For) && varying(S->Value))
        return true;
      if (S->Value && selectsOnVarying(S->Value))
        return true;
      if (S->Kind == StmtKind::Call && calleeBranches(*S))
        return true;
      for (const Block *Child : {&S->Init, &S->Step, &S->Then, &S->Else})
        if (branches(*Child))
          return true;
    }
    return false;
  }

  bool calleeBranches(const Stmt &Call) const {
    for (const CallArgument &A : Call.Args)
      if (A.Value && selectsOnVarying(A.Value))
        return true;
    // The callee's parameters that receive a varying argument, by position;
    // the partials of a HESSC_PARTIAL function take the same parameters.
    std::vector<size_t> Positions;
    for (size_t I = 0; I < Call.Args.size(); ++I)
      if (varying(Call.Args[I]))
        Positions.push_back(I);
    if (Positions.empty())
      return false;
    auto dependsIn = [&](const Function &F) {
      // A partial may call the function it is a partial of: each function
      // is scanned once per chain of calls.
      if (!InProgress.insert(&F).second)
        return false;
      std::vector<VarRef> Sources;
      for (size_t I : Positions)
        if (I < F.Params.size())
          Sources.push_back(F.Params[I].Var);
      bool Depends = DependenceScan(Sources, InProgress).run(F);
      InProgress.erase(&F);
      return Depends;
    };
    const Function &Callee = *Call.Callee;
    if (dependsIn(Callee))
      return true;
    for (const FunctionRef &Partial : Callee.CustomPartials)
      if (Partial && dependsIn(*Partial))
        return true;
    return false;
  }

  std::set<const Variable *> Varying;
  std::set<const Function *> &InProgress;
};

} // namespace

bool controlFlowDependsOn(const Function &F, const std::vector<VarRef> &Sources) {
  std::set<const Function *> InProgress{&F};
  return DependenceScan(Sources, InProgress).run(F);
}

} // namespace hessc
