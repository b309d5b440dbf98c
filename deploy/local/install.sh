#!/usr/bin/env bash
# Usage: deploy/local/install.sh
# Installs what the local stack needs and is missing: PostgreSQL and nginx (Debian), uv, the Kafka jars
# (Maven Central), then the Python workspace. Safe to re-run; each step prints one line.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

POLICY_RC=/usr/sbin/policy-rc.d

deb_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

install_debs() {
  local missing=() pkg
  for pkg in postgresql nginx chromium; do
    deb_installed "$pkg" || missing+=("$pkg")
  done
  if ((${#missing[@]} == 0)); then
    log "postgresql, nginx, chromium: already installed"
    return
  fi
  ((EUID == 0)) || die "installing ${missing[*]} needs root"
  # Both packages start a system-wide server from their postinst (PostgreSQL on 5432, nginx on 80).
  # We run our own instances, so forbid service starts for the duration of the install.
  local own_policy=0
  if [[ ! -e "$POLICY_RC" ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$POLICY_RC"
    chmod +x "$POLICY_RC"
    own_policy=1
    trap 'rm -f "$POLICY_RC"' EXIT
  fi
  local apt_log=$RDV_LOG_DIR/install-apt.log
  {
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  } >"$apt_log" 2>&1 || die "apt-get failed, see $apt_log"
  if ((own_policy)); then
    rm -f "$POLICY_RC"
    trap - EXIT
  fi
  # Belt and braces for machines where policy-rc.d is not honoured (e.g. systemd).
  if [[ -s /run/nginx.pid ]]; then
    service nginx stop >/dev/null 2>&1 || true
  fi
  log "${missing[*]}: installed"
}

install_uv() {
  if command -v uv >/dev/null; then
    log "uv: already installed ($(uv --version))"
  else
    python3 -m pip install --quiet uv
    log "uv: installed ($(uv --version))"
  fi
}

install_kafka_jars() {
  local lib
  lib=$(rdv_kafka_lib_dir)
  if [[ -d "$lib" ]]; then
    log "kafka jars: cached in $lib"
    return
  fi
  # Download next to the target and rename, so an interrupted run never looks like a complete cache.
  local tmp
  tmp=$(mktemp -d "$(dirname "$lib").tmp.XXXXXX")
  mkdir -p "$(dirname "$lib")"
  mvn -q -B -Dstyle.color=never -f "$RDV_KAFKA_POM" \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
    -DoutputDirectory="$tmp/lib" -DincludeScope=runtime \
    || { rm -rf "$tmp"; die "maven could not fetch the Kafka jars"; }
  mv "$tmp/lib" "$lib"
  rmdir "$tmp"
  log "kafka jars: downloaded to $lib ($(ls "$lib" | wc -l) jars)"
}

sync_python() {
  (cd "$ROOT" && uv sync --all-packages --all-groups --quiet)
  log "python workspace: synced ($ROOT/.venv)"
}

install_debs
install_uv
install_kafka_jars
sync_python
"$ROOT/deploy/local/web_assets.sh"
