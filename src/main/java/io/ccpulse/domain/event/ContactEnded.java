package io.ccpulse.domain.event;

import java.time.Instant;

/** Conversation over (endedBy may be null). While queued it counts as an abandon. */
public record ContactEnded(String id, Instant time, String contact, EndedBy endedBy) implements Event {
    @Override
    public EventType type() {
        return EventType.CONTACT_ENDED;
    }
}
