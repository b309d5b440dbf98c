#!/usr/bin/env bash
# `make run`: install what is missing, start PostgreSQL and Kafka, migrate, then every service's API
# and worker and the gateway in the foreground, restarted when they crash (deploy/local/supervisor.py).
# Ctrl-C stops everything, infrastructure included.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$ROOT/deploy/local/services.sh"

"$ROOT/deploy/local/install.sh"
stop_infra() {
  "$ROOT/deploy/local/kafka.sh" stop || true
  "$ROOT/deploy/local/postgres.sh" stop || true
}
trap stop_infra EXIT
"$ROOT/deploy/local/postgres.sh" start
"$ROOT/deploy/local/kafka.sh" start
rdv_migrate_all

cd "$ROOT"
"$ROOT/.venv/bin/python" deploy/local/supervisor.py run &
SYSTEM_PID=$!
stop_all() {
  kill -TERM "$SYSTEM_PID" 2>/dev/null || true
  wait "$SYSTEM_PID" 2>/dev/null || true
  stop_infra
}
trap stop_all EXIT
trap 'exit 130' INT TERM

"$ROOT/.venv/bin/python" "$ROOT/tests-e2e/wait_ready.py" "http://127.0.0.1:$RDV_GATEWAY_PORT" 120 \
  || die "the services did not become ready, see the lines above"
rdv_load_demo_data

cat <<TXT

  Gateway:        http://127.0.0.1:$RDV_GATEWAY_PORT/
  Health:         http://127.0.0.1:$RDV_GATEWAY_PORT/health/<service>/ready
  API docs:       http://127.0.0.1:$RDV_GATEWAY_PORT/docs/<service>/
  PostgreSQL:     postgresql://postgres@127.0.0.1:$RDV_PG_PORT/<service database>
  Kafka:          127.0.0.1:$RDV_KAFKA_PORT
  Services:       directory $RDV_DIRECTORY_PORT, availability $RDV_AVAILABILITY_PORT, booking $RDV_BOOKING_PORT,
                  notifications $RDV_NOTIFICATIONS_PORT, calendar-sync $RDV_CALENDAR_SYNC_PORT
  Demo accounts:  see services/directory/README.md
  Mails sent:     http://127.0.0.1:$RDV_MAILBOX_PORT/messages (SMTP sink on port $RDV_SMTP_PORT)

TXT
wait "$SYSTEM_PID"
