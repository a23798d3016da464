//===- DerivativeRules.cpp - Partial derivatives of <cmath> functions -----===//

#include "Transforms/DerivativeRules.h"

#include <array>

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

const std::array<MathFunction, 9> Table = {{
    {"sin", 1, [](const Args &A, const ExprRef &) -> Args {
       return {call("cos", {A[0]})};
     }, ""},
    {"cos", 1, [](const Args &A, const ExprRef &) -> Args {
       return {neg(call("sin", {A[0]}))};
     }, ""},
    // d tan = 1 + tan^2, which reuses the value instead of calling cos.
    {"tan", 1, [](const Args &, const ExprRef &V) -> Args {
       return {add(one(), mul(V, V))};
     }, ""},
    {"exp", 1, [](const Args &, const ExprRef &V) -> Args { return {V}; }, ""},
    {"log", 1, [](const Args &A, const ExprRef &) -> Args {
       return {div(one(), A[0])};
     }, ""},
    {"sqrt", 1, [](const Args &, const ExprRef &V) -> Args {
       return {div(realConst(0.5), V)};
     }, "at 0: +inf (IEEE division by zero)"},
    // Both partials of x^y; the one for y is only evaluated when y depends
    // on the independents, so pow(x, 2.0) never takes log(x).
    {"pow", 2, [](const Args &A, const ExprRef &V) -> Args {
       return {mul(A[1], call("pow", {A[0], sub(A[1], one())})),
               mul(V, call("log", {A[0]}))};
     }, "d/dy at x <= 0: NaN (log of a non-positive number)"},
    {"fabs", 1, [](const Args &A, const ExprRef &) -> Args {
       return {sign(A[0])};
     }, "at 0: 0 (the midpoint of the one-sided derivatives)"},
    {"tanh", 1, [](const Args &, const ExprRef &V) -> Args {
       return {sub(one(), mul(V, V))};
     }, ""},
}};

} // namespace

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
