#!/usr/bin/env bash
# Builds the Debian package of an operator's machine: build/pkg/fleek-automator_<version>_<arch>.deb
# with the operator node and the CLI (/usr/bin), the proxy runner bundled into one file
# (/usr/lib/fleek-automator/proxy/serve.mjs), example configs (/etc/fleek-automator/), systemd
# units (fleek-automator-operator@<config>.service, fleek-automator-proxy.service) and the
# unprivileged user they run as (systemd-sysusers; state in /var/lib/fleek-automator).
#
#   bash deploy/package.sh [--build-dir DIR]     # DIR: a CMake build dir to reuse (default build)
#
# Installing: apt install ./build/pkg/fleek-automator_*.deb; then see /etc/fleek-automator/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
build_dir=build
while (($#)); do
  case "$1" in
    --build-dir) build_dir=${2:?--build-dir takes a folder}; shift 2 ;;
    *) echo "package: unknown argument '$1' (usage: deploy/package.sh [--build-dir DIR])" >&2; exit 2 ;;
  esac
done

version=$(node -p "require('./package.json').version")
arch=$(dpkg --print-architecture)
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

echo "package: building automator-operator and automator-cli in $build_dir"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >/dev/null
cmake --build "$build_dir" --target automator-operator automator-cli >/dev/null

stage=$ROOT/build/pkg/stage
rm -rf "$stage"
install -d "$stage/DEBIAN" "$stage/usr/bin" "$stage/usr/lib/fleek-automator/proxy" \
  "$stage/etc/fleek-automator" "$stage/lib/systemd/system" "$stage/usr/lib/sysusers.d" \
  "$stage/usr/share/doc/fleek-automator"

install -m 755 -s "$build_dir/actors/automator-operator" "$build_dir/cli/automator-cli" "$stage/usr/bin/"

echo "package: bundling the proxy runner"
node_modules/.bin/esbuild proxy/serve.js --bundle --platform=node --format=esm --target=node20 --log-level=warning \
  --outfile="$stage/usr/lib/fleek-automator/proxy/serve.mjs"

install -m 644 deploy/pkg/etc/operator.ini deploy/pkg/etc/proxy.env "$stage/etc/fleek-automator/"
for ini in config/split-submitter.ini config/split-callers.ini; do
  install -m 644 "$ini" "$stage/etc/fleek-automator/"
done
install -m 644 deploy/pkg/systemd/*.service "$stage/lib/systemd/system/"
install -m 644 deploy/pkg/sysusers.conf "$stage/usr/lib/sysusers.d/fleek-automator.conf"
install -m 644 README.md "$stage/usr/share/doc/fleek-automator/README.md"
install -m 644 proxy/README.md "$stage/usr/share/doc/fleek-automator/proxy-README.md"
install -m 644 cli/README.md "$stage/usr/share/doc/fleek-automator/cli-README.md"
install -m 755 deploy/pkg/DEBIAN/postinst "$stage/DEBIAN/postinst"
(cd "$stage" && find etc -type f | sed 's|^|/|' | sort) > "$stage/DEBIAN/conffiles"

# Shared-library dependencies as Debian computes them for any package (dpkg-shlibdeps reads a
# debian/control, so give it a minimal one in a scratch folder).
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/debian"
printf 'Source: fleek-automator\n\nPackage: fleek-automator\nArchitecture: any\n' > "$scratch/debian/control"
shlibs=$(cd "$scratch" && dpkg-shlibdeps -O "$stage/usr/bin/automator-operator" "$stage/usr/bin/automator-cli" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')

installed_kb=$(du -sk "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<EOF
Package: fleek-automator
Version: $version
Architecture: $arch
Maintainer: Fleek Automator developers <dev@fleek-automator.invalid>
Installed-Size: $installed_kb
Depends: $shlibs, systemd
Recommends: nodejs (>= 20)
Section: net
Priority: optional
Description: Fleek Automator operator node, CLI and Automation Proxy
 The operator node of the Fleek Automator AVS (an EigenLayer actively validated
 service that fires scheduled HTTP calls and proves each one on chain), its
 command-line client, and the self-hosted Automation Proxy (needs Node.js 20).
 Systemd units: fleek-automator-operator@<config>.service (one per config file
 in /etc/fleek-automator, so a node split over two processes is two units) and
 fleek-automator-proxy.service, both running as the user fleek-automator.
EOF

mkdir -p build/pkg
deb=build/pkg/fleek-automator_${version}_${arch}.deb
dpkg-deb --root-owner-group --build "$stage" "$deb" >/dev/null
echo "package: $deb ($(du -h "$deb" | cut -f1))"
