//===- IR.h - The small imperative language hessc differentiates ----------===//
//
// Every transformation in hessc works on this IR rather than on the Clang AST:
// lowering turns an annotated function into IR once, and from then on the
// adjoint (reverse) and tangent (forward) transformations are IR -> IR passes
// that compose. The Hessian-vector product is the tangent of the adjoint, the
// way JAX builds it, so each mode is written once.
//
// The language is deliberately small: scalars of three kinds (the function's
// real type, int, bool), read-only or writable arrays of reals reached through
// pointers, structured control flow (if, counted loops), and two tape
// operations that the adjoint pass introduces. Expressions are immutable trees
// shared freely between statements; statements form a mutable tree.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_IR_IR_H
#define HESSC_IR_IR_H

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hessc::ir {

/// The type of a scalar value. `Real` is the differentiated function's own
/// floating-point type (float or double), fixed per Function.
enum class ScalarKind { Real, Int, Bool };

/// How an array is stored, which decides how a local one is declared:
/// `double t[8]`, `std::array<double, 8> t`, `std::vector<double> t(n)`, or
/// a pointer into someone else's storage.
enum class ArrayStorage { Pointer, CArray, StdArray, StdVector };

/// A named storage location: a scalar, or an array of reals or integers.
struct Variable {
  std::string Name;
  ScalarKind Kind = ScalarKind::Real;
  bool IsArray = false;
  /// Arrays only: the elements may be written.
  bool IsWritableArray = false;
  ArrayStorage Storage = ArrayStorage::Pointer;
  /// Scalars only: a reference parameter (`double& x_adj`), written by the
  /// function for its caller.
  bool IsReference = false;
  /// A value hessc passes along but never reads itself (a struct parameter
  /// whose members are data): never differentiated.
  bool IsOpaque = false;
  /// A tangent of f_hvp_sparsity: it holds the set of independents it
  /// depends on (hessc::IndexSet, where + is union) instead of a number. The
  /// IR treats it as a real; only its printed type differs.
  bool IsIndexSet = false;
  /// Data read out of another variable, spelled as an expression of it
  /// (`c.alpha`, `static_cast<int>(x.size())`): reading it uses that one.
  std::shared_ptr<Variable> DataOf;
};

struct Function;

/// The real values a call passes in and gets out, as the callee's
/// parameter positions. Shared by every pass that looks inside calls.
struct CallEffects {
  std::vector<size_t> Inputs;  ///< Real scalars, real arrays, references.
  std::vector<size_t> Outputs; ///< References and writable arrays.
};
CallEffects callEffects(const Function &Callee);

using VarRef = std::shared_ptr<Variable>;

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

enum class ExprKind {
  RealConst,  ///< A floating-point literal.
  IntConst,   ///< An integer literal.
  BoolConst,  ///< true or false.
  VarUse,     ///< The value of a scalar variable.
  ArrayElem,  ///< Array[Index]: Operands = {Index}, Var = the array.
  Unary,      ///< Op applied to Operands[0].
  Binary,     ///< Operands[0] Op Operands[1].
  Call,       ///< A math function from the derivative table.
  Select,     ///< Operands[0] ? Operands[1] : Operands[2].
  IntToReal,  ///< Conversion of an integer to the real type.
};

enum class OpCode {
  Neg, Not,                      // unary
  Add, Sub, Mul, Div, Rem,       // arithmetic (Rem: integers only)
  Lt, Le, Gt, Ge, Eq, Ne,        // comparisons, yield Bool
  And, Or,                       // logical, on Bool
};

struct Expr;
using ExprRef = std::shared_ptr<const Expr>;

struct Expr {
  ExprKind Kind;
  ScalarKind Type;
  OpCode Op = OpCode::Add;
  double RealValue = 0;
  long long IntValue = 0;
  VarRef Var;
  /// Call only: the canonical name of the math function ("sin", "pow").
  std::string Callee;
  std::vector<ExprRef> Operands;
};

ExprRef realConst(double Value);
ExprRef intConst(long long Value);
ExprRef boolConst(bool Value);
ExprRef use(const VarRef &V);
ExprRef element(const VarRef &Array, ExprRef Index);
ExprRef unary(OpCode Op, ExprRef Operand);
/// Builds a binary operation, folding the identities that adjoint code is
/// full of (x * 1, x + 0, 0 * x) so the generated source stays readable.
ExprRef binary(OpCode Op, ExprRef LHS, ExprRef RHS);
ExprRef call(std::string Callee, std::vector<ExprRef> Args);
ExprRef select(ExprRef Cond, ExprRef IfTrue, ExprRef IfFalse);
ExprRef intToReal(ExprRef IntValue);

inline ExprRef add(ExprRef A, ExprRef B) { return binary(OpCode::Add, A, B); }
inline ExprRef sub(ExprRef A, ExprRef B) { return binary(OpCode::Sub, A, B); }
inline ExprRef mul(ExprRef A, ExprRef B) { return binary(OpCode::Mul, A, B); }
inline ExprRef div(ExprRef A, ExprRef B) { return binary(OpCode::Div, A, B); }
inline ExprRef neg(ExprRef A) { return unary(OpCode::Neg, A); }

bool isRealConst(const ExprRef &E, double Value);
/// True when `A` and `B` compute the same value by the same expression.
bool sameExpr(const ExprRef &A, const ExprRef &B);
bool isComparison(OpCode Op);
/// The math calls `E` always evaluates, outermost first: not those in the
/// arms of a `?:` or behind `&&` and `||`, which may not run.
void collectUnconditionalCalls(const ExprRef &E, std::vector<ExprRef> &Out);
/// `E` with every subexpression the same as `Old` (sameExpr) replaced by
/// `With`; E itself when there is none. The operators around a replacement
/// are rebuilt by unary() and binary(), so their folding applies: a
/// negation put into a product comes out in front of it.
ExprRef replaceExpr(const ExprRef &E, const ExprRef &Old, const ExprRef &With);

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

enum class StmtKind {
  Assign,   ///< Target = Value, or Target Op= Value when Op is Add/Sub/Mul/Div.
  If,       ///< if (Cond) Then else Else.
  For,      ///< for (Init; Cond; Step) Body.
  Push,     ///< Tape.push(Value): save a value the reverse sweep needs back.
  Pop,      ///< Target = Tape.pop().
  Return,   ///< return Value.
  Break,    ///< break; removed by ExitNormalization before differentiation.
  Continue, ///< continue; removed by ExitNormalization likewise.
  Comment,  ///< A line comment in the generated source.
  Call,     ///< [Target =] Callee(Args...): a call of another IR function.
};

struct Stmt;
using FunctionRef = std::shared_ptr<const Function>;
using StmtPtr = std::unique_ptr<Stmt>;
using Block = std::vector<StmtPtr>;

/// An assignment target: a scalar variable, or one element of an array.
struct LValue {
  VarRef Var;
  ExprRef Index; ///< Null for scalars.

  ExprRef read() const { return Index ? element(Var, Index) : use(Var); }
};

/// One argument of a Call, matching the callee's parameter at its position.
struct CallArgument {
  enum class Kind {
    Value,     ///< A scalar passed by value: Value.
    Array,     ///< An array passed by pointer: Array + Value (Value null: 0).
    Reference, ///< A scalar the callee writes: Ref.
  };
  Kind Kind = Kind::Value;
  ExprRef Value;
  VarRef Array;
  LValue Ref;

  static CallArgument value(ExprRef E) {
    CallArgument A;
    A.Value = std::move(E);
    return A;
  }
  static CallArgument array(VarRef Array, ExprRef Offset = nullptr) {
    CallArgument A;
    A.Kind = Kind::Array;
    A.Array = std::move(Array);
    A.Value = std::move(Offset);
    return A;
  }
  static CallArgument reference(LValue Ref) {
    CallArgument A;
    A.Kind = Kind::Reference;
    A.Ref = std::move(Ref);
    return A;
  }
};

struct Stmt {
  StmtKind Kind;
  // Assign, Pop.
  LValue Target;
  /// Assign: Add/Sub/Mul/Div for compound assignment; IsCompound says so.
  OpCode Op = OpCode::Add;
  bool IsCompound = false;
  /// Assign: this is the initialiser of a local declared here in the source,
  /// so before it the variable held nothing the program could read.
  bool IsDeclaration = false;
  // Assign, Push, Return: the value; If, For: the condition.
  ExprRef Value;
  // Push, Pop: the tape's variable.
  VarRef Tape;
  /// Push, Pop: when non-zero, the statement saves or restores all elements
  /// of the local lane array Target.Var at once.
  unsigned Lanes = 0;
  // If: Then/Else. For: Init (one statement or none), Step, Body in Then.
  Block Then, Else;
  Block Init, Step;
  /// For: the counter means nothing after the loop (lane and zeroing loops
  /// that hessc writes), so the loop is worth keeping only for its body.
  bool CounterIsPrivate = false;
  /// For: a do-while loop, Cond tested after each iteration (no Init/Step).
  bool TestAtEnd = false;
  // Comment.
  std::string Text;
  /// Call: the function called, its arguments, and whether Target receives
  /// its (real) result.
  FunctionRef Callee;
  std::vector<CallArgument> Args;
  bool HasTarget = false;
};

StmtPtr assign(LValue Target, ExprRef Value);
/// `Target Op= Value`; a negated real Value moves its sign into Op, so
/// that `a += -b` is `a -= b` (see foldCompoundSign).
StmtPtr compoundAssign(LValue Target, OpCode Op, ExprRef Value);
/// Writes `a += -b` as `a -= b` and `a -= -b` as `a += b`, exactly; for a
/// statement whose value a transformation has replaced.
void foldCompoundSign(Stmt &S);
StmtPtr ifStmt(ExprRef Cond, Block Then, Block Else);
StmtPtr forStmt(Block Init, ExprRef Cond, Block Step, Block Body);
/// `for (Counter = 0; Counter < Count; ++Counter) Body`, with a counter
/// private to the loop.
StmtPtr countedLoop(const VarRef &Counter, ExprRef Count, Block Body);
StmtPtr push(VarRef Tape, ExprRef Value);
StmtPtr pop(VarRef Tape, LValue Target);
/// Saves (restores) `Lanes` consecutive elements of local array
/// `Block.Var` at once, from element `Block.Index` (null: from the start).
StmtPtr pushLanes(VarRef Tape, LValue Block, unsigned Lanes);
StmtPtr popLanes(VarRef Tape, LValue Block, unsigned Lanes);
StmtPtr returnStmt(ExprRef Value);
StmtPtr breakStmt();
StmtPtr continueStmt();
StmtPtr comment(std::string Text);
/// `Callee(Args...)`, or `Target = Callee(Args...)` when Target is given.
StmtPtr callStmt(FunctionRef Callee, std::vector<CallArgument> Args,
                 std::optional<LValue> Target = std::nullopt);

/// True when `Pred` holds for `E` or one of its subexpressions.
template <typename Predicate> bool anyExpression(const ExprRef &E, Predicate Pred) {
  if (Pred(*E))
    return true;
  for (const ExprRef &Op : E->Operands)
    if (anyExpression(Op, Pred))
      return true;
  return false;
}

/// True when `Pred` holds for a statement of `B` or one nested in it.
template <typename Predicate> bool anyStatement(const Block &B, Predicate Pred) {
  for (const StmtPtr &S : B) {
    if (Pred(*S))
      return true;
    for (const Block *Child : {&S->Init, &S->Step, &S->Then, &S->Else})
      if (anyStatement(*Child, Pred))
        return true;
  }
  return false;
}

/// Removes the statements of `B`, and of the blocks nested in it, for which
/// `Pred` holds; a statement's nested blocks are pruned before `Pred` sees
/// it. True when it removed any.
template <typename Predicate> bool eraseStatements(Block &B, Predicate Pred) {
  size_t Before = B.size();
  bool Changed = false;
  for (StmtPtr &S : B)
    for (Block *Child : {&S->Init, &S->Step, &S->Then, &S->Else})
      Changed |= eraseStatements(*Child, Pred);
  B.erase(std::remove_if(B.begin(), B.end(), [&](const StmtPtr &S) { return Pred(*S); }),
          B.end());
  return Changed || B.size() != Before;
}

/// A deep copy: blocks own their statements, but transformations sometimes
/// need the same code twice (the forward sweep and a recomputation).
StmtPtr clone(const Stmt &S);
Block clone(const Block &B);

//===----------------------------------------------------------------------===//
// Functions
//===----------------------------------------------------------------------===//

/// How a parameter of a generated function is spelled: its C++ declaration
/// (kept from the user's source for the original parameters), and the IR
/// variable that stands for it in the body.
struct Parameter {
  std::string Declaration; ///< "const double* x", "int n", "double* grad".
  VarRef Var;
  /// The declaration without the name (the type alone, or with the name in
  /// a comment), so that a parameter the body does not need (v of a linear
  /// function's HVP) draws no unused-parameter warning.
  std::string TypeOnly;
};

/// A local variable declared at the top of the function body. Transformations
/// hoist every local there so the forward and reverse sweeps share them.
struct Local {
  enum class Kind {
    Scalar,     ///< `double t = Init;` (zero when Init is null).
    View,       ///< `double* x_adj = Base + Init;`: a pointer into an array.
    OwnedArray, ///< A zero-initialised array of Length elements.
    Tape,       ///< `hessc::Tape<double> real_tape;`.
  };
  Kind Kind = Kind::Scalar;
  VarRef Var;
  ExprRef Init;       ///< Scalar: initial value. View: offset (null: 0).
  VarRef PointerBase; ///< View: the array it points into.
  ExprRef Length;     ///< OwnedArray: the number of elements.
  /// View: one of the slices that split PointerBase end to end (the
  /// independents' parts of grad): no two slices of a base overlap.
  bool IsSlice = false;

  static Local scalar(VarRef V, ExprRef Init = nullptr) {
    Local L;
    L.Var = std::move(V);
    L.Init = std::move(Init);
    return L;
  }
  static Local view(VarRef V, VarRef Base, ExprRef Offset, bool IsSlice = false) {
    Local L;
    L.Kind = Kind::View;
    L.Var = std::move(V);
    L.PointerBase = std::move(Base);
    L.Init = std::move(Offset);
    L.IsSlice = IsSlice;
    return L;
  }
  static Local ownedArray(VarRef V, ExprRef Length) {
    Local L;
    L.Kind = Kind::OwnedArray;
    L.Var = std::move(V);
    L.Length = std::move(Length);
    return L;
  }
  static Local tape(VarRef V) {
    Local L;
    L.Kind = Kind::Tape;
    L.Var = std::move(V);
    return L;
  }
};

struct Function {
  std::string Name;
  /// How callers spell it, when not just Name: `util::dot` for a helper in
  /// a namespace, whose derivatives are named after `util_dot`.
  std::string QualifiedName;
  std::string RealTypeName = "double"; ///< "float" or "double".
  std::string Linkage;                 ///< "", "static ", "inline "...
  bool ReturnsReal = true;
  std::vector<Parameter> Params;
  std::vector<Local> Locals;
  Block Body;
  /// A sentence or two printed above the function in the generated source.
  std::string Summary;
  /// Runs once per use rather than in anyone's inner loop (the index-set
  /// functions behind f_hessian_sparsity): printed [[gnu::cold]], which has
  /// the compiler optimize it for size and keeps the cost of compiling a
  /// file with the plugin down.
  bool IsCold = false;
  /// Its output parameters are added into, never overwritten or read for
  /// anything else (pullbacks): calls to it commute with each other.
  bool AddsIntoOutputs = false;
  /// For a function whose value callers may drop (a pullback that also
  /// returns its primal's value): the same without the value, which a call
  /// whose result nobody reads calls instead.
  FunctionRef WithoutValue;
  /// A function with user-supplied derivatives (HESSC_PARTIAL): its body is
  /// not used; entry k is the partial with respect to parameter k (null for
  /// non-real parameters).
  std::vector<FunctionRef> CustomPartials;
};

/// A copy of `F` with its own statements (variables stay shared): for a
/// variant of a derived function.
Function cloneFunction(const Function &F);

/// Returns `Base`, or `Base_2`, `Base_3`... whichever names no parameter or
/// local of `F` yet. Generated names must never capture a user's variable.
std::string uniqueName(const Function &F, const std::string &Base);

/// Creates a scalar local of `F` named after `Base`, initialised to `Init`
/// (zero when null).
VarRef addLocal(Function &F, const std::string &Base, ScalarKind Kind,
                ExprRef Init = nullptr);

/// The declaration of `V` among the locals of `F`, or null if V is not one.
const Local *findLocal(const Function &F, const Variable *V);

/// The declaration of local array `V` in `F`, or null if V is not one.
const Local *findOwnedArray(const Function &F, const Variable *V);
inline const Local *findOwnedArray(const Function &F, const VarRef &V) {
  return findOwnedArray(F, V.get());
}

/// Collects every variable an expression reads, in order of first use.
void collectUses(const ExprRef &E, std::vector<VarRef> &Uses);

} // namespace hessc::ir

#endif // HESSC_IR_IR_H
