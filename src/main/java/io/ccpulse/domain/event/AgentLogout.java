package io.ccpulse.domain.event;

import java.time.Instant;

/** Ends the staffed session. */
public record AgentLogout(String id, Instant time, String agent) implements Event {
    @Override
    public EventType type() {
        return EventType.AGENT_LOGOUT;
    }
}
