//===- NegationFolding.cpp - Signs moved out of products ------------------===//

#include "Transforms/NegationFolding.h"

#include "Transforms/Activity.h"

#include <set>

namespace hessc {

using namespace ir;

namespace {

/// How the statements of a function mention one scalar local: how many
/// times an expression reads it, and whether anything else does (a compound
/// assignment, a pop, a call's reference argument).
struct Mentions {
  unsigned Reads = 0;
  bool Other = false;
};

void countInExpr(const ExprRef &E, const Variable *V, Mentions &M) {
  if (!E)
    return;
  if (E->Var.get() == V) {
    if (E->Kind == ExprKind::VarUse)
      ++M.Reads;
    else
      M.Other = true;
  }
  for (const ExprRef &Op : E->Operands)
    countInExpr(Op, V, M);
}

void countInBlock(const Block &B, const Variable *V, Mentions &M) {
  for (const StmtPtr &S : B) {
    countInExpr(S->Value, V, M);
    countInExpr(S->Target.Index, V, M);
    if (S->Target.Var.get() == V && (S->Kind != StmtKind::Assign || S->IsCompound))
      M.Other = true;
    if (S->Tape.get() == V)
      M.Other = true;
    for (const CallArgument &A : S->Args) {
      countInExpr(A.Value, V, M);
      countInExpr(A.Ref.Index, V, M);
      if (A.Array.get() == V || A.Ref.Var.get() == V)
        M.Other = true;
    }
    for (const Block *Child : {&S->Init, &S->Step, &S->Then, &S->Else})
      countInBlock(*Child, V, M);
  }
}

/// `-e`, real. Moved into the one statement of the same block that reads
/// it, e is still evaluated once per execution of that block.
bool isNegation(const ExprRef &E) {
  return E->Kind == ExprKind::Unary && E->Op == OpCode::Neg && E->Type == ScalarKind::Real;
}

/// True when `S`, between the negation and its use, cannot change what the
/// negation reads: a comment, a push, or an assignment of a scalar it does
/// not read. A store into any array may reach the array it reads, through
/// another pointer to the same storage.
bool leavesReadAlone(const Stmt &S, const std::set<const Variable *> &Vars,
                     bool ReadsMemory) {
  if (S.Kind == StmtKind::Comment || S.Kind == StmtKind::Push)
    return true;
  if (S.Kind != StmtKind::Assign)
    return false;
  if (S.Target.Index)
    return !ReadsMemory && !Vars.count(S.Target.Var.get());
  return !Vars.count(S.Target.Var.get());
}

class NegationFolder {
public:
  explicit NegationFolder(Function &F) : F(F) {}

  void run() { foldInBlock(F.Body); }

private:
  void foldInBlock(Block &B) {
    for (size_t I = 0; I < B.size();) {
      for (Block *Child : {&B[I]->Init, &B[I]->Step, &B[I]->Then, &B[I]->Else})
        foldInBlock(*Child);
      if (tryFold(B, I)) {
        B.erase(B.begin() + I);
        continue;
      }
      ++I;
    }
  }

  /// Moves the negation that `B[I]` assigns into the one statement that
  /// reads it, when that is possible; true when it did.
  bool tryFold(Block &B, size_t I) {
    const Stmt &Def = *B[I];
    if (Def.Kind != StmtKind::Assign || Def.IsCompound || Def.Target.Index ||
        !isNegation(Def.Value) || !isScalarLocal(Def.Target.Var.get()))
      return false;
    const Variable *V = Def.Target.Var.get();
    // One walk of the body per candidate: quadratic in the worst case, but
    // candidates are the few negated tangents and adjoints of a function.
    Mentions M;
    countInBlock(F.Body, V, M);
    if (M.Reads != 1 || M.Other)
      return false;
    std::vector<VarRef> Uses;
    collectUses(Def.Value, Uses);
    std::set<const Variable *> Vars;
    for (const VarRef &U : Uses)
      Vars.insert(U.get());
    if (Vars.count(V))
      return false;
    bool ReadsMemory = anyExpression(
        Def.Value, [](const Expr &E) { return E.Kind == ExprKind::ArrayElem; });
    for (size_t J = I + 1; J < B.size(); ++J) {
      Stmt &Use = *B[J];
      if (Use.Kind == StmtKind::Assign && Use.Target.Var.get() != V &&
          reads(Use.Value, V)) {
        // The IR's constructors fold the sign outwards: a negation
        // multiplied into a product becomes the negation of the product.
        Use.Value = replaceExpr(Use.Value, Def.Target.read(), Def.Value);
        foldCompoundSign(Use);
        return true;
      }
      if (!leavesReadAlone(Use, Vars, ReadsMemory) || Use.Target.Var.get() == V)
        return false;
    }
    return false;
  }

  bool isScalarLocal(const Variable *V) const {
    const Local *L = findLocal(F, V);
    return L && L->Kind == Local::Kind::Scalar && !V->IsArray &&
           V->Kind == ScalarKind::Real;
  }

  Function &F;
};

} // namespace

void foldNegations(Function &F) { NegationFolder(F).run(); }

} // namespace hessc
