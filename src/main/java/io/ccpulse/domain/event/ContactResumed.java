package io.ccpulse.domain.event;

import java.time.Instant;

/** Customer taken off hold. */
public record ContactResumed(String id, Instant time, String contact) implements Event {
    @Override
    public EventType type() {
        return EventType.CONTACT_RESUMED;
    }
}
