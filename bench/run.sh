#!/usr/bin/env bash
# Builds and runs every benchmark in bench/, each with its defaults; each prints its own table.
#   C++: every executable bench/CMakeLists.txt produces (built in Release).
#   JS:  every bench/<name>/run.mjs or bench/<name>/bench.mjs, run with node.
# Usage: bench/run.sh [build-dir]   (default: build)
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
export PATH="$PWD/deploy/bin:$PWD/node_modules/.bin:$PATH"
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAUTOMATOR_BUILD_BENCH=ON >/dev/null || exit 1
cmake --build "$BUILD" --target bench/all || exit 1

failed=()
run() {
  local name=$1
  shift
  echo
  echo "=== $name"
  "$@" || failed+=("$name")
}
for exe in $(find "$BUILD/bench" -maxdepth 1 -type f -executable | sort); do
  run "$(basename "$exe")" "$exe"
done
for script in $(ls bench/*/run.mjs bench/*/bench.mjs 2>/dev/null | sort); do
  run "$script" node "$script"
done

echo
if ((${#failed[@]})); then echo "failed benchmarks: ${failed[*]}"; exit 1; fi
echo "all benchmarks ran"
