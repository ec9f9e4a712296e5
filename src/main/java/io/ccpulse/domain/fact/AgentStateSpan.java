package io.ccpulse.domain.fact;

import java.time.Instant;

/**
 * A closed span of one agent's timeline in one state. Spans of one agent never overlap and cover
 * the staffed session from login to logout. Split across intervals at roll-up time.
 *
 * @param reason the away reason (null unless away, or when none was given)
 */
public record AgentStateSpan(String agent, String team, AgentState state, String reason, Instant start, Instant end)
        implements Fact {

    @Override
    public String key() {
        return agent + "/" + start.toEpochMilli();
    }

    @Override
    public Instant time() {
        return start;
    }

    public long durationMs() {
        return end.toEpochMilli() - start.toEpochMilli();
    }
}
