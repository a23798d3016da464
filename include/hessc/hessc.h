//===- hessc/hessc.h - The annotation that marks a loss function ----------===//
//
// Include this header in every file that annotates a function. It is plain
// C++17: without the hessc plugin the macro adds nothing but an attribute that
// Clang keeps in the AST (other compilers see nothing at all), and the support
// headers it pulls in are what the generated derivative code calls.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_HESSC_H
#define HESSC_HESSC_H

/// Marks a function for differentiation. The optional spec string lists the
/// independent variables in order, e.g. HESSC_DIFF("x[n]") or
/// HESSC_DIFF("w[d], b"); without one, every floating-point scalar parameter
/// is independent. The empty string literal in front lets HESSC_DIFF() work
/// without __VA_OPT__: "" "x[n]" concatenates to "x[n]".
/// Supplies a derivative hessc should use instead of looking into a
/// function (a library call, a numerically delicate routine): the function
/// it annotates returns the partial derivative of `function` with respect
/// to its argument number `argument` (from 0), and takes exactly the
/// parameters `function` takes. hessc differentiates the partials in turn
/// for second derivatives, so give one for every floating-point argument:
///
///   double bessel(double nu, double x);            // opaque to hessc
///   HESSC_PARTIAL(bessel, 1)
///   double bessel_dx(double nu, double x) { return 0.5 * (bessel(nu - 1, x) - bessel(nu + 1, x)); }
#if defined(__clang__)
#define HESSC_DIFF(...) __attribute__((annotate("hessc.diff", "" __VA_ARGS__)))
#define HESSC_PARTIAL(function, argument)                                      \
  __attribute__((annotate("hessc.partial", #function, argument)))
#else
#define HESSC_DIFF(...)
#define HESSC_PARTIAL(function, argument)
#endif

#include <hessc/sparsity.h> // and hessc/support.h

#endif // HESSC_HESSC_H
