# Sourced after common.sh: the per-service environment (same variable names as docker-compose.yml).
: "${RDV_DIRECTORY_WORKER_PORT:=9001}"
: "${RDV_AVAILABILITY_WORKER_PORT:=9002}"
: "${RDV_BOOKING_WORKER_PORT:=9003}"
: "${RDV_NOTIFICATIONS_WORKER_PORT:=9004}"
: "${RDV_CALENDAR_SYNC_WORKER_PORT:=9005}"
: "${RDV_ENVIRONMENT:=development}"
: "${RDV_SMTP_PORT:=1025}"
: "${RDV_MAILBOX_PORT:=1080}"

# service dir : python module : env prefix : database : RDV_ port variable stem
RDV_SERVICES=(
  "directory:directory:DIRECTORY:directory:DIRECTORY"
  "availability:availability:AVAILABILITY:availability:AVAILABILITY"
  "booking:booking:BOOKING:booking:BOOKING"
  "notifications:notifications:NOTIFICATIONS:notifications:NOTIFICATIONS"
  "calendar-sync:calendar_sync:CALENDAR_SYNC:calendar_sync:CALENDAR_SYNC"
)

for spec in "${RDV_SERVICES[@]}"; do
  IFS=: read -r _dir _module prefix db stem <<<"$spec"
  port_var="RDV_${stem}_PORT"
  worker_var="RDV_${stem}_WORKER_PORT"
  export "${prefix}_ENVIRONMENT=$RDV_ENVIRONMENT"
  export "${prefix}_DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:$RDV_PG_PORT/$db"
  export "${prefix}_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$RDV_KAFKA_PORT"
  export "${prefix}_HTTP_PORT=${!port_var}"
  export "${prefix}_WORKER_HTTP_PORT=${!worker_var}"
  export "${prefix}_JWKS_URL=http://127.0.0.1:$RDV_DIRECTORY_PORT/.well-known/jwks.json"
  export "${prefix}_PUBLIC_BASE_URL=http://127.0.0.1:$RDV_GATEWAY_PORT"
  export "$worker_var"
done
export RDV_SMTP_PORT RDV_MAILBOX_PORT NOTIFICATIONS_SMTP_HOST=127.0.0.1 NOTIFICATIONS_SMTP_PORT=$RDV_SMTP_PORT

# Secrets shared by several services. Outside development the services refuse placeholders, so a
# local run makes fresh ones (kept for the run only); a deployment sets them.
rdv_secret() { "$ROOT/.venv/bin/python" -c 'import secrets; print(secrets.token_urlsafe(48))'; }
: "${RDV_LINK_SECRET:=$(rdv_secret)}"
: "${RDV_SMS_CALLBACK_TOKEN:=$(rdv_secret)}"
export NOTIFICATIONS_LINK_SECRET=$RDV_LINK_SECRET BOOKING_LINK_SECRET=$RDV_LINK_SECRET
export NOTIFICATIONS_SMS_CALLBACK_TOKEN=$RDV_SMS_CALLBACK_TOKEN
export BOOKING_AVAILABILITY_URL=http://127.0.0.1:$RDV_AVAILABILITY_PORT
export BOOKING_DIRECTORY_URL=http://127.0.0.1:$RDV_DIRECTORY_PORT
export DIRECTORY_KEY_DIR=$RDV_STATE_DIR/directory-keys
if [[ "$RDV_ENVIRONMENT" != development ]]; then
  : "${RDV_CALENDAR_SYNC_ENCRYPTION_KEY:=$("$ROOT/.venv/bin/python" -c \
    'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')}"
  export CALENDAR_SYNC_ENCRYPTION_KEY=$RDV_CALENDAR_SYNC_ENCRYPTION_KEY
fi
# Webhook receivers and CalDAV servers of a local run are on this machine: allow loopback here only.
export CALENDAR_SYNC_OUTBOUND_ALLOWED_SCHEMES='["http","https"]'
export CALENDAR_SYNC_OUTBOUND_ALLOWED_NETWORKS='["127.0.0.0/8"]'
export CALENDAR_SYNC_OUTLOOK_REDIRECT_URI=http://127.0.0.1:$RDV_GATEWAY_PORT/api/v1/outlook/callback
export PYTHONUNBUFFERED=1

rdv_migrate_all() {
  local spec dir
  for spec in "${RDV_SERVICES[@]}"; do
    dir=${spec%%:*}
    (cd "$ROOT/services/$dir" && "$ROOT/.venv/bin/alembic" -c alembic.ini upgrade head) \
      || die "migrations of $dir failed"
  done
  log "migrations applied"
}

# Demo data, service by service in the order above (directory first: the others build on its events).
rdv_load_demo_data() {
  local spec dir module
  for spec in "${RDV_SERVICES[@]}"; do
    IFS=: read -r dir module _ <<<"$spec"
    if [[ -f "$ROOT/services/$dir/src/$module/entrypoints/demo.py" ]]; then
      "$ROOT/.venv/bin/python" -m "$module.entrypoints.demo" || die "demo data of $dir failed"
    fi
  done
  log "demo data loaded"
}
