#!/usr/bin/env bash
# test.sh - install what is missing, start the database, and run the full test
# suite: unit tests, integration tests against the real TimescaleDB and
# Prometheus, the headless-browser test, the Prometheus rule tests and the
# compose file check. Safe to run again.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_root
"$CCPULSE_SCRIPTS/setup.sh"
cd "$CCPULSE_REPO"
for check in check-prometheus.sh check-grafana.sh check-compose.sh; do
    if [ -x "$CCPULSE_SCRIPTS/$check" ]; then
        "$CCPULSE_SCRIPTS/$check"
    fi
done
mvn -B -ntp verify "$@"
