//===- real_opaque.cpp - Functions whose bodies real_partial.cpp never sees -===//
//
// Compiled on its own, without the plugin, and linked with real_partial.cpp,
// which only declares these functions and gives their derivatives with
// HESSC_PARTIAL: hessc must call them without looking for a body.
//
//===----------------------------------------------------------------------===//

#include <cmath>

/// Bessel functions of the first kind, orders 0 and 1, from the C++17
/// special functions of the standard library.
double bessel_j0(double x) { return std::cyl_bessel_j(0.0, x); }
double bessel_j1(double x) { return std::cyl_bessel_j(1.0, x); }
