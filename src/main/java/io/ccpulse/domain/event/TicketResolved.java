package io.ccpulse.domain.event;

import java.time.Instant;

/** Resolved; agent may be null. */
public record TicketResolved(String id, Instant time, String ticket, String agent) implements Event {
    @Override
    public EventType type() {
        return EventType.TICKET_RESOLVED;
    }
}
