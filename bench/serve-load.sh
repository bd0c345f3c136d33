#!/usr/bin/env bash
# Load benchmark of `streamfix serve` on loopback: POST /v1/diagnose with 8 and 64 connections, then
# 64 connections while the rules folder is edited (each edit is a hot reload). Prints requests/s,
# p50/p99 latency and failed requests (non-2xx answers and socket errors) per run, then checks the
# targets: >= 5,000 requests/s, p99 <= 20 ms, no failed request (none at all during the reloads).
# For comparison it also runs POST /v1/diagnose?questions=false (no question ranking: one run of the
# rules per request instead of one per possible answer), with 8 and 64 connections.
#
# The service runs as an operator runs it beyond loopback: metrics on, API tokens, the request log on
# stderr. What those cost is measured in the same run: three more services (without metrics, tokens and
# log; with metrics; with metrics and tokens) are warmed up the same way, then all four take turns, ROUNDS
# times (default 2), 64 connections each, and the requests/s of each are averaged. Target: metrics cost
# at most 5% of the requests/s of the service without them.
#
#   bench/serve-load.sh              # ~6 min: 4 x WARMUP (default 40 s), six runs, then 4 x ROUNDS runs of DURATION (12 s)
#   DURATION=30 bench/serve-load.sh  # longer runs for steadier figures
#   bench/serve-load.sh --cases      # what keeping cases costs instead: see bench/serve-load-cases.sh
#   RUNAWAY=1 bench/serve-load.sh    # only the run with a rule that never returns (see below), ~2.5 min
#
# Uses wrk (Debian package `wrk`; installed here when missing and running as root). Exit code 0 when
# every target is met, 1 when one is missed, 2 when the benchmark could not run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
duration="${DURATION:-12}"
# On 2 cores the JIT keeps compiling Drools' and Jetty's hot paths for about half a minute under load;
# a shorter warm-up measures the compiler as much as the service (10 s gave half the steady figures).
warmup="${WARMUP:-40}"
threads="${THREADS:-1}" # one wrk thread leaves the service the most of a 2-core machine
rounds="${ROUNDS:-2}"

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    echo "bench: installing wrk (Debian package)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
  else
    echo "bench: wrk is missing: sudo apt-get install wrk" >&2
    exit 2
  fi
fi
# --cases: after the wrk check, so that it gets wrk installed too.
[ "${1:-}" = --cases ] && exec "$here/bench/serve-load-cases.sh"

work="$(mktemp -d)"
# shellcheck source=bench/serve-common.sh
. bench/serve-common.sh # serve_start, serve_stop_all, wrk_run
editor_pid=""
cleanup() {
  [ -n "$editor_pid" ] && kill "$editor_pid" 2>/dev/null || true
  serve_stop_all
  rm -rf "$work"
}
trap cleanup EXIT

# The services get a copy of the rules, so that the reload run can edit them, and a token file.
cp -r rules "$work/rules"
bash streamfix --version >/dev/null # builds the jar when it is missing or stale
token="$(bash streamfix token --file "$work/tokens.txt" --name bench 2>/dev/null)"

# start NAME ARGS...: a service on the copy of the rules; sets base_NAME to its address.
start() {
  local name="$1"; shift
  serve_start "$name" --rules "$work/rules" "$@"
}

# shellcheck disable=SC2086 # RUNAWAY's budget is two words on purpose
start full --tokens "$work/tokens.txt" ${RUNAWAY:+--time-budget 2s} # metrics, tokens, request log on stderr (the defaults)
base="$base_full"
url="${base}v1/diagnose"
fast_url="${base}v1/diagnose?questions=false"
export BENCH_TOKEN="$token"
echo "bench: $url (metrics, tokens, request log), $threads wrk threads, ${warmup}s warm-up, ${duration}s per run, $(nproc) cores"

# One run of bench/diagnose.lua: prints "requests/s p50_ms p99_ms failed".
run() {
  wrk_run "$1" "$2" bench/diagnose.lua "${3:-$url}"
}

loaded_at() { curl -s -H "Authorization: Bearer $token" "${base}v1/knowledge" | sed -n 's/.*"loaded_at":"\([^"]*\)".*/\1/p'; }

run 64 "$warmup" >/dev/null # warm-up: the JIT compiles the hot paths (Drools' and Jetty's too)

# RUNAWAY=1: the service under load while a rule that never returns is live. 64 connections post a case
# with the VPN known to be off for 3 x DURATION; after one DURATION a rule whose then-part spins for ever on
# a VPN is dropped into the rules folder (a hot reload), after two it is removed again. Beside the load, a
# case with the VPN on is posted once a second: it reaches the rule. Prints the load's figures, what each
# VPN case got and how long it took, and /health along the way; then exits (the other runs are skipped).
if [ -n "${RUNAWAY:-}" ]; then
  auth=(-H "Authorization: Bearer $token")
  export BENCH_BODY='{"device": {"type": "mobile"}, "network": {"vpn_active": false}}'
  health() { curl -s --max-time 5 "${base}health" | sed -n 's/.*"status":"\([a-z]*\)".*"abandoned_workers":\([0-9]*\).*/\1 abandoned=\2/p'; }
  (
    sleep "$duration"
    cp src/test/resources/rule-faults/spins-on-vpn.drl "$work/rules/spins.drl" # the tests' runaway rule
    echo "t=${duration}s: spins.drl added" >>"$work/probe.txt"
    sleep "$duration"
    rm -f "$work/rules/spins.drl"
    echo "t=$((2 * duration))s: spins.drl removed" >>"$work/probe.txt"
  ) &
  editor_pid=$!
  (
    start_s=$(date +%s)
    while [ $(( $(date +%s) - start_s )) -lt $((3 * duration)) ]; do
      answer="$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 30 "${auth[@]}" \
        -H 'Content-Type: application/json' -d '{"network": {"vpn_active": true}}' "$url")"
      echo "t=$(( $(date +%s) - start_s ))s: VPN case $answer s; health: $(health)" >>"$work/probe.txt"
      sleep 1
    done
  ) &
  prober_pid=$!
  read -r rpsw p50_w p99_w failedw < <(run 64 $((3 * duration)))
  wait "$prober_pid" 2>/dev/null || true
  wait "$editor_pid" 2>/dev/null || true; editor_pid=""
  sleep 3
  after_fix="$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 30 "${auth[@]}" \
    -H 'Content-Type: application/json' -d '{"network": {"vpn_active": true}}' "$url")"
  printf '\n%-34s %11s %11s %9s %9s %7s\n' "run" "connections" "requests/s" "p50 ms" "p99 ms" "failed"
  printf '%-34s %11s %11s %9s %9s %7s\n' "VPN off, runaway rule live 1/3" 64 "$rpsw" "$p50_w" "$p99_w" "$failedw"
  echo "VPN cases beside the load (status, seconds) and /health:"
  sort -t= -k2 -n "$work/probe.txt" | sed 's/^/  /'
  echo "after the fix: VPN case $after_fix s; health: $(health)"
  echo "service log (time budget):"; grep -i "time budget" "$work/full.log" | cut -c1-220 | sed 's/^/  /' | head -5
  exit 0
fi
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
reloads="$(grep -c "rules reloaded" "$work/full.log" || true)"

# What metrics, tokens and the request log cost: the same requests to services without them, in turns.
start plain --no-metrics --request-log off
start metrics --request-log off
start tokens --request-log off --tokens "$work/tokens.txt"
configs=(plain metrics tokens full)
declare -A label=([plain]="none (no metrics, tokens, log)" [metrics]="metrics" [tokens]="metrics + tokens" [full]="metrics + tokens + log")
declare -A total=()
for name in plain metrics tokens; do
  base_var="base_$name"
  BENCH_TOKEN="$token" run 64 "$warmup" "${!base_var}v1/diagnose" >/dev/null
done
for round in $(seq 1 "$rounds"); do
  for name in "${configs[@]}"; do
    base_var="base_$name"
    read -r r _ _ f < <(run 64 "$duration" "${!base_var}v1/diagnose")
    total[$name]=$(( ${total[$name]:-0} + r ))
    total_failed=$(( ${total_failed:-0} + f ))
  done
done
declare -A mean=()
for name in "${configs[@]}"; do mean[$name]=$(( total[$name] / rounds )); done

printf '\n%-26s %11s %11s %9s %9s %7s\n' "run" "connections" "requests/s" "p50 ms" "p99 ms" "failed"
printf '%-26s %11s %11s %9s %9s %7s\n' "POST /v1/diagnose" 8 "$rps8" "$p50_8" "$p99_8" "$failed8"
printf '%-26s %11s %11s %9s %9s %7s\n' "POST /v1/diagnose" 64 "$rps64" "$p50_64" "$p99_64" "$failed64"
printf '%-26s %11s %11s %9s %9s %7s\n' "... during rule reloads" 64 "$rpsr" "$p50_r" "$p99_r" "$failedr"
printf '%-26s %11s %11s %9s %9s %7s\n' "... ?questions=false" 8 "$rpsf8" "$p50_f8" "$p99_f8" "$failedf8"
printf '%-26s %11s %11s %9s %9s %7s\n' "... ?questions=false" 64 "$rpsf64" "$p50_f64" "$p99_f64" "$failedf64"
echo "reloads during the last run: $reloads (rules loaded at $before, then $after)"

printf '\n%-30s %11s %11s %9s\n' "POST /v1/diagnose, 64 conn." "requests/s" "vs none" "rounds"
for name in "${configs[@]}"; do
  printf '%-30s %11s %10s%% %9s\n' "${label[$name]}" "${mean[$name]}" \
    "$(awk -v a="${mean[$name]}" -v b="${mean[plain]}" 'BEGIN { printf "%+.1f", (a / b - 1) * 100 }')" "$rounds"
done

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
check "metrics cost <= 5% of requests/s (${mean[metrics]} vs ${mean[plain]})" "${mean[metrics]} >= 0.95 * ${mean[plain]}"
check "no failed request in the comparison runs ($total_failed)" "$total_failed == 0"
exit "$verdict"
