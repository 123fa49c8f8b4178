#!/usr/bin/env bash
# Web view benchmark: an audit log of N decisions (default 5000, about 110 MB; the incident's BLOCK and the
# safe plan's WARN taking turns) served by a real server on a loopback port; after a warm-up,
# RUNS (default 5) requests each for the list's first page, a middle page, a search matching one
# decision and a decision page. Prints the log's size, then per request the median time and the
# answer's size; before that, in process, the list's own read (every record as before paging,
# then one page) and the chain verification of the page header. Not a test; the numbers depend
# on the machine.
#
#   guard-cli/bench/webview-bench.sh [N [RUNS]]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

# Compile main and test classes and list guard-cli's test classpath (the reactor's own modules
# resolve to their target/classes).
./mvnw -B -q -pl guard-cli -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
cp_file=guard-cli/target/bench.classpath
[ -s "$cp_file" ] || { echo "webview-bench: $cp_file was not written" >&2; exit 1; }

classpath="$root/guard-cli/target/test-classes:$root/guard-cli/target/classes:$(cat "$cp_file")"
# The examples are read relative to guard-cli, as the tests read them.
cd guard-cli
exec java -cp "$classpath" io.vsguard.cli.serve.WebViewBench "$@"
