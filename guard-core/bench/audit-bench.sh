#!/usr/bin/env bash
# Audit benchmark: appends per second (each forced to disk; unsigned, signed, 4 writers), verify
# throughput of a generated log of --log-mb MB (chain only, last signature, every signature),
# and the paged and incremental reads on it. The record is the 2016 incident's decision. Not a
# test; the numbers depend on the machine and its disk (--dir puts the logs elsewhere).
#
#   guard-core/bench/audit-bench.sh [--appends N] [--log-mb M] [--runs R] [--dir DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."

cp_file=guard-core/target/bench.classpath
./mvnw -B -q -pl guard-core test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
[ -s "$cp_file" ] || { echo "audit-bench: $cp_file was not written" >&2; exit 1; }

classpath="guard-core/target/test-classes:guard-core/target/classes:$(cat "$cp_file")"
exec java -Dvsguard.root="$PWD" -cp "$classpath" io.vsguard.core.audit.AuditBench "$@"
