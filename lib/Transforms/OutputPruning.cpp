//===- OutputPruning.cpp - Calls that compute outputs nobody reads --------===//

#include "Transforms/OutputPruning.h"

#include "Transforms/Activity.h"
#include "Transforms/DerivativeModule.h"

#include <algorithm>
#include <map>

namespace hessc {

using namespace ir;

namespace {

class OutputPruner {
public:
  OutputPruner(Function &F, const std::set<const Variable *> &Outputs,
               DerivativeModule &Module)
      : F(F), Module(Module), Views(F) {
    for (const Variable *V : Outputs)
      Read.insert(root(V));
    collectReads(F.Body);
  }

  void run() { redirect(F.Body); }

private:
  const Variable *root(const Variable *V) const { return Views.root(V); }

  void readsOf(const ExprRef &E) {
    std::set<const Variable *> Vars;
    hessc::collectReads(E, Vars);
    for (const Variable *V : Vars)
      Read.insert(root(V));
  }

  /// What the statements read, not counting what a += adds to, nor a
  /// call's own output arguments (what the callee may do with them is the
  /// callee's business: an unread output can go).
  void collectReads(const Block &B) {
    for (const StmtPtr &SP : B) {
      const Stmt &S = *SP;
      readsOf(S.Value);
      readsOf(S.Target.Index);
      bool Accumulates = S.Kind == StmtKind::Assign && S.IsCompound &&
                         (S.Op == OpCode::Add || S.Op == OpCode::Sub);
      if (S.Kind == StmtKind::Assign && S.IsCompound && !Accumulates)
        Read.insert(root(S.Target.Var.get()));
      if (S.Kind == StmtKind::Push && S.Lanes)
        Read.insert(root(S.Target.Var.get()));
      if (S.Kind == StmtKind::Call) {
        std::vector<size_t> Outs = callEffects(*S.Callee).Outputs;
        for (size_t I = 0; I < S.Args.size(); ++I) {
          const CallArgument &A = S.Args[I];
          readsOf(A.Value);
          readsOf(A.Ref.Index);
          if (std::find(Outs.begin(), Outs.end(), I) != Outs.end())
            continue;
          if (A.Array)
            Read.insert(root(A.Array.get()));
          if (A.Ref.Var)
            Read.insert(root(A.Ref.Var.get()));
        }
      }
      for (const Block *Child : {&S.Init, &S.Step, &S.Then, &S.Else})
        collectReads(*Child);
    }
  }

  void redirect(Block &B) {
    for (StmtPtr &SP : B) {
      Stmt &S = *SP;
      for (Block *Child : {&S.Init, &S.Step, &S.Then, &S.Else})
        redirect(*Child);
      if (S.Kind != StmtKind::Call || !S.Callee->CustomPartials.empty() ||
          S.Callee->Body.empty())
        continue;
      std::vector<size_t> Unused;
      for (size_t I : callEffects(*S.Callee).Outputs) {
        const CallArgument &A = S.Args[I];
        const Variable *V = A.Kind == CallArgument::Kind::Array ? A.Array.get()
                                                                : A.Ref.Var.get();
        if (V && !Read.count(root(V)))
          Unused.push_back(I);
      }
      if (Unused.empty())
        continue;
      FunctionRef Variant = Module.withoutOutputs(S.Callee, Unused);
      S.Args = argumentsFor(*Variant, *S.Callee, S.Args);
      S.Callee = Variant;
    }
  }

  Function &F;
  DerivativeModule &Module;
  ViewRoots Views;
  std::set<const Variable *> Read;
};

} // namespace

void pruneUnusedCallOutputs(Function &F, const std::set<const Variable *> &Outputs,
                            DerivativeModule &Module) {
  OutputPruner(F, Outputs, Module).run();
}

} // namespace hessc
