//===- Differentiator.cpp - Generate derivative source for a TU -----------===//

#include "Driver/Differentiator.h"

#include "CodeGen/CppPrinter.h"
#include "CodeGen/ObjectiveFactory.h"
#include "Frontend/ASTLowering.h"
#include "Transforms/Adjoint.h"
#include "Transforms/DerivativeModule.h"
#include "Transforms/SecondOrder.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"

#include <algorithm>
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

namespace hessc {

namespace {

/// Finds annotated function definitions, in source order.
class AnnotatedFunctionFinder
    : public clang::RecursiveASTVisitor<AnnotatedFunctionFinder> {
public:
  bool VisitFunctionDecl(clang::FunctionDecl *FD) {
    if (FD->isThisDeclarationADefinition() && !FD->isInvalidDecl() &&
        findHesscAnnotation(FD))
      Found.push_back(FD);
    return true;
  }

  std::vector<const clang::FunctionDecl *> Found;
};

/// True when the translation unit has seen <hessc/objective.h>.
bool declaresObjective(clang::ASTContext &Ctx) {
  for (const clang::NamedDecl *NS :
       Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get("hessc")))
    if (const auto *Namespace = clang::dyn_cast<clang::NamespaceDecl>(NS))
      for (const clang::NamedDecl *D :
           Namespace->lookup(&Ctx.Idents.get("Objective")))
        if (clang::isa<clang::CXXRecordDecl>(D))
          return true;
  return false;
}

GeneratedCode generate(clang::ASTContext &Ctx, const clang::FunctionDecl *FD,
                       const LoweredFunction &Lowered, bool WithObjective,
                       DerivativeModule &Module) {
  auto &SM = Ctx.getSourceManager();
  clang::SourceLocation End = SM.getExpansionLoc(FD->getBodyRBrace());
  GeneratedCode Code;
  Code.FunctionName = FD->getNameAsString();
  Code.InsertOffset = SM.getFileOffset(End) + 1;
  Code.SourceLine = SM.getExpansionLineNumber(FD->getLocation());
  ir::Function Gradient = buildGradient(Lowered, Module);
  ir::Function HVP = buildHessianVectorProduct(Lowered, Gradient, Module);
  ir::Function Block = buildHessianBlock(Lowered, Gradient, HessianLanes, Module);
  // The derivatives of called functions first: f's own call them.
  for (const ir::FunctionRef &Helper : Module.takeNewFunctions())
    Code.Source += printFunction(*Helper) + "\n";
  Code.Source += printFunction(Gradient) + "\n" + printFunction(HVP) + "\n" +
                printFunction(Block) + "\n" +
                printHessianDriver(Block, Lowered.Primal.Name + "_hessian",
                                   Lowered.Dimension, HessianLanes);
  if (WithObjective && Lowered.Primal.RealTypeName == "double")
    Code.Source += "\n" + printObjectiveFactory(Lowered);
  return Code;
}

} // namespace

std::vector<GeneratedCode>
differentiateTranslationUnit(clang::ASTContext &Ctx, DiagnosticCollector &Diags,
                             const std::vector<clang::SourceLocation> &CompileErrors) {
  AnnotatedFunctionFinder Finder;
  Finder.TraverseDecl(Ctx.getTranslationUnitDecl());
  std::vector<GeneratedCode> Result;
  auto &SM = Ctx.getSourceManager();
  bool WithObjective = declaresObjective(Ctx);
  DerivativeModule Module;
  HelperLowering Helpers(Ctx, Diags);
  for (const clang::FunctionDecl *FD : Finder.Found) {
    clang::SourceRange Range(SM.getExpansionLoc(FD->getBeginLoc()),
                             SM.getExpansionLoc(FD->getEndLoc()));
    bool HasCompileError = std::any_of(
        CompileErrors.begin(), CompileErrors.end(), [&](clang::SourceLocation L) {
          return SM.isPointWithin(SM.getExpansionLoc(L), Range.getBegin(),
                                  Range.getEnd());
        });
    if (HasCompileError)
      continue;
    auto Lowered = lowerFunction(Ctx, FD, findHesscAnnotation(FD), Helpers, Diags);
    if (Lowered)
      Result.push_back(generate(Ctx, FD, *Lowered, WithObjective, Module));
  }
  return Result;
}

} // namespace hessc
