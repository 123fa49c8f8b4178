#!/usr/bin/env bash
# Serve benchmark: starts `./vsguard serve` (its launcher defaults, a fresh audit log on the
# local disk, the built-in policy pack) and drives POST /v1/checks with 1 and 4 closed-loop
# clients (bench's ServeLoad: each client sends the next request when the answer came), for
#   incident    the 2016 incident: examples/incident (12 hosts, BLOCK)
#   site-staged a generated 1,000-host site with its staged plan (ALLOW: what a pipeline sends)
#   site-unsafe the same site with the dangerous plan (BLOCK, and the server stages a rollout)
# printing checks/s, p50, p99 and the largest latency per case, the server's CPU time per check
# (what other load on the machine changes least: on C idle cores, about C / that many checks a
# second), the size of the audit records each case wrote, and the load average. Not a test; the
# numbers depend on the machine. The 30 s warm-up is the server's steady state: on two cores the
# JIT compiler is still at work on a 1,000-host body's path for about 20 s (after 10 s the
# figures are 15-20 % lower).
#
#   ./mvnw -B -q package -DskipTests     # guard-cli/target/vsguard.jar and bench/target/benchmarks.jar
#   guard-cli/bench/serve-bench.sh [--seconds 20] [--warmup 30] [--hosts 1000] [--clients "1 4"]
#                                  [--cases "incident site-staged site-unsafe"] [--vsguard LAUNCHER]
# --vsguard runs another build's launcher (e.g. a checkout of an older commit) on the same sites.
# Extra JVM flags for the server: VSGUARD_JAVA_OPTS, as for ./vsguard.
set -euo pipefail

root=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
seconds=20
warmup=30
hosts=1000
clients="1 4"
cases="incident site-staged site-unsafe"
vsguard="$root/vsguard"
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --hosts) hosts=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --cases) cases=$2; shift 2 ;;
    --vsguard) vsguard=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && !/^#/ {exit} NR > 1' "$0"; exit 0 ;;
    *) echo "serve-bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

bench_jar="$root/bench/target/benchmarks.jar"
for f in "$(dirname "$vsguard")/guard-cli/target/vsguard.jar" "$bench_jar"; do
  if [ ! -f "$f" ]; then
    echo "serve-bench: $f is missing; build first: ./mvnw -B -q package -DskipTests" >&2
    exit 2
  fi
done

work=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

site="$root/bench/target/sites/$hosts"
if [ ! -f "$site/inventory.json" ]; then
  java -cp "$bench_jar" io.vsguard.bench.SiteGenerator --hosts "$hosts" --out "$site" >/dev/null
fi
if [ ! -f "$site/staged.yaml" ]; then
  "$root/vsguard" stage --plan "$site/plan.yaml" --inventory "$site/inventory.json" --out "$site/staged.yaml"
fi

umask 077
echo "bench:$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$work/tokens"
port=$((20000 + RANDOM % 20000))

echo "# vsguard serve benchmark: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $vsguard at $(git -C "$(dirname "$vsguard")" rev-parse --short HEAD 2>/dev/null || echo "an unknown commit")"
echo "# POST /v1/checks, closed loop, ${warmup} s warm-up then ${seconds} s counted; java: $(java -version 2>&1 | head -1)"
echo
echo "| case | clients | checks/s | p50 | p99 | max | server CPU per check | detail |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
for c in $cases; do
  case "$c" in
    incident) plan="$root/examples/incident/plan.yaml"; inv="$root/examples/incident/inventory.json" ;;
    site-staged) plan="$site/staged.yaml"; inv="$site/inventory.json" ;;
    site-unsafe) plan="$site/plan.yaml"; inv="$site/inventory.json" ;;
    *) echo "serve-bench: unknown case $c" >&2; exit 2 ;;
  esac
  for n in $clients; do
    # A fresh server and audit log per row: one row's log does not slow the next one's appends.
    log="$work/audit-$c-$n.jsonl"
    "$vsguard" serve --port "$port" --tokens "$work/tokens" --audit-log "$log" \
      >"$work/serve.out" 2>"$work/serve.err" &
    server=$!
    for _ in $(seq 1 200); do
      if curl -fsS "http://127.0.0.1:$port/livez" >/dev/null 2>&1; then break; fi
      if ! kill -0 "$server" 2>/dev/null; then
        echo "serve-bench: the server did not start:" >&2; cat "$work/serve.err" >&2; exit 1
      fi
      sleep 0.1
    done
    case "$c" in incident) label="$c (12 hosts)" ;; *) label="$c ($hosts hosts)" ;; esac
    java -cp "$bench_jar" io.vsguard.bench.ServeLoad --url "http://127.0.0.1:$port" --token-file "$work/tokens" \
      --plan "$plan" --inventory "$inv" --clients "$n" --warmup "$warmup" --seconds "$seconds" --label "$label" \
      --server-pid "$server" \
      >"$work/row"
    records=$(wc -l <"$log")
    bytes=$(wc -c <"$log")
    sed "s/ |\$/, audit log $records records, $((bytes / records)) bytes each, load $(cut -d' ' -f1 /proc/loadavg) |/" "$work/row"
    kill "$server"; wait "$server" 2>/dev/null || true; server=
  done
done
