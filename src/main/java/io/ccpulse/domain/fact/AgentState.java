package io.ccpulse.domain.fact;

import io.ccpulse.domain.event.WireEnum;
import java.util.Locale;

/**
 * An agent's state on the timeline (METRICS.md "Agent timeline"). When several apply at once the
 * highest wins, in this order: on_contact, ringing, acw, away, available. Offline is the absence
 * of a staffed session and is never stored.
 */
public enum AgentState implements WireEnum {
    AVAILABLE,
    RINGING,
    ON_CONTACT,
    ACW,
    AWAY,
    OFFLINE;

    @Override
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
