#!/usr/bin/env bash
# What PostgreSQL itself spends on a case request, apart from streamfix: pgbench runs the case store's two
# writes (opening a case, recording a step: the statements of JdbcCaseStore and PostgresCaseStore, one
# self-committing statement each, server-prepared as pgjdbc sends them after their fifth use) against the
# schema of the migrations, and, for comparison, a one-row insert into a table without indexes. It prints
# the server's CPU per statement (all its processes, read from /proc), with 1 and 8 clients.
#
#   bench/pg-floor.sh              # about a minute; a server of its own on port 55442, removed at the end
#
# Uses .ci/postgres (Debian's postgresql package, installed when missing and running as root) and pgbench
# from the same package. README, "Keeping cases / Figures", has the figures of this machine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export STREAMFIX_PG_PORT="${STREAMFIX_PG_PORT:-55442}"
export PGDATA_DIR="$(mktemp -d)/data"
chmod 755 "$(dirname "$PGDATA_DIR")" # PostgreSQL runs as its own user, and makes its folder in here
seconds="${SECONDS_PER_RUN:-10}"
work="$(mktemp -d)"
trap '"$here/.ci/postgres" stop >/dev/null 2>&1 || true; rm -rf "$work" "$(dirname "$PGDATA_DIR")"' EXIT

"$here/.ci/postgres" >/dev/null
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
export PGPASSWORD=streamfix PGHOST=127.0.0.1 PGPORT="$STREAMFIX_PG_PORT" PGUSER=streamfix
psql -q -d postgres -c "CREATE DATABASE floor"
psql -q -d floor -v ON_ERROR_STOP=1 -f "$here/src/main/resources/io/streamfix/cases/migration/V1__cases.sql"
psql -q -d floor -c "CREATE TABLE plain (id varchar(32), n bigint)"

# The documents go in as pgbench variables (-D): their colons are no variables then.
opening='{"device": {"type": "mobile"}, "network": {"vpn_active": true}}'
after_step='{"device": {"type": "mobile"}, "network": {"vpn_active": true}, "tried": [{"fix": "disable_vpn_proxy", "result": "failed", "minutes": 3}]}'
rules=a3f9c2e1b4d5a6f7e8d9c0b1a2f3e4d5c6b7a8f9
cat > "$work/case.sql" <<'SQL'
\set r random(1, 9000000000000000)
INSERT INTO cases (id, created_at, updated_at, status, version, opening_document, document, rules_version, next_fix, top_cause, expected_minutes, request_id) VALUES ('c' || :r, 1764806400000, 1764806400000, 'open', 0, :opening, :opening, :rules, 'disable_vpn_proxy', 'vpn_or_proxy', 12.5, NULL);
WITH moved AS (UPDATE cases SET updated_at = 1764806401000, status = 'open', version = 1, document = :after_step, rules_version = :rules, next_fix = 'restart_router', top_cause = 'vpn_or_proxy', expected_minutes = 20.1 WHERE id = 'c' || :r AND version = 0 RETURNING id) INSERT INTO case_steps (case_id, seq, at, kind, fact, answer, fix, result, minutes, undoes, request_id, rules_version, status, next_fix, top_cause, expected_minutes) SELECT id, 1, 1764806401000, 'fix', NULL, NULL, 'disable_vpn_proxy', 'failed', 3, NULL, NULL, :rules, 'open', 'restart_router', 'vpn_or_proxy', 20.1 FROM moved;
SQL
cat > "$work/plain.sql" <<'SQL'
\set r random(1, 9000000000000000)
INSERT INTO plain (id, n) VALUES ('c' || :r, :r);
SQL

# The server's CPU ticks so far: the postmaster's own and its ended children's (a backend's CPU moves to
# the postmaster when it exits), and its live children's.
. "$here/bench/serve-common.sh" # stat_ticks
postmaster="$(head -1 "$PGDATA_DIR/postmaster.pid")"
ticks() {
  local sum child ticks
  sum="$(stat_ticks "/proc/$postmaster/stat" children)"
  for child in $(pgrep -P "$postmaster"); do
    ticks="$(stat_ticks "/proc/$child/stat")" && sum=$((sum + ticks)) # a backend may end meanwhile
  done
  echo "$sum"
}
hz=$(getconf CLK_TCK)

# run LABEL SCRIPT STATEMENTS_PER_SCRIPT CLIENTS
run() {
  local before after done_scripts
  before=$(ticks)
  done_scripts=$("$bin/pgbench" -n -M prepared -c "$4" -j 1 -T "$seconds" -f "$2" \
    -D opening="$opening" -D after_step="$after_step" -D rules="$rules" floor 2>&1 \
    | awk '/number of transactions actually processed/ { print $NF }')
  sleep 0.5 # the backends' exit, so that their CPU is counted
  after=$(ticks)
  awk -v t=$((after - before)) -v n="$done_scripts" -v k="$3" -v hz="$hz" -v label="$1" -v c="$4" -v s="$seconds" \
    'BEGIN { printf "  %-44s %d client(s): %6.0f statements/s, server CPU %.3f ms per statement\n", label, c, n * k / s, t * 1000 / hz / (n * k) }'
}

echo "PostgreSQL $("$bin/postgres" --version | awk '{ print $3 }') on $(nproc) cores, ${seconds} s per run, pgbench -M prepared:"
for clients in 1 8; do
  run "a case opened + a step (the store's writes)" "$work/case.sql" 2 "$clients"
  run "a one-row insert, no index (the floor)" "$work/plain.sql" 1 "$clients"
done
cases=$(psql -qtA -d floor -c "SELECT count(*) FROM cases")
steps=$(psql -qtA -d floor -c "SELECT count(*) FROM case_steps")
echo "  (cases opened: $cases; steps recorded: $steps: a step for every case, as in the service)"
