//===- PullbackMerging.cpp - One call for a helper's value and its pullback ===//

#include "Transforms/PullbackMerging.h"

#include "Transforms/Activity.h"
#include "Transforms/DerivativeModule.h"

#include <set>

namespace hessc {

using namespace ir;

namespace {

using VariableSet = std::set<const Variable *>;

/// What `S` reads and writes, nested statements included, as storage (a
/// view stands for the array it points into); a call reads the arrays it is
/// passed and the references it adds into.
struct Access {
  VariableSet Reads, Writes;
  Access(const Stmt &S, const ViewRoots &Roots) {
    collectAssigned(S, Writes);
    collectStatementReads(S, Reads);
    for (VariableSet *Set : {&Reads, &Writes}) {
      VariableSet Stored;
      for (const Variable *V : *Set)
        Stored.insert(Roots.root(V));
      *Set = std::move(Stored);
    }
  }
};

/// Neither writes what the other reads or writes.
bool commute(const Access &A, const Access &B) {
  return !intersects(A.Writes, B.Reads) && !intersects(A.Writes, B.Writes) &&
         !intersects(A.Reads, B.Writes);
}

bool sameArgument(const CallArgument &A, const CallArgument &B) {
  if (A.Kind != B.Kind || A.Array != B.Array)
    return false;
  if (static_cast<bool>(A.Value) != static_cast<bool>(B.Value) ||
      (A.Value && !sameExpr(A.Value, B.Value)))
    return false;
  if (A.Kind == CallArgument::Kind::Reference)
    return A.Ref.Var == B.Ref.Var &&
           static_cast<bool>(A.Ref.Index) == static_cast<bool>(B.Ref.Index) &&
           (!A.Ref.Index || sameExpr(A.Ref.Index, B.Ref.Index));
  return true;
}

class Merger {
public:
  Merger(DerivativeModule &Module, const ViewRoots &Roots) : Module(Module), Roots(Roots) {}

  void run(Block &B) {
    joinBranchesOnOneCondition(B);
    for (StmtPtr &S : B)
      for (Block *Child : {&S->Init, &S->Step, &S->Then, &S->Else})
        run(*Child);
    for (size_t I = 0; I < B.size(); ++I)
      if (isHelperCall(*B[I]))
        for (size_t J = I + 1; J < B.size(); ++J)
          if (isPullbackOf(*B[J], *B[I])) {
            tryMerge(B, I, J);
            break;
          }
  }

private:
  /// `if (c) A else B; if (c) C else D` is `if (c) { A; C } else { B; D }`
  /// when A and B leave c's value alone. The adjoint of a branch becomes a
  /// second branch on the same condition (the condition is recorded, or
  /// recomputed); joined, a helper call and its pullback share a block.
  static void joinBranchesOnOneCondition(Block &B) {
    for (size_t I = 0; I + 1 < B.size();) {
      Stmt &First = *B[I], &Second = *B[I + 1];
      VariableSet ConditionReads, Written;
      if (First.Kind == StmtKind::If && Second.Kind == StmtKind::If &&
          sameExpr(First.Value, Second.Value)) {
        collectReads(First.Value, ConditionReads);
        collectAssigned(First.Then, Written);
        collectAssigned(First.Else, Written);
        if (!intersects(ConditionReads, Written)) {
          for (StmtPtr &S : Second.Then)
            First.Then.push_back(std::move(S));
          for (StmtPtr &S : Second.Else)
            First.Else.push_back(std::move(S));
          B.erase(B.begin() + static_cast<long>(I) + 1);
          continue;
        }
      }
      ++I;
    }
  }

  /// `r = helper(args)`, r a scalar, helper differentiated by hessc.
  static bool isHelperCall(const Stmt &S) {
    return S.Kind == StmtKind::Call && S.HasTarget && !S.Target.Index &&
           S.Callee->ReturnsReal && S.Callee->CustomPartials.empty();
  }

  /// A call of the pullback of `Call`'s callee, on the same arguments.
  bool isPullbackOf(const Stmt &S, const Stmt &Call) const {
    if (S.Kind != StmtKind::Call || S.HasTarget)
      return false;
    auto Origin = Module.pullbackOrigin(S.Callee.get());
    if (!Origin || Origin->first != Call.Callee || S.Args.size() < Call.Args.size())
      return false;
    for (size_t K = 0; K < Call.Args.size(); ++K)
      if (!sameArgument(S.Args[K], Call.Args[K]))
        return false;
    return true;
  }

  void tryMerge(Block &B, size_t I, size_t J) {
    const Stmt &Call = *B[I], &Pullback = *B[J];
    const Variable *Result = Roots.root(Call.Target.Var.get());
    Access CallAccess(Call, Roots), PullbackAccess(Pullback, Roots);
    if (PullbackAccess.Reads.count(Result) || PullbackAccess.Writes.count(Result))
      return;
    // Between the two: nothing may change the arguments or the result, and
    // what reads the result moves after the pullback, past what follows it.
    std::vector<size_t> Stay, Move;
    std::vector<Access> Between;
    for (size_t K = I + 1; K < J; ++K) {
      Between.emplace_back(*B[K], Roots);
      const Access &A = Between.back();
      if (intersects(A.Writes, CallAccess.Reads) || A.Writes.count(Result))
        return;
      (A.Reads.count(Result) ? Move : Stay).push_back(K);
    }
    for (size_t M : Move) {
      Access Moved = Between[M - I - 1];
      Moved.Reads.erase(Result);
      if (!commute(Moved, PullbackAccess))
        return;
      for (size_t S : Stay)
        if (S > M && !commute(Moved, Between[S - I - 1]))
          return;
    }
    auto Origin = *Module.pullbackOrigin(Pullback.Callee.get());
    StmtPtr Merged = callStmt(Module.valueAndPullback(Origin.first, Origin.second),
                              Pullback.Args, Call.Target);
    Block Out;
    for (size_t K = 0; K < I; ++K)
      Out.push_back(std::move(B[K]));
    for (size_t K : Stay)
      Out.push_back(std::move(B[K]));
    Out.push_back(std::move(Merged));
    for (size_t K : Move)
      Out.push_back(std::move(B[K]));
    for (size_t K = J + 1; K < B.size(); ++K)
      Out.push_back(std::move(B[K]));
    B = std::move(Out);
  }

  DerivativeModule &Module;
  const ViewRoots &Roots;
};

} // namespace

void mergeCallsWithPullbacks(Function &F, DerivativeModule &Module) {
  ViewRoots Roots(F);
  Merger(Module, Roots).run(F.Body);
}

} // namespace hessc
