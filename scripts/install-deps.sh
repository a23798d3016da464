#!/usr/bin/env bash
# Installs what hessc needs on Debian 12, if anything is missing.
set -euo pipefail
packages=(clang-19 libclang-19-dev llvm-19-dev llvm-19-tools libeigen3-dev
          cmake ninja-build g++ python3 python3-sympy libgtest-dev
          libbenchmark-dev libadolc-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "hessc: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
