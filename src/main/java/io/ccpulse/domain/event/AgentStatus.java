package io.ccpulse.domain.event;

import java.time.Instant;

/** Available or away (not ready) with an optional free-text reason (null when absent). */
public record AgentStatus(String id, Instant time, String agent, AgentStatusValue status, String reason) implements Event {
    @Override
    public EventType type() {
        return EventType.AGENT_STATUS;
    }
}
