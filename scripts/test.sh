#!/usr/bin/env bash
# Builds everything and runs every test (lit suites and unit tests) via CTest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HESSC_BUILD_DIR:-$root/build}
"$root/scripts/build.sh"
cd "$build"
ctest --output-on-failure
