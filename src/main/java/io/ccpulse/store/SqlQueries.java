package io.ccpulse.store;

/** Every SQL statement of the ingest path, in one place. */
final class SqlQueries {

    private SqlQueries() {
    }

    /**
     * Claims the ids not seen before and stores those events, in one statement; returns the ids
     * stored. The parameters are the group's columns as arrays (ids unique within the group):
     * id, type, time, source, late, payload. One statement instead of a COPY into a temporary staging
     * table plus an INSERT..SELECT: one round trip less, no temporary table to truncate at every
     * commit, and less PostgreSQL CPU per event (see BENCHMARKS.md, "ingest path changes").
     * {@code ORDER BY id}: two writers claim overlapping ids in the same order, so they rarely deadlock.
     */
    static final String INSERT_NEW_EVENTS = "WITH input AS ("
            + " SELECT * FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::boolean[], ?::text[])"
            + " AS u(id, type, time, source, late, payload)),"
            + " fresh AS ("
            + " INSERT INTO event_ids (id, time) SELECT id, time FROM input ORDER BY id"
            + " ON CONFLICT (id) DO NOTHING RETURNING id)"
            + " INSERT INTO events (id, type, time, source, late, payload)"
            + " SELECT i.id, i.type, i.time, i.source, i.late, i.payload::jsonb"
            + " FROM input i JOIN fresh USING (id)"
            + " RETURNING id";
}
