package io.ccpulse.store;

/**
 * Every SQL statement of the ticket and scorecard reports, in one place. Periods come in as a sorted
 * array of period starts; {@code width_bucket(t, starts)} gives the 1-based period of a time (rows are
 * restricted to [from, to) too). A null filter array means "no filter".
 *
 * <p>Each ticket counts at its own time per KPI (docs/DESIGN.md "TicketFact"): created, complaints,
 * escalated and reopened at {@code created_at}, first responses at {@code first_response_at}, the last
 * resolution at {@code resolved_at} (null while open), SLA outcomes at their decision times. One part per
 * time column, each an index range scan, added up by the caller.
 */
final class TicketReportSql {

    private TicketReportSql() {
    }

    private static final String MS = "(extract(epoch FROM (%s - t.created_at)) * 1000)::bigint";

    /** {@code %1$s}: the series expression (t.queue or t.agent); {@code %2$s}: the time column. */
    private static final String PART = " SELECT width_bucket(t.%2$s, f.periods) AS idx, %1$s AS k, %3$s"
            + " FROM tickets t, f WHERE t.%2$s >= f.t_from AND t.%2$s < f.t_to"
            + " AND (f.keys IS NULL OR %1$s = ANY(f.keys)) AND %1$s IS NOT NULL"
            + " AND (f.queues IS NULL OR t.queue = ANY(f.queues)) GROUP BY 1, 2";

    private static final String ZERO2 = "0::bigint, 0::bigint";

    /**
     * Params: period starts, keys (queues or agents; null = all), queues (null = all), from, to.
     * Columns: idx, key, then the 12 {@code TicketTally} counts in the order of {@code TicketTally.of}.
     * {@code %s}: the series expression, {@code t.queue} or {@code t.agent}.
     */
    static String tallies(String series) {
        String created = String.format(PART, series, "created_at", "count(*), count(*) FILTER (WHERE t.complaint),"
                + " count(*) FILTER (WHERE t.escalations > 0), count(*) FILTER (WHERE t.reopens > 0), "
                + ZERO2 + ", " + ZERO2 + ", " + ZERO2 + ", " + ZERO2);
        String responded = String.format(PART, series, "first_response_at", ZERO2 + ", " + ZERO2
                + ", count(*), sum(" + String.format(MS, "t.first_response_at") + ")::bigint, " + ZERO2 + ", "
                + ZERO2 + ", " + ZERO2);
        String resolved = String.format(PART, series, "resolved_at", ZERO2 + ", " + ZERO2 + ", " + ZERO2
                + ", count(*), sum(" + String.format(MS, "t.resolved_at") + ")::bigint, " + ZERO2 + ", " + ZERO2);
        String responseSla = String.format(PART, series, "response_sla_at", ZERO2 + ", " + ZERO2 + ", " + ZERO2
                + ", " + ZERO2 + ", count(*) FILTER (WHERE t.response_sla = 'met'),"
                + " count(*) FILTER (WHERE t.response_sla = 'breached'), " + ZERO2);
        String resolutionSla = String.format(PART, series, "resolution_sla_at", ZERO2 + ", " + ZERO2 + ", "
                + ZERO2 + ", " + ZERO2 + ", " + ZERO2 + ", count(*) FILTER (WHERE t.resolution_sla = 'met'),"
                + " count(*) FILTER (WHERE t.resolution_sla = 'breached')");
        return "WITH f(periods, keys, queues, t_from, t_to) AS (SELECT ?::timestamptz[], ?::text[], ?::text[],"
                + " ?::timestamptz, ?::timestamptz)"
                + created + " UNION ALL" + responded + " UNION ALL" + resolved + " UNION ALL" + responseSla
                + " UNION ALL" + resolutionSla;
    }

    /** Params: period starts, queues (null = all), from, to. Columns: idx, entry queue, inbound contacts that ended. */
    static final String INBOUND_CONTACTS = "WITH f(periods, queues) AS (SELECT ?::timestamptz[], ?::text[])"
            + " SELECT width_bucket(c.ended_at, f.periods), c.entry_queue, count(*) FROM contacts c, f"
            + " WHERE c.ended_at >= ? AND c.ended_at < ? AND c.direction = 'inbound' AND c.entry_queue IS NOT NULL"
            + " AND (f.queues IS NULL OR c.entry_queue = ANY(f.queues)) GROUP BY 1, 2";

    /**
     * The team of each ticket agent: the agent_team of the agent's most recently changed ticket of the range.
     * Params: from, to (created before to, changed at or after from). Columns: agent, team (null when unknown).
     */
    static final String AGENT_TEAMS = "SELECT DISTINCT ON (t.agent) t.agent, t.agent_team FROM tickets t"
            + " WHERE t.agent IS NOT NULL AND t.created_at < ? AND t.updated_at >= ? ORDER BY t.agent, t.updated_at DESC";

    /** Params: queues (null = all). The open tickets now, per queue: open, overdue response, overdue resolution. */
    static final String OPEN_NOW = "SELECT t.queue, count(*),"
            + " count(*) FILTER (WHERE t.first_response_at IS NULL AND t.response_sla IS DISTINCT FROM 'met'"
            + " AND t.first_response_due < ?),"
            + " count(*) FILTER (WHERE t.resolution_due < ?)"
            + " FROM tickets t WHERE t.resolved_at IS NULL AND (?::text[] IS NULL OR t.queue = ANY(?::text[]))"
            + " GROUP BY 1";

    /**
     * Per agent and period: answered visits and their waits (all channels, and voice apart), and the first
     * responses of the digital contacts the agent answered first (response speed). Params: period starts,
     * agents (null = all), from, to, from, to. Columns: idx, agent, then the {@code ResponseTally.of} sums.
     */
    static final String AGENT_RESPONSES = "WITH f(periods, agents) AS (SELECT ?::timestamptz[], ?::text[])"
            + " SELECT idx, agent, sum(answered)::bigint, sum(wait)::bigint, sum(voice_answered)::bigint,"
            + " sum(voice_wait)::bigint, sum(frs)::bigint, sum(fr_ms)::bigint FROM ("
            + " SELECT width_bucket(v.left_at, f.periods) AS idx, v.agent, count(*) AS answered, sum(v.wait_ms) AS wait,"
            + " count(*) FILTER (WHERE v.channel = 'voice') AS voice_answered,"
            + " coalesce(sum(v.wait_ms) FILTER (WHERE v.channel = 'voice'), 0) AS voice_wait, 0 AS frs, 0 AS fr_ms"
            + " FROM queue_visits v, f WHERE v.left_at >= ? AND v.left_at < ? AND v.outcome = 'answered'"
            + " AND v.agent IS NOT NULL AND (f.agents IS NULL OR v.agent = ANY(f.agents)) GROUP BY 1, 2"
            + " UNION ALL"
            + " SELECT width_bucket(c.ended_at, f.periods), c.first_agent, 0, 0, 0, 0, count(*), sum(c.first_response_ms)"
            + " FROM contacts c, f WHERE c.ended_at >= ? AND c.ended_at < ? AND c.first_agent IS NOT NULL"
            + " AND c.first_response_ms IS NOT NULL AND c.channel <> 'voice'"
            + " AND (f.agents IS NULL OR c.first_agent = ANY(f.agents)) GROUP BY 1, 2) x GROUP BY 1, 2";
}
