package io.ccpulse.domain.event;

import java.time.Instant;

/** A ticket is opened; optional fields may be null. */
public record TicketCreated(String id, Instant time, String ticket, String queue, String priority, String customer, String category, Instant firstResponseDue, Instant resolutionDue) implements Event {
    @Override
    public EventType type() {
        return EventType.TICKET_CREATED;
    }
}
