#!/usr/bin/env bash
# What keeping cases costs a service (bench/serve-load.sh --cases runs this): a `streamfix serve` without
# --cases, against `serve --cases` on a SQLite file and on PostgreSQL, where every other request opens a
# case (POST /v1/cases) and the next records a step on it (POST /v1/cases/{id}/steps; bench/cases.lua);
# every request of either kind is diagnosed once, with its questions ranked.
#
# The service without cases is measured on the very documents the case routes diagnose
# (bench/case-documents.lua: the case as opened, and the case after its step, alternately), so that the
# comparison is of keeping them, not of which documents are diagnosed; it is also measured on the plain
# opening document alone (bench/diagnose.lua, as bench/serve-load.sh posts it), for reference. The three
# services run side by side, each warmed up until its JIT compiler is idle (warm_until_compiled: under 2%
# of its CPU for two 10 s steps in a row; at most WARMUP seconds, default 300), then take turns ROUNDS
# times (default 4; every other round in the reverse order) with 8 and 64 connections, DURATION (default
# 10 s) each, and each figure is the mean of its rounds: on a shared 2-core machine requests/s drift by
# 15% from one 10 s run to the next, and many short turns spread the drift over all of them alike. Prints
# requests/s, p50/p99 (of the last round) and failed requests, each ratio to the service without cases on
# the same documents, and where the CPU went: per request, the service's own and PostgreSQL's processes'
# (from /proc), and how busy the machine was. Target: with cases >= 70% of those requests/s, no failed request.
#
#   bench/serve-load.sh --cases       # about 10 to 20 minutes (3 warm-ups of 1 to 5 min, 32 runs of 10 s)
#   ROUNDS=6 DURATION=20 bench/serve-load.sh --cases
#   BEFORE=../streamfix-old bench/serve-load.sh --cases   # and the case services of another checkout
#
# BEFORE (a checkout of another commit, e.g. `git worktree add ../streamfix-old HEAD~1`) measures a change
# before and after in one run: that checkout's SQLite and PostgreSQL services (its own jar, this
# checkout's rules, a file and a database of their own) are warmed up and take their turns with the
# others, and their ratios are to this checkout's service without cases. About 8 minutes more.
#
# PostgreSQL is the tests' server (.ci/postgres: Debian's package, a throw-away cluster on loopback), with
# a database of this run's own, dropped at the end. Uses wrk (Debian package). Exit code 0 when every
# target is met, 1 when one is missed, 2 when the benchmark could not run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
duration="${DURATION:-10}"
warmup="${WARMUP:-300}" # the most seconds each service is warmed up for (see warm_until_compiled)
rounds="${ROUNDS:-4}"
threads="${THREADS:-1}"
command -v wrk >/dev/null || { echo "bench: wrk is missing: apt-get install wrk (bench/serve-load.sh installs it)" >&2; exit 2; }
before="${BEFORE:-}"
if [ -n "$before" ]; then
  [ -f "$before/streamfix" ] || { echo "bench: BEFORE=$before is not a streamfix checkout (no launcher streamfix in it)" >&2; exit 2; }
  before="$(cd "$before" && pwd)"
fi

work="$(mktemp -d)"
# shellcheck source=bench/serve-common.sh
. bench/serve-common.sh # serve_start, serve_stop, serve_stop_all, wrk_run
pg_db=""
cleanup() {
  serve_stop_all
  local db
  for db in ${pg_db:+"$pg_db" "${pg_db}_before"}; do
    PGPASSWORD=streamfix psql -q -h 127.0.0.1 -p "$pg_port" -U streamfix -d postgres \
      -c "DROP DATABASE IF EXISTS $db" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

bash streamfix --version >/dev/null # builds the jar when it is missing or stale
eval "$(.ci/postgres)"
pg_port="$(sed -n 's#.*://[^:/]*:\([0-9]*\)/.*#\1#p' <<<"$STREAMFIX_TEST_POSTGRES")"
pg_db="streamfix_bench_$$"
PGPASSWORD=streamfix psql -q -h 127.0.0.1 -p "$pg_port" -U streamfix -d postgres -c "CREATE DATABASE $pg_db"
pg_url="postgresql://streamfix:streamfix@127.0.0.1:$pg_port/$pg_db"
echo "bench: without cases, --cases $work/cases.db and --cases postgresql://127.0.0.1:$pg_port/$pg_db side by side;" \
  "each warmed up until its compiler is idle (at most ${warmup}s), then $rounds rounds of ${duration}s runs in turn, $threads wrk thread(s), $(nproc) cores," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"

serve_start without --request-log off
serve_start sqlite --request-log off --cases "$work/cases.db"
serve_start postgresql --request-log off --cases "$pg_url"
if [ -n "$before" ]; then
  bash "$before/streamfix" --version >/dev/null
  PGPASSWORD=streamfix psql -q -h 127.0.0.1 -p "$pg_port" -U streamfix -d postgres -c "CREATE DATABASE ${pg_db}_before"
  echo "bench: and the case services of $before ($(git -C "$before" log -1 --format=%h 2>/dev/null || echo '?')), with the rules of this checkout"
  serve_from="$before" STREAMFIX_RULES="$here/rules" serve_start sqlite_before --request-log off --cases "$work/cases-before.db"
  serve_from="$before" STREAMFIX_RULES="$here/rules" serve_start postgresql_before --request-log off --cases "${pg_url}_before"
fi

# What each measured line runs: LABEL SERVICE SCRIPT URL.
runs=(
  "documents without bench/case-documents.lua ${base_without}v1/diagnose"
  "sqlite sqlite bench/cases.lua $base_sqlite"
  "postgresql postgresql bench/cases.lua $base_postgresql"
  "plain without bench/diagnose.lua ${base_without}v1/diagnose"
)
if [ -n "$before" ]; then
  runs+=("sqlite_before sqlite_before bench/cases.lua $base_sqlite_before"
    "postgresql_before postgresql_before bench/cases.lua $base_postgresql_before")
fi
warmed=" "
for run in "${runs[@]}"; do # the warm-up: the JIT compiles each service's hot paths, once a service
  read -r label service script url <<<"$run"
  [[ "$warmed" == *" $service "* ]] && continue
  warmed+="$service "
  echo "bench: $label $(warm_until_compiled "$warmup" "$service" "$script" "$url")"
done
reversed=()
for ((i = ${#runs[@]} - 1; i >= 0; i--)); do reversed+=("${runs[i]}"); done
for round in $(seq 1 "$rounds"); do
  order=("${runs[@]}")
  [ $((round % 2)) = 0 ] && order=("${reversed[@]}")
  for c in 8 64; do
    for run in "${order[@]}"; do
      read -r label service script url <<<"$run"
      t0="$(cpu_ticks "$service")"
      result="$(wrk_run "$c" "$duration" "$script" "$url")"
      t1="$(cpu_ticks "$service")"
      echo "$label $c $result $(cpu_per_request "$t0" "$t1" "$((${result%% *} * duration))")" >>"$work/results"
    done
  done
done
kept_sqlite="$(bash streamfix cases list --cases "$work/cases.db" | tail -1)"
kept_pg="$(bash streamfix cases list --cases "$pg_url" | tail -1)"

# The mean requests/s and CPU per request of each label and connection count, the last round's latencies,
# all failures.
awk '{ key = $1 " " $2; n[key]++; rps[key] += $3; p50[key] = $4; p99[key] = $5; failed[key] += $6
       svc[key] += $7; pg[key] += $8; busy[key] += $9; if (!(key in seen)) { seen[key] = 1; order[++k] = key } }
     END { for (i = 1; i <= k; i++) { key = order[i]; m = n[key]
       printf "%s %.0f %s %s %d %.2f %.2f %.0f%%\n", key, rps[key] / m, p50[key], p99[key], failed[key], svc[key] / m, pg[key] / m, busy[key] / m } }' \
  "$work/results" >"$work/means"

# CPU per request: the service's own (all its threads) and PostgreSQL's (all its processes), in ms; busy:
# how much of the machine's CPU was used in all (wrk included).
printf '\n%-46s %11s %11s %9s %9s %7s %8s %8s %8s %6s\n' "run (mean of $rounds rounds)" "connections" "requests/s" "p50 ms" "p99 ms" "failed" "vs same" \
  "cpu ms" "pg ms" "busy"
verdict=0
for label in documents sqlite postgresql plain ${before:+sqlite_before postgresql_before}; do
  while read -r l c rps p50 p99 failed svc pg busy; do
    [ "$l" = "$label" ] || continue
    same="$(awk -v c="$c" '$1 == "documents" && $2 == c { print $3 }' "$work/means")"
    ratio="$(awk -v a="$rps" -v b="$same" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "-" }')"
    case "$label" in
      documents) name="POST /v1/diagnose, the cases' documents" ;;
      sqlite) name="--cases SQLite: open a case, record a step" ;;
      postgresql) name="--cases PostgreSQL: open a case, record a step" ;;
      plain) name="POST /v1/diagnose, the opening document only" ;;
      sqlite_before) name="BEFORE's --cases SQLite" ;;
      postgresql_before) name="BEFORE's --cases PostgreSQL" ;;
    esac
    printf '%-46s %11s %11s %9s %9s %7s %8s %8s %8s %6s\n' "$name" "$c" "$rps" "$p50" "$p99" "$failed" "$ratio" "$svc" "$pg" "$busy"
    if { [ "$label" = sqlite ] || [ "$label" = postgresql ]; } && ! awk -v a="$rps" -v b="$same" 'BEGIN { exit !(a >= 0.7 * b) }'; then verdict=1; fi
    [ "$failed" = 0 ] || [[ "$label" == *_before ]] || verdict=1 # the target is this checkout's
  done <"$work/means"
done
echo "kept: $kept_sqlite; $kept_pg; load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo "target: with cases >= 70% of the requests/s without, on the same documents, and no failed request: $([ "$verdict" = 0 ] && echo met || echo MISSED)"
exit "$verdict"
