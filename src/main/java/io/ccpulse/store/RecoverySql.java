package io.ccpulse.store;

/** Every SQL statement of restart recovery (reading stored events and fact keys), in one place. */
final class RecoverySql {

    private RecoverySql() {
    }

    private static final String NOT_LATE = " NOT EXISTS (SELECT 1 FROM late_events l WHERE l.id = e.id)";

    /** The newest stored event time the engine applied (late ones left out). */
    static final String NEWEST = "SELECT max(e.time) FROM events e WHERE" + NOT_LATE;

    /**
     * The earliest start of an agent session still open at T: per agent, the first agent-related event
     * (login, status, or a contact event naming the agent, which logs in implicitly) after the agent's
     * last logout before T. Params: T - lookback, T.
     */
    static final String AGENTS_OPEN_AT = "WITH ev AS (SELECT e.payload->>'agent' AS agent, e.type, e.time FROM events e"
            + " WHERE e.time >= ? AND e.time < ? AND e.payload->>'agent' IS NOT NULL AND e.type NOT LIKE 'ticket.%'"
            + " AND" + NOT_LATE + "),"
            + " out AS (SELECT agent, max(time) AS t FROM ev WHERE type = 'agent.logout' GROUP BY agent)"
            + " SELECT min(ev.time) FROM ev LEFT JOIN out o ON o.agent = ev.agent WHERE o.t IS NULL OR ev.time > o.t";

    /**
     * The earliest first event of a contact that had an event in [T - margin, T): such a contact may
     * still be live (queued, connected, in ACW, or remembered as finished) at T. Params: T - lookback,
     * T, T - margin.
     */
    static final String CONTACTS_OPEN_AT = "SELECT min(first) FROM (SELECT e.payload->>'contact' AS c,"
            + " min(e.time) AS first, max(e.time) AS last FROM events e WHERE e.time >= ? AND e.time < ?"
            + " AND e.payload->>'contact' IS NOT NULL AND e.type LIKE 'contact.%' AND" + NOT_LATE + " GROUP BY 1) x"
            + " WHERE x.last >= ?";

    /** The stored events from a time on, oldest first, as JSON text. Params: from. */
    static final String EVENTS_FROM = "SELECT e.time, e.payload::text FROM events e WHERE e.time >= ? AND"
            + NOT_LATE + " ORDER BY e.time";

    /**
     * The key of every stored fact placed at or after a time: kind, Fact.key(), fact time in ms.
     * Params: from (five times).
     */
    static final String FACT_KEYS = "SELECT 'visit|' || contact || '/' || seq || '|'"
            + " || (extract(epoch FROM left_at) * 1000)::bigint FROM queue_visits WHERE left_at >= ?"
            + " UNION ALL SELECT 'segment|' || contact || '/' || seq || '|'"
            + " || (extract(epoch FROM acw_end_at) * 1000)::bigint FROM handle_segments WHERE acw_end_at >= ?"
            + " UNION ALL SELECT 'span|' || agent || '/' || (extract(epoch FROM start_at) * 1000)::bigint || '|'"
            + " || (extract(epoch FROM start_at) * 1000)::bigint FROM agent_states WHERE start_at >= ?"
            + " UNION ALL SELECT 'survey|' || event_id || '|' || (extract(epoch FROM time) * 1000)::bigint"
            + " FROM surveys WHERE time >= ?"
            + " UNION ALL SELECT 'contact|' || contact || '|' || (extract(epoch FROM ended_at) * 1000)::bigint"
            + " FROM contacts WHERE ended_at >= ?";

    /**
     * Tickets the engine held at R and that did not change since (restored as stored): created and last
     * changed before R, open and changed within 90 days, or resolved and changed within 30 days.
     * Params: R, R, R - 90 days, R - 30 days.
     */
    static final String TICKETS_TO_RESTORE = "SELECT ticket, created_at, version, updated_at, queue, priority,"
            + " category, customer, first_response_due, resolution_due, agent, agent_team, first_response_at,"
            + " first_response_agent, escalations, level, first_escalated_at, resolved_at, resolved_by, resolutions,"
            + " reopens, first_reopened_at, response_sla, response_sla_at, resolution_sla, resolution_sla_at"
            + " FROM tickets WHERE updated_at < ? AND created_at < ?"
            + " AND ((resolved_at IS NULL AND updated_at >= ?) OR (resolved_at IS NOT NULL AND updated_at >= ?))";

    /**
     * The stored ticket events before R of the tickets created before R that changed at or after R (their
     * state at R is rebuilt from their events). Params: R, R, R. Columns: time, payload.
     */
    static final String TICKET_EVENTS_BEFORE = "WITH t AS (SELECT ticket, created_at FROM tickets"
            + " WHERE created_at < ? AND updated_at >= ?)"
            + " SELECT e.time, e.payload::text FROM events e JOIN t ON e.payload->>'ticket' = t.ticket"
            + " WHERE e.type LIKE 'ticket.%' AND e.time >= t.created_at AND e.time < ?"
            + " AND e.time >= (SELECT min(created_at) FROM t) AND" + NOT_LATE + " ORDER BY e.time";
}
