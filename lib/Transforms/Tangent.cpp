//===- Tangent.cpp - Forward-mode differentiation of IR functions ---------===//

#include "Transforms/Tangent.h"

#include "Transforms/Activity.h"
#include "Transforms/Cleanup.h"
#include "Transforms/DerivativeModule.h"
#include "Transforms/DerivativeRules.h"

#include <cassert>
#include <optional>
#include <set>

namespace hessc {

using namespace ir;

namespace {

class TangentBuilder {
public:
  TangentBuilder(const Function &In, const TangentOptions &Options)
      : In(In), Options(Options), Activity(Options.Seeds, In.Body),
        Dots(Options.KnownTangents), Strides(Options.LaneStrides) {}

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

  /// A new tangent variable of Out named after `Base`: a real, or the set
  /// of independents it depends on in index-set mode.
  VarRef newTangent(const std::string &Base) {
    auto Dot = std::make_shared<Variable>();
    Dot->Name = uniqueName(Out, Base);
    for (int Suffix = 2; Options.ReservedNames.count(Dot->Name); ++Suffix)
      Dot->Name = uniqueName(Out, Base + "_" + std::to_string(Suffix));
    Dot->IsIndexSet = Options.IndexSets;
    return Dot;
  }

  /// A pointer into an array whose tangent is known gets a twin pointer
  /// into that tangent, at the same offset (times the lanes).
  void addTangentViews() {
    for (const Local &L : In.Locals) {
      if (L.Kind != Local::Kind::View)
        continue;
      auto Base = Dots.find(L.PointerBase.get());
      if (Base == Dots.end())
        continue;
      VarRef View = newTangent(L.Var->Name + "_dot");
      View->IsArray = true;
      View->IsWritableArray = Base->second->IsWritableArray;
      ExprRef Offset = L.Init;
      if (Offset && lanes())
        Offset = mul(Offset, laneStride(Base->second));
      auto Stride = Strides.find(Base->second.get());
      if (Stride != Strides.end())
        Strides[View.get()] = Stride->second;
      Out.Locals.push_back(Local::view(View, Base->second, Offset, L.IsSlice));
      Dots[L.Var.get()] = View;
    }
  }

  VarRef dotOf(const VarRef &V) {
    auto It = Dots.find(V.get());
    if (It != Dots.end())
      return It->second;
    VarRef Dot = newTangent(V->Name + "_dot");
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
      Dot = newTangent(Tape->Name + "_dot");
      Out.Locals.push_back(Local::tape(Dot));
    }
    return Dot;
  }

  ExprRef lane() {
    if (!Lane)
      Lane = addLocal(Out, "lane", ScalarKind::Int);
    return use(Lane);
  }

  /// How far apart the lanes of consecutive elements of the array tangent
  /// `Dot` are: Lanes, unless the caller said otherwise.
  ExprRef laneStride(const VarRef &Dot) const {
    auto It = Strides.find(Dot.get());
    return It == Strides.end() ? intConst(lanes()) : It->second;
  }

  /// Where the tangent of element `Index` of an array lives in `Dot`.
  ExprRef dotIndex(const VarRef &Dot, const ExprRef &Index) {
    return lanes() ? add(mul(Index, laneStride(Dot)), lane()) : Index;
  }

  LValue dotTarget(const LValue &T) {
    VarRef Dot = dotOf(T.Var);
    if (T.Index)
      return {Dot, dotIndex(Dot, T.Index)};
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
      // (c a^k)' = c k a^(k-1) a': (a a)' = 2 a a'.
      if (E->Op == OpCode::Mul)
        if (std::optional<PowerProduct> Power = asPowerProduct(E))
          return mul(powerDerivative(*Power), tangent(Power->Base));
      const ExprRef &A = E->Operands[0], &B = E->Operands[1];
      ExprRef DA = tangent(A), DB = tangent(B);
      switch (E->Op) {
      case OpCode::Add:
        return add(DA, DB);
      case OpCode::Sub:
        return sub(DA, DB);
      case OpCode::Mul:
        return add(mul(DA, B), mul(A, DB));
      case OpCode::Div: {
        // (a/b)' = (a' - (a/b) b') / b, which is -(a/b)^2 b' when a is 1;
        // a/b is the assigned variable for `t = a / b` (transformAssign).
        if (isRealConst(DB, 0))
          return div(DA, B);
        if (!HeldValue || HeldValue->first != E.get())
          return div(sub(DA, mul(E, DB)), B);
        const ExprRef &Value = HeldValue->second;
        if (isRealConst(A, 1))
          return neg(mul(mul(Value, Value), DB));
        return div(sub(DA, mul(Value, DB)), B);
      }
      default:
        assert(false && "no other binary operator yields a real");
        return realConst(0);
      }
    }
    case ExprKind::Call: {
      // The call's value, when a rule reads it: the assigned variable for
      // `t = tanh(u)` (see transformAssign), else the call.
      ExprRef Value = E;
      if (HeldValue && HeldValue->first == E.get())
        Value = HeldValue->second;
      std::vector<ExprRef> Partials = partialsOf(E, Value);
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
      return {Dot, mul(E->Operands[0], laneStride(Dot))};
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
      } else if (holdsItsValue(S, T)) {
        // `t = tanh(u)`, `t = a / b`: the value first, then the tangent,
        // whose rule reads t instead of computing it again.
        Target.push_back(clone(S));
        HeldValue.emplace(S.Value.get(), T.read());
        emitLaned(assign(Dot, tangent(S.Value)), Target);
        HeldValue.reset();
        return;
      } else {
        ExprRef Value = S.IsCompound ? binary(S.Op, T.read(), S.Value) : S.Value;
        ExprRef D = tangent(Value);
        // `u = u + 1` leaves u's tangent as it is: no `u_dot = u_dot;`.
        if (!sameExpr(D, Dot.read()))
          emitLaned(assign(Dot, D), Target);
      }
    }
    Target.push_back(clone(S));
  }

  /// `t = f(args)` for a math function f whose derivative reads its value,
  /// or `t = a / b` with an active divisor, where the right-hand side does
  /// not read t: after the assignment t holds what the tangent rule needs.
  bool holdsItsValue(const Stmt &S, const LValue &T) const {
    if (S.IsCompound || reads(S.Value, T.Var.get()))
      return false;
    if (S.Value->Kind == ExprKind::Binary)
      return S.Value->Op == OpCode::Div && active(S.Value->Operands[1]);
    if (S.Value->Kind != ExprKind::Call)
      return false;
    unsigned ValueUses = 0;
    partialsOf(S.Value, S.Value, &ValueUses);
    return ValueUses > 0;
  }

  /// The tangent of argument `A` of a call, as the callee's tangent takes
  /// it: a value or reference in scalar mode, a pointer to the lanes in
  /// vector mode (an expression's lanes are computed into a local first).
  CallArgument tangentArgument(const CallArgument &A, Block &Target) {
    switch (A.Kind) {
    case CallArgument::Kind::Array: {
      assert(!Strides.count(dotOf(A.Array).get()) &&
             "callees take the lanes of an array packed");
      ExprRef Offset = A.Value;
      if (Offset && lanes())
        Offset = mul(Offset, intConst(lanes()));
      return CallArgument::array(dotOf(A.Array), Offset);
    }
    case CallArgument::Kind::Reference:
      if (!lanes())
        return CallArgument::reference(dotTarget(A.Ref));
      return laneArgument(laneBlock(A.Ref.read()));
    case CallArgument::Kind::Value:
      break;
    }
    if (!lanes())
      return CallArgument::value(tangent(A.Value));
    if (A.Value->Kind == ExprKind::VarUse || A.Value->Kind == ExprKind::ArrayElem)
      return laneArgument(laneBlock(A.Value));
    auto Lanes = std::make_shared<Variable>();
    Lanes->Name = uniqueName(Out, "argument_dot");
    Lanes->IsArray = Lanes->IsWritableArray = true;
    Lanes->Storage = ArrayStorage::CArray;
    Out.Locals.push_back(Local::ownedArray(Lanes, intConst(lanes())));
    lane();
    emitLaned(assign({Lanes, lane()}, tangent(A.Value)), Target);
    return CallArgument::array(Lanes);
  }

  static CallArgument laneArgument(const LValue &Block) {
    return CallArgument::array(Block.Var, Block.Index);
  }

  void transformCall(const Stmt &S, Block &Target) {
    std::vector<size_t> Active;
    for (size_t I : callEffects(*S.Callee).Inputs)
      if (Activity.isActive(S.Args[I]))
        Active.push_back(I);
    if (Active.empty()) {
      // Nothing active flows in: a result computed here has no tangent.
      if (S.HasTarget && Activity.isActive(S.Target.Var)) {
        if (lanes())
          lane();
        emitLaned(assign(dotTarget(S.Target), realConst(0)), Target);
      }
      Target.push_back(clone(S));
      return;
    }
    assert(Options.Module && "calls need a module for their tangents");
    std::vector<CallArgument> Args = S.Args;
    for (size_t I : Active)
      Args.push_back(tangentArgument(S.Args[I], Target));
    if (S.HasTarget)
      Args.push_back(lanes() ? laneArgument(laneBlock(S.Target.read()))
                             : CallArgument::reference(dotTarget(S.Target)));
    FunctionRef Callee =
        Options.Module->tangent(S.Callee, Active, lanes(), Options.IndexSets);
    Target.push_back(callStmt(Callee, std::move(Args),
                              S.HasTarget ? std::optional<LValue>(S.Target)
                                          : std::nullopt));
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
      case StmtKind::Call:
        transformCall(S, Target);
        break;
      case StmtKind::Return:
        if (Options.ResultTangent) {
          LValue Dot{Options.ResultTangent, lanes() ? lane() : nullptr};
          emitLaned(assign(Dot, tangent(S.Value)), Target);
        }
        Target.push_back(clone(S));
        break;
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
  /// Options.LaneStrides, and the views into those tangents.
  std::map<const Variable *, ExprRef> Strides;
  VarRef Lane;
  /// While transforming `t = f(args)` or `t = a / b`: the call or the
  /// division, and the variable holding its value.
  std::optional<std::pair<const Expr *, ExprRef>> HeldValue;
  Function Out;
};

} // namespace

Function addTangents(const Function &F, const TangentOptions &Options) {
  return TangentBuilder(F, Options).run();
}

std::string tangentTypeName(const Function &F, bool IndexSets) {
  return IndexSets ? "hessc::IndexSet" : F.RealTypeName;
}

Function buildTangentFunction(const Function &F, const std::vector<size_t> &Active,
                              unsigned Lanes, DerivativeModule &Module,
                              bool IndexSets) {
  assert(!(Lanes && IndexSets) && "index sets carry one direction");
  TangentOptions Options;
  Options.Lanes = Lanes;
  Options.IndexSets = IndexSets;
  Options.Module = &Module;
  const std::string R = tangentTypeName(F, IndexSets);
  // Names only: the tangent parameters must not capture F's names.
  Function Names;
  Names.Params = F.Params;
  Names.Locals = F.Locals;
  std::vector<Parameter> DotParams;
  std::set<const Variable *> Outputs;
  auto AddDot = [&](const std::string &Name, bool IsArray, bool Writable) {
    auto Dot = std::make_shared<Variable>();
    Dot->Name = uniqueName(Names, Name);
    // With lanes every tangent is an array: K values for a scalar.
    Dot->IsArray = IsArray || Lanes;
    Dot->IsWritableArray = Dot->IsArray && Writable;
    Dot->IsReference = !Dot->IsArray && Writable;
    Dot->IsIndexSet = IndexSets;
    std::string Type = Dot->IsArray ? (Writable ? R + "* " : "const " + R + "* ")
                                    : (Writable ? R + "& " : R + " ");
    DotParams.push_back({Type + Dot->Name, Dot, Type.substr(0, Type.size() - 1)});
    Names.Params.push_back(DotParams.back());
    if (Writable)
      Outputs.insert(Dot.get());
    return Dot;
  };
  std::set<const Variable *> Assigned;
  collectAssigned(F.Body, Assigned);
  std::vector<Local> CopiedLanes;
  Block CopyIn;
  for (size_t I : Active) {
    const VarRef &P = F.Params[I].Var;
    bool Writable = P->IsReference || (P->IsArray && P->IsWritableArray);
    Options.Seeds.push_back(P);
    VarRef Dot = AddDot(P->Name + "_dot", P->IsArray, Writable);
    if (Lanes && !P->IsArray && !Writable && Assigned.count(P.get())) {
      // The function overwrites this by-value parameter, so its lanes must
      // be a local copy, not the caller's const array.
      auto Copy = std::make_shared<Variable>(*Dot);
      Copy->Name = uniqueName(Names, P->Name + "_dot_local");
      Copy->IsWritableArray = true;
      Copy->Storage = ArrayStorage::CArray;
      Names.Locals.push_back(Local::ownedArray(Copy, intConst(Lanes)));
      CopiedLanes.push_back(Names.Locals.back());
      auto Counter = std::make_shared<Variable>();
      Counter->Name = uniqueName(Names, "copy_lane");
      Counter->Kind = ScalarKind::Int;
      Names.Locals.push_back(Local::scalar(Counter));
      CopiedLanes.push_back(Names.Locals.back());
      Block Body;
      Body.push_back(assign({Copy, use(Counter)}, element(Dot, use(Counter))));
      CopyIn.push_back(countedLoop(Counter, intConst(Lanes), std::move(Body)));
      Dot = Copy;
    }
    Options.KnownTangents[P.get()] = Dot;
  }
  if (F.ReturnsReal)
    Options.ResultTangent = AddDot("result_dot", false, true);
  // The callee still does what F did for its caller: F's own outputs stay.
  for (size_t I : callEffects(F).Outputs)
    Outputs.insert(F.Params[I].Var.get());

  for (const Parameter &P : DotParams)
    Options.ReservedNames.insert(P.Var->Name);
  for (const Local &L : CopiedLanes)
    Options.ReservedNames.insert(L.Var->Name);
  Function T = addTangents(F, Options);
  T.Locals.insert(T.Locals.end(), CopiedLanes.begin(), CopiedLanes.end());
  T.Body.insert(T.Body.begin(), std::make_move_iterator(CopyIn.begin()),
                std::make_move_iterator(CopyIn.end()));
  T.Name = F.Name + (Lanes ? "_dot" + std::to_string(Lanes) : "_dot") +
           (IndexSets ? "_sparsity" : "") + activitySuffix(F, Active);
  T.Linkage = "static ";
  T.IsCold = IndexSets;
  T.Params.insert(T.Params.end(), DotParams.begin(), DotParams.end());
  T.Summary = IndexSets
                  ? "Dependencies of the tangent of " + F.Name +
                        ": which independents its results' derivatives depend on."
                  : "Tangent of " + F.Name +
                        (Lanes ? " in " + std::to_string(Lanes) + " directions" : "") +
                        ": also writes the directional derivatives of its results.";
  finishDerivative(T, Outputs);
  return T;
}

} // namespace hessc
