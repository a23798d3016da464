//===- CppPrinter.cpp - Print IR functions as readable C++ ----------------===//

#include "CodeGen/CppPrinter.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace hessc {

using namespace ir;

namespace {

/// C++ precedence levels, larger binds tighter.
enum Precedence {
  PrecConditional = 1,
  PrecOr,
  PrecAnd,
  PrecEquality,
  PrecRelational,
  PrecAdditive,
  PrecMultiplicative,
  PrecUnary,
  PrecPrimary,
};

const char *spelling(OpCode Op) {
  switch (Op) {
  case OpCode::Neg: return "-";
  case OpCode::Not: return "!";
  case OpCode::Add: return "+";
  case OpCode::Sub: return "-";
  case OpCode::Mul: return "*";
  case OpCode::Div: return "/";
  case OpCode::Rem: return "%";
  case OpCode::Lt: return "<";
  case OpCode::Le: return "<=";
  case OpCode::Gt: return ">";
  case OpCode::Ge: return ">=";
  case OpCode::Eq: return "==";
  case OpCode::Ne: return "!=";
  case OpCode::And: return "&&";
  case OpCode::Or: return "||";
  }
  return "?";
}

Precedence precedenceOf(OpCode Op) {
  switch (Op) {
  case OpCode::Add:
  case OpCode::Sub:
    return PrecAdditive;
  case OpCode::Mul:
  case OpCode::Div:
  case OpCode::Rem:
    return PrecMultiplicative;
  case OpCode::Lt:
  case OpCode::Le:
  case OpCode::Gt:
  case OpCode::Ge:
    return PrecRelational;
  case OpCode::Eq:
  case OpCode::Ne:
    return PrecEquality;
  case OpCode::And:
    return PrecAnd;
  case OpCode::Or:
    return PrecOr;
  case OpCode::Neg:
  case OpCode::Not:
    return PrecUnary;
  }
  return PrecPrimary;
}

Precedence precedenceOf(const Expr &E) {
  switch (E.Kind) {
  case ExprKind::Unary:
    return PrecUnary;
  case ExprKind::Binary:
    return precedenceOf(E.Op);
  case ExprKind::Select:
    return PrecConditional;
  case ExprKind::RealConst:
    // A negative literal prints with its sign, like a unary minus.
    return E.RealValue < 0 ? PrecUnary : PrecPrimary;
  case ExprKind::IntConst:
    return E.IntValue < 0 ? PrecUnary : PrecPrimary;
  default:
    return PrecPrimary;
  }
}

class ExprPrinter {
public:
  explicit ExprPrinter(const std::string &RealType) : RealType(RealType) {}

  std::string print(const ExprRef &E) {
    OS.str("");
    emit(*E);
    return OS.str();
  }

private:
  void emitOperand(const Expr &E, Precedence Min) {
    bool Parens = precedenceOf(E) < Min;
    if (Parens)
      OS << '(';
    emit(E);
    if (Parens)
      OS << ')';
  }

  void emitReal(double V) {
    if (!std::isfinite(V)) {
      // -INFINITY, NAN in the user's code: no literal spells them.
      std::string Limits = "std::numeric_limits<" + RealType + ">::";
      OS << (std::isnan(V) ? Limits + "quiet_NaN()"
                           : (V < 0 ? "-" : "") + Limits + "infinity()");
      return;
    }
    char Buffer[40];
    if (V == std::floor(V) && std::fabs(V) < 1e15) {
      // Whole numbers read best as themselves: 100.0, not 1e+02.
      std::snprintf(Buffer, sizeof Buffer, "%.1f", V);
    } else {
      // The shortest spelling that reads back as the same double.
      for (int Digits = 1; Digits <= 17; ++Digits) {
        std::snprintf(Buffer, sizeof Buffer, "%.*g", Digits, V);
        if (std::strtod(Buffer, nullptr) == V)
          break;
      }
    }
    std::string Text = Buffer;
    if (Text.find_first_of(".e") == std::string::npos)
      Text += ".0";
    if (RealType == "float")
      Text += 'f';
    OS << Text;
  }

  void emit(const Expr &E) {
    switch (E.Kind) {
    case ExprKind::RealConst:
      emitReal(E.RealValue);
      return;
    case ExprKind::IntConst:
      OS << E.IntValue;
      return;
    case ExprKind::BoolConst:
      OS << (E.IntValue ? "true" : "false");
      return;
    case ExprKind::VarUse:
      OS << E.Var->Name;
      return;
    case ExprKind::ArrayElem:
      OS << E.Var->Name << '[';
      emit(*E.Operands[0]);
      OS << ']';
      return;
    case ExprKind::Unary:
      OS << spelling(E.Op);
      // "- -x" must not print as "--x".
      if (E.Operands[0]->Kind == ExprKind::Unary ||
          (E.Operands[0]->Kind == ExprKind::RealConst &&
           E.Operands[0]->RealValue < 0))
        OS << ' ';
      emitOperand(*E.Operands[0], PrecUnary);
      return;
    case ExprKind::Binary: {
      Precedence P = precedenceOf(E.Op);
      emitOperand(*E.Operands[0], P);
      OS << ' ' << spelling(E.Op) << ' ';
      // Left-associative: the right operand needs parentheses at equal
      // precedence (a - (b - c)).
      emitOperand(*E.Operands[1], static_cast<Precedence>(P + 1));
      return;
    }
    case ExprKind::Call:
      OS << "std::" << E.Callee << '(';
      for (size_t I = 0; I < E.Operands.size(); ++I) {
        if (I)
          OS << ", ";
        emit(*E.Operands[I]);
      }
      OS << ')';
      return;
    case ExprKind::Select:
      emitOperand(*E.Operands[0], PrecOr);
      OS << " ? ";
      emitOperand(*E.Operands[1], PrecOr);
      OS << " : ";
      emitOperand(*E.Operands[2], PrecConditional);
      return;
    case ExprKind::IntToReal:
      OS << "static_cast<" << RealType << ">(";
      emit(*E.Operands[0]);
      OS << ')';
      return;
    }
  }

  const std::string &RealType;
  std::ostringstream OS;
};

std::string scalarTypeName(ScalarKind Kind, const std::string &RealType);

/// The element type of variable `V`: an index-set tangent, or its kind's.
std::string elementTypeName(const Variable &V, const std::string &RealType) {
  return V.IsIndexSet ? "hessc::IndexSet" : scalarTypeName(V.Kind, RealType);
}

std::string scalarTypeName(ScalarKind Kind, const std::string &RealType) {
  switch (Kind) {
  case ScalarKind::Real:
    return RealType;
  case ScalarKind::Int:
    return "int";
  case ScalarKind::Bool:
    return "bool";
  }
  return "?";
}

class FunctionPrinter {
public:
  explicit FunctionPrinter(const Function &F) : F(F), Exprs(F.RealTypeName) {}

  std::string printSignature() {
    std::ostringstream S;
    // Internal functions whose derivatives the file does not call would
    // otherwise draw -Wunused-function.
    if (F.Linkage == "static ")
      S << "[[maybe_unused]] ";
    if (F.IsCold)
      S << "[[gnu::cold]] ";
    S << F.Linkage << (F.ReturnsReal ? F.RealTypeName : "void") << ' '
      << F.Name << '(';
    for (size_t I = 0; I < F.Params.size(); ++I) {
      const Parameter &P = F.Params[I];
      S << (I ? ", " : "");
      if (!P.TypeOnly.empty() && !mentions(P.Var))
        S << P.TypeOnly
          << (P.TypeOnly.find("/*") == std::string::npos ? " /*" + P.Var->Name + "*/" : "");
      else
        S << P.Declaration;
    }
    S << ')';
    return S.str();
  }

  std::string printDefinition() {
    if (!F.Summary.empty())
      OS << "// " << F.Summary << '\n';
    OS << printSignature() << " {\n";
    Indent = 1;
    for (const Local &L : F.Locals)
      printLocal(L);
    printBlock(F.Body);
    OS << "}\n";
    return OS.str();
  }

private:
  std::string expr(const ExprRef &E) { return Exprs.print(E); }

  bool mentions(const VarRef &V) const {
    for (const Local &L : F.Locals)
      if ((L.Kind == Local::Kind::View && L.PointerBase == V) ||
          (L.Init && reads(L.Init, V)) || (L.Length && reads(L.Length, V)))
        return true;
    return mentions(F.Body, V);
  }

  static bool reads(const ExprRef &E, const VarRef &V) {
    std::vector<VarRef> Uses;
    collectUses(E, Uses);
    return std::any_of(Uses.begin(), Uses.end(), [&V](const VarRef &U) {
      return U == V || U->DataOf == V;
    });
  }

  static bool mentions(const Block &B, const VarRef &V) {
    for (const StmtPtr &S : B) {
      if (S->Target.Var == V || (S->Value && reads(S->Value, V)) ||
          (S->Target.Index && reads(S->Target.Index, V)))
        return true;
      for (const CallArgument &A : S->Args)
        if (A.Array == V || A.Ref.Var == V || (A.Value && reads(A.Value, V)) ||
            (A.Ref.Index && reads(A.Ref.Index, V)))
          return true;
      for (const Block *Child : {&S->Init, &S->Step, &S->Then, &S->Else})
        if (mentions(*Child, V))
          return true;
    }
    return false;
  }

  void line(const std::string &Text) {
    OS << std::string(2 * Indent, ' ') << Text << '\n';
  }

  void printLocal(const Local &L) {
    const VarRef &V = L.Var;
    std::string Element = elementTypeName(*V, F.RealTypeName);
    switch (L.Kind) {
    case Local::Kind::Tape:
      line("hessc::Tape<" + Element + "> " + V->Name + ";");
      return;
    case Local::Kind::View: {
      std::string Offset = L.Init ? " + " + expr(L.Init) : "";
      std::string Const = V->IsWritableArray ? "" : "const ";
      std::string Base = L.PointerBase->Name;
      if (const Local *Owner = findOwnedArray(F, L.PointerBase);
          Owner && printsAsContainer(*Owner))
        Base += ".data()";
      line(Const + Element + "* " + V->Name + " = " + Base + Offset + ";");
      return;
    }
    case Local::Kind::OwnedArray: {
      bool Constant = L.Length->Kind == ExprKind::IntConst;
      if (V->Storage == ArrayStorage::StdVector || !Constant)
        line("std::vector<" + Element + "> " + V->Name + "(" + expr(L.Length) + ");");
      else if (V->Storage == ArrayStorage::StdArray)
        line("std::array<" + Element + ", " + expr(L.Length) + "> " + V->Name + "{};");
      else
        line(Element + " " + V->Name + "[" + expr(L.Length) + "] = {};");
      return;
    }
    case Local::Kind::Scalar:
      break;
    }
    std::string Init;
    if (L.Init)
      Init = expr(L.Init);
    else if (V->IsIndexSet)
      return line(Element + " " + V->Name + ";"); // The empty set.
    else if (V->Kind == ScalarKind::Bool)
      Init = "false";
    else if (V->Kind == ScalarKind::Int)
      Init = "0";
    else
      Init = expr(realConst(0));
    line(Element + " " + V->Name + " = " + Init + ";");
  }

  /// Owned arrays print as std::vector when their length is only known at
  /// run time, as std::array when declared so, else as C arrays.
  static bool printsAsContainer(const Local &L) {
    return L.Var->Storage == ArrayStorage::StdVector ||
           L.Var->Storage == ArrayStorage::StdArray ||
           L.Length->Kind != ExprKind::IntConst;
  }

  std::string target(const LValue &T) {
    return T.Index ? T.Var->Name + "[" + expr(T.Index) + "]" : T.Var->Name;
  }

  /// An assignment without the semicolon, as it appears in a for header.
  std::string assignment(const Stmt &S) {
    std::string Target = target(S.Target);
    if (!S.IsCompound)
      return Target + " = " + expr(S.Value);
    bool IsUnit = S.Value->Kind == ExprKind::IntConst && S.Value->IntValue == 1;
    if (IsUnit && S.Op == OpCode::Add)
      return "++" + Target;
    if (IsUnit && S.Op == OpCode::Sub)
      return "--" + Target;
    return Target + " " + spelling(S.Op) + "= " + expr(S.Value);
  }

  std::string call(const Stmt &S) {
    const Function &Callee = *S.Callee;
    std::string Text =
        (Callee.QualifiedName.empty() ? Callee.Name : Callee.QualifiedName) + "(";
    for (size_t I = 0; I < S.Args.size(); ++I) {
      const CallArgument &A = S.Args[I];
      if (I)
        Text += ", ";
      switch (A.Kind) {
      case CallArgument::Kind::Value:
        Text += expr(A.Value);
        break;
      case CallArgument::Kind::Reference:
        Text += target(A.Ref);
        break;
      case CallArgument::Kind::Array: {
        // A container passed where the callee takes a pointer.
        const Variable &Param = *S.Callee->Params[I].Var;
        std::string Base = A.Array->Name;
        const Local *Owned = findOwnedArray(F, A.Array);
        bool Container = Owned ? printsAsContainer(*Owned)
                               : A.Array->Storage == ArrayStorage::StdVector ||
                                     A.Array->Storage == ArrayStorage::StdArray;
        if (Container && Param.Storage == ArrayStorage::Pointer)
          Base += ".data()";
        Text += A.Value ? Base + " + " + expr(A.Value) : Base;
        break;
      }
      }
    }
    return Text + ")";
  }

  /// The address of a block of lanes: `t_dot` or `&t_dot[i * 8]`.
  std::string laneBlock(const LValue &Block) {
    return Block.Index ? "&" + target(Block) : Block.Var->Name;
  }

  std::string headerClause(const Block &B) {
    if (B.empty())
      return "";
    return assignment(*B.front());
  }

  void printBlock(const Block &B) {
    for (const StmtPtr &S : B)
      printStmt(*S);
  }

  void printNested(const Block &B) {
    ++Indent;
    printBlock(B);
    --Indent;
  }

  void printStmt(const Stmt &S) {
    switch (S.Kind) {
    case StmtKind::Assign:
      line(assignment(S) + ";");
      return;
    case StmtKind::Push:
      if (S.Lanes)
        line(S.Tape->Name + ".push(" + laneBlock(S.Target) + ", " +
             std::to_string(S.Lanes) + ");");
      else
        line(S.Tape->Name + ".push(" + expr(S.Value) + ");");
      return;
    case StmtKind::Pop:
      if (S.Lanes)
        line(S.Tape->Name + ".pop(" + laneBlock(S.Target) + ", " +
             std::to_string(S.Lanes) + ");");
      else
        line(target(S.Target) + " = " + S.Tape->Name + ".pop();");
      return;
    case StmtKind::Return:
      line("return " + expr(S.Value) + ";");
      return;
    case StmtKind::Call:
      line((S.HasTarget ? target(S.Target) + " = " : std::string()) + call(S) + ";");
      return;
    case StmtKind::Break:
      line("break;");
      return;
    case StmtKind::Continue:
      line("continue;");
      return;
    case StmtKind::Comment:
      line("// " + S.Text);
      return;
    case StmtKind::If:
      if (S.Then.empty() && !S.Else.empty()) {
        // `if (c) {} else { ... }` reads better negated.
        line("if (" + expr(unary(OpCode::Not, S.Value)) + ") {");
        printNested(S.Else);
        line("}");
        return;
      }
      line("if (" + expr(S.Value) + ") {");
      printNested(S.Then);
      if (!S.Else.empty()) {
        line("} else {");
        printNested(S.Else);
      }
      line("}");
      return;
    case StmtKind::For:
      if (S.TestAtEnd) {
        line("do {");
        printNested(S.Then);
        line("} while (" + expr(S.Value) + ");");
        return;
      }
      if (S.Init.empty() && S.Step.empty())
        line("while (" + expr(S.Value) + ") {");
      else
        line("for (" + headerClause(S.Init) + "; " + expr(S.Value) + "; " +
             headerClause(S.Step) + ") {");
      printNested(S.Then);
      line("}");
      return;
    }
  }

  const Function &F;
  ExprPrinter Exprs;
  std::ostringstream OS;
  int Indent = 0;
};

} // namespace

std::string printFunction(const Function &F) {
  return FunctionPrinter(F).printDefinition();
}

std::string printDeclaration(const Function &F) {
  return FunctionPrinter(F).printSignature() + ";\n";
}

namespace {

/// The signature of a driver over `Base`'s user parameters (all but its
/// last `Dropped`), with `Extra` appended: `R Name(params..., Extra)`.
std::string driverSignature(const Function &Base, size_t Dropped,
                            const std::string &Linkage, const std::string &Name,
                            const std::string &Extra) {
  std::string Text = Linkage + Base.RealTypeName + " " + Name + "(";
  for (size_t I = 0; I + Dropped < Base.Params.size(); ++I)
    Text += Base.Params[I].Declaration + ", ";
  return Text + Extra + ")";
}

/// `Callee(params..., Extra)` with the user parameters of `Base`.
std::string forwardingCall(const Function &Base, size_t Dropped,
                           const std::string &Callee, const std::string &Extra) {
  std::string Text = Callee + "(";
  for (size_t I = 0; I + Dropped < Base.Params.size(); ++I)
    Text += Base.Params[I].Var->Name + ", ";
  return Text + Extra + ")";
}

std::string maybeUnused(const std::string &Linkage) {
  return Linkage == "static " ? "[[maybe_unused]] " : "";
}

/// One argument of a dense or sparse Hessian driver's call: a lambda that
/// calls `F`, one of the product functions, passing the user's parameters
/// (the first `UserParams`) through and taking the rest: direction(s),
/// product(s) and, for most blocks, their stride.
std::string productCallback(const Function &F, size_t UserParams) {
  std::string Signature = "[&](", Arguments;
  for (size_t I = UserParams; I < F.Params.size(); ++I) {
    const Parameter &P = F.Params[I];
    const char *Separator = I == UserParams ? "" : ", ";
    Signature += Separator + P.TypeOnly + " " + P.Var->Name;
    Arguments += Separator + P.Var->Name;
  }
  Signature += ")";
  std::string Call = forwardingCall(F, F.Params.size() - UserParams, F.Name, Arguments);
  if (Signature.size() + Call.size() < 64)
    return "      " + Signature + " { return " + Call + "; }";
  return "      " + Signature + " {\n        return " + Call + ";\n      }";
}

/// The last three arguments of a dense or sparse Hessian driver's call, and
/// the call's end.
std::string productCallbacks(const HessianProducts &Products) {
  // f_hvp's last two parameters are v and hv; the rest are the user's.
  size_t UserParams = Products.HVP.Params.size() - 2;
  return productCallback(Products.HVP, UserParams) + ",\n" +
         productCallback(Products.Pair, UserParams) + ",\n" +
         productCallback(Products.Block, UserParams) + ");\n";
}

} // namespace

std::string printHessianDriver(const HessianProducts &Products,
                               const std::string &Name, const ExprRef &Dimension,
                               bool DeclarationOnly) {
  // f_hvp's last two parameters are v and hv; the rest are the user's,
  // passed through unchanged.
  const Function &HVP = Products.HVP;
  Function Scope;
  Scope.Params.assign(HVP.Params.begin(), HVP.Params.end() - 2);
  std::string H = uniqueName(Scope, "H");
  const std::string &R = HVP.RealTypeName;
  std::string Signature = driverSignature(HVP, 2, HVP.Linkage, Name, R + "* " + H);
  if (DeclarationOnly)
    return Signature + ";\n";
  std::ostringstream OS;
  OS << "// Dense Hessian of " << Name.substr(0, Name.size() - 8)
     << ", row-major, both triangles: returns its value and overwrites " << H
     << ".\n";
  OS << maybeUnused(HVP.Linkage) << Signature << " {\n";
  OS << "  return hessc::denseHessian<" << Products.Lanes << ">(\n";
  OS << "      " << printExpr(Dimension, R) << ", " << H << ",\n";
  OS << productCallbacks(Products) << "}\n";
  return OS.str();
}

std::string sparseDriverLinkage(const std::string &Linkage) {
  return Linkage.empty() ? "inline " : Linkage;
}

std::string printSparsityDriver(const Function &SetHvp, const std::string &Name,
                                const std::string &Linkage,
                                const ExprRef &Dimension, bool DependsOnPoint,
                                bool DeclarationOnly) {
  Function Scope;
  Scope.Params.assign(SetHvp.Params.begin(), SetHvp.Params.end() - 2);
  std::string Pattern = uniqueName(Scope, "pattern");
  std::string V = SetHvp.Params[SetHvp.Params.size() - 2].Var->Name;
  std::string HV = SetHvp.Params.back().Var->Name;
  std::string Signature = driverSignature(SetHvp, 2, Linkage, Name,
                                          "hessc::SparsityPattern& " + Pattern);
  if (DeclarationOnly)
    return Signature + ";\n";
  const std::string &R = SetHvp.RealTypeName;
  std::ostringstream OS;
  OS << "// Sparsity pattern of the Hessian of " << Name.substr(0, Name.size() - 17)
     << " (lower triangle, by column): returns its value and overwrites "
     << Pattern << ".\n";
  if (DependsOnPoint)
    OS << "// Its control flow depends on the independents: the pattern is the "
          "one at this point.\n";
  OS << maybeUnused(Linkage) << Signature << " {\n";
  OS << "  return hessc::hessianSparsity<" << R << ">(" << printExpr(Dimension, R)
     << ", /*DependsOnPoint=*/" << (DependsOnPoint ? "true" : "false") << ", "
     << Pattern
     << ", [&](const hessc::IndexSet* " << V << ", hessc::IndexSet* " << HV
     << ") {\n";
  OS << "    return " << forwardingCall(SetHvp, 2, SetHvp.Name, V + ", " + HV)
     << ";\n";
  OS << "  });\n}\n";
  return OS.str();
}

std::string printSparseHessianDriver(const HessianProducts &Products,
                                     const std::string &Linkage,
                                     const std::string &Name, bool DeclarationOnly) {
  const Function &HVP = Products.HVP;
  Function Scope;
  Scope.Params.assign(HVP.Params.begin(), HVP.Params.end() - 2);
  std::string Coloring = uniqueName(Scope, "coloring");
  std::string Values = uniqueName(Scope, "values");
  const std::string &R = HVP.RealTypeName;
  std::string Signature = driverSignature(
      HVP, 2, Linkage, Name,
      "const hessc::HessianColoring& " + Coloring + ", " + R + "* " + Values);
  if (DeclarationOnly)
    return Signature + ";\n";
  std::ostringstream OS;
  OS << "// Nonzeros of the Hessian of " << Name.substr(0, Name.size() - 15)
     << " in the order of " << Coloring << ".pattern(), one product per colour: "
     << "returns its value and overwrites " << Values << ".\n";
  OS << maybeUnused(Linkage) << Signature << " {\n";
  OS << "  return hessc::sparseHessian<" << Products.Lanes << ">(\n";
  OS << "      " << Coloring << ", " << Values << ",\n";
  OS << productCallbacks(Products) << "}\n";
  return OS.str();
}

std::string printExpr(const ExprRef &E, const std::string &RealType) {
  return ExprPrinter(RealType).print(E);
}

} // namespace hessc
