#!/usr/bin/env bash
# Builds and runs the benchmark suite; prints cost ratios at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HESSC_BUILD_DIR:-$root/build}
"$root/scripts/build.sh"
for b in "$build"/bench/bench_*; do
  echo "== $(basename "$b")"
  "$b" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true "$@"
done
