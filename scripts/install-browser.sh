#!/usr/bin/env bash
# install-browser.sh - install Debian's Chromium and ChromeDriver
# (/usr/bin/chromium, /usr/bin/chromedriver) for headless browser tests, plus
# fonts so screenshots show text. Does nothing if they are installed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

apt_install chromium chromium-driver fonts-liberation fonts-dejavu-core
log "$(chromium --version 2>/dev/null || echo 'chromium: version unknown'); $(chromedriver --version 2>/dev/null | head -n 1)"
