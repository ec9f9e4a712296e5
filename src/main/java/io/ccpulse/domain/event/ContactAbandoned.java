package io.ccpulse.domain.event;

import java.time.Instant;

/** Customer gave up while queued. */
public record ContactAbandoned(String id, Instant time, String contact) implements Event {
    @Override
    public EventType type() {
        return EventType.CONTACT_ABANDONED;
    }
}
