#!/usr/bin/env bash
# Whole-process benchmark of the ./vsguard launcher on generated sites: for each size, the
# median wall time and peak RSS (GNU time's "maximum resident set size") of
#   check of the dangerous plan  (every host off the LACP switch, no rollout: BLOCK + suggested rollout;
#                                 text output, each run appending to an empty audit log)
#   stage of that plan           (writes the staged plan)
#   check of the staged plan
# and, once, the JVM's start alone (`java -version`) and the launcher's (`./vsguard --version`).
#
#   ./mvnw -B -q package -DskipTests         # builds guard-cli/target/vsguard.jar and bench/target/benchmarks.jar
#   bench/run.sh [--runs 5] [--timeout 600] [--sizes "100 1000 5000 10000"] [--keep DIR]
#
# Sites are generated once into bench/target/sites/N (SiteGenerator: clusters of 32, enhanced
# LACP carrying management, the vCenter VM on the middle host). A command that exceeds
# --timeout is killed and reported as such. Extra JVM flags: VSGUARD_JAVA_OPTS, as for ./vsguard.
set -euo pipefail

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
root=$(dirname -- "$here")
runs=5
limit=600
sizes="100 1000 5000 10000"
sites="$here/target/sites"

while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --timeout) limit=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --keep) sites=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

bench_jar="$here/target/benchmarks.jar"
for f in "$root/guard-cli/target/vsguard.jar" "$bench_jar"; do
  if [ ! -f "$f" ]; then
    echo "run.sh: $f is missing; build first: ./mvnw -B -q package -DskipTests" >&2
    exit 2
  fi
done
if [ ! -x /usr/bin/time ]; then
  echo "run.sh: GNU time (/usr/bin/time) is needed for peak memory: apt-get install time" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# measure EXPECTED_EXIT CMD...: runs CMD $runs times; prints "median s, peak MiB", "killed", or the
# unexpected exit code with the last line of stderr.
measure() {
  local expected=$1; shift
  local times=() mems=() i rc
  for ((i = 0; i < runs; i++)); do
    rc=0
    /usr/bin/time -f '%e %M' -o "$work/time" timeout "$limit" "$@" >"$work/out" 2>"$work/err" || rc=$?
    if [ "$rc" = 124 ]; then
      echo "killed"
      return
    fi
    if [ "$rc" != "$expected" ]; then
      echo "exit $rc, expected $expected: $(tail -1 "$work/err" | cut -c1-120)"
      return
    fi
    read -r t m < <(tail -1 "$work/time")
    times+=("$t"); mems+=("$m")
  done
  local mt mm
  mt=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')
  mm=$(printf '%s\n' "${mems[@]}" | sort -g | tail -1)
  printf '%.2f s, %d MiB\n' "$mt" "$((mm / 1024))"
}

cell() {
  case "$1" in
    killed) echo "killed after ${limit} s" ;;
    *) echo "$1" ;;
  esac
}

echo "# vsguard whole-process benchmark: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# median of $runs runs; memory is the largest peak RSS of those runs; java: $(java -version 2>&1 | head -1)"
echo
echo "JVM start alone (java -version): $(measure 0 java -version)"
echo "launcher start (./vsguard --version): $(measure 0 "$root/vsguard" --version)"
echo
echo "| hosts | check, dangerous plan | stage | check of the staged plan |"
echo "|---:|---|---|---|"
for n in $sizes; do
  dir="$sites/$n"
  if [ ! -f "$dir/inventory.json" ]; then
    java -cp "$bench_jar" io.vsguard.bench.SiteGenerator --hosts "$n" --out "$dir" >/dev/null
  fi
  # Each run appends to an empty audit log: an append also re-reads and re-hashes the log's last
  # record, and on this site a decision of the dangerous plan is a 30 MB record.
  audit="$work/audit-$n.jsonl"
  check=$(measure 1 sh -c 'rm -f "$1"; exec "$2" check --plan "$3" --inventory "$4" --audit-log "$1"' sh \
    "$audit" "$root/vsguard" "$dir/plan.yaml" "$dir/inventory.json")
  rm -f "$dir/staged.yaml"
  stage=$(measure 0 "$root/vsguard" stage --plan "$dir/plan.yaml" --inventory "$dir/inventory.json" \
    --out "$dir/staged.yaml")
  if [ ! -f "$dir/staged.yaml" ]; then
    staged="not run: no staged plan"
  else
    staged=$(cell "$(measure 0 sh -c 'rm -f "$1"; exec "$2" check --plan "$3" --inventory "$4" --audit-log "$1"' sh \
      "$audit" "$root/vsguard" "$dir/staged.yaml" "$dir/inventory.json")")
  fi
  printf '| %s | %s | %s | %s |\n' "$n" "$(cell "$check")" "$(cell "$stage")" "$staged"
done
