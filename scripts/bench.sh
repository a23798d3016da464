#!/usr/bin/env bash
# Builds the benchmark suite and runs it: one Google Benchmark run per
# workload binary (each checks that all its variants agree before timing),
# JSON results, then bench/report.py writes results.md (the Markdown tables
# for the README) and one SVG plot per workload.
#
#   scripts/bench.sh [workload...] [-- extra Google Benchmark flags]
#
# Workloads: rosenbrock broyden logistic mlp lennard_jones gmm (default: all).
# Environment: HESSC_BUILD_DIR (default build/), HESSC_BENCH_OUT (default
# <build>/bench-results), HESSC_BENCH_JOBS (ninja -j, default 2).
# Five repetitions of at least 0.2 s each, medians reported: about eight
# minutes on a quiet 2-core machine. Ratios are only as good as the
# machine is quiet: the load average is recorded in each result.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HESSC_BUILD_DIR:-$root/build}
out=${HESSC_BENCH_OUT:-$build/bench-results}
jobs=${HESSC_BENCH_JOBS:-2}

workloads=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  workloads+=("$1")
  shift
done
[ "${1:-}" = "--" ] && shift
[ ${#workloads[@]} -gt 0 ] || workloads=(rosenbrock broyden logistic mlp lennard_jones gmm)

"$root/scripts/install-deps.sh"
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19
fi
ninja -C "$build" -j"$jobs" "${workloads[@]/#/bench_}"

mkdir -p "$out"
results=()
for w in "${workloads[@]}"; do
  echo "== bench_$w"
  # In the results directory: nothing ADOL-C might leave lands in the tree.
  (cd "$out" && "$build/bench/bench_$w" --benchmark_repetitions=5 \
     --benchmark_report_aggregates_only=true --benchmark_min_time=0.2 \
     --benchmark_out="$out/$w.json" --benchmark_out_format=json "$@") | tee "$out/$w.txt"
  results+=("$out/$w.json")
  if compgen -G "$out/ADOLC-*.tap" > /dev/null; then
    echo "bench.sh: ADOL-C spilled tapes to files during bench_$w: its times include the disk" >&2
    rm -f "$out"/ADOLC-*.tap
  fi
done
/usr/bin/python3 "$root/bench/report.py" "$out" "${results[@]}"
