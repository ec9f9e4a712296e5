package io.ccpulse.domain.event;

import java.time.Instant;

/** Refused at the door (queue full or closed). */
public record ContactBlocked(String id, Instant time, String contact, Channel channel, String queue) implements Event {
    @Override
    public EventType type() {
        return EventType.CONTACT_BLOCKED;
    }
}
