# Sourced by bench/serve-load.sh and bench/serve-load-cases.sh (not run on its own): starting and stopping
# `streamfix serve` processes, and one wrk run. The caller sets `work` (a temporary folder) first, and
# calls serve_stop_all on exit.
#
#   serve_start NAME ARGS...   starts `streamfix serve --port 0 ARGS`, waits until it serves, sets base_NAME
#   serve_stop NAME            stops that service
#   wrk_run CONNECTIONS SECONDS SCRIPT URL   prints "requests/s p50_ms p99_ms failed"
#   warm_until_steady MAX_SECONDS SCRIPT URL  warms a service up until its requests/s stop rising

server_pids=()

# serve_start NAME ARGS...: stdout goes to $work/NAME.out, stderr (the service's log) to $work/NAME.log.
serve_start() {
  local name="$1" pid address; shift
  bash streamfix serve --port 0 "$@" >"$work/$name.out" 2>"$work/$name.log" &
  pid=$!
  server_pids+=("$pid")
  printf -v "pid_$name" '%s' "$pid"
  for _ in $(seq 1 240); do
    grep -q "serving" "$work/$name.out" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { echo "bench: the service ($name) did not start:" >&2; cat "$work/$name.log" >&2; exit 2; }
    sleep 0.5
  done
  address="$(grep -o 'http://[^ ]*/' "$work/$name.out" | head -1)"
  [ -n "$address" ] || { echo "bench: the service ($name) did not say where it listens" >&2; exit 2; }
  printf -v "base_$name" '%s' "$address"
}

# serve_stop NAME: stops the service serve_start NAME started, and waits for it.
serve_stop() {
  local pid_var="pid_$1"
  [ -n "${!pid_var:-}" ] || return 0
  kill "${!pid_var}" 2>/dev/null && wait "${!pid_var}" 2>/dev/null || true
  printf -v "$pid_var" '%s' ""
}

# serve_stop_all: stops every service started here (for the caller's exit trap).
serve_stop_all() {
  local pid
  for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  server_pids=()
}

# wrk_run CONNECTIONS SECONDS SCRIPT URL: one wrk run (THREADS wrk threads, default 1) with a 5 s timeout;
# failed = non-2xx answers plus socket errors.
wrk_run() {
  local out
  out="$(wrk -t"${THREADS:-1}" -c"$1" -d"$2s" --timeout 5s --latency -s "$3" "$4")"
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec:/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { failed += $5 }
    /Socket errors:/ { gsub(",", ""); failed += $4 + $6 + $8 + $10 }
    END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, failed + 0 }' <<<"$out"
}

# warm_until_steady MAX_SECONDS SCRIPT URL: runs 64 connections in 10 s steps until two steps in a row
# are each within 3% of the step before (the JIT has settled), or MAX_SECONDS have passed; prints the steps'
# figures and the seconds it took. On 2 cores a streamfix service took 60 to 220 s to settle, and the
# longer code path of one service (the case routes) settles later than a shorter one: a fixed warm-up
# measures how far the compiler got as much as the service.
warm_until_steady() {
  local max="$1" script="$2" url="$3" spent=0 previous=0 steady=0 rps steps=""
  while [ "$spent" -lt "$max" ] && [ "$steady" -lt 2 ]; do
    rps="$(wrk_run 64 10 "$script" "$url" | cut -d' ' -f1)"
    spent=$((spent + 10))
    steps="$steps $rps"
    if [ "$previous" -gt 0 ] && awk -v a="$rps" -v b="$previous" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 0.03 * b) }'; then
      steady=$((steady + 1))
    else
      steady=0
    fi
    previous="$rps"
  done
  echo "warm-up requests/s:$steps (${spent}s)"
}
