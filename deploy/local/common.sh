# shellcheck shell=bash disable=SC2034  # variables defined here are used by the scripts sourcing it
# Sourced by the other scripts in deploy/local: paths, ports and small helpers.
# Every default can be overridden from the environment, so several people (or a test run and a dev
# session) can run side by side on one machine with different ports and state directories.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

: "${RDV_STATE_DIR:=$ROOT/.local/run}"
: "${RDV_CACHE_DIR:=$ROOT/.local/cache}"

: "${RDV_PG_PORT:=5433}"
: "${RDV_KAFKA_PORT:=9092}"
: "${RDV_KAFKA_CONTROLLER_PORT:=9093}"
: "${RDV_GATEWAY_PORT:=8080}"

: "${RDV_DIRECTORY_PORT:=8001}"
: "${RDV_AVAILABILITY_PORT:=8002}"
: "${RDV_BOOKING_PORT:=8003}"
: "${RDV_NOTIFICATIONS_PORT:=8004}"
: "${RDV_CALENDAR_SYNC_PORT:=8005}"

RDV_DATABASES=(directory availability booking notifications calendar_sync)

# Absolute paths are required by PostgreSQL, Kafka and nginx alike.
mkdir -p "$RDV_STATE_DIR" "$RDV_CACHE_DIR"
RDV_STATE_DIR=$(cd "$RDV_STATE_DIR" && pwd)
RDV_CACHE_DIR=$(cd "$RDV_CACHE_DIR" && pwd)
RDV_LOG_DIR=$RDV_STATE_DIR/logs
mkdir -p "$RDV_LOG_DIR"

export RDV_STATE_DIR RDV_CACHE_DIR RDV_PG_PORT RDV_KAFKA_PORT RDV_KAFKA_CONTROLLER_PORT RDV_GATEWAY_PORT \
  RDV_DIRECTORY_PORT RDV_AVAILABILITY_PORT RDV_BOOKING_PORT RDV_NOTIFICATIONS_PORT RDV_CALENDAR_SYNC_PORT

RDV_KAFKA_POM=$ROOT/deploy/kafka/pom.xml
RDV_PYTHON=$ROOT/.venv/bin/python

log() { printf '%s: %s\n' "$(basename "$0" .sh)" "$*"; }
die() { log "error: $*" >&2; exit 1; }

# The Kafka classpath is cached per pom content, so a version bump never reuses stale jars.
rdv_kafka_lib_dir() {
  local hash
  hash=$(sha256sum "$RDV_KAFKA_POM" | cut -c1-16)
  printf '%s/kafka-%s/lib' "$RDV_CACHE_DIR" "$hash"
}

# Debian keeps the server binaries out of PATH; take the newest installed major version.
rdv_pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [[ -z "$dir" ]] && command -v pg_config >/dev/null; then
    dir=$(pg_config --bindir)
  fi
  [[ -x "$dir/pg_ctl" ]] || die "PostgreSQL server not found: run deploy/local/install.sh"
  printf '%s' "$dir"
}

# True when PIDFILE names a live process whose command line contains PATTERN.
# Checking the command line guards against a recycled PID after a reboot or crash.
rdv_pid_alive() {
  local pidfile=$1 pattern=$2 pid
  [[ -s "$pidfile" ]] || return 1
  pid=$(<"$pidfile")
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$pattern"
}

rdv_port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Replaces every ${RDV_NAME} in TEMPLATE by the variable's value and writes OUTPUT atomically.
# Only RDV_ names are touched, so nginx's own $variables pass through, like the official image's
# envsubst with NGINX_ENVSUBST_FILTER=^RDV_.
rdv_render() {
  local template=$1 output=$2 content name
  content=$(<"$template")
  for name in $(grep -oE '\$\{RDV_[A-Z0-9_]+\}' "$template" | sort -u | tr -d '${}'); do
    [[ -n "${!name+set}" ]] || die "$template uses \${$name}, which is not set"
    content=${content//"\${$name}"/"${!name}"}
  done
  printf '%s\n' "$content" >"$output.tmp"
  mv "$output.tmp" "$output"
}
