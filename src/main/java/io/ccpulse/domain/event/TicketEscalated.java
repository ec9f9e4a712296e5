package io.ccpulse.domain.event;

import java.time.Instant;

/** Escalated; level may be null. */
public record TicketEscalated(String id, Instant time, String ticket, Integer level) implements Event {
    @Override
    public EventType type() {
        return EventType.TICKET_ESCALATED;
    }
}
