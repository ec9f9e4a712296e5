#!/usr/bin/env bash
# lib.sh - shared settings and helpers for the ccpulse infrastructure scripts.
# Sourced by the other scripts in this folder (not meant to be run on its own).
# Every setting can be overridden from the environment.
# shellcheck disable=SC2034  # the variables are used by the scripts sourcing this

CCPULSE_HOME=${CCPULSE_HOME:-/var/lib/ccpulse}
CCPULSE_PG_PORT=${CCPULSE_PG_PORT:-55432}
CCPULSE_PROM_PORT=${CCPULSE_PROM_PORT:-9090}

CCPULSE_DB_NAME=ccpulse
CCPULSE_DB_OWNER=ccpulse                 # owns the database, CREATEDB, no superuser
CCPULSE_DB_PASSWORD=${CCPULSE_DB_PASSWORD:-ccpulse}
CCPULSE_DB_READER=ccpulse_reader         # read-only, for Grafana
CCPULSE_READER_PASSWORD=${CCPULSE_READER_PASSWORD:-ccpulse_reader}

PG_VERSION=15
PG_BIN=/usr/lib/postgresql/$PG_VERSION/bin
PG_OS_USER=postgres

CCPULSE_SCRIPTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CCPULSE_REPO=$(dirname "$CCPULSE_SCRIPTS")

log() { printf '%s [%s] %s\n' "$(date +%H:%M:%S)" "${0##*/}" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

require_root() {
    [ "$(id -u)" -eq 0 ] || die "must be run as root"
}

# apt_install PKG... - install the packages that are missing. 'apt-get update'
# runs at most once per top-level run (children inherit CCPULSE_APT_UPDATED),
# and only when something actually has to be installed. Daemons shipped by the
# packages (the Debian postgresql cluster, prometheus) are not started: a
# temporary policy-rc.d denies it unless the machine already has one.
apt_install() {
    local pkg missing=() policy=/usr/sbin/policy-rc.d added_policy="" rc=0
    for pkg in "$@"; do
        case "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" in
            *" ok installed") ;;
            *) missing+=("$pkg") ;;
        esac
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    require_root
    if [ -z "${CCPULSE_APT_UPDATED:-}" ]; then
        log "apt-get update"
        apt-get update -qq
        export CCPULSE_APT_UPDATED=1
    fi
    log "installing: ${missing[*]}"
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 755 "$policy" && added_policy=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" || rc=$?
    [ -z "$added_policy" ] || rm -f "$policy"
    return "$rc"
}

# as_pg CMD... - run a command as the postgres OS user (directly if we already
# are that user or are not root; from / so it never complains about $PWD).
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd / && runuser -u "$PG_OS_USER" -- "$@")
    else
        "$@"
    fi
}

timescaledb_installed() {
    local control=/usr/share/postgresql/$PG_VERSION/extension/timescaledb.control
    local libdir=/usr/lib/postgresql/$PG_VERSION/lib version
    [ -f "$control" ] || return 1
    version=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" "$control")
    [ -f "$libdir/timescaledb.so" ] && [ -f "$libdir/timescaledb-$version.so" ]
}
