//===- DerivativeModule.cpp - Derivatives of called functions, made once --===//

#include "Transforms/DerivativeModule.h"

#include "Transforms/Adjoint.h"
#include "Transforms/Tangent.h"

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

FunctionRef DerivativeModule::pullback(const FunctionRef &Primal,
                                       const std::vector<size_t> &Active) {
  Key K{Primal.get(), 0, Active, 0};
  auto It = Made.find(K);
  if (It != Made.end())
    return It->second;
  // Made first, registered after: its own callees' pullbacks land in
  // Pending before it, as printing needs.
  auto Result = std::make_shared<Function>(buildPullback(*Primal, Active, *this));
  Made[K] = Result;
  Sources.push_back(Primal);
  Pending.push_back(Result);
  return Result;
}

FunctionRef DerivativeModule::tangent(const FunctionRef &F,
                                      const std::vector<size_t> &Active,
                                      unsigned Lanes) {
  Key K{F.get(), 1, Active, Lanes};
  auto It = Made.find(K);
  if (It != Made.end())
    return It->second;
  auto Result = std::make_shared<Function>(buildTangentFunction(*F, Active, Lanes, *this));
  Made[K] = Result;
  Sources.push_back(F);
  Pending.push_back(Result);
  return Result;
}

std::vector<FunctionRef> DerivativeModule::takeNewFunctions() {
  std::vector<FunctionRef> New;
  New.swap(Pending);
  return New;
}

} // namespace hessc
