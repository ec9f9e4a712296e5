#!/usr/bin/env bash
# init-db.sh - first-start initialisation of the compose TimescaleDB (docker-compose.yml mounts
# it into /docker-entrypoint-initdb.d/). Runs once, when the data volume is empty, as the
# superuser, after the image's own TimescaleDB scripts. Idempotent all the same.
#
# Creates, like scripts/db.sh does for the local cluster:
#   - $CCPULSE_DB_USER (default ccpulse): owns database ccpulse; the service logs in with it and
#     applies its migrations (Flyway) at start;
#   - ccpulse_reader: read-only (SELECT only, default_transaction_read_only), for Grafana;
#   - the timescaledb extension in database ccpulse (creating it needs the superuser).
# Passwords come from the container environment (.env): CCPULSE_DB_PASSWORD and
# CCPULSE_READER_PASSWORD.
set -euo pipefail

owner=${CCPULSE_DB_USER:-ccpulse}
: "${CCPULSE_DB_PASSWORD:?CCPULSE_DB_PASSWORD is not set (see .env.example)}"
: "${CCPULSE_READER_PASSWORD:?CCPULSE_READER_PASSWORD is not set (see .env.example)}"

psql_super() {
    PGOPTIONS="-c client_min_messages=warning" psql -v ON_ERROR_STOP=1 -X -q --username "${POSTGRES_USER:-postgres}" "$@"
}

psql_super --dbname postgres -v owner="$owner" -v owner_pw="$CCPULSE_DB_PASSWORD" \
    -v reader_pw="$CCPULSE_READER_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I', :'owner') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', :'owner', :'owner_pw') \gexec
SELECT 'CREATE ROLE ccpulse_reader' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ccpulse_reader') \gexec
SELECT format('ALTER ROLE ccpulse_reader WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', :'reader_pw') \gexec
ALTER ROLE ccpulse_reader SET default_transaction_read_only = on;
SELECT format('CREATE DATABASE ccpulse OWNER %I', :'owner') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'ccpulse') \gexec
SQL

psql_super --dbname ccpulse -v owner="$owner" <<'SQL'
CREATE EXTENSION IF NOT EXISTS timescaledb;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SELECT format('GRANT ALL ON SCHEMA public TO %I', :'owner') \gexec
GRANT CONNECT ON DATABASE ccpulse TO ccpulse_reader;
GRANT USAGE ON SCHEMA public TO ccpulse_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO ccpulse_reader;
-- Tables, views and schemas the service creates later (its migrations) are readable too.
SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I GRANT SELECT ON TABLES TO ccpulse_reader', :'owner') \gexec
SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I GRANT USAGE ON SCHEMAS TO ccpulse_reader', :'owner') \gexec
SQL

echo "init-db.sh: database ccpulse owned by $owner, read-only role ccpulse_reader, extension timescaledb"
