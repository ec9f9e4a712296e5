package io.ccpulse.domain.event;

import java.time.Instant;

/** After-contact work finished; resolved and disposition may be null. */
public record ContactWrapped(String id, Instant time, String contact, String agent, Boolean resolved, String disposition) implements Event {
    @Override
    public EventType type() {
        return EventType.CONTACT_WRAPPED;
    }
}
