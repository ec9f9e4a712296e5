package io.ccpulse.store;

/**
 * Every SQL statement of the reporting API, in one place.
 *
 * <p>Periods come in as a sorted array of period starts; {@code width_bucket(t, starts)} gives the
 * 1-based period of a time (rows are restricted to [from, to) as well). Filters come in through a
 * one-row relation {@code f}, a null array meaning "no filter". Totals use {@code GROUPING SETS}:
 * their period index is null.
 */
final class ReportSql {

    private ReportSql() {
    }

    /** Sum columns of rollup_queue, in QueueSums order (max_wait_ms by max). */
    static final String QUEUE_SUMS = String.join(", ",
            "sum(r.answered)", "sum(r.abandoned)", "sum(r.short_abandoned)", "sum(r.flowed_out)", "sum(r.blocked)",
            "sum(r.answered_in_threshold)", "sum(r.abandoned_in_threshold)", "sum(r.wait_answered_ms)",
            "sum(r.wait_abandoned_ms)", "sum(r.wait_short_abandoned_ms)", "max(r.max_wait_ms)", "sum(r.segments)",
            "sum(r.talk_ms)", "sum(r.hold_ms)", "sum(r.acw_ms)", "sum(r.transferred)", "sum(r.wrapped_with_flag)",
            "sum(r.resolved_true)", "sum(r.outbound_segments)", "sum(r.first_responses)", "sum(r.first_response_ms)",
            "sum(r.first_responses_within_target)", "sum(r.surveys)", "sum(r.csat_responses)",
            "sum(r.csat_positive)", "sum(r.csat_sum)", "sum(r.nps_responses)", "sum(r.promoters)",
            "sum(r.detractors)", "sum(r.inbound_contacts)", "sum(r.fcr_resolved)", "sum(r.fcr_closed)",
            "ccpulse_array_cat(r.waits_ms)", "ccpulse_array_cat(r.first_responses_ms)");

    /**
     * Number of sum columns in {@link #QUEUE_SUMS} before the two settled FCR columns (resolved, closed)
     * and the two value arrays (waits, first response times; unsorted concatenations of sorted arrays).
     */
    static final int QUEUE_SUM_COLUMNS = 30;

    /** Params: period starts, queues, channels, from, to. Columns: idx, queue, channel, sums, settled FCR, arrays. */
    static final String QUEUE_ROLLUPS = "WITH f(periods, queues, channels) AS (SELECT ?::timestamptz[], ?::text[],"
            + " ?::text[])"
            + " SELECT width_bucket(r.bucket, f.periods) AS idx, r.queue, r.channel, " + QUEUE_SUMS
            + " FROM rollup_queue r, f WHERE r.bucket >= ? AND r.bucket < ?"
            + " AND (f.queues IS NULL OR r.queue = ANY(f.queues)) AND (f.channels IS NULL OR r.channel = ANY(f.channels))"
            + " GROUP BY 1, 2, 3";

    /** Sum columns of rollup_agent (state ms, then segments and surveys in AgentSums order, then settled FCR). */
    static final String AGENT_SUMS = String.join(", ",
            "sum(r.available_ms)", "sum(r.ringing_ms)", "sum(r.on_contact_ms)", "sum(r.acw_state_ms)",
            "sum(r.away_ms)", "sum(r.segments)", "sum(r.talk_ms)", "sum(r.hold_ms)", "sum(r.acw_ms)",
            "sum(r.transferred)", "sum(r.wrapped_with_flag)", "sum(r.resolved_true)", "sum(r.outbound_segments)",
            "sum(r.surveys)", "sum(r.csat_responses)", "sum(r.csat_positive)", "sum(r.csat_sum)",
            "sum(r.nps_responses)", "sum(r.promoters)", "sum(r.detractors)", "sum(r.fcr_resolved)",
            "sum(r.fcr_closed)");

    /** Number of sum columns in {@link #AGENT_SUMS} before the two settled FCR columns (resolved, closed). */
    static final int AGENT_SUM_COLUMNS = 20;

    /**
     * Params: period starts, agents, teams, from, to. Columns: idx, agent ('' when grouped by team),
     * team, sums. {@code %s} is the agent expression: {@code r.agent} or {@code ''}.
     */
    static final String AGENT_ROLLUPS = "WITH f(periods, agents, teams) AS (SELECT ?::timestamptz[], ?::text[],"
            + " ?::text[])"
            + " SELECT width_bucket(r.bucket, f.periods) AS idx, %s AS agent, r.team, " + AGENT_SUMS
            + " FROM rollup_agent r, f WHERE r.bucket >= ? AND r.bucket < ?"
            + " AND (f.agents IS NULL OR r.agent = ANY(f.agents)) AND (f.teams IS NULL OR r.team = ANY(f.teams))"
            + " GROUP BY 1, 2, 3";

    /** Same params as {@link #AGENT_ROLLUPS}. Columns: idx, agent, team, reason, away ms. */
    static final String AGENT_AWAY = "WITH f(periods, agents, teams) AS (SELECT ?::timestamptz[], ?::text[],"
            + " ?::text[])"
            + " SELECT width_bucket(r.bucket, f.periods) AS idx, %s AS agent, r.team, r.reason, sum(r.away_ms)"
            + " FROM rollup_agent_away r, f WHERE r.bucket >= ? AND r.bucket < ?"
            + " AND (f.agents IS NULL OR r.agent = ANY(f.agents)) AND (f.teams IS NULL OR r.team = ANY(f.teams))"
            + " GROUP BY 1, 2, 3, 4";

    /**
     * The FCR settings relations: {@code fs} (queue, window_ms, same_queue) of the configured queues and
     * {@code d} (window_ms, same_queue) of the defaults. Params: queue[], window_ms[], same_queue[],
     * default window ms, default same_queue.
     */
    static final String FCR_SETTINGS = "fs(queue, window_ms, same_queue) AS (SELECT * FROM unnest(?::text[],"
            + " ?::bigint[], ?::boolean[])),"
            + " d(window_ms, same_queue) AS (SELECT ?::bigint, ?::boolean)";

    /** The eligible contacts c (answered, inbound, with a customer): the predicate of contacts_fcr_unsettled. */
    static final String FCR_ELIGIBLE = "c.direction <> 'outbound' AND c.customer IS NOT NULL AND c.answered";

    /** Window end and scope of contact c, from the settings relations fs (left-joined on its entry queue) and d. */
    static final String FCR_WINDOW = "c.ended_at + coalesce(fs.window_ms, d.window_ms) * interval '1 millisecond'"
            + " AS window_end, coalesce(fs.same_queue, d.same_queue) AS same_queue";

    /**
     * True when eligible contact e (contact, customer, entry_queue, ended_at, window_end, same_queue) has
     * a repeat: the same customer started another inbound contact (any outcome; same entry queue with
     * scope same_queue) with {@code ended_at <= start <= window_end}. A contact's start is its contacts
     * row's started_at or, for a contact not over yet, its first queue visit's queued_at (the same
     * instant). Each probes the indexes (customer, start) and stops at the first repeat.
     */
    static final String FCR_REPEAT = "EXISTS (SELECT 1 FROM contacts o WHERE o.customer = e.customer"
            + " AND o.started_at >= e.ended_at AND o.started_at <= e.window_end AND o.ended_at >= e.ended_at"
            + " AND o.contact <> e.contact AND o.direction <> 'outbound'"
            + " AND (NOT e.same_queue OR o.entry_queue IS NOT DISTINCT FROM e.entry_queue))"
            + " OR EXISTS (SELECT 1 FROM queue_visits v WHERE v.customer = e.customer AND v.seq = 1"
            + " AND v.queued_at >= e.ended_at AND v.queued_at <= e.window_end AND v.left_at >= e.ended_at"
            + " AND v.contact <> e.contact AND v.direction <> 'outbound'"
            + " AND (NOT e.same_queue OR v.queue IS NOT DISTINCT FROM e.entry_queue))";

    /**
     * First-contact resolution (METRICS.md "FCR") of the eligible contacts (answered, inbound, with a
     * customer) that ended in [from, to) and are <b>not settled yet</b> (fcr_resolved null; index
     * contacts_fcr_unsettled), as of a given time: pending while {@code as_of < ended_at + window}; else
     * not resolved when its last wrap said resolved: false or it has a repeat ({@link #FCR_REPEAT}); else
     * resolved. The settled contacts (FcrSettler) are counted in the roll-ups' fcr_resolved and
     * fcr_closed, read with the sums ({@link #QUEUE_SUMS}, {@link #AGENT_SUMS}) in the same transaction.
     *
     * <p>{@code %1$s} is the selected key list (two columns, e.g. {@code st.entry_queue, st.channel}),
     * {@code %2$s} the grouping key list, {@code %3$s} an extra filter on the eligible contacts.
     * Params: settings ({@link #FCR_SETTINGS}), period starts, filter a[], filter b[], from, to, as_of.
     * Columns: idx (null for totals), key columns, resolved, closed, pending.
     */
    static final String FCR = "WITH " + FCR_SETTINGS + ","
            + " f(periods, a, b, from_t, to_t, as_of) AS (SELECT ?::timestamptz[], ?::text[], ?::text[],"
            + " ?::timestamptz, ?::timestamptz, ?::timestamptz),"
            + " e AS (SELECT c.contact, c.customer, c.entry_queue, c.channel, c.ended_at, c.last_resolved,"
            + " coalesce(c.first_agent, '') AS first_agent, coalesce(c.first_team, '') AS first_team, "
            + FCR_WINDOW + ", f.as_of"
            + " FROM contacts c CROSS JOIN d CROSS JOIN f LEFT JOIN fs ON fs.queue = c.entry_queue"
            + " WHERE c.ended_at >= f.from_t AND c.ended_at < f.to_t AND c.fcr_resolved IS NULL AND " + FCR_ELIGIBLE
            + " %3$s),"
            + " st AS (SELECT e.*, CASE"
            + " WHEN e.as_of < e.window_end THEN 'pending'"
            + " WHEN e.last_resolved IS FALSE THEN 'not_resolved'"
            + " WHEN " + FCR_REPEAT
            + " THEN 'not_resolved' ELSE 'resolved' END AS status FROM e)"
            + " SELECT width_bucket(st.ended_at, (SELECT periods FROM f)) AS idx, %1$s,"
            + " count(*) FILTER (WHERE status = 'resolved'),"
            + " count(*) FILTER (WHERE status <> 'pending'),"
            + " count(*) FILTER (WHERE status = 'pending')"
            + " FROM st GROUP BY GROUPING SETS ((1, %2$s), (%2$s))";

    /**
     * Settles the FCR status of the eligible contacts that ended in [from, to) and whose window ended at
     * or before the horizon (FcrSettler): status on the contact (fcr_resolved), counts into rollup_queue
     * (bucket of ended_at, entry queue, channel) and rollup_agent (first agent, first team or ''), in
     * one statement. Contacts without entry queue, channel or first agent are left to the reports'
     * computation from the facts. Params: settings ({@link #FCR_SETTINGS}), from, to, horizon, shortest
     * window ms (bounds the index scan), from, to (again, for the update's chunk exclusion). Columns:
     * settled, of which resolved.
     */
    static final String FCR_SETTLE = "WITH " + FCR_SETTINGS + ","
            + " f(from_t, to_t, horizon, min_window_ms) AS (SELECT ?::timestamptz, ?::timestamptz, ?::timestamptz,"
            + " ?::bigint),"
            + " e AS (SELECT c.contact, c.customer, c.entry_queue, c.channel, c.ended_at, c.last_resolved,"
            + " c.first_agent, coalesce(c.first_team, '') AS first_team, " + FCR_WINDOW
            + " FROM contacts c CROSS JOIN d CROSS JOIN f LEFT JOIN fs ON fs.queue = c.entry_queue"
            + " WHERE c.ended_at >= f.from_t AND c.ended_at < f.to_t"
            + " AND c.ended_at <= f.horizon - f.min_window_ms * interval '1 millisecond'"
            + " AND c.fcr_resolved IS NULL AND " + FCR_ELIGIBLE
            + " AND c.entry_queue IS NOT NULL AND c.channel IS NOT NULL AND c.first_agent IS NOT NULL),"
            + " st AS (SELECT e.contact, e.ended_at, e.entry_queue, e.channel, e.first_agent, e.first_team,"
            + " NOT (e.last_resolved IS FALSE OR " + FCR_REPEAT + ") AS resolved"
            + " FROM e, f WHERE e.window_end <= f.horizon),"
            + " u AS (UPDATE contacts c SET fcr_resolved = st.resolved FROM st"
            + " WHERE c.contact = st.contact AND c.ended_at = st.ended_at AND c.fcr_resolved IS NULL"
            + " AND c.ended_at >= ? AND c.ended_at < ?"
            + " RETURNING st.ended_at, st.entry_queue, st.channel, st.first_agent, st.first_team, st.resolved),"
            + " q AS (INSERT INTO rollup_queue (bucket, queue, channel, fcr_resolved, fcr_closed)"
            + " SELECT time_bucket('15 minutes', u.ended_at), u.entry_queue, u.channel,"
            + " count(*) FILTER (WHERE u.resolved), count(*) FROM u GROUP BY 1, 2, 3"
            + " ON CONFLICT (bucket, queue, channel) DO UPDATE SET"
            + " fcr_resolved = rollup_queue.fcr_resolved + EXCLUDED.fcr_resolved,"
            + " fcr_closed = rollup_queue.fcr_closed + EXCLUDED.fcr_closed RETURNING 1),"
            + " a AS (INSERT INTO rollup_agent (bucket, agent, team, fcr_resolved, fcr_closed)"
            + " SELECT time_bucket('15 minutes', u.ended_at), u.first_agent, u.first_team,"
            + " count(*) FILTER (WHERE u.resolved), count(*) FROM u GROUP BY 1, 2, 3"
            + " ON CONFLICT (bucket, agent, team) DO UPDATE SET"
            + " fcr_resolved = rollup_agent.fcr_resolved + EXCLUDED.fcr_resolved,"
            + " fcr_closed = rollup_agent.fcr_closed + EXCLUDED.fcr_closed RETURNING 1)"
            + " SELECT count(*), count(*) FILTER (WHERE resolved) FROM u";

    /** The oldest settleable contact not settled yet that ended at or before a time (param), or null. */
    static final String FCR_OLDEST_UNSETTLED = "SELECT min(c.ended_at) FROM contacts c WHERE c.fcr_resolved IS NULL"
            + " AND " + FCR_ELIGIBLE + " AND c.ended_at <= ?"
            + " AND c.entry_queue IS NOT NULL AND c.channel IS NOT NULL AND c.first_agent IS NOT NULL";

    /** The stored settle horizon (one row, or none before the first settle run). */
    static final String FCR_HORIZON = "SELECT horizon FROM fcr_settle";

    /** Moves the stored horizon forward to the param (never back). */
    static final String FCR_ADVANCE = "INSERT INTO fcr_settle (id, horizon) VALUES (true, ?)"
            + " ON CONFLICT (id) DO UPDATE SET horizon = greatest(fcr_settle.horizon, EXCLUDED.horizon)";

    /** Un-settles the contacts that ended in [from, to) (a rebuild, which has deleted their roll-ups). */
    static final String FCR_UNSETTLE = "UPDATE contacts SET fcr_resolved = NULL WHERE ended_at >= ? AND ended_at < ?"
            + " AND fcr_resolved IS NOT NULL";

    /**
     * The queue visits behind a number. {@code %s} is the order/keyset clause. Params: settings
     * (queue[], short_ms[]), default short ms, queues[], channels[], outcome, agents[], from, to.
     * outcome: answered, abandoned (short excluded), short_abandoned, flowed_out, blocked, or null.
     */
    static final String CONTACTS_FROM = " FROM queue_visits v"
            + " CROSS JOIN (SELECT ?::text[] AS queues, ?::bigint[] AS short_ms, ?::bigint AS def_short_ms,"
            + " ?::text[] AS fq, ?::text[] AS fc, ?::text AS outcome, ?::text[] AS fa,"
            + " ?::timestamptz AS from_t, ?::timestamptz AS to_t) f"
            + " CROSS JOIN LATERAL (SELECT coalesce((SELECT x.s FROM unnest(f.queues, f.short_ms) AS x(q, s)"
            + " WHERE x.q = v.queue), f.def_short_ms) AS short_ms) t"
            + " CROSS JOIN LATERAL (SELECT CASE WHEN v.outcome = 'abandoned' AND v.wait_ms < t.short_ms"
            + " THEN 'short_abandoned' ELSE v.outcome END AS kind) k"
            + " WHERE v.left_at >= f.from_t AND v.left_at < f.to_t"
            + " AND (f.fq IS NULL OR v.queue = ANY(f.fq)) AND (f.fc IS NULL OR v.channel = ANY(f.fc))"
            + " AND (f.fa IS NULL OR v.agent = ANY(f.fa)) AND (f.outcome IS NULL OR k.kind = f.outcome)";

    static final String CONTACTS_COUNT = "SELECT count(*)" + CONTACTS_FROM;

    /** Columns of a contact row. Then: keyset (3 params: left_at, contact, seq) or nothing; limit; offset. */
    static final String CONTACTS_PAGE = "SELECT v.contact, v.seq, v.queue, v.channel, v.direction, v.customer,"
            + " v.priority, v.queued_at, v.left_at, v.wait_ms, k.kind, v.agent" + CONTACTS_FROM + " %s"
            + " ORDER BY v.left_at, v.contact, v.seq LIMIT ? OFFSET ?";

    static final String CONTACTS_AFTER = " AND (v.left_at, v.contact, v.seq) > (?::timestamptz, ?::text, ?::int)";
}
