#!/usr/bin/env bash
# Compile time with and without the plugin: bench/compile_time/ten_functions.cpp
# (10 annotated functions, <Eigen/Dense>) at -O2, five times each,
# alternating, median reported; then the same for the source the hessc
# command writes (the generated code on its own). Last, the compile time with
# the plugin of bench/compile_time/fixed_size.cpp, Rosenbrock over a
# fixed-size array, for N = 10, 10^3 and 10^5: generating its derivatives
# must not take longer as N grows.
#
#   bench/compile_time.sh [build dir]    (default: build/)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
src=$root/bench/compile_time/ten_functions.cpp
flags=(-std=c++17 -O2 -I"$root/include" -I/usr/include/eigen3 -c -o /dev/null)
plugin=$build/lib/hessc/HesscPlugin.so
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/bin/hessc" -o "$tmp" "$src" -- -std=c++17 -I"$root/include" -I/usr/include/eigen3

seconds() { /usr/bin/time -f %e "$@" 2>&1 >/dev/null | tail -1; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for run in 1 2 3 4 5; do
  seconds clang++-19 "${flags[@]}" "$src" >> "$tmp/plain"
  seconds clang++-19 "${flags[@]}" -fplugin="$plugin" "$src" >> "$tmp/plugin"
  seconds clang++-19 "${flags[@]}" "$tmp/ten_functions.cpp" >> "$tmp/generated"
done
plain=$(median < "$tmp/plain")
with=$(median < "$tmp/plugin")
generated=$(median < "$tmp/generated")
echo "without the plugin:            $plain s"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "with the plugin:               $with s ($(ratio "$with" "$plain")x)"
echo "hessc's output, no plugin:     $generated s ($(ratio "$generated" "$plain")x)"

fixed=$root/bench/compile_time/fixed_size.cpp
for n in 10 1000 100000; do
  for run in 1 2 3; do
    seconds clang++-19 "${flags[@]}" -DHESSC_N=$n -fplugin="$plugin" "$fixed" >> "$tmp/fixed$n"
  done
  echo "fixed-size Rosenbrock, N = $n: $(median < "$tmp/fixed$n") s with the plugin"
done
