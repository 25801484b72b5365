#!/usr/bin/env bash
# Proves that the README's test command can fail: in a temporary copy of the project, the
# contracts suite of deploy/test-all.sh runs once with a passing Solidity test (the command must
# exit 0) and once with a deliberately failing one added (it must exit non-zero and name the
# test). The copy holds only what that suite needs, so it compiles two tiny files, not the AVS.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$tmp/contracts/test" "$tmp/deploy" "$tmp/tests/ci"
cp -r deploy/bin deploy/test-all.sh "$tmp/deploy/"
cp -r contracts/tools "$tmp/contracts/"
cp contracts/foundry.toml "$tmp/contracts/"
ln -s "$ROOT/node_modules" "$tmp/node_modules"

cat > "$tmp/contracts/test/SelfTestPasses.t.sol" <<'SOL'
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract SelfTestPasses {
    function test_passes() external pure {}
}
SOL

run_copy() { (cd "$tmp" && bash deploy/test-all.sh --only contracts --no-install) >"$tmp/out.txt" 2>&1; }

if ! run_copy; then
  cat "$tmp/out.txt"; echo "selftest: a passing Solidity test made the test command fail"; exit 1
fi
grep -q "^suites: 1 passed, 0 failed$" "$tmp/out.txt" || { cat "$tmp/out.txt"; echo "selftest: no passing summary"; exit 1; }

cat > "$tmp/contracts/test/SelfTestFails.t.sol" <<'SOL'
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract SelfTestFails {
    function test_deliberatelyFails() external pure {
        require(1 + 1 == 3, "deliberate failure: the test command must report it");
    }
}
SOL
if run_copy; then
  cat "$tmp/out.txt"; echo "selftest: a failing Solidity test did NOT make the test command fail"; exit 1
fi
grep -q "test_deliberatelyFails" "$tmp/out.txt" || { cat "$tmp/out.txt"; echo "selftest: forge did not name the failing test"; exit 1; }
grep -q "^suites: 0 passed, 1 failed$" "$tmp/out.txt" || { cat "$tmp/out.txt"; echo "selftest: no failing summary"; exit 1; }
echo "selftest: a failing Solidity test fails the test command (and a passing one does not)"
