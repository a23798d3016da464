//===- IR.cpp - Builders and utilities for the hessc IR -------------------===//

#include "IR/IR.h"

#include <algorithm>
#include <cassert>

namespace hessc::ir {

namespace {
std::shared_ptr<Expr> make(ExprKind Kind, ScalarKind Type) {
  auto E = std::make_shared<Expr>();
  E->Kind = Kind;
  E->Type = Type;
  return E;
}
} // namespace

ExprRef realConst(double Value) {
  auto E = make(ExprKind::RealConst, ScalarKind::Real);
  E->RealValue = Value;
  return E;
}

ExprRef intConst(long long Value) {
  auto E = make(ExprKind::IntConst, ScalarKind::Int);
  E->IntValue = Value;
  return E;
}

ExprRef boolConst(bool Value) {
  auto E = make(ExprKind::BoolConst, ScalarKind::Bool);
  E->IntValue = Value;
  return E;
}

ExprRef use(const VarRef &V) {
  assert(!V->IsArray && "arrays are read through element()");
  auto E = make(ExprKind::VarUse, V->Kind);
  E->Var = V;
  return E;
}

ExprRef element(const VarRef &Array, ExprRef Index) {
  assert(Array->IsArray && Index->Type == ScalarKind::Int);
  auto E = make(ExprKind::ArrayElem, Array->Kind);
  E->Var = Array;
  E->Operands = {std::move(Index)};
  return E;
}

bool isRealConst(const ExprRef &E, double Value) {
  return E->Kind == ExprKind::RealConst && E->RealValue == Value;
}

bool sameExpr(const ExprRef &A, const ExprRef &B) {
  if (A == B)
    return true;
  if (A->Kind != B->Kind || A->Type != B->Type || A->Op != B->Op ||
      A->Var != B->Var || A->Callee != B->Callee ||
      A->RealValue != B->RealValue || A->IntValue != B->IntValue ||
      A->Operands.size() != B->Operands.size())
    return false;
  for (size_t I = 0; I < A->Operands.size(); ++I)
    if (!sameExpr(A->Operands[I], B->Operands[I]))
      return false;
  return true;
}

void collectUnconditionalCalls(const ExprRef &E, std::vector<ExprRef> &Out) {
  if (!E)
    return;
  if (E->Kind == ExprKind::Call)
    Out.push_back(E);
  bool Conditional = E->Kind == ExprKind::Select ||
                     (E->Kind == ExprKind::Binary &&
                      (E->Op == OpCode::And || E->Op == OpCode::Or));
  for (const ExprRef &Op : E->Operands) {
    collectUnconditionalCalls(Op, Out);
    if (Conditional)
      break;
  }
}

ExprRef replaceExpr(const ExprRef &E, const ExprRef &Old, const ExprRef &With) {
  if (!E)
    return E;
  if (sameExpr(E, Old))
    return With;
  std::vector<ExprRef> Operands;
  bool Changed = false;
  for (const ExprRef &Op : E->Operands) {
    Operands.push_back(replaceExpr(Op, Old, With));
    Changed |= Operands.back() != Op;
  }
  if (!Changed)
    return E;
  if (E->Kind == ExprKind::Unary)
    return unary(E->Op, Operands[0]);
  if (E->Kind == ExprKind::Binary)
    return binary(E->Op, Operands[0], Operands[1]);
  auto Copy = std::make_shared<Expr>(*E);
  Copy->Operands = std::move(Operands);
  return Copy;
}

bool isComparison(OpCode Op) {
  switch (Op) {
  case OpCode::Lt:
  case OpCode::Le:
  case OpCode::Gt:
  case OpCode::Ge:
  case OpCode::Eq:
  case OpCode::Ne:
    return true;
  default:
    return false;
  }
}

ExprRef unary(OpCode Op, ExprRef Operand) {
  if (Op == OpCode::Not && Operand->Kind == ExprKind::Unary &&
      Operand->Op == OpCode::Not)
    return Operand->Operands[0];
  if (Op == OpCode::Neg) {
    if (Operand->Kind == ExprKind::RealConst)
      return realConst(-Operand->RealValue);
    if (Operand->Kind == ExprKind::Unary && Operand->Op == OpCode::Neg)
      return Operand->Operands[0];
  }
  auto E = make(ExprKind::Unary, Op == OpCode::Not ? ScalarKind::Bool
                                                   : Operand->Type);
  E->Op = Op;
  E->Operands = {std::move(Operand)};
  return E;
}

ExprRef binary(OpCode Op, ExprRef LHS, ExprRef RHS) {
  // Fold only identities that are exact in IEEE arithmetic for finite
  // operands; the point is readable adjoint code, not optimisation, which is
  // the C++ compiler's job.
  if (LHS->Type == ScalarKind::Real && RHS->Type == ScalarKind::Real) {
    switch (Op) {
    case OpCode::Add:
      if (isRealConst(LHS, 0))
        return RHS;
      if (isRealConst(RHS, 0))
        return LHS;
      if (RHS->Kind == ExprKind::Unary && RHS->Op == OpCode::Neg)
        return binary(OpCode::Sub, LHS, RHS->Operands[0]);
      break;
    case OpCode::Sub:
      if (isRealConst(RHS, 0))
        return LHS;
      if (isRealConst(LHS, 0))
        return neg(RHS);
      if (RHS->Kind == ExprKind::Unary && RHS->Op == OpCode::Neg)
        return binary(OpCode::Add, LHS, RHS->Operands[0]);
      break;
    case OpCode::Mul:
      if (isRealConst(LHS, 1))
        return RHS;
      if (isRealConst(RHS, 1))
        return LHS;
      if (isRealConst(LHS, -1))
        return neg(RHS);
      if (isRealConst(RHS, -1))
        return neg(LHS);
      if (isRealConst(LHS, 0) || isRealConst(RHS, 0))
        return realConst(0);
      if (LHS->Kind == ExprKind::Unary && LHS->Op == OpCode::Neg)
        return neg(binary(OpCode::Mul, LHS->Operands[0], RHS));
      if (RHS->Kind == ExprKind::Unary && RHS->Op == OpCode::Neg)
        return neg(binary(OpCode::Mul, LHS, RHS->Operands[0]));
      if (LHS->Kind == ExprKind::RealConst && RHS->Kind == ExprKind::RealConst)
        return realConst(LHS->RealValue * RHS->RealValue);
      break;
    case OpCode::Div:
      if (isRealConst(RHS, 1))
        return LHS;
      if (isRealConst(LHS, 0))
        return realConst(0);
      break;
    default:
      break;
    }
  }
  if (LHS->Type == ScalarKind::Int && RHS->Type == ScalarKind::Int) {
    auto IsInt = [](const ExprRef &E, long long V) {
      return E->Kind == ExprKind::IntConst && E->IntValue == V;
    };
    if (Op == OpCode::Add && IsInt(LHS, 0))
      return RHS;
    if ((Op == OpCode::Add || Op == OpCode::Sub) && IsInt(RHS, 0))
      return LHS;
    if (Op == OpCode::Mul && IsInt(LHS, 1))
      return RHS;
    if ((Op == OpCode::Mul || Op == OpCode::Div) && IsInt(RHS, 1))
      return LHS;
    // 0 * stride: an element's offset in a tangent with a row stride.
    auto IsVariable = [](const ExprRef &E) { return E->Kind == ExprKind::VarUse; };
    if (Op == OpCode::Mul && ((IsInt(LHS, 0) && IsVariable(RHS)) ||
                              (IsVariable(LHS) && IsInt(RHS, 0))))
      return intConst(0);
    if (LHS->Kind == ExprKind::IntConst && RHS->Kind == ExprKind::IntConst) {
      if (Op == OpCode::Add)
        return intConst(LHS->IntValue + RHS->IntValue);
      if (Op == OpCode::Sub)
        return intConst(LHS->IntValue - RHS->IntValue);
      if (Op == OpCode::Mul)
        return intConst(LHS->IntValue * RHS->IntValue);
    }
  }
  ScalarKind Type = isComparison(Op) || Op == OpCode::And || Op == OpCode::Or
                        ? ScalarKind::Bool
                        : LHS->Type;
  auto E = make(ExprKind::Binary, Type);
  E->Op = Op;
  E->Operands = {std::move(LHS), std::move(RHS)};
  return E;
}

ExprRef call(std::string Callee, std::vector<ExprRef> Args) {
  auto E = make(ExprKind::Call, ScalarKind::Real);
  E->Callee = std::move(Callee);
  E->Operands = std::move(Args);
  return E;
}

ExprRef select(ExprRef Cond, ExprRef IfTrue, ExprRef IfFalse) {
  if (isRealConst(IfTrue, 0) && isRealConst(IfFalse, 0))
    return IfTrue;
  auto E = make(ExprKind::Select, IfTrue->Type);
  E->Operands = {std::move(Cond), std::move(IfTrue), std::move(IfFalse)};
  return E;
}

ExprRef intToReal(ExprRef IntValue) {
  if (IntValue->Kind == ExprKind::IntConst)
    return realConst(static_cast<double>(IntValue->IntValue));
  auto E = make(ExprKind::IntToReal, ScalarKind::Real);
  E->Operands = {std::move(IntValue)};
  return E;
}

//===----------------------------------------------------------------------===//

namespace {
StmtPtr makeStmt(StmtKind Kind) {
  auto S = std::make_unique<Stmt>();
  S->Kind = Kind;
  return S;
}
} // namespace

StmtPtr assign(LValue Target, ExprRef Value) {
  auto S = makeStmt(StmtKind::Assign);
  S->Target = std::move(Target);
  S->Value = std::move(Value);
  return S;
}

StmtPtr compoundAssign(LValue Target, OpCode Op, ExprRef Value) {
  auto S = assign(std::move(Target), std::move(Value));
  S->Op = Op;
  S->IsCompound = true;
  foldCompoundSign(*S);
  return S;
}

void foldCompoundSign(Stmt &S) {
  if (S.Kind != StmtKind::Assign || !S.IsCompound ||
      (S.Op != OpCode::Add && S.Op != OpCode::Sub) || S.Value->Kind != ExprKind::Unary ||
      S.Value->Op != OpCode::Neg || S.Value->Type != ScalarKind::Real)
    return;
  S.Op = S.Op == OpCode::Add ? OpCode::Sub : OpCode::Add;
  S.Value = S.Value->Operands[0];
}

StmtPtr ifStmt(ExprRef Cond, Block Then, Block Else) {
  auto S = makeStmt(StmtKind::If);
  S->Value = std::move(Cond);
  S->Then = std::move(Then);
  S->Else = std::move(Else);
  return S;
}

StmtPtr forStmt(Block Init, ExprRef Cond, Block Step, Block Body) {
  auto S = makeStmt(StmtKind::For);
  S->Init = std::move(Init);
  S->Value = std::move(Cond);
  S->Step = std::move(Step);
  S->Then = std::move(Body);
  return S;
}

StmtPtr countedLoop(const VarRef &Counter, ExprRef Count, Block Body) {
  Block Init, Step;
  Init.push_back(assign({Counter, nullptr}, intConst(0)));
  Step.push_back(compoundAssign({Counter, nullptr}, OpCode::Add, intConst(1)));
  auto S = forStmt(std::move(Init), binary(OpCode::Lt, use(Counter), std::move(Count)),
                   std::move(Step), std::move(Body));
  S->CounterIsPrivate = true;
  return S;
}

StmtPtr push(VarRef Tape, ExprRef Value) {
  auto S = makeStmt(StmtKind::Push);
  S->Tape = std::move(Tape);
  S->Value = std::move(Value);
  return S;
}

StmtPtr pop(VarRef Tape, LValue Target) {
  auto S = makeStmt(StmtKind::Pop);
  S->Tape = std::move(Tape);
  S->Target = std::move(Target);
  return S;
}

StmtPtr pushLanes(VarRef Tape, LValue Block, unsigned Lanes) {
  auto S = makeStmt(StmtKind::Push);
  S->Tape = std::move(Tape);
  S->Target = std::move(Block);
  S->Lanes = Lanes;
  return S;
}

StmtPtr popLanes(VarRef Tape, LValue Block, unsigned Lanes) {
  auto S = pop(std::move(Tape), std::move(Block));
  S->Lanes = Lanes;
  return S;
}

StmtPtr returnStmt(ExprRef Value) {
  auto S = makeStmt(StmtKind::Return);
  S->Value = std::move(Value);
  return S;
}

StmtPtr callStmt(FunctionRef Callee, std::vector<CallArgument> Args,
                 std::optional<LValue> Target) {
  auto S = makeStmt(StmtKind::Call);
  S->Callee = std::move(Callee);
  S->Args = std::move(Args);
  if (Target) {
    S->Target = std::move(*Target);
    S->HasTarget = true;
  }
  return S;
}

StmtPtr breakStmt() { return makeStmt(StmtKind::Break); }

StmtPtr continueStmt() { return makeStmt(StmtKind::Continue); }

StmtPtr comment(std::string Text) {
  auto S = makeStmt(StmtKind::Comment);
  S->Text = std::move(Text);
  return S;
}

StmtPtr clone(const Stmt &S) {
  auto C = makeStmt(S.Kind);
  C->Target = S.Target;
  C->Op = S.Op;
  C->IsCompound = S.IsCompound;
  C->IsDeclaration = S.IsDeclaration;
  C->Value = S.Value;
  C->Tape = S.Tape;
  C->Lanes = S.Lanes;
  C->CounterIsPrivate = S.CounterIsPrivate;
  C->TestAtEnd = S.TestAtEnd;
  C->Then = clone(S.Then);
  C->Else = clone(S.Else);
  C->Init = clone(S.Init);
  C->Step = clone(S.Step);
  C->Text = S.Text;
  C->Callee = S.Callee;
  C->Args = S.Args;
  C->HasTarget = S.HasTarget;
  return C;
}

Function cloneFunction(const Function &F) {
  Function Copy;
  Copy.Name = F.Name;
  Copy.QualifiedName = F.QualifiedName;
  Copy.RealTypeName = F.RealTypeName;
  Copy.Linkage = F.Linkage;
  Copy.ReturnsReal = F.ReturnsReal;
  Copy.Params = F.Params;
  Copy.Locals = F.Locals;
  Copy.Body = clone(F.Body);
  Copy.Summary = F.Summary;
  Copy.CustomPartials = F.CustomPartials;
  Copy.IsCold = F.IsCold;
  Copy.AddsIntoOutputs = F.AddsIntoOutputs;
  Copy.WithoutValue = F.WithoutValue;
  return Copy;
}

Block clone(const Block &B) {
  Block C;
  C.reserve(B.size());
  for (const StmtPtr &S : B)
    C.push_back(clone(*S));
  return C;
}

void collectUses(const ExprRef &E, std::vector<VarRef> &Uses) {
  if (E->Var && std::find(Uses.begin(), Uses.end(), E->Var) == Uses.end())
    Uses.push_back(E->Var);
  for (const ExprRef &Op : E->Operands)
    collectUses(Op, Uses);
}

} // namespace hessc::ir

namespace hessc::ir {
std::string uniqueName(const Function &F, const std::string &Base) {
  auto Taken = [&F](const std::string &Name) {
    for (const Parameter &P : F.Params)
      if (P.Var && P.Var->Name == Name)
        return true;
    for (const Local &L : F.Locals)
      if (L.Var->Name == Name)
        return true;
    return false;
  };
  if (!Taken(Base))
    return Base;
  for (int Suffix = 2;; ++Suffix) {
    std::string Candidate = Base + "_" + std::to_string(Suffix);
    if (!Taken(Candidate))
      return Candidate;
  }
}

CallEffects callEffects(const Function &Callee) {
  CallEffects E;
  for (size_t I = 0; I < Callee.Params.size(); ++I) {
    const Variable &V = *Callee.Params[I].Var;
    if (V.IsOpaque || V.Kind != ScalarKind::Real)
      continue;
    E.Inputs.push_back(I);
    if (V.IsReference || (V.IsArray && V.IsWritableArray))
      E.Outputs.push_back(I);
  }
  return E;
}

const Local *findLocal(const Function &F, const Variable *V) {
  for (const Local &L : F.Locals)
    if (L.Var.get() == V)
      return &L;
  return nullptr;
}

const Local *findOwnedArray(const Function &F, const Variable *V) {
  const Local *L = findLocal(F, V);
  return L && L->Kind == Local::Kind::OwnedArray ? L : nullptr;
}

VarRef addLocal(Function &F, const std::string &Base, ScalarKind Kind,
                ExprRef Init) {
  auto V = std::make_shared<Variable>();
  V->Name = uniqueName(F, Base);
  V->Kind = Kind;
  F.Locals.push_back(Local::scalar(V, std::move(Init)));
  return V;
}
} // namespace hessc::ir
