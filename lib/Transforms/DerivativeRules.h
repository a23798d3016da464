//===- DerivativeRules.h - The one table of math-function derivatives -----===//
//
// Every math function hessc understands is listed here once, with its
// partial derivatives written as IR expressions. The adjoint and tangent
// passes both read this table and know nothing about individual functions,
// and because each partial is itself built from functions in the table, the
// tangent of adjoint code (second derivatives) needs no further rules.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TRANSFORMS_DERIVATIVERULES_H
#define HESSC_TRANSFORMS_DERIVATIVERULES_H

#include "IR/IR.h"

#include <optional>
#include <string_view>

namespace hessc {

struct MathFunction {
  /// The canonical name: the <cmath> function without `std::` or the `f`/`l`
  /// suffix of the C variants. Generated code calls `std::<Name>`.
  std::string_view Name;
  unsigned Arity;
  /// The partial derivative with respect to each argument, evaluated at
  /// `Args`; `Value` is the call itself, for rules such as d exp = exp.
  std::vector<ir::ExprRef> (*Partials)(const std::vector<ir::ExprRef> &Args,
                                       const ir::ExprRef &Value);
  /// What the derivative is at points where the function is not
  /// differentiable, for the README's table; empty when it is smooth.
  std::string_view KinkConvention;
};

/// The partials of the call `Call` (an ExprKind::Call), with rules such as
/// d tanh = 1 - tanh^2 reading `Value` for the call's value; `ValueUses`
/// receives how often they read it, so the caller can compute it once.
std::vector<ir::ExprRef> partialsOf(const ir::ExprRef &Call, const ir::ExprRef &Value,
                                    unsigned *ValueUses = nullptr);

/// A product of one factor with itself and constants, `c * x * x * x`:
/// Base x, Exponent 3, Coefficient c.
struct PowerProduct {
  ir::ExprRef Base;
  unsigned Exponent = 0;
  double Coefficient = 1;
};

/// `Product` as a PowerProduct with Exponent >= 2, if it is one. Its
/// derivative in the base, c k x^(k-1), is then one expression
/// (powerDerivative) rather than the product rule's k terms.
std::optional<PowerProduct> asPowerProduct(const ir::ExprRef &Product);

/// c k x^(k-1) for `P` = c x^k, x^(k-1) written as a product.
ir::ExprRef powerDerivative(const PowerProduct &P);

/// The rule for `Name` (canonical or a C variant such as "sinf"), or null.
const MathFunction *lookupMathFunction(std::string_view Name);

} // namespace hessc

#endif // HESSC_TRANSFORMS_DERIVATIVERULES_H
