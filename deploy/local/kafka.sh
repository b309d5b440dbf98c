#!/usr/bin/env bash
# Usage: deploy/local/kafka.sh {start|stop|status|pause|resume}
# A single-node KRaft broker on 127.0.0.1:$RDV_KAFKA_PORT, data under $RDV_STATE_DIR/kafka.
# pause/resume freeze the broker (SIGSTOP/SIGCONT) to simulate an outage without losing data.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

KAFKA_DIR=$RDV_STATE_DIR/kafka
PROPS=$KAFKA_DIR/server.properties
PID_FILE=$KAFKA_DIR/kafka.pid
KAFKA_LOG=$RDV_LOG_DIR/kafka.log
export RDV_KAFKA_DATA_DIR=$KAFKA_DIR/data
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
LOG_OPTS=(-Dlog4j2.configurationFile="$ROOT/deploy/kafka/log4j2.properties" -Dkafka.logs.dir="$RDV_LOG_DIR")

running() { rdv_pid_alive "$PID_FILE" "$PROPS"; }

wait_ready() {
  local pid deadline=$((SECONDS + 60))
  pid=$(<"$PID_FILE")
  until rdv_port_open "$RDV_KAFKA_PORT"; do
    # kill -0, not running(): right after the fork the child may not have exec'd java yet.
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$KAFKA_LOG" >&2; die "broker exited during startup, see $KAFKA_LOG"; }
    ((SECONDS < deadline)) || die "port $RDV_KAFKA_PORT not open after 60 s, see $KAFKA_LOG"
    sleep 0.5
  done
  [[ -x "$RDV_PYTHON" ]] || die "$RDV_PYTHON missing: run deploy/local/install.sh"
  "$RDV_PYTHON" "$ROOT/deploy/local/kafka_ready.py" "127.0.0.1:$RDV_KAFKA_PORT" 60 \
    || die "broker (pid $pid) does not answer metadata requests, see $KAFKA_LOG"
}

start() {
  if running; then
    log "already running (pid $(<"$PID_FILE"))"
    wait_ready
    echo "127.0.0.1:$RDV_KAFKA_PORT"
    return
  fi
  local lib
  lib=$(rdv_kafka_lib_dir)
  [[ -d "$lib" ]] || die "Kafka jars missing in $lib: run deploy/local/install.sh"
  for port in "$RDV_KAFKA_PORT" "$RDV_KAFKA_CONTROLLER_PORT"; do
    ! rdv_port_open "$port" || die "port $port is already used by another process"
  done

  mkdir -p "$RDV_KAFKA_DATA_DIR"
  rdv_render "$ROOT/deploy/kafka/server.properties.template" "$PROPS"

  if [[ ! -f "$RDV_KAFKA_DATA_DIR/meta.properties" ]]; then
    local cluster_id
    cluster_id=$("$JAVA" "${LOG_OPTS[@]}" -cp "$lib/*" kafka.tools.StorageTool random-uuid | tail -n 1)
    # The format step needs more heap than the broker's 256 MB start size.
    "$JAVA" -Xmx1g "${LOG_OPTS[@]}" -cp "$lib/*" kafka.tools.StorageTool format \
      --standalone --ignore-formatted -t "$cluster_id" -c "$PROPS" >>"$KAFKA_LOG" 2>&1 \
      || die "storage format failed, see $KAFKA_LOG"
    log "formatted $RDV_KAFKA_DATA_DIR (cluster $cluster_id)"
  fi

  nohup "$JAVA" -Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true "${LOG_OPTS[@]}" \
    -cp "$lib/*" kafka.Kafka "$PROPS" >>"$KAFKA_LOG" 2>&1 </dev/null &
  echo $! >"$PID_FILE"
  wait_ready
  log "started (pid $(<"$PID_FILE")), log $KAFKA_LOG"
  echo "127.0.0.1:$RDV_KAFKA_PORT"
}

stop() {
  if ! running; then
    rm -f "$PID_FILE"
    log "not running"
    return
  fi
  local pid deadline=$((SECONDS + 30))
  pid=$(<"$PID_FILE")
  # A paused broker would hold SIGTERM pending forever: wake it so the controlled shutdown runs.
  kill -TERM "$pid"
  kill -CONT "$pid" 2>/dev/null || true
  while running && ((SECONDS < deadline)); do
    sleep 0.5
  done
  if running; then
    log "no exit 30 s after SIGTERM, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while running; do sleep 0.2; done
  fi
  rm -f "$PID_FILE"
  log "stopped (pid $pid)"
}

status() {
  if ! running; then
    log "not running"
    return 3
  fi
  local pid state
  pid=$(<"$PID_FILE")
  state=$(awk '{print $3}' "/proc/$pid/stat")
  if [[ "$state" == T ]]; then
    log "paused (pid $pid) on 127.0.0.1:$RDV_KAFKA_PORT"
  else
    log "running (pid $pid) on 127.0.0.1:$RDV_KAFKA_PORT"
  fi
}

signal() {
  running || die "not running"
  kill "-$1" "$(<"$PID_FILE")"
  log "$2 (pid $(<"$PID_FILE"))"
}

case "${1:-}" in
  start | stop | status) "$1" ;;
  pause) signal STOP paused ;;
  resume) signal CONT resumed ;;
  *) echo "usage: $0 {start|stop|status|pause|resume}" >&2; exit 2 ;;
esac
