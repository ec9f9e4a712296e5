package io.ccpulse.domain.event;

import java.time.Instant;

/** Agent connected; the queue wait ends. */
public record ContactAnswered(String id, Instant time, String contact, String agent) implements Event {
    @Override
    public EventType type() {
        return EventType.CONTACT_ANSWERED;
    }
}
