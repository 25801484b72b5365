#!/usr/bin/env bash
# Runs every test suite of the project (contracts, C++ node, proxy, portal, end to end, the real
# EigenLayer core) after installing what they need. Exits non-zero if any suite fails; ends with
# one summary line "suites: N passed, N failed".
#
#   bash deploy/test-all.sh                      # everything (what CI runs)
#   bash deploy/test-all.sh --only cpp,proxy     # some suites, by name (see SUITES below)
#   bash deploy/test-all.sh --no-install         # skip deploy/install-deps.sh
#
# forge, cast and anvil are called through deploy/bin, which passes on their exit codes (the npm
# wrappers in node_modules/.bin exit 0 whatever the tool says); the `ci-selftest` suite proves
# that a failing Solidity test fails this command.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$ROOT/deploy/bin:$ROOT/node_modules/.bin:$PATH"

only=""; install=1
while (($#)); do
  case "$1" in
    --only) only=",${2:?--only takes a comma-separated list of suites},"; shift 2 ;;
    --no-install) install=0; shift ;;
    *) echo "test-all: unknown argument '$1' (try --only NAME[,NAME] or --no-install)" >&2; exit 2 ;;
  esac
done

SUITES=(ci-selftest contracts contracts-chain cpp realcore fuzz package proxy portal e2e)
for name in ${only//,/ }; do
  [[ " ${SUITES[*]} " == *" $name "* ]] || { echo "test-all: no suite '$name' (suites: ${SUITES[*]})" >&2; exit 2; }
done

if ((install)); then
  bash deploy/install-deps.sh || { echo "install-deps failed"; exit 1; }
fi

# ccache, where installed, lets a second build of the same sources (another build dir, a later
# run on the same machine) skip the compiler; a clean machine builds everything once.
# CCACHE_BASEDIR makes the cached results independent of where the checkout is.
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$ROOT}"
export AUTOMATOR_CMAKE_LAUNCHER="${launcher[*]}"

passed=0; failed=0; failed_names=()
run_suite() {
  local name=$1; shift
  if [ -n "$only" ] && [[ "$only" != *",$name,"* ]]; then return 0; fi
  echo; echo "=== suite: $name"
  local t0=$SECONDS
  if "$@"; then passed=$((passed + 1)); echo "=== $name: ok ($((SECONDS - t0)) s)"
  else failed=$((failed + 1)); failed_names+=("$name"); echo "=== $name: FAILED ($((SECONDS - t0)) s)"; fi
}

# In the order of SUITES.
run_suite ci-selftest bash tests/ci/solidity_failure_selftest.sh
run_suite contracts bash -c 'cd contracts && forge test'
run_suite contracts-chain node --test contracts/e2e/
run_suite cpp bash -c 'cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DAUTOMATOR_BUILD_BENCH=OFF $AUTOMATOR_CMAKE_LAUNCHER >/dev/null && cmake --build build && ctest --test-dir build --output-on-failure'
# The real EigenLayer core v1.12.0 ($EIGENLAYER_CONTRACTS_DIR, default ../shared/vendor/eigenlayer-contracts;
# compiled once into build/eigenlayer-core/), the AVS on it, the CLI and real nodes (tests/realcore/README.md).
run_suite realcore node --test tests/realcore/
# libFuzzer targets with clang, each run for 10 s from its seed corpus (tests/fuzz/README.md has
# the longer command).
run_suite fuzz bash -c 'cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++ -DAUTOMATOR_BUILD_FUZZ=ON -DAUTOMATOR_BUILD_BENCH=OFF $AUTOMATOR_CMAKE_LAUNCHER >/dev/null && cmake --build build-fuzz --target fuzz_all && ctest --test-dir build-fuzz -L fuzz --output-on-failure'
run_suite package bash tests/package/install_test.sh build
run_suite proxy bash -c 'cd proxy && node --test test/'
run_suite portal bash -c 'cd portal && node --test test/'
run_suite e2e node --test tests/e2e/

echo
((failed)) && echo "failed suites: ${failed_names[*]}"
echo "suites: $passed passed, $failed failed"
((failed == 0))
