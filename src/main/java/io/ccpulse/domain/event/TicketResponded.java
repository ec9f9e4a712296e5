package io.ccpulse.domain.event;

import java.time.Instant;

/** An agent replied to the customer. */
public record TicketResponded(String id, Instant time, String ticket, String agent) implements Event {
    @Override
    public EventType type() {
        return EventType.TICKET_RESPONDED;
    }
}
