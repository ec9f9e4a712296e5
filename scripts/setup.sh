#!/usr/bin/env bash
# setup.sh - prepare a Debian 12 machine (developer or CI, as root) for ccpulse:
# Java 17 + Maven, TimescaleDB on PostgreSQL 15, Prometheus/promtool, Chromium
# + ChromeDriver, curl and jq; then start the project's database (db.sh start).
# Idempotent: a second run installs nothing and only checks the database.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_root
start=$SECONDS

java_major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1; }
if ! command -v java >/dev/null || ! command -v javac >/dev/null || [ "$(java_major)" != 17 ] \
        || ! command -v mvn >/dev/null; then
    apt_install openjdk-17-jdk-headless maven
fi
[ "$(java_major)" = 17 ] || log "WARNING: default java is not 17 ($(java -version 2>&1 | head -n 1)); set JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64"

apt_install curl jq ca-certificates procps
"$CCPULSE_SCRIPTS/install-timescaledb.sh"
"$CCPULSE_SCRIPTS/install-prometheus.sh"
"$CCPULSE_SCRIPTS/install-browser.sh"
"$CCPULSE_SCRIPTS/db.sh" start
log "done in $((SECONDS - start))s"
