#!/usr/bin/env bash
# db.sh start|stop|status|psql [--admin] [psql args...]
#
# Manages ccpulse's own PostgreSQL 15 + TimescaleDB cluster, independent of any
# other PostgreSQL on the machine: created with initdb (not pg_createcluster, so
# nothing goes into /etc/postgresql or the Debian cluster list), data in
# $CCPULSE_HOME/pg/data, logs in $CCPULSE_HOME/pg/log, its unix socket in
# $CCPULSE_HOME/pg/run, TCP on 127.0.0.1:$CCPULSE_PG_PORT only.
#
#   start   install TimescaleDB if needed, initdb if needed, start if stopped,
#           wait until ready, then (idempotently) create the roles, the database
#           and the extension (also in template1, so every database the test
#           suite creates has it) and the grants.
#   stop    fast shutdown (pg_ctl -m fast); not running is not an error.
#   status  exit 0 if running, 3 if not (as pg_ctl and LSB scripts do).
#   psql    psql as the owner role over TCP (--admin: as postgres over the socket).
#
# Exit codes: 0 ok, 1 failure, 2 usage, 3 not running (status).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_DIR=$CCPULSE_HOME/pg
PGDATA=$PG_DIR/data
PG_LOG=$PG_DIR/log
PG_RUN=$PG_DIR/run

usage() { echo "usage: $0 start|stop|status|psql [--admin] [psql args...]" >&2; exit 2; }

is_running() { as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; }

# Settings we own: rewritten on every start, included from postgresql.conf.
write_config() {
    cat > "$PGDATA/ccpulse.conf" <<CONF
# Written by scripts/db.sh on every start: edit the script, not this file.
listen_addresses = '127.0.0.1'
port = $CCPULSE_PG_PORT
unix_socket_directories = '$PG_RUN'
max_connections = 100
password_encryption = scram-sha-256

# Memory and planner, for a 2-core / 24 GB machine shared with the JVM.
shared_buffers = 1GB
effective_cache_size = 8GB
work_mem = 16MB
maintenance_work_mem = 256MB
random_page_cost = 1.1
effective_io_concurrency = 200
max_worker_processes = 24
max_parallel_workers = 2
max_parallel_workers_per_gather = 1
max_locks_per_transaction = 256

# Durability matters: every commit is flushed.
fsync = on
synchronous_commit = on
full_page_writes = on
wal_compression = lz4              # 'on' would mean pglz; lz4 is cheaper on 2 cores
max_wal_size = 2GB
min_wal_size = 256MB
checkpoint_completion_target = 0.9

# TimescaleDB (built without telemetry; the setting below is kept for clarity).
shared_preload_libraries = 'timescaledb'
timescaledb.telemetry_level = off
timescaledb.max_background_workers = 16

timezone = 'UTC'
log_timezone = 'UTC'
logging_collector = on
log_directory = '$PG_LOG'
log_filename = 'postgresql-%a.log'
log_rotation_age = 1d
log_truncate_on_rotation = on
log_line_prefix = '%m [%p] %q%u@%d '
log_min_duration_statement = 1000
CONF
    cat > "$PGDATA/pg_hba.conf" <<HBA
# Written by scripts/db.sh on every start: edit the script, not this file.
# TYPE  DATABASE  USER      ADDRESS       METHOD
local   all       postgres                peer
local   all       all                     scram-sha-256
host    all       all       127.0.0.1/32  scram-sha-256
HBA
    chown "$PG_OS_USER:" "$PGDATA/ccpulse.conf" "$PGDATA/pg_hba.conf"
}

init_cluster() {
    log "initdb in $PGDATA"
    install -d -o "$PG_OS_USER" -g "$PG_OS_USER" -m 700 "$PGDATA"
    as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres --encoding=UTF8 --locale=C.UTF-8 \
        --data-checksums --auth-local=peer --auth-host=scram-sha-256 >/dev/null
    echo "include 'ccpulse.conf'" >> "$PGDATA/postgresql.conf"
}

# psql as postgres over the unix socket; extra args go to psql.
admin_psql() {
    as_pg env PGOPTIONS="-c client_min_messages=warning" \
        "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_RUN" -p "$CCPULSE_PG_PORT" -U postgres "$@"
}

provision() {
    admin_psql -d postgres -v owner_pw="$CCPULSE_DB_PASSWORD" -v reader_pw="$CCPULSE_READER_PASSWORD" <<SQL
SELECT 'CREATE ROLE $CCPULSE_DB_OWNER' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$CCPULSE_DB_OWNER') \gexec
ALTER ROLE $CCPULSE_DB_OWNER WITH LOGIN CREATEDB NOSUPERUSER NOCREATEROLE PASSWORD :'owner_pw';
SELECT 'CREATE ROLE $CCPULSE_DB_READER' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$CCPULSE_DB_READER') \gexec
ALTER ROLE $CCPULSE_DB_READER WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'reader_pw';
ALTER ROLE $CCPULSE_DB_READER SET default_transaction_read_only = on;
SQL
    # Every database created later (the tests' throwaway ones) copies template1.
    admin_psql -d template1 -c "CREATE EXTENSION IF NOT EXISTS timescaledb"
    admin_psql -d postgres <<SQL
SELECT 'CREATE DATABASE $CCPULSE_DB_NAME OWNER $CCPULSE_DB_OWNER' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$CCPULSE_DB_NAME') \gexec
SQL
    admin_psql -d "$CCPULSE_DB_NAME" <<SQL
CREATE EXTENSION IF NOT EXISTS timescaledb;
GRANT CONNECT ON DATABASE $CCPULSE_DB_NAME TO $CCPULSE_DB_READER;
GRANT USAGE ON SCHEMA public TO $CCPULSE_DB_READER;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO $CCPULSE_DB_READER;
-- Tables, views and schemas the owner creates later are readable too.
ALTER DEFAULT PRIVILEGES FOR ROLE $CCPULSE_DB_OWNER GRANT SELECT ON TABLES TO $CCPULSE_DB_READER;
ALTER DEFAULT PRIVILEGES FOR ROLE $CCPULSE_DB_OWNER GRANT USAGE ON SCHEMAS TO $CCPULSE_DB_READER;
SQL
}

start() {
    require_root
    timescaledb_installed || "$CCPULSE_SCRIPTS/install-timescaledb.sh"
    install -d -m 755 "$CCPULSE_HOME"
    install -d -o "$PG_OS_USER" -g "$PG_OS_USER" -m 755 "$PG_DIR" "$PG_LOG" "$PG_RUN"
    [ -f "$PGDATA/PG_VERSION" ] || init_cluster
    write_config
    if is_running; then
        log "already running, reloading configuration"
        as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" reload >/dev/null
    else
        log "starting PostgreSQL on 127.0.0.1:$CCPULSE_PG_PORT"
        if ! as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PG_LOG/startup.log" -w -t 120 start >/dev/null; then
            tail -n 20 "$PG_LOG/startup.log" >&2 || true
            die "PostgreSQL did not start (logs in $PG_LOG)"
        fi
    fi
    for _ in $(seq 60); do
        "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$CCPULSE_PG_PORT" && break
        sleep 1
    done
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$CCPULSE_PG_PORT" || die "PostgreSQL is not accepting connections"
    provision
    log "ready: postgresql://$CCPULSE_DB_OWNER:***@127.0.0.1:$CCPULSE_PG_PORT/$CCPULSE_DB_NAME"
}

stop() {
    require_root
    if ! is_running; then
        log "not running"
        return 0
    fi
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w -t 120 stop >/dev/null
    log "stopped"
}

status() {
    if [ -f "$PGDATA/PG_VERSION" ] && is_running; then
        echo "running: 127.0.0.1:$CCPULSE_PG_PORT, pid $(head -n 1 "$PGDATA/postmaster.pid"), data $PGDATA"
    else
        echo "not running (data $PGDATA)"
        exit 3
    fi
}

run_psql() {
    if [ "${1:-}" = "--admin" ]; then
        shift
        admin_psql -d "$CCPULSE_DB_NAME" "$@"
    else
        PGPASSWORD=$CCPULSE_DB_PASSWORD exec "$PG_BIN/psql" -X -h 127.0.0.1 -p "$CCPULSE_PG_PORT" \
            -U "$CCPULSE_DB_OWNER" -d "$CCPULSE_DB_NAME" "$@"
    fi
}

[ $# -ge 1 ] || usage
cmd=$1
shift
case "$cmd" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    psql) run_psql "$@" ;;
    *) usage ;;
esac
