package io.ccpulse.domain.event;

import java.time.Instant;

/** Starts a staffed session; the agent is available. {@code name}, {@code team} may be null, {@code queues} is never null (empty when absent). */
public record AgentLogin(String id, Instant time, String agent, String name, String team, java.util.List<String> queues) implements Event {
    @Override
    public EventType type() {
        return EventType.AGENT_LOGIN;
    }
}
