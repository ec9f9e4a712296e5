package io.ccpulse.domain.event;

import java.time.Instant;

/** The agent let it ring out; the contact stays queued. */
public record ContactMissed(String id, Instant time, String contact, String agent) implements Event {
    @Override
    public EventType type() {
        return EventType.CONTACT_MISSED;
    }
}
