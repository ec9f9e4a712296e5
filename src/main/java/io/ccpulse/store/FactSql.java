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
}
