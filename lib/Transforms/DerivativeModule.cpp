//===- DerivativeModule.cpp - Derivatives of called functions, made once --===//

#include "Transforms/DerivativeModule.h"

#include "Transforms/Adjoint.h"
#include "Transforms/Cleanup.h"
#include "Transforms/OutputPruning.h"
#include "Transforms/Tangent.h"

#include <algorithm>
#include <set>

namespace hessc {

using namespace ir;

std::string activitySuffix(const Function &F, const std::vector<size_t> &Active) {
  if (Active == callEffects(F).Inputs)
    return "";
  std::string Suffix = "_wrt";
  for (size_t I : Active)
    Suffix += "_" + F.Params[I].Var->Name;
  return Suffix;
}

namespace {

/// The arguments that pass F's own parameters through unchanged.
std::vector<CallArgument> forwardParameters(const Function &F) {
  std::vector<CallArgument> Args;
  for (const Parameter &P : F.Params)
    Args.push_back(P.Var->IsArray ? CallArgument::array(P.Var)
                                  : CallArgument::value(use(P.Var)));
  return Args;
}

Function derivedSkeleton(const Function &F, const std::string &Name) {
  Function D;
  D.Name = Name;
  D.RealTypeName = F.RealTypeName;
  D.Linkage = "static ";
  for (const Parameter &P : F.Params)
    D.Params.push_back(P);
  return D;
}

VarRef addParameter(Function &F, const std::string &Name, const std::string &Type,
                    bool IsArray, bool IsReference) {
  auto V = std::make_shared<Variable>();
  V->Name = uniqueName(F, Name);
  V->IsArray = V->IsWritableArray = IsArray;
  V->IsReference = IsReference;
  F.Params.push_back({Type + " " + V->Name, V, Type});
  return V;
}

/// Evaluates each partial of custom function F at its arguments into a
/// local; returns the locals by parameter position.
std::map<size_t, VarRef> evaluatePartials(const Function &F, Function &D,
                                          const std::vector<size_t> &Active) {
  std::map<size_t, VarRef> Values;
  for (size_t I : Active) {
    VarRef V = addLocal(D, "d_" + F.Params[I].Var->Name, ScalarKind::Real);
    D.Body.push_back(callStmt(F.CustomPartials[I], forwardParameters(F), LValue{V, nullptr}));
    Values[I] = V;
  }
  return Values;
}

/// The pullback of a function with HESSC_PARTIAL derivatives: the seed
/// times each partial, added to the adjoints.
Function customPullback(const Function &F, const std::vector<size_t> &Active) {
  Function D = derivedSkeleton(F, F.Name + "_pullback" + activitySuffix(F, Active));
  D.ReturnsReal = false;
  D.AddsIntoOutputs = true;
  D.Summary = "Pullback of " + F.Name + " from its HESSC_PARTIAL derivatives.";
  const std::string &R = F.RealTypeName;
  VarRef Seed = addParameter(D, "seed", R, false, false);
  std::vector<VarRef> Adjoints;
  for (size_t I : Active)
    Adjoints.push_back(addParameter(D, F.Params[I].Var->Name + "_adj", R + "&", false, true));
  std::map<size_t, VarRef> Partials = evaluatePartials(F, D, Active);
  for (size_t K = 0; K < Active.size(); ++K)
    D.Body.push_back(compoundAssign({Adjoints[K], nullptr}, OpCode::Add,
                                    mul(use(Seed), use(Partials[Active[K]]))));
  return D;
}

/// The tangent of a function with HESSC_PARTIAL derivatives: its value, and
/// the sum of each partial times its argument's tangent.
Function customTangent(const Function &F, const std::vector<size_t> &Active,
                       unsigned Lanes, bool IndexSets) {
  std::string Suffix = Lanes ? "_dot" + std::to_string(Lanes) : "_dot";
  if (IndexSets)
    Suffix += "_sparsity";
  Function D = derivedSkeleton(F, F.Name + Suffix + activitySuffix(F, Active));
  D.Summary = "Tangent of " + F.Name + " from its HESSC_PARTIAL derivatives.";
  D.IsCold = IndexSets;
  const std::string R = tangentTypeName(F, IndexSets);
  std::vector<VarRef> Dots;
  for (size_t I : Active) {
    Dots.push_back(addParameter(D, F.Params[I].Var->Name + "_dot",
                                Lanes ? "const " + R + "*" : R, Lanes != 0, false));
    Dots.back()->IsIndexSet = IndexSets;
  }
  VarRef ResultDot = addParameter(D, "result_dot", Lanes ? R + "*" : R + "&",
                                  Lanes != 0, Lanes == 0);
  ResultDot->IsIndexSet = IndexSets;
  VarRef Value = addLocal(D, "result", ScalarKind::Real);
  // F itself: a primal call of the function hessc does not look into.
  auto Opaque = std::make_shared<Function>();
  Opaque->Name = F.Name;
  Opaque->QualifiedName = F.QualifiedName;
  Opaque->Params = F.Params;
  D.Body.push_back(callStmt(Opaque, forwardParameters(F), LValue{Value, nullptr}));
  std::map<size_t, VarRef> Partials = evaluatePartials(F, D, Active);
  VarRef Lane = Lanes ? addLocal(D, "lane", ScalarKind::Int) : nullptr;
  ExprRef Sum = realConst(0);
  for (size_t K = 0; K < Active.size(); ++K) {
    ExprRef Dot = Lanes ? element(Dots[K], use(Lane)) : use(Dots[K]);
    Sum = add(Sum, mul(use(Partials[Active[K]]), Dot));
  }
  if (Lanes) {
    Block Body;
    Body.push_back(assign({ResultDot, use(Lane)}, Sum));
    D.Body.push_back(countedLoop(Lane, intConst(Lanes), std::move(Body)));
  } else {
    D.Body.push_back(assign({ResultDot, nullptr}, Sum));
  }
  D.Body.push_back(returnStmt(use(Value)));
  return D;
}

} // namespace

FunctionRef DerivativeModule::find(const Key &K) const {
  auto It = Made.find(K);
  return It == Made.end() ? nullptr : It->second;
}

FunctionRef DerivativeModule::remember(const Key &K, const FunctionRef &Source,
                                       Function Result) {
  auto Ref = std::make_shared<Function>(std::move(Result));
  Made[K] = Ref;
  Sources.push_back(Source);
  Pending.push_back(Ref);
  return Ref;
}

FunctionRef DerivativeModule::pullback(const FunctionRef &Primal,
                                       const std::vector<size_t> &Active) {
  Key K{Primal.get(), 0, Active, 0};
  if (FunctionRef Known = find(K))
    return Known;
  // Made first, registered after: its own callees' pullbacks land in
  // Pending before it, as printing needs.
  FunctionRef Made =
      remember(K, Primal,
               Primal->CustomPartials.empty() ? buildPullback(*Primal, Active, *this)
                                              : customPullback(*Primal, Active));
  Origins[Made.get()] = {Primal, Active};
  return Made;
}

FunctionRef DerivativeModule::valueAndPullback(const FunctionRef &Primal,
                                               const std::vector<size_t> &Active) {
  Key K{Primal.get(), 4, Active, 0};
  if (FunctionRef Known = find(K))
    return Known;
  Function Valued = buildPullback(*Primal, Active, *this, /*ReturnsValue=*/true);
  Valued.WithoutValue = pullback(Primal, Active);
  return remember(K, Primal, std::move(Valued));
}

std::optional<std::pair<FunctionRef, std::vector<size_t>>>
DerivativeModule::pullbackOrigin(const Function *P) const {
  auto It = Origins.find(P);
  if (It == Origins.end())
    return std::nullopt;
  return It->second;
}

FunctionRef DerivativeModule::tangent(const FunctionRef &F,
                                      const std::vector<size_t> &Active,
                                      unsigned Lanes, bool IndexSets) {
  Key K{F.get(), IndexSets ? 2 : 1, Active, Lanes};
  if (FunctionRef Known = find(K))
    return Known;
  return remember(K, F,
                  F->CustomPartials.empty()
                      ? buildTangentFunction(*F, Active, Lanes, *this, IndexSets)
                      : customTangent(*F, Active, Lanes, IndexSets));
}

FunctionRef DerivativeModule::withoutOutputs(const FunctionRef &F,
                                             const std::vector<size_t> &Unused) {
  Key K{F.get(), 3, Unused, 0};
  if (FunctionRef Known = find(K))
    return Known;
  Function Result = cloneFunction(*F);
  std::string Suffix, Names;
  std::set<const Variable *> Kept;
  for (size_t I : callEffects(*F).Outputs) {
    const std::string &Name = F->Params[I].Var->Name;
    if (std::find(Unused.begin(), Unused.end(), I) == Unused.end()) {
      Kept.insert(F->Params[I].Var.get());
      continue;
    }
    Suffix += "_" + Name;
    Names += (Names.empty() ? "" : ", ") + Name;
  }
  Result.Name += "_without" + Suffix;
  Result.Summary += " Leaves " + Names + " alone: the caller does not read " +
                    (Unused.size() > 1 ? "them." : "it.");
  removeDeadCode(Result, Kept);
  pruneUnusedCallOutputs(Result, Kept, *this);
  // Again: what only fed the outputs the pruned calls no longer take.
  removeDeadCode(Result, Kept);
  removeUnusedLocals(Result);
  // An output it no longer mentions is no longer a parameter, so that the
  // caller need not pass (and allocate) it: a gradient buffer, in the HVP
  // of a function whose helper takes an array.
  std::vector<Parameter> KeptParams;
  for (size_t I = 0; I < Result.Params.size(); ++I) {
    bool Left = std::find(Unused.begin(), Unused.end(), I) != Unused.end();
    if (!Left || mentionsVariable(Result, Result.Params[I].Var))
      KeptParams.push_back(Result.Params[I]);
  }
  Result.Params = std::move(KeptParams);
  // Calls that drop the value switch to WithoutValue with the arguments
  // they have: only a variant with the same parameters will do.
  if (F->WithoutValue) {
    FunctionRef Valueless = withoutOutputs(F->WithoutValue, Unused);
    auto Names = [](const Function &G) {
      std::vector<std::string> N;
      for (const Parameter &P : G.Params)
        N.push_back(P.Var->Name);
      return N;
    };
    Result.WithoutValue = Names(*Valueless) == Names(Result) ? Valueless : nullptr;
  }
  return remember(K, F, std::move(Result));
}

std::vector<CallArgument> argumentsFor(const Function &Variant, const Function &Callee,
                                       const std::vector<CallArgument> &Args) {
  std::vector<CallArgument> Kept;
  size_t Next = 0;
  for (size_t I = 0; I < Callee.Params.size(); ++I)
    if (Next < Variant.Params.size() &&
        Variant.Params[Next].Var == Callee.Params[I].Var) {
      Kept.push_back(Args[I]);
      ++Next;
    }
  return Kept;
}

std::vector<FunctionRef> DerivativeModule::takeNewFunctions() {
  std::vector<FunctionRef> New;
  New.swap(Pending);
  return New;
}

} // namespace hessc
