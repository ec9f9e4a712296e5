#!/usr/bin/env bash
# pg-throwaway.sh start DIR PORT | stop DIR [--fast] | status DIR
#
# A disposable PostgreSQL 15 + TimescaleDB instance, separate from the main
# cluster of db.sh, for tests that kill the database on purpose (e.g. during
# ingestion). Data in DIR/data, log in DIR/postgres.log, unix socket in DIR,
# TCP on 127.0.0.1:PORT with trust auth. Superuser `ccpulse` (password
# `ccpulse`, not checked under trust), database `ccpulse` with timescaledb.
#
#   start   initdb if needed, start (crash recovery included), create the
#           database and extension if missing. Already running: nothing.
#   stop    `pg_ctl -m immediate` (like a crash: no checkpoint, recovery on the
#           next start) unless --fast is given. Not running is not an error.
#   status  exit 0 if running, 3 if not.
#
# As root, the server runs as the `postgres` OS user and DIR is chowned to it
# (when DIR is below a directory that user cannot enter, the instance is kept
# in $CCPULSE_HOME/throwaway/ and DIR becomes a link to it); as any other user,
# it runs as that user.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { echo "usage: $0 start DIR PORT | stop DIR [--fast] | status DIR" >&2; exit 2; }

[ $# -ge 2 ] || usage
cmd=$1
dir=$(realpath -m "$2")
data=$dir/data

pg_ctl() { as_pg "$PG_BIN/pg_ctl" -D "$data" "$@"; }
is_running() { [ -f "$data/PG_VERSION" ] && pg_ctl status >/dev/null 2>&1; }

start() {
    local port=$1
    if ! timescaledb_installed; then
        [ "$(id -u)" -eq 0 ] || die "TimescaleDB is not installed (run scripts/install-timescaledb.sh as root)"
        "$CCPULSE_SCRIPTS/install-timescaledb.sh"
    fi
    if is_running; then
        local running_port
        running_port=$(sed -n 4p "$data/postmaster.pid")
        [ "$running_port" = "$port" ] || die "already running in $dir on port $running_port, not $port"
        log "already running in $dir on port $port"
        return 0
    fi
    mkdir -p "$dir"
    [ "$(id -u)" -ne 0 ] || chown "$PG_OS_USER:" "$dir"
    chmod 700 "$dir"
    if ! as_pg test -w "$dir" && [ "$(id -u)" -eq 0 ] && [ -z "$(ls -A "$dir")" ]; then
        # DIR lies below a directory the server's user cannot enter (a checkout in a private
        # mktemp -d, for instance): keep the instance under CCPULSE_HOME and leave DIR as a link to
        # it, so that stop and status with the same DIR find it
        local real
        real=$CCPULSE_HOME/throwaway/$(printf '%s' "$dir" | sha1sum | cut -c1-16)
        mkdir -p "$real"
        chown "$PG_OS_USER:" "$real"
        chmod 700 "$real"
        rmdir "$dir"
        ln -s "$real" "$dir"
        log "$dir is not reachable by $PG_OS_USER: the instance lives in $real"
        dir=$real
        data=$dir/data
    fi
    as_pg test -w "$dir" || die "$dir is not writable by the server's user (is a parent directory private?)"

    if [ ! -f "$data/PG_VERSION" ]; then
        log "initdb in $data"
        as_pg "$PG_BIN/initdb" -D "$data" -U ccpulse --auth=trust --encoding=UTF8 \
            --locale=C.UTF-8 >/dev/null
        echo "include 'throwaway.conf'" >> "$data/postgresql.conf"
    fi
    as_pg tee "$data/throwaway.conf" >/dev/null <<CONF
# Written by scripts/pg-throwaway.sh on every start.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 50
shared_buffers = 128MB
fsync = on
synchronous_commit = on
shared_preload_libraries = 'timescaledb'
timescaledb.telemetry_level = off
timezone = 'UTC'
CONF
    log "starting throwaway PostgreSQL on 127.0.0.1:$port"
    if ! pg_ctl -l "$dir/postgres.log" -w -t 120 start >/dev/null; then
        tail -n 20 "$dir/postgres.log" >&2 || true
        die "throwaway PostgreSQL did not start (log: $dir/postgres.log)"
    fi
    as_pg env PGOPTIONS="-c client_min_messages=warning" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 \
        -h "$dir" -p "$port" -U ccpulse -d postgres <<'SQL'
ALTER ROLE ccpulse PASSWORD 'ccpulse';
SELECT 'CREATE DATABASE ccpulse' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'ccpulse') \gexec
\c ccpulse
CREATE EXTENSION IF NOT EXISTS timescaledb;
SQL
    log "ready: postgresql://ccpulse:ccpulse@127.0.0.1:$port/ccpulse"
}

stop() {
    local mode=immediate
    [ "${1:-}" != "--fast" ] || mode=fast
    if ! is_running; then
        log "not running in $dir"
        return 0
    fi
    pg_ctl -m "$mode" -w -t 120 stop >/dev/null
    log "stopped ($mode) in $dir"
}

case "$cmd" in
    start) [ $# -eq 3 ] || usage; start "$3" ;;
    stop) [ $# -eq 2 ] || { [ $# -eq 3 ] && [ "$3" = "--fast" ]; } || usage; stop "${3:-}" ;;
    status) if is_running; then echo "running in $dir"; else echo "not running in $dir"; exit 3; fi ;;
    *) usage ;;
esac
