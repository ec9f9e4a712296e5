package io.ccpulse.domain.event;

import java.time.Instant;

/** Reopened after resolution. */
public record TicketReopened(String id, Instant time, String ticket) implements Event {
    @Override
    public EventType type() {
        return EventType.TICKET_REOPENED;
    }
}
