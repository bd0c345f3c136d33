#!/usr/bin/env bash
# What keeping cases costs a service (bench/serve-load.sh --cases runs this): POST /v1/diagnose on a
# `streamfix serve` without --cases, against `serve --cases` on a SQLite file and on PostgreSQL, where
# every other request opens a case (POST /v1/cases) and the next records a step on it
# (POST /v1/cases/{id}/steps; bench/cases.lua); every request of either kind is diagnosed with its
# questions ranked. Each service is warmed up (WARMUP, default 40 s), then runs 8 and 64 connections for
# DURATION (default 12 s). Prints requests/s, p50/p99 and failed requests, and the ratio to the service
# without cases. Target: with cases >= 70% of the requests/s without, no failed request. One more line,
# not a target, shows the service without cases diagnosing the very documents the case routes diagnose
# (bench/case-documents.lua: a case after a failed fix costs more to diagnose than the opening document),
# so that what the store itself costs can be told from what the documents cost.
#
#   bench/serve-load.sh --cases       # about 5 minutes
#
# PostgreSQL is the tests' server (.ci/postgres: Debian's package, a throw-away cluster on loopback), with
# a database of this run's own, dropped at the end. Uses wrk (Debian package). Exit code 0 when every
# target is met, 1 when one is missed, 2 when the benchmark could not run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
duration="${DURATION:-12}"
warmup="${WARMUP:-40}"
threads="${THREADS:-1}"
command -v wrk >/dev/null || { echo "bench: wrk is missing: apt-get install wrk (bench/serve-load.sh installs it)" >&2; exit 2; }

work="$(mktemp -d)"
# shellcheck source=bench/serve-common.sh
. bench/serve-common.sh # serve_start, serve_stop, serve_stop_all, wrk_run
pg_db=""
cleanup() {
  serve_stop_all
  [ -n "$pg_db" ] && PGPASSWORD=streamfix psql -q -h 127.0.0.1 -p "$pg_port" -U streamfix -d postgres \
    -c "DROP DATABASE IF EXISTS $pg_db" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# measure LABEL SCRIPT URL: the warm-up, then 8 and 64 connections, each a line of $work/results.
measure() {
  wrk_run 64 "$warmup" "$2" "$3" >/dev/null
  for c in 8 64; do
    echo "$1 $c $(wrk_run "$c" "$duration" "$2" "$3")" >>"$work/results"
  done
}

bash streamfix --version >/dev/null # builds the jar when it is missing or stale
eval "$(.ci/postgres)"
pg_port="$(sed -n 's#.*://[^:/]*:\([0-9]*\)/.*#\1#p' <<<"$STREAMFIX_TEST_POSTGRES")"
pg_db="streamfix_bench_$$"
PGPASSWORD=streamfix psql -q -h 127.0.0.1 -p "$pg_port" -U streamfix -d postgres -c "CREATE DATABASE $pg_db"
pg_url="postgresql://streamfix:streamfix@127.0.0.1:$pg_port/$pg_db"
echo "bench: without cases, then --cases $work/cases.db, then --cases postgresql://127.0.0.1:$pg_port/$pg_db;" \
  "${warmup}s warm-up, ${duration}s per run, $threads wrk thread(s), $(nproc) cores"

serve_start without --request-log off
measure without bench/diagnose.lua "${base_without}v1/diagnose"
for c in 8 64; do # the documents the case routes diagnose, without keeping them (not a target)
  echo "documents $c $(wrk_run "$c" "$duration" bench/case-documents.lua "${base_without}v1/diagnose")" >>"$work/results"
done
serve_stop without
serve_start sqlite --request-log off --cases "$work/cases.db"
measure sqlite bench/cases.lua "$base_sqlite"
serve_stop sqlite
kept_sqlite="$(bash streamfix cases list --cases "$work/cases.db" | tail -1)"
serve_start postgresql --request-log off --cases "$pg_url"
measure postgresql bench/cases.lua "$base_postgresql"
serve_stop postgresql
kept_pg="$(bash streamfix cases list --cases "$pg_url" | tail -1)"

printf '\n%-46s %11s %11s %9s %9s %7s %8s\n' "run" "connections" "requests/s" "p50 ms" "p99 ms" "failed" "vs none"
verdict=0
while read -r label c rps p50 p99 failed; do
  without="$(awk -v c="$c" '$1 == "without" && $2 == c { print $3 }' "$work/results")"
  ratio="$(awk -v a="$rps" -v b="$without" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "-" }')"
  case "$label" in
    without) name="POST /v1/diagnose, no --cases" ;;
    documents) name="... the cases' documents, no --cases" ;;
    sqlite) name="--cases SQLite: open a case, record a step" ;;
    postgresql) name="--cases PostgreSQL: open a case, record a step" ;;
  esac
  printf '%-46s %11s %11s %9s %9s %7s %8s\n' "$name" "$c" "$rps" "$p50" "$p99" "$failed" "$ratio"
  if [ "$label" != without ] && [ "$label" != documents ] && ! awk -v a="$rps" -v b="$without" 'BEGIN { exit !(a >= 0.7 * b) }'; then verdict=1; fi
  [ "$failed" = 0 ] || verdict=1
done <"$work/results"
echo "kept: $kept_sqlite; $kept_pg"
echo "target: with cases >= 70% of the requests/s without, and no failed request: $([ "$verdict" = 0 ] && echo met || echo MISSED)"
exit "$verdict"
