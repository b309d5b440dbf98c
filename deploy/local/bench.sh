#!/usr/bin/env bash
# Usage: deploy/local/bench.sh [NAME...]   (`make bench` runs them all)
# Its own PostgreSQL (normal durability: fsync on) and Kafka on free ports, then every bench/*.py
# script (or only bench/NAME.py), each called with `--pg DSN --kafka HOST:PORT --out bench/results`.
# Exits non-zero when a script fails or misses one of its targets.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export RDV_STATE_DIR=$ROOT/.local/bench
cd "$ROOT"
scripts=(bench/*.py)
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

cleanup() {
  "$ROOT/deploy/local/kafka.sh" stop
  "$ROOT/deploy/local/postgres.sh" stop
}
trap cleanup EXIT

"$ROOT/deploy/local/postgres.sh" start || exit 1
"$ROOT/deploy/local/kafka.sh" start || exit 1

status=0
for script in "${scripts[@]}"; do
  echo "bench: $script"
  "$ROOT/.venv/bin/python" "$script" \
    --pg "postgresql://postgres@127.0.0.1:$RDV_PG_PORT" \
    --kafka "127.0.0.1:$RDV_KAFKA_PORT" \
    --out bench/results || status=1
done
exit $status
