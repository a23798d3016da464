//===- Adjoint.cpp - Reverse-mode differentiation of IR functions ---------===//

#include "Transforms/Adjoint.h"

#include "Transforms/Activity.h"
#include "Transforms/AdjointLoopOrder.h"
#include "Transforms/BranchSinking.h"
#include "Transforms/CallResults.h"
#include "Transforms/Cleanup.h"
#include "Transforms/DerivativeModule.h"
#include "Transforms/DerivativeRules.h"
#include "Transforms/ExitNormalization.h"
#include "Transforms/InvariantAccumulations.h"
#include "Transforms/PullbackMerging.h"
#include "Transforms/SweepFusion.h"

#include <algorithm>
#include <cassert>
#include <map>

namespace hessc {

using namespace ir;

namespace {

/// The state of one gradient construction. The central invariant: when the
/// reverse code of a statement runs, every variable it reads holds the value
/// it had just before the statement ran forwards.
class AdjointBuilder {
public:
  AdjointBuilder(Function &G, const ActivitySet &Activity,
                 DerivativeModule &Module)
      : G(G), Activity(Activity), Module(Module) {}

  /// The adjoint variable of active `V`, created on first use: a scalar,
  /// or an array shaped like V for a local array.
  VarRef adjointOf(const VarRef &V) {
    auto It = Adjoints.find(V.get());
    if (It != Adjoints.end())
      return It->second;
    VarRef A;
    if (V->IsArray) {
      const Local *Owned = findOwnedArray(G, V);
      assert(Owned && "active arrays are independents or local arrays");
      A = std::make_shared<Variable>(*V);
      A->Name = uniqueName(G, V->Name + "_adj");
      A->Kind = ScalarKind::Real;
      ExprRef Length = Owned->Length; // Owned dies with the push_back.
      G.Locals.push_back(Local::ownedArray(A, Length));
      LocalArrays.push_back({V.get(), A.get(), Length});
    } else {
      A = addLocal(G, V->Name + "_adj", ScalarKind::Real);
    }
    Adjoints[V.get()] = A;
    return A;
  }

  /// The local arrays given adjoints so far.
  const std::vector<LocalArray> &localArrays() const { return LocalArrays; }

  void setAdjoint(const VarRef &V, VarRef Adjoint) {
    Adjoints[V.get()] = std::move(Adjoint);
  }

  /// Differentiates `In`: appends its forward sweep to `Fwd` and its reverse
  /// sweep to `Rev`.
  void differentiate(const Block &In, Block &Fwd, Block &Rev) {
    std::vector<Block> Chunks;
    for (const StmtPtr &S : In) {
      Chunks.emplace_back();
      differentiate(*S, Fwd, Chunks);
    }
    for (auto It = Chunks.rbegin(); It != Chunks.rend(); ++It)
      for (StmtPtr &S : *It)
        Rev.push_back(std::move(S));
  }

  /// Seeds the adjoint of the function's result and propagates it.
  void propagate(const ExprRef &E, ExprRef Seed, Block &Out);

  /// Drops the saves of variables the reverse sweep never reads.
  void pruneSaves(Block &Fwd, Block &Rev);

private:
  void differentiate(const Stmt &S, Block &Fwd, std::vector<Block> &Chunks);
  void differentiateAssign(const Stmt &S, Block &Fwd, Block &Rev);
  void differentiateIf(const Stmt &S, Block &Fwd, std::vector<Block> &Chunks);
  void differentiateFor(const Stmt &S, Block &Fwd, Block &Rev);
  void differentiateCall(const Stmt &S, Block &Fwd, Block &Rev);
  void adjointOfAssign(const Stmt &S, Block &Rev);

  VarRef tapeFor(ScalarKind Kind) {
    VarRef &Tape = Tapes[static_cast<int>(Kind)];
    if (!Tape) {
      static const char *Names[] = {"real_tape", "int_tape", "bool_tape"};
      Tape = std::make_shared<Variable>();
      Tape->Name = uniqueName(G, Names[static_cast<int>(Kind)]);
      Tape->Kind = Kind;
      G.Locals.push_back(Local::tape(Tape));
    }
    return Tape;
  }

  /// Returns `Seed` or a variable holding it, so a seed used by several
  /// operands is computed once.
  ExprRef bindSeed(ExprRef Seed, Block &Out) {
    if (Seed->Kind == ExprKind::VarUse || Seed->Kind == ExprKind::RealConst)
      return Seed;
    VarRef Partial = addLocal(G, "partial", ScalarKind::Real);
    Out.push_back(assign({Partial, nullptr}, Seed));
    return use(Partial);
  }

  /// True when executing `S` destroys a value that a later reverse
  /// statement may need: any assignment except a declaration that runs at
  /// most once, or a value recomputed rather than stored.
  bool mustSave(const Stmt &S) const {
    if (S.IsDeclaration && LoopDepth == 0)
      return false;
    return !Recomputed.count(S.Target.Var.get());
  }

  /// Integer `i += c` / `i -= c` can be undone exactly instead of taped.
  static bool isInvertible(const Stmt &S) {
    return S.IsCompound && S.Target.Var->Kind == ScalarKind::Int &&
           !S.Target.Index && (S.Op == OpCode::Add || S.Op == OpCode::Sub) &&
           !reads(S.Value, S.Target.Var.get());
  }

  Function &G;
  const ActivitySet &Activity;
  DerivativeModule &Module;
  std::map<const Variable *, VarRef> Adjoints;
  std::map<const Variable *, VarRef> PreviousAdjoints;
  VarRef Tapes[3];
  std::set<const Variable *> Recomputed;
  std::set<const Stmt *> RecomputedBranches;
  std::map<const Stmt *, VarRef> BranchOf;
  int LoopDepth = 0;
  /// The local arrays given adjoints so far (for SweepFusion).
  std::vector<LocalArray> LocalArrays;
  /// While the adjoint of `t = f(args)` or `t = a / b` is built: the call
  /// or the division, and t, which still holds its result.
  std::pair<const Expr *, ExprRef> HeldResult;
};

void AdjointBuilder::differentiate(const Stmt &S, Block &Fwd,
                                   std::vector<Block> &Chunks) {
  switch (S.Kind) {
  case StmtKind::Assign:
    differentiateAssign(S, Fwd, Chunks.back());
    return;
  case StmtKind::If:
    differentiateIf(S, Fwd, Chunks);
    return;
  case StmtKind::For:
    differentiateFor(S, Fwd, Chunks.back());
    return;
  case StmtKind::Call:
    differentiateCall(S, Fwd, Chunks.back());
    return;
  case StmtKind::Comment:
    Fwd.push_back(clone(S));
    return;
  case StmtKind::Return:
  case StmtKind::Break:
  case StmtKind::Continue:
  case StmtKind::Push:
  case StmtKind::Pop:
    assert(false && "exits are normalised away and tapes are ours");
    return;
  }
}

void AdjointBuilder::differentiateAssign(const Stmt &S, Block &Fwd,
                                         Block &Rev) {
  const LValue &Target = S.Target;
  bool Invertible = isInvertible(S);
  bool Save = !Invertible && mustSave(S);
  if (Save)
    Fwd.push_back(push(tapeFor(Target.Var->Kind), Target.read()));
  Fwd.push_back(clone(S));

  bool Active = Target.Var->Kind == ScalarKind::Real && Activity.isActive(Target.Var);
  // `t = f(args)` with f a math function, or `t = a / b`: until t is
  // restored, it still holds the result, so a derivative written with it
  // (tanh, exp, sqrt; -t/b for the divisor) reads t rather than computing
  // it again. The restore waits until then.
  bool HoldsResult = Active && !S.IsCompound &&
                     (S.Value->Kind == ExprKind::Call ||
                      (S.Value->Kind == ExprKind::Binary && S.Value->Op == OpCode::Div)) &&
                     !reads(S.Value, Target.Var.get());
  if (Save && !HoldsResult)
    Rev.push_back(pop(tapeFor(Target.Var->Kind), Target));
  else if (Invertible)
    Rev.push_back(compoundAssign(
        Target, S.Op == OpCode::Add ? OpCode::Sub : OpCode::Add, S.Value));
  if (Active) {
    if (HoldsResult)
      HeldResult = {S.Value.get(), Target.read()};
    adjointOfAssign(S, Rev);
    HeldResult = {};
  }
  if (Save && HoldsResult)
    Rev.push_back(pop(tapeFor(Target.Var->Kind), Target));
}

void AdjointBuilder::differentiateCall(const Stmt &S, Block &Fwd, Block &Rev) {
  // Forward: the call itself, after saving the result it overwrites.
  const LValue &Target = S.Target;
  bool Save = S.HasTarget && mustSave(S);
  if (Save)
    Fwd.push_back(push(tapeFor(Target.Var->Kind), Target.read()));
  Fwd.push_back(clone(S));
  if (Save)
    Rev.push_back(pop(tapeFor(Target.Var->Kind), Target));
  if (!S.HasTarget || !Activity.isActive(Target.Var))
    return;

  // Reverse: the callee's pullback adds the result's adjoint, times the
  // callee's derivative, to the adjoints of the active arguments.
  std::vector<size_t> Active;
  for (size_t I : callEffects(*S.Callee).Inputs)
    if (Activity.isActive(S.Args[I]))
      Active.push_back(I);
  LValue Adj{adjointOf(Target.Var), Target.Index};
  if (Active.empty()) {
    Rev.push_back(assign(Adj, realConst(0)));
    return;
  }
  std::vector<CallArgument> Args = S.Args;
  bool ResultIsInput = false;
  for (const CallArgument &A : S.Args)
    ResultIsInput |= A.Value && reads(A.Value, Target.Var.get());
  if (ResultIsInput) {
    // y = g(y): the pullback adds to y's adjoint, so clear it first and
    // pass the seed by value.
    VarRef Seed = addLocal(G, Target.Var->Name + "_adj_seed", ScalarKind::Real);
    Rev.push_back(assign({Seed, nullptr}, Adj.read()));
    Rev.push_back(assign(Adj, realConst(0)));
    Args.push_back(CallArgument::value(use(Seed)));
  } else {
    Args.push_back(CallArgument::value(Adj.read()));
  }
  Block After;
  for (size_t I : Active) {
    const CallArgument &A = S.Args[I];
    if (A.Kind == CallArgument::Kind::Array) {
      Args.push_back(CallArgument::array(adjointOf(A.Array), A.Value));
      continue;
    }
    const ExprRef &E = A.Value;
    if (E->Kind == ExprKind::VarUse || E->Kind == ExprKind::ArrayElem) {
      ExprRef Index = E->Kind == ExprKind::ArrayElem ? E->Operands[0] : nullptr;
      Args.push_back(CallArgument::reference({adjointOf(E->Var), Index}));
      continue;
    }
    // An expression argument: its adjoint is collected in a local and
    // propagated into the expression after the call.
    VarRef ArgAdj = addLocal(G, S.Callee->Params[I].Var->Name + "_arg_adj",
                             ScalarKind::Real);
    Rev.push_back(assign({ArgAdj, nullptr}, realConst(0)));
    Args.push_back(CallArgument::reference({ArgAdj, nullptr}));
    propagate(E, use(ArgAdj), After);
  }
  Rev.push_back(callStmt(Module.pullback(S.Callee, Active), std::move(Args)));
  if (!ResultIsInput)
    Rev.push_back(assign(Adj, realConst(0)));
  for (StmtPtr &St : After)
    Rev.push_back(std::move(St));
}

void AdjointBuilder::adjointOfAssign(const Stmt &S, Block &Rev) {
  const VarRef &T = S.Target.Var;
  LValue Adj{adjointOf(T), S.Target.Index};
  // t += e and t -= e leave t's adjoint as it is, unless e reads t itself
  // (t += t * t): then the general rule below, which seeds from a copy.
  if (S.IsCompound && (S.Op == OpCode::Add || S.Op == OpCode::Sub) &&
      !reads(S.Value, T.get())) {
    ExprRef Seed = Adj.read();
    propagate(S.Value, S.Op == OpCode::Add ? Seed : neg(Seed), Rev);
    return;
  }
  ExprRef Value = S.IsCompound ? binary(S.Op, S.Target.read(), S.Value) : S.Value;
  if (!reads(Value, T.get())) {
    // Propagation writes only adjoints of what Value reads, never Adj.
    propagate(Value, Adj.read(), Rev);
    Rev.push_back(assign(Adj, realConst(0)));
    return;
  }
  // t = g(t, ...): the old adjoint is the seed, and t's new adjoint starts
  // from zero before g's partial with respect to t is added back.
  VarRef &Previous = PreviousAdjoints[T.get()];
  if (!Previous)
    Previous = addLocal(G, T->Name + "_adj_prev", ScalarKind::Real);
  Rev.push_back(assign({Previous, nullptr}, Adj.read()));
  Rev.push_back(assign(Adj, realConst(0)));
  propagate(Value, use(Previous), Rev);
}

void AdjointBuilder::differentiateIf(const Stmt &S, Block &Fwd,
                                     std::vector<Block> &Chunks) {
  // The branch taken is a value like any other: recorded in a variable,
  // saved when the if runs more than once.
  VarRef Branch = addLocal(G, "branch", ScalarKind::Bool);
  BranchOf[&S] = Branch;
  if (RecomputedBranches.count(&S))
    Recomputed.insert(Branch.get()); // The reversed iteration recomputes it.
  StmtPtr Record = assign({Branch, nullptr}, S.Value);
  Record->IsDeclaration = true;
  differentiateAssign(*Record, Fwd, Chunks.back());

  Block FwdThen, FwdElse, RevThen, RevElse;
  differentiate(S.Then, FwdThen, RevThen);
  differentiate(S.Else, FwdElse, RevElse);
  Fwd.push_back(ifStmt(use(Branch), std::move(FwdThen), std::move(FwdElse)));
  Chunks.emplace_back();
  if (!RevThen.empty() || !RevElse.empty())
    Chunks.back().push_back(
        ifStmt(use(Branch), std::move(RevThen), std::move(RevElse)));
}

/// What a reversed iteration can recompute instead of reading back from the
/// tape: locals declared at the top level of the body and never assigned
/// again, and the conditions of top-level ifs, when what they are computed
/// from does not change between there and the end of the body.
struct LoopRecomputation {
  std::set<const Variable *> Locals;
  std::set<const Stmt *> Branches;
};

LoopRecomputation findRecomputable(const Block &Body) {
  LoopRecomputation Result;
  for (size_t I = 0; I < Body.size(); ++I) {
    const Stmt &S = *Body[I];
    bool IsDecl = S.Kind == StmtKind::Assign && S.IsDeclaration && !S.Target.Index;
    if (!IsDecl && S.Kind != StmtKind::If)
      continue;
    // An if's own branches count as later: they run after its condition.
    std::set<const Variable *> AssignedLater;
    for (size_t J = S.Kind == StmtKind::If ? I : I + 1; J < Body.size(); ++J) {
      Block Single;
      Single.push_back(clone(*Body[J]));
      collectAssigned(Single, AssignedLater);
    }
    std::vector<VarRef> Uses;
    collectUses(S.Value, Uses);
    bool Stable = !IsDecl || !AssignedLater.count(S.Target.Var.get());
    for (const VarRef &U : Uses)
      Stable &= !AssignedLater.count(U.get());
    if (!Stable)
      continue;
    if (IsDecl)
      Result.Locals.insert(S.Target.Var.get());
    else
      Result.Branches.insert(&S);
  }
  return Result;
}

void AdjointBuilder::differentiateFor(const Stmt &S, Block &Fwd, Block &Rev) {
  // Forward: the loop itself, counting its iterations. Reverse: as many
  // iterations backwards, each undoing the step and then the body.
  std::vector<Block> InitChunks(1);
  Block FwdInit;
  for (const StmtPtr &Init : S.Init)
    differentiate(*Init, FwdInit, InitChunks);

  std::string CounterName = "loop";
  if (!S.Init.empty())
    CounterName = S.Init.front()->Target.Var->Name + "_loop";
  VarRef Count = addLocal(G, CounterName + "_iterations", ScalarKind::Int);
  StmtPtr ResetCount = assign({Count, nullptr}, intConst(0));
  ResetCount->IsDeclaration = true;
  Block FwdCount, CountRev;
  differentiateAssign(*ResetCount, FwdCount, CountRev);

  ++LoopDepth;
  LoopRecomputation LoopRecomputed = findRecomputable(S.Then);
  Recomputed.insert(LoopRecomputed.Locals.begin(), LoopRecomputed.Locals.end());
  RecomputedBranches.insert(LoopRecomputed.Branches.begin(), LoopRecomputed.Branches.end());
  Block FwdBody, RevBody, FwdStep, RevStep;
  differentiate(S.Then, FwdBody, RevBody);
  differentiate(S.Step, FwdStep, RevStep);
  --LoopDepth;

  FwdBody.push_back(compoundAssign({Count, nullptr}, OpCode::Add, intConst(1)));
  if (FwdStep.size() > 1) {
    for (StmtPtr &St : FwdStep)
      FwdBody.push_back(std::move(St));
    FwdStep.clear();
  }
  // A lone initialisation that needs no save reads best in the header.
  Block HeaderInit;
  if (FwdInit.size() == 1 && FwdInit.front()->Kind == StmtKind::Assign)
    std::swap(HeaderInit, FwdInit);
  for (Block *Prefix : {&FwdCount, &FwdInit})
    for (StmtPtr &St : *Prefix)
      Fwd.push_back(std::move(St));
  StmtPtr Loop = forStmt(std::move(HeaderInit), S.Value, std::move(FwdStep),
                         std::move(FwdBody));
  Loop->TestAtEnd = S.TestAtEnd;
  Fwd.push_back(std::move(Loop));

  Block RevLoopBody = std::move(RevStep);
  for (const StmtPtr &St : S.Then) {
    if (St->Kind == StmtKind::Assign && St->IsDeclaration &&
        LoopRecomputed.Locals.count(St->Target.Var.get()))
      RevLoopBody.push_back(clone(*St));
    auto Branch = BranchOf.find(St.get());
    if (Branch != BranchOf.end() && LoopRecomputed.Branches.count(St.get()))
      RevLoopBody.push_back(assign({Branch->second, nullptr}, St->Value));
  }
  for (StmtPtr &St : RevBody)
    RevLoopBody.push_back(std::move(St));
  Block RevDecrement;
  RevDecrement.push_back(compoundAssign({Count, nullptr}, OpCode::Sub, intConst(1)));
  Rev.push_back(forStmt({}, binary(OpCode::Gt, use(Count), intConst(0)),
                        std::move(RevDecrement), std::move(RevLoopBody)));
  // Undo the prefix in reverse: the initialisation ran after the reset of
  // the iteration count.
  for (auto It = InitChunks.rbegin(); It != InitChunks.rend(); ++It)
    for (StmtPtr &St : *It)
      Rev.push_back(std::move(St));
  for (StmtPtr &St : CountRev)
    Rev.push_back(std::move(St));
}

void AdjointBuilder::propagate(const ExprRef &E, ExprRef Seed, Block &Out) {
  if (E->Type != ScalarKind::Real || !Activity.isActive(E))
    return;
  switch (E->Kind) {
  case ExprKind::VarUse:
    Out.push_back(compoundAssign({adjointOf(E->Var), nullptr}, OpCode::Add, Seed));
    return;
  case ExprKind::ArrayElem:
    Out.push_back(compoundAssign({adjointOf(E->Var), E->Operands[0]},
                                 OpCode::Add, Seed));
    return;
  case ExprKind::Unary:
    propagate(E->Operands[0], neg(Seed), Out);
    return;
  case ExprKind::Binary: {
    const ExprRef &A = E->Operands[0], &B = E->Operands[1];
    // a * a * a: one contribution of 3 a^2, not three of a^2.
    if (E->Op == OpCode::Mul)
      if (std::optional<PowerProduct> Power = asPowerProduct(E)) {
        propagate(Power->Base, mul(Seed, powerDerivative(*Power)), Out);
        return;
      }
    if (Activity.isActive(A) && Activity.isActive(B))
      Seed = bindSeed(Seed, Out);
    switch (E->Op) {
    case OpCode::Add:
      propagate(A, Seed, Out);
      propagate(B, Seed, Out);
      return;
    case OpCode::Sub:
      propagate(A, Seed, Out);
      propagate(B, neg(Seed), Out);
      return;
    case OpCode::Mul:
      propagate(A, mul(Seed, B), Out);
      propagate(B, mul(Seed, A), Out);
      return;
    case OpCode::Div:
      propagate(A, div(Seed, B), Out);
      if (E.get() == HeldResult.first) {
        // d(a/b)/db = -t/b with t = a/b; -t*t when a is 1: no division.
        const ExprRef &T = HeldResult.second;
        propagate(B, isRealConst(A, 1) ? neg(mul(Seed, mul(T, T))) : neg(div(mul(Seed, T), B)),
                  Out);
      } else {
        propagate(B, neg(div(mul(Seed, A), mul(B, B))), Out);
      }
      return;
    default:
      assert(false && "no other binary operator yields a real");
      return;
    }
  }
  case ExprKind::Call: {
    unsigned ValueUses = 0;
    std::vector<ExprRef> Partials = partialsOf(E, E, &ValueUses);
    if (E.get() == HeldResult.first) {
      Partials = partialsOf(E, HeldResult.second);
    } else if (ValueUses > 1) {
      // d tanh = 1 - tanh^2 and the like: call the function once.
      VarRef Value = addLocal(G, E->Callee + "_value", ScalarKind::Real);
      Out.push_back(assign({Value, nullptr}, E));
      Partials = partialsOf(E, use(Value));
    }
    unsigned ActiveArgs = 0;
    for (const ExprRef &Arg : E->Operands)
      ActiveArgs += Activity.isActive(Arg);
    if (ActiveArgs > 1)
      Seed = bindSeed(Seed, Out);
    for (size_t I = 0; I < E->Operands.size(); ++I)
      propagate(E->Operands[I], mul(Seed, Partials[I]), Out);
    return;
  }
  case ExprKind::Select: {
    Block Then, Else;
    propagate(E->Operands[1], Seed, Then);
    propagate(E->Operands[2], Seed, Else);
    Out.push_back(ifStmt(E->Operands[0], std::move(Then), std::move(Else)));
    return;
  }
  case ExprKind::RealConst:
  case ExprKind::IntConst:
  case ExprKind::BoolConst:
  case ExprKind::IntToReal:
    return;
  }
}

void collectReads(const Block &B, std::set<const Variable *> &Out);

void collectReads(const ExprRef &E, std::set<const Variable *> &Out) {
  std::vector<VarRef> Uses;
  collectUses(E, Uses);
  for (const VarRef &V : Uses)
    Out.insert(V.get());
}

void collectReads(const Block &B, std::set<const Variable *> &Out) {
  for (const StmtPtr &S : B) {
    if (S->Value)
      collectReads(S->Value, Out);
    if (S->Target.Index)
      collectReads(S->Target.Index, Out);
    if (S->Kind == StmtKind::Assign && S->IsCompound)
      Out.insert(S->Target.Var.get());
    // A pullback reads its arguments: their values must be restored too.
    for (const CallArgument &A : S->Args) {
      if (A.Value)
        collectReads(A.Value, Out);
      if (A.Ref.Index)
        collectReads(A.Ref.Index, Out);
      if (A.Array)
        Out.insert(A.Array.get());
    }
    for (const Block *Child : {&S->Init, &S->Step, &S->Then, &S->Else})
      collectReads(*Child, Out);
  }
}

/// Removes the Push and Pop statements of variables not in `Needed`, and
/// the reverse-sweep ifs left empty by that. Returns true if it removed any.
bool removeSaves(Block &B, const std::set<const Variable *> &Needed) {
  return eraseStatements(B, [&](const Stmt &S) {
    if (S.Kind == StmtKind::Push)
      return !Needed.count(S.Value->Var.get());
    if (S.Kind == StmtKind::Pop)
      return !Needed.count(S.Target.Var.get());
    return S.Kind == StmtKind::If && S.Then.empty() && S.Else.empty();
  });
}

void AdjointBuilder::pruneSaves(Block &Fwd, Block &Rev) {
  // Removing a restore can empty a reverse-sweep if, whose condition then
  // needs no save either: repeat until nothing changes.
  bool Changed = true;
  while (Changed) {
    std::set<const Variable *> Needed;
    collectReads(Rev, Needed);
    Changed = removeSaves(Rev, Needed);
    Changed |= removeSaves(Fwd, Needed);
  }
}

/// The loop `for (i = 0; i < Length; ++i) Array[i] = 0;`.
StmtPtr zeroArray(Function &G, const VarRef &Array, const ExprRef &Length) {
  VarRef I = addLocal(G, "i", ScalarKind::Int);
  Block Body;
  Body.push_back(assign({Array, use(I)}, realConst(0)));
  return countedLoop(I, Length, std::move(Body));
}

/// A copy of `Primal`'s body normalised to a single exit, whose locals join
/// `G`'s, and the returned expression (the final Return is removed).
std::pair<Block, ExprRef> normalisedBody(const Function &Primal, Function &G) {
  Function Normalised;
  Normalised.Name = Primal.Name;
  Normalised.Params = G.Params;
  Normalised.Locals = G.Locals;
  Normalised.Body = clone(Primal.Body);
  normalizeExits(Normalised);
  G.Locals = Normalised.Locals;
  Block Body = std::move(Normalised.Body);
  ExprRef Result = Body.back()->Value;
  Body.pop_back();
  return {std::move(Body), Result};
}

/// Appends the forward sweep of `Body` and the reverse sweep seeded with
/// `Seed` for `ResultValue` to `G`'s body; then each helper call whose
/// pullback follows in the same block becomes one call of both. Returns
/// what G returns for f's value.
ExprRef appendSweeps(Function &G, AdjointBuilder &Builder, DerivativeModule &Module,
                     const Block &Body, const ExprRef &ResultValue, const ExprRef &Seed) {
  Block Fwd, Rev;
  Builder.differentiate(Body, Fwd, Rev);
  Block Seeding;
  Builder.propagate(ResultValue, Seed, Seeding);
  Seeding.insert(Seeding.end(), std::make_move_iterator(Rev.begin()),
                 std::make_move_iterator(Rev.end()));
  Builder.pruneSaves(Fwd, Seeding);
  // A local array's length is its parameters' values where it is declared:
  // only while the body leaves them alone does it bound every iteration.
  std::set<const Variable *> Assigned;
  collectAssigned(Body, Assigned);
  std::vector<LocalArray> Arrays;
  for (const LocalArray &A : Builder.localArrays()) {
    std::set<const Variable *> LengthReads;
    collectReads(A.Length, LengthReads);
    if (!intersects(LengthReads, Assigned))
      Arrays.push_back(A);
  }
  fuseLoopSweeps(Fwd, Seeding, Arrays);
  // The value to return, as the forward sweep leaves it: the reverse sweep
  // may restore what it reads (a `return s / x[i]` inside a loop).
  ExprRef Returned = ResultValue;
  std::set<const Variable *> Restored, ResultReads;
  collectAssigned(Seeding, Restored);
  collectReads(ResultValue, ResultReads);
  if (intersects(ResultReads, Restored)) {
    VarRef Value = addLocal(G, "value", ScalarKind::Real);
    Fwd.push_back(assign({Value, nullptr}, ResultValue));
    Returned = use(Value);
  }
  G.Body.push_back(comment("Forward sweep."));
  for (StmtPtr &S : Fwd)
    G.Body.push_back(std::move(S));
  if (!Seeding.empty())
    G.Body.push_back(comment("Reverse sweep."));
  for (StmtPtr &S : Seeding)
    G.Body.push_back(std::move(S));
  mergeCallsWithPullbacks(G, Module);
  return Returned;
}

/// The loop shapes a hand-written adjoint has, then the clean-up, for a
/// gradient or a pullback G whose outputs are `Outputs`, in the order that
/// matters: dead code goes before BranchSinking looks for work that adds
/// zero, and InvariantAccumulations comes after it, so that the flag saying
/// an iteration added into a sum lands in the branch that does.
void finishAdjoint(Function &G, const std::set<const Variable *> &Outputs) {
  runAdjointLoopsForwards(G);
  removeDeadCode(G, Outputs);
  sinkIntoBranches(G);
  sumInvariantAccumulations(G);
  finishDerivative(G, Outputs);
}

VarRef makeParam(const Function &F, const std::string &Name, bool IsArray) {
  auto V = std::make_shared<Variable>();
  V->Name = uniqueName(F, Name);
  V->IsArray = V->IsWritableArray = IsArray;
  V->IsReference = !IsArray;
  return V;
}

} // namespace

Function buildGradient(const LoweredFunction &F, DerivativeModule &Module) {
  Function G;
  G.Name = F.Primal.Name + "_grad";
  G.RealTypeName = F.Primal.RealTypeName;
  G.Linkage = F.Primal.Linkage;
  G.Params = F.Primal.Params;
  G.Locals = F.Primal.Locals;
  G.Summary = "Gradient of " + F.Primal.Name +
              " by reverse mode: returns its value and overwrites grad with "
              "the gradient.";
  auto [Primal, ResultValue] = normalisedBody(F.Primal, G);

  VarRef Grad = makeParam(G, "grad", /*IsArray=*/true);
  const std::string &R = G.RealTypeName;
  G.Params.push_back({R + "* " + Grad->Name, Grad, R + "*"});

  std::vector<VarRef> Seeds;
  for (const Independent &I : F.Independents)
    Seeds.push_back(I.Var);
  nameCallResults(G, Primal, Seeds);
  ActivitySet Activity(Seeds, Primal);
  AdjointBuilder Builder(G, Activity, Module);

  // The adjoints of array independents are views into grad, zeroed first;
  // scalar ones are locals copied out at the end.
  Block Epilogue;
  ExprRef Offset = intConst(0);
  for (const Independent &I : F.Independents) {
    if (I.Length) {
      auto View = std::make_shared<Variable>();
      View->Name = uniqueName(G, I.Var->Name + "_adj");
      View->IsArray = View->IsWritableArray = true;
      bool AtStart = Offset->Kind == ExprKind::IntConst && Offset->IntValue == 0;
      G.Locals.push_back(
          Local::view(View, Grad, AtStart ? nullptr : Offset, /*IsSlice=*/true));
      Builder.setAdjoint(I.Var, View);
      G.Body.push_back(zeroArray(G, View, I.Length));
      Offset = binary(OpCode::Add, Offset, I.Length);
    } else {
      VarRef Adj = Builder.adjointOf(I.Var);
      Epilogue.push_back(assign({Grad, Offset}, use(Adj)));
      Offset = binary(OpCode::Add, Offset, intConst(1));
    }
  }

  ExprRef Returned = appendSweeps(G, Builder, Module, Primal, ResultValue, realConst(1));
  for (StmtPtr &S : Epilogue)
    G.Body.push_back(std::move(S));
  G.Body.push_back(returnStmt(Returned));
  finishAdjoint(G, {Grad.get()});
  return G;
}

Function buildPullback(const Function &Primal, const std::vector<size_t> &Active,
                       DerivativeModule &Module, bool ReturnsValue) {
  Function G;
  G.Name = Primal.Name + (ReturnsValue ? "_value_and_pullback" : "_pullback") +
           activitySuffix(Primal, Active);
  G.RealTypeName = Primal.RealTypeName;
  G.Linkage = "static ";
  G.ReturnsReal = ReturnsValue;
  G.AddsIntoOutputs = true;
  G.Params = Primal.Params;
  G.Locals = Primal.Locals;
  G.Summary = ReturnsValue ? "Value and pullback of " + Primal.Name +
                                 ": returns its value, and adds seed times the derivative "
                                 "of its result to the adjoint of each active input."
                           : "Pullback of " + Primal.Name +
                                 ": adds seed times the derivative of its result to the "
                                 "adjoint of each active input.";
  auto [Body, ResultValue] = normalisedBody(Primal, G);

  const std::string &R = G.RealTypeName;
  VarRef Seed = makeParam(G, "seed", /*IsArray=*/false);
  Seed->IsReference = false;
  G.Params.push_back({R + " " + Seed->Name, Seed, R});

  std::vector<VarRef> Seeds;
  for (size_t I : Active)
    Seeds.push_back(Primal.Params[I].Var);
  nameCallResults(G, Body, Seeds);
  ActivitySet Activity(Seeds, Body);
  AdjointBuilder Builder(G, Activity, Module);

  // Adjoints are accumulated into the caller's variables: an array's
  // directly, a scalar's directly unless the body reassigns the parameter
  // (then its adjoint is a local, added at the end).
  std::set<const Variable *> Assigned;
  collectAssigned(Body, Assigned);
  std::set<const Variable *> Outputs;
  Block Epilogue;
  for (size_t I : Active) {
    const VarRef &P = Primal.Params[I].Var;
    VarRef Out = makeParam(G, P->Name + "_adj", P->IsArray);
    std::string Type = R + (P->IsArray ? "*" : "&");
    G.Params.push_back({Type + " " + Out->Name, Out, Type});
    Outputs.insert(Out.get());
    if (P->IsArray || !Assigned.count(P.get())) {
      Builder.setAdjoint(P, Out);
      continue;
    }
    VarRef Local = Builder.adjointOf(P);
    Epilogue.push_back(compoundAssign({Out, nullptr}, OpCode::Add, use(Local)));
  }

  ExprRef Returned = appendSweeps(G, Builder, Module, Body, ResultValue, use(Seed));
  for (StmtPtr &S : Epilogue)
    G.Body.push_back(std::move(S));
  if (ReturnsValue)
    G.Body.push_back(returnStmt(Returned));
  finishAdjoint(G, Outputs);
  return G;
}

} // namespace hessc
