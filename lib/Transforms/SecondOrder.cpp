//===- SecondOrder.cpp - Hessian-vector products and Hessian blocks -------===//

#include "Transforms/SecondOrder.h"

#include "Transforms/Activity.h"
#include "Transforms/Cleanup.h"
#include "Transforms/OutputPruning.h"
#include "Transforms/Tangent.h"

#include <cassert>

namespace hessc {

using namespace ir;

namespace {

VarRef makeArrayParam(const Function &F, const std::string &Name, bool Writable,
                      bool IndexSets) {
  auto V = std::make_shared<Variable>();
  V->Name = uniqueName(F, Name);
  V->IsArray = true;
  V->IsWritableArray = Writable;
  V->IsIndexSet = IndexSets;
  return V;
}

/// Whether `F` passes `Array`, or a view into it, to a call as an array.
bool passesToCalls(const Function &F, const VarRef &Array) {
  ViewRoots Views(F);
  return anyStatement(F.Body, [&](const Stmt &S) {
    if (S.Kind != StmtKind::Call)
      return false;
    for (const CallArgument &A : S.Args)
      if (A.Kind == CallArgument::Kind::Array && Views.root(A.Array.get()) == Array.get())
        return true;
    return false;
  });
}

/// Builds the tangent of `Gradient` seeded from `Directions` (component i of
/// lane k at i*Lanes + k, or i when Lanes is 0) whose gradient tangent lands
/// in `Products`, and gives it the interface params..., Directions, Products.
/// With `IndexSets` the tangents are index sets (one direction). With lanes,
/// a last parameter `stride` follows where it can (see SecondOrder.h).
Function buildGradientTangent(const LoweredFunction &F, const Function &Gradient,
                              unsigned Lanes, bool IndexSets,
                              const std::string &Name,
                              const std::string &DirectionsName,
                              const std::string &ProductsName,
                              DerivativeModule &Module) {
  VarRef GradVar = Gradient.Params.back().Var;
  VarRef Directions = makeArrayParam(Gradient, DirectionsName, false, IndexSets);
  VarRef Products = makeArrayParam(Gradient, ProductsName, true, IndexSets);

  TangentOptions Options;
  Options.Lanes = Lanes;
  Options.IndexSets = IndexSets;
  Options.Module = &Module;
  Options.KnownTangents[GradVar.get()] = Products;
  // The products' rows go `stride` apart, so that the dense driver can
  // point a block at columns of H itself and save copying them there;
  // but the tangents of called functions take their lanes packed.
  VarRef Stride;
  if (Lanes && !passesToCalls(Gradient, GradVar)) {
    Stride = std::make_shared<Variable>();
    Stride->Name = uniqueName(Gradient, "stride");
    Stride->Kind = ScalarKind::Int;
    Options.LaneStrides[Products.get()] = use(Stride);
  }
  // The gradient and the views into it are outputs: every write to them
  // gets a tangent, even a constant one, so the products are always written.
  Options.Seeds.push_back(GradVar);
  for (const Local &L : Gradient.Locals)
    if (L.Kind == Local::Kind::View && L.PointerBase == GradVar)
      Options.Seeds.push_back(L.Var);
  // Seed views and scalar seeds are created first (so their names are
  // taken) and added to the result once the transformation has copied the
  // gradient's locals.
  Function Names; // Only for uniqueName: the names taken so far.
  Names.Params = Gradient.Params;
  Names.Locals = Gradient.Locals;
  Names.Params.push_back({"", Directions, ""});
  Names.Params.push_back({"", Products, ""});
  if (Stride)
    Names.Params.push_back({"", Stride, ""});
  std::vector<Local> SeedLocals;
  Block SeedInit;
  VarRef Lane;
  ExprRef Offset = intConst(0);
  auto Scaled = [Lanes](ExprRef E) {
    return Lanes ? mul(E, intConst(Lanes)) : E;
  };
  for (const Independent &I : F.Independents) {
    Options.Seeds.push_back(I.Var);
    auto Dot = std::make_shared<Variable>();
    Dot->Name = uniqueName(Names, I.Var->Name + "_dot");
    Dot->IsIndexSet = IndexSets;
    if (I.Length) {
      Dot->IsArray = true;
      bool AtStart = Offset->Kind == ExprKind::IntConst && Offset->IntValue == 0;
      SeedLocals.push_back(Local::view(Dot, Directions, AtStart ? nullptr : Scaled(Offset),
                                        /*IsSlice=*/true));
      Offset = add(Offset, I.Length);
    } else if (!Lanes) {
      SeedLocals.push_back(Local::scalar(Dot, element(Directions, Offset)));
      Offset = add(Offset, intConst(1));
    } else {
      Dot->IsArray = Dot->IsWritableArray = true;
      Dot->Storage = ArrayStorage::CArray;
      SeedLocals.push_back(Local::ownedArray(Dot, intConst(Lanes)));
      if (!Lane) {
        Lane = std::make_shared<Variable>();
        Lane->Name = uniqueName(Names, "seed_lane");
        Lane->Kind = ScalarKind::Int;
        SeedLocals.push_back(Local::scalar(Lane));
      }
      Block Body;
      Body.push_back(assign({Dot, use(Lane)},
                            element(Directions, add(Scaled(Offset), use(Lane)))));
      SeedInit.push_back(countedLoop(Lane, intConst(Lanes), std::move(Body)));
      Offset = add(Offset, intConst(1));
    }
    Names.Locals.push_back(SeedLocals.back());
    Options.KnownTangents[I.Var.get()] = Dot;
  }

  Function Result = addTangents(Gradient, Options);
  Result.Name = Name;
  Result.Params.pop_back(); // grad: the products replace it.
  const std::string Real = tangentTypeName(Result, IndexSets);
  // A block's seeds and products are buffers of the Hessian drivers of its
  // own: nothing else reaches them. Saying so lets the compiler keep x[i]
  // in a register across a lane loop that stores into the products, and
  // vectorise that loop without checking for overlap.
  const std::string Restrict = Lanes ? "* __restrict " : "* ";
  Result.Params.push_back({"const " + Real + Restrict + Directions->Name,
                           Directions, "const " + Real + "*"});
  Result.Params.push_back({Real + Restrict + Products->Name, Products, Real + "*"});
  if (Stride)
    Result.Params.push_back({"std::ptrdiff_t " + Stride->Name, Stride, "std::ptrdiff_t"});
  Result.Locals.insert(Result.Locals.end(), SeedLocals.begin(), SeedLocals.end());
  Result.Body.insert(Result.Body.begin(), std::make_move_iterator(SeedInit.begin()),
                     std::make_move_iterator(SeedInit.end()));

  removeDeadCode(Result, {Products.get()});
  // The tangents of helpers' pullbacks also accumulate the gradient itself,
  // which the products do not need: their variants leave it alone and do
  // not take it.
  pruneUnusedCallOutputs(Result, {Products.get()}, Module);
  Result.IsCold = IndexSets;
  finishDerivative(Result, {Products.get()});
  // Where the tangent still reads the gradient (a value it holds, as in
  // w / (x*x + 2) and its tangent), the gradient is a local buffer.
  if (mentionsVariable(Result, GradVar))
    Result.Locals.insert(Result.Locals.begin(), Local::ownedArray(GradVar, F.Dimension));
  return Result;
}

} // namespace

Function buildHessianVectorProduct(const LoweredFunction &F,
                                   const Function &Gradient,
                                   DerivativeModule &Module) {
  Function HVP = buildGradientTangent(F, Gradient, 0, false,
                                      F.Primal.Name + "_hvp", "v", "hv", Module);
  HVP.Summary = "Hessian-vector product of " + F.Primal.Name +
                " (forward over reverse): returns its value and overwrites hv "
                "with H v.";
  return HVP;
}

Function buildHessianBlock(const LoweredFunction &F, const Function &Gradient,
                           unsigned Lanes, const std::string &Name,
                           DerivativeModule &Module) {
  Function Block = buildGradientTangent(F, Gradient, Lanes, false, Name, "seeds",
                                        "products", Module);
  Block.Summary = "Products of the Hessian of " + F.Primal.Name + " with " +
                  std::to_string(Lanes) + " directions at once, for " +
                  F.Primal.Name + "_hessian and " + F.Primal.Name +
                  "_hessian_sparse.";
  return Block;
}

Function buildHessianVectorProductSparsity(const LoweredFunction &F,
                                           const Function &Gradient,
                                           DerivativeModule &Module) {
  Function Sets = buildGradientTangent(F, Gradient, 0, true,
                                       F.Primal.Name + "_hvp_sparsity", "v",
                                       "hv", Module);
  Sets.Linkage = "static ";
  Sets.Summary = F.Primal.Name + "_hvp with each tangent replaced by the set "
                 "of independents it depends on: seeded with v_j = {j}, hv_i "
                 "is the set of j with H_ij structurally nonzero, for " +
                 F.Primal.Name + "_hessian_sparsity.";
  return Sets;
}

} // namespace hessc
