#!/usr/bin/env bash
# Builds everything, runs examples/rosenbrock.cpp (compiled with the plugin)
# and shows the derivative source the plugin generated for it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HESSC_BUILD_DIR:-$root/build}
"$root/scripts/build.sh"
echo
echo "== examples/rosenbrock.cpp, compiled with -fplugin=$build/lib/hessc/HesscPlugin.so"
"$build/examples/rosenbrock"
echo
echo "== The source hessc generated for it (-fplugin-arg-hessc-dump)"
clang++-19 -std=c++17 -fsyntax-only -fplugin="$build/lib/hessc/HesscPlugin.so" \
  -fplugin-arg-hessc-dump -I"$root/include" "$root/examples/rosenbrock.cpp"
