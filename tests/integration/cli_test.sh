#!/usr/bin/env bash
# automator-cli against a real anvil with the real contracts (deploy/lib/devchain.mjs):
# register an operator, show its status, create, list, show and cancel tasks, deregister it,
# and check that bad input and reverts give clear errors with the right exit codes.
# Usage: cli_test.sh <automator-cli binary> <repository root>
set -euo pipefail
cli=$1
root=$2
work=$(mktemp -d)
devchain_pid=
cleanup() {
  if [ -n "$devchain_pid" ]; then kill "$devchain_pid" 2>/dev/null || true; wait "$devchain_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

node "$root/deploy/lib/devchain.mjs" --operators 2 --state-dir "$work/chain" --keep >"$work/devchain.out" 2>&1 &
devchain_pid=$!
for _ in $(seq 1 240); do
  grep -q '"rpcUrl"' "$work/devchain.out" 2>/dev/null && break
  kill -0 "$devchain_pid" 2>/dev/null || { cat "$work/devchain.out"; echo "devchain exited"; exit 1; }
  sleep 0.5
done
rpc=$(node -e 'const l=require("fs").readFileSync(process.argv[1],"utf8").split("\n").find(x=>x.includes("rpcUrl"));console.log(JSON.parse(l).rpcUrl)' "$work/devchain.out")
common=(--rpc "$rpc" --deployment "$work/chain/deployment.json")
# anvil development accounts 3 (a user), 4 and 5 (new operators): public test keys.
(umask 077
 echo 0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6 >"$work/user.key"
 echo 0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a >"$work/operator.key"
 echo 0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba >"$work/operator5.key"
 echo not-a-key >"$work/bad.key")

failures=0
# expect <exit code> <text the output must contain> -- command...
expect() {
  local code=$1 text=$2
  shift 3
  local out rc=0
  out=$("$cli" "$@" 2>&1) || rc=$?
  if [ "$rc" != "$code" ] || [[ "$out" != *"$text"* ]]; then
    echo "FAIL: automator-cli $* -> exit $rc (want $code), output:"; echo "$out"; echo "(wanted: $text)"
    failures=$((failures + 1))
  else
    echo "ok: $1 ${*:2:1} -> $text"
  fi
  last_output=$out
}

expect 0 "is registered" -- register-operator "${common[@]}" --key-file "$work/operator.key"
expect 0 "already registered for the AVS's operator set" -- register-operator "${common[@]}" --key-file "$work/operator.key"
expect 0 "slashable stake:" -- status "${common[@]}" --key-file "$work/operator.key"
[[ "$last_output" =~ member\ of\ set\ 0:\ +yes ]] || { echo "FAIL: status does not show the membership"; failures=$((failures + 1)); }
expect 2 "status needs --operator ADDRESS or --key-file FILE" -- status "${common[@]}"
# With an allocation delay the command waits for the allocation's effect block; on this
# automining anvil --mine mines the blocks.
expect 0 "mined 3 blocks" -- register-operator "${common[@]}" --key-file "$work/operator5.key" --allocation-delay 3 --mine

expect 0 "task 1 created" -- create-task "${common[@]}" --key-file "$work/user.key" \
  --url https://example.com/fn --every 10s --for 1h --fee-wei 1000000000000
expect 0 "https://example.com/fn" -- list-tasks "${common[@]}"
expect 0 "task 2 created" -- create-task "${common[@]}" --key-file "$work/user.key" \
  --url https://example.com/post --method POST --body '{"ping":1}' --every 1m --count 5 --start +1m
expect 0 'body: {"ping":1}' -- show-task 2 "${common[@]}" --limit 3
expect 0 "pending" -- show-task 1 "${common[@]}" --from 0 --limit 4
[[ "$last_output" == *"(356 later slots"* ]] || { echo "FAIL: show-task does not count the later slots"; failures=$((failures + 1)); }

expect 1 "NotTaskOwner(1," -- cancel-task 1 "${common[@]}" --key-file "$work/operator.key"
# The refund covers the slots not yet due (slot 0 may be by now).
expect 0 "refund 0.000" -- cancel-task 1 "${common[@]}" --key-file "$work/user.key"
expect 1 "TaskAlreadyCancelled(1)" -- cancel-task 1 "${common[@]}" --key-file "$work/user.key"
expect 0 "cancelled" -- list-tasks "${common[@]}"
expect 1 "UnknownTask(42)" -- show-task 42 "${common[@]}"

expect 2 '--every: "10x" is not a positive duration' -- create-task "${common[@]}" --key-file "$work/user.key" --url https://example.com --every 10x --count 3
expect 2 'is not an http:// or https:// URL' -- create-task "${common[@]}" --key-file "$work/user.key" --url example.com --every 10s --count 3
expect 2 'exactly one of --for' -- create-task "${common[@]}" --key-file "$work/user.key" --url https://example.com --every 10s
expect 2 'no runs' -- create-task "${common[@]}" --key-file "$work/user.key" --url https://example.com --every 1h --for 10m
expect 1 'StartInPast(1000,' -- create-task "${common[@]}" --key-file "$work/user.key" --url https://example.com --every 10s --count 3 --start 1000
expect 2 'expected 64 hex digits' -- create-task "${common[@]}" --key-file "$work/bad.key" --url https://example.com --every 10s --count 3
expect 2 'missing required option --key-file' -- cancel-task 2 "${common[@]}"
expect 2 'unknown option --colour' -- list-tasks "${common[@]}" --colour red
expect 1 'cannot be opened' -- list-tasks --rpc "$rpc" --deployment "$work/missing.json"
expect 1 'connect failed' -- list-tasks --rpc http://127.0.0.1:1 --deployment "$work/chain/deployment.json"

# Leaving: the core keeps the operator slashable for DEALLOCATION_DELAY blocks, and it cannot
# register again meanwhile (the refusal says why).
expect 0 "deregistered from operator set 0" -- deregister-operator "${common[@]}" --key-file "$work/operator.key"
expect 0 "not a member of the AVS's operator set" -- deregister-operator "${common[@]}" --key-file "$work/operator.key"
[[ "$(  "$cli" status "${common[@]}" --key-file "$work/operator.key")" =~ member\ of\ set\ 0:\ +no ]] || { echo "FAIL: status still shows the membership"; failures=$((failures + 1)); }
expect 1 "still slashable after a deregistration" -- register-operator "${common[@]}" --key-file "$work/operator.key"

if [ "$failures" -ne 0 ]; then echo "$failures checks failed"; exit 1; fi
echo "all automator-cli checks passed"
