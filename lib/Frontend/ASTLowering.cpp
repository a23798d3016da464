//===- ASTLowering.cpp - Turn an annotated Clang function into hessc IR ---===//

#include "Frontend/ASTLowering.h"

#include "Frontend/SpecParser.h"
#include "Transforms/DerivativeRules.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/TargetInfo.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <map>
#include <set>

namespace hessc {

using namespace ir;
using clang::dyn_cast;
using clang::isa;
using clang::cast;

namespace {

constexpr llvm::StringLiteral AnnotationName = "hessc.diff";

bool isRealType(clang::QualType T) {
  const auto *BT = T.getCanonicalType()->getAs<clang::BuiltinType>();
  return BT && (BT->getKind() == clang::BuiltinType::Float ||
                BT->getKind() == clang::BuiltinType::Double);
}

bool isLongDouble(clang::QualType T) {
  return T.getCanonicalType()->isSpecificBuiltinType(
      clang::BuiltinType::LongDouble);
}

bool isIntType(clang::QualType T) {
  T = T.getCanonicalType();
  return T->isIntegerType() && !T->isBooleanType() && !T->isEnumeralType();
}

/// True when `T` is a pointer to, or array of, integers: data such as
/// labels or indices.
bool isIntArrayType(clang::QualType T) {
  if (const auto *PT = T->getAs<clang::PointerType>())
    return isIntType(PT->getPointeeType());
  if (const auto *AT = T->getAsArrayTypeUnsafe())
    return isIntType(AT->getElementType());
  return false;
}

/// The element type when `T` is a pointer to, or array of, float/double.
bool isRealArrayType(clang::QualType T) {
  if (const auto *PT = T->getAs<clang::PointerType>())
    return isRealType(PT->getPointeeType());
  if (const auto *AT = T->getAsArrayTypeUnsafe())
    return isRealType(AT->getElementType());
  return false;
}

/// A std::vector or std::array of float/double: how it is stored and, for
/// std::array, its length.
struct ContainerInfo {
  ArrayStorage Storage;
  uint64_t FixedLength = 0;
};

std::optional<ContainerInfo> classifyContainer(clang::QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  const auto *Spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(
      T->getAsCXXRecordDecl());
  if (!Spec || !Spec->isInStdNamespace() || Spec->getTemplateArgs().size() < 1)
    return std::nullopt;
  const clang::TemplateArgument &Element = Spec->getTemplateArgs()[0];
  if (Element.getKind() != clang::TemplateArgument::Type ||
      !isRealType(Element.getAsType()))
    return std::nullopt;
  if (Spec->getName() == "vector")
    return ContainerInfo{ArrayStorage::StdVector, 0};
  if (Spec->getName() == "array" && Spec->getTemplateArgs().size() == 2 &&
      Spec->getTemplateArgs()[1].getKind() == clang::TemplateArgument::Integral)
    return ContainerInfo{ArrayStorage::StdArray,
                         Spec->getTemplateArgs()[1].getAsIntegral().getZExtValue()};
  return std::nullopt;
}

/// Lowers one function. Each lower* method returns null/false after
/// reporting an error; callers propagate the failure without reporting
/// again, so every error appears once, at its own location.
class FunctionLowering {
public:
  FunctionLowering(clang::ASTContext &Ctx, const clang::FunctionDecl *FD,
                   const clang::AnnotateAttr *Annotation, HelperLowering &Helpers,
                   DiagnosticCollector &Diags)
      : Ctx(Ctx), FD(FD), Annotation(Annotation), Helpers(Helpers), Diags(Diags) {}

  /// An annotated function: its independents come from the spec.
  std::optional<LoweredFunction> run() {
    if (!checkFunctionKind() || !lowerSignature() || !lowerSpec())
      return std::nullopt;
    if (!lowerStmt(FD->getBody(), Result.Primal.Body))
      return std::nullopt;
    return std::move(Result);
  }

  /// A helper that an annotated function calls: any of its real parameters
  /// may be active at a call, so there is no spec.
  std::optional<ir::Function> runHelper(const std::string &RealType) {
    IsHelper = true;
    if (!checkFunctionKind() || !lowerSignature())
      return std::nullopt;
    if (Result.Primal.RealTypeName != RealType)
      return std::nullopt; // The caller reports the mismatch.
    // Derivatives of helpers are printed in the caller's scope: they are
    // named after the qualified name, calls to the helper spell it out.
    Result.Primal.QualifiedName = FD->getQualifiedNameAsString();
    Result.Primal.Name = Result.Primal.QualifiedName;
    for (size_t Pos; (Pos = Result.Primal.Name.find("::")) != std::string::npos;)
      Result.Primal.Name.replace(Pos, 2, "_");
    if (!lowerStmt(FD->getBody(), Result.Primal.Body))
      return std::nullopt;
    return std::move(Result.Primal);
  }

private:
  //===--------------------------------------------------------------------===//
  // The function and its parameters
  //===--------------------------------------------------------------------===//

  std::string name() const { return FD->getNameAsString(); }

  bool checkFunctionKind() {
    const char *What = nullptr;
    if (const auto *Method = dyn_cast<clang::CXXMethodDecl>(FD))
      What = Method->getParent()->isLambda() ? "lambdas" : "member functions";
    else if (FD->isTemplated() || FD->isFunctionTemplateSpecialization())
      What = "templates";
    else if (FD->isVariadic())
      What = "variadic functions";
    if (What) {
      Diags.report(FD->getLocation(), DiagID::err_not_free_function)
          << name() << What;
      return false;
    }
    clang::QualType Ret = FD->getReturnType();
    if (!isRealType(Ret)) {
      Diags.report(FD->getReturnTypeSourceRange().getBegin(),
                   DiagID::err_return_type)
          << name() << Ret.getAsString() << FD->getReturnTypeSourceRange();
      return false;
    }
    auto &SM = Ctx.getSourceManager();
    if (!IsHelper && !SM.isWrittenInMainFile(SM.getExpansionLoc(FD->getLocation()))) {
      Diags.report(FD->getLocation(), DiagID::err_not_in_main_file) << name();
      return false;
    }
    Result.Primal.Name = name();
    Result.Primal.RealTypeName =
        Ret.getCanonicalType()->isSpecificBuiltinType(clang::BuiltinType::Float)
            ? "float"
            : "double";
    if (FD->getStorageClass() == clang::SC_Static)
      Result.Primal.Linkage = "static ";
    else if (FD->isInlineSpecified() || FD->isConstexpr())
      Result.Primal.Linkage = "inline ";
    return true;
  }

  bool lowerSignature() {
    clang::PrintingPolicy Policy = Ctx.getPrintingPolicy();
    Policy.SuppressScope = false;
    for (const clang::ParmVarDecl *P : FD->parameters()) {
      if (P->getName().empty()) {
        Diags.report(P->getLocation(), DiagID::err_unnamed_param)
            << std::to_string(P->getFunctionScopeIndex() + 1);
        return false;
      }
      clang::QualType T = P->getOriginalType();
      auto V = std::make_shared<Variable>();
      V->Name = P->getNameAsString();
      clang::QualType Value = T->isReferenceType() && T.getNonReferenceType().isConstQualified()
                                  ? T.getNonReferenceType().getUnqualifiedType()
                                  : T;
      if (isRealType(Value)) {
        V->Kind = ScalarKind::Real;
      } else if (isIntType(Value)) {
        V->Kind = ScalarKind::Int;
      } else if (T->isBooleanType()) {
        V->Kind = ScalarKind::Bool;
      } else if (isRealArrayType(T)) {
        V->IsArray = true;
        if (const auto *CAT = Ctx.getAsConstantArrayType(T))
          FixedLengths[P] = CAT->getSize().getZExtValue();
      } else if (isIntArrayType(T)) {
        V->IsArray = true;
        V->Kind = ScalarKind::Int;
      } else if (auto Container = classifyContainer(T)) {
        V->IsArray = true;
        V->Storage = Container->Storage;
        if (Container->Storage == ArrayStorage::StdArray)
          FixedLengths[P] = Container->FixedLength;
      } else if (T.getNonReferenceType()->isRecordType() ||
                 (T->isPointerType() && T->getPointeeType()->isRecordType())) {
        // Constant data: its numeric members may be read.
        RecordParams.insert(P);
        V->IsOpaque = true;
      } else {
        // Kept in the signature; reported only if the body reads it.
        UnsupportedParams.insert(P);
      }
      // Also the declaration with the name commented out, for derivatives
      // that do not need the parameter: `const double */*a*/`.
      std::string Declaration, Unnamed;
      llvm::raw_string_ostream OS(Declaration), UnnamedOS(Unnamed);
      T.print(OS, Policy, P->getName());
      T.print(UnnamedOS, Policy, "/*" + P->getName().str() + "*/");
      Result.Primal.Params.push_back({OS.str(), V, UnnamedOS.str()});
      Vars[P] = V;
    }
    return true;
  }

  //===--------------------------------------------------------------------===//
  // The spec string
  //===--------------------------------------------------------------------===//

  const clang::StringLiteral *specLiteral() const {
    if (Annotation->args_size() < 1)
      return nullptr;
    const clang::Expr *E = *Annotation->args_begin();
    if (const auto *CE = dyn_cast<clang::ConstantExpr>(E))
      E = CE->getSubExpr();
    return dyn_cast<clang::StringLiteral>(E->IgnoreParenImpCasts());
  }

  /// The location of byte `Offset` of the spec, inside the user's string
  /// literal, so errors point at the offending name.
  clang::SourceLocation specLoc(unsigned Offset) const {
    const clang::StringLiteral *Lit = specLiteral();
    if (!Lit)
      return Annotation->getLocation();
    auto &SM = Ctx.getSourceManager();
    // The literal is spelled `"" "x[n]"` by the macro; getLocationOfByte
    // walks the concatenated tokens to the user's one.
    clang::SourceLocation Loc = Lit->getLocationOfByte(
        Offset, SM, Ctx.getLangOpts(), Ctx.getTargetInfo());
    return SM.getSpellingLoc(Loc);
  }

  const clang::ParmVarDecl *findParam(llvm::StringRef Name) const {
    for (const clang::ParmVarDecl *P : FD->parameters())
      if (P->getName() == Name)
        return P;
    return nullptr;
  }

  bool lowerSpec() {
    const clang::StringLiteral *Lit = specLiteral();
    std::string Spec = Lit ? Lit->getString().str() : "";
    bool ResolveFailed = false;
    LengthNameResolver Resolve = [&](const std::string &Array,
                                     const std::string &N,
                                     unsigned Offset) -> ExprRef {
      const clang::ParmVarDecl *P = findParam(N);
      if (!P || !isIntType(P->getType())) {
        Diags.report(specLoc(Offset), DiagID::err_spec_length_not_int)
            << Array << N;
        ResolveFailed = true;
        return nullptr;
      }
      return use(Vars[P]);
    };
    SpecError Error;
    auto Entries = parseSpec(Spec, Resolve, Error);
    if (!Entries) {
      if (!ResolveFailed)
        Diags.report(specLoc(Error.Offset), DiagID::err_spec_syntax)
            << Error.Message;
      return false;
    }
    if (Entries->empty())
      return defaultIndependents();

    llvm::DenseSet<const clang::ParmVarDecl *> Seen;
    for (SpecEntry &Entry : *Entries) {
      const clang::ParmVarDecl *P = findParam(Entry.Name);
      clang::SourceLocation Loc = specLoc(Entry.NameOffset);
      if (!P) {
        Diags.report(Loc, DiagID::err_spec_unknown_param) << Entry.Name << name();
        return false;
      }
      if (!Seen.insert(P).second) {
        Diags.report(Loc, DiagID::err_spec_duplicate) << Entry.Name;
        return false;
      }
      const VarRef &V = Vars[P];
      clang::QualType T = P->getOriginalType();
      if (isRealType(T)) {
        if (Entry.HasLength) {
          Diags.report(Loc, DiagID::err_spec_scalar_with_length) << Entry.Name;
          return false;
        }
        Result.Independents.push_back({V, nullptr});
        continue;
      }
      if (!V->IsArray || V->Kind != ScalarKind::Real) {
        Diags.report(Loc, DiagID::err_spec_not_real)
            << Entry.Name << T.getAsString();
        return false;
      }
      ExprRef Length = Entry.Length;
      if (!Length && V->Storage == ArrayStorage::StdVector) {
        Length = sizeOf(V);
        Result.DimensionFromIndependents = true;
      }
      if (!Length) {
        auto Fixed = FixedLengths.find(P);
        if (Fixed == FixedLengths.end()) {
          Diags.report(Loc, DiagID::err_spec_array_needs_length) << Entry.Name;
          return false;
        }
        Length = intConst(static_cast<long long>(Fixed->second));
      }
      Result.Independents.push_back({V, Length});
    }
    computeDimension();
    return true;
  }

  bool defaultIndependents() {
    for (const clang::ParmVarDecl *P : FD->parameters())
      if (isRealType(P->getOriginalType()))
        Result.Independents.push_back({Vars[P], nullptr});
    if (Result.Independents.empty()) {
      Diags.report(FD->getLocation(), DiagID::err_no_independents) << name();
      return false;
    }
    computeDimension();
    return true;
  }

  void computeDimension() {
    ExprRef N;
    long long Scalars = 0;
    for (const Independent &I : Result.Independents) {
      if (!I.Length) {
        ++Scalars;
        continue;
      }
      N = N ? binary(OpCode::Add, N, I.Length) : I.Length;
    }
    if (Scalars)
      N = N ? binary(OpCode::Add, N, intConst(Scalars)) : intConst(Scalars);
    Result.Dimension = N;
  }

  //===--------------------------------------------------------------------===//
  // Statements
  //===--------------------------------------------------------------------===//

  bool unsupported(const clang::Stmt *S, const std::string &What,
                   const std::string &Why) {
    Diags.report(S->getBeginLoc(), DiagID::err_unsupported_stmt)
        << What << Why << S->getSourceRange();
    return false;
  }

  bool lowerStmt(const clang::Stmt *S, Block &Out) {
    if (!S)
      return true;
    CurrentStmtLoc = S->getBeginLoc();
    if (const auto *CS = dyn_cast<clang::CompoundStmt>(S)) {
      for (const clang::Stmt *Child : CS->body())
        if (!lowerStmt(Child, Out))
          return false;
      return true;
    }
    if (isa<clang::NullStmt>(S))
      return true;
    if (const auto *DS = dyn_cast<clang::DeclStmt>(S))
      return lowerDeclStmt(DS, Out);
    if (const auto *RS = dyn_cast<clang::ReturnStmt>(S))
      return lowerReturn(RS, Out);
    if (const auto *IS = dyn_cast<clang::IfStmt>(S))
      return lowerIf(IS, Out);
    if (const auto *FS = dyn_cast<clang::ForStmt>(S))
      return inLoop([&] { return lowerFor(FS, Out); });
    if (const auto *E = dyn_cast<clang::Expr>(S))
      return lowerExprStmt(E, Out);

    if (const auto *WS = dyn_cast<clang::WhileStmt>(S))
      return inLoop([&] { return lowerWhile(WS, Out); });
    if (const auto *DS = dyn_cast<clang::DoStmt>(S))
      return inLoop([&] { return lowerDo(DS, Out); });
    if (isa<clang::BreakStmt>(S) || isa<clang::ContinueStmt>(S)) {
      // Only loops can hold them here: a 'switch' is rejected as a whole.
      Out.push_back(isa<clang::BreakStmt>(S) ? breakStmt() : continueStmt());
      return true;
    }
    if (isa<clang::GotoStmt>(S) || isa<clang::IndirectGotoStmt>(S))
      return unsupported(S, "'goto'", "jumps cannot be reversed; use structured loops and if/else");
    if (isa<clang::LabelStmt>(S))
      return unsupported(S, "a label", "jumps cannot be reversed; use structured loops and if/else");
    if (isa<clang::SwitchStmt>(S))
      return unsupported(S, "'switch'", "not supported yet; use if/else");
    if (isa<clang::CXXTryStmt>(S))
      return unsupported(S, "'try'", "exceptions cannot be differentiated");
    if (isa<clang::CXXForRangeStmt>(S))
      return unsupported(S, "a range-based 'for' loop", "not supported yet; loop over an integer index");
    return unsupported(S, std::string("a '") + S->getStmtClassName() + "'",
                       "this statement is not supported");
  }

  VarRef declareLocal(const clang::VarDecl *VD, ScalarKind Kind) {
    VarRef V = addLocal(Result.Primal, VD->getNameAsString(), Kind);
    Vars[VD] = V;
    return V;
  }

  bool lowerDeclStmt(const clang::DeclStmt *DS, Block &Out) {
    for (const clang::Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<clang::VarDecl>(D);
      if (!VD) {
        if (isa<clang::TypedefNameDecl>(D) || isa<clang::StaticAssertDecl>(D))
          continue;
        return unsupported(DS, "this declaration", "only local variables may be declared");
      }
      if (!VD->hasLocalStorage())
        return unsupported(DS, "a static local variable", "its value outlives the call; make it a constant or a parameter");
      clang::QualType T = VD->getType();
      ScalarKind Kind;
      if (isRealType(T))
        Kind = ScalarKind::Real;
      else if (isIntType(T))
        Kind = ScalarKind::Int;
      else if (T->isBooleanType())
        Kind = ScalarKind::Bool;
      else if (isLongDouble(T)) {
        Diags.report(VD->getLocation(), DiagID::err_mixed_real_types)
            << VD->getNameAsString();
        return false;
      } else if (T->isArrayType() || classifyContainer(T)) {
        if (!lowerLocalArray(VD, Out))
          return false;
        continue;
      } else if (T->isReferenceType())
        return unsupported(DS, "a local reference", "not supported yet; use a copy of the value");
      else
        return unsupported(DS, "a local of type '" + T.getAsString() + "'",
                           "only float, double, integer and bool locals are supported");
      VarRef V = declareLocal(VD, Kind);
      if (!VD->hasInit())
        continue;
      // `double t{e}` and `double t = {e}` are `double t = e`; `double t{}`
      // is zero.
      const clang::Expr *InitExpr = VD->getInit();
      ExprRef Init;
      if (const auto *IL = dyn_cast<clang::InitListExpr>(InitExpr->IgnoreImplicit());
          IL && IL->getNumInits() <= 1) {
        if (IL->getNumInits() == 1)
          InitExpr = IL->getInit(0);
        else
          Init = Kind == ScalarKind::Real  ? realConst(0)
                 : Kind == ScalarKind::Int ? intConst(0)
                                           : boolConst(false);
      }
      if (!Init)
        Init = lowerValue(InitExpr, Kind);
      if (!Init)
        return false;
      flushCalls(Out);
      StmtPtr A = assign({V, nullptr}, Init);
      A->IsDeclaration = true;
      Out.push_back(std::move(A));
    }
    return true;
  }

  /// `double t[8] = {...}`, `std::array<double, 8> t{}` or
  /// `std::vector<double> t(n)` / `t(n, value)`: a zero-initialised array
  /// hoisted to the top of the generated code, so its length may only
  /// depend on parameters and constants.
  bool lowerLocalArray(const clang::VarDecl *VD, Block &Out) {
    clang::QualType T = VD->getType();
    auto V = std::make_shared<Variable>();
    V->IsArray = V->IsWritableArray = true;
    ExprRef Length;
    ExprRef Fill;
    std::vector<const clang::Expr *> Elements;
    const clang::Expr *Init = VD->hasInit() ? VD->getInit()->IgnoreImplicit() : nullptr;
    if (const auto *CAT = Ctx.getAsConstantArrayType(T)) {
      if (!isRealType(CAT->getElementType()))
        return unsupportedDecl(VD, "a local array of '" + CAT->getElementType().getAsString() + "'",
                               "only arrays of float or double are supported");
      V->Storage = ArrayStorage::CArray;
      Length = intConst(static_cast<long long>(CAT->getSize().getZExtValue()));
      if (const auto *IL = llvm::dyn_cast_or_null<clang::InitListExpr>(Init))
        for (const clang::Expr *E : IL->inits())
          Elements.push_back(E);
    } else {
      ContainerInfo Info = *classifyContainer(T);
      V->Storage = Info.Storage;
      if (Info.Storage == ArrayStorage::StdArray) {
        Length = intConst(static_cast<long long>(Info.FixedLength));
        if (const auto *IL = llvm::dyn_cast_or_null<clang::InitListExpr>(Init)) {
          // std::array<double, 3> t = {a, b, c}: an aggregate around a C array.
          if (IL->getNumInits() == 1)
            if (const auto *Inner = dyn_cast<clang::InitListExpr>(IL->getInit(0)->IgnoreImplicit()))
              IL = Inner;
          for (const clang::Expr *E : IL->inits())
            if (!isa<clang::ImplicitValueInitExpr>(E)) // `t{}`: zeros already
              Elements.push_back(E);
        }
      } else {
        const auto *Construct = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(Init);
        if (!Construct || Construct->getNumArgs() < 1 ||
            isa<clang::CXXDefaultArgExpr>(Construct->getArg(0)))
          return unsupportedDecl(VD, "a std::vector without a size",
                                 "give it its size at construction, std::vector<double> t(n); growing it is not supported");
        Length = lowerValue(Construct->getArg(0), ScalarKind::Int);
        if (!Length)
          return false;
        if (Construct->getNumArgs() >= 2 && !isa<clang::CXXDefaultArgExpr>(Construct->getArg(1))) {
          Fill = lowerValue(Construct->getArg(1), ScalarKind::Real);
          if (!Fill)
            return false;
        }
      }
    }
    std::vector<VarRef> LengthUses;
    collectUses(Length, LengthUses);
    for (const VarRef &U : LengthUses)
      if (!isParameter(U))
        return unsupportedDecl(VD, "a local array whose length depends on local variables",
                               "hessc declares its arrays at the top of the generated code; compute the length from parameters and constants");
    V->Name = uniqueName(Result.Primal, VD->getNameAsString());
    Result.Primal.Locals.push_back(Local::ownedArray(V, Length));
    Vars[VD] = V;

    // Initialisation. The array is declared once, zeroed, at the top of the
    // generated code; a declaration that runs again (in a loop) zeroes it
    // again there, as C++ would give it fresh zeros. Then the explicit
    // elements, or a fill value.
    bool Filled = Fill && !isRealConst(Fill, 0);
    if (!Filled && LoopDepth > 0) {
      VarRef Counter = addLocal(Result.Primal, "k", ScalarKind::Int);
      Block Body;
      StmtPtr A = assign({V, use(Counter)}, realConst(0));
      A->IsDeclaration = true;
      Body.push_back(std::move(A));
      Out.push_back(countedLoop(Counter, Length, std::move(Body)));
    }
    for (size_t I = 0; I < Elements.size(); ++I) {
      ExprRef Value = lowerValue(Elements[I], ScalarKind::Real);
      if (!Value)
        return false;
      flushCalls(Out);
      StmtPtr A = assign({V, intConst(static_cast<long long>(I))}, Value);
      A->IsDeclaration = true;
      Out.push_back(std::move(A));
    }
    if (Filled) {
      VarRef Counter = addLocal(Result.Primal, "k", ScalarKind::Int);
      Block Body;
      StmtPtr A = assign({V, use(Counter)}, Fill);
      A->IsDeclaration = true;
      Body.push_back(std::move(A));
      Out.push_back(countedLoop(Counter, Length, std::move(Body)));
    }
    return true;
  }

  /// Lowers a loop: the declarations in it run once per iteration.
  template <typename LowerLoop> bool inLoop(LowerLoop Lower) {
    ++LoopDepth;
    bool Done = Lower();
    --LoopDepth;
    return Done;
  }

  bool unsupportedDecl(const clang::VarDecl *VD, const std::string &What,
                       const std::string &Why) {
    Diags.report(VD->getLocation(), DiagID::err_unsupported_stmt)
        << What << Why << VD->getSourceRange();
    return false;
  }

  bool isParameter(const VarRef &V) const {
    for (const Parameter &P : Result.Primal.Params)
      if (P.Var == V)
        return true;
    return SizeVars.count(V.get()) != 0;
  }

  /// `static_cast<int>(x.size())` for a std::vector, as an integer value.
  ExprRef sizeOf(const VarRef &Container) {
    VarRef &Size = SizeOfContainer[Container.get()];
    if (!Size) {
      Size = std::make_shared<Variable>();
      Size->Name = "static_cast<int>(" + Container->Name + ".size())";
      Size->Kind = ScalarKind::Int;
      Size->DataOf = Container;
      SizeVars.insert(Size.get());
    }
    return use(Size);
  }

  bool lowerReturn(const clang::ReturnStmt *RS, Block &Out) {
    ExprRef Value = lowerValue(RS->getRetValue(), ScalarKind::Real);
    if (!Value)
      return false;
    flushCalls(Out);
    Out.push_back(returnStmt(Value));
    return true;
  }

  bool lowerIf(const clang::IfStmt *IS, Block &Out) {
    if (IS->getInit() || IS->getConditionVariable())
      return unsupported(IS, "an 'if' with an initialiser", "not supported yet; declare the variable before the 'if'");
    if (IS->isConsteval())
      return unsupported(IS, "'if consteval'", "not supported");
    ExprRef Cond = lowerCondition(IS->getCond());
    if (!Cond)
      return false;
    flushCalls(Out);
    Block Then, Else;
    if (!lowerStmt(IS->getThen(), Then) || !lowerStmt(IS->getElse(), Else))
      return false;
    Out.push_back(ifStmt(Cond, std::move(Then), std::move(Else)));
    return true;
  }

  bool lowerFor(const clang::ForStmt *FS, Block &Out) {

    if (FS->getConditionVariable())
      return unsupported(FS, "a 'for' condition that declares a variable", "not supported");
    Block Init, Step, Body;
    if (!lowerStmt(FS->getInit(), Init))
      return false;
    if (Init.size() > 1)
      return unsupported(FS->getInit(), "a 'for' initialiser that declares several variables", "not supported yet; declare the others before the loop");
    // for (;;) runs until a break or return.
    ExprRef Cond = FS->getCond() ? lowerCondition(FS->getCond()) : boolConst(true);
    if (!Cond || !noCallsIn(FS->getCond()))
      return false;
    bool Ok = lowerStmt(FS->getInc(), Step) && noCallsIn(FS->getInc()) &&
              lowerStmt(FS->getBody(), Body);
    if (!Ok)
      return false;
    if (Step.size() > 1)
      return unsupported(FS->getInc(), "this 'for' increment", "use a single update of the loop counter");
    Out.push_back(forStmt(std::move(Init), Cond, std::move(Step), std::move(Body)));
    return true;
  }

  /// Moves the calls hoisted out of the expressions just lowered in front
  /// of the statement that uses their results.
  void flushCalls(Block &Out) {
    for (StmtPtr &S : PendingCalls)
      Out.push_back(std::move(S));
    PendingCalls.clear();
  }

  /// Calls in a loop header would have to run on every iteration; they
  /// are reported instead of hoisted. `E` was just lowered.
  bool noCallsIn(const clang::Stmt *E) {
    if (PendingCalls.empty())
      return true;
    Diags.report(E->getBeginLoc(), DiagID::err_call_in_loop_condition)
        << PendingCalls.front()->Callee->Name << E->getSourceRange();
    PendingCalls.clear();
    return false;
  }

  bool lowerWhile(const clang::WhileStmt *WS, Block &Out) {
    if (WS->getConditionVariable())
      return unsupported(WS, "a 'while' condition that declares a variable", "declare it before the loop");
    ExprRef Cond = lowerCondition(WS->getCond());
    Block Body;
    if (!Cond || !noCallsIn(WS->getCond()) || !lowerStmt(WS->getBody(), Body))
      return false;
    Out.push_back(forStmt({}, Cond, {}, std::move(Body)));
    return true;
  }

  bool lowerDo(const clang::DoStmt *DS, Block &Out) {
    Block Body;
    if (!lowerStmt(DS->getBody(), Body))
      return false;
    ExprRef Cond = lowerCondition(DS->getCond());
    if (!Cond || !noCallsIn(DS->getCond()))
      return false;
    StmtPtr Loop = forStmt({}, Cond, {}, std::move(Body));
    Loop->TestAtEnd = true;
    Out.push_back(std::move(Loop));
    return true;
  }

  bool lowerExprStmt(const clang::Expr *E, Block &Out) {
    E = E->IgnoreParens();
    if (const auto *EWC = dyn_cast<clang::ExprWithCleanups>(E))
      E = EWC->getSubExpr()->IgnoreParens();
    if (const auto *BO = dyn_cast<clang::BinaryOperator>(E)) {
      if (BO->isAssignmentOp())
        return lowerAssignment(BO, Out);
      if (BO->getOpcode() == clang::BO_Comma)
        return lowerExprStmt(BO->getLHS(), Out) && lowerExprStmt(BO->getRHS(), Out);
    }
    if (const auto *UO = dyn_cast<clang::UnaryOperator>(E);
        UO && UO->isIncrementDecrementOp())
      return lowerIncrement(UO, Out);
    if (const auto *CE = dyn_cast<clang::CastExpr>(E);
        CE && CE->getType()->isVoidType())
      return true; // `(void)x;` silences warnings and computes nothing.
    if (!E->HasSideEffects(Ctx)) {
      Diags.report(E->getBeginLoc(), DiagID::err_unsupported_expr)
          << "an expression statement with no effect"
          << "remove it" << E->getSourceRange();
      return false;
    }
    if (isa<clang::CallExpr>(E) || isa<clang::CXXThrowExpr>(E)) {
      // Reports the precise reason (no body, user function, ...).
      lowerExpr(E);
      return false;
    }
    Diags.report(E->getBeginLoc(), DiagID::err_unsupported_expr)
        << "this expression statement" << "only assignments and increments are supported as statements"
        << E->getSourceRange();
    return false;
  }

  /// The array and index of `E` when it reads an element: `t[i]`, `x[i]`
  /// on a std::vector or std::array, `x.at(i)`, `p.w[i]`. Null if `E` is
  /// not an element access; Failed is set after an error.
  std::optional<LValue> lowerElement(const clang::Expr *E, bool &Failed) {
    E = E->IgnoreParens();
    const clang::Expr *Base = nullptr, *Index = nullptr;
    if (const auto *ASE = dyn_cast<clang::ArraySubscriptExpr>(E)) {
      Base = ASE->getBase();
      Index = ASE->getIdx();
    } else if (const auto *Op = dyn_cast<clang::CXXOperatorCallExpr>(E);
               Op && Op->getOperator() == clang::OO_Subscript) {
      Base = Op->getArg(0);
      Index = Op->getArg(1);
    } else if (const auto *MC = dyn_cast<clang::CXXMemberCallExpr>(E);
               MC && MC->getMethodDecl() && MC->getMethodDecl()->getName() == "at" &&
               MC->getNumArgs() == 1) {
      Base = MC->getImplicitObjectArgument();
      Index = MC->getArg(0);
    } else {
      return std::nullopt;
    }
    VarRef Array = lowerArrayBase(Base);
    if (!Array) {
      Failed = true;
      unsupportedExpr(E, "this subscript",
                      "only arrays of float or double (parameters, locals, std::vector, std::array, data members) can be indexed");
      return std::nullopt;
    }
    ExprRef I = lowerValue(Index, ScalarKind::Int);
    if (!I) {
      Failed = true;
      return std::nullopt;
    }
    return LValue{Array, I};
  }

  /// The array variable a subscript indexes, or null.
  VarRef lowerArrayBase(const clang::Expr *Base) {
    Base = Base->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<clang::DeclRefExpr>(Base)) {
      auto It = Vars.find(DRE->getDecl());
      if (It != Vars.end() && It->second->IsArray)
        return It->second;
      return globalArray(DRE);
    }
    if (const auto *ME = dyn_cast<clang::MemberExpr>(Base))
      return dataMember(ME, /*WantArray=*/true);
    return nullptr;
  }

  /// The variable an assignment writes (with its index for an element), or
  /// nullopt after an error.
  std::optional<LValue> lowerTarget(const clang::Expr *LHS) {
    LHS = LHS->IgnoreParens();
    bool Failed = false;
    if (auto Element = lowerElement(LHS, Failed)) {
      if (!Element->Var->IsWritableArray) {
        Diags.report(LHS->getBeginLoc(), DiagID::err_write_to_array)
            << Element->Var->Name << LHS->getSourceRange();
        return std::nullopt;
      }
      return Element;
    }
    if (Failed)
      return std::nullopt;
    if (const auto *DRE = dyn_cast<clang::DeclRefExpr>(LHS)) {
      auto It = Vars.find(DRE->getDecl());
      if (It != Vars.end() && !It->second->IsArray &&
          !UnsupportedParams.count(DRE->getDecl()) && !isa<clang::VarDecl>(DRE->getDecl()) == false &&
          isLocalOrParam(DRE->getDecl()))
        return LValue{It->second, nullptr};
    }
    Diags.report(LHS->getBeginLoc(), DiagID::err_unsupported_expr)
        << "this assignment"
        << "only local variables, local arrays and scalar parameters may be assigned; writes through pointers and to globals are not supported"
        << LHS->getSourceRange();
    return std::nullopt;
  }

  static bool isLocalOrParam(const clang::ValueDecl *D) {
    const auto *VD = dyn_cast<clang::VarDecl>(D);
    return VD && VD->hasLocalStorage();
  }

  bool lowerAssignment(const clang::BinaryOperator *BO, Block &Out) {
    std::optional<LValue> Target = lowerTarget(BO->getLHS());
    if (!Target)
      return false;
    ExprRef Value = lowerValue(BO->getRHS(), Target->Var->Kind);
    if (!Value)
      return false;
    flushCalls(Out);
    if (BO->getOpcode() == clang::BO_Assign) {
      Out.push_back(assign(*Target, Value));
      return true;
    }
    if (Target->Var->Kind != ScalarKind::Real && Value->Type == ScalarKind::Real) {
      Diags.report(BO->getOperatorLoc(), DiagID::err_float_to_int);
      return false;
    }
    OpCode Op;
    switch (BO->getOpcode()) {
    case clang::BO_AddAssign: Op = OpCode::Add; break;
    case clang::BO_SubAssign: Op = OpCode::Sub; break;
    case clang::BO_MulAssign: Op = OpCode::Mul; break;
    case clang::BO_DivAssign: Op = OpCode::Div; break;
    case clang::BO_RemAssign: Op = OpCode::Rem; break;
    default:
      Diags.report(BO->getOperatorLoc(), DiagID::err_unsupported_expr)
          << std::string("'") + BO->getOpcodeStr().str() + "'"
          << "bitwise operations are not supported";
      return false;
    }
    Out.push_back(compoundAssign(*Target, Op, Value));
    return true;
  }

  bool lowerIncrement(const clang::UnaryOperator *UO, Block &Out) {
    std::optional<LValue> Target = lowerTarget(UO->getSubExpr());
    if (!Target)
      return false;
    ExprRef One = Target->Var->Kind == ScalarKind::Real ? realConst(1) : intConst(1);
    Out.push_back(compoundAssign(*Target,
                                 UO->isIncrementOp() ? OpCode::Add : OpCode::Sub,
                                 One));
    return true;
  }

  //===--------------------------------------------------------------------===//
  // Expressions
  //===--------------------------------------------------------------------===//

  ExprRef unsupportedExpr(const clang::Expr *E, const std::string &What,
                          const std::string &Why) {
    // Implicit expressions have no location of their own: point at the
    // statement that holds them.
    clang::SourceLocation Loc =
        E->getExprLoc().isValid() ? E->getExprLoc() : CurrentStmtLoc;
    Diags.report(Loc, DiagID::err_unsupported_expr)
        << What << Why << E->getSourceRange();
    return nullptr;
  }

  /// Lowers `E` and converts it to `Kind` the way C++ would implicitly.
  ExprRef lowerValue(const clang::Expr *E, ScalarKind Kind) {
    ExprRef V = lowerExpr(E);
    if (!V || V->Type == Kind)
      return V;
    if (Kind == ScalarKind::Real && V->Type == ScalarKind::Int)
      return intToReal(V);
    if (Kind == ScalarKind::Bool)
      return toBool(V);
    if (Kind == ScalarKind::Int && V->Type == ScalarKind::Bool)
      return select(V, intConst(1), intConst(0));
    Diags.report(E->getExprLoc(), DiagID::err_float_to_int) << E->getSourceRange();
    return nullptr;
  }

  static ExprRef toBool(const ExprRef &V) {
    if (V->Type == ScalarKind::Bool)
      return V;
    return binary(OpCode::Ne, V,
                  V->Type == ScalarKind::Real ? realConst(0) : intConst(0));
  }

  ExprRef lowerCondition(const clang::Expr *E) {
    ExprRef V = lowerExpr(E);
    return V ? toBool(V) : nullptr;
  }

  /// Folds expressions that are compile-time constants (literals,
  /// constexpr globals, sizeof) so they enter the IR as numbers.
  ExprRef tryConstant(const clang::Expr *E) {
    if (E->isValueDependent() || E->getType()->isPointerType())
      return nullptr;
    clang::Expr::EvalResult R;
    if (!E->EvaluateAsRValue(R, Ctx) || R.HasSideEffects)
      return nullptr;
    if (R.Val.isFloat())
      return realConst(R.Val.getFloat().convertToDouble());
    if (R.Val.isInt()) {
      if (E->getType()->isBooleanType())
        return boolConst(R.Val.getInt().getBoolValue());
      return intConst(R.Val.getInt().getExtValue());
    }
    return nullptr;
  }

  ExprRef lowerExpr(const clang::Expr *E) {
    E = E->IgnoreParens();
    if (ExprRef C = tryConstant(E))
      return C;
    if (const auto *CE = dyn_cast<clang::CastExpr>(E))
      return lowerCast(CE);
    if (const auto *DRE = dyn_cast<clang::DeclRefExpr>(E))
      return lowerDeclRef(DRE);
    {
      bool Failed = false;
      if (auto Element = lowerElement(E, Failed))
        return element(Element->Var, Element->Index);
      if (Failed)
        return nullptr;
    }
    if (const auto *MC = dyn_cast<clang::CXXMemberCallExpr>(E);
        MC && MC->getMethodDecl() && MC->getMethodDecl()->getName() == "size" &&
        MC->getNumArgs() == 0)
      if (VarRef Array = lowerArrayBase(MC->getImplicitObjectArgument());
          Array && Array->Storage != ArrayStorage::Pointer &&
          Array->Storage != ArrayStorage::CArray)
        return sizeOf(Array);
    if (const auto *ME = dyn_cast<clang::MemberExpr>(E))
      if (VarRef Member = dataMember(ME, /*WantArray=*/false))
        return use(Member);
    if (const auto *UO = dyn_cast<clang::UnaryOperator>(E))
      return lowerUnary(UO);
    if (const auto *BO = dyn_cast<clang::BinaryOperator>(E))
      return lowerBinary(BO);
    if (const auto *CO = dyn_cast<clang::ConditionalOperator>(E)) {
      ExprRef Cond = lowerCondition(CO->getCond());
      ExprRef T = Cond ? lowerExpr(CO->getTrueExpr()) : nullptr;
      ExprRef F = T ? lowerExpr(CO->getFalseExpr()) : nullptr;
      return F ? select(Cond, T, F) : nullptr;
    }
    if (const auto *Call = dyn_cast<clang::CallExpr>(E))
      return lowerCall(Call);
    if (const auto *EWC = dyn_cast<clang::ExprWithCleanups>(E))
      return lowerExpr(EWC->getSubExpr());
    // Elements an initialiser list leaves out: double t[3] = {a, b};
    if (isa<clang::ImplicitValueInitExpr>(E))
      return isRealType(E->getType()) ? realConst(0) : intConst(0);
    // A temporary bound to a `const double&` parameter (std::min(x, 2 * y)).
    if (const auto *MTE = dyn_cast<clang::MaterializeTemporaryExpr>(E))
      return lowerExpr(MTE->getSubExpr());
    if (isa<clang::CXXThrowExpr>(E))
      return unsupportedExpr(E, "'throw'", "exceptions cannot be differentiated");
    if (isa<clang::LambdaExpr>(E))
      return unsupportedExpr(E, "a lambda", "not supported yet; write a named function");
    return unsupportedExpr(E, std::string("this expression ('") +
                                  E->getStmtClassName() + "')",
                           "it is not supported yet");
  }

  ExprRef lowerCast(const clang::CastExpr *CE) {
    const clang::Expr *Sub = CE->getSubExpr();
    switch (CE->getCastKind()) {
    case clang::CK_LValueToRValue:
    case clang::CK_NoOp:
    case clang::CK_FloatingCast:
    case clang::CK_IntegralCast:
      if (isLongDouble(CE->getType()) || isLongDouble(Sub->getType()))
        return unsupportedExpr(CE, "a conversion to 'long double'", "hessc computes in the function's own type");
      return lowerExpr(Sub);
    case clang::CK_IntegralToFloating: {
      ExprRef V = lowerExpr(Sub);
      return V ? intToReal(V) : nullptr;
    }
    case clang::CK_IntegralToBoolean:
    case clang::CK_FloatingToBoolean:
      return lowerCondition(Sub);
    case clang::CK_FloatingToIntegral:
      Diags.report(CE->getExprLoc(), DiagID::err_float_to_int) << CE->getSourceRange();
      return nullptr;
    default:
      return unsupportedExpr(CE, std::string("a '") + CE->getCastKindName() + "' conversion",
                             "it is not supported");
    }
  }

  ExprRef lowerDeclRef(const clang::DeclRefExpr *DRE) {
    const clang::ValueDecl *D = DRE->getDecl();
    if (UnsupportedParams.count(D)) {
      Diags.report(DRE->getLocation(), DiagID::err_param_type)
          << D->getNameAsString() << D->getType().getAsString() << DRE->getSourceRange();
      return nullptr;
    }
    auto It = Vars.find(D);
    if (It != Vars.end()) {
      if (It->second->IsArray)
        return unsupportedExpr(DRE, "the array '" + D->getNameAsString() + "' used as a value",
                               "only its elements can be read");
      return use(It->second);
    }
    if (const auto *VD = dyn_cast<clang::VarDecl>(D);
        VD && !VD->hasLocalStorage() && isLongDouble(VD->getType()) == false &&
        (isRealType(VD->getType()) || isIntType(VD->getType()))) {
      // A global read as data: printed by its qualified name, never active.
      auto V = std::make_shared<Variable>();
      V->Name = VD->getQualifiedNameAsString();
      V->Kind = isRealType(VD->getType()) ? ScalarKind::Real : ScalarKind::Int;
      Vars[D] = V;
      return use(V);
    }
    return unsupportedExpr(DRE, "a use of '" + D->getNameAsString() + "'",
                           "only parameters, local variables and numeric constants can be read");
  }

  /// A numeric data member read through a record parameter or a global,
  /// `p.alpha`, `p->w`, `cfg.inner.scale`: constant data, printed as
  /// written. Null if `ME` is not such a member.
  VarRef dataMember(const clang::MemberExpr *ME, bool WantArray) {
    const auto *Field = dyn_cast<clang::FieldDecl>(ME->getMemberDecl());
    if (!Field)
      return nullptr;
    clang::QualType T = Field->getType();
    bool IsIntArray = isIntArrayType(T);
    bool IsArray = isRealArrayType(T) || IsIntArray || classifyContainer(T).has_value();
    if (IsArray != WantArray || (!IsArray && !isRealType(T) && !isIntType(T)))
      return nullptr;
    std::string BaseName;
    // The variable the member chain starts from: a record parameter or a
    // global.
    const clang::Expr *Root = ME->getBase()->IgnoreParenImpCasts();
    while (const auto *Inner = dyn_cast<clang::MemberExpr>(Root)) {
      const auto *InnerField = dyn_cast<clang::FieldDecl>(Inner->getMemberDecl());
      if (!InnerField || !InnerField->getType()->isRecordType())
        return nullptr;
      Root = Inner->getBase()->IgnoreParenImpCasts();
    }
    const auto *RootRef = dyn_cast<clang::DeclRefExpr>(Root);
    if (!RootRef)
      return nullptr;
    const clang::ValueDecl *D = RootRef->getDecl();
    bool IsData = RecordParams.count(D) ||
                  (isa<clang::VarDecl>(D) && !cast<clang::VarDecl>(D)->hasLocalStorage());
    if (!IsData)
      return nullptr;
    const clang::Expr *Base = ME->getBase()->IgnoreParenImpCasts();
    if (const auto *Inner = dyn_cast<clang::MemberExpr>(Base))
      BaseName = memberPath(Inner);
    else
      BaseName = isa<clang::ParmVarDecl>(D) ? D->getNameAsString()
                                            : D->getQualifiedNameAsString();
    std::string Name = BaseName + (ME->isArrow() ? "->" : ".") + Field->getNameAsString();
    VarRef &V = DataMembers[Name];
    if (!V) {
      V = std::make_shared<Variable>();
      V->Name = Name;
      V->Kind = (IsArray && !IsIntArray) || isRealType(T) ? ScalarKind::Real
                                                            : ScalarKind::Int;
      V->IsArray = IsArray;
      auto Param = Vars.find(D);
      if (Param != Vars.end())
        V->DataOf = Param->second;
    }
    return V;
  }

  std::string memberPath(const clang::MemberExpr *ME) {
    const clang::Expr *Base = ME->getBase()->IgnoreParenImpCasts();
    std::string Prefix;
    if (const auto *Inner = dyn_cast<clang::MemberExpr>(Base))
      Prefix = memberPath(Inner);
    else if (const auto *DRE = dyn_cast<clang::DeclRefExpr>(Base))
      Prefix = isa<clang::ParmVarDecl>(DRE->getDecl())
                   ? DRE->getDecl()->getNameAsString()
                   : DRE->getDecl()->getQualifiedNameAsString();
    return Prefix + (ME->isArrow() ? "->" : ".") + ME->getMemberDecl()->getNameAsString();
  }

  /// A namespace-scope array of constants, `static const double y[15]`.
  VarRef globalArray(const clang::DeclRefExpr *DRE) {
    const auto *VD = dyn_cast<clang::VarDecl>(DRE->getDecl());
    if (!VD || VD->hasLocalStorage() ||
        !(isRealArrayType(VD->getType()) || isIntArrayType(VD->getType()) ||
          classifyContainer(VD->getType())))
      return nullptr;
    auto V = std::make_shared<Variable>();
    V->Name = VD->getQualifiedNameAsString();
    V->IsArray = true;
    V->Kind = isIntArrayType(VD->getType()) ? ScalarKind::Int : ScalarKind::Real;
    Vars[VD] = V;
    return V;
  }

  ExprRef lowerUnary(const clang::UnaryOperator *UO) {
    switch (UO->getOpcode()) {
    case clang::UO_Plus:
      return lowerExpr(UO->getSubExpr());
    case clang::UO_Minus: {
      ExprRef V = lowerExpr(UO->getSubExpr());
      return V ? neg(V) : nullptr;
    }
    case clang::UO_LNot: {
      ExprRef V = lowerCondition(UO->getSubExpr());
      return V ? unary(OpCode::Not, V) : nullptr;
    }
    case clang::UO_PreInc:
    case clang::UO_PostInc:
    case clang::UO_PreDec:
    case clang::UO_PostDec:
      return unsupportedExpr(UO, "'++' or '--' inside an expression",
                             "not supported; write the update as a separate statement");
    default:
      return unsupportedExpr(UO, std::string("the operator '") +
                                     clang::UnaryOperator::getOpcodeStr(UO->getOpcode()).str() + "'",
                             "pointers and bitwise operations are not supported");
    }
  }

  ExprRef lowerBinary(const clang::BinaryOperator *BO) {
    if (BO->isAssignmentOp())
      return unsupportedExpr(BO, "an assignment inside an expression",
                             "not supported; write it as a separate statement");
    OpCode Op;
    switch (BO->getOpcode()) {
    case clang::BO_Add: Op = OpCode::Add; break;
    case clang::BO_Sub: Op = OpCode::Sub; break;
    case clang::BO_Mul: Op = OpCode::Mul; break;
    case clang::BO_Div: Op = OpCode::Div; break;
    case clang::BO_Rem: Op = OpCode::Rem; break;
    case clang::BO_LT: Op = OpCode::Lt; break;
    case clang::BO_LE: Op = OpCode::Le; break;
    case clang::BO_GT: Op = OpCode::Gt; break;
    case clang::BO_GE: Op = OpCode::Ge; break;
    case clang::BO_EQ: Op = OpCode::Eq; break;
    case clang::BO_NE: Op = OpCode::Ne; break;
    case clang::BO_LAnd: Op = OpCode::And; break;
    case clang::BO_LOr: Op = OpCode::Or; break;
    default:
      return unsupportedExpr(BO, "the operator '" + BO->getOpcodeStr().str() + "'",
                             "pointers, bitwise operations and the comma operator are not supported");
    }
    bool Logical = Op == OpCode::And || Op == OpCode::Or;
    ExprRef L = Logical ? lowerCondition(BO->getLHS()) : lowerExpr(BO->getLHS());
    ExprRef R = !L ? nullptr
                   : Logical ? lowerCondition(BO->getRHS()) : lowerExpr(BO->getRHS());
    if (!R)
      return nullptr;
    // Clang has already inserted the usual arithmetic conversions; mixed
    // int/real operands appear only where those were implicit no-ops.
    if (L->Type == ScalarKind::Int && R->Type == ScalarKind::Real)
      L = intToReal(L);
    if (R->Type == ScalarKind::Int && L->Type == ScalarKind::Real)
      R = intToReal(R);
    return binary(Op, L, R);
  }

  static bool isStandardMathDecl(const clang::FunctionDecl *Callee) {
    const clang::DeclContext *DC = Callee->getDeclContext()->getRedeclContext();
    if (DC->isTranslationUnit() || DC->isExternCContext())
      return true;
    if (const auto *NS = dyn_cast<clang::NamespaceDecl>(DC))
      return NS->isStdNamespace() ||
             (NS->getParent()->getRedeclContext()->isStdNamespace()); // std::__1
    return false;
  }

  ExprRef lowerCall(const clang::CallExpr *Call) {
    const clang::FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return unsupportedExpr(Call, "an indirect call", "calls through pointers cannot be followed");
    std::string Name = Callee->getNameAsString();
    bool HasRealArg = false;
    for (const clang::Expr *Arg : Call->arguments())
      HasRealArg |= isRealType(Arg->getType());
    if (Name == "abs" && HasRealArg)
      Name = "fabs";
    // std::min and std::max return the first argument at a tie, exactly as
    // their definitions: (b < a) ? b : a and (a < b) ? b : a.
    if ((Name == "min" || Name == "max") && Call->getNumArgs() == 2 &&
        isStandardMathDecl(Callee)) {
      ScalarKind Kind = HasRealArg ? ScalarKind::Real : ScalarKind::Int;
      ExprRef A = lowerValue(Call->getArg(0), Kind);
      ExprRef B = A ? lowerValue(Call->getArg(1), Kind) : nullptr;
      if (!B)
        return nullptr;
      ExprRef TakeB = Name == "min" ? binary(OpCode::Lt, B, A) : binary(OpCode::Lt, A, B);
      return select(TakeB, B, A);
    }
    const MathFunction *Rule =
        isStandardMathDecl(Callee) ? lookupMathFunction(Name) : nullptr;
    if (Rule && Rule->Arity == Call->getNumArgs() && isRealType(Call->getType())) {
      std::vector<ExprRef> Args;
      for (const clang::Expr *Arg : Call->arguments()) {
        ExprRef V = lowerValue(Arg, ScalarKind::Real);
        if (!V)
          return nullptr;
        Args.push_back(V);
      }
      return call(std::string(Rule->Name), std::move(Args));
    }
    if (Helpers.hasCustomDerivatives(Callee)) {
      FunctionRef Custom = Helpers.custom(Callee, Result.Primal.RealTypeName, Call->getExprLoc());
      return Custom ? hoistCall(Call, Custom, Callee->getNameAsString()) : nullptr;
    }
    const clang::FunctionDecl *Definition = nullptr;
    if (Callee->hasBody(Definition))
      return lowerHelperCall(Call, Definition);
    Diags.report(Call->getExprLoc(), DiagID::err_call_no_body)
        << Callee->getQualifiedNameAsString() << Call->getSourceRange();
    return nullptr;
  }

  /// `g(args)` for a function with a visible body: the call becomes a
  /// statement of its own, `g_result = g(args);`, placed before the
  /// statement being lowered, and its result is read from the local. (The
  /// helpers hessc accepts have no side effects, so evaluating a call
  /// unconditionally, out of a `?:` or `&&`, changes no result.)
  ExprRef lowerHelperCall(const clang::CallExpr *Call, const clang::FunctionDecl *Definition) {
    std::string Name = Definition->getQualifiedNameAsString();
    clang::QualType Ret = Definition->getReturnType();
    if (!isRealType(Ret) ||
        (Ret.getCanonicalType()->isSpecificBuiltinType(clang::BuiltinType::Float) !=
         (Result.Primal.RealTypeName == "float"))) {
      Diags.report(Call->getExprLoc(), DiagID::err_call_result_type)
          << Name << Ret.getAsString() << Result.Primal.RealTypeName << Call->getSourceRange();
      return nullptr;
    }
    FunctionRef Callee = Helpers.lower(Definition, Result.Primal.RealTypeName, Call->getExprLoc());
    if (!Callee)
      return nullptr;
    return hoistCall(Call, Callee, Definition->getNameAsString());
  }

  /// Emits `<Base>_result = Callee(args);` before the current statement and
  /// returns the result's value.
  ExprRef hoistCall(const clang::CallExpr *Call, const FunctionRef &Callee,
                    const std::string &Base) {
    std::vector<CallArgument> Args;
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      std::optional<CallArgument> A = lowerArgument(Call, I, *Callee->Params[I].Var);
      if (!A)
        return nullptr;
      Args.push_back(std::move(*A));
    }
    VarRef Value = addLocal(Result.Primal, Base + "_result", ScalarKind::Real);
    StmtPtr S = callStmt(Callee, std::move(Args), LValue{Value, nullptr});
    S->IsDeclaration = true; // A fresh value each time the call runs.
    PendingCalls.push_back(std::move(S));
    return use(Value);
  }

  std::optional<CallArgument> lowerArgument(const clang::CallExpr *Call, unsigned I,
                                            const Variable &Param) {
    const clang::Expr *Arg = Call->getArg(I)->IgnoreParenImpCasts();
    auto Fail = [&](const std::string &Why) -> std::optional<CallArgument> {
      Diags.report(Call->getArg(I)->getExprLoc(), DiagID::err_call_argument)
          << std::to_string(I + 1) << Call->getDirectCallee()->getQualifiedNameAsString()
          << Why << Call->getArg(I)->getSourceRange();
      return std::nullopt;
    };
    if (Param.IsOpaque) {
      const auto *DRE = dyn_cast<clang::DeclRefExpr>(Arg);
      auto It = DRE ? Vars.find(DRE->getDecl()) : Vars.end();
      if (It == Vars.end() || !It->second->IsOpaque)
        return Fail("pass a parameter of the calling function");
      return CallArgument::value(use(It->second));
    }
    if (!Param.IsArray) {
      ExprRef V = lowerValue(Call->getArg(I), Param.Kind);
      if (!V)
        return std::nullopt;
      return CallArgument::value(V);
    }
    // An array: `x`, `x + k`, `&x[k]`, `v.data()`, `v.data() + k`.
    const clang::Expr *Base = Arg;
    const clang::Expr *Offset = nullptr;
    auto StripData = [](const clang::Expr *E) -> const clang::Expr * {
      if (const auto *MC = dyn_cast<clang::CXXMemberCallExpr>(E->IgnoreParenImpCasts());
          MC && MC->getMethodDecl() && MC->getMethodDecl()->getName() == "data" &&
          MC->getNumArgs() == 0)
        return MC->getImplicitObjectArgument();
      return E;
    };
    if (const auto *BO = dyn_cast<clang::BinaryOperator>(Arg);
        BO && BO->getOpcode() == clang::BO_Add) {
      Base = BO->getLHS()->IgnoreParenImpCasts();
      Offset = BO->getRHS();
    } else if (const auto *UO = dyn_cast<clang::UnaryOperator>(Arg);
               UO && UO->getOpcode() == clang::UO_AddrOf) {
      bool Failed = false;
      if (auto Element = lowerElement(UO->getSubExpr(), Failed))
        return CallArgument::array(Element->Var, Element->Index);
      return Failed ? std::nullopt : Fail("take the address of an array element, &x[k]");
    }
    VarRef Array = lowerArrayBase(StripData(Base));
    if (!Array)
      return Fail("pass an array, x + k, &x[k] or v.data()");
    ExprRef Off = Offset ? lowerValue(Offset, ScalarKind::Int) : nullptr;
    if (Offset && !Off)
      return std::nullopt;
    return CallArgument::array(Array, Off);
  }

  clang::ASTContext &Ctx;
  const clang::FunctionDecl *FD;
  const clang::AnnotateAttr *Annotation;
  HelperLowering &Helpers;
  DiagnosticCollector &Diags;
  bool IsHelper = false;
  /// How many loops enclose the statement being lowered.
  int LoopDepth = 0;
  /// Calls hoisted out of the expression being lowered, in order.
  Block PendingCalls;
  LoweredFunction Result;
  llvm::DenseMap<const clang::ValueDecl *, VarRef> Vars;
  llvm::DenseMap<const clang::ParmVarDecl *, uint64_t> FixedLengths;
  llvm::DenseSet<const clang::ValueDecl *> UnsupportedParams;
  /// Parameters of class type: constant data whose members may be read.
  llvm::DenseSet<const clang::ValueDecl *> RecordParams;
  std::map<std::string, VarRef> DataMembers;
  std::map<const Variable *, VarRef> SizeOfContainer;
  std::set<const Variable *> SizeVars;
  /// Where the statement being lowered starts, for diagnostics about
  /// implicit expressions.
  clang::SourceLocation CurrentStmtLoc;

};

} // namespace

const clang::AnnotateAttr *findHesscAnnotation(const clang::FunctionDecl *FD) {
  for (const auto *A : FD->specific_attrs<clang::AnnotateAttr>())
    if (A->getAnnotation() == AnnotationName)
      return A;
  return nullptr;
}

std::optional<LoweredFunction> lowerFunction(clang::ASTContext &Ctx,
                                             const clang::FunctionDecl *FD,
                                             const clang::AnnotateAttr *Annotation,
                                             HelperLowering &Helpers,
                                             DiagnosticCollector &Diags) {
  return FunctionLowering(Ctx, FD, Annotation, Helpers, Diags).run();
}

FunctionRef HelperLowering::lower(const clang::FunctionDecl *FD,
                                  const std::string &RealType,
                                  clang::SourceLocation CallLoc) {
  auto Done = Lowered.find(FD);
  if (Done != Lowered.end())
    return Done->second;
  if (std::find(InProgress.begin(), InProgress.end(), FD) != InProgress.end()) {
    Diags.report(CallLoc, DiagID::err_call_recursive) << FD->getQualifiedNameAsString();
    return nullptr;
  }
  if (Failed.count(FD))
    return nullptr;
  InProgress.push_back(FD);
  size_t ErrorsBefore = Diags.records().size();
  // No annotation: the helper's lowering never reads a spec.
  std::optional<Function> F =
      FunctionLowering(Ctx, FD, nullptr, *this, Diags).runHelper(RealType);
  InProgress.pop_back();
  if (!F) {
    Failed.insert(FD);
    if (Diags.records().size() != ErrorsBefore)
      Diags.report(CallLoc, DiagID::note_helper_called_here) << FD->getQualifiedNameAsString();
    return nullptr;
  }
  auto Result = std::make_shared<Function>(std::move(*F));
  Lowered[FD] = Result;
  return Result;
}

void HelperLowering::addPartial(const std::string &Function, unsigned Argument,
                                const clang::FunctionDecl *Partial) {
  Partials[Function][Argument] = Partial;
}

const std::map<unsigned, const clang::FunctionDecl *> *
HelperLowering::partialsOf(const clang::FunctionDecl *FD) const {
  for (const std::string &Name :
       {FD->getQualifiedNameAsString(), FD->getNameAsString()}) {
    auto It = Partials.find(Name);
    if (It != Partials.end())
      return &It->second;
  }
  return nullptr;
}

bool HelperLowering::hasCustomDerivatives(const clang::FunctionDecl *FD) const {
  return partialsOf(FD) != nullptr;
}

FunctionRef HelperLowering::custom(const clang::FunctionDecl *FD,
                                   const std::string &RealType,
                                   clang::SourceLocation CallLoc) {
  FD = FD->getCanonicalDecl();
  auto Done = Customs.find(FD);
  if (Done != Customs.end())
    return Done->second;
  std::string Name = FD->getQualifiedNameAsString();
  auto F = std::make_shared<Function>();
  F->QualifiedName = Name;
  F->Name = Name;
  for (size_t Pos; (Pos = F->Name.find("::")) != std::string::npos;)
    F->Name.replace(Pos, 2, "_");
  F->RealTypeName = RealType;
  const auto &ByArgument = *partialsOf(FD);
  clang::PrintingPolicy Policy = Ctx.getPrintingPolicy();
  for (const clang::ParmVarDecl *P : FD->parameters()) {
    clang::QualType T = P->getType();
    auto V = std::make_shared<Variable>();
    V->Name = P->getName().empty() ? "arg" + std::to_string(F->Params.size())
                                   : P->getNameAsString();
    if (isRealType(T))
      V->Kind = ScalarKind::Real;
    else if (isIntType(T))
      V->Kind = ScalarKind::Int;
    else {
      Diags.report(P->getLocation(), DiagID::err_custom_parameter)
          << Name << V->Name << T.getAsString();
      return nullptr;
    }
    std::string Declaration;
    llvm::raw_string_ostream OS(Declaration);
    T.print(OS, Policy, V->Name);
    F->Params.push_back({OS.str(), V, ""});
  }
  // Known before its partials are lowered: a partial may call the function
  // itself (d/dx J_nu(x) is made of J_{nu-1} and J_{nu+1}).
  Customs[FD] = F;
  for (unsigned I = 0; I < FD->getNumParams(); ++I) {
    if (F->Params[I].Var->Kind != ScalarKind::Real) {
      F->CustomPartials.push_back(nullptr);
      continue;
    }
    auto It = ByArgument.find(I);
    if (It == ByArgument.end()) {
      Diags.report(CallLoc, DiagID::err_partial_missing) << Name << std::to_string(I);
      Customs[FD] = nullptr;
      return nullptr;
    }
    const clang::FunctionDecl *Partial = It->second;
    bool Matches = Partial->getNumParams() == FD->getNumParams() &&
                   Ctx.hasSameType(Partial->getReturnType(), FD->getReturnType());
    for (unsigned K = 0; Matches && K < FD->getNumParams(); ++K)
      Matches = Ctx.hasSameType(Partial->getParamDecl(K)->getType(),
                                FD->getParamDecl(K)->getType());
    const clang::FunctionDecl *Definition = nullptr;
    if (!Matches || !Partial->hasBody(Definition)) {
      Diags.report(Partial->getLocation(), DiagID::err_partial_signature)
          << Name << std::to_string(I);
      Customs[FD] = nullptr;
      return nullptr;
    }
    FunctionRef Lowered = lower(Definition, RealType, CallLoc);
    if (!Lowered) {
      Customs[FD] = nullptr;
      return nullptr;
    }
    F->CustomPartials.push_back(Lowered);
  }
  return F;
}

} // namespace hessc
