package io.ccpulse.store;

/** Every SQL statement that writes facts, in one place. Inserts are idempotent (keys + DO NOTHING). */
final class FactSql {

    private FactSql() {
    }

    static final String INSERT_VISIT = "INSERT INTO queue_visits (contact, seq, queue, channel, direction, customer,"
            + " priority, queued_at, left_at, wait_ms, outcome, agent) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
            + " ON CONFLICT DO NOTHING";

    static final String INSERT_SEGMENT = "INSERT INTO handle_segments (contact, seq, agent, team, queue, channel,"
            + " direction, customer, answered_at, talk_end_at, acw_end_at, talk_ms, hold_ms, acw_ms, transferred,"
            + " resolved, disposition, acw_end) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING";

    static final String INSERT_STATE = "INSERT INTO agent_states (agent, team, state, reason, start_at, end_at)"
            + " VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING";

    static final String INSERT_SURVEY = "INSERT INTO surveys (event_id, contact, time, csat, nps, queue, channel,"
            + " agent, team) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING";

    static final String INSERT_CONTACT = "INSERT INTO contacts (contact, customer, direction, channel, entry_queue,"
            + " started_at, ended_at, answered, first_agent, first_team, last_resolved, first_response_ms)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING";

    /**
     * The newest version of a ticket (TicketWriter): inserted, or replacing the stored row only when its
     * version is higher.
     */
    static final String UPSERT_TICKET = "INSERT INTO tickets (ticket, created_at, version, updated_at, queue, priority,"
            + " category, complaint, customer, first_response_due, resolution_due, agent, first_response_at,"
            + " first_response_agent, escalations, level, first_escalated_at, resolved_at, resolved_by, resolutions,"
            + " reopens, first_reopened_at, response_sla, response_sla_at, resolution_sla, resolution_sla_at)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            + " ON CONFLICT (ticket, created_at) DO UPDATE SET version = EXCLUDED.version,"
            + " updated_at = EXCLUDED.updated_at, agent = EXCLUDED.agent,"
            + " first_response_at = EXCLUDED.first_response_at, first_response_agent = EXCLUDED.first_response_agent,"
            + " escalations = EXCLUDED.escalations, level = EXCLUDED.level,"
            + " first_escalated_at = EXCLUDED.first_escalated_at, resolved_at = EXCLUDED.resolved_at,"
            + " resolved_by = EXCLUDED.resolved_by, resolutions = EXCLUDED.resolutions, reopens = EXCLUDED.reopens,"
            + " first_reopened_at = EXCLUDED.first_reopened_at, response_sla = EXCLUDED.response_sla,"
            + " response_sla_at = EXCLUDED.response_sla_at, resolution_sla = EXCLUDED.resolution_sla,"
            + " resolution_sla_at = EXCLUDED.resolution_sla_at"
            + " WHERE tickets.version < EXCLUDED.version";
}
