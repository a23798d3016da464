// Diagnostics in the user's code after an annotated function keep their
// line and column, though generated code was inserted before them; a
// trailing comment after the closing brace keeps its column too.
// RUN: %hessc_cxx -fsyntax-only -Wunused-variable %s 2>&1 | FileCheck %s
#include <hessc/hessc.h>

HESSC_DIFF()
double f(double x) { return x * x; } int after_brace_unused() { int u1 = 0; return 1; }

void later() {
  int unused_here = 0;
}
// CHECK: line-numbers.cpp:8:69: warning: unused variable 'u1'
// CHECK: line-numbers.cpp:11:7: warning: unused variable 'unused_here'
// CHECK-NOT: hessc.cpp
