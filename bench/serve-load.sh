#!/usr/bin/env bash
# Load benchmark of `streamfix serve` on loopback: POST /v1/diagnose with 8 and 64 connections, then
# 64 connections while the rules folder is edited (each edit is a hot reload). Prints requests/s,
# p50/p99 latency and failed requests (non-2xx answers and socket errors) per run, then checks the
# targets: >= 5,000 requests/s, p99 <= 20 ms, no failed request (none at all during the reloads).
# For comparison it also runs POST /v1/diagnose?questions=false (no question ranking: one run of the
# rules per request instead of one per possible answer), with 8 and 64 connections.
#
#   bench/serve-load.sh              # ~2 min: WARMUP (default 40 s), then five runs of DURATION (12 s)
#   DURATION=30 bench/serve-load.sh  # longer runs for steadier figures
#   bench/serve-load.sh --cases      # ~6 min: serve without cases, then with --cases on SQLite and on
#                                    # PostgreSQL (.ci/postgres starts one): requests/s and the ratio
#
# With --cases it measures what keeping cases costs instead: POST /v1/diagnose on a service without
# --cases, against a service with --cases where every other request opens a case (POST /v1/cases) and
# the next records a step on it (POST /v1/cases/{id}/steps, bench/cases.lua); each request of either is
# diagnosed with its questions ranked. Target: with cases >= 70% of the requests/s without.
#
# Uses wrk (Debian package `wrk`; installed here when missing and running as root). Exit code 0 when
# every target is met, 1 when one is missed, 2 when the benchmark could not run.
set -euo pipefail
cases_mode=false
[ "${1:-}" = --cases ] && cases_mode=true
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
duration="${DURATION:-12}"
# On 2 cores the JIT keeps compiling Drools' and Jetty's hot paths for about half a minute under load;
# a shorter warm-up measures the compiler as much as the service (10 s gave half the steady figures).
warmup="${WARMUP:-40}"
threads="${THREADS:-1}" # one wrk thread leaves the service the most of a 2-core machine

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    echo "bench: installing wrk (Debian package)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
  else
    echo "bench: wrk is missing: sudo apt-get install wrk" >&2
    exit 2
  fi
fi

work="$(mktemp -d)"
server_pid=""
editor_pid=""
cleanup() {
  [ -n "$editor_pid" ] && kill "$editor_pid" 2>/dev/null || true
  stop_service
  rm -rf "$work"
}
trap cleanup EXIT

stop_service() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

# start_service ARGS...: `streamfix serve` on a free port; sets base to its address.
start_service() {
  rm -f "$work/serve.out"
  bash streamfix serve --port 0 --rules "$work/rules" "$@" >"$work/serve.out" 2>"$work/serve.log" &
  server_pid=$!
  for _ in $(seq 1 120); do
    grep -q "serving" "$work/serve.out" 2>/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || { echo "bench: the service did not start:" >&2; cat "$work/serve.log" >&2; exit 2; }
    sleep 0.5
  done
  base="$(grep -o 'http://[^ ]*/' "$work/serve.out" | head -1)"
  [ -n "$base" ] || { echo "bench: the service did not say where it listens" >&2; exit 2; }
}

# The service gets a copy of the rules, so that the reload run can edit them.
cp -r rules "$work/rules"
bash streamfix --version >/dev/null # builds the jar when it is missing or stale
start_service
url="${base}v1/diagnose"
fast_url="${base}v1/diagnose?questions=false"
echo "bench: $url, $threads wrk threads, ${warmup}s warm-up, ${duration}s per run, $(nproc) cores"

# One run: prints "requests/s p50_ms p99_ms failed".
run() {
  local connections="$1" seconds="$2" target="${3:-$url}" out
  out="$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 5s --latency -s bench/diagnose.lua "$target")"
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec:/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { failed += $5 }
    /Socket errors:/ { gsub(",", ""); failed += $4 + $6 + $8 + $10 }
    END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, failed + 0 }' <<<"$out"
}

if $cases_mode; then
  # The PostgreSQL server of the tests (.ci/postgres), with a database of this run's own.
  eval "$(.ci/postgres)"
  pg_port="$(sed -n 's#.*://[^:]*:\([0-9]*\)/.*#\1#p' <<<"$STREAMFIX_TEST_POSTGRES")"
  pg_db="streamfix_bench_$$"
  PGPASSWORD=streamfix psql -q -h 127.0.0.1 -p "$pg_port" -U streamfix -d postgres -c "CREATE DATABASE $pg_db"
  pg_url="postgresql://streamfix:streamfix@127.0.0.1:$pg_port/$pg_db"
  # runs LABEL SCRIPT: the warm-up, then 8 and 64 connections; appends "label c rps p50 p99 failed" lines.
  runs() {
    run 64 "$warmup" "$url" >/dev/null
    for c in 8 64; do
      echo "$1 $c $(run "$c" "$duration" "$url")" >>"$work/cases-results"
    done
  }
  echo "bench: --cases: without cases, then SQLite ($work/cases.db), then PostgreSQL (127.0.0.1:$pg_port/$pg_db)"
  runs without
  stop_service
  start_service --cases "$work/cases.db"
  url="${base}v1/cases"
  run() { # the same as above, with bench/cases.lua
    local connections="$1" seconds="$2" out
    out="$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 5s --latency -s bench/cases.lua "${base}")"
    awk '
      function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
      /Requests\/sec:/ { rps = $2 }
      /^ +50%/ { p50 = ms($2) }
      /^ +99%/ { p99 = ms($2) }
      /Non-2xx or 3xx responses:/ { failed += $5 }
      /Socket errors:/ { gsub(",", ""); failed += $4 + $6 + $8 + $10 }
      END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, failed + 0 }' <<<"$out"
  }
  runs sqlite
  kept_sqlite="$(bash streamfix cases list --cases "$work/cases.db" | tail -1)"
  stop_service
  start_service --cases "$pg_url"
  runs postgresql
  kept_pg="$(bash streamfix cases list --cases "$pg_url" | tail -1)"
  stop_service
  PGPASSWORD=streamfix psql -q -h 127.0.0.1 -p "$pg_port" -U streamfix -d postgres -c "DROP DATABASE $pg_db" || true

  printf '\n%-44s %11s %11s %9s %9s %7s %9s\n' "run" "connections" "requests/s" "p50 ms" "p99 ms" "failed" "vs none"
  verdict=0
  while read -r label c rps p50 p99 failed; do
    without="$(awk -v c="$c" '$1 == "without" && $2 == c { print $3 }' "$work/cases-results")"
    ratio="$(awk -v a="$rps" -v b="$without" 'BEGIN { printf "%.0f%%", 100 * a / b }')"
    case "$label" in
      without) name="POST /v1/diagnose, no --cases" ;;
      sqlite) name="--cases SQLite: open a case / record a step" ;;
      postgresql) name="--cases PostgreSQL: open / record a step" ;;
    esac
    printf '%-44s %11s %11s %9s %9s %7s %9s\n' "$name" "$c" "$rps" "$p50" "$p99" "$failed" "$ratio"
    if [ "$label" != without ] && ! awk -v a="$rps" -v b="$without" 'BEGIN { exit !(a >= 0.7 * b) }'; then verdict=1; fi
    [ "$failed" = 0 ] || verdict=1
  done <"$work/cases-results"
  echo "kept: SQLite: $kept_sqlite; PostgreSQL: $kept_pg"
  echo "targets: with cases >= 70% of the requests/s without, no failed request: $([ $verdict = 0 ] && echo met || echo MISSED)"
  exit "$verdict"
fi

loaded_at() { curl -s "${base}v1/knowledge" | sed -n 's/.*"loaded_at":"\([^"]*\)".*/\1/p'; }

run 64 "$warmup" >/dev/null # warm-up: the JIT compiles the hot paths (Drools' and Jetty's too)
read -r rps8 p50_8 p99_8 failed8 < <(run 8 "$duration")
read -r rps64 p50_64 p99_64 failed64 < <(run 64 "$duration")
read -r rpsf8 p50_f8 p99_f8 failedf8 < <(run 8 "$duration" "$fast_url")
read -r rpsf64 p50_f64 p99_f64 failedf64 < <(run 64 "$duration" "$fast_url")

# During this run the rules change every 3 s: a comment appended to knowledge.yaml is a new version.
before="$(loaded_at)"
(
  n=0
  while sleep 3; do
    n=$((n + 1))
    echo "# bench edit $n" >>"$work/rules/knowledge.yaml"
  done
) &
editor_pid=$!
read -r rpsr p50_r p99_r failedr < <(run 64 "$duration")
kill "$editor_pid"; editor_pid=""
sleep 3
after="$(loaded_at)"
reloads="$(grep -c "reloaded" "$work/serve.log" || true)"

printf '\n%-26s %11s %11s %9s %9s %7s\n' "run" "connections" "requests/s" "p50 ms" "p99 ms" "failed"
printf '%-26s %11s %11s %9s %9s %7s\n' "POST /v1/diagnose" 8 "$rps8" "$p50_8" "$p99_8" "$failed8"
printf '%-26s %11s %11s %9s %9s %7s\n' "POST /v1/diagnose" 64 "$rps64" "$p50_64" "$p99_64" "$failed64"
printf '%-26s %11s %11s %9s %9s %7s\n' "... during rule reloads" 64 "$rpsr" "$p50_r" "$p99_r" "$failedr"
printf '%-26s %11s %11s %9s %9s %7s\n' "... ?questions=false" 8 "$rpsf8" "$p50_f8" "$p99_f8" "$failedf8"
printf '%-26s %11s %11s %9s %9s %7s\n' "... ?questions=false" 64 "$rpsf64" "$p50_f64" "$p99_f64" "$failedf64"
echo "reloads during the last run: $reloads (rules loaded at $before, then $after)"

verdict=0
check() { # description, condition
  if awk "BEGIN { exit !($2) }"; then echo "  met:    $1"; else echo "  MISSED: $1"; verdict=1; fi
}
echo "targets:"
check ">= 5000 requests/s with 8 connections ($rps8)" "$rps8 >= 5000"
check ">= 5000 requests/s with 64 connections ($rps64)" "$rps64 >= 5000"
check "p99 <= 20 ms with 8 connections ($p99_8)" "$p99_8 <= 20"
check "p99 <= 20 ms with 64 connections ($p99_64)" "$p99_64 <= 20"
check "no failed request ($failed8, $failed64, $failedf8, $failedf64)" "$failed8 + $failed64 + $failedf8 + $failedf64 == 0"
check "no failed request during reloads ($failedr)" "$failedr == 0"
check "the rules were reloaded during that run" "\"$before\" != \"$after\""
exit "$verdict"
