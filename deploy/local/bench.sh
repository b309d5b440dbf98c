#!/usr/bin/env bash
# Usage: deploy/local/bench.sh [NAME...]   (`make bench` runs them all)
# Its own PostgreSQL (normal durability: fsync on) and Kafka on free ports, then every bench/*.py
# script (or only bench/NAME.py), each called with `--pg DSN --kafka HOST:PORT --out bench/results`.
# Exits non-zero when a script fails or misses one of its targets. The capacity scripts
# (bench/capacity*.py) run against the whole system, started here as `make run` starts it (demo data
# included) and stopped after them; they find it through RDV_BENCH_GATEWAY_URL and RDV_STATE_DIR.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export RDV_STATE_DIR=${RDV_BENCH_STATE_DIR:-$ROOT/.local/bench}
cd "$ROOT"
scripts=()
for script in bench/*.py; do
  [[ "$script" == *_locustfile.py ]] || scripts+=("$script")
done
if (($# > 0)); then
  scripts=()
  for name in "$@"; do
    [[ -f "bench/$name.py" ]] || { echo "bench: no bench/$name.py" >&2; exit 2; }
    scripts+=("bench/$name.py")
  done
fi
"$ROOT/deploy/local/install.sh" || exit 1

# A previous run that was killed may have left its servers behind.
"$ROOT/deploy/local/kafka.sh" stop >/dev/null 2>&1
"$ROOT/deploy/local/postgres.sh" stop >/dev/null 2>&1
rm -rf "$RDV_STATE_DIR"

read -r RDV_PG_PORT RDV_KAFKA_PORT RDV_KAFKA_CONTROLLER_PORT \
  < <("$ROOT/.venv/bin/python" "$ROOT/deploy/local/free_ports.py" 3)
export RDV_PG_PORT RDV_KAFKA_PORT RDV_KAFKA_CONTROLLER_PORT
unset RDV_PG_FAST

SYSTEM_PID=""
stop_system() {
  [[ -n "$SYSTEM_PID" ]] || return 0
  kill -TERM "$SYSTEM_PID" 2>/dev/null
  wait "$SYSTEM_PID" 2>/dev/null
  SYSTEM_PID=""
}

start_system() {
  read -r RDV_GATEWAY_PORT RDV_DIRECTORY_PORT RDV_AVAILABILITY_PORT RDV_BOOKING_PORT RDV_NOTIFICATIONS_PORT \
    RDV_CALENDAR_SYNC_PORT RDV_DIRECTORY_WORKER_PORT RDV_AVAILABILITY_WORKER_PORT RDV_BOOKING_WORKER_PORT \
    RDV_NOTIFICATIONS_WORKER_PORT RDV_CALENDAR_SYNC_WORKER_PORT RDV_SMTP_PORT RDV_MAILBOX_PORT \
    < <("$ROOT/.venv/bin/python" "$ROOT/deploy/local/free_ports.py" 13)
  export RDV_GATEWAY_PORT RDV_DIRECTORY_PORT RDV_AVAILABILITY_PORT RDV_BOOKING_PORT RDV_NOTIFICATIONS_PORT \
    RDV_CALENDAR_SYNC_PORT RDV_DIRECTORY_WORKER_PORT RDV_AVAILABILITY_WORKER_PORT RDV_BOOKING_WORKER_PORT \
    RDV_NOTIFICATIONS_WORKER_PORT RDV_CALENDAR_SYNC_WORKER_PORT RDV_SMTP_PORT RDV_MAILBOX_PORT
  (
    source "$ROOT/deploy/local/common.sh"
    source "$ROOT/deploy/local/services.sh"
    rdv_migrate_all >/dev/null
    exec "$ROOT/.venv/bin/python" deploy/local/supervisor.py run
  ) >"$RDV_STATE_DIR/system.log" 2>&1 &
  SYSTEM_PID=$!
  export RDV_BENCH_GATEWAY_URL="http://127.0.0.1:$RDV_GATEWAY_PORT"
  "$ROOT/.venv/bin/python" "$ROOT/tests-e2e/wait_ready.py" "$RDV_BENCH_GATEWAY_URL" 180 \
    && (source "$ROOT/deploy/local/common.sh" && source "$ROOT/deploy/local/services.sh" \
      && rdv_load_demo_data) >>"$RDV_STATE_DIR/system.log" 2>&1
}

cleanup() {
  stop_system
  "$ROOT/deploy/local/kafka.sh" stop
  "$ROOT/deploy/local/postgres.sh" stop
}
trap cleanup EXIT

"$ROOT/deploy/local/postgres.sh" start || exit 1
"$ROOT/deploy/local/kafka.sh" start || exit 1

status=0
# The capacity scripts last: the running system would disturb the others' figures.
ordered=()
for script in "${scripts[@]}"; do [[ "$script" == bench/capacity*.py ]] || ordered+=("$script"); done
for script in "${scripts[@]}"; do [[ "$script" == bench/capacity*.py ]] && ordered+=("$script"); done
for script in "${ordered[@]}"; do
  echo "bench: $script"
  if [[ "$script" == bench/capacity*.py && -z "$SYSTEM_PID" ]]; then
    start_system || { echo "bench: the system did not start, see $RDV_STATE_DIR/system.log" >&2; status=1; continue; }
  fi
  "$ROOT/.venv/bin/python" "$script" \
    --pg "postgresql://postgres@127.0.0.1:$RDV_PG_PORT" \
    --kafka "127.0.0.1:$RDV_KAFKA_PORT" \
    --out bench/results || status=1
done
exit $status
