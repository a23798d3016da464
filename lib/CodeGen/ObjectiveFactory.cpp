//===- ObjectiveFactory.cpp - Print f_objective for the Eigen runtime -----===//

#include "CodeGen/ObjectiveFactory.h"

#include "CodeGen/CppPrinter.h"

#include <map>
#include <sstream>

namespace hessc {

using namespace ir;

std::string printObjectiveFactory(const LoweredFunction &F) {
  const Function &P = F.Primal;
  if (F.DimensionFromIndependents)
    return "// No " + P.Name + "_objective: N is the size of an independent "
           "std::vector; give its length in the HESSC_DIFF spec to get one.\n";
  // Where each independent sits in the flat vector.
  std::map<const Variable *, const Independent *> IndependentOf;
  std::map<const Variable *, ExprRef> OffsetOf;
  ExprRef Offset = intConst(0);
  for (const Independent &I : F.Independents) {
    IndependentOf[I.Var.get()] = &I;
    OffsetOf[I.Var.get()] = Offset;
    Offset = add(Offset, I.Length ? I.Length : intConst(1));
  }

  // The factory's parameters: f's constants, in order. The lambdas' own
  // parameter names must not hide any of them.
  Function Scope;
  std::vector<const Parameter *> Constants;
  for (const Parameter &Param : P.Params)
    if (!IndependentOf.count(Param.Var.get())) {
      Constants.push_back(&Param);
      Scope.Params.push_back(Param);
    }
  std::string X = uniqueName(Scope, "x"), G = uniqueName(Scope, "g"),
              V = uniqueName(Scope, "v"), HV = uniqueName(Scope, "hv"),
              H = uniqueName(Scope, "H"), Pattern = uniqueName(Scope, "pattern"),
              Coloring = uniqueName(Scope, "coloring"),
              Values = uniqueName(Scope, "values");

  // f's arguments in terms of the flat vector X and the captured constants.
  std::string Args;
  for (const Parameter &Param : P.Params) {
    if (!Args.empty())
      Args += ", ";
    auto It = IndependentOf.find(Param.Var.get());
    if (It == IndependentOf.end()) {
      Args += Param.Var->Name;
      continue;
    }
    ExprRef Off = OffsetOf[Param.Var.get()];
    bool AtStart = Off->Kind == ExprKind::IntConst && Off->IntValue == 0;
    std::string Start = AtStart ? X : X + " + " + printExpr(Off, "double");
    const ExprRef &Length = It->second->Length;
    if (!Length)
      Args += X + "[" + printExpr(Off, "double") + "]";
    else if (Param.Var->Storage == ArrayStorage::StdVector)
      Args += "std::vector<double>(" + Start + ", " + Start + " + " +
              printExpr(Length, "double") + ")";
    else if (Param.Var->Storage == ArrayStorage::StdArray)
      Args += "hessc::arrayFrom<" + printExpr(Length, "double") + ">(" + Start + ")";
    else
      Args += Start;
  }
  std::string Call = "(" + Args;

  std::ostringstream OS;
  OS << "// " << P.Name << " as a hessc::Objective of the flat vector of its "
     << "independents.\n";
  if (P.Linkage == "static ")
    OS << "[[maybe_unused]] ";
  OS << P.Linkage << "hessc::Objective " << P.Name << "_objective(";
  for (size_t I = 0; I < Constants.size(); ++I)
    OS << (I ? ", " : "") << Constants[I]->Declaration;
  OS << ") {\n";
  OS << "  return hessc::Objective(\n";
  OS << "      " << printExpr(F.Dimension, "double") << ",\n";
  OS << "      [=](const double* " << X << ") { return " << P.Name << Call
     << "); },\n";
  OS << "      [=](const double* " << X << ", double* " << G << ") { return "
     << P.Name << "_grad" << Call << ", " << G << "); },\n";
  OS << "      [=](const double* " << X << ", const double* " << V
     << ", double* " << HV << ") { return " << P.Name << "_hvp" << Call << ", "
     << V << ", " << HV << "); },\n";
  OS << "      [=](const double* " << X << ", double* " << H << ") { return "
     << P.Name << "_hessian" << Call << ", " << H << "); },\n";
  OS << "      [=](const double* " << X << ", hessc::SparsityPattern& " << Pattern
     << ") { return " << P.Name << "_hessian_sparsity" << Call << ", " << Pattern
     << "); },\n";
  OS << "      [=](const double* " << X << ", const hessc::HessianColoring& "
     << Coloring << ", double* " << Values << ") {\n";
  OS << "        return " << P.Name << "_hessian_sparse" << Call << ", " << Coloring
     << ", " << Values << ");\n";
  OS << "      });\n";
  OS << "}\n";
  return OS.str();
}

} // namespace hessc
