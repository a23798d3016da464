//===- CallSharing.cpp - One call for a math function's repeated value -----===//

#include "Transforms/CallSharing.h"

#include "Transforms/Activity.h"
#include "Transforms/Cleanup.h"

#include <set>

namespace hessc {

using namespace ir;

namespace {

using VariableSet = std::set<const Variable *>;

size_t sizeOf(const ExprRef &E) {
  size_t Size = 1;
  for (const ExprRef &Op : E->Operands)
    Size += sizeOf(Op);
  return Size;
}

/// The expressions a statement evaluates once, before it writes anything:
/// not a loop's condition, which runs every iteration, nor nested blocks.
std::vector<ExprRef *> ownExpressions(Stmt &S) {
  std::vector<ExprRef *> Out{&S.Target.Index};
  if (S.Kind != StmtKind::For)
    Out.push_back(&S.Value);
  for (CallArgument &A : S.Args) {
    Out.push_back(&A.Value);
    Out.push_back(&A.Ref.Index);
  }
  return Out;
}

class CallSharer {
public:
  explicit CallSharer(Function &F) : F(F), Views(F) {}

  void run(Block &B) {
    // Not a loop's Init or Step: each is a single statement of its header.
    for (StmtPtr &S : B)
      for (Block *Child : {&S->Then, &S->Else})
        run(*Child);
    // One call at a time, the largest first, so that a repeated call
    // inside a repeated call is shared once the outer one is.
    while (shareOne(B)) {
    }
  }

private:
  struct Candidate {
    ExprRef Call;
    VariableSet Reads; // what the call reads
    std::vector<size_t> Statements; // where it is evaluated, in order
    unsigned Uses = 0;
    bool Open = true; // nothing has written what it reads yet
  };

  /// True when a write to one of `Written` may change what `Reads` hold.
  bool clobbers(const VariableSet &Written, const VariableSet &Reads) const {
    for (const Variable *W : Written)
      for (const Variable *R : Reads)
        if (Views.mayAlias(W, R))
          return true;
    return false;
  }

  bool shareOne(Block &B) {
    std::vector<Candidate> Candidates;
    for (size_t I = 0; I < B.size(); ++I) {
      Stmt &S = *B[I];
      std::vector<ExprRef> Calls;
      for (ExprRef *E : ownExpressions(S))
        collectUnconditionalCalls(*E, Calls);
      for (const ExprRef &Call : Calls) {
        Candidate *Match = nullptr;
        for (Candidate &C : Candidates)
          if (C.Open && sameExpr(C.Call, Call))
            Match = &C;
        if (!Match) {
          Candidates.push_back({Call, {}, {}, 0, true});
          Match = &Candidates.back();
          collectReads(Call, Match->Reads);
        }
        ++Match->Uses;
        if (Match->Statements.empty() || Match->Statements.back() != I)
          Match->Statements.push_back(I);
      }
      VariableSet Written;
      collectAssigned(S, Written);
      for (Candidate &C : Candidates)
        if (C.Open && clobbers(Written, C.Reads))
          C.Open = false;
    }
    const Candidate *Best = nullptr;
    for (const Candidate &C : Candidates)
      if (C.Uses > 1 && (!Best || sizeOf(C.Call) > sizeOf(Best->Call)))
        Best = &C;
    if (!Best)
      return false;
    VarRef Value = addLocal(F, Best->Call->Callee + "_value", ScalarKind::Real);
    for (size_t I : Best->Statements)
      for (ExprRef *E : ownExpressions(*B[I]))
        *E = replaceExpr(*E, Best->Call, use(Value));
    size_t First = Best->Statements.front();
    B.insert(B.begin() + static_cast<long>(First), assign({Value, nullptr}, Best->Call));
    return true;
  }

  Function &F;
  ViewRoots Views;
};

} // namespace

void shareRepeatedCalls(Function &F) {
  if (F.IsCold)
    return;
  CallSharer(F).run(F.Body);
}

} // namespace hessc
