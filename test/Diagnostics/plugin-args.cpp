// An unknown plugin argument is an error that names the accepted ones.
// RUN: not %hessc_cxx -fsyntax-only -fplugin-arg-hessc-bogus %s 2>&1 | FileCheck %s
// CHECK: error: unknown hessc plugin argument 'bogus'; expected 'dump' or 'emit-dir=DIR'
double f(double x) { return x; }
