// A file without annotations compiles exactly as without the plugin: the
// same object code, and nothing dumped.
// RUN: %clangxx -std=c++17 -O1 -c %s -o %t.plain.o
// RUN: %hessc_cxx -O1 -c %s -o %t.plugin.o -fplugin-arg-hessc-dump 2> %t.err
// RUN: cmp %t.plain.o %t.plugin.o
// RUN: count 0 < %t.err
#include <cmath>

double untouched(double x) { return std::sin(x) * x; }
