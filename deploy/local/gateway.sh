#!/usr/bin/env bash
# Usage: deploy/local/gateway.sh {run|check}
#   run    render the config and run nginx in the foreground on 127.0.0.1:$RDV_GATEWAY_PORT (Ctrl-C stops it)
#   check  render the config and validate it with nginx -t
# Upstreams default to the local service ports; override with RDV_<SERVICE>_UPSTREAM=host:port.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

NGINX_DIR=$RDV_STATE_DIR/nginx
CONF=$NGINX_DIR/nginx.conf
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[[ -x "$NGINX" ]] || die "nginx not found: run deploy/local/install.sh"

export RDV_GATEWAY_LISTEN=${RDV_GATEWAY_LISTEN:-127.0.0.1:$RDV_GATEWAY_PORT}
export RDV_GATEWAY_RUN_DIR=$NGINX_DIR/run
export RDV_DIRECTORY_UPSTREAM=${RDV_DIRECTORY_UPSTREAM:-127.0.0.1:$RDV_DIRECTORY_PORT}
export RDV_AVAILABILITY_UPSTREAM=${RDV_AVAILABILITY_UPSTREAM:-127.0.0.1:$RDV_AVAILABILITY_PORT}
export RDV_BOOKING_UPSTREAM=${RDV_BOOKING_UPSTREAM:-127.0.0.1:$RDV_BOOKING_PORT}
export RDV_NOTIFICATIONS_UPSTREAM=${RDV_NOTIFICATIONS_UPSTREAM:-127.0.0.1:$RDV_NOTIFICATIONS_PORT}
export RDV_CALENDAR_SYNC_UPSTREAM=${RDV_CALENDAR_SYNC_UPSTREAM:-127.0.0.1:$RDV_CALENDAR_SYNC_PORT}

mkdir -p "$RDV_GATEWAY_RUN_DIR"
rdv_render "$ROOT/deploy/gateway/nginx.conf.template" "$CONF"
# -e stderr: otherwise nginx opens its compiled-in /var/log/nginx/error.log before reading the config.
NGINX_ARGS=(-p "$NGINX_DIR/" -e stderr -c "$CONF")

case "${1:-}" in
  check) "$NGINX" "${NGINX_ARGS[@]}" -t -q && log "config OK: $CONF" ;;
  run)
    "$NGINX" "${NGINX_ARGS[@]}" -t -q
    log "listening on http://$RDV_GATEWAY_LISTEN/ (config $CONF)" >&2
    exec "$NGINX" "${NGINX_ARGS[@]}" -g 'daemon off;'
    ;;
  *) echo "usage: $0 {run|check}" >&2; exit 2 ;;
esac
