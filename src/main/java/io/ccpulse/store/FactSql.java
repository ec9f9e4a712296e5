package io.ccpulse.store;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every SQL statement that writes facts and maintains the 15-minute roll-ups, in one place.
 *
 * <p>Write path: one statement per fact kind and batch. The facts come in as arrays
 * ({@code unnest}), are inserted with {@code ON CONFLICT DO NOTHING RETURNING ...}, and exactly the
 * returned rows (the facts this statement really inserted) are aggregated per bucket and added to the
 * roll-ups with {@code ON CONFLICT (key) DO UPDATE SET col = col + EXCLUDED.col}. A fact written twice
 * is returned once, so it is counted once.
 *
 * <p>Rebuild path: the same aggregation over the facts of a range instead of the inserted rows, after
 * deleting the range's roll-up rows.
 *
 * <p>Settings come in as a relation {@code s(queue, channel, short_ms, sl_ms, csat_min, frt_ms)} with
 * one row per queue of the batch (the empty string for "no queue") and channel, computed in Java
 * from {@code Settings.queue(name)} (see {@link RollupSettings}).
 */
final class FactSql {

    private FactSql() {
    }

    /** Serializes roll-up rebuilds against fact writes: writers take it shared, a rebuild exclusive. */
    static final long ROLLUP_LOCK = 0x63637075_6c736501L;

    static final String LOCK_SHARED = "SELECT pg_advisory_xact_lock_shared(" + ROLLUP_LOCK + ")";
    static final String LOCK_EXCLUSIVE = "SELECT pg_advisory_xact_lock(" + ROLLUP_LOCK + ")";

    private static final String BUCKET = "'15 minutes'";

    /** The settings relation, 6 array parameters. */
    private static final String SETTINGS_CTE = "s(queue, channel, short_ms, sl_ms, csat_min, frt_ms) AS ("
            + "SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::int[], ?::bigint[]))";

    // ------------------------------------------------------------------ fact inserts (array parameters)

    static final String INSERT_VISITS = "INSERT INTO queue_visits (contact, seq, queue, channel, direction,"
            + " customer, priority, queued_at, left_at, wait_ms, outcome, agent)"
            + " SELECT * FROM unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::timestamptz[], ?::timestamptz[], ?::bigint[], ?::text[], ?::text[])"
            + " ON CONFLICT DO NOTHING RETURNING queue, channel, left_at, wait_ms, outcome";

    static final String INSERT_SEGMENTS = "INSERT INTO handle_segments (contact, seq, agent, team, queue, channel,"
            + " direction, customer, answered_at, talk_end_at, acw_end_at, talk_ms, hold_ms, acw_ms, transferred,"
            + " resolved, disposition, acw_end)"
            + " SELECT * FROM unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::bigint[], ?::bigint[],"
            + " ?::bigint[], ?::boolean[], ?::boolean[], ?::text[], ?::text[])"
            + " ON CONFLICT DO NOTHING RETURNING agent, team, queue, channel, direction, acw_end_at, talk_ms, hold_ms,"
            + " acw_ms, transferred, resolved";

    static final String INSERT_STATES = "INSERT INTO agent_states (agent, team, state, reason, start_at, end_at)"
            + " SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[])"
            + " ON CONFLICT DO NOTHING RETURNING agent, team, state, reason, start_at, end_at";

    static final String INSERT_SURVEYS = "INSERT INTO surveys (event_id, contact, time, csat, nps, queue, channel,"
            + " agent, team)"
            + " SELECT * FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::smallint[], ?::smallint[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[])"
            + " ON CONFLICT DO NOTHING RETURNING time, csat, nps, queue, channel, agent, team";

    static final String INSERT_CONTACTS = "INSERT INTO contacts (contact, customer, direction, channel, entry_queue,"
            + " started_at, ended_at, answered, first_agent, first_team, last_resolved, first_response_ms)"
            + " SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],"
            + " ?::timestamptz[], ?::boolean[], ?::text[], ?::text[], ?::boolean[], ?::bigint[])"
            + " ON CONFLICT DO NOTHING RETURNING direction, channel, entry_queue, ended_at, first_response_ms";

    /** Claims late event ids (array parameter), with their time from event_ids. */
    static final String INSERT_LATE = "INSERT INTO late_events (id, time) SELECT i.id, i.time FROM event_ids i"
            + " WHERE i.id = ANY(?::text[]) ON CONFLICT DO NOTHING";

    // ------------------------------------------------------------------ sources of the rebuild (range parameters)

    /** from, to. */
    static final String RANGE_VISITS = "SELECT queue, channel, left_at, wait_ms, outcome FROM queue_visits"
            + " WHERE left_at >= ? AND left_at < ?";
    /** from, to. */
    static final String RANGE_SEGMENTS = "SELECT agent, team, queue, channel, direction, acw_end_at, talk_ms,"
            + " hold_ms, acw_ms, transferred, resolved FROM handle_segments WHERE acw_end_at >= ? AND acw_end_at < ?";
    /** to, from: spans that overlap [from, to). */
    static final String RANGE_STATES = "SELECT agent, team, state, reason, start_at, end_at FROM agent_states"
            + " WHERE start_at < ? AND end_at > ?";
    /** from, to. */
    static final String RANGE_SURVEYS = "SELECT time, csat, nps, queue, channel, agent, team FROM surveys"
            + " WHERE time >= ? AND time < ?";
    /** from, to. */
    static final String RANGE_CONTACTS = "SELECT direction, channel, entry_queue, ended_at, first_response_ms"
            + " FROM contacts WHERE ended_at >= ? AND ended_at < ?";

    /** The queues that have facts in a range (from, to five times), for the settings relation of a rebuild. */
    static final String RANGE_QUEUES = "SELECT queue FROM queue_visits WHERE left_at >= ? AND left_at < ?"
            + " UNION SELECT queue FROM handle_segments WHERE acw_end_at >= ? AND acw_end_at < ? AND queue IS NOT NULL"
            + " UNION SELECT queue FROM surveys WHERE time >= ? AND time < ? AND queue IS NOT NULL"
            + " UNION SELECT entry_queue FROM contacts WHERE ended_at >= ? AND ended_at < ? AND entry_queue IS NOT NULL";

    static final List<String> DELETE_RANGE = List.of(
            "DELETE FROM rollup_queue WHERE bucket >= ? AND bucket < ?",
            "DELETE FROM rollup_agent WHERE bucket >= ? AND bucket < ?",
            "DELETE FROM rollup_agent_away WHERE bucket >= ? AND bucket < ?");

    /** Roll-up rows of a range (from, to, from, to): queue rows, agent rows. */
    static final String COUNT_RANGE = "SELECT (SELECT count(*) FROM rollup_queue WHERE bucket >= ? AND bucket < ?),"
            + " (SELECT count(*) FROM rollup_agent WHERE bucket >= ? AND bucket < ?)";

    // ------------------------------------------------------------------ aggregation (roll-up upserts)

    private static final List<String> VISIT_COLUMNS = List.of("answered", "abandoned", "short_abandoned", "flowed_out",
            "blocked", "answered_in_threshold", "abandoned_in_threshold", "wait_answered_ms", "wait_abandoned_ms",
            "wait_short_abandoned_ms", "max_wait_ms", "waits_ms");

    /**
     * Visit counts and sums; the same classification as QueueTally.addVisit: short = abandoned with
     * wait &lt; short threshold; in threshold = wait &lt;= T; short abandons never count as abandoned in T.
     */
    private static final String VISIT_AGG = String.join(", ",
            "count(*) FILTER (WHERE v.outcome = 'answered')",
            "count(*) FILTER (WHERE v.outcome = 'abandoned' AND v.wait_ms >= s.short_ms)",
            "count(*) FILTER (WHERE v.outcome = 'abandoned' AND v.wait_ms < s.short_ms)",
            "count(*) FILTER (WHERE v.outcome = 'flowed_out')",
            "count(*) FILTER (WHERE v.outcome = 'blocked')",
            "count(*) FILTER (WHERE v.outcome = 'answered' AND v.wait_ms <= s.sl_ms)",
            "count(*) FILTER (WHERE v.outcome = 'abandoned' AND v.wait_ms >= s.short_ms AND v.wait_ms <= s.sl_ms)",
            "coalesce(sum(v.wait_ms) FILTER (WHERE v.outcome = 'answered'), 0)::bigint",
            "coalesce(sum(v.wait_ms) FILTER (WHERE v.outcome = 'abandoned' AND v.wait_ms >= s.short_ms), 0)::bigint",
            "coalesce(sum(v.wait_ms) FILTER (WHERE v.outcome = 'abandoned' AND v.wait_ms < s.short_ms), 0)::bigint",
            "coalesce(max(v.wait_ms) FILTER (WHERE v.outcome IN ('answered', 'abandoned')), -1)",
            "coalesce(array_agg(v.wait_ms ORDER BY v.wait_ms) FILTER (WHERE v.outcome IN ('answered', 'abandoned')),"
                    + " '{}')");

    private static final List<String> SEGMENT_COLUMNS = List.of("segments", "talk_ms", "hold_ms", "acw_ms",
            "transferred", "wrapped_with_flag", "resolved_true", "outbound_segments");

    private static final String SEGMENT_AGG = String.join(", ",
            "count(*)",
            "sum(h.talk_ms)::bigint",
            "sum(h.hold_ms)::bigint",
            "sum(h.acw_ms)::bigint",
            "count(*) FILTER (WHERE h.transferred)",
            "count(*) FILTER (WHERE h.resolved IS NOT NULL)",
            "count(*) FILTER (WHERE h.resolved)",
            "count(*) FILTER (WHERE h.direction = 'outbound')");

    private static final List<String> SURVEY_COLUMNS = List.of("surveys", "csat_responses", "csat_positive", "csat_sum",
            "nps_responses", "promoters", "detractors");

    private static final String SURVEY_AGG = String.join(", ",
            "count(*)",
            "count(f.csat)",
            "count(*) FILTER (WHERE f.csat >= s.csat_min)",
            "coalesce(sum(f.csat), 0)::bigint",
            "count(f.nps)",
            "count(*) FILTER (WHERE f.nps >= 9)",
            "count(*) FILTER (WHERE f.nps <= 6)");

    private static final List<String> CONTACT_COLUMNS = List.of("first_responses", "first_response_ms",
            "first_responses_within_target", "inbound_contacts", "first_responses_ms");

    private static final String CONTACT_AGG = String.join(", ",
            "count(c.first_response_ms)",
            "coalesce(sum(c.first_response_ms), 0)::bigint",
            "count(*) FILTER (WHERE c.first_response_ms <= s.frt_ms)",
            "count(*) FILTER (WHERE c.direction = 'inbound')",
            "coalesce(array_agg(c.first_response_ms ORDER BY c.first_response_ms)"
                    + " FILTER (WHERE c.first_response_ms IS NOT NULL), '{}')");

    private static final List<String> STATE_COLUMNS = List.of("available_ms", "ringing_ms", "on_contact_ms",
            "acw_state_ms", "away_ms");

    private static final String STATE_AGG = String.join(", ",
            "coalesce(sum(ms) FILTER (WHERE state = 'available'), 0)::bigint",
            "coalesce(sum(ms) FILTER (WHERE state = 'ringing'), 0)::bigint",
            "coalesce(sum(ms) FILTER (WHERE state = 'on_contact'), 0)::bigint",
            "coalesce(sum(ms) FILTER (WHERE state = 'acw'), 0)::bigint",
            "coalesce(sum(ms) FILTER (WHERE state = 'away'), 0)::bigint");

    /**
     * The value columns of rollup_queue (waits of the visits that count in the wait statistics, first
     * response times), kept sorted: the same facts give the same row whatever the batches.
     */
    private static final List<String> ARRAY_COLUMNS = List.of("waits_ms", "first_responses_ms");

    /** Two sorted arrays merged into one sorted array. */
    private static final String MERGE_SORTED = "CASE WHEN cardinality(%2$s) = 0 THEN %1$s"
            + " ELSE (SELECT array_agg(x ORDER BY x) FROM unnest(%1$s || %2$s) x) END";

    private static String upsert(String table, String key, List<String> columns) {
        String set = columns.stream()
                .map(c -> c.equals("max_wait_ms")
                        ? c + " = GREATEST(" + table + "." + c + ", EXCLUDED." + c + ")"
                        : ARRAY_COLUMNS.contains(c) ? c + " = " + MERGE_SORTED.formatted(table + "." + c, "EXCLUDED." + c)
                        : c + " = " + table + "." + c + " + EXCLUDED." + c)
                .collect(Collectors.joining(", "));
        return " ON CONFLICT (" + key + ") DO UPDATE SET " + set;
    }

    private static String cols(List<String> columns) {
        return String.join(", ", columns);
    }

    /** Visits of {@code source} (settings params first, then the source's) into rollup_queue. */
    static String visits(String source) {
        return "WITH " + SETTINGS_CTE + ", v AS (" + source + ")"
                + " INSERT INTO rollup_queue (bucket, queue, channel, " + cols(VISIT_COLUMNS) + ")"
                + " SELECT time_bucket(" + BUCKET + ", v.left_at), v.queue, v.channel, " + VISIT_AGG
                + " FROM v JOIN s ON s.queue = v.queue AND s.channel = v.channel GROUP BY 1, 2, 3"
                + upsert("rollup_queue", "bucket, queue, channel", VISIT_COLUMNS);
    }

    /** Segments of {@code source} (the source's params only) into rollup_queue (with a queue) and rollup_agent. */
    static String segments(String source) {
        return "WITH h AS (" + source + "),"
                + " q AS (INSERT INTO rollup_queue (bucket, queue, channel, " + cols(SEGMENT_COLUMNS) + ")"
                + " SELECT time_bucket(" + BUCKET + ", h.acw_end_at), h.queue, h.channel, " + SEGMENT_AGG
                + " FROM h WHERE h.queue IS NOT NULL GROUP BY 1, 2, 3"
                + upsert("rollup_queue", "bucket, queue, channel", SEGMENT_COLUMNS) + " RETURNING 1)"
                + " INSERT INTO rollup_agent (bucket, agent, team, " + cols(SEGMENT_COLUMNS) + ")"
                + " SELECT time_bucket(" + BUCKET + ", h.acw_end_at), h.agent, coalesce(h.team, ''), " + SEGMENT_AGG
                + " FROM h GROUP BY 1, 2, 3"
                + upsert("rollup_agent", "bucket, agent, team", SEGMENT_COLUMNS);
    }

    /** Surveys of {@code source} (settings params first) into rollup_queue (with queue and channel) and rollup_agent. */
    static String surveys(String source) {
        return "WITH " + SETTINGS_CTE + ", f0 AS (" + source + "),"
                + " f AS (SELECT f0.*, s.csat_min FROM f0 JOIN s ON s.queue = coalesce(f0.queue, '')"
                + " AND s.channel = 'voice'),"
                + " q AS (INSERT INTO rollup_queue (bucket, queue, channel, " + cols(SURVEY_COLUMNS) + ")"
                + " SELECT time_bucket(" + BUCKET + ", f.time), f.queue, f.channel, " + SURVEY_AGG.replace("s.csat_min",
                "f.csat_min")
                + " FROM f WHERE f.queue IS NOT NULL AND f.channel IS NOT NULL GROUP BY 1, 2, 3"
                + upsert("rollup_queue", "bucket, queue, channel", SURVEY_COLUMNS) + " RETURNING 1)"
                + " INSERT INTO rollup_agent (bucket, agent, team, " + cols(SURVEY_COLUMNS) + ")"
                + " SELECT time_bucket(" + BUCKET + ", f.time), f.agent, coalesce(f.team, ''), "
                + SURVEY_AGG.replace("s.csat_min", "f.csat_min")
                + " FROM f WHERE f.agent IS NOT NULL GROUP BY 1, 2, 3"
                + upsert("rollup_agent", "bucket, agent, team", SURVEY_COLUMNS);
    }

    /** Contacts of {@code source} (settings params first) into rollup_queue of their entry queue. */
    static String contacts(String source) {
        return "WITH " + SETTINGS_CTE + ", c AS (" + source + ")"
                + " INSERT INTO rollup_queue (bucket, queue, channel, " + cols(CONTACT_COLUMNS) + ")"
                + " SELECT time_bucket(" + BUCKET + ", c.ended_at), c.entry_queue, c.channel, " + CONTACT_AGG
                + " FROM c JOIN s ON s.queue = c.entry_queue AND s.channel = c.channel"
                + " WHERE c.entry_queue IS NOT NULL AND c.channel IS NOT NULL GROUP BY 1, 2, 3"
                + upsert("rollup_queue", "bucket, queue, channel", CONTACT_COLUMNS);
    }

    /**
     * Agent state spans of {@code source}, split across the 15-minute buckets they span, into
     * rollup_agent and rollup_agent_away. With {@code clamp}, two more parameters (from, to) keep only
     * the buckets inside [from, to) (a rebuild of a range).
     */
    static String states(String source, boolean clamp) {
        return "WITH sp AS (" + source + "),"
                + " split AS (SELECT b AS bucket, sp.agent, coalesce(sp.team, '') AS team, sp.state,"
                + " coalesce(sp.reason, '') AS reason,"
                + " (extract(epoch FROM least(sp.end_at, b + interval " + BUCKET + ") - greatest(sp.start_at, b))"
                + " * 1000)::bigint AS ms"
                + " FROM sp, generate_series(time_bucket(" + BUCKET + ", sp.start_at), sp.end_at, interval " + BUCKET
                + ") AS b WHERE b < sp.end_at AND sp.end_at > sp.start_at"
                + (clamp ? " AND b >= ? AND b < ?" : "") + "),"
                + " aw AS (INSERT INTO rollup_agent_away (bucket, agent, team, reason, away_ms)"
                + " SELECT bucket, agent, team, reason, sum(ms)::bigint FROM split WHERE state = 'away'"
                + " GROUP BY 1, 2, 3, 4"
                + " ON CONFLICT (bucket, agent, team, reason) DO UPDATE SET away_ms = rollup_agent_away.away_ms"
                + " + EXCLUDED.away_ms RETURNING 1)"
                + " INSERT INTO rollup_agent (bucket, agent, team, " + cols(STATE_COLUMNS) + ")"
                + " SELECT bucket, agent, team, " + STATE_AGG + " FROM split GROUP BY 1, 2, 3"
                + upsert("rollup_agent", "bucket, agent, team", STATE_COLUMNS);
    }

    static final String WRITE_VISITS = visits(INSERT_VISITS);
    static final String WRITE_SEGMENTS = segments(INSERT_SEGMENTS);
    static final String WRITE_STATES = states(INSERT_STATES, false);
    static final String WRITE_SURVEYS = surveys(INSERT_SURVEYS);
    static final String WRITE_CONTACTS = contacts(INSERT_CONTACTS);

    static final String REBUILD_VISITS = visits(RANGE_VISITS);
    static final String REBUILD_SEGMENTS = segments(RANGE_SEGMENTS);
    static final String REBUILD_STATES = states(RANGE_STATES, true);
    static final String REBUILD_SURVEYS = surveys(RANGE_SURVEYS);
    static final String REBUILD_CONTACTS = contacts(RANGE_CONTACTS);

    /**
     * The newest version of a ticket (TicketWriter): inserted, or replacing the stored row only when its
     * version is higher.
     */
    static final String UPSERT_TICKET = "INSERT INTO tickets (ticket, created_at, version, updated_at, queue, priority,"
            + " category, complaint, customer, first_response_due, resolution_due, agent, agent_team, first_response_at,"
            + " first_response_agent, escalations, level, first_escalated_at, resolved_at, resolved_by, resolutions,"
            + " reopens, first_reopened_at, response_sla, response_sla_at, resolution_sla, resolution_sla_at)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            + " ON CONFLICT (ticket, created_at) DO UPDATE SET version = EXCLUDED.version,"
            + " updated_at = EXCLUDED.updated_at, agent = EXCLUDED.agent, agent_team = EXCLUDED.agent_team,"
            + " first_response_at = EXCLUDED.first_response_at, first_response_agent = EXCLUDED.first_response_agent,"
            + " escalations = EXCLUDED.escalations, level = EXCLUDED.level,"
            + " first_escalated_at = EXCLUDED.first_escalated_at, resolved_at = EXCLUDED.resolved_at,"
            + " resolved_by = EXCLUDED.resolved_by, resolutions = EXCLUDED.resolutions, reopens = EXCLUDED.reopens,"
            + " first_reopened_at = EXCLUDED.first_reopened_at, response_sla = EXCLUDED.response_sla,"
            + " response_sla_at = EXCLUDED.response_sla_at, resolution_sla = EXCLUDED.resolution_sla,"
            + " resolution_sla_at = EXCLUDED.resolution_sla_at"
            + " WHERE tickets.version < EXCLUDED.version";
}
