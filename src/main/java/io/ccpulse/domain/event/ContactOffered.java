package io.ccpulse.domain.event;

import java.time.Instant;

/** Routed to an agent: ringing / invited. */
public record ContactOffered(String id, Instant time, String contact, String agent) implements Event {
    @Override
    public EventType type() {
        return EventType.CONTACT_OFFERED;
    }
}
