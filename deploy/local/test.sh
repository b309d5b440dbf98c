#!/usr/bin/env bash
# `make test`: its own PostgreSQL and Kafka on free ports, every unit and integration test, then the
# whole system started as `make run` starts it and the end-to-end tests through the gateway.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export RDV_STATE_DIR=${RDV_TEST_STATE_DIR:-$ROOT/.local/test}
"$ROOT/deploy/local/install.sh" || exit 1

# A previous run that was killed may have left its servers behind.
"$ROOT/deploy/local/kafka.sh" stop >/dev/null 2>&1
"$ROOT/deploy/local/postgres.sh" destroy >/dev/null 2>&1
rm -rf "$RDV_STATE_DIR"

read -r RDV_PG_PORT RDV_KAFKA_PORT RDV_KAFKA_CONTROLLER_PORT RDV_GATEWAY_PORT \
  RDV_DIRECTORY_PORT RDV_AVAILABILITY_PORT RDV_BOOKING_PORT RDV_NOTIFICATIONS_PORT RDV_CALENDAR_SYNC_PORT \
  RDV_DIRECTORY_WORKER_PORT RDV_AVAILABILITY_WORKER_PORT RDV_BOOKING_WORKER_PORT \
  RDV_NOTIFICATIONS_WORKER_PORT RDV_CALENDAR_SYNC_WORKER_PORT RDV_SMTP_PORT RDV_MAILBOX_PORT \
  < <("$ROOT/.venv/bin/python" "$ROOT/deploy/local/free_ports.py" 16)
export RDV_PG_PORT RDV_KAFKA_PORT RDV_KAFKA_CONTROLLER_PORT RDV_GATEWAY_PORT RDV_DIRECTORY_PORT \
  RDV_AVAILABILITY_PORT RDV_BOOKING_PORT RDV_NOTIFICATIONS_PORT RDV_CALENDAR_SYNC_PORT \
  RDV_DIRECTORY_WORKER_PORT RDV_AVAILABILITY_WORKER_PORT RDV_BOOKING_WORKER_PORT \
  RDV_NOTIFICATIONS_WORKER_PORT RDV_CALENDAR_SYNC_WORKER_PORT RDV_SMTP_PORT RDV_MAILBOX_PORT
export RDV_PG_FAST=1 RDV_ENVIRONMENT=test
source "$ROOT/deploy/local/common.sh"

SYSTEM_PID=""
cleanup() {
  if [[ -n "$SYSTEM_PID" ]]; then
    kill -TERM -- "-$SYSTEM_PID" 2>/dev/null
    for _ in $(seq 1 75); do kill -0 "$SYSTEM_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$SYSTEM_PID" 2>/dev/null
    # The supervisor runs each process in its own group: reach the ones it could not stop.
    for pidfile in "$RDV_STATE_DIR"/pids/*.pid; do
      [[ -s "$pidfile" ]] && kill -KILL -- "-$(<"$pidfile")" 2>/dev/null
    done
  fi
  "$ROOT/deploy/local/kafka.sh" stop
  "$ROOT/deploy/local/postgres.sh" stop
}
trap cleanup EXIT

"$ROOT/deploy/local/postgres.sh" start || exit 1
"$ROOT/deploy/local/kafka.sh" start || exit 1
export RDV_TEST_PG_DSN="postgresql://postgres@127.0.0.1:$RDV_PG_PORT"
export RDV_TEST_KAFKA="127.0.0.1:$RDV_KAFKA_PORT"
export RDV_TEST_KAFKA_PID_FILE="$RDV_STATE_DIR/kafka/kafka.pid"

cd "$ROOT"
status=0
"$ROOT/.venv/bin/pytest" libs services deploy/tests -q -p no:cacheprovider || status=1

# The system starts on an empty broker, as `make run` does: the tests above leave events on the shared
# topics that refer to entities of their own throwaway databases, and the workers would wait for them.
"$ROOT/deploy/local/kafka.sh" stop
rm -rf "$RDV_STATE_DIR/kafka/data"
"$ROOT/deploy/local/kafka.sh" start || exit 1

# The services' variables only now: the tests above build their own settings and must not see them.
source "$ROOT/deploy/local/services.sh"
rdv_migrate_all
setsid "$ROOT/.venv/bin/python" deploy/local/supervisor.py run >"$RDV_LOG_DIR/system.log" 2>&1 &
SYSTEM_PID=$!
export RDV_E2E_BASE_URL="http://127.0.0.1:$RDV_GATEWAY_PORT"
export RDV_E2E_MAILBOX_URL="http://127.0.0.1:$RDV_MAILBOX_PORT"
if "$ROOT/.venv/bin/python" "$ROOT/tests-e2e/wait_ready.py" "$RDV_E2E_BASE_URL" 120 \
  && (rdv_load_demo_data); then
  "$ROOT/.venv/bin/pytest" tests-e2e --ignore=tests-e2e/faults -q -p no:cacheprovider || status=1
  # Last: they disturb the system (broker paused, processes killed, PostgreSQL restarted).
  "$ROOT/.venv/bin/pytest" tests-e2e/faults -q -p no:cacheprovider || status=1
else
  echo "test.sh: the system did not become ready; last lines of $RDV_LOG_DIR/system.log:" >&2
  tail -n 60 "$RDV_LOG_DIR/system.log" >&2
  status=1
fi
exit $status
