#!/usr/bin/env bash
# Installs everything the project builds and runs with on a fresh Debian machine: the Debian
# packages of the C++ node and the browser tests, and the npm packages (forge/anvil/cast, solc,
# OpenZeppelin, viem, playwright-core) pinned by package-lock.json. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libcaf-dev libboost-dev libboost-system-dev libssl-dev libsecp256k1-dev libcrypto++-dev
  libmsgpack-cxx-dev libspdlog-dev nlohmann-json3-dev doctest-dev zlib1g-dev
  chromium wrk curl jq ccache
  clang libclang-rt-14-dev
  systemd dpkg-dev
)
# Node.js may come from another repository that bundles npm (Debian's `npm` then conflicts):
# only a machine without node gets Debian's nodejs and npm.
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(nodejs npm)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "install-deps: apt packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages at the versions package-lock.json pins. `npm install`, not `npm ci`: the registry
# here lacks some other platforms' optional foundry binaries, which `npm ci` counts as a lock
# mismatch. Runs only when the lock file changed since the last install, so reruns stay fast.
stamp=node_modules/.install-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "install-deps: npm install"
  npm install --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
