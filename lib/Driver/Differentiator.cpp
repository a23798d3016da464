//===- Differentiator.cpp - Generate derivative source for a TU -----------===//

#include "Driver/Differentiator.h"

#include "CodeGen/CppPrinter.h"
#include "CodeGen/ObjectiveFactory.h"
#include "Frontend/ASTLowering.h"
#include "Transforms/Adjoint.h"
#include "Transforms/ControlDependence.h"
#include "Transforms/DerivativeModule.h"
#include "Transforms/SecondOrder.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclBase.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <algorithm>
#include <set>

namespace hessc {

namespace {

/// Finds annotated function definitions, in source order, and the
/// HESSC_PARTIAL custom derivatives.
class AnnotatedFunctionFinder
    : public clang::RecursiveASTVisitor<AnnotatedFunctionFinder> {
public:
  AnnotatedFunctionFinder(const clang::SourceManager &SM, HelperLowering &Helpers,
                          bool InBodies)
      : SM(SM), Helpers(Helpers), InBodies(InBodies) {}

  /// Annotations live on namespace-scope declarations of the user's code:
  /// neither system headers nor function bodies need a look.
  bool TraverseDecl(clang::Decl *D) {
    if (D && !clang::isa<clang::TranslationUnitDecl>(D) &&
        SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  /// A lambda's call operator is not visited as a declaration.
  bool VisitLambdaExpr(clang::LambdaExpr *E) {
    return VisitFunctionDecl(E->getCallOperator());
  }

  bool TraverseStmt(clang::Stmt *S) {
    return !InBodies || RecursiveASTVisitor::TraverseStmt(S);
  }

  bool VisitFunctionDecl(clang::FunctionDecl *FD) {
    if (FD->isInvalidDecl() || FD->isDeleted())
      return true;
    if (FD->isThisDeclarationADefinition() && findHesscAnnotation(FD))
      Found.push_back(FD);
    for (const auto *A : FD->specific_attrs<clang::AnnotateAttr>())
      if (A->getAnnotation() == "hessc.partial" && A->args_size() == 2)
        registerPartial(FD, A);
    return true;
  }

  std::vector<const clang::FunctionDecl *> Found;

private:
  void registerPartial(const clang::FunctionDecl *FD, const clang::AnnotateAttr *A) {
    const clang::Expr *Name = *A->args_begin();
    const clang::Expr *Index = *(A->args_begin() + 1);
    if (const auto *CE = clang::dyn_cast<clang::ConstantExpr>(Name))
      Name = CE->getSubExpr();
    const auto *Literal = clang::dyn_cast<clang::StringLiteral>(Name->IgnoreParenImpCasts());
    auto Value = Index->getIntegerConstantExpr(FD->getASTContext());
    if (Literal && Value)
      Helpers.addPartial(Literal->getString().str(),
                         static_cast<unsigned>(Value->getZExtValue()), FD);
  }

  const clang::SourceManager &SM;
  HelperLowering &Helpers;
  bool InBodies;
};

} // namespace

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

namespace {

/// `Declarations` wrapped in FD's namespaces and linkage specifications, or
/// nothing when FD is not visible outside its translation unit.
std::string declarationsFor(const clang::FunctionDecl *FD, const std::string &Declarations) {
  if (!FD->isExternallyVisible())
    return "";
  std::string Open, Close;
  for (const clang::DeclContext *DC = FD->getDeclContext(); !DC->isTranslationUnit();
       DC = DC->getParent()) {
    if (const auto *NS = clang::dyn_cast<clang::NamespaceDecl>(DC)) {
      Open = "namespace " + NS->getNameAsString() + " {\n" + Open;
      Close += "} // namespace " + NS->getNameAsString() + "\n";
    } else if (const auto *LS = clang::dyn_cast<clang::LinkageSpecDecl>(DC)) {
      if (LS->getLanguage() == clang::LinkageSpecLanguageIDs::C) {
        Open = "extern \"C\" {\n" + Open;
        Close += "}\n";
      }
    }
  }
  return Open + Declarations + Close;
}

/// The derivatives of called functions, printed when first needed: the
/// module makes some that no printed function ends up calling (a helper's
/// tangent replaced by its variant without an unread output), and those are
/// left out unless a later function calls them.
class HelperPrinter {
public:
  explicit HelperPrinter(DerivativeModule &Module) : Module(Module) {}

  /// The source of every helper derivative `Roots` call, directly or not,
  /// that is not printed yet, callees first.
  std::string printNeededBy(const std::vector<const ir::Function *> &Roots) {
    for (const ir::FunctionRef &F : Module.takeNewFunctions())
      Unprinted.push_back(F);
    std::set<const ir::Function *> Needed;
    for (const ir::Function *Root : Roots)
      collectCallees(Root->Body, Needed);
    std::string Source;
    std::vector<ir::FunctionRef> Still;
    // Unprinted is in the order the functions were made: callees first.
    for (const ir::FunctionRef &F : Unprinted) {
      if (Needed.count(F.get()))
        Source += printFunction(*F) + "\n";
      else
        Still.push_back(F);
    }
    Unprinted.swap(Still);
    return Source;
  }

private:
  static void collectCallees(const ir::Block &B, std::set<const ir::Function *> &Out) {
    for (const ir::StmtPtr &S : B) {
      if (S->Kind == ir::StmtKind::Call && Out.insert(S->Callee.get()).second)
        collectCallees(S->Callee->Body, Out);
      for (const ir::Block *Child : {&S->Init, &S->Step, &S->Then, &S->Else})
        collectCallees(*Child, Out);
    }
  }

  DerivativeModule &Module;
  std::vector<ir::FunctionRef> Unprinted;
};

GeneratedCode generate(clang::ASTContext &Ctx, const clang::FunctionDecl *FD,
                       const LoweredFunction &Lowered, DerivativeModule &Module,
                       HelperPrinter &Helpers) {
  auto &SM = Ctx.getSourceManager();
  // After the brace, or after the macro invocation it comes from.
  clang::SourceLocation End = clang::Lexer::getLocForEndOfToken(
      SM.getExpansionRange(FD->getBodyRBrace()).getEnd(), 0, SM, Ctx.getLangOpts());
  GeneratedCode Code;
  Code.FunctionName = FD->getNameAsString();
  Code.InsertOffset = End.isValid() && SM.isInMainFile(End) ? SM.getFileOffset(End)
                                                            : GeneratedCode::NoOffset;
  Code.SourceLine = SM.getExpansionLineNumber(FD->getLocation());
  ir::Function Gradient = buildGradient(Lowered, Module);
  ir::Function HVP = buildHessianVectorProduct(Lowered, Gradient, Module);
  const std::string &Name = Lowered.Primal.Name;
  ir::Function Pair = buildHessianBlock(Lowered, Gradient, HessianPairLanes,
                                        Name + "_hessian_pair", Module);
  ir::Function Block = buildHessianBlock(Lowered, Gradient, HessianLanes,
                                         Name + "_hessian_block", Module);
  HessianProducts Products{HVP, Pair, Block, HessianLanes};
  ir::Function SetHvp = buildHessianVectorProductSparsity(Lowered, Gradient, Module);
  std::vector<ir::VarRef> Independents;
  for (const Independent &I : Lowered.Independents)
    Independents.push_back(I.Var);
  bool DependsOnPoint = controlFlowDependsOn(SetHvp, Independents);
  const std::string SparseLinkage = sparseDriverLinkage(HVP.Linkage);
  auto Drivers = [&]() {
    return printHessianDriver(Products, Name + "_hessian", Lowered.Dimension) +
           "\n" +
           printSparsityDriver(SetHvp, Name + "_hessian_sparsity", SparseLinkage,
                               Lowered.Dimension, DependsOnPoint) +
           "\n" +
           printSparseHessianDriver(Products, SparseLinkage, Name + "_hessian_sparse");
  };
  // The derivatives of called functions first: f's own call them.
  Code.Source += Helpers.printNeededBy({&Gradient, &HVP, &Pair, &Block, &SetHvp});
  Code.Source += printFunction(Gradient) + "\n" + printFunction(HVP) + "\n" +
                 printFunction(Pair) + "\n" + printFunction(Block) + "\n" +
                 printFunction(SetHvp) + "\n" + Drivers();
  // The sparse entry points are inline (sparseDriverLinkage): other
  // translation units cannot call them, so a header does not declare them.
  Code.Declarations = declarationsFor(
      FD, printDeclaration(Gradient) + printDeclaration(HVP) +
              printHessianDriver(Products, Name + "_hessian", Lowered.Dimension,
                                 /*DeclarationOnly=*/true));
  if (Lowered.Primal.RealTypeName == "double")
    Code.ObjectiveFactory = "\n" + printObjectiveFactory(Lowered);
  return Code;
}

} // namespace

struct Differentiator::State {
  State(clang::ASTContext &Ctx, DiagnosticCollector &Diags)
      : Ctx(Ctx), Diags(Diags), Helpers(Ctx, Diags), Printer(Module) {}

  clang::ASTContext &Ctx;
  DiagnosticCollector &Diags;
  HelperLowering Helpers;
  DerivativeModule Module;
  HelperPrinter Printer;
};

Differentiator::Differentiator(clang::ASTContext &Ctx, DiagnosticCollector &Diags)
    : TheState(std::make_unique<State>(Ctx, Diags)) {}

Differentiator::~Differentiator() = default;

std::vector<const clang::FunctionDecl *>
Differentiator::findAnnotatedDefinitions(bool InBodies) {
  AnnotatedFunctionFinder Finder(TheState->Ctx.getSourceManager(), TheState->Helpers,
                                 InBodies);
  Finder.TraverseDecl(TheState->Ctx.getTranslationUnitDecl());
  return std::move(Finder.Found);
}

void Differentiator::forgetFailedHelpers() { TheState->Helpers.forgetFailures(); }

std::optional<GeneratedCode> Differentiator::differentiate(const clang::FunctionDecl *FD) {
  State &S = *TheState;
  auto Lowered = lowerFunction(S.Ctx, FD, findHesscAnnotation(FD), S.Helpers, S.Diags);
  if (!Lowered)
    return std::nullopt;
  return generate(S.Ctx, FD, *Lowered, S.Module, S.Printer);
}

std::vector<GeneratedCode>
differentiateTranslationUnit(clang::ASTContext &Ctx, DiagnosticCollector &Diags,
                             const std::vector<clang::SourceLocation> &CompileErrors) {
  Differentiator D(Ctx, Diags);
  std::vector<GeneratedCode> Result;
  auto &SM = Ctx.getSourceManager();
  bool WithObjective = declaresObjective(Ctx);
  for (const clang::FunctionDecl *FD : D.findAnnotatedDefinitions()) {
    clang::SourceRange Range(SM.getExpansionLoc(FD->getBeginLoc()),
                             SM.getExpansionLoc(FD->getEndLoc()));
    bool HasCompileError = std::any_of(
        CompileErrors.begin(), CompileErrors.end(), [&](clang::SourceLocation L) {
          return SM.isPointWithin(SM.getExpansionLoc(L), Range.getBegin(),
                                  Range.getEnd());
        });
    if (HasCompileError)
      continue;
    if (std::optional<GeneratedCode> Code = D.differentiate(FD)) {
      if (WithObjective)
        Code->Source += Code->ObjectiveFactory;
      Result.push_back(std::move(*Code));
    }
  }
  return Result;
}

} // namespace hessc
