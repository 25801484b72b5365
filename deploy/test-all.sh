#!/usr/bin/env bash
# Runs every test suite of the project (contracts, C++ node, proxy, portal, end to end) after
# installing what they need. Exits non-zero if any suite fails; ends with one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$ROOT/node_modules/.bin:$PATH"

bash deploy/install-deps.sh || { echo "install-deps failed"; exit 1; }

passed=0; failed=0; failed_names=()
run_suite() {
  local name=$1; shift
  echo; echo "=== suite: $name"
  local t0=$SECONDS
  if "$@"; then passed=$((passed + 1)); echo "=== $name: ok ($((SECONDS - t0)) s)"
  else failed=$((failed + 1)); failed_names+=("$name"); echo "=== $name: FAILED ($((SECONDS - t0)) s)"; fi
}

run_suite contracts bash -c 'cd contracts && forge test'
run_suite contracts-chain node --test contracts/e2e/
run_suite cpp bash -c 'cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DAUTOMATOR_BUILD_BENCH=OFF >/dev/null && cmake --build build && ctest --test-dir build --output-on-failure'
run_suite proxy bash -c 'cd proxy && node --test test/'
run_suite portal bash -c 'cd portal && node --test test/'
run_suite e2e node --test tests/e2e/

echo
((failed)) && echo "failed suites: ${failed_names[*]}"
echo "suites: $passed passed, $failed failed"
((failed == 0))
