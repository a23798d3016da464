// A C++ error inside an annotated function is reported once, by Clang, at
// its own line; hessc adds nothing and does not crash.
// RUN: not %hessc_cxx -fsyntax-only %s 2>&1 | FileCheck %s
#include <hessc/hessc.h>

HESSC_DIFF()
double broken(double x) {
  return x * undefined_name;
}
// CHECK: user-errors.cpp:8:14: error: use of undeclared identifier 'undefined_name'
// CHECK-NOT: hessc
// CHECK: 1 error generated.
