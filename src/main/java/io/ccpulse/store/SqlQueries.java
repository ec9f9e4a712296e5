package io.ccpulse.store;

/** Every SQL statement of the ingest path, in one place. */
final class SqlQueries {

    private SqlQueries() {
    }

    /** Per-connection staging table for COPY; temporary, so it writes no WAL. */
    static final String CREATE_STAGING = "CREATE TEMP TABLE IF NOT EXISTS ingest_staging ("
            + "id text, type text, time timestamptz, source text, late boolean, payload text) ON COMMIT DELETE ROWS";

    static final String COPY_STAGING = "COPY ingest_staging (id, type, time, source, late, payload) FROM STDIN";

    /** Claims the ids not seen before and stores those events; returns the ids stored. */
    static final String INSERT_NEW_EVENTS = "WITH fresh AS ("
            + " INSERT INTO event_ids (id, time) SELECT id, time FROM ingest_staging ORDER BY id"
            + " ON CONFLICT (id) DO NOTHING RETURNING id)"
            + " INSERT INTO events (id, type, time, source, late, payload)"
            + " SELECT s.id, s.type, s.time, s.source, s.late, s.payload::jsonb"
            + " FROM ingest_staging s JOIN fresh USING (id)"
            + " RETURNING id";
}
