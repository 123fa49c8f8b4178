#!/usr/bin/env bash
# Capture benchmark: vsguard's vim25 client side by side with a govmomi program that reads the
# same properties (bench/govmomi-capture), both against the same simulated vCenter (vcsim over
# TLS, certificate pinned) serving a generated inventory of N hosts (default 1000 2000).
# Prints per N, as median (min..max) and the median of pair-by-pair ratios vsguard/govmomi:
#   - in-process capture time (each side warm: vsguard in the benchmark's JVM, govmomi after one
#     capture of warm-up inside its own process);
#   - whole-process wall time and peak RSS (GNU time) of `./vsguard inventory export` against
#     the Go program run once.
# Not a test; the numbers depend on the machine (quote medians; a shared machine is noisy).
#
#   guard-vsphere/bench/capture-bench.sh [--runs 5] [--warmup 1] [--page-size 1000] [--in-process-only] [N ...]
#   guard-vsphere/bench/capture-bench.sh --serve N    # serve N hosts until Enter/^D, to time by hand
#
# Needs Java 17, Go and Debian's govmomi source (.ci/vcsim-setup.sh installs them) and GNU time.
set -euo pipefail
cd "$(dirname "$0")/../.."

command -v go >/dev/null 2>&1 || { echo "capture-bench: go not found (run .ci/vcsim-setup.sh)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "capture-bench: /usr/bin/time not found (Debian package 'time')" >&2; exit 1; }

# The jar behind ./vsguard, guard-vsphere's test classes (the benchmark, the simulator launcher)
# and guard-vsphere's test classpath (the reactor's own modules resolve to target/classes).
./mvnw -B -q -pl guard-cli -am package -DskipTests \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
cp_file=guard-vsphere/target/bench.classpath
[ -s "$cp_file" ] || { echo "capture-bench: $cp_file was not written" >&2; exit 1; }

# The simulator harness and the govmomi program, both from Debian's govmomi in GOPATH mode.
.ci/vcsim-setup.sh --build-only >&2
cache="${GOCACHE:-${TMPDIR:-/tmp}/vsguard-vcsim-gocache}"
mkdir -p guard-vsphere/target/bench
GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$cache" GOFLAGS= \
  go build -o guard-vsphere/target/bench/govmomi-capture ./guard-vsphere/bench/govmomi-capture

classpath="guard-vsphere/target/test-classes:guard-vsphere/target/classes:guard-core/target/classes:$(cat "$cp_file")"
exec java -cp "$classpath" io.vsguard.vsphere.vcsim.CaptureBench "$@"
