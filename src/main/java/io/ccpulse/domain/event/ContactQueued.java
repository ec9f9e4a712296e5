package io.ccpulse.domain.event;

import java.time.Instant;

/** Entered a queue (again, after a transfer). customer and priority may be null; direction defaults to inbound. */
public record ContactQueued(String id, Instant time, String contact, Channel channel, String queue, String customer, Direction direction, String priority) implements Event {
    @Override
    public EventType type() {
        return EventType.CONTACT_QUEUED;
    }
}
