#!/usr/bin/env bash
# Installs Go and govmomi's simulator source (Debian packages) and builds the vCenter
# simulator harness used by guard-vsphere's tests:
#   guard-vsphere/target/vcsim/vsguard-vcsim
# Idempotent: apt is skipped when Go and govmomi's simulator source are already present.
# Usage: .ci/vcsim-setup.sh [--build-only]
set -euo pipefail
cd "$(dirname "$0")/.."

GOVMOMI_SIM=/usr/share/gocode/src/github.com/vmware/govmomi/simulator
SRC=guard-vsphere/src/test/vcsim
OUT=guard-vsphere/target/vcsim/vsguard-vcsim

fail() { echo "vcsim-setup: $*" >&2; exit 1; }

if [ "${1:-}" != "--build-only" ]; then
  if command -v go >/dev/null 2>&1 && [ -d "$GOVMOMI_SIM" ]; then
    echo "vcsim-setup: go and govmomi already installed, skipping apt"
  else
    [ "$(id -u)" = 0 ] || fail "need root to apt-get install golang-go golang-github-vmware-govmomi-dev (or install them first)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q || fail "apt-get update failed"
    apt-get install -y -q golang-go golang-github-vmware-govmomi-dev \
      || fail "apt-get install golang-go golang-github-vmware-govmomi-dev failed"
  fi
fi

command -v go >/dev/null 2>&1 || fail "go not found on PATH (Debian package golang-go)"
[ -d "$GOVMOMI_SIM" ] || fail "$GOVMOMI_SIM missing (Debian package golang-github-vmware-govmomi-dev)"
[ -d "$SRC" ] || fail "$SRC missing: run from a vsguard checkout"

mkdir -p "$(dirname "$OUT")"
cache="${GOCACHE:-${TMPDIR:-/tmp}/vsguard-vcsim-gocache}"
start=$(date +%s)
GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$cache" GOFLAGS= \
  go build -o "$OUT.tmp" "./$SRC" || fail "go build of $SRC failed"
mv -f "$OUT.tmp" "$OUT"
echo "vcsim-setup: built $OUT in $(( $(date +%s) - start ))s"
