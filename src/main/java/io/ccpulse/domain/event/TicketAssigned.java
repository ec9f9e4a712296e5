package io.ccpulse.domain.event;

import java.time.Instant;

/** Assigned to an agent. */
public record TicketAssigned(String id, Instant time, String ticket, String agent) implements Event {
    @Override
    public EventType type() {
        return EventType.TICKET_ASSIGNED;
    }
}
