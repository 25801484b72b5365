#!/usr/bin/env bash
# The Debian package, installed into a clean root: builds it (deploy/package.sh), installs it
# with `dpkg --root` into an empty folder (maintainer scripts run chrootless on that root), checks
# the files, the user, the modes of the key and state folders and the units, then starts the
# operator node and the proxy from their units' command lines, as the package's unprivileged
# user, against anvil with the real contracts, and waits for both to answer.
#   bash tests/package/install_test.sh [BUILD_DIR]      (default build)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
build_dir=${1:-build}
fail() { echo "package test: FAILED: $*" >&2; exit 1; }

bash deploy/package.sh --build-dir "$build_dir"
deb=$(ls -t build/pkg/fleek-automator_*.deb | head -1)

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
chmod 755 "$work" # the package's user must reach the root below it (mktemp makes it 0700)
R=$work/root
mkdir -p "$R/var/lib/dpkg/info" "$R/var/lib/dpkg/updates" "$R/var/lib/dpkg/triggers" "$R/etc"
: > "$R/var/lib/dpkg/status"; : > "$R/var/lib/dpkg/available"

# --force-depends: the clean root has none of the libraries; the binaries run with the host's.
dpkg --root="$R" --force-script-chrootless --force-not-root --force-depends --log=/dev/null \
  -i "$deb" > "$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -i into a clean root"; }

for f in usr/bin/automator-operator usr/bin/automator-cli usr/lib/fleek-automator/proxy/serve.mjs \
         etc/fleek-automator/operator.ini etc/fleek-automator/proxy.env \
         etc/fleek-automator/split-submitter.ini etc/fleek-automator/split-callers.ini \
         lib/systemd/system/fleek-automator-operator@.service lib/systemd/system/fleek-automator-proxy.service \
         usr/lib/sysusers.d/fleek-automator.conf; do
  [ -e "$R/$f" ] || fail "/$f is not installed"
done
uid=$(awk -F: '$1 == "fleek-automator" { print $3 }' "$R/etc/passwd")
gid=$(awk -F: '$1 == "fleek-automator" { print $3 }' "$R/etc/group")
[ -n "$uid" ] && [ "$uid" -ne 0 ] || fail "no unprivileged user fleek-automator in the root's /etc/passwd"
for dir in etc/fleek-automator/keys var/lib/fleek-automator; do
  [ "$(stat -c '%a %u' "$R/$dir")" = "700 $uid" ] || fail "/$dir is $(stat -c '%a %u' "$R/$dir"), want 700 owned by $uid"
done
grep -q '^User=fleek-automator$' "$R/lib/systemd/system/fleek-automator-operator@.service" || fail "operator unit does not drop to fleek-automator"
if command -v systemd-analyze >/dev/null 2>&1; then
  systemd-analyze verify --root="$R" fleek-automator-proxy.service > "$work/verify.log" 2>&1 || true
  if grep -v -e 'Failed to open' -e 'not found' -e '^$' "$work/verify.log" | grep -qi 'fleek-automator.*\(error\|unknown\|invalid\)'; then
    cat "$work/verify.log"; fail "systemd-analyze verify"
  fi
fi

# The unit's command line, with the package's own paths taken inside the root (the rest, such as
# /usr/bin/env, is the host's).
exec_start() {
  sed -n "s/^ExecStart=//p" "$R/lib/systemd/system/$1" |
    sed "s|%i|${2:-}|g; s|/usr/bin/automator-|$R/usr/bin/automator-|g; s|/usr/lib/fleek-automator|$R/usr/lib/fleek-automator|g; s|/etc/fleek-automator|$R/etc/fleek-automator|g"
}
as_user() { setpriv --reuid="$uid" --regid="$gid" --clear-groups -- "$@"; }

# anvil with the AVS and one registered operator (account 1); the proxy signer is account 9.
node deploy/lib/devchain.mjs --operators 1 --state-dir "$work/chain" --keep > "$work/chain.out" 2> "$work/chain.err" &
pids+=($!)
for _ in $(seq 1 600); do [ -s "$work/chain.out" ] && break; sleep 0.5; done
[ -s "$work/chain.out" ] || { cat "$work/chain.err"; fail "devchain did not start"; }
rpc=$(node -p "JSON.parse(require('fs').readFileSync('$work/chain.out','utf8').split('\n')[0]).rpcUrl")
deployment=$(node -p "JSON.parse(require('fs').readFileSync('$work/chain.out','utf8').split('\n')[0]).deploymentPath")

etc=$R/etc/fleek-automator
install -m 644 "$deployment" "$etc/deployment.json"
keys=$(node --input-type=module -e "import { ANVIL_KEYS } from './deploy/lib/devchain.mjs'; console.log(ANVIL_KEYS[1], ANVIL_KEYS[9]);")
read -r operator_key proxy_key <<< "$keys"
install -m 600 -o "$uid" -g "$gid" /dev/null "$etc/keys/operator.key"; echo "$operator_key" > "$etc/keys/operator.key"
install -m 600 -o "$uid" -g "$gid" /dev/null "$etc/keys/proxy.key"; echo "$proxy_key" > "$etc/keys/proxy.key"

proxy_port=$(node -e "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})")
metrics_port=$(node -e "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})")
sed -i "s|^AUTOMATOR_DEPLOYMENT=.*|AUTOMATOR_DEPLOYMENT=$etc/deployment.json|; s|^AUTOMATOR_RPC_URL=.*|AUTOMATOR_RPC_URL=$rpc|;
        s|^AUTOMATOR_KEYSTORE=.*|AUTOMATOR_KEY_FILE=$etc/keys/proxy.key|; /^AUTOMATOR_KEYSTORE_PASSWORD_FILE=/d; s|^PORT=.*|PORT=$proxy_port|" "$etc/proxy.env"
echo "AUTOMATOR_ALLOW_LOOPBACK=1" >> "$etc/proxy.env"
sed -i "s|^rpc-url=.*|rpc-url=\"$rpc\"|; s|^deployment=.*|deployment=\"$etc/deployment.json\"|;
        s|^key-file=.*|key-file=\"$etc/keys/operator.key\"|; s|^proxy-urls=.*|proxy-urls=[\"http://127.0.0.1:$proxy_port\"]|;
        s|^metrics-port=.*|metrics-port=$metrics_port|" "$etc/operator.ini"

# The proxy, as its unit starts it: the environment file, then the command line.
(cd "$R/var/lib/fleek-automator" && set -a && . "$etc/proxy.env" && set +a && exec setpriv --reuid="$uid" --regid="$gid" --clear-groups -- $(exec_start fleek-automator-proxy.service)) > "$work/proxy.log" 2>&1 &
pids+=($!)
# The operator node, as fleek-automator-operator@operator.service starts it.
(cd "$R/var/lib/fleek-automator" && exec setpriv --reuid="$uid" --regid="$gid" --clear-groups -- $(exec_start 'fleek-automator-operator@.service' operator)) > "$work/node.log" 2>&1 &
pids+=($!)

# Any HTTP answer counts (the node's /health may say what it still waits for); no answer does not.
answered() { curl -sS --max-time 2 -o "$work/answer" "$1" 2>/dev/null; }
ok_proxy=0; ok_node=0
for _ in $(seq 1 120); do
  ((ok_proxy)) || { answered "http://127.0.0.1:$proxy_port/" && ok_proxy=1; }
  ((ok_node)) || { answered "http://127.0.0.1:$metrics_port/health" && ok_node=1; }
  ((ok_proxy && ok_node)) && break
  sleep 0.5
done
((ok_proxy)) || { cat "$work/proxy.log"; fail "the proxy started from its unit's command line did not answer"; }
((ok_node)) || { cat "$work/node.log"; fail "the node started from its unit's command line did not answer /health"; }
# And it can do its job: /health is 200 once its probe has seen the chain, the proxy and the set.
healthy=0
for _ in $(seq 1 180); do
  [ "$(curl -sS --max-time 2 -o "$work/answer" -w '%{http_code}' "http://127.0.0.1:$metrics_port/health" 2>/dev/null)" = 200 ] && { healthy=1; break; }
  sleep 0.5
done
((healthy)) || { cat "$work/answer"; echo; tail -20 "$work/node.log"; fail "the node from the package never became healthy"; }
[ -d "$R/var/lib/fleek-automator/operator" ] || fail "the node kept no store in /var/lib/fleek-automator/operator"
[ "$(stat -c %u "$R/var/lib/fleek-automator/operator")" = "$uid" ] || fail "the store is not owned by fleek-automator"
echo "node /health: $(curl -sS --max-time 2 "http://127.0.0.1:$metrics_port/health")"
echo "package test: $(basename "$deb") installs into a clean root; node and proxy run as fleek-automator (uid $uid) from their units"
