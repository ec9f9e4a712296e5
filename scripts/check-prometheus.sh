#!/usr/bin/env bash
# check-prometheus.sh - validate the Prometheus configuration, rules and rule tests:
#   promtool check config  prometheus/prometheus.yml prometheus/prometheus.docker.yml
#   promtool check rules   prometheus/rules/*.yml
#   promtool test rules    prometheus/tests/*.yml
# Installs promtool (Debian's prometheus package, 2.42) through install-prometheus.sh when it is
# missing. Runs every check even after a failure; exits 1 if any failed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v promtool >/dev/null || "$CCPULSE_SCRIPTS/install-prometheus.sh"

cd "$CCPULSE_REPO"
shopt -s nullglob
configs=(prometheus/prometheus.yml prometheus/prometheus.docker.yml)
rules=(prometheus/rules/*.yml)
tests=(prometheus/tests/*.yml)
[ ${#rules[@]} -gt 0 ] || die "no rule files in prometheus/rules"
[ ${#tests[@]} -gt 0 ] || die "no rule tests in prometheus/tests"

failed=()
run() {
    log "$*"
    "$@" || failed+=("$*")
}
for c in "${configs[@]}"; do
    if [ -f "$c" ]; then run promtool check config "$c"; else failed+=("missing $c"); fi
done
run promtool check rules "${rules[@]}"
run promtool test rules "${tests[@]}"

# Every alert links to its runbook: docs/OPERATIONS.md#runbook-<alert name in lower case>, a
# section headed "Runbook: <AlertName>".
log "runbook links of the alerts"
for alert in $(sed -n 's/^[[:space:]]*- alert:[[:space:]]*\([A-Za-z0-9_]*\).*/\1/p' "${rules[@]}"); do
    lower=$(echo "$alert" | tr '[:upper:]' '[:lower:]')
    grep -q "runbook_url: \"docs/OPERATIONS.md#runbook-$lower\"" "${rules[@]}" \
        || failed+=("$alert: no runbook_url docs/OPERATIONS.md#runbook-$lower")
    grep -qx "### Runbook: $alert" docs/OPERATIONS.md \
        || failed+=("$alert: no section '### Runbook: $alert' in docs/OPERATIONS.md")
done

if [ ${#failed[@]} -gt 0 ]; then
    for f in "${failed[@]}"; do log "FAILED: $f"; done
    exit 1
fi
log "all Prometheus checks passed (${#rules[@]} rule files, ${#tests[@]} test files)"
