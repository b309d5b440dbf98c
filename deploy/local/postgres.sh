#!/usr/bin/env bash
# Usage: deploy/local/postgres.sh {start|stop|status}
# A throwaway PostgreSQL cluster under $RDV_STATE_DIR/pg on 127.0.0.1:$RDV_PG_PORT.
# RDV_PG_FAST=1 trades durability for speed (tests only).
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PG_BIN=$(rdv_pg_bindir)
PG_DIR=$RDV_STATE_DIR/pg
PG_LOG=$RDV_LOG_DIR/postgres.log
# The server runs as `postgres`, which cannot enter a checkout under a private home (e.g. /root):
# then the cluster lives in a directory of its own under /var/tmp, named after the state dir.
if ((EUID == 0)) && ! runuser -u postgres -- test -x "$RDV_STATE_DIR" 2>/dev/null; then
  PG_DIR=/var/tmp/rdv-pg-$(printf '%s' "$RDV_STATE_DIR" | sha256sum | cut -c1-12)
  PG_LOG=$PG_DIR/postgres.log
fi
PG_DATA=$PG_DIR/data
PG_SOCKET_DIR=$PG_DIR/socket
DSN_BASE=postgresql://postgres@127.0.0.1:$RDV_PG_PORT/

# initdb and postgres refuse to run as root.
as_pg() {
  if ((EUID == 0)); then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_running() {
  [[ -f "$PG_DATA/PG_VERSION" ]] && as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

ensure_cluster() {
  mkdir -p "$PG_DATA" "$PG_SOCKET_DIR"
  touch "$PG_LOG"
  if ((EUID == 0)); then
    chown postgres:postgres "$PG_DIR" "$PG_DATA" "$PG_SOCKET_DIR" "$PG_LOG"
    runuser -u postgres -- test -w "$PG_DATA" \
      || die "user postgres cannot reach $PG_DATA (a parent directory is not world-executable?)"
  fi
  chmod 700 "$PG_DATA"
  [[ -f "$PG_DATA/PG_VERSION" ]] && return 0
  log "initdb $PG_DATA"
  as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >>"$PG_LOG" 2>&1 \
    || die "initdb failed, see $PG_LOG"
}

start() {
  if pg_running; then
    log "already running on 127.0.0.1:$RDV_PG_PORT"
  else
    ensure_cluster
    # Services run an API and a worker, each with its own pool, plus tests: the default 100 is tight.
    local opts="-p $RDV_PG_PORT -k $PG_SOCKET_DIR -c listen_addresses=127.0.0.1 -c max_connections=300"
    if [[ "${RDV_PG_FAST:-0}" == 1 ]]; then
      opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -o "$opts" -w -t 60 start >/dev/null \
      || die "start failed, see $PG_LOG"
    log "started on 127.0.0.1:$RDV_PG_PORT (fast=${RDV_PG_FAST:-0})"
  fi
  PGOPTIONS='-c client_min_messages=warning' "$PG_BIN/psql" -h 127.0.0.1 -p "$RDV_PG_PORT" -U postgres -d postgres -X -q -v ON_ERROR_STOP=1 \
    -f "$ROOT/deploy/postgres/init.sql" >/dev/null
  log "databases ready: ${RDV_DATABASES[*]}"
  echo "$DSN_BASE"
}

stop() {
  if pg_running; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null
    log "stopped"
  else
    log "not running"
  fi
}

status() {
  if pg_running; then
    log "running on 127.0.0.1:$RDV_PG_PORT, pid $(head -n 1 "$PG_DATA/postmaster.pid")"
    echo "$DSN_BASE"
  else
    log "not running"
    return 3
  fi
}

destroy() {
  stop
  rm -rf "$PG_DIR"
  log "removed $PG_DIR"
}

case "${1:-}" in
  start | stop | status | destroy) "$1" ;;
  *) echo "usage: $0 {start|stop|status|destroy}" >&2; exit 2 ;;
esac
