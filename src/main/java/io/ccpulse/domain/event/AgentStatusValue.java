package io.ccpulse.domain.event;

import java.util.Locale;

/** Status an agent sets with agent.status. Wire names are the lower-case constant names. */
public enum AgentStatusValue implements WireEnum {
    AVAILABLE,
    AWAY;

    @Override
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }
}
