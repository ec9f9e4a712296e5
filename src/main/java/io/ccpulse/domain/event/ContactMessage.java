package io.ccpulse.domain.event;

import java.time.Instant;

/** A message in a chat / email / messaging contact. */
public record ContactMessage(String id, Instant time, String contact, Sender from) implements Event {
    @Override
    public EventType type() {
        return EventType.CONTACT_MESSAGE;
    }
}
