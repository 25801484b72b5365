#!/usr/bin/env bash
# One command to see Fleek Automator work on this machine: installs what is missing, builds the
# contracts and the C++ operator node, then starts anvil (state in .devnet/), the contracts with
# the EigenLayer stand-in, the proxy, a sample target, three operator nodes and the portal, and
# registers a sample task. Ctrl-C stops everything; run it again to continue from the saved state.
# --core real runs it on the real EigenLayer core (v1.12.0 from $EIGENLAYER_CONTRACTS_DIR, else
# ../shared/vendor/eigenlayer-contracts; compiled once into build/eigenlayer-core/), the
# operators joining with automator-cli; the stand-in, which needs nothing, stays the default.
#   deploy/devnet.sh [--dir .devnet] [--portal-port 8080] [--rpc-port 8545] [--no-sample-task] [--core real]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/deploy/bin:$PWD/node_modules/.bin:$PATH"

bash deploy/install-deps.sh

echo "[devnet] building the contracts…"
(cd contracts && forge build --quiet)

echo "[devnet] building the operator node (build/, at most 2 jobs)…"
if ! { cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DAUTOMATOR_BUILD_BENCH=OFF >/dev/null && cmake --build build -j2 --target automator-operator automator-cli; }; then
  echo "[devnet] the operator node did not build: the devnet runs without operators (see the errors above)"
fi

exec node deploy/lib/devnet-main.mjs "$@"
