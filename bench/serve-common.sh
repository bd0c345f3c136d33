# Sourced by bench/serve-load.sh and bench/serve-load-cases.sh (and by bench/pg-floor.sh, for stat_ticks;
# not run on its own): starting and stopping `streamfix serve` processes, and one wrk run. The caller sets
# `work` (a temporary folder) first, and calls serve_stop_all on exit.
#
#   serve_start NAME ARGS...   starts `streamfix serve --port 0 ARGS`, waits until it serves, sets base_NAME
#                              (the launcher of this checkout, or of the checkout $serve_from when set)
#   serve_stop NAME            stops that service
#   wrk_run CONNECTIONS SECONDS SCRIPT URL   prints "requests/s p50_ms p99_ms failed"
#   warm_until_compiled MAX_SECONDS NAME SCRIPT URL  warms service NAME up until its JIT compiler is idle
#   cpu_ticks NAME, cpu_per_request BEFORE AFTER REQUESTS   the CPU a run cost per request (service, PostgreSQL)

server_pids=()

# serve_start NAME ARGS...: stdout goes to $work/NAME.out, stderr (the service's log) to $work/NAME.log.
serve_start() {
  local name="$1" pid address; shift
  bash "${serve_from:-.}/streamfix" serve --port 0 "$@" >"$work/$name.out" 2>"$work/$name.log" &
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

# cpu_ticks NAME: CPU ticks so far of service NAME (of serve_start; all its threads), of all PostgreSQL
# server processes (named postgres: on this machine, the tests' server), and of the machine, busy and in
# all, as "service postgres busy total" (Linux /proc; a tick is 1/CLK_TCK s).
cpu_ticks() {
  local pid_var="pid_$1" service postgres=0 q ticks
  local -a f
  service="$(stat_ticks "/proc/${!pid_var}/stat")"
  for q in $(pgrep -x postgres); do
    ticks="$(stat_ticks "/proc/$q/stat")" && postgres=$((postgres + ticks))
  done
  read -r -a f </proc/stat # cpu user nice system idle iowait irq softirq steal
  echo "$service $postgres $((f[1] + f[2] + f[3] + f[6] + f[7] + f[8])) $((f[1] + f[2] + f[3] + f[4] + f[5] + f[6] + f[7] + f[8]))"
}

# cpu_per_request TICKS_BEFORE TICKS_AFTER REQUESTS: from two cpu_ticks readings, the service's and
# PostgreSQL's CPU milliseconds per request and how busy the machine was (%), as "service_ms pg_ms busy".
cpu_per_request() {
  awk -v a="$1" -v b="$2" -v n="$3" -v hz="$(getconf CLK_TCK)" 'BEGIN { split(a, x, " "); split(b, y, " ")
    if (n < 1) n = 1
    printf "%.3f %.3f %.0f\n", 1000 * (y[1] - x[1]) / hz / n, 1000 * (y[2] - x[2]) / hz / n, (y[4] > x[4] ? 100 * (y[3] - x[3]) / (y[4] - x[4]) : 0) }'
}

# compiler_ticks PID: the CPU ticks (user + system) the JVM PID's JIT compiler threads and all its threads
# have used so far, as "compiler total" (Linux /proc; the threads are named C1/C2 CompilerThreadN).
compiler_ticks() {
  local task comm ticks compiler=0 total=0
  for task in /proc/"$1"/task/*; do
    ticks="$(stat_ticks "$task/stat")" || continue # a thread may end meanwhile
    { read -r comm <"$task/comm"; } 2>/dev/null || continue
    total=$((total + ticks))
    case "$comm" in C1\ Compiler*|C2\ Compiler*) compiler=$((compiler + ticks)) ;; esac
  done
  echo "$compiler $total"
}

# stat_ticks FILE [children]: the user + system ticks in a /proc/.../stat file, with "children" also those of
# its ended children that it waited for; fails when it is gone (a thread or process that ended meanwhile).
# The fields are counted after the ") " that ends the command's name.
stat_ticks() {
  local line rest
  local -a f
  { read -r line <"$1"; } 2>/dev/null || return 1
  rest="${line##*) }"; read -r -a f <<<"$rest"
  if [ "${2:-}" = children ]; then echo $((f[11] + f[12] + f[13] + f[14])); else echo $((f[11] + f[12])); fi
}

# warm_until_compiled MAX_SECONDS NAME SCRIPT URL: runs 64 connections against service NAME (of serve_start)
# in 10 s steps until, two steps in a row, its JIT compiler threads used under 2% of its CPU (the hot paths
# are compiled), or MAX_SECONDS have passed; prints each step's requests/s and compiler share, and the
# seconds it took. Requests/s are no test of that on a shared 2-core machine: they wander by 15% from one
# 10 s step to the next with the compiler idle, and a service may sit on a plateau for a minute before C2
# finishes its largest methods; the compiler's own CPU says when it is done (60 to 150 s here).
warm_until_compiled() {
  local max="$1" pid_var="pid_$2" script="$3" url="$4" spent=0 quiet=0 rps steps="" before after share
  while [ "$spent" -lt "$max" ] && [ "$quiet" -lt 2 ]; do
    before="$(compiler_ticks "${!pid_var}")"
    rps="$(wrk_run 64 10 "$script" "$url" | cut -d' ' -f1)"
    after="$(compiler_ticks "${!pid_var}")"
    spent=$((spent + 10))
    share="$(awk -v b="$before" -v a="$after" 'BEGIN { split(b, x, " "); split(a, y, " "); t = y[2] - x[2]
      printf "%.1f", (t > 0 ? 100 * (y[1] - x[1]) / t : 100) }')"
    steps="$steps $rps/${share}%"
    if awk -v s="$share" 'BEGIN { exit !(s < 2) }'; then quiet=$((quiet + 1)); else quiet=0; fi
  done
  echo "warm-up requests/s/compiler share:$steps (${spent}s$([ "$quiet" -lt 2 ] && echo ", not settled"))"
}
