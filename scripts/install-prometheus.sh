#!/usr/bin/env bash
# install-prometheus.sh - install Debian's prometheus package (prometheus and
# promtool 2.42) for scripts/prometheus.sh and the rule tests.
# The package's own daemon (init script / systemd unit, which would listen on
# *:9090) is not left running: apt_install denies service starts through
# policy-rc.d; under systemd the unit is also disabled, elsewhere a daemon found
# running right after the install is stopped.
# Does nothing if promtool is already there.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if command -v promtool >/dev/null && command -v prometheus >/dev/null; then
    log "prometheus already installed ($(prometheus --version 2>&1 | head -n 1))"
    exit 0
fi
require_root
apt_install prometheus curl procps

# Our Prometheus (scripts/prometheus.sh) uses port 9090: keep Debian's off it.
if [ -d /run/systemd/system ]; then
    log "disabling the Debian-managed prometheus.service"
    systemctl disable --now prometheus.service || true
elif pgrep -u prometheus -x prometheus >/dev/null; then
    log "stopping the Debian-managed prometheus daemon started by the package"
    /etc/init.d/prometheus stop || true
fi
log "installed $(prometheus --version 2>&1 | head -n 1)"
