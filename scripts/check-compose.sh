#!/usr/bin/env bash
# check-compose.sh - validate docker-compose.yml without a Docker engine:
#   - `docker-compose config -q` with .env.example as the environment file (compose reads .env
#     by default; --env-file, which docker-compose 1.29 has, points it at the example instead,
#     so neither a .env nor a Docker daemon is needed);
#   - every ${VARIABLE} docker-compose.yml uses is listed in .env.example;
#   - the files the compose file mounts or builds from exist.
# Installs Debian's docker-compose (1.29) when no docker-compose is on the PATH.
# Exits 1 if a check failed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v docker-compose >/dev/null || apt_install docker-compose

cd "$CCPULSE_REPO"
errors=0
fail() { log "FAIL: $*"; errors=$((errors + 1)); }

log "docker-compose --env-file .env.example config -q ($(docker-compose version --short 2>/dev/null || echo '?'))"
docker-compose --project-directory "$CCPULSE_REPO" -f docker-compose.yml --env-file "$CCPULSE_REPO/.env.example" config -q \
    || fail "docker-compose config rejects docker-compose.yml"

# Variables used by the compose file, each documented in .env.example.
for v in $(grep -oE '\$\{[A-Za-z_][A-Za-z0-9_]*' docker-compose.yml | cut -c3- | sort -u); do
    grep -qE "^$v=" .env.example || fail "docker-compose.yml uses \${$v}, which .env.example does not list"
done
# No literal secret in the compose file: passwords and tokens only as ${...}.
if grep -nE '^[[:space:]]*[A-Z_]*(PASSWORD|TOKEN)[A-Z_]*:[[:space:]]*[^$[:space:]]' docker-compose.yml | grep -v 'TOKENS: simulator:\${'; then
    fail "docker-compose.yml holds a literal password or token (lines above): use a variable from .env"
fi

# Paths the compose file refers to.
for p in Dockerfile .dockerignore scripts/docker/init-db.sh prometheus/prometheus.docker.yml \
         grafana/provisioning/datasources grafana/provisioning/dashboards grafana/dashboards/wallboard.json; do
    [ -e "$p" ] || fail "missing $p"
done
[ -x scripts/docker/init-db.sh ] || fail "scripts/docker/init-db.sh is not executable"
bash -n scripts/docker/init-db.sh || fail "scripts/docker/init-db.sh: syntax error"

if [ "$errors" -gt 0 ]; then
    log "$errors compose check(s) failed"
    exit 1
fi
log "docker-compose.yml is valid"
