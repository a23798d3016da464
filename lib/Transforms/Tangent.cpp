//===- Tangent.cpp - Forward-mode differentiation of IR functions ---------===//

#include "Transforms/Tangent.h"

#include "Transforms/Activity.h"
#include "Transforms/DerivativeRules.h"

#include <cassert>

namespace hessc {

using namespace ir;

namespace {

class TangentBuilder {
public:
  TangentBuilder(const Function &In, const TangentOptions &Options)
      : In(In), Options(Options), Activity(Options.Seeds, In.Body),
        Dots(Options.KnownTangents) {}

  Function run() {
    Out.Name = In.Name;
    Out.RealTypeName = In.RealTypeName;
    Out.Linkage = In.Linkage;
    Out.ReturnsReal = In.ReturnsReal;
    Out.Params = In.Params;
    Out.Locals = In.Locals;
    Out.Summary = In.Summary;
    addTangentViews();
    transform(In.Body, Out.Body);
    return std::move(Out);
  }

private:
  unsigned lanes() const { return Options.Lanes; }

  /// A pointer into an array whose tangent is known gets a twin pointer
  /// into that tangent, at the same offset (times the lanes).
  void addTangentViews() {
    for (const Local &L : In.Locals) {
      if (L.Kind != Local::Kind::View)
        continue;
      auto Base = Dots.find(L.PointerBase.get());
      if (Base == Dots.end())
        continue;
      auto View = std::make_shared<Variable>();
      View->Name = uniqueName(Out, L.Var->Name + "_dot");
      View->IsArray = true;
      View->IsWritableArray = Base->second->IsWritableArray;
      ExprRef Offset = L.Init;
      if (Offset && lanes())
        Offset = mul(Offset, intConst(lanes()));
      Out.Locals.push_back(Local::view(View, Base->second, Offset));
      Dots[L.Var.get()] = View;
    }
  }

  VarRef dotOf(const VarRef &V) {
    auto It = Dots.find(V.get());
    if (It != Dots.end())
      return It->second;
    auto Dot = std::make_shared<Variable>();
    Dot->Name = uniqueName(Out, V->Name + "_dot");
    Dot->Kind = ScalarKind::Real;
    if (V->IsArray) {
      // A local array: its tangent has the same shape, times the lanes.
      const Local *Owned = findOwnedArray(In, V);
      assert(Owned && "active arrays are seeds, outputs, views or local arrays");
      Dot->IsArray = Dot->IsWritableArray = true;
      Dot->Storage = V->Storage;
      ExprRef Length = Owned->Length;
      if (lanes())
        Length = mul(Length, intConst(lanes()));
      Out.Locals.push_back(Local::ownedArray(Dot, Length));
    } else if (lanes()) {
      Dot->IsArray = Dot->IsWritableArray = true;
      Dot->Storage = ArrayStorage::CArray;
      Out.Locals.push_back(Local::ownedArray(Dot, intConst(lanes())));
    } else {
      Out.Locals.push_back(Local::scalar(Dot));
    }
    Dots[V.get()] = Dot;
    return Dot;
  }

  VarRef tapeDotOf(const VarRef &Tape) {
    auto &Dot = TapeDots[Tape.get()];
    if (!Dot) {
      Dot = std::make_shared<Variable>();
      Dot->Name = uniqueName(Out, Tape->Name + "_dot");
      Dot->Kind = ScalarKind::Real;
      Out.Locals.push_back(Local::tape(Dot));
    }
    return Dot;
  }

  ExprRef lane() {
    if (!Lane)
      Lane = addLocal(Out, "lane", ScalarKind::Int);
    return use(Lane);
  }

  /// Where the tangent of element `Index` of an array lives.
  ExprRef dotIndex(const ExprRef &Index) {
    return lanes() ? add(mul(Index, intConst(lanes())), lane()) : Index;
  }

  LValue dotTarget(const LValue &T) {
    VarRef Dot = dotOf(T.Var);
    if (T.Index)
      return {Dot, dotIndex(T.Index)};
    if (lanes())
      return {Dot, lane()};
    return {Dot, nullptr};
  }

  bool active(const ExprRef &E) const {
    return E->Type == ScalarKind::Real && Activity.isActive(E);
  }

  /// The tangent of `E`: the derivative of its value along the direction.
  ExprRef tangent(const ExprRef &E) {
    if (!active(E))
      return realConst(0);
    switch (E->Kind) {
    case ExprKind::VarUse:
    case ExprKind::ArrayElem: {
      LValue Source = E->Kind == ExprKind::VarUse
                          ? LValue{E->Var, nullptr}
                          : LValue{E->Var, E->Operands[0]};
      return dotTarget(Source).read();
    }
    case ExprKind::Unary:
      return neg(tangent(E->Operands[0]));
    case ExprKind::Binary: {
      const ExprRef &A = E->Operands[0], &B = E->Operands[1];
      ExprRef DA = tangent(A), DB = tangent(B);
      switch (E->Op) {
      case OpCode::Add:
        return add(DA, DB);
      case OpCode::Sub:
        return sub(DA, DB);
      case OpCode::Mul:
        return add(mul(DA, B), mul(A, DB));
      case OpCode::Div:
        // (a/b)' = (a' - (a/b) b') / b
        if (isRealConst(DB, 0))
          return div(DA, B);
        return div(sub(DA, mul(E, DB)), B);
      default:
        assert(false && "no other binary operator yields a real");
        return realConst(0);
      }
    }
    case ExprKind::Call: {
      const MathFunction *Rule = lookupMathFunction(E->Callee);
      assert(Rule && "lowering admits only calls in the table");
      std::vector<ExprRef> Partials = Rule->Partials(E->Operands, E);
      ExprRef Sum = realConst(0);
      for (size_t I = 0; I < E->Operands.size(); ++I)
        if (active(E->Operands[I]))
          Sum = add(Sum, mul(Partials[I], tangent(E->Operands[I])));
      return Sum;
    }
    case ExprKind::Select:
      return select(E->Operands[0], tangent(E->Operands[1]),
                    tangent(E->Operands[2]));
    default:
      return realConst(0);
    }
  }

  /// The lanes of the tangent of `E` (a scalar or an array element) as one
  /// block: the whole lane array of a scalar, or from element i*K on.
  LValue laneBlock(const ExprRef &E) {
    VarRef Dot = dotOf(E->Var);
    if (E->Kind == ExprKind::ArrayElem)
      return {Dot, mul(E->Operands[0], intConst(lanes()))};
    return {Dot, nullptr};
  }

  /// Appends `S`, wrapped in a loop over the lanes in vector mode.
  void emitLaned(StmtPtr S, Block &Target) {
    if (!lanes()) {
      Target.push_back(std::move(S));
      return;
    }
    Block Body;
    Body.push_back(std::move(S));
    Target.push_back(countedLoop(Lane, intConst(lanes()), std::move(Body)));
  }

  void transformAssign(const Stmt &S, Block &Target) {
    const LValue &T = S.Target;
    if (T.Var->Kind == ScalarKind::Real && Activity.isActive(T.Var)) {
      // The tangent goes first: it reads the values from before the
      // assignment, as the primal right-hand side does.
      if (lanes())
        lane();
      LValue Dot = dotTarget(T);
      if (S.IsCompound && (S.Op == OpCode::Add || S.Op == OpCode::Sub)) {
        ExprRef D = tangent(S.Value);
        if (!isRealConst(D, 0))
          emitLaned(compoundAssign(Dot, S.Op, D), Target);
      } else {
        ExprRef Value = S.IsCompound ? binary(S.Op, T.read(), S.Value) : S.Value;
        emitLaned(assign(Dot, tangent(Value)), Target);
      }
    }
    Target.push_back(clone(S));
  }

  void transform(const Block &B, Block &Target) {
    for (const StmtPtr &SP : B) {
      const Stmt &S = *SP;
      switch (S.Kind) {
      case StmtKind::Assign:
        transformAssign(S, Target);
        break;
      case StmtKind::If: {
        Block Then, Else;
        transform(S.Then, Then);
        transform(S.Else, Else);
        Target.push_back(ifStmt(S.Value, std::move(Then), std::move(Else)));
        break;
      }
      case StmtKind::For: {
        Block Body;
        transform(S.Then, Body);
        StmtPtr Loop = forStmt(clone(S.Init), S.Value, clone(S.Step), std::move(Body));
        Loop->CounterIsPrivate = S.CounterIsPrivate;
        Loop->TestAtEnd = S.TestAtEnd;
        Target.push_back(std::move(Loop));
        break;
      }
      case StmtKind::Push:
        Target.push_back(clone(S));
        if (S.Value && active(S.Value)) {
          if (lanes()) {
            Target.push_back(pushLanes(tapeDotOf(S.Tape), laneBlock(S.Value), lanes()));
          } else {
            Target.push_back(push(tapeDotOf(S.Tape), tangent(S.Value)));
          }
        }
        break;
      case StmtKind::Pop:
        Target.push_back(clone(S));
        if (S.Target.Var->Kind == ScalarKind::Real &&
            Activity.isActive(S.Target.Var)) {
          if (lanes()) {
            Target.push_back(popLanes(tapeDotOf(S.Tape), laneBlock(S.Target.read()), lanes()));
          } else {
            Target.push_back(pop(tapeDotOf(S.Tape), dotTarget(S.Target)));
          }
        }
        break;
      case StmtKind::Return:
      case StmtKind::Break:
      case StmtKind::Continue:
      case StmtKind::Comment:
        Target.push_back(clone(S));
        break;
      }
    }
  }

  const Function &In;
  const TangentOptions &Options;
  ActivitySet Activity;
  std::map<const Variable *, VarRef> Dots;
  std::map<const Variable *, VarRef> TapeDots;
  VarRef Lane;
  Function Out;
};

} // namespace

Function addTangents(const Function &F, const TangentOptions &Options) {
  return TangentBuilder(F, Options).run();
}

} // namespace hessc
