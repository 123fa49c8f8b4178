#!/usr/bin/env bash
# Capture benchmark: for each host count N (default 100 1000) a generated inventory is served
# by the vCenter simulator (vcsim, TLS) and captured with the vim25 client: 1 warm-up + RUNS
# measured captures. Prints per N the median capture time, round trips, bytes received/sent and
# the number of objects read. Not a test; the numbers depend on the machine.
#
#   guard-vsphere/bench/capture-bench.sh [--runs R] [--page-size P] [N ...]
#
# Needs the harness (.ci/vcsim-setup.sh builds it; the launcher rebuilds it when Go is present).
set -euo pipefail
cd "$(dirname "$0")/../.."

cp_file=guard-vsphere/target/bench.classpath
# Compile main and test classes of guard-core and guard-vsphere, and list guard-vsphere's test
# classpath (the reactor's own modules resolve to their target/classes).
./mvnw -B -q -pl guard-vsphere -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
[ -s "$cp_file" ] || { echo "capture-bench: $cp_file was not written" >&2; exit 1; }

classpath="guard-vsphere/target/test-classes:guard-vsphere/target/classes:guard-core/target/classes:$(cat "$cp_file")"
exec java -cp "$classpath" io.vsguard.vsphere.vcsim.CaptureBench "$@"
