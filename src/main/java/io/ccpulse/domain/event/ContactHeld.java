package io.ccpulse.domain.event;

import java.time.Instant;

/** Customer put on hold. */
public record ContactHeld(String id, Instant time, String contact) implements Event {
    @Override
    public EventType type() {
        return EventType.CONTACT_HELD;
    }
}
