#!/usr/bin/env bash
# Usage: deploy/local/dev-infra.sh {up|down} NAME
# A private PostgreSQL + Kafka on free ports under .local/dev-NAME, for running one service's tests
# while other people (or other test runs) use the machine. `up` writes .local/dev-NAME/env.sh with the
# RDV_TEST_* variables the test fixtures read and the per-service variables; source it, then run pytest.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
name=${2:?"usage: dev-infra.sh up|down NAME"}
export RDV_STATE_DIR=$ROOT/.local/dev-$name
ENV_FILE=$RDV_STATE_DIR/env.sh

up() {
  if [[ -f "$ENV_FILE" ]]; then
    # shellcheck source=/dev/null
    source "$ENV_FILE"
  else
    mkdir -p "$RDV_STATE_DIR"
    read -r RDV_PG_PORT RDV_KAFKA_PORT RDV_KAFKA_CONTROLLER_PORT \
      < <("$ROOT/.venv/bin/python" "$ROOT/deploy/local/free_ports.py" 3)
    export RDV_PG_PORT RDV_KAFKA_PORT RDV_KAFKA_CONTROLLER_PORT RDV_PG_FAST=1
  fi
  "$ROOT/deploy/local/postgres.sh" start >/dev/null
  "$ROOT/deploy/local/kafka.sh" start >/dev/null
  cat >"$ENV_FILE" <<ENV
export RDV_STATE_DIR=$RDV_STATE_DIR RDV_PG_FAST=1
export RDV_PG_PORT=$RDV_PG_PORT RDV_KAFKA_PORT=$RDV_KAFKA_PORT RDV_KAFKA_CONTROLLER_PORT=$RDV_KAFKA_CONTROLLER_PORT
export RDV_TEST_PG_DSN=postgresql://postgres@127.0.0.1:$RDV_PG_PORT
export RDV_TEST_KAFKA=127.0.0.1:$RDV_KAFKA_PORT
export RDV_TEST_KAFKA_PID_FILE=$RDV_STATE_DIR/kafka/kafka.pid
ENV
  echo "$ENV_FILE"
}

down() {
  "$ROOT/deploy/local/kafka.sh" stop >/dev/null
  "$ROOT/deploy/local/postgres.sh" destroy >/dev/null
  rm -rf "$RDV_STATE_DIR"
  echo "dev-infra $name: stopped and removed"
}

case "${1:-}" in
  up | down) "$1" ;;
  *) echo "usage: $0 {up|down} NAME" >&2; exit 2 ;;
esac
