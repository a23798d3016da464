//===- DerivativeRules.cpp - Partial derivatives of <cmath> functions -----===//

#include "Transforms/DerivativeRules.h"


namespace hessc {

using namespace ir;

namespace {

using Args = std::vector<ExprRef>;

ExprRef one() { return realConst(1); }

/// sign(x) as an expression: +1, -1, or 0 at x == 0.
ExprRef sign(const ExprRef &X) {
  return select(binary(OpCode::Gt, X, realConst(0)), realConst(1),
                select(binary(OpCode::Lt, X, realConst(0)), realConst(-1),
                       realConst(0)));
}

ExprRef zero() { return realConst(0); }
ExprRef square(const ExprRef &X) { return mul(X, X); }
ExprRef inverse(const ExprRef &X) { return div(one(), X); }

Args noDerivative(const Args &A, const ExprRef &) {
  return Args(A.size(), zero());
}

const MathFunction Table[] = {
    // Trigonometric and hyperbolic functions.
    {"sin", 1, [](const Args &A, const ExprRef &) -> Args {
       return {call("cos", {A[0]})};
     }, ""},
    {"cos", 1, [](const Args &A, const ExprRef &) -> Args {
       return {neg(call("sin", {A[0]}))};
     }, ""},
    // d tan = 1 + tan^2, which reuses the value instead of calling cos.
    {"tan", 1, [](const Args &, const ExprRef &V) -> Args {
       return {add(one(), square(V))};
     }, ""},
    {"asin", 1, [](const Args &A, const ExprRef &) -> Args {
       return {inverse(call("sqrt", {sub(one(), square(A[0]))}))};
     }, "at +-1: +inf"},
    {"acos", 1, [](const Args &A, const ExprRef &) -> Args {
       return {neg(inverse(call("sqrt", {sub(one(), square(A[0]))})))};
     }, "at +-1: -inf"},
    {"atan", 1, [](const Args &A, const ExprRef &) -> Args {
       return {inverse(add(one(), square(A[0])))};
     }, ""},
    // atan2(y, x): d/dy = x / (x^2 + y^2), d/dx = -y / (x^2 + y^2).
    {"atan2", 2, [](const Args &A, const ExprRef &) -> Args {
       ExprRef R2 = add(square(A[0]), square(A[1]));
       return {div(A[1], R2), neg(div(A[0], R2))};
     }, "at (0, 0): NaN"},
    {"sinh", 1, [](const Args &A, const ExprRef &) -> Args {
       return {call("cosh", {A[0]})};
     }, ""},
    {"cosh", 1, [](const Args &A, const ExprRef &) -> Args {
       return {call("sinh", {A[0]})};
     }, ""},
    {"tanh", 1, [](const Args &, const ExprRef &V) -> Args {
       return {sub(one(), square(V))};
     }, ""},
    {"asinh", 1, [](const Args &A, const ExprRef &) -> Args {
       return {inverse(call("sqrt", {add(square(A[0]), one())}))};
     }, ""},
    {"acosh", 1, [](const Args &A, const ExprRef &) -> Args {
       return {inverse(call("sqrt", {sub(square(A[0]), one())}))};
     }, "at 1: +inf"},
    {"atanh", 1, [](const Args &A, const ExprRef &) -> Args {
       return {inverse(sub(one(), square(A[0])))};
     }, "at +-1: +inf"},

    // Exponentials, logarithms and powers.
    {"exp", 1, [](const Args &, const ExprRef &V) -> Args { return {V}; }, ""},
    {"expm1", 1, [](const Args &A, const ExprRef &) -> Args {
       return {call("exp", {A[0]})};
     }, ""},
    {"log", 1, [](const Args &A, const ExprRef &) -> Args {
       return {inverse(A[0])};
     }, "at 0: +inf"},
    {"log1p", 1, [](const Args &A, const ExprRef &) -> Args {
       return {inverse(add(one(), A[0]))};
     }, "at -1: +inf"},
    {"log2", 1, [](const Args &A, const ExprRef &) -> Args {
       return {inverse(mul(A[0], realConst(0.69314718055994530942)))};
     }, "at 0: +inf"},
    {"log10", 1, [](const Args &A, const ExprRef &) -> Args {
       return {inverse(mul(A[0], realConst(2.30258509299404568402)))};
     }, "at 0: +inf"},
    {"sqrt", 1, [](const Args &, const ExprRef &V) -> Args {
       return {div(realConst(0.5), V)};
     }, "at 0: +inf (IEEE division by zero)"},
    // d cbrt = 1 / (3 cbrt(x)^2), +inf at 0 like sqrt.
    {"cbrt", 1, [](const Args &, const ExprRef &V) -> Args {
       return {inverse(mul(realConst(3), square(V)))};
     }, "at 0: +inf"},
    // Both partials of x^y; the one for y is only evaluated when y depends
    // on the independents, so pow(x, 2.0) never takes log(x). Where x <= 0,
    // x^y has no derivative in y (it is not even defined for most y): take
    // 0 there, so that the derivatives in x stay finite instead of turning
    // into 0 * NaN.
    {"pow", 2, [](const Args &A, const ExprRef &V) -> Args {
       return {mul(A[1], call("pow", {A[0], sub(A[1], one())})),
               select(binary(OpCode::Gt, A[0], zero()),
                      mul(V, call("log", {A[0]})), zero())};
     }, "d/dy at x <= 0: 0 (x^y has no derivative in y there)"},
    {"hypot", 2, [](const Args &A, const ExprRef &V) -> Args {
       return {div(A[0], V), div(A[1], V)};
     }, "at (0, 0): NaN"},
    {"erf", 1, [](const Args &A, const ExprRef &) -> Args {
       return {mul(realConst(1.12837916709551257390), // 2 / sqrt(pi)
                   call("exp", {neg(square(A[0]))}))};
     }, ""},
    {"erfc", 1, [](const Args &A, const ExprRef &) -> Args {
       return {mul(realConst(-1.12837916709551257390),
                   call("exp", {neg(square(A[0]))}))};
     }, ""},

    // Piecewise functions: the derivative of the piece the arguments are in.
    {"fabs", 1, [](const Args &A, const ExprRef &) -> Args {
       return {sign(A[0])};
     }, "at 0: 0 (the midpoint of the one-sided derivatives)"},
    {"fmin", 2, [](const Args &A, const ExprRef &) -> Args {
       ExprRef First = binary(OpCode::Le, A[0], A[1]);
       return {select(First, one(), zero()), select(First, zero(), one())};
     }, "at a tie: the derivative of the first argument"},
    {"fmax", 2, [](const Args &A, const ExprRef &) -> Args {
       ExprRef First = binary(OpCode::Ge, A[0], A[1]);
       return {select(First, one(), zero()), select(First, zero(), one())};
     }, "at a tie: the derivative of the first argument"},
    // fmod(x, y) = x - trunc(x / y) y.
    {"fmod", 2, [](const Args &A, const ExprRef &) -> Args {
       return {one(), neg(call("trunc", {div(A[0], A[1])}))};
     }, "at the jumps (x / y an integer): 1 and -trunc(x / y)"},
    // copysign(x, y) = |x| sign(y): its slope in x is sign(x) sign(y).
    {"copysign", 2, [](const Args &A, const ExprRef &) -> Args {
       return {mul(call("copysign", {one(), A[0]}), call("copysign", {one(), A[1]})),
               zero()};
     }, "d/dx at x = 0: +-1 by the signs of the zeros; d/dy: 0"},
    {"fma", 3, [](const Args &A, const ExprRef &) -> Args {
       return {A[1], A[0], one()};
     }, ""},
    {"floor", 1, noDerivative, "0 everywhere, also at the jumps"},
    {"ceil", 1, noDerivative, "0 everywhere, also at the jumps"},
    {"round", 1, noDerivative, "0 everywhere, also at the jumps"},
    {"trunc", 1, noDerivative, "0 everywhere, also at the jumps"},
};

} // namespace

namespace {
unsigned countUses(const ExprRef &Whole, const ExprRef &Part) {
  if (Whole == Part)
    return 1;
  unsigned N = 0;
  for (const ExprRef &Op : Whole->Operands)
    N += countUses(Op, Part);
  return N;
}
} // namespace

std::vector<ExprRef> partialsOf(const ExprRef &Call, const ExprRef &Value,
                                unsigned *ValueUses) {
  const MathFunction *Rule = lookupMathFunction(Call->Callee);
  std::vector<ExprRef> Partials = Rule->Partials(Call->Operands, Value);
  if (ValueUses) {
    *ValueUses = 0;
    for (const ExprRef &P : Partials)
      *ValueUses += countUses(P, Value);
  }
  return Partials;
}

namespace {

void collectFactors(const ExprRef &E, std::vector<ExprRef> &Out) {
  if (E->Kind == ExprKind::Binary && E->Op == OpCode::Mul) {
    collectFactors(E->Operands[0], Out);
    collectFactors(E->Operands[1], Out);
    return;
  }
  Out.push_back(E);
}

} // namespace

std::optional<PowerProduct> asPowerProduct(const ExprRef &Product) {
  std::vector<ExprRef> Factors;
  collectFactors(Product, Factors);
  PowerProduct P;
  for (const ExprRef &F : Factors) {
    if (F->Kind == ExprKind::RealConst) {
      P.Coefficient *= F->RealValue;
      continue;
    }
    if (P.Base && !sameExpr(P.Base, F))
      return std::nullopt;
    P.Base = F;
    ++P.Exponent;
  }
  if (P.Exponent < 2)
    return std::nullopt;
  return P;
}

ExprRef powerDerivative(const PowerProduct &P) {
  ExprRef Power = P.Base;
  for (unsigned K = 2; K < P.Exponent; ++K)
    Power = mul(Power, P.Base);
  return mul(realConst(P.Coefficient * P.Exponent), Power);
}

const MathFunction *lookupMathFunction(std::string_view Name) {
  for (const MathFunction &F : Table)
    if (F.Name == Name)
      return &F;
  // The C library's float and long double variants: sinf, sinl, fabsf...
  if (Name.size() > 1 && (Name.back() == 'f' || Name.back() == 'l')) {
    std::string_view Base = Name.substr(0, Name.size() - 1);
    for (const MathFunction &F : Table)
      if (F.Name == Base)
        return &F;
  }
  return nullptr;
}

} // namespace hessc
