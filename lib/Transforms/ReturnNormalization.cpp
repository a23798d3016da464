//===- ReturnNormalization.cpp - One exit for every function --------------===//

#include "Transforms/ReturnNormalization.h"

namespace hessc {

using namespace ir;

namespace {

/// Rewrites the returns of `B` into assignments to `Result`. Returns true
/// when every path through `B` returned, so what follows it is dead.
bool rewriteReturns(Block &B, const VarRef &Result) {
  for (size_t I = 0; I < B.size(); ++I) {
    Stmt &S = *B[I];
    if (S.Kind == StmtKind::Return) {
      // Runs at most once per call (no return sits in a loop), so it
      // destroys no value: a declaration as far as the sweeps care.
      B[I] = assign({Result, nullptr}, S.Value);
      B[I]->IsDeclaration = true;
      B.resize(I + 1); // The rest of the block is unreachable.
      return true;
    }
    if (S.Kind != StmtKind::If)
      continue;
    bool ThenReturns = rewriteReturns(S.Then, Result);
    bool ElseReturns = rewriteReturns(S.Else, Result);
    if (!ThenReturns && !ElseReturns)
      continue;
    // Move what follows the if into the branch that falls through, then
    // normalise it there: it may itself contain returns.
    Block Rest;
    for (size_t J = I + 1; J < B.size(); ++J)
      Rest.push_back(std::move(B[J]));
    B.resize(I + 1);
    if (ThenReturns && ElseReturns)
      return true;
    Block &FallThrough = ThenReturns ? S.Else : S.Then;
    for (StmtPtr &R : Rest)
      FallThrough.push_back(std::move(R));
    return rewriteReturns(FallThrough, Result);
  }
  return false;
}

} // namespace

VarRef normalizeReturns(Function &F) {
  VarRef Result = addLocal(F, "result", ScalarKind::Real);
  rewriteReturns(F.Body, Result);
  F.Body.push_back(returnStmt(use(Result)));
  return Result;
}

} // namespace hessc
